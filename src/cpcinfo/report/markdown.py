"""Markdown reports (GitHub-flavoured): the score sheet as a table, the rest as sections.

Every piece of text from the data is escaped: Markdown punctuation gets a backslash, ``<``, ``>`` and ``&``
become entities (so a value like ``<script>`` stays text), and line breaks inside a table cell become
``<br>``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from cpcinfo.findings import FindingStatus
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

_SPECIAL: Final = re.compile(r"([\\`*_\[\]|~])")
"""Inline Markdown punctuation; the rest (``#``, ``-``, ``.`` ...) matters only at the start of a line,
and text from the data never starts one."""


def escape(text: str) -> str:
    """``text`` safe inside a Markdown paragraph or table cell.

    >>> escape("a|b <script> *x*")
    'a\\\\|b &lt;script&gt; \\\\*x\\\\*'
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\n", "<br>")


def _code(text: str) -> str:
    """``text`` as inline code; an empty text as nothing. Code spans need only ``|`` escaped in a table."""
    if not text:
        return ""
    fence = "``" if "`" in text else "`"
    inner = text.replace("|", "\\|").replace("\n", " ")
    return f"{fence} {inner} {fence}" if fence == "``" else f"{fence}{inner}{fence}"


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> list[str]:
    rule = ["---:" if i in right else "---" for i in range(len(headers))]
    return [_row(headers), _row(rule), *(_row(r) for r in rows)]


def _sheet_lines(view: SheetView, level: int = 1) -> list[str]:
    h = "#" * level
    header = [f"- 建库单位：{escape(view.unit_text)}"]
    if view.as_of is not None:
        header.append(f"- 检查日期：{view.as_of.isoformat()}")
    header += [f"- 验收得分：**{view.total}**", f"- 等次：**{view.grade.label}**",
               "- 分项得分：" + "，".join(f"{p.title} {kept}/{p.maximum}" for p, kept in view.part_totals)]
    rows = []
    for row in view.rows:
        rows.append([
            escape(row.part_label) if row.first_of_part else "", str(row.item.number), escape(row.item.title),
            escape(row.item.method), escape("\n".join(row.problems_lines)), str(row.item.maximum), str(row.deducted),
            str(row.kept),
        ])
    rows.append(["**合计**", "", "", "", f"验收得分 {view.total}，等次 {view.grade.label}", str(view.maximum),
                 str(view.deductions), f"**{view.total}**"])
    lines = [f"{h} {SHEET_TITLE}", "", *header, "", *_table(SHEET_HEADERS, rows, right=(1, 5, 6, 7))]
    lines += ["", f"{h}# 说明", ""]
    lines += [f"{n}. {escape(note)}" for n, note in enumerate(view.notes, start=1)] or ["（无）"]
    return lines


def _samples_lines(samples: Sequence[SampleView], seed: int | str) -> list[str]:
    lines = ["## 抽样", "", f"随机种子：{_code(str(seed))}（各总体以「种子/总体」为种子分别抽取）", ""]
    rows = [[s.label, count_text(s.population, s.population_size), str(s.required), str(len(s.drawn)),
             _code(str(s.seed)), _code(s.population_sha256), escape("、".join(s.drawn)) or "（无）"]
            for s in samples]
    return lines + _table(("总体", "总数", "最少抽查", "实际抽查", "种子", "总体 SHA-256", "抽中"), rows,
                          right=(2, 3))


def _editions_lines(view: CheckView) -> list[str]:
    lines = ["## 规则集与代码表版本", "", f"规则集：{_code(view.ruleset) or '（未注明）'}", ""]
    if view.preview_rules:
        lines += ["试行规则（不计分）：" + "、".join(_code(r) for r in view.preview_rules), ""]
    if view.editions:
        lines += _table(("代码表", "版本"), [[_code(name), escape(edition)] for name, edition in view.editions])
    return lines


def _finding_row(number: int, f: FindingView) -> list[str]:
    status = escape(f.status_text)
    return [str(number), status, _code(f.rule), escape(f.rule_title), escape(f.key_text),
            escape(f.label) + (f" {_code(f.field)}" if f.field else ""), escape(f.value_text),
            f.kind.label, escape(f.message), escape(f.suggestion_text)]


_FINDING_HEADERS: Final = ("#", "状态", "规则", "规则名称", "记录", "字段", "记录值", "类型", "说明", "建议")


def _summary(view: CheckView) -> str:
    parts = [f"{s.label} {view.count(s)} 条" for s in FindingStatus
             if s is not FindingStatus.WAIVER_REPORT and (s is FindingStatus.COUNTED or view.count(s))]
    return f"共 {len(view.findings)} 条（" + "，".join(parts) + "）"


def _findings_lines(view: CheckView) -> list[str]:
    lines = ["## 问题清单", "", escape(_summary(view))]
    if view.listing_note is not None:
        lines += ["", escape(view.listing_note)]
    number = 0
    for summary in view.by_item:
        mine = [f for f in view.listed if f.item == summary.item.number]
        if not mine:
            continue
        lines += ["", f"### 第{summary.item.number}项 {summary.item.part.title}·{escape(summary.item.title)}"
                      f"（{summary.total}条）", ""]
        rows = []
        for finding in mine:
            number += 1
            rows.append(_finding_row(number, finding))
        lines += _table(_FINDING_HEADERS, rows, right=(0,))
    lines += ["", "## 豁免报告", ""]
    if view.waiver_reports:
        lines += _table(("#", "规则", "名称", "记录", "说明", "理由"),
                        [[str(n), _code(f.rule), escape(f.rule_title), escape(f.key_text), escape(f.message),
                          escape(f.value_text)] for n, f in enumerate(view.waiver_reports, 1)], right=(0,))
    else:
        lines.append("（无）")
    return lines


def _join(lines: Sequence[str]) -> str:
    return "\n".join(lines) + "\n"


def sheet_markdown(sheet: ScoreSheet, *, mask_ids: bool = True) -> str:
    """The score sheet alone, with its notes."""
    return _join(_sheet_lines(plain_sheet_view(sheet, mask_ids=mask_ids)))


def _patterns_lines(view: CheckView) -> list[str]:
    if not view.patterns:
        return []
    return ["> **提示：以下问题是整列的同一种写法，多半一次即可改正**", ">",
            *(f"> {n}. {escape(p.text)}" for n, p in enumerate(view.patterns, start=1)), ""]


def audit_view_markdown(view: AuditView) -> str:
    """The Markdown report of an audit view."""
    lines = [*_patterns_lines(view.check), *_sheet_lines(view.sheet)]
    if view.check.roster_checked:
        lines.append(f"{len(view.sheet.notes) + 1}. {roster_note(True)}")
    lines += ["", *_samples_lines(view.samples, view.seed), "", *_editions_lines(view.check), "",
              *_findings_lines(view.check)]
    return _join(lines)


def audit_markdown(result: AuditResult, *, mask_ids: bool = True) -> str:
    """The whole audit as Markdown: the sheet, notes, samples, editions, every finding, waiver reports."""
    return audit_view_markdown(audit_view(result, mask_ids=mask_ids))


def check_markdown(result: CheckResult, *, mask_ids: bool = True) -> str:
    """A whole-database check as Markdown: counts, findings by item and by rule, every finding."""
    return check_view_markdown(check_view(result, mask_ids=mask_ids))


def check_view_markdown(view: CheckView) -> str:
    """The Markdown report of a check view."""
    lines = [f"# {CHECK_TITLE}", "", *_patterns_lines(view),
             f"- 检查日期：{view.as_of.isoformat()}",
             f"- 规则集：{_code(view.ruleset) or '（未注明）'}",
             "- 检查记录：" + "，".join(f"{label} {count_text(name, n)}" for name, label, n in view.counts),
             f"- 实际党组织名单：{roster_note(view.roster_checked)}",
             f"- 问题：{_summary(view)}", "", "## 按评分项", ""]
    if view.by_item:
        lines += _table(("序号", "项目", "项目分类", "计入", "不计分", "主要问题"),
                        [[str(s.item.number), s.item.part.title, escape(s.item.title),
                          str(s.count(FindingStatus.COUNTED)), str(s.total - s.count(FindingStatus.COUNTED)),
                          escape(s.problems_text)] for s in view.by_item],
                        right=(0, 3, 4))
    else:
        lines.append("（无）")
    lines += ["", "## 按规则", ""]
    if view.by_rule:
        lines += _table(("规则", "名称", "序号", "计入", "不计分"),
                        [[_code(r.rule), escape(r.title), str(r.item), str(r.count(FindingStatus.COUNTED)),
                          str(r.total - r.count(FindingStatus.COUNTED))] for r in view.by_rule], right=(2, 3, 4))
    else:
        lines.append("（无）")
    lines += ["", *_editions_lines(view), "", *_findings_lines(view)]
    return _join(lines)
