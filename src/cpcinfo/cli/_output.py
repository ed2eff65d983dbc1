"""Writing a report in the format asked for: text, Markdown and JSON as rendered, HTML as a whole document
(doctype, charset, title, print stylesheet), PDF through WeasyPrint (the ``pdf`` extra)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from cpcinfo.cli._common import FORMATS, Usage, os_error, write
from cpcinfo.cli._listing import listing, width


def emit(result: Any, args: argparse.Namespace, *, audit: bool) -> None:
    """Render ``result`` (an audit when ``audit``, else a check) as ``args.format`` and write it."""
    findings, hint = listing(args)
    mask_ids = not args.show_ids
    fmt = FORMATS[args.format]
    try:
        if fmt == "pdf":
            from cpcinfo.report.pdf import PdfUnavailable, audit_pdf, check_pdf

            try:
                data = (audit_pdf if audit else check_pdf)(result, mask_ids=mask_ids, findings=findings)
            except PdfUnavailable as exc:
                raise Usage(str(exc)) from None
            write_bytes(data, args.output)
            return
        if fmt == "html":
            from cpcinfo.report.document import audit_document, check_document

            report = (audit_document if audit else check_document)(result, mask_ids=mask_ids, findings=findings,
                                                                   findings_hint=hint)
        else:
            from cpcinfo.report import render_audit, render_check

            report = (render_audit if audit else render_check)(result, fmt, mask_ids=mask_ids, findings=findings,
                                                               findings_hint=hint, width=width(args))
    except ValueError as exc:
        raise Usage(str(exc)) from None
    write(report, args.output)


def write_bytes(data: bytes, output: str | None) -> None:
    """Binary output (PDF): into ``output``, or into a pipe; never onto a terminal."""
    if output is None:
        if sys.stdout.isatty():
            raise Usage("PDF 不能输出到终端：用 -o 文件名.pdf 写入文件")
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from cpcinfo.io import InputError

    try:
        Path(output).write_bytes(data)
    except OSError as exc:
        raise InputError(output, f"无法写入：{os_error(exc)}") from None
