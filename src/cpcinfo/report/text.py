"""Plain-text reports for a terminal: the score sheet as an aligned table, then the rest as sections.

Columns are aligned by *display* width (a Chinese character takes two columns, see
:func:`~cpcinfo.report.layout.display_width`), and long cells (评分方法, 存在问题) wrap inside their column.
Borders are ASCII (``+``, ``-``, ``|``): box-drawing characters are "ambiguous" width and take two columns
in many CJK terminals, which would break the alignment.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

import attrs

from cpcinfo.errors import InvalidArgumentError
from cpcinfo.findings import FindingStatus
from cpcinfo.report.layout import display_width, pad, printable, wrap
from cpcinfo.report.views import (
    CHECK_TITLE,
    SHEET_HEADERS,
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

DEFAULT_WIDTH: Final = 120
"""The width of the score sheet in terminal columns; 存在问题 takes what the other columns leave."""

_FIXED: Final = (10, 4, 16, 26)  # 项目, 序号, 项目分类, 评分方法
_SCORE: Final = 4  # 分值, 扣分, 得分
_MIN_PROBLEMS: Final = 20
_MIN_METHOD: Final = 12
_MIN_TITLE: Final = 10
_INDENT: Final = "  "


@attrs.frozen
class _Cell:
    text: str
    span: int = 1
    right: bool = False


def _cell_lines(cell: _Cell, width: int) -> list[str]:
    lines: list[str] = []
    for paragraph in cell.text.split("\n"):
        lines.extend(wrap(printable(paragraph), width))
    return lines


def _border(widths: Sequence[int], char: str = "-", *, open_first: bool = False) -> str:
    parts = [(" " if open_first and i == 0 else char) * (w + 2) for i, w in enumerate(widths)]
    line = "+" + "+".join(parts) + "+"
    return "|" + line[1:] if open_first else line


def _row(cells: Sequence[_Cell], widths: Sequence[int]) -> list[str]:
    spans: list[int] = []
    column = 0
    for cell in cells:
        spans.append(sum(widths[column:column + cell.span]) + 3 * (cell.span - 1))
        column += cell.span
    if column != len(widths):
        raise ValueError(f"a row spans {column} columns, the table has {len(widths)}")
    wrapped = [_cell_lines(cell, w) for cell, w in zip(cells, spans, strict=True)]
    height = max(len(lines) for lines in wrapped)
    out = []
    for n in range(height):
        parts = [pad(lines[n] if n < len(lines) else "", w, right=cell.right)
                 for cell, lines, w in zip(cells, wrapped, spans, strict=True)]
        out.append("| " + " | ".join(parts) + " |")
    return out


def _table(headers: Sequence[str], widths: Sequence[int], rows: Sequence[Sequence[_Cell]],
           *, open_first: Sequence[bool] | None = None) -> list[str]:
    """A bordered table; ``open_first[i]`` leaves the first column open above row ``i`` (a rowspan)."""
    lines = [_border(widths), *_row([_Cell(h) for h in headers], widths), _border(widths, "=")]
    for i, row in enumerate(rows):
        if i:
            lines.append(_border(widths, open_first=bool(open_first and open_first[i])))
        lines.extend(_row(row, widths))
    lines.append(_border(widths))
    return lines


def _sheet_widths(width: int) -> list[int]:
    """Column widths for a sheet ``width`` columns wide: 存在问题 takes the rest; below the default width
    评分方法 and then 项目分类 give up columns so that 存在问题 keeps at least :data:`_MIN_PROBLEMS`."""
    project, number, title, method = _FIXED
    overhead = 3 * (len(_FIXED) + 4) + 1
    problems = width - (project + number + title + method + 3 * _SCORE) - overhead
    shortfall = max(0, _MIN_PROBLEMS - problems)
    method_cut = min(shortfall, method - _MIN_METHOD)
    title_cut = min(shortfall - method_cut, title - _MIN_TITLE)
    if shortfall > method_cut + title_cut:
        least = width + shortfall - method_cut - title_cut
        raise InvalidArgumentError(f"评分表宽度至少为 {least} 列，得到 {width}")
    return [project, number, title - title_cut, method - method_cut, problems + method_cut + title_cut,
            _SCORE, _SCORE, _SCORE]


def _centered(text: str, width: int) -> str:
    return " " * max(0, (width - display_width(text)) // 2) + text


def _sheet_lines(view: SheetView, width: int) -> list[str]:
    widths = _sheet_widths(width)
    table_width = sum(widths) + 3 * len(widths) + 1
    lines = [_centered(SHEET_TITLE, table_width), ""]
    lines.append(f"建库单位：{printable(view.unit_text)}")
    header = [f"检查日期：{view.date_text}"] if view.as_of is not None else []
    header += [f"验收得分：{view.total}", f"等次：{view.grade.label}"]
    lines.append("    ".join(header))
    lines.append("分项得分：" + "，".join(f"{part.title} {kept}/{part.maximum}" for part, kept in view.part_totals))
    lines.append("")
    rows = []
    open_first = []
    for row in view.rows:
        part = f"{row.item.part.title}\n（{row.item.part.maximum}分）" if row.first_of_part else ""
        rows.append([
            _Cell(part), _Cell(str(row.item.number), right=True), _Cell(row.item.title), _Cell(row.item.method),
            _Cell("\n".join(row.problems_lines)), _Cell(str(row.item.maximum), right=True),
            _Cell(str(row.deducted), right=True), _Cell(str(row.kept), right=True),
        ])
        open_first.append(not row.first_of_part)
    rows.append([_Cell(f"合计（验收得分 {view.total}，等次 {view.grade.label}）", span=5),
                 _Cell(str(view.maximum), right=True), _Cell(str(view.deductions), right=True),
                 _Cell(str(view.total), right=True)])
    open_first.append(False)
    lines.extend(_table(SHEET_HEADERS, widths, rows, open_first=open_first))
    return lines


def _section(title: str) -> list[str]:
    return ["", title, "=" * display_width(title)]


def _notes_lines(notes: Sequence[str], width: int) -> list[str]:
    lines = _section("说明")
    if not notes:
        lines.append("（无）")
    for n, note in enumerate(notes, start=1):
        lines.extend(_hanging(f"{n}. ", note, width))
    return lines


def _hanging(lead: str, text: str, width: int) -> list[str]:
    """``lead`` then ``text`` wrapped, later lines indented under the text."""
    inner = max(20, width - display_width(lead))
    wrapped = wrap(printable(text), inner)
    return [lead + wrapped[0], *(" " * display_width(lead) + line for line in wrapped[1:])]


def _samples_lines(samples: Sequence[SampleView], seed: int | str, width: int) -> list[str]:
    lines = _section("抽样")
    lines.append(f"随机种子：{printable(str(seed))}（各总体以「种子/总体」为种子分别抽取）")
    for sample in samples:
        lines.append("")
        lines.append(f"{sample.label}：总数 {count_text(sample.population, sample.population_size)}，"
                     f"最少抽查 {sample.required}，实际抽查 {len(sample.drawn)}")
        lines.append(f"{_INDENT}种子：{printable(str(sample.seed))}")
        lines.append(f"{_INDENT}总体 SHA-256：{sample.population_sha256}")
        lines.extend(_hanging(f"{_INDENT}抽中：", "、".join(sample.drawn) or "（无）", width))
    return lines


def _editions_lines(view: CheckView, width: int) -> list[str]:
    lines = _section("规则集与代码表版本")
    lines.append(f"规则集：{printable(view.ruleset) or '（未注明）'}")
    if view.preview_rules:
        lines.extend(_hanging("试行规则（不计分）：", "、".join(view.preview_rules), width))
    if view.editions:
        name_width = max(display_width(name) for name, _ in view.editions)
        for name, edition in view.editions:
            lines.append(f"{_INDENT}{pad(name, name_width)}  {printable(edition)}")
    return lines


def _quoted(text: str) -> str:
    return f"「{text}」" if text else "（空）"


def _finding_lines(number: int, finding: FindingView, width: int) -> list[str]:
    lead = f"{_INDENT}{number}. "
    indent = " " * display_width(lead)
    inner = max(20, width - display_width(lead))
    head = f"[{finding.status.label}] {finding.rule} {finding.rule_title}"
    lines = [lead + wrap(printable(head), inner)[0]]
    lines.extend(indent + line for line in wrap(printable(head), inner)[1:])
    facts = [f"记录：{finding.key_text or '（无）'}", f"字段：{finding.field_text or '（整条记录）'}",
             f"类型：{finding.kind.label}"]
    for text in ("    ".join(facts), f"记录值：{_quoted(finding.value_text)}", f"说明：{finding.message}"):
        lines.extend(indent + line for line in wrap(printable(text), inner))
    if finding.suggestion_text:
        lines.extend(indent + line for line in wrap(printable(f"建议：{finding.suggestion_text}"), inner))
    if finding.waiver is not None:
        waiver = finding.waiver
        text = f"豁免理由：{waiver.reason}"
        if waiver.approved_by:
            text += f"（批准人：{waiver.approved_by}）"
        if waiver.expires_on is not None:
            text += f"（有效至 {waiver.expires_on.isoformat()}）"
        lines.extend(indent + line for line in wrap(printable(text), inner))
    return lines


def _summary(view: CheckView) -> str:
    parts = [f"{status.label} {view.count(status)} 条" for status in FindingStatus
             if status is not FindingStatus.WAIVER_REPORT and (status is FindingStatus.COUNTED or view.count(status))]
    return f"共 {len(view.findings)} 条（" + "，".join(parts) + "）"


def _waiver_report_lines(number: int, report: FindingView, width: int) -> list[str]:
    lead = f"{_INDENT}{number}. "
    indent = " " * display_width(lead)
    inner = max(20, width - display_width(lead))
    lines: list[str] = []
    for n, text in enumerate((f"{report.rule} {report.rule_title}", report.message,
                              f"理由：{report.value_text}")):
        for line in wrap(printable(text), inner):
            lines.append((lead if n == 0 and not lines else indent) + line)
    return lines


def _findings_lines(view: CheckView, width: int) -> list[str]:
    lines = [*_section("问题清单"), f"{_summary(view)}；按评分项、记录排列"]
    if not view.findings:
        lines.append("（无）")
    if view.listing_note is not None:
        lines.extend(wrap(printable(view.listing_note), width))
    current = None
    for number, finding in enumerate(view.listed, start=1):
        if finding.item != current:
            current = finding.item
            summary = next((s for s in view.by_item if s.item.number == current), None)
            title = (f"第{current}项 {summary.item.part.title}·{summary.item.title}（{summary.total}条）"
                     if summary is not None else f"第{current}项")
            lines.extend(["", *wrap(title, width)])
        lines.extend(_finding_lines(number, finding, width))
    lines.extend(_section("豁免报告"))
    if not view.waiver_reports:
        lines.append("（无）")
    for number, report in enumerate(view.waiver_reports, start=1):
        lines.extend(_waiver_report_lines(number, report, width))
    return lines


def _check_summary_lines(view: CheckView, width: int) -> list[str]:
    lines = [f"检查日期：{view.as_of.isoformat()}    规则集：{printable(view.ruleset) or '（未注明）'}"]
    lines.append("检查记录：" + "，".join(f"{label} {count_text(name, n)}" for name, label, n in view.counts))
    lines.append(f"实际党组织名单：{roster_note(view.roster_checked)}")
    lines.append(f"问题：{_summary(view)}")
    lines.extend(_section("按评分项"))
    if view.by_item:
        fixed = (4, 14, 18, 4, 6)
        room = max(12, width - sum(fixed) - 3 * 6 - 1)
        problems = min(room, max(8, *(display_width(s.problems_text) for s in view.by_item)))
        rows = [[_Cell(str(s.item.number), right=True), _Cell(s.item.part.title), _Cell(s.item.title),
                 _Cell(str(s.count(FindingStatus.COUNTED)), right=True),
                 _Cell(str(s.total - s.count(FindingStatus.COUNTED)), right=True), _Cell("\n".join(s.problems_lines))]
                for s in view.by_item]
        lines.extend(_table(("序号", "项目", "项目分类", "计入", "不计分", "主要问题"), (*fixed, problems), rows))
    else:
        lines.append("（无）")
    lines.extend(_section("按规则"))
    if view.by_rule:
        room = max(12, width - (6 + 4 + 4 + 6) - 3 * 5 - 1)
        title_width = min(room, max(4, *(display_width(r.title) for r in view.by_rule)))
        rows = [[_Cell(r.rule), _Cell(r.title), _Cell(str(r.item), right=True),
                 _Cell(str(r.count(FindingStatus.COUNTED)), right=True),
                 _Cell(str(r.total - r.count(FindingStatus.COUNTED)), right=True)] for r in view.by_rule]
        lines.extend(_table(("规则", "名称", "序号", "计入", "不计分"), (6, title_width, 4, 4, 6), rows))
    else:
        lines.append("（无）")
    return lines


def _join(lines: Sequence[str]) -> str:
    return "\n".join(line.rstrip() for line in lines) + "\n"


def sheet_text(sheet: ScoreSheet, *, mask_ids: bool = True, width: int = DEFAULT_WIDTH) -> str:
    """The score sheet alone, with its notes."""
    view = plain_sheet_view(sheet, mask_ids=mask_ids)
    return _join([*_sheet_lines(view, width), *_notes_lines(view.notes, width)])


def _audit_notes(view: AuditView) -> tuple[str, ...]:
    # Without a roster the sheet's own note says so; with one, say that items 5 and 6 were compared.
    return (*view.sheet.notes, roster_note(True)) if view.check.roster_checked else view.sheet.notes


def _patterns_lines(view: CheckView, width: int) -> list[str]:
    """The column-wide patterns, once, before anything else (see :mod:`cpcinfo.report.patterns`)."""
    if not view.patterns:
        return []
    lines = ["提示：以下问题是整列的同一种写法，多半一次即可改正", ""]
    for n, pattern in enumerate(view.patterns, start=1):
        lines.extend(_hanging(f"{n}. ", pattern.text, width))
    return [*lines, ""]


def audit_view_text(view: AuditView, *, width: int = DEFAULT_WIDTH) -> str:
    """The text report of an audit view."""
    return _join([
        *_patterns_lines(view.check, width),
        *_sheet_lines(view.sheet, width),
        *_notes_lines(_audit_notes(view), width),
        *_samples_lines(view.samples, view.seed, width),
        *_editions_lines(view.check, width),
        *_findings_lines(view.check, width),
    ])


def audit_text(result: AuditResult, *, mask_ids: bool = True, width: int = DEFAULT_WIDTH) -> str:
    """The whole audit as terminal text: the sheet, notes, samples, editions, every finding, waiver reports.

    ``width`` is the width of the sheet in columns (at least 93; 120 by default).
    """
    return audit_view_text(audit_view(result, mask_ids=mask_ids), width=width)


def check_text(result: CheckResult, *, mask_ids: bool = True, width: int = DEFAULT_WIDTH) -> str:
    """A whole-database check as terminal text: counts, findings by item and by rule, every finding."""
    return check_view_text(check_view(result, mask_ids=mask_ids), width=width)


def check_view_text(view: CheckView, *, width: int = DEFAULT_WIDTH) -> str:
    """The text report of a check view."""
    title = CHECK_TITLE
    return _join([
        title, "", *_patterns_lines(view, width), *_check_summary_lines(view, width), *_editions_lines(view, width),
        *_findings_lines(view, width),
    ])
