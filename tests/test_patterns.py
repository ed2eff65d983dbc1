"""Column-wide patterns: one non-standard form that covers most of a column is said once, at the top."""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cpcinfo.checking import check
from cpcinfo.convert import structure, unstructure
from cpcinfo.demo import university
from cpcinfo.report import render_audit, render_check
from cpcinfo.report.patterns import MIN_COUNT, column_patterns, shape_of


def finding(value: Any, *, label: str = "出生日期", field: str = "basic.born_on", entity: str = "member",
            suggestion: Any = None) -> SimpleNamespace:
    return SimpleNamespace(entity=entity, entity_label={"member": "党员"}.get(entity, entity), field=field,
                           label=label, value=value, value_text=str(value), suggestion=suggestion)


@pytest.mark.parametrize(("value", "date", "suggestion", "shape"), [
    ("2011/5/3", True, None, "yyyy/m/d"),
    ("2011.5.3", True, None, "yyyy.m.d"),
    ("2011-5-3", True, None, "yyyy-m-d"),
    ("2011-05-03", True, None, None),  # the standard form is no pattern
    ("2011年5月3日", True, None, "yyyy年m月d日"),
    ("2011-05-03 00:00:00", True, None, "datetime"),
    ("20110503", True, None, "yyyymmdd"),
    ("40666", True, None, "excel-serial"),
    ("40666.0", True, None, "excel-serial"),
    ("40666", False, None, None),  # five digits outside a date field are not a date
    (1, False, "01", "lost-zero"),
    ("1", False, "01", "lost-zero"),
    ("1", False, "02", None),
    ("汉", False, "01", None),
])
def test_shapes(value: Any, date: bool, suggestion: Any, shape: str | None) -> None:
    assert shape_of(value, suggestion=suggestion, date=date) == shape


def test_a_shape_over_most_of_a_column_is_one_pattern() -> None:
    findings = [finding(f"1980/{m}/1") for m in range(1, 13)] * 5  # 60 findings
    findings += [finding("1980-13-01"), finding("40666", label="入党日期", field="standing.joined_on")]
    patterns = column_patterns(findings, {"member": 100})
    assert len(patterns) == 1
    (pattern,) = patterns
    assert (pattern.field, pattern.shape, pattern.count) == ("basic.born_on", "yyyy/m/d", 60)
    assert pattern.text.startswith("党员·出生日期（basic.born_on）60 处写作 yyyy/m/d（如「1980/1/1」；共 100 条记录）")
    assert column_patterns(findings, {"member": 60})[0].text.startswith("党员·出生日期（basic.born_on）60 处均写作")


@given(st.integers(min_value=0, max_value=400), st.integers(min_value=1, max_value=400))
def test_a_pattern_needs_most_of_the_column_and_enough_findings(count: int, records: int) -> None:
    patterns = column_patterns([finding("2011/5/3")] * count, {"member": records})
    assert bool(patterns) == (count >= MIN_COUNT and count >= 0.5 * records)


def test_codes_that_lost_their_leading_zero() -> None:
    findings = [finding("1", label="民族", field="basic.ethnicity", suggestion="01")] * 30
    (pattern,) = column_patterns(findings, {"member": 30})
    assert pattern.shape == "lost-zero" and "前导零" in pattern.text


@pytest.fixture(scope="module")
def slashed() -> tuple[Any, int]:
    """The demo unit with every member's birth date written yyyy/m/d, as a zh-CN Excel export writes it."""
    unit = university()
    document = unstructure(unit.infobase)
    changed = 0
    for member in document["members"]:
        born = (member.get("basic") or {}).get("born_on")
        if isinstance(born, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", born):
            year, month, day = born.split("-")
            member["basic"]["born_on"] = f"{year}/{int(month)}/{int(day)}"
            changed += 1
    return structure(document), changed


def test_the_report_says_it_once_at_the_top(slashed: tuple[Any, int]) -> None:
    base, changed = slashed
    assert changed > 1000
    unit = university()
    result = check(base, as_of=unit.as_of)
    text = render_check(result, "text")
    line = f"党员·出生日期（basic.born_on）{changed:,} 处写作 yyyy/m/d"
    assert text.count(line) == 1
    assert text.index(line) < text.index("检查记录")
    assert render_check(result, "html").count(line) == 1
    assert render_check(result, "markdown").count(line.replace("_", "\\_")) == 1
    from cpcinfo.acceptance import audit

    sheet_first = render_audit(audit(base, as_of=unit.as_of, seed=2011), "text", findings="none")
    assert sheet_first.index(line) < sheet_first.index("党员信息库建库检查验收评分表")


def test_the_demo_as_it_is_has_no_pattern() -> None:
    unit = university()
    assert "提示：以下问题是整列的同一种写法" not in render_check(check(unit.infobase, as_of=unit.as_of), "text")
