"""The demo university's members and applicants as records, branch by branch."""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from types import MappingProxyType
from typing import Final

from cpcinfo.applicant import Applicant, Development
from cpcinfo.demo._campus_plan import Kind, OrgPlan
from cpcinfo.demo._ids import APPLICANT_SEQUENCES, MEMBER_SEQUENCES, IdIssuer
from cpcinfo.demo._lives import Life, day_between, retiree, staff, student, veteran
from cpcinfo.demo._names import UYGHUR_NAMES, NameKind, NameMaker
from cpcinfo.demo._regions import issue_year, regions_in
from cpcinfo.member import Floating, Hardship, Member, MemberAward, Relation, Standing, Work
from cpcinfo.person import Person
from cpcinfo.rules.dates import add_months, add_years

ID_NUMBER_SHARE: Final = 0.95
"""Members and applicants whose optional 公民身份号码 is recorded."""
SHAANXI_SHARE: Final = 0.8
"""People whose 籍贯 (and identity-number county) is in Shaanxi rather than a neighbouring province."""
ETHNICITY_WEIGHTS: Final = (("01", 965), ("03", 15), ("11", 7), ("02", 5), ("05", 4), ("04", 4))
"""民族 codes with their weight per mille: 汉, 回, 满, 蒙古, 维吾尔, 藏."""
FLOATING_SHARE: Final = 0.012
"""Members who work or study away for a while (流出党员), among those who are not retired."""
EXTENDED_PROBATION_SHARE: Final = 0.02
EXTENSION_MONTHS: Final = (6, 12)
"""An extended probation ends this many months after the on-time day (inclusive range)."""
PARTY_WORKER_AWARD_SHARE: Final = 0.25
"""Of the awards of staff and administrators, those for 优秀党务工作者 rather than 优秀共产党员."""
AUTHORITY_LEVELS: Final = (("6", 60), ("5", 20), ("4", 15), ("3", 5))
"""批准机关级别 of awards, with weights: 基层, 乡（科）, 县（处）, 地（厅）."""
AWARD_SHARES: Final = MappingProxyType({
    Kind.STAFF: 0.12, Kind.OFFICE: 0.12, Kind.SERVICE: 0.08, Kind.LIBRARY: 0.08, Kind.SCHOOL: 0.1,
    Kind.PRESS: 0.08, Kind.RETIRED: 0.08, Kind.UNDERGRADUATE: 0.04, Kind.GRADUATE: 0.05,
})
"""The share of members of each kind with an award (优秀共产党员, 优秀党务工作者)."""
AWARD_DAY: Final = (6, 28)
"""Awards are approved just before 1 July, the Party's anniversary."""

STAGE_WEIGHTS: Final = (40, 30, 20, 10)
"""Applicants who have only applied, are activists, are candidates, or were passed by the branch meeting."""
APPLIED, ACTIVIST, CANDIDATE, MEETING = range(4)
TWO_MENTORS_SHARE: Final = 0.7
APPLIED_WITHIN_YEARS: Final = 4
"""Applicants applied at most this many years before the date of the check, when they could."""
# The gaps between the stages, in days (from, to); a candidate is named 12 months after becoming an activist.
ACTIVIST_GAP: Final = (30, 240)
CANDIDATE_EXTRA_GAP: Final = (0, 150)
MEETING_GAP: Final = (60, 200)

NOT_IN_HARDSHIP: Final = Hardship(veteran_without_work=False, special_care_subsidy=False)
VETERAN_HARDSHIP: Final = Hardship(veteran_without_work=True, special_care_subsidy=True)
OUTFLOW: Final = Floating(flow_type="02")


def _step(rng: random.Random, as_of: datetime.date, after: datetime.date, gap: tuple[int, int],
          reserve: int) -> datetime.date:
    """A day ``gap`` days after ``after``, leaving ``reserve`` days before the date of the check."""
    last = min(after + datetime.timedelta(days=gap[1]), as_of - datetime.timedelta(days=reserve))
    return day_between(rng, after + datetime.timedelta(days=gap[0]), last)


