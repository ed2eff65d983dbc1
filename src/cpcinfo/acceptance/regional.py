"""The inspection of a region or system (各地区、各系统): every unit, the province's sample, the verdict.

The region inspects each of its base-level committees (「完成对所属基层党委党员信息库检查验收」); the province
then spot-checks 「不少于基层党委总数的5%」 of them. This module is the core of that run, free of I/O:

- :func:`unit_seed` derives each unit's audit seed from the region's seed and the unit's code, so a unit's
  samples and score do not change when another unit is added or removed;
- :func:`summarize_unit` turns one unit's inspection file and audit into a compact :class:`UnitSummary`
  (the thing a process pool sends back and a region report is made of); a unit that could not be read,
  was not built or handed in no database is a summary too, with its :class:`UnitStatus` and the reason;
- :func:`region_result` draws the province's sample and computes the rates and the verdict.

Reading (a decision of this project): 建库合格率 is taken over the units the region inspected — every built
unit whose database could be audited — which is what the region reports to the province; the province's
spot-check sample is drawn from the same units and listed with its manifest. A unit whose database cannot be
read is counted among the committees (and as built, when its file says so) but not as inspected: it lowers
no rate by being unreadable, and it is never dropped.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Final

import attrs

from cpcinfo.acceptance.audit import AuditResult
from cpcinfo.acceptance.grades import Grade
from cpcinfo.acceptance.inspection import InspectionFinding, UnitInspection, inspection_findings
from cpcinfo.acceptance.region import RegionVerdict, UnitState, region_verdict
from cpcinfo.acceptance.sampling import SampleManifest, draw_committee_sample
from cpcinfo.errors import InvalidArgumentError, NotFoundError
from cpcinfo.labelled import LabelledEnum

PROVINCE_SAMPLE_LABEL: Final = "省委组织部抽查"
"""The suffix of the region's seed from which the province's sample is drawn."""

TOP_LOST_ITEMS: Final = 3
"""How many of a unit's items that lost the most points the region table shows."""


def unit_seed(region_seed: int | str, unit_code: str) -> str:
    """The audit seed of one unit: the region's seed and the unit's code.

    >>> unit_seed(2011, "610302001")
    '2011/610302001'
    """
    return f"{region_seed}/{unit_code}"


def province_seed(region_seed: int | str) -> str:
    """The seed of the province's spot check of the region."""
    return f"{region_seed}/{PROVINCE_SAMPLE_LABEL}"


class UnitStatus(LabelledEnum):
    """What became of one unit in the region's run; the ``label`` says it in Chinese."""

    INSPECTED = "inspected", "已审核"
    NOT_BUILT = "not_built", "未建库"
    NOT_SUBMITTED = "not_submitted", "已建库，未提交信息库"
    UNREADABLE = "unreadable", "无法审核"


@attrs.frozen(kw_only=True)
class UnitSummary:
    """One unit of the region: its file's facts, what became of it, and — when inspected — its score.

    ``lost`` holds ``(item, points deducted)`` for every item that lost points, most first;
    ``problems_by_rule`` and ``problems_by_item`` count the findings of the whole-database check that count
    (not waived), so a region can see its most frequent problems; ``records`` is (organizations, members,
    applicants). ``samples`` are the unit's three manifests (branches, members, applicants).
    """

    code: str
    name: str | None = None
    region: str | None = None
    status: UnitStatus
    built: bool
    built_on: datetime.date | None = None
    reason: str | None = None
    seed: str | None = None
    score: int | None = None
    grade: Grade | None = None
    lost: tuple[tuple[int, int], ...] = ()
    problems_by_rule: tuple[tuple[str, int], ...] = ()
    problems_by_item: tuple[tuple[int, int], ...] = ()
    records: tuple[int, int, int] = (0, 0, 0)
    samples: tuple[SampleManifest, ...] = ()
    inspection_findings: tuple[InspectionFinding, ...] = ()
    source: str | None = None

    def __attrs_post_init__(self) -> None:
        if (self.status is UnitStatus.INSPECTED) != (self.grade is not None):
            raise InvalidArgumentError(f"{self.code}：只有已审核的单位有等次")
        if self.status is UnitStatus.INSPECTED and not self.built:
            raise InvalidArgumentError(f"{self.code}：未建库的单位不能审核")

    @property
    def label(self) -> str:
        return f"{self.name}（{self.code}）" if self.name else self.code

    @property
    def inspected(self) -> bool:
        return self.status is UnitStatus.INSPECTED

    def state(self) -> UnitState:
        """The unit as the verdict sees it (by code, which is unique in a region)."""
        return UnitState(name=self.code, built=self.built, grade=self.grade)

    @property
    def top_lost(self) -> tuple[tuple[int, int], ...]:
        """The :data:`TOP_LOST_ITEMS` items that lost the most points."""
        return self.lost[:TOP_LOST_ITEMS]


