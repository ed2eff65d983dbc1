"""The verdict on a region or system (docs/domain/acceptance.md#verdict)."""

from __future__ import annotations

import doctest
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cpcinfo.acceptance import region
from cpcinfo.acceptance.grades import Grade
from cpcinfo.acceptance.region import (
    MIN_BUILDING_RATE,
    MIN_PASS_RATE,
    RegionStatus,
    RegionVerdict,
    UnitState,
    region_verdict,
)


def units(*, committees: int, built: int, passed: int = 0, failed: int = 0) -> list[UnitState]:
    """``committees`` units, the first ``built`` built; of those, ``passed`` graded 合格, ``failed`` 不合格."""
    assert passed + failed <= built <= committees
    grades = [Grade.PASS if i < passed else Grade.FAIL if i < passed + failed else None for i in range(committees)]
    return [UnitState(name=f"党委{i:03d}", built=i < built, grade=grades[i]) for i in range(committees)]


def test_doctests() -> None:
    assert doctest.testmod(region).failed == 0


def test_the_thresholds_are_the_documents() -> None:
    assert (Fraction(95, 100), Fraction(80, 100)) == (MIN_BUILDING_RATE, MIN_PASS_RATE)


def test_exactly_95_and_80_percent_pass() -> None:
    verdict = region_verdict(units(committees=20, built=19, passed=4, failed=1))
    assert verdict.building_rate == Fraction(19, 20)
    assert verdict.pass_rate == Fraction(4, 5)
    assert verdict.status is RegionStatus.PASSED
    assert verdict.status.label == "合格"
    assert verdict.reasons == ()


def test_95_of_100_passes_94_does_not() -> None:
    assert region_verdict(units(committees=100, built=95, passed=5)).status is RegionStatus.PASSED
    verdict = region_verdict(units(committees=100, built=94, passed=5))
    assert verdict.status is RegionStatus.FAILED
    assert verdict.reasons == ("建库率 94/100 = 94% 未达到 95%",)


def test_18_of_20_built_fails() -> None:
    verdict = region_verdict(units(committees=20, built=18, passed=5))
    assert verdict.status is RegionStatus.FAILED
    assert verdict.status.label == "不合格"
    assert verdict.reasons == ("建库率 18/20 = 90% 未达到 95%",)


def test_3_of_5_passed_fails() -> None:
    verdict = region_verdict(units(committees=20, built=20, passed=3, failed=2))
    assert verdict.status is RegionStatus.FAILED
    assert verdict.reasons == ("建库合格率 3/5 = 60% 未达到 80%",)


def test_80_of_100_passed_passes_79_does_not() -> None:
    assert region_verdict(units(committees=100, built=100, passed=80, failed=20)).status is RegionStatus.PASSED
    verdict = region_verdict(units(committees=100, built=100, passed=79, failed=21))
    assert verdict.status is RegionStatus.FAILED
    assert verdict.reasons == ("建库合格率 79/100 = 79% 未达到 80%",)


def test_both_rates_failing_give_both_reasons() -> None:
    verdict = region_verdict(units(committees=20, built=18, passed=3, failed=2))
    assert verdict.reasons == ("建库率 18/20 = 90% 未达到 95%", "建库合格率 3/5 = 60% 未达到 80%")


def test_a_rate_that_is_not_a_whole_percentage_is_shown_rounded() -> None:
    verdict = region_verdict(units(committees=20, built=20, passed=2, failed=1))
    assert verdict.pass_rate == Fraction(2, 3)
    assert verdict.reasons == ("建库合格率 2/3 ≈ 66.67% 未达到 80%",)


def test_no_unit_inspected_is_undetermined() -> None:
    verdict = region_verdict(units(committees=20, built=20))
    assert verdict.pass_rate is None
    assert verdict.inspected == 0
    assert verdict.status is RegionStatus.UNDETERMINED
    assert verdict.status.label == "无法判定"
    assert verdict.reasons == ("没有抽查单位，建库合格率无法计算",)


def test_a_failing_building_rate_fails_even_with_no_unit_inspected() -> None:
    verdict = region_verdict(units(committees=20, built=18))
    assert verdict.status is RegionStatus.FAILED
    assert verdict.reasons == ("建库率 18/20 = 90% 未达到 95%", "没有抽查单位，建库合格率无法计算")


def test_no_committee_is_undetermined() -> None:
    verdict = region_verdict([])
    assert verdict.committees == 0
    assert verdict.building_rate is None
    assert verdict.pass_rate is None
    assert verdict.status is RegionStatus.UNDETERMINED
    assert verdict.reasons == ("没有基层党委，建库率无法计算",)
    assert verdict.required_committee_sample == 0


def test_counts_and_required_sample() -> None:
    verdict = region_verdict(units(committees=21, built=21, passed=1, failed=1))
    assert (verdict.committees, verdict.built, verdict.inspected, verdict.passed) == (21, 21, 2, 1)
    assert verdict.required_committee_sample == 2
    assert verdict.sample_sufficient
    assert not region_verdict(units(committees=21, built=21, passed=1)).sample_sufficient


def test_excellent_counts_as_passed() -> None:
    state = [UnitState(name="甲", built=True, grade=Grade.EXCELLENT)]
    assert region_verdict(state).passed == 1


def test_a_graded_unit_must_be_built() -> None:
    with pytest.raises(ValueError, match="甲：未建库的单位不能有验收等次"):
        UnitState(name="甲", built=False, grade=Grade.PASS)
    assert UnitState(name="乙", built=False).grade is None  # not built, not inspected: fine


def test_unit_fields_are_typed() -> None:
    with pytest.raises(TypeError):
        UnitState(name="甲", built=1)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        UnitState(name="甲", built=True, grade="合格")  # type: ignore[arg-type]


def test_a_unit_listed_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="单位重复：甲"):
        region_verdict([UnitState(name="甲", built=True), UnitState(name="甲", built=False)])


def test_counts_must_be_consistent() -> None:
    with pytest.raises(ValueError):
        RegionVerdict(committees=5, built=6, inspected=0, passed=0)
    with pytest.raises(ValueError):
        RegionVerdict(committees=5, built=5, inspected=2, passed=3)
    with pytest.raises(TypeError):
        RegionVerdict(committees=5.0, built=5, inspected=0, passed=0)  # type: ignore[arg-type]


@st.composite
def region_counts(draw: st.DrawFn) -> tuple[int, int, int, int]:
    committees = draw(st.integers(min_value=1, max_value=200))
    built = draw(st.integers(min_value=0, max_value=committees))
    inspected = draw(st.integers(min_value=0, max_value=built))
    passed = draw(st.integers(min_value=0, max_value=inspected))
    return committees, built, inspected, passed


@given(region_counts())
def test_status_agrees_with_the_rule(counts: tuple[int, int, int, int]) -> None:
    committees, built, inspected, passed = counts
    verdict = RegionVerdict(committees=committees, built=built, inspected=inspected, passed=passed)
    building_fails = built * 100 < committees * 95
    passing_fails = inspected > 0 and passed * 100 < inspected * 80
    if building_fails or passing_fails:
        assert verdict.status is RegionStatus.FAILED
    elif inspected == 0:
        assert verdict.status is RegionStatus.UNDETERMINED
    else:
        assert verdict.status is RegionStatus.PASSED
    assert (verdict.status is RegionStatus.PASSED) == (verdict.reasons == ())