def draw_development(rng: random.Random, as_of: datetime.date, branch: str, available: datetime.date,
                     mentors: Sequence[str]) -> Development:
    """The development of an applicant who could apply from ``available``: a stage drawn by
    :data:`STAGE_WEIGHTS` (only the first without mentors to name), its dates in order and no later than
    ``as_of``, a year or more from activist to candidate, and one or two of ``mentors``."""
    stage = rng.choices(range(4), weights=STAGE_WEIGHTS)[0] if mentors else APPLIED
    # The fewest days each stage needs after applying.
    after_applied = (0, ACTIVIST_GAP[0], ACTIVIST_GAP[0] + 366, ACTIVIST_GAP[0] + 366 + MEETING_GAP[0])
    while stage > APPLIED and available + datetime.timedelta(days=after_applied[stage]) > as_of:
        stage -= 1
    latest = as_of - datetime.timedelta(days=after_applied[stage])
    earliest = max(available, add_years(as_of, -APPLIED_WITHIN_YEARS))
    applied = day_between(rng, earliest if earliest <= latest else available, latest)
    if stage == APPLIED:
        return Development(branch=branch, applied_on=applied)
    activist = _step(rng, as_of, applied, ACTIVIST_GAP, after_applied[stage] - ACTIVIST_GAP[0])
    chosen = tuple(rng.sample(list(mentors), min(len(mentors), 2 if rng.random() < TWO_MENTORS_SHARE else 1)))
    if stage == ACTIVIST:
        return Development(branch=branch, applied_on=applied, mentors=chosen, activist_on=activist)
    reserve = MEETING_GAP[0] if stage == MEETING else 0
    candidate = _step(rng, as_of, add_months(activist, 12), CANDIDATE_EXTRA_GAP, reserve)
    if stage == CANDIDATE:
        return Development(branch=branch, applied_on=applied, mentors=chosen, activist_on=activist,
                           candidate_on=candidate)
    meeting = _step(rng, as_of, candidate, MEETING_GAP, 0)
    return Development(branch=branch, applied_on=applied, mentors=chosen, activist_on=activist,
                       candidate_on=candidate, branch_meeting_on=meeting)


