"""Whole HTML documents: what ``--format html`` writes to a file, what a browser prints, what PDF is made of.

A document is the report's fragment (:mod:`cpcinfo.report.html`, the same markup Jupyter shows) inside a
page that declares its encoding (``<meta charset="utf-8">``, so that no browser guesses a legacy code page
and shows mojibake), its language and a title, with one stylesheet:

- on screen, the fragment's own inline styles;
- in print (and so in the PDF), the 评分表 laid out as the official form on A4 landscape: the notice's title,
  建库单位 / 验收得分 on top, the columns 项目, 序号, 项目分类, 评分方法, 存在问题, 分值, 扣分, 得分 with the
  项目 of each part spanning its rows, a signature block (检查人, 被检查单位负责人, 日期) under the sheet;
  the header rows repeat on every page and no item's row is split by a page break. The findings list and
  the sample manifest follow as an annex on a new page.

Rendering only: every function returns a ``str``.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Final

import attrs

from cpcinfo.report import html as fragments
from cpcinfo.report.views import CHECK_TITLE, SHEET_TITLE, audit_view, check_view, plain_sheet_view

if TYPE_CHECKING:
    from cpcinfo.acceptance.audit import AuditResult
    from cpcinfo.acceptance.sheet import ScoreSheet
    from cpcinfo.checking.result import CheckResult

CJK_FONTS: Final = ('"Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, "Noto Sans CJK SC", '
                    '"Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", serif')
"""Print fonts: a Song (serif) face first, as official forms are set, then any CJK face the machine has."""

STYLESHEET: Final = f"""
html {{ -webkit-text-size-adjust: 100%; }}
body {{ margin: 16px; }}
.cpcinfo-sign {{ display: flex; gap: 4em; margin: 14px 0 6px 0; font-size: 14px; }}
.cpcinfo-sign span {{ white-space: nowrap; }}
.cpcinfo-sign .blank {{ display: inline-block; min-width: 9em; border-bottom: 1px solid #333; }}
@page {{
  size: A4 landscape;
  margin: 8mm 10mm 10mm 10mm;
  @bottom-center {{ content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"; font-size: 8pt; }}
}}
@media print {{
  body {{ margin: 0; }}
  .cpcinfo-report {{ max-width: none !important; font-family: {CJK_FONTS} !important;
                     font-size: 8pt !important; line-height: 1.25 !important; color: #000 !important; }}
  .cpcinfo-report table {{ page-break-inside: auto; }}
  .cpcinfo-report thead {{ display: table-header-group; }}
  .cpcinfo-report tfoot {{ display: table-row-group; }}
  .cpcinfo-report tr, .cpcinfo-report th, .cpcinfo-report td {{ break-inside: avoid;
                                                                 page-break-inside: avoid; }}
  .cpcinfo-report th, .cpcinfo-report td {{ border-color: #000 !important; padding: 1pt 2.5pt !important; }}
  .cpcinfo-report table.cpcinfo-sheet {{ width: 100% !important; margin: 0 !important; }}
  .cpcinfo-report table.cpcinfo-sheet caption {{ font-size: 15pt !important; letter-spacing: 0.1em;
                                                 padding: 0 0 4pt 0 !important; }}
  .cpcinfo-report .cpcinfo-notes {{ font-size: 8pt; margin: 2pt 0; }}
  .cpcinfo-report .cpcinfo-notes ol {{ margin: 0; }}
  .cpcinfo-report .cpcinfo-sign {{ font-size: 10pt; margin: 8pt 0 0 0; }}
  .cpcinfo-report .cpcinfo-annex {{ break-before: page; page-break-before: always; }}
  .cpcinfo-report .cpcinfo-annex table {{ font-size: 7.5pt; }}
  .cpcinfo-report details > summary {{ list-style: none; }}
  .cpcinfo-report details > summary::-webkit-details-marker {{ display: none; }}
  .cpcinfo-report h3, .cpcinfo-report h4 {{ break-after: avoid; page-break-after: avoid; }}
}}
"""
"""The document's stylesheet: a print layout over the fragment's inline styles (hence ``!important``)."""

SIGNATURE_ROLES: Final = ("检查人", "被检查单位负责人", "日期")


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def document(body: str, *, title: str) -> str:
    """``body`` (an HTML fragment) as a whole page titled ``title``."""
    return ("<!DOCTYPE html>\n"
            '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="cpcinfo">\n<title>{_e(title)}</title>\n'
            f"<style>{STYLESHEET}</style>\n</head>\n<body>\n{body}</body>\n</html>\n")


def signature_block() -> str:
    """The lines the inspector and the unit's head sign, and the date."""
    cells = "".join(f'<span>{_e(role)}：<span class="blank"></span></span>' for role in SIGNATURE_ROLES)
    return f'<div class="cpcinfo-sign">{cells}</div>'


def _title(unit: str | None, what: str) -> str:
    return f"{unit}　{what}" if unit else what


def sheet_document(sheet: ScoreSheet, *, mask_ids: bool = True) -> str:
    """The score sheet alone with its notes and the signature block, as a page to print and sign."""
    view = plain_sheet_view(sheet, mask_ids=mask_ids)
    body = fragments.wrap(fragments.sheet_view_html(view) + "\n" + signature_block())
    return document(body, title=_title(view.unit, SHEET_TITLE))


def audit_document(result: AuditResult, *, mask_ids: bool = True, findings: str = "all",
                   findings_hint: str = "") -> str:
    """The whole audit as a page: the sheet to sign, then the annex (samples, editions, the findings)."""
    view = audit_view(result, mask_ids=mask_ids)
    view = attrs.evolve(view, check=attrs.evolve(view.check, listing=findings, listing_hint=findings_hint))
    body = fragments.audit_view_html(view, open_list=True, signature=signature_block())
    return document(body, title=_title(view.unit, SHEET_TITLE))


def check_document(result: CheckResult, *, mask_ids: bool = True, findings: str = "all",
                   findings_hint: str = "") -> str:
    """A whole-database check as a page."""
    view = attrs.evolve(check_view(result, mask_ids=mask_ids), listing=findings, listing_hint=findings_hint)
    return document(fragments.check_view_html(view, open_list=True), title=CHECK_TITLE)
