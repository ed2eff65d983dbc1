"""The verdict on a region or system (各地区、各系统).

「各地区、各系统建库率未达到95%以上，或建库合格率未达到80%以上，将被评为建库工作不合格单位」:

- 建库率 (building rate) = base-level committees that have built their database ÷ all of them;
- 建库合格率 (pass rate) = inspected units graded 合格 or 优秀 ÷ inspected units.

「以上」 includes its bound and both rates are compared as exact fractions: 19 of 20 is exactly 95% and
passes.

>>> from cpcinfo.acceptance.grades import Grade
>>> units = [UnitState(name=f"党委{i}", built=i != 0) for i in range(20)]
>>> units[1:6] = [UnitState(name=f"党委{i}", built=True, grade=Grade.PASS) for i in range(1, 6)]
>>> verdict = region_verdict(units)
>>> verdict.building_rate, verdict.pass_rate, verdict.status.label
(Fraction(19, 20), Fraction(1, 1), '合格')
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from fractions import Fraction
from typing import Final

import attrs

from cpcinfo.acceptance.grades import Grade
from cpcinfo.acceptance.sampling import committee_sample_size
from cpcinfo.errors import InvalidArgumentError
from cpcinfo.labelled import LabelledEnum

MIN_BUILDING_RATE: Final = Fraction(95, 100)
"""「建库率…95%以上」: a building rate of exactly 95% is enough."""

MIN_PASS_RATE: Final = Fraction(80, 100)
"""「建库合格率…80%以上」: a pass rate of exactly 80% is enough."""


class RegionStatus(LabelledEnum):
    """合格, 不合格, or 无法判定 when a rate the verdict needs cannot be computed (the Chinese name is the
    ``label``)."""

    PASSED = "passed", "合格"
    FAILED = "failed", "不合格"
    UNDETERMINED = "undetermined", "无法判定"


@attrs.frozen(kw_only=True)
class UnitState:
    """One base-level committee (基层党委) of the region.

    ``grade`` is ``None`` when the unit was not inspected; an uninspected unit may or may not have built its
    database, but a graded unit must have built it.
    """

    name: str = attrs.field(validator=attrs.validators.instance_of(str))
    built: bool = attrs.field(validator=attrs.validators.instance_of(bool))
    grade: Grade | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Grade))
    )

    def __attrs_post_init__(self) -> None:
        if self.grade is not None and not self.built:
            raise InvalidArgumentError(f"{self.name}：未建库的单位不能有验收等次（{self.grade.label}）")


def rate_text(numerator: int, denominator: int) -> str:
    """「18/20 = 90%」 when the percentage is whole, else 「2/3 ≈ 66.67%」 (rounded half up)."""
    hundredths, remainder = divmod(numerator * 10_000, denominator)
    if remainder == 0 and hundredths % 100 == 0:
        return f"{numerator}/{denominator} = {hundredths // 100}%"
    rounded = (numerator * 20_000 + denominator) // (2 * denominator)
    return f"{numerator}/{denominator} ≈ {rounded // 100}.{rounded % 100:02d}%"


def _threshold_text(rate: Fraction) -> str:
    return f"{rate * 100}%"


@attrs.frozen(kw_only=True)
class RegionVerdict:
    """The counts of a region and the verdict they give.

    Everything else is derived from the four counts: the two rates (exact fractions; ``None`` where the
    denominator is zero), the :attr:`status`, the :attr:`reasons` it is not 合格, and the minimum number of
    committees the province inspects (:attr:`required_committee_sample`). The status does not depend on
    whether that many were inspected: :attr:`sample_sufficient` says so separately.
    """

    committees: int
    built: int
    inspected: int
    passed: int

    def __attrs_post_init__(self) -> None:
        counts = (self.committees, self.built, self.inspected, self.passed)
        if any(isinstance(n, bool) or not isinstance(n, int) for n in counts):
            raise TypeError(f"单位数须为整数：{counts}")
        if not 0 <= self.passed <= self.inspected <= self.built <= self.committees:
            raise InvalidArgumentError(
                "须满足 0 ≤ 合格单位数 ≤ 抽查单位数 ≤ 已建库单位数 ≤ 基层党委总数，得到 "
                f"{self.passed}、{self.inspected}、{self.built}、{self.committees}"
            )

    @property
    def building_rate(self) -> Fraction | None:
        """建库率, or ``None`` when the region has no committee."""
        return Fraction(self.built, self.committees) if self.committees else None

    @property
    def pass_rate(self) -> Fraction | None:
        """建库合格率, or ``None`` when no unit was inspected."""
        return Fraction(self.passed, self.inspected) if self.inspected else None

    @property
    def required_committee_sample(self) -> int:
        """The province's minimum sample of this region's committees (5%, rounded up)."""
        return committee_sample_size(self.committees)

    @property
    def sample_sufficient(self) -> bool:
        """Whether at least :attr:`required_committee_sample` units were inspected."""
        return self.inspected >= self.required_committee_sample

    def _failures(self) -> tuple[str, ...]:
        failures: list[str] = []
        building, passing = self.building_rate, self.pass_rate
        if building is not None and building < MIN_BUILDING_RATE:
            failures.append(
                f"建库率 {rate_text(self.built, self.committees)} 未达到 {_threshold_text(MIN_BUILDING_RATE)}"
            )
        if passing is not None and passing < MIN_PASS_RATE:
            failures.append(
                f"建库合格率 {rate_text(self.passed, self.inspected)} 未达到 {_threshold_text(MIN_PASS_RATE)}"
            )
        return tuple(failures)

    def _unknowns(self) -> tuple[str, ...]:
        if self.committees == 0:
            return ("没有基层党委，建库率无法计算",)
        if self.inspected == 0:
            return ("没有抽查单位，建库合格率无法计算",)
        return ()

    @property
    def reasons(self) -> tuple[str, ...]:
        """Why the region is not 合格: the rates that fall short, then the rates that cannot be computed.
        Empty when the region is 合格."""
        return (*self._failures(), *self._unknowns())

    @property
    def status(self) -> RegionStatus:
        """不合格 if a rate falls short, even when the other cannot be computed; else 无法判定 if a rate
        cannot be computed; else 合格."""
        if self._failures():
            return RegionStatus.FAILED
        if self._unknowns():
            return RegionStatus.UNDETERMINED
        return RegionStatus.PASSED


def region_verdict(units: Iterable[UnitState]) -> RegionVerdict:
    """The verdict on a region from the state of each of its base-level committees.

    A unit listed twice (by name) is a ValueError: it would count twice in both rates.

    >>> units = [UnitState(name=f"党委{i}", built=i >= 2) for i in range(20)]
    >>> region_verdict(units).reasons
    ('建库率 18/20 = 90% 未达到 95%', '没有抽查单位，建库合格率无法计算')
    >>> region_verdict(units).status.label
    '不合格'
    """
    listed = list(units)
    for unit in listed:
        if not isinstance(unit, UnitState):
            raise TypeError(f"须为 UnitState，得到 {type(unit).__name__}: {unit!r}")
    repeated = sorted(name for name, count in Counter(u.name for u in listed).items() if count > 1)
    if repeated:
        raise InvalidArgumentError(f"单位重复：{'、'.join(repeated)}")
    inspected = [u for u in listed if u.grade is not None]
    return RegionVerdict(
        committees=len(listed),
        built=sum(u.built for u in listed),
        inspected=len(inspected),
        passed=sum(1 for u in inspected if u.grade is not None and u.grade.passed),
    )
