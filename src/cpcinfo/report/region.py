"""The region report (建库检查验收汇总): verdict, the table of units, the province's sample, the common
problems and the units to rectify — as text, Markdown, HTML or JSON.

Pure rendering of a :class:`~cpcinfo.acceptance.regional.RegionResult`; the text, Markdown and HTML are one
list of blocks (:mod:`cpcinfo.report._blocks`) rendered three ways.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from fractions import Fraction
from typing import Any, Final

from cpcinfo.acceptance.grades import Grade
from cpcinfo.acceptance.inspection import inspection_rule
from cpcinfo.acceptance.items import item
from cpcinfo.acceptance.region import MIN_BUILDING_RATE, MIN_PASS_RATE, rate_text
from cpcinfo.acceptance.regional import RegionChanges, RegionResult, UnitStatus, UnitSummary
from cpcinfo.errors import InvalidArgumentError
from cpcinfo.report._blocks import Block, Bullets, Heading, Paragraph, Table, to_html, to_markdown, to_text
from cpcinfo.report.views import rule_title

REGION_FORMATS: Final = ("text", "markdown", "html", "json")
TOP_PROBLEMS: Final = 10
"""How many rules and items the report lists as the region's most frequent problems."""

REGION_SCHEMA: Final = "cpcinfo-region/1"


def score_text(score: Fraction | int | None) -> str:
    """A score as a reader writes it: 「94」, 「94.5」, 「≈94.33」 (rounded half up), 「—」 for none.

    >>> score_text(Fraction(189, 2)), score_text(Fraction(283, 3)), score_text(None)
    ('94.5', '≈94.33', '—')
    """
    if score is None:
        return "—"
    value = Fraction(score)
    if (value * 100).denominator == 1:
        hundredths = int(value * 100)
        whole, rest = divmod(hundredths, 100)
        return str(whole) if rest == 0 else f"{whole}.{rest:02d}".rstrip("0")
    rounded = (value * 200 + 1) // 2
    whole, rest = divmod(int(rounded), 100)
    return f"≈{whole}.{rest:02d}"


def rate_or_none(numerator: int, denominator: int) -> str:
    return rate_text(numerator, denominator) if denominator else "无法计算"


def item_label(number: int) -> str:
    """「第8项 党员信息·基本信息」."""
    it = item(number)
    return f"第{number}项 {it.part.title}·{it.title}"


def _lost_text(unit: UnitSummary) -> str:
    return "；".join(f"第{n}项 −{points}" for n, points in unit.top_lost) or ("无" if unit.inspected else "—")


def _built_text(unit: UnitSummary) -> str:
    if not unit.built:
        return "否"
    return f"是（{unit.built_on}）" if unit.built_on else "是"


def _status_text(unit: UnitSummary) -> str:
    # The reason of a unit not inspected is long (a file and a place): the table names the status, the list
    # of units to rectify gives the reason.
    return unit.status.label


def verdict_blocks(result: RegionResult) -> list[Block]:
    v = result.verdict
    grades = result.grade_counts()
    unread = len(result.by_status(UnitStatus.UNREADABLE))
    rows = [
        ("基层党委总数", str(v.committees), ""),
        ("已建库", str(v.built), ""),
        ("建库率", rate_or_none(v.built, v.committees), f"不低于 {MIN_BUILDING_RATE * 100}%"),
        ("已审核", str(v.inspected), ""),
        ("合格（含优秀）", str(v.passed), ""),
        ("建库合格率", rate_or_none(v.passed, v.inspected), f"不低于 {MIN_PASS_RATE * 100}%"),
        ("优秀 / 合格 / 不合格", f"{grades[Grade.EXCELLENT]} / {grades[Grade.PASS]} / {grades[Grade.FAIL]}", ""),
        ("平均得分", score_text(result.mean_score), ""),
        ("未建库 / 已建库未提交 / 无法审核", f"{len(result.by_status(UnitStatus.NOT_BUILT))} / "
         f"{len(result.by_status(UnitStatus.NOT_SUBMITTED))} / {unread}", ""),
    ]
    blocks: list[Block] = [Heading(2, "一、验收结论"), Paragraph(f"验收结论：{v.status.label}。")]
    if v.reasons:
        blocks.append(Bullets(v.reasons))
    blocks.append(Table(("指标", "数值", "要求"), tuple(rows)))
    return blocks


