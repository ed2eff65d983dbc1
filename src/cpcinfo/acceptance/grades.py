"""Grades (审核验收档次).

「抽查的信息项平均得分95分以上，为建库工作优秀单位；平均得分90分以上，为建库工作合格单位；平均得分低于90分的，
为建库工作不合格单位。」 「以上」 includes its bound. A unit's score is its sheet's total; scored on several
sheets, its score is their mean, kept exact:

>>> grade(95).label, grade(94).label, grade(90).label, grade(89).label
('优秀', '合格', '合格', '不合格')
>>> mean_score([95, 94]), grade(mean_score([95, 94])).label
(Fraction(189, 2), '合格')
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import Final, Protocol

from cpcinfo.errors import InvalidArgumentError
from cpcinfo.labelled import LabelledEnum

EXCELLENT_MIN_SCORE: Final = 95
"""「平均得分95分以上」 is 优秀; 95 itself is 优秀."""

PASS_MIN_SCORE: Final = 90
"""「平均得分90分以上」 is 合格; 90 itself is 合格, and anything below is 不合格."""

MIN_SCORE: Final = 0
MAX_SCORE: Final = 100


class Grade(LabelledEnum):
    """优秀, 合格 or 不合格 (the Chinese name is the ``label``)."""

    EXCELLENT = "excellent", "优秀"
    PASS = "pass", "合格"
    FAIL = "fail", "不合格"

    @property
    def passed(self) -> bool:
        """Whether the grade counts as 合格 for the region's 建库合格率 (合格 or 优秀)."""
        return self is not Grade.FAIL


class Scored(Protocol):
    """Anything with a ``total`` score, such as a :class:`~cpcinfo.acceptance.ScoreSheet`."""

    @property
    def total(self) -> int: ...


def _check_score(score: object) -> int | Fraction:
    if isinstance(score, float):
        raise TypeError(f"分数须为整数或 Fraction，不接受浮点数 {score!r}：等级在边界上须精确比较")
    if isinstance(score, bool) or not isinstance(score, int | Fraction):
        raise TypeError(f"分数须为整数或 Fraction，得到 {type(score).__name__}: {score!r}")
    if not MIN_SCORE <= score <= MAX_SCORE:
        raise InvalidArgumentError(f"分数须在{MIN_SCORE}–{MAX_SCORE}之间：{score}")
    return score


def grade(score: int | Fraction) -> Grade:
    """The grade of a score from 0 to 100 (an ``int`` or an exact ``Fraction``).

    Floats are refused: 94.99999999999999 and 95 must not be confused at a bound, so pass a mean as the
    ``Fraction`` that :func:`mean_score` returns.

    >>> grade(Fraction(189, 2)).label
    '合格'
    >>> grade(94.5)
    Traceback (most recent call last):
    ...
    TypeError: 分数须为整数或 Fraction，不接受浮点数 94.5：等级在边界上须精确比较
    """
    value = _check_score(score)
    if value >= EXCELLENT_MIN_SCORE:
        return Grade.EXCELLENT
    if value >= PASS_MIN_SCORE:
        return Grade.PASS
    return Grade.FAIL


def mean_score(sheets_or_scores: Iterable[Scored | int | Fraction]) -> Fraction:
    """The exact mean of several scores, or of the totals of several sheets, for one unit.

    >>> mean_score([90, 89])
    Fraction(179, 2)
    >>> mean_score([])
    Traceback (most recent call last):
    ...
    cpcinfo.errors.InvalidArgumentError: 没有可求平均的得分
    """
    scores = [
        _check_score(entry if isinstance(entry, int | Fraction | float) else entry.total) for entry in sheets_or_scores
    ]
    if not scores:
        raise InvalidArgumentError("没有可求平均的得分")
    return Fraction(sum(scores)) / len(scores)