def summarize_unit(file: UnitInspection, result: AuditResult, *, region_seed: int | str,
                   source: str | None = None) -> UnitSummary:
    """The summary of one inspected unit (its file and its audit)."""
    lost = sorted(((s.item.number, s.deducted) for s in result.sheet if s.deducted), key=lambda p: (-p[1], p[0]))
    counted = result.check.counted
    by_rule = Counter(f.rule for f in counted)
    by_item = Counter(f.item for f in counted)
    counts = result.check.counts
    return UnitSummary(
        code=file.unit_code, name=file.unit_name or result.unit, region=file.region, status=UnitStatus.INSPECTED,
        built=True, built_on=file.built_on, seed=unit_seed(region_seed, file.unit_code), score=result.total,
        grade=result.sheet.grade, lost=tuple(lost), problems_by_rule=tuple(sorted(by_rule.items())),
        problems_by_item=tuple(sorted(by_item.items())),
        records=(counts.organizations, counts.members, counts.applicants),
        samples=(result.samples.branches, result.samples.members, result.samples.applicants),
        inspection_findings=inspection_findings(file, as_of=result.as_of), source=source)


def unit_not_inspected(file: UnitInspection | None, *, code: str, status: UnitStatus, reason: str,
                       as_of: datetime.date, source: str | None = None) -> UnitSummary:
    """The summary of a unit that was not inspected: not built, no database handed in, or unreadable.

    ``file`` is ``None`` when the inspection file itself could not be read: then the unit is counted, as
    not built (nothing shows that it was), with the reason.
    """
    if file is None:
        return UnitSummary(code=code, status=status, built=False, reason=reason, source=source)
    return UnitSummary(code=file.unit_code, name=file.unit_name, region=file.region, status=status,
                       built=file.built, built_on=file.built_on, reason=reason,
                       inspection_findings=inspection_findings(file, as_of=as_of), source=source)


@attrs.frozen
class ProblemCount:
    """A rule (or item) across the region: findings in all, and how many units had it."""

    key: str
    findings: int
    units: int


@attrs.frozen
class Rectification:
    """A unit that needs 整改, and why."""

    unit: UnitSummary
    reasons: tuple[str, ...]


def _units_of(units: Iterable[UnitSummary]) -> tuple[UnitSummary, ...]:
    listed = sorted(units, key=lambda u: u.code)
    repeated = sorted(code for code, n in Counter(u.code for u in listed).items() if n > 1)
    if repeated:
        raise InvalidArgumentError(f"单位代码重复：{'、'.join(repeated)}")
    return tuple(listed)


@attrs.frozen(kw_only=True)
class RegionResult:
    """A region's run: every unit (in code order), the province's sample, the verdict."""

    region: str | None
    seed: int | str
    as_of: datetime.date
    units: tuple[UnitSummary, ...] = attrs.field(converter=_units_of)
    province_sample: SampleManifest
    verdict: RegionVerdict

    @property
    def spot_checked(self) -> frozenset[str]:
        """The codes of the units in the province's sample."""
        return frozenset(self.province_sample.drawn)

    def unit(self, code: str) -> UnitSummary:
        for unit in self.units:
            if unit.code == code:
                return unit
        raise NotFoundError(code)

    @property
    def inspected(self) -> tuple[UnitSummary, ...]:
        return tuple(u for u in self.units if u.inspected)

    def by_status(self, status: UnitStatus) -> tuple[UnitSummary, ...]:
        return tuple(u for u in self.units if u.status is status)

    @property
    def records(self) -> tuple[int, int, int]:
        """Organizations, members and applicants in all the inspected databases."""
        inspected = self.inspected
        return (sum(u.records[0] for u in inspected), sum(u.records[1] for u in inspected),
                sum(u.records[2] for u in inspected))

    def grade_counts(self) -> Mapping[Grade, int]:
        counts = Counter(u.grade for u in self.inspected if u.grade is not None)
        return {g: counts.get(g, 0) for g in Grade}

    @property
    def mean_score(self) -> Fraction | None:
        """The exact mean score of the inspected units, or ``None``."""
        scores = [u.score for u in self.inspected if u.score is not None]
        return Fraction(sum(scores), len(scores)) if scores else None

    def problems_by_rule(self) -> tuple[ProblemCount, ...]:
        """Every rule found in the region, most findings first (then most units, then code)."""
        return _tally(u.problems_by_rule for u in self.inspected)

    def problems_by_item(self) -> tuple[ProblemCount, ...]:
        """Every score-sheet item with findings in the region, most findings first."""
        return _tally(u.problems_by_item for u in self.inspected)

    def inspection_problems(self) -> tuple[ProblemCount, ...]:
        """The inspection files' gaps by code across the region, most units first."""
        per_unit = [tuple(Counter(f.code for f in u.inspection_findings).items()) for u in self.units]
        return _tally(per_unit)

    def rectifications(self) -> tuple[Rectification, ...]:
        """The units that need 整改 (in code order): not built, not handed in, unreadable, graded 不合格, or
        with gaps in their inspection file."""
        found = []
        for unit in self.units:
            reasons = []
            if unit.status is not UnitStatus.INSPECTED:
                reasons.append(unit.status.label + (f"：{unit.reason}" if unit.reason else ""))
            elif unit.grade is Grade.FAIL:
                reasons.append(f"验收得分 {unit.score} 分，{unit.grade.label}")
            reasons.extend(f"{f.code} {f.message}" for f in unit.inspection_findings)
            if reasons:
                found.append(Rectification(unit=unit, reasons=tuple(reasons)))
        return tuple(found)


