"""Grades (docs/domain/acceptance.md#grades): 95 and above 优秀, 90 and above 合格, below 90 不合格, compared
exactly."""

from __future__ import annotations

import doctest
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cpcinfo.acceptance import grades
from cpcinfo.acceptance.grades import EXCELLENT_MIN_SCORE, PASS_MIN_SCORE, Grade, grade, mean_score
from cpcinfo.acceptance.sheet import ScoreSheet


def test_doctests() -> None:
    assert doctest.testmod(grades).failed == 0


def test_the_bounds_are_the_documents() -> None:
    assert (EXCELLENT_MIN_SCORE, PASS_MIN_SCORE) == (95, 90)


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (100, Grade.EXCELLENT),
        (95, Grade.EXCELLENT),  # 「95分以上」 includes 95
        (94, Grade.PASS),
        (90, Grade.PASS),  # 「90分以上」 includes 90
        (89, Grade.FAIL),
        (0, Grade.FAIL),
        (Fraction(95), Grade.EXCELLENT),
        (Fraction(189, 2), Grade.PASS),  # mean of 95 and 94
        (Fraction(179, 2), Grade.FAIL),  # mean of 90 and 89
        (Fraction(1899, 20), Grade.PASS),  # 94.95 is not 95
        (Fraction(1799, 20), Grade.FAIL),  # 89.95 is not 90
    ],
)
def test_grade(score: int | Fraction, expected: Grade) -> None:
    assert grade(score) is expected


def test_labels() -> None:
    assert [g.label for g in Grade] == ["优秀", "合格", "不合格"]
    assert [g.passed for g in Grade] == [True, True, False]


def test_means_are_exact() -> None:
    assert mean_score([95, 94]) == Fraction(189, 2)
    assert grade(mean_score([95, 94])) is Grade.PASS
    assert grade(mean_score([90, 89])) is Grade.FAIL
    assert grade(mean_score([95, 95, 95])) is Grade.EXCELLENT
    assert mean_score([Fraction(1, 3), Fraction(2, 3)]) == Fraction(1, 2)


def test_mean_of_sheets() -> None:
    perfect = ScoreSheet.from_findings([])
    assert mean_score([perfect, perfect, 70]) == 90


def test_mean_of_nothing_is_refused() -> None:
    with pytest.raises(ValueError, match="没有可求平均的得分"):
        mean_score([])


@pytest.mark.parametrize("score", [95.0, 89.99999999999999, float("nan")])
def test_floats_are_refused(score: float) -> None:
    with pytest.raises(TypeError, match=r"不接受浮点数.*精确"):
        grade(score)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="不接受浮点数"):
        mean_score([90, score])  # type: ignore[list-item]


@pytest.mark.parametrize("score", [True, "95", Decimal(95), None])
def test_other_types_are_refused(score: object) -> None:
    with pytest.raises(TypeError, match="分数须为整数或 Fraction"):
        grade(score)  # type: ignore[arg-type]


@pytest.mark.parametrize("score", [-1, 101, Fraction(-1, 2), Fraction(201, 2)])
def test_scores_outside_0_to_100_are_refused(score: int | Fraction) -> None:
    with pytest.raises(ValueError, match="0–100"):
        grade(score)


@given(st.lists(st.integers(min_value=0, max_value=100), min_size=1, max_size=10))
def test_mean_lies_between_the_scores_and_grades_like_a_score(scores: list[int]) -> None:
    mean = mean_score(scores)
    assert min(scores) <= mean <= max(scores)
    assert mean * len(scores) == sum(scores)
    assert grade(mean) is grade(mean)


@given(st.integers(min_value=0, max_value=99))
def test_grade_is_monotone(score: int) -> None:
    order = [Grade.FAIL, Grade.PASS, Grade.EXCELLENT]
    assert order.index(grade(score + 1)) >= order.index(grade(score))
