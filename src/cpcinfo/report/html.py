"""HTML reports: a self-contained HTML5 fragment, used for files and for Jupyter (``_repr_html_``).

The fragment is one ``<div>`` with no external assets, no script and no ``<style>`` element (its minimal CSS
is inline, in ``style`` attributes, so that it neither leaks into nor depends on the page around it). The
score sheet is a ``<table>`` laid out like the official 检查验收评分表: 建库单位 and 验收得分 on top, a
two-row heading whose 评分 spans 分值, 扣分 and 得分, and the 项目 of each part spanning its rows. Every text
is escaped with :func:`html.escape`.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from cpcinfo.findings import FindingStatus
from cpcinfo.report.views import (
    CHECK_TITLE,
    SHEET_TITLE,
    AuditView,
    CheckView,
    FindingView,
    SampleView,
    SheetView,
    audit_view,
    check_view,
    count_text,
    plain_sheet_view,
    roster_note,
)

if TYPE_CHECKING:
    from cpcinfo.acceptance.audit import AuditResult
    from cpcinfo.acceptance.sheet import ScoreSheet
    from cpcinfo.checking.result import CheckResult

# Every cell says its own text-align and white-space: a notebook's stylesheet right-aligns table cells and
# lets them shrink, and inline styles are what it cannot override.
_FONTS: Final = ("'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',"
                 "'WenQuanYi Micro Hei',sans-serif")  # single quotes: it goes into a style="…" attribute
_ROOT: Final = (f"font-family:{_FONTS};font-size:13px;line-height:1.45;color:#222;text-align:left;"
                "max-width:1200px")
_TABLE: Final = "border-collapse:collapse;margin:6px 0 12px 0;table-layout:auto"
_SHEET_TABLE: Final = _TABLE + ";width:100%"
_CELL: Final = "border:1px solid #999;padding:2px 5px;vertical-align:top;text-align:left"
_HEAD: Final = ("border:1px solid #999;padding:2px 5px;background:#eee;text-align:center;vertical-align:middle;"
                "white-space:nowrap")
_PART_HEAD: Final = ("border:1px solid #999;padding:2px 5px;background:#eee;text-align:center;"
                     "vertical-align:middle;min-width:7.5em")
_NUM: Final = ("border:1px solid #999;padding:2px 5px;vertical-align:top;text-align:right;"
               "white-space:nowrap")
_SHEET_COLUMNS: Final = ("8%", "3.5%", "14%", "30%", "15.5%", "15.5%", "4.5%", "4.5%", "4.5%")
"""Widths of the sheet's nine columns (存在问题 spans two): none is ever one character wide."""
_CAPTION: Final = "font-size:16px;font-weight:bold;padding:4px"
_STATUS_COLORS: Final = {
    FindingStatus.COUNTED: "#b00020",
    FindingStatus.NOT_SAMPLED: "#666",
    FindingStatus.WAIVED: "#2e7d32",
    FindingStatus.PREVIEW: "#666",
    FindingStatus.WAIVER_REPORT: "#8a6d00",
}


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _td(text: object, *, style: str = _CELL, attrs: str = "", raw: bool = False) -> str:
    body = str(text) if raw else _e(text)
    return f'<td style="{style}"{attrs}>{body}</td>'


def _th(text: object, *, attrs: str = "", style: str = _HEAD) -> str:
    return f'<th style="{style}"{attrs}>{_e(text)}</th>'


def _multiline(text: str) -> str:
    return "<br>".join(_e(line) for line in text.split("\n"))