def _tally(per_unit: Iterable[Iterable[tuple[object, int]]]) -> tuple[ProblemCount, ...]:
    """Findings and units per key (a rule code or an item number, as text), most findings first."""
    findings: Counter[str] = Counter()
    units: Counter[str] = Counter()
    for counts in per_unit:
        for k, n in counts:
            findings[str(k)] += n
            units[str(k)] += 1
    return tuple(ProblemCount(k, findings[k], units[k])
                 for k in sorted(findings, key=lambda k: (-findings[k], -units[k], _natural(k))))


def _natural(key: str) -> tuple[int, str]:
    return (int(key), "") if key.isdigit() else (0, key)


def region_result(units: Iterable[UnitSummary], *, seed: int | str, as_of: datetime.date, region: str | None = None,
                  province_sample_size: int | None = None) -> RegionResult:
    """The region's result from the summaries of all its units: the province's sample (at least 5% of the
    committees, drawn from the inspected ones) and the verdict.

    ``province_sample_size`` may ask for more than the minimum, never fewer.
    """
    listed = _units_of(units)
    inspected = [u.code for u in listed if u.inspected]
    sample = draw_committee_sample(inspected, province_sample_size, committees=len(listed), seed=province_seed(seed))
    verdict = region_verdict(u.state() for u in listed)
    return RegionResult(region=region, seed=seed, as_of=as_of, units=listed, province_sample=sample, verdict=verdict)


@attrs.frozen(kw_only=True)
class RegionChanges:
    """A region since its last report: units whose score fell or rose, units built since, units new or gone."""

    score_fell: tuple[tuple[str, int, int], ...]
    score_rose: tuple[tuple[str, int, int], ...]
    built_since: tuple[str, ...]
    grade_changed: tuple[tuple[str, Grade | None, Grade | None], ...]
    added: tuple[str, ...]
    removed: tuple[str, ...]


def compare_regions(old: RegionResult | Sequence[UnitSummary],
                    new: RegionResult | Sequence[UnitSummary]) -> RegionChanges:
    """What changed in a region between two runs, unit by unit (by code)."""
    before = {u.code: u for u in (old.units if isinstance(old, RegionResult) else old)}
    after = {u.code: u for u in (new.units if isinstance(new, RegionResult) else new)}
    common = sorted(set(before) & set(after))
    fell: list[tuple[str, int, int]] = []
    rose: list[tuple[str, int, int]] = []
    grades: list[tuple[str, Grade | None, Grade | None]] = []
    for code in common:
        b, a = before[code], after[code]
        if b.score is not None and a.score is not None and a.score != b.score:
            (fell if a.score < b.score else rose).append((code, b.score, a.score))
        if b.grade is not a.grade:
            grades.append((code, b.grade, a.grade))
    built = [code for code in sorted(after) if after[code].built and not (code in before and before[code].built)]
    return RegionChanges(score_fell=tuple(fell), score_rose=tuple(rose), built_since=tuple(built),
                         grade_changed=tuple(grades), added=tuple(sorted(set(after) - set(before))),
                         removed=tuple(sorted(set(before) - set(after))))
