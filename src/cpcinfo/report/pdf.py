"""The printed 评分表 as PDF: the whole HTML document (:mod:`cpcinfo.report.document`) laid out by WeasyPrint.

One layout, not two: the PDF is the document's print stylesheet applied by WeasyPrint (A4 landscape, header
rows repeated, no item's row split, the annex on a new page), so printing the HTML file from a browser and
printing the PDF give the same sheet. WeasyPrint embeds (subsets) the fonts it uses; the stylesheet asks for
a Song face first (Noto Serif CJK SC, as in Debian's ``fonts-noto-cjk``) and falls back on any CJK font the
machine has. WeasyPrint and its Pango library are the optional extra ``pdf``::

    pip install 'cpcinfo[pdf]'      # and, on Debian/Ubuntu: apt-get install libpango-1.0-0 fonts-noto-cjk
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cpcinfo.errors import CpcinfoError
from cpcinfo.report.document import audit_document, check_document, sheet_document

if TYPE_CHECKING:
    from cpcinfo.acceptance.audit import AuditResult
    from cpcinfo.acceptance.sheet import ScoreSheet
    from cpcinfo.checking.result import CheckResult

INSTALL_HINT = ("生成 PDF 需要可选组件：pip install 'cpcinfo[pdf]'"
                "（Debian/Ubuntu 另需 apt-get install libpango-1.0-0 fonts-noto-cjk）")


class PdfUnavailable(CpcinfoError, RuntimeError):
    """WeasyPrint (the ``pdf`` extra) or the Pango library it needs is not installed."""


def _weasyprint() -> Any:
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: WeasyPrint is there but Pango is not
        raise PdfUnavailable(f"{INSTALL_HINT}（{type(exc).__name__}: {exc}）") from None
    return weasyprint


def document_pdf(document: str) -> bytes:
    """A whole HTML document as PDF bytes."""
    pdf: bytes = _weasyprint().HTML(string=document).write_pdf()
    return pdf


def audit_pdf(result: AuditResult, *, mask_ids: bool = True, findings: str = "all") -> bytes:
    """The audit printed: the sheet to sign on the first page, then the annex (samples, findings)."""
    return document_pdf(audit_document(result, mask_ids=mask_ids, findings=findings))


def sheet_pdf(sheet: ScoreSheet, *, mask_ids: bool = True) -> bytes:
    """The score sheet alone with its signature block (one page for a sheet like the demo unit's)."""
    return document_pdf(sheet_document(sheet, mask_ids=mask_ids))


def check_pdf(result: CheckResult, *, mask_ids: bool = True, findings: str = "all") -> bytes:
    """A whole-database check printed."""
    return document_pdf(check_document(result, mask_ids=mask_ids, findings=findings))