def _sheet_table(view: SheetView) -> str:
    rows = [f'<table class="cpcinfo-sheet" style="{_SHEET_TABLE}">',
            f'<caption style="{_CAPTION};text-align:center">{_e(SHEET_TITLE)}</caption>',
            "<colgroup>" + "".join(f'<col style="width:{w}">' for w in _SHEET_COLUMNS) + "</colgroup>",
            "<thead>"]
    rows.append(
        "<tr>" + _th("建库单位") + _td(view.unit_text, attrs=' colspan="3"')
        + _td(f"检查日期：{_e(view.date_text)}", style=_CELL + ";white-space:nowrap", raw=True) + _th("验收得分")
        + _td(f"<strong>{view.total}</strong>", style=_NUM, raw=True) + _th("等次")
        + _td(f"<strong>{_e(view.grade.label)}</strong>", style=_CELL + ";white-space:nowrap", raw=True) + "</tr>"
    )
    rows.append("<tr>" + "".join(_th(h, attrs=' rowspan="2"') for h in ("项目", "序号", "项目分类", "评分方法"))
                + _th("存在问题", attrs=' rowspan="2" colspan="2"') + _th("评分", attrs=' colspan="3"') + "</tr>")
    rows.append("<tr>" + "".join(_th(h) for h in ("分值", "扣分", "得分")) + "</tr>")
    rows.append("</thead>")
    rows.append("<tbody>")
    for row in view.rows:
        cells = []
        if row.first_of_part:
            cells.append(f'<th style="{_PART_HEAD}" rowspan="{row.part_rows}" scope="rowgroup">'
                         f"{_e(row.item.part.title)}<br>（{row.item.part.maximum}分）</th>")
        cells += [
            _td(row.item.number, style=_NUM + ";text-align:center"), _td(row.item.title), _td(row.item.method),
            _td(_multiline("\n".join(row.problems_lines)), attrs=' colspan="2"', raw=True),
            _td(row.item.maximum, style=_NUM), _td(row.deducted, style=_NUM), _td(row.kept, style=_NUM),
        ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    rows.append("</tbody>")
    rows.append("<tfoot><tr>" + _th("合计", attrs=' colspan="4"')
                + _td(f"验收得分 {view.total}，等次 {view.grade.label}", attrs=' colspan="2"')
                + _td(view.maximum, style=_NUM) + _td(view.deductions, style=_NUM)
                + _td(f"<strong>{view.total}</strong>", style=_NUM, raw=True) + "</tr></tfoot>")
    rows.append("</table>")
    return "\n".join(rows)


def _notes(notes: Sequence[str]) -> str:
    if not notes:
        return '<div class="cpcinfo-notes"><p>说明：无</p></div>'
    return ('<div class="cpcinfo-notes"><p>说明：</p><ol>' + "".join(f"<li>{_e(n)}</li>" for n in notes)
            + "</ol></div>")


def _simple_table(headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[int] = (),
                  nowrap: Sequence[int] = (0,)) -> str:
    """A table of already-escaped cells; the ``nowrap`` columns (a label, a short code) never wrap."""
    head = "<tr>" + "".join(_th(h) for h in headers) + "</tr>"

    def style(i: int) -> str:
        return _NUM if i in numeric else _CELL + (";white-space:nowrap" if i in nowrap else "")

    body = "".join("<tr>" + "".join(_td(c, style=style(i), raw=True) for i, c in enumerate(r)) + "</tr>"
                   for r in rows)
    return f'<table style="{_TABLE}"><thead>{head}</thead><tbody>{body}</tbody></table>'


_LIST_TABLE: Final = "border-collapse:separate;border-spacing:10px 3px;margin:4px 0 10px -10px"
_LIST_ROW: Final = "vertical-align:top"
_LIST_HEAD: Final = "vertical-align:bottom;text-align:left;border-bottom:1px solid #999"
_LIST_CELL: Final = ' style="text-align:left"'
_LIST_NOWRAP: Final = ' style="text-align:left;white-space:nowrap"'
_FINDING_NOWRAP: Final = (0, 6)  # the number and the kind (不规范) never wrap


def _list_table(headers: Sequence[str], rows: Sequence[Sequence[str]], nowrap: Sequence[int] = ()) -> str:
    """A long table of already-escaped cells (the findings), kept light: no style on each cell."""
    head = (f'<tr style="{_LIST_HEAD}">' + "".join(f'<th style="text-align:left;white-space:nowrap">{_e(h)}</th>'
                                                    for h in headers) + "</tr>")
    body = "".join(f'<tr style="{_LIST_ROW}">' + "".join(f"<td{_LIST_NOWRAP if i in nowrap else _LIST_CELL}>{c}</td>"
                                                     for i, c in enumerate(r)) + "</tr>" for r in rows)
    return f'<table style="{_LIST_TABLE}"><thead>{head}</thead><tbody>{body}</tbody></table>'


def _samples(samples: Sequence[SampleView], seed: int | str) -> str:
    rows = [[_e(s.label), _e(count_text(s.population, s.population_size)), _e(s.required), _e(len(s.drawn)),
             f"<code>{_e(s.seed)}</code>", f"<code>{_e(s.population_sha256)}</code>",
             _e("、".join(s.drawn)) or "（无）"] for s in samples]
    return (f"<h3>抽样</h3><p>随机种子：<code>{_e(seed)}</code>（各总体以「种子/总体」为种子分别抽取）</p>"
            + _simple_table(("总体", "总数", "最少抽查", "实际抽查", "种子", "总体 SHA-256", "抽中"), rows,
                            numeric=(2, 3), nowrap=(0, 1, 4)))


def _editions(view: CheckView) -> str:
    parts = ["<h3>规则集与代码表版本</h3>", f"<p>规则集：<code>{_e(view.ruleset or '（未注明）')}</code></p>"]
    if view.preview_rules:
        parts.append("<p>试行规则（不计分）：" + "、".join(f"<code>{_e(r)}</code>" for r in view.preview_rules)
                     + "</p>")
    if view.editions:
        parts.append(_simple_table(("代码表", "版本"),
                                   [[f"<code>{_e(n)}</code>", _e(ed)] for n, ed in view.editions]))
    return "".join(parts)


_FINDING_HEADERS: Final = ("#", "状态", "规则", "记录", "字段", "记录值", "类型", "说明", "建议")


def _finding_cells(number: int, f: FindingView) -> list[str]:
    color = _STATUS_COLORS[f.status]
    status = f'<span style="color:{color};white-space:nowrap">{_e(f.status.label)}</span>'
    if f.waiver is not None:
        status += f"<br>{_e(f.waiver.reason)}"
        if f.waiver.approved_by:
            status += f"<br>批准人：{_e(f.waiver.approved_by)}"
        if f.waiver.expires_on is not None:
            status += f"<br>有效至 {_e(f.waiver.expires_on.isoformat())}"
    field = _e(f.label) + (f"<br><code>{_e(f.field)}</code>" if f.field else "")
    return [_e(number), status, f"<code>{_e(f.rule)}</code><br>{_e(f.rule_title)}", _e(f.key_text), field,
            _e(f.value_text), _e(f.kind.label), _e(f.message), _e(f.suggestion_text)]


def _summary(view: CheckView) -> str:
    parts = [f"{s.label} {view.count(s)} 条" for s in FindingStatus
             if s is not FindingStatus.WAIVER_REPORT and (s is FindingStatus.COUNTED or view.count(s))]
    return f"共 {len(view.findings)} 条（" + "，".join(parts) + "）"


def _findings(view: CheckView, *, open_list: bool) -> str:
    parts = [f"<details{' open' if open_list else ''}><summary><strong>问题清单</strong> {_e(_summary(view))}"
             "</summary>"]
    if view.listing_note is not None:
        parts.append(f"<p>{_e(view.listing_note)}</p>")
    number = 0
    for summary in view.by_item:
        rows = []
        for finding in view.listed:
            if finding.item == summary.item.number:
                number += 1
                rows.append(_finding_cells(number, finding))
        if not rows:
            continue
        parts.append(f"<h4>第{summary.item.number}项 {_e(summary.item.part.title)}·{_e(summary.item.title)}"
                     f"（{summary.total}条）</h4>")
        parts.append(_list_table(_FINDING_HEADERS, rows, nowrap=_FINDING_NOWRAP))
    if not view.findings:
        parts.append("<p>（无）</p>")
    parts.append("</details>")
    parts.append("<h3>豁免报告</h3>")
    if view.waiver_reports:
        parts.append(_list_table(("#", "规则", "记录", "说明", "理由"),
                                 [[_e(n), f"<code>{_e(f.rule)}</code><br>{_e(f.rule_title)}", _e(f.key_text),
                                   _e(f.message), _e(f.value_text)] for n, f in enumerate(view.waiver_reports, 1)]))
    else:
        parts.append("<p>（无）</p>")
    return "\n".join(parts)


_HINT: Final = "border-left:4px solid #c77700;background:#fff8e1;padding:4px 10px;margin:6px 0;text-align:left"


def _patterns(view: CheckView) -> str:
    """The column-wide patterns, once, at the top (see :mod:`cpcinfo.report.patterns`)."""
    if not view.patterns:
        return ""
    items = "".join(f"<li>{_e(p.text)}</li>" for p in view.patterns)
    return (f'<div class="cpcinfo-patterns" style="{_HINT}"><strong>提示：以下问题是整列的同一种写法，'
            f"多半一次即可改正</strong><ol>{items}</ol></div>")


def wrap(body: str) -> str:
    """``body`` inside the report's root ``<div>``."""
    return f'<div class="cpcinfo-report" style="{_ROOT}">\n{body}\n</div>\n'


def sheet_view_html(view: SheetView) -> str:
    """The sheet table and its notes (no wrapper)."""
    return _sheet_table(view) + "\n" + _notes(view.notes)


def sheet_html(sheet: ScoreSheet, *, mask_ids: bool = True) -> str:
    """The score sheet alone as an HTML fragment (what a notebook shows: :func:`cpcinfo.report.notebook_html`)."""
    return wrap(sheet_view_html(plain_sheet_view(sheet, mask_ids=mask_ids)))


def audit_view_html(view: AuditView, *, open_list: bool = False, signature: str = "") -> str:
    """The HTML report of an audit view; the findings list is folded (``<details>``) unless ``open_list``;
    ``signature`` (a signature block) follows the sheet and its notes. The samples, editions and findings
    form the annex (``class="cpcinfo-annex"``), which a printed page starts on a new sheet of paper."""
    notes = (*view.sheet.notes, roster_note(True)) if view.check.roster_checked else view.sheet.notes
    annex = "\n".join([_samples(view.samples, view.seed), _editions(view.check),
                       _findings(view.check, open_list=open_list)])
    return wrap("\n".join([_patterns(view.check), _sheet_table(view.sheet), _notes(notes), signature,
                           f'<div class="cpcinfo-annex">\n{annex}\n</div>']))


def audit_html(result: AuditResult, *, mask_ids: bool = True) -> str:
    """The whole audit as an HTML fragment (what a notebook shows: :func:`cpcinfo.report.notebook_html`)."""
    return audit_view_html(audit_view(result, mask_ids=mask_ids))


def check_view_html(view: CheckView, *, open_list: bool = False) -> str:
    """The HTML report of a check view."""
    facts = [
        f"检查日期：{_e(view.as_of.isoformat())}", f"规则集：<code>{_e(view.ruleset or '（未注明）')}</code>",
        "检查记录：" + _e("，".join(f"{label} {count_text(name, n)}" for name, label, n in view.counts)),
        f"实际党组织名单：{_e(roster_note(view.roster_checked))}", f"问题：{_e(_summary(view))}",
    ]
    by_item = _simple_table(
        ("序号", "项目", "项目分类", "计入", "不计分", "主要问题"),
        [[_e(s.item.number), _e(s.item.part.title), _e(s.item.title), _e(s.count(FindingStatus.COUNTED)),
          _e(s.total - s.count(FindingStatus.COUNTED)), _e(s.problems_text)] for s in view.by_item],
        numeric=(0, 3, 4)) if view.by_item else "<p>（无）</p>"
    by_rule = _simple_table(
        ("规则", "名称", "序号", "计入", "不计分"),
        [[f"<code>{_e(r.rule)}</code>", _e(r.title), _e(r.item), _e(r.count(FindingStatus.COUNTED)),
          _e(r.total - r.count(FindingStatus.COUNTED))] for r in view.by_rule],
        numeric=(2, 3, 4)) if view.by_rule else "<p>（无）</p>"
    return wrap("\n".join([
        f'<div style="{_CAPTION}">{_e(CHECK_TITLE)}</div>', _patterns(view),
        "<ul>" + "".join(f"<li>{fact}</li>" for fact in facts) + "</ul>",
        "<h3>按评分项</h3>", by_item, "<h3>按规则</h3>", by_rule, _editions(view),
        _findings(view, open_list=open_list),
    ]))


def check_result_html(result: CheckResult, *, mask_ids: bool = True) -> str:
    """A whole-database check as an HTML fragment (what a notebook shows: :func:`cpcinfo.report.notebook_html`)."""
    return check_view_html(check_view(result, mask_ids=mask_ids))
