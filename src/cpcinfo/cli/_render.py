"""Rendering a report in the format asked for: text, Markdown and JSON as rendered, HTML as a whole document
(doctype, charset, title, print stylesheet), PDF through WeasyPrint (the ``pdf`` extra). The bytes leave
through the one output layer, :func:`cpcinfo.cli._output.write`."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from cpcinfo.cli._common import FORMATS, Usage, inputs, is_terminal
from cpcinfo.cli._listing import listing, width
from cpcinfo.cli._output import write


def emit(result: Any, args: argparse.Namespace, *, audit: bool) -> None:
    """Render ``result`` (an audit when ``audit``, else a check) as ``args.format`` and write it."""
    findings, hint = listing(args)
    mask_ids = not args.show_ids
    fmt = FORMATS[args.format]
    report: str | bytes
    # No catch-all here: a ValueError while rendering is a bug (exit 3), not a usage error; the options
    # that could be wrong (--width, a PDF on a terminal) are refused above as what they are.
    if fmt == "pdf":
        if args.output is None and is_terminal(sys.stdout):
            raise Usage("PDF 不能输出到终端：用 -o 文件名.pdf 写入文件")
        from cpcinfo.report.pdf import PdfUnavailable, audit_pdf, check_pdf

        try:
            report = (audit_pdf if audit else check_pdf)(result, mask_ids=mask_ids, findings=findings)
        except PdfUnavailable as exc:
            raise Usage(str(exc)) from None
    elif fmt == "html":
        from cpcinfo.report.document import audit_document, check_document

        report = (audit_document if audit else check_document)(result, mask_ids=mask_ids, findings=findings,
                                                               findings_hint=hint)
    else:
        from cpcinfo.report import render_audit, render_check

        report = (render_audit if audit else render_check)(result, fmt, mask_ids=mask_ids, findings=findings,
                                                           findings_hint=hint, width=width(args))
    write(report, args.output, inputs=inputs(args))
