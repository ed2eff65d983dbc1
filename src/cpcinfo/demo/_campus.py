"""The clean demo university: plan, people, organizations, in that order."""

from __future__ import annotations

import datetime
import random
from typing import Final

import attrs

from cpcinfo.applicant import Applicant
from cpcinfo.demo._campus_orgs import choose_leaders, is_full, organization, unique_names
from cpcinfo.demo._campus_people import CampusPeople
from cpcinfo.demo._campus_plan import BRANCH, Kind, OrgPlan, plan_university
from cpcinfo.member import Member
from cpcinfo.org import Organization

VETERAN_COUNT: Final = 2
"""建国前 veterans: the first member of each of the first retirees' branches."""
COMMITTEE_LEADER_KINDS: Final = frozenset({Kind.OFFICE, Kind.STAFF})
DEPARTMENT_LEADER_KINDS: Final = frozenset({Kind.STAFF})


@attrs.frozen(kw_only=True)
class Campus:
    """The clean university, before any defect is planted."""

    plans: tuple[OrgPlan, ...]
    organizations: tuple[Organization, ...]
    members: tuple[Member, ...]
    applicants: tuple[Applicant, ...]


def stream(seed: int, purpose: str) -> random.Random:
    """The random stream of one step of the generator: each step has its own, so that planting defects
    leaves the clean part of the unit exactly as a clean run makes it."""
    return random.Random(f"cpcinfo.demo:{seed}:{purpose}")


def build_campus(seed: int, as_of: datetime.date) -> Campus:
    """The clean university of ``seed`` as recorded on ``as_of``."""
    plans = plan_university(stream(seed, "plan"))
    branches = [p for p in plans if p.category == BRANCH]
    people = CampusPeople(stream(seed, "people"), as_of)
    veterans = {p.code for p in [b for b in branches if b.kind is Kind.RETIRED][:VETERAN_COUNT]}
    members: list[Member] = []
    by_branch: dict[str, list[Member]] = {}
    for plan in branches:
        mine = by_branch[plan.code] = []
        for index in range(plan.members):
            mine.append(people.member(plan, is_veteran=index == 0 and plan.code in veterans))
        members.extend(mine)
    unique = unique_names(members)

    def candidates(codes: list[str]) -> list[Member]:
        return [m for code in codes for m in by_branch[code] if m.basic is not None and m.basic.name in unique]

    applicants: list[Applicant] = []
    for plan in branches:
        mentors = [str(m.basic.name) for m in candidates([plan.code]) if is_full(m) and m.basic is not None]
        applicants.extend(people.applicant(plan, mentors) for _ in range(plan.applicants))

    rng = stream(seed, "organizations")
    organizations: list[Organization] = []
    founded: dict[str, datetime.date] = {}
    for plan in plans:
        if plan.kind is Kind.COMMITTEE:
            codes = [b.code for b in branches if b.kind in COMMITTEE_LEADER_KINDS]
        elif plan.kind is Kind.DEPARTMENT:
            codes = [b.code for b in branches if b.parent == plan.code and b.kind in DEPARTMENT_LEADER_KINDS]
        else:
            codes = [plan.code]
        leaders = choose_leaders(rng, plan, candidates(codes))
        org = organization(rng, plan, leaders, founded.get(plan.parent or ""), as_of)
        assert org.basic is not None and isinstance(org.basic.founded_on, datetime.date)
        founded[plan.code] = org.basic.founded_on
        organizations.append(org)
    return Campus(plans=plans, organizations=tuple(organizations), members=tuple(members),
                  applicants=tuple(applicants))