def _unit_rows(result: RegionResult) -> tuple[tuple[str, ...], ...]:
    checked = result.spot_checked
    return tuple(
        (str(n), u.name or "—", u.code, _built_text(u), _status_text(u),
         score_text(u.score), u.grade.label if u.grade else "—", _lost_text(u),
         "是" if u.code in checked else "否", str(len(u.inspection_findings)))
        for n, u in enumerate(result.units, start=1))


def sample_blocks(result: RegionResult) -> list[Block]:
    m = result.province_sample
    names = {u.code: u.label for u in result.units}
    drawn = "、".join(names.get(code, code) for code in m.drawn) or "无"
    return [
        Heading(2, "三、省委组织部抽查名单"),
        Paragraph(f"按「抽查比例不少于基层党委总数的5%」，{result.verdict.committees} 个基层党委至少抽查 "
                  f"{result.verdict.required_committee_sample} 个；从 {m.population_size} 个已审核单位中抽取 "
                  f"{m.size} 个：{drawn}。"),
        Table(("随机种子", "可抽查单位数", "单位代码的 SHA-256", "抽中单位（按抽取顺序）"),
              ((str(m.seed), str(m.population_size), m.population_sha256, "、".join(m.drawn) or "无"),)),
        Paragraph("复核方法：将已审核单位的代码按 Unicode 码位排序，以换行符连接后计算 SHA-256，应与上表一致；"
                  f"再以 Python 的 random.Random({m.seed!r}).sample(排序后的代码, {m.size}) 重新抽取，"
                  "应得到同样的单位。"),
    ]


def problem_blocks(result: RegionResult, top: int = TOP_PROBLEMS) -> list[Block]:
    by_rule = result.problems_by_rule()[:top]
    by_item = result.problems_by_item()
    gaps = result.inspection_problems()
    blocks: list[Block] = [Heading(2, "四、常见问题"), Heading(3, "按规则（全库检查中计入的问题）")]
    blocks.append(Table(("规则", "问题", "问题数", "涉及单位数"),
                        tuple((p.key, rule_title(p.key), str(p.findings), str(p.units)) for p in by_rule),
                        frozenset({2, 3})) if by_rule else Paragraph("无。"))
    blocks.append(Heading(3, "按评分项"))
    blocks.append(Table(("评分项", "问题数", "涉及单位数"),
                        tuple((item_label(int(p.key)), str(p.findings), str(p.units)) for p in by_item),
                        frozenset({1, 2})) if by_item else Paragraph("无。"))
    blocks.append(Heading(3, "建库情况（软件、设备、专人、制度）"))
    blocks.append(Table(("代码", "问题", "涉及单位数"),
                        tuple((p.key, inspection_rule(p.key).title, str(p.units)) for p in gaps),
                        frozenset({2})) if gaps else Paragraph("无。"))
    return blocks


def rectification_blocks(result: RegionResult) -> list[Block]:
    rect = result.rectifications()
    blocks: list[Block] = [Heading(2, "五、需要整改的单位")]
    if not rect:
        return [*blocks, Paragraph("无。")]
    return [*blocks, Table(("单位", "代码", "需要整改的内容"),
                           tuple((r.unit.name or "—", r.unit.code, "；".join(r.reasons)) for r in rect))]


def changes_blocks(changes: RegionChanges) -> list[Block]:
    lines = []
    lines += [f"得分下降：{code}（{old} → {new}）" for code, old, new in changes.score_fell]
    lines += [f"得分上升：{code}（{old} → {new}）" for code, old, new in changes.score_rose]
    lines += [f"上次报告以来建库：{code}" for code in changes.built_since]
    lines += [f"新列入的单位：{code}" for code in changes.added]
    lines += [f"不再列入的单位：{code}" for code in changes.removed]
    return [Heading(2, "六、与上次报告相比"), Bullets(tuple(lines)) if lines else Paragraph("没有变化。")]


