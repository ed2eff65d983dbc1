"""Reports: an audit or a check rendered as text, Markdown, HTML or JSON.

Rendering only: every function here is pure and returns a ``str`` (or, for :func:`audit_to_dict` and
:func:`check_to_dict`, a JSON-ready ``dict``); nothing is written, printed or timed. Identity numbers are
masked unless ``mask_ids=False`` (see :mod:`cpcinfo.masking`).

Every format renders the same views (:mod:`cpcinfo.report.views`); plain text is laid out by
:mod:`cpcinfo.report.layout`. :func:`notebook_html` is what a Jupyter notebook shows for a result.

>>> FORMATS
('text', 'markdown', 'html', 'json')
"""

from __future__ import annotations

from typing import Final

import attrs

from cpcinfo.acceptance.audit import AuditResult
from cpcinfo.acceptance.sheet import ScoreSheet
from cpcinfo.checking.result import CheckResult
from cpcinfo.errors import InvalidArgumentError
from cpcinfo.masking import mask_id
from cpcinfo.report.html import audit_html, audit_view_html, check_result_html, check_view_html, sheet_html
from cpcinfo.report.json_report import (
    AUDIT_SCHEMA,
    CHECK_SCHEMA,
    SHEET_SCHEMA,
    audit_json,
    audit_to_dict,
    check_json,
    check_to_dict,
    sheet_json,
    sheet_to_dict,
)
from cpcinfo.report.layout import display_width, pad, wrap
from cpcinfo.report.markdown import (
    audit_markdown,
    audit_view_markdown,
    check_markdown,
    check_view_markdown,
    sheet_markdown,
)
from cpcinfo.report.text import DEFAULT_WIDTH, audit_text, audit_view_text, check_text, check_view_text, sheet_text
from cpcinfo.report.views import LISTINGS, audit_view, check_view

FORMATS: Final = ("text", "markdown", "html", "json")
"""The formats of :func:`render_audit`, :func:`render_check` and :func:`render_sheet`."""


def notebook_html(result: AuditResult | CheckResult | ScoreSheet) -> str:
    """The HTML fragment a Jupyter notebook shows for an audit, a check or a score sheet, identity numbers
    masked (:func:`audit_html`, :func:`check_result_html`, :func:`sheet_html`).

    It is what ``_repr_html_`` of :class:`~cpcinfo.acceptance.audit.AuditResult`,
    :class:`~cpcinfo.checking.result.CheckResult` and :class:`~cpcinfo.acceptance.sheet.ScoreSheet` return,
    and the one link from the results to the reports: each imports it when called, never at import time.
    """
    if isinstance(result, AuditResult):
        return audit_html(result)
    if isinstance(result, CheckResult):
        return check_result_html(result)
    if isinstance(result, ScoreSheet):
        return sheet_html(result)
    raise TypeError(f"no notebook view of {type(result).__name__}: an AuditResult, CheckResult or ScoreSheet")


def _check_format(format: str) -> str:
    if format not in FORMATS:
        raise InvalidArgumentError(f"未知的报告格式「{format}」，可用：{', '.join(FORMATS)}")
    return format


def render_audit(result: AuditResult, format: str = "text", *, mask_ids: bool = True, findings: str = "all",
                 findings_hint: str = "", width: int = DEFAULT_WIDTH) -> str:
    """An audit as one of :data:`FORMATS`: the score sheet, notes, samples, editions and the findings.

    ``findings`` (one of :data:`LISTINGS`) says which findings are listed one by one — ``"all"``,
    ``"counted"`` or ``"none"`` — the counts always cover every finding, and ``findings_hint`` (say, how to
    get the whole list) is printed where the list is cut; JSON always carries every finding. ``width`` is the
    width of the text report in columns.
    """
    fmt = _check_format(format)
    if fmt == "json":
        return audit_json(result, mask_ids=mask_ids)
    view = audit_view(result, mask_ids=mask_ids)
    view = attrs.evolve(view, check=attrs.evolve(view.check, listing=findings, listing_hint=findings_hint))
    match fmt:
        case "text":
            return audit_view_text(view, width=width)
        case "markdown":
            return audit_view_markdown(view)
        case _:
            return audit_view_html(view)


def render_check(result: CheckResult, format: str = "text", *, mask_ids: bool = True, findings: str = "all",
                 findings_hint: str = "", width: int = DEFAULT_WIDTH) -> str:
    """A whole-database check as one of :data:`FORMATS`: counts, findings by item and rule, the findings
    (``findings``, ``findings_hint`` and ``width`` as for :func:`render_audit`)."""
    fmt = _check_format(format)
    if fmt == "json":
        return check_json(result, mask_ids=mask_ids)
    view = attrs.evolve(check_view(result, mask_ids=mask_ids), listing=findings, listing_hint=findings_hint)
    match fmt:
        case "text":
            return check_view_text(view, width=width)
        case "markdown":
            return check_view_markdown(view)
        case _:
            return check_view_html(view)


def render_sheet(sheet: ScoreSheet, format: str = "text", *, mask_ids: bool = True) -> str:
    """A score sheet alone (no date, samples or findings list) as one of :data:`FORMATS`."""
    match _check_format(format):
        case "text":
            return sheet_text(sheet, mask_ids=mask_ids)
        case "markdown":
            return sheet_markdown(sheet, mask_ids=mask_ids)
        case "html":
            return sheet_html(sheet, mask_ids=mask_ids)
        case _:
            return sheet_json(sheet, mask_ids=mask_ids)


__all__ = [
    "AUDIT_SCHEMA",
    "CHECK_SCHEMA",
    "DEFAULT_WIDTH",
    "FORMATS",
    "LISTINGS",
    "SHEET_SCHEMA",
    "audit_html",
    "audit_json",
    "audit_markdown",
    "audit_text",
    "audit_to_dict",
    "check_json",
    "check_markdown",
    "check_result_html",
    "check_text",
    "check_to_dict",
    "display_width",
    "mask_id",
    "notebook_html",
    "pad",
    "render_audit",
    "render_check",
    "render_sheet",
    "sheet_html",
    "sheet_json",
    "sheet_markdown",
    "sheet_text",
    "sheet_to_dict",
    "wrap",
]
