"""The twenty items and the score sheet (docs/domain/acceptance.md#score-sheet)."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cpcinfo import DefectKind, Entity, Finding
from cpcinfo.acceptance import items, sheet
from cpcinfo.acceptance.grades import Grade
from cpcinfo.acceptance.items import ITEMS, Part, item
from cpcinfo.acceptance.sheet import ItemScore, ScoreSheet


def finding(number: int, key: str = "M1", rule: str = "TST001") -> Finding:
    return Finding(
        rule=rule,
        entity=Entity.MEMBER,
        key=key,
        field="basic.name",
        label="姓名",
        value="",
        kind=DefectKind.MISSING,
        item=number,
        message="…",
    )


def test_doctests() -> None:
    assert doctest.testmod(items).failed == 0
    assert doctest.testmod(sheet).failed == 0


# --- the items ------------------------------------------------------------------------------------------


def test_twenty_items_in_order() -> None:
    assert [i.number for i in ITEMS] == list(range(1, 21))
    assert all(item(i.number) is i for i in ITEMS)


def test_maxima_sum_to_100_and_parts_to_40_40_20() -> None:
    assert sum(i.maximum for i in ITEMS) == 100
    for part, points in [(Part.ORGANIZATION, 40), (Part.MEMBER, 40), (Part.APPLICANT, 20)]:
        assert part.maximum == points
        assert sum(i.maximum for i in ITEMS if i.part is part) == points


def test_parts() -> None:
    assert [p.title for p in Part] == ["党组织信息", "党员信息", "申请入党人信息"]
    assert [p.entity for p in Part] == [Entity.ORGANIZATION, Entity.MEMBER, Entity.APPLICANT]
    assert [i.number for i in ITEMS if i.part is Part.ORGANIZATION] == list(range(1, 8))
    assert [i.number for i in ITEMS if i.part is Part.MEMBER] == list(range(8, 17))
    assert [i.number for i in ITEMS if i.part is Part.APPLICANT] == list(range(17, 21))


def test_item_7_deducts_two_every_other_one() -> None:
    assert [i.number for i in ITEMS if i.per_defect != 1] == [7]
    assert item(7).per_defect == 2


def test_each_method_states_the_items_deduction() -> None:
    for i in ITEMS:
        assert f"扣{i.per_defect}分，扣完为止" in i.method


def test_titles_and_methods_are_the_sheets() -> None:
    assert [i.title for i in ITEMS] == [
        "基本信息",
        "班子成员信息",
        "组织奖惩信息",
        "单位信息",
        "下属党组织是否齐全",
        "党组织树的结构是否与实际情况一致、完整",
        "系统查找是否有错误，允许存在的情况除外",
        "基本信息",
        "学历学位信息",
        "工作岗位",
        "奖惩信息",
        "党籍信息",
        "组织关系",
        "流动党员",
        "困难党员",
        "系统查找是否有错误，允许存在的情况除外",
        "基本信息是否完整准确",
        "学位学历信息",
        "培养发展信息",
        "系统查找是否有错误，允许存在的情况除外",
    ]
    assert item(2).method == "每存在一处未填写、填写错误或不符合实际情况扣1分，扣完为止"
    assert item(3).method == item(4).method == "每存在一处未填写、填写错误或不符合实际情况的扣1分，扣完为止"
    assert item(5).method == "每缺一个扣1分，扣完为止"
    assert item(6).method == "每存在一处不符合实际情况扣1分，扣完为止"
    assert item(7).method == "每查出一条错误扣2分，扣完为止"
    assert item(16).method == item(20).method == "每存在一处错误扣1分，扣完为止"
    field_items = [1, *range(8, 16), 17, 18, 19]
    assert {item(n).method for n in field_items} == {"每存在一处未填写、填写错误或不规范的扣1分，扣完为止"}


@pytest.mark.parametrize("number", [0, 21, -1])
def test_no_such_item(number: int) -> None:
    with pytest.raises(ValueError, match=f"评分表没有第{number}项"):
        item(number)


@pytest.mark.parametrize("number", [1.0, "1", True])
def test_item_number_is_an_integer(number: object) -> None:
    with pytest.raises(TypeError, match="评分项序号须为整数"):
        item(number)  # type: ignore[arg-type]


# --- the sheet ------------------------------------------------------------------------------------------


def test_no_findings_scores_100() -> None:
    result = ScoreSheet.from_findings([])
    assert result.total == 100
    assert result.deductions == 0
    assert result.grade is Grade.EXCELLENT
    assert [s.kept for s in result] == [i.maximum for i in ITEMS]


def test_one_point_a_defect() -> None:
    result = ScoreSheet.from_findings([finding(8), finding(8, key="M2"), finding(12)])
    assert result.item_score(8).defects == 2
    assert result.item_score(8).deducted == 2
    assert result.item_score(8).kept == 5
    assert result.item_score(12).deducted == 1
    assert result.total == 97
    assert result.deductions == 3


def test_item_7_deducts_two_a_defect_capped_at_five() -> None:
    one = ScoreSheet.from_findings([finding(7)])
    assert one.item_score(7).deducted == 2
    three = ScoreSheet.from_findings([finding(7, key=k) for k in ("O1", "O2", "O3")])
    assert three.item_score(7).defects == 3
    assert three.item_score(7).deducted == 5  # not 6: 「扣完为止」
    assert three.item_score(7).kept == 0
    assert three.total == 95


@pytest.mark.parametrize("number", range(1, 21))
def test_every_item_is_capped_at_its_maximum(number: int) -> None:
    maximum = item(number).maximum
    result = ScoreSheet.from_findings([finding(number, key=f"K{i}") for i in range(maximum + 3)])
    score = result.item_score(number)
    assert score.defects == maximum + 3
    assert score.deducted == maximum
    assert score.kept == 0
    assert result.total == 100 - maximum


def test_everything_wrong_scores_0() -> None:
    result = ScoreSheet.from_findings([finding(i.number, key=f"K{j}") for i in ITEMS for j in range(10)])
    assert result.total == 0
    assert result.deductions == 100
    assert result.grade is Grade.FAIL


def test_part_totals() -> None:
    result = ScoreSheet.from_findings([finding(1), finding(7), finding(9), finding(20)])
    assert result.part_total(Part.ORGANIZATION) == 37
    assert result.part_total(Part.MEMBER) == 39
    assert result.part_total(Part.APPLICANT) == 19
    assert sum(result.part_total(p) for p in Part) == result.total == 95


def test_findings_are_kept_behind_each_item_in_report_order() -> None:
    findings = [finding(8, key="M2"), finding(9), finding(8, key="M1")]
    result = ScoreSheet.from_findings(findings)
    assert result.item_score(8).findings == (finding(8, key="M1"), finding(8, key="M2"))
    assert result.item_score(9).findings == (finding(9),)
    assert result.findings == (finding(8, key="M1"), finding(8, key="M2"), finding(9))
    assert ScoreSheet.from_findings(reversed(findings)) == result


def test_iteration_is_in_item_order() -> None:
    result = ScoreSheet.from_findings([finding(20), finding(1)])
    assert [s.item.number for s in result] == list(range(1, 21))


def test_unit_and_notes() -> None:
    note = "第5、6项未提供实际党组织名单（roster），仅检查了组织树自身的错误"
    result = ScoreSheet.from_findings([], unit="某某党委", notes=[note])
    assert result.unit == "某某党委"
    assert result.notes == (note,)
    assert ScoreSheet.from_findings([]).unit is None
    assert ScoreSheet.from_findings([]).notes == ()


def test_notes_as_a_bare_string_are_refused() -> None:
    with pytest.raises(TypeError, match="notes"):
        ScoreSheet.from_findings([], notes="第5、6项未提供名单")


@pytest.mark.parametrize("number", [0, 21, -3])
def test_a_finding_outside_the_sheet_is_refused(number: int) -> None:
    with pytest.raises(ValueError, match=f"得到第{number}项"):
        ScoreSheet.from_findings([finding(1), finding(number)])


def test_item_score_refuses_another_items_finding() -> None:
    with pytest.raises(ValueError, match="第8项下不能计入第9项的问题"):
        ItemScore(item=item(8), findings=(finding(9),))


def test_a_sheet_must_have_the_twenty_items_in_order() -> None:
    lines = tuple(ItemScore(item=i) for i in ITEMS)
    assert ScoreSheet(items=lines).total == 100
    with pytest.raises(ValueError, match="评分表须按序包含第1–20项"):
        ScoreSheet(items=lines[:-1])
    with pytest.raises(ValueError, match="评分表须按序包含第1–20项"):
        ScoreSheet(items=(lines[1], lines[0], *lines[2:]))


def test_item_score_lookup_checks_the_number() -> None:
    with pytest.raises(ValueError, match="第21项"):
        ScoreSheet.from_findings([]).item_score(21)


findings_strategy = st.lists(
    st.builds(finding, number=st.integers(min_value=1, max_value=20), key=st.sampled_from(["M1", "M2", "M3"])),
    max_size=60,
)


@given(findings_strategy)
def test_total_is_100_less_deductions_and_within_0_100(findings: list[Finding]) -> None:
    result = ScoreSheet.from_findings(findings)
    assert result.total == 100 - result.deductions
    assert 0 <= result.total <= 100
    assert sum(s.defects for s in result) == len(findings)
    for score in result:
        assert score.deducted == min(score.item.maximum, score.defects * score.item.per_defect)
        assert 0 <= score.kept <= score.item.maximum


@given(findings_strategy, st.integers(min_value=1, max_value=20))
def test_adding_a_finding_never_raises_the_score(findings: list[Finding], number: int) -> None:
    before = ScoreSheet.from_findings(findings)
    after = ScoreSheet.from_findings([*findings, finding(number)])
    assert after.total <= before.total
    assert all(a.kept <= b.kept for a, b in zip(after, before, strict=True))