def title(result: RegionResult) -> str:
    return f"{result.region or '本地区'}党员信息库建库检查验收汇总"


def region_blocks(result: RegionResult, changes: RegionChanges | None = None) -> list[Block]:
    blocks: list[Block] = [
        Heading(1, title(result)),
        Paragraph(f"检查日期：{result.as_of}；随机种子：{result.seed}（各单位的抽样种子为「{result.seed}/单位代码」，"
                  "增减其他单位不改变一个单位的样本和得分）。"),
        *verdict_blocks(result),
        Heading(2, "二、各单位情况"),
        Table(("序号", "单位", "代码", "建库", "审核情况", "得分", "等次", "失分最多的项目", "省抽查", "建库情况问题"),
              _unit_rows(result), frozenset({0, 5, 9})),
        *sample_blocks(result),
        *problem_blocks(result),
        *rectification_blocks(result),
    ]
    if changes is not None:
        blocks.extend(changes_blocks(changes))
    return blocks


def _unit_dict(unit: UnitSummary, spot_checked: bool) -> dict[str, Any]:
    return {
        "code": unit.code, "name": unit.name, "region": unit.region, "status": unit.status.value,
        "status_label": unit.status.label, "built": unit.built,
        "built_on": unit.built_on.isoformat() if unit.built_on else None, "reason": unit.reason,
        "seed": unit.seed, "score": unit.score, "grade": unit.grade.value if unit.grade else None,
        "grade_label": unit.grade.label if unit.grade else None,
        "lost": [{"item": n, "deducted": d} for n, d in unit.lost],
        "problems_by_rule": dict(unit.problems_by_rule),
        "problems_by_item": {str(n): c for n, c in unit.problems_by_item},
        "records": {"organizations": unit.records[0], "members": unit.records[1], "applicants": unit.records[2]},
        "samples": [{"seed": m.seed, "population_size": m.population_size, "population_sha256": m.population_sha256,
                     "required": m.required, "drawn": list(m.drawn)} for m in unit.samples],
        "inspection_findings": [{"code": f.code, "message": f.message} for f in unit.inspection_findings],
        "spot_checked": spot_checked, "source": unit.source,
    }


def _fraction(value: Fraction | None) -> dict[str, int] | None:
    return None if value is None else {"numerator": value.numerator, "denominator": value.denominator}


def region_to_dict(result: RegionResult, changes: RegionChanges | None = None) -> dict[str, Any]:
    """The region report as a JSON-ready ``dict`` (schema :data:`REGION_SCHEMA`); rates are exact fractions."""
    v = result.verdict
    m = result.province_sample
    data: dict[str, Any] = {
        "schema": REGION_SCHEMA, "region": result.region, "as_of": result.as_of.isoformat(), "seed": result.seed,
        "verdict": {"status": v.status.value, "status_label": v.status.label, "reasons": list(v.reasons),
                    "committees": v.committees, "built": v.built, "inspected": v.inspected, "passed": v.passed,
                    "building_rate": _fraction(v.building_rate), "pass_rate": _fraction(v.pass_rate),
                    "required_committee_sample": v.required_committee_sample},
        "province_sample": {"seed": m.seed, "population_size": m.population_size,
                            "population_sha256": m.population_sha256, "required": m.required, "drawn": list(m.drawn)},
        "units": [_unit_dict(u, u.code in result.spot_checked) for u in result.units],
        "problems_by_rule": [{"rule": p.key, "title": rule_title(p.key), "findings": p.findings, "units": p.units}
                             for p in result.problems_by_rule()],
        "problems_by_item": [{"item": int(p.key), "findings": p.findings, "units": p.units}
                             for p in result.problems_by_item()],
        "rectifications": [{"code": r.unit.code, "name": r.unit.name, "reasons": list(r.reasons)}
                           for r in result.rectifications()],
    }
    if changes is not None:
        data["changes"] = {
            "score_fell": [{"code": c, "old": o, "new": n} for c, o, n in changes.score_fell],
            "score_rose": [{"code": c, "old": o, "new": n} for c, o, n in changes.score_rose],
            "built_since": list(changes.built_since), "added": list(changes.added), "removed": list(changes.removed)}
    return data