class CampusPeople:
    """Makes the people of one university; owns the random stream, the name maker and the id issuers."""

    def __init__(self, rng: random.Random, as_of: datetime.date) -> None:
        self._rng = rng
        self._as_of = as_of
        self._names = NameMaker(rng)
        self._member_ids = IdIssuer(MEMBER_SEQUENCES)
        self._applicant_ids = IdIssuer(APPLICANT_SEQUENCES)
        self._regions: dict[int, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self._ethnicities = tuple(code for code, weight in ETHNICITY_WEIGHTS for _ in range(weight))
        self.members_made = 0
        self.applicants_made = 0

    # -- persons ------------------------------------------------------------------------------------------

    def _county(self, year: int) -> str:
        """A county in force when a person born in ``year`` was given a number."""
        pools = self._regions.get(year)
        if pools is None:
            pools = self._regions[year] = regions_in(issue_year(year, self._as_of.year))
        pool = pools[0] if self._rng.random() < SHAANXI_SHARE else pools[1]
        return pool[int(self._rng.random() * len(pool))]

    def _person(self, kind: NameKind, life: Life, unit_name: str, ids: IdIssuer) -> tuple[Person, datetime.date]:
        rng = self._rng
        county = self._county(life.born.year)
        born, number = ids.issue(county, life.born.toordinal(), life.male)
        ethnicity = self._ethnicities[int(rng.random() * len(self._ethnicities))]
        if ethnicity == "05" and kind is NameKind.MEMBER:
            name = UYGHUR_NAMES[int(rng.random() * len(UYGHUR_NAMES))]
        else:
            name = self._names.name(kind, life.male, life.born.year)
        day = datetime.date.fromordinal(born)
        person = Person(name=name, gender="1" if life.male else "2", ethnicity=ethnicity, born_on=day,
                        native_place=county, unit_name=unit_name,
                        id_number=number if rng.random() < ID_NUMBER_SHARE else None)
        return person, day

    # -- members ------------------------------------------------------------------------------------------

    def _standing(self, joined: datetime.date) -> Standing:
        on_time = add_months(joined, 12)
        if on_time > self._as_of:
            return Standing(joined_on=joined, join_type="0", probation_outcome="6")
        if self._rng.random() < EXTENDED_PROBATION_SHARE:
            full = add_months(on_time, self._rng.randint(*EXTENSION_MONTHS))
            if full <= self._as_of:
                return Standing(joined_on=joined, join_type="0", full_member_on=full, probation_outcome="2")
        return Standing(joined_on=joined, join_type="0", full_member_on=on_time, probation_outcome="1")

    def _awards(self, kind: Kind, joined: datetime.date) -> tuple[MemberAward, ...]:
        rng = self._rng
        if rng.random() >= AWARD_SHARES[kind]:
            return ()
        days = [d for y in range(joined.year, self._as_of.year + 1)
                if joined < (d := datetime.date(y, *AWARD_DAY)) <= self._as_of]
        if not days:
            return ()
        name = "12" if kind in (Kind.STAFF, Kind.OFFICE) and rng.random() < PARTY_WORKER_AWARD_SHARE else "11"
        level = rng.choices([c for c, _ in AUTHORITY_LEVELS], weights=[w for _, w in AUTHORITY_LEVELS])[0]
        return (MemberAward(name=name, authority_level=level, approved_on=days[int(rng.random() * len(days))]),)

    def _life(self, kind: Kind) -> Life:
        if kind in (Kind.UNDERGRADUATE, Kind.GRADUATE):
            return student(self._rng, kind, self._as_of, member=True)
        if kind is Kind.RETIRED:
            return retiree(self._rng, self._as_of)
        return staff(self._rng, kind, self._as_of, member=True)

    def member(self, plan: OrgPlan, *, is_veteran: bool = False) -> Member:
        """A member of the branch ``plan``; a veteran is a 离休干部 who joined before 1949-10-01."""
        life = veteran(self._rng) if is_veteran else self._life(plan.kind)
        person, _ = self._person(NameKind.MEMBER, life, plan.unit_name, self._member_ids)
        assert life.joined is not None and life.entered is not None
        self.members_made += 1
        floating = plan.kind is not Kind.RETIRED and self._rng.random() < FLOATING_SHARE
        return Member(
            id=f"M{self.members_made:06d}",
            basic=person,
            education=life.education,
            work=Work(post=life.post, frontline=life.frontline),
            awards=self._awards(plan.kind, life.joined),
            standing=self._standing(life.joined),
            relation=Relation(branch=plan.code, entered_on=life.entered, entry_type=life.entry_type),
            floating=OUTFLOW if floating else None,
            hardship=VETERAN_HARDSHIP if is_veteran else NOT_IN_HARDSHIP,
        )

    # -- applicants ---------------------------------------------------------------------------------------

    def applicant(self, plan: OrgPlan, mentors: Sequence[str]) -> Applicant:
        """An applicant of the branch ``plan``; ``mentors`` are the names that may mentor in that branch."""
        if plan.kind in (Kind.UNDERGRADUATE, Kind.GRADUATE):
            life = student(self._rng, plan.kind, self._as_of, member=False)
        else:
            life = staff(self._rng, plan.kind, self._as_of, member=False)
        person, _ = self._person(NameKind.APPLICANT, life, plan.unit_name, self._applicant_ids)
        assert life.available is not None
        self.applicants_made += 1
        return Applicant(id=f"A{self.applicants_made:06d}", basic=person, education=life.education,
                         development=draw_development(self._rng, self._as_of, plan.code, life.available,
                                                                  mentors))