def render_region(result: RegionResult, format: str = "text", *, changes: RegionChanges | None = None) -> str:
    """The region report in one of :data:`REGION_FORMATS`."""
    if format == "json":
        import json

        return json.dumps(region_to_dict(result, changes), ensure_ascii=False, indent=2) + "\n"
    blocks: Sequence[Block] = region_blocks(result, changes)
    if format == "text":
        return to_text(blocks)
    if format == "markdown":
        return to_markdown(blocks)
    if format == "html":
        return to_html(blocks, title=title(result))
    raise InvalidArgumentError(f"未知的报告格式「{format}」，可用：{', '.join(REGION_FORMATS)}")


def units_from_region_dict(data: object) -> tuple[UnitSummary, ...]:
    """The units of an earlier region report (its JSON, :func:`region_to_dict`) — enough to compare a region
    with its last report (:func:`~cpcinfo.acceptance.regional.compare_regions`). A document of another
    shape is a ValueError that says what is wrong."""
    import datetime

    if not isinstance(data, dict) or data.get("schema") != REGION_SCHEMA or not isinstance(data.get("units"), list):
        raise InvalidArgumentError(f"不是 cpcinfo 的地区汇总 JSON（schema 应为 {REGION_SCHEMA}）")
    units = []
    for number, entry in enumerate(data["units"], start=1):
        try:
            status = UnitStatus(entry["status"])
            grade = Grade(entry["grade"]) if entry.get("grade") else None
            built_on = datetime.date.fromisoformat(entry["built_on"]) if entry.get("built_on") else None
            units.append(UnitSummary(code=str(entry["code"]), name=entry.get("name"), status=status,
                                     built=bool(entry["built"]), built_on=built_on, score=entry.get("score"),
                                     grade=grade, reason=entry.get("reason")))
        except (KeyError, TypeError, ValueError) as exc:
            raise InvalidArgumentError(f"第{number}个单位无法读取：{exc!r}") from None
    return tuple(units)


def _sheet_title(text: str, used: set[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\ ; unique in the workbook.
    title = re.sub(r"^[一二三四五六七八九十]+、", "", re.sub(r"[\[\]:*?/\\]", "", text))[:28] or "表"
    candidate, n = title, 2
    while candidate in used:
        candidate, n = f"{title[:26]}{n}", n + 1
    used.add(candidate)
    return candidate


def region_workbook(result: RegionResult, *, changes: RegionChanges | None = None) -> bytes:
    """The region report as an ``.xlsx`` workbook (needs the ``excel`` extra): a sheet 说明 with the text of
    the report, then one sheet per table (结论, 各单位情况, 抽查名单, 常见问题 …), each with a frozen header."""
    import io

    from cpcinfo.tabular import require, write_sheet

    openpyxl = require("openpyxl", "excel")
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "说明"
    used = {"说明"}
    heading = title(result)
    lines: list[str] = []
    for block in region_blocks(result, changes):
        match block:
            case Heading(_, text):
                heading = text
                lines.append(text)
            case Paragraph(text):
                lines.append(text)
            case Bullets(items):
                lines.extend(f"- {item}" for item in items)
            case Table(headers, rows, numeric):
                sheet = book.create_sheet(_sheet_title(heading, used))
                typed = [[int(c) if i in numeric and c.isdigit() else c for i, c in enumerate(r)] for r in rows]
                write_sheet(sheet, headers, typed)
    write_sheet(notes, ("内容",), [(line,) for line in lines], widths=(120,))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
