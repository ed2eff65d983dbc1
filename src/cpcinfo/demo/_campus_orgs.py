"""The demo university's organization records: terms, units, awards and leaders drawn from the members."""

from __future__ import annotations

import datetime
import random
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Final

from cpcinfo.demo._campus_plan import OWN_UNIT_KINDS, UNIVERSITY, Kind, OrgPlan
from cpcinfo.demo._lives import day_between
from cpcinfo.member import Member
from cpcinfo.org import Leader, Organization, OrgAward, OrgBasic, Unit
from cpcinfo.rules.dates import add_months, add_years

LOCALITY: Final = "1"
"""党组织属地关系 of every organization of the university: 市（地、州、盟）."""
SAME_AS_PARENT: Final = "1"
LEGAL_ENTITY: Final = "2"
COMMITTEE_TERM_YEARS: Final = 5
BRANCH_TERM_YEARS: Final = ((2, 40), (3, 60))
"""Term of a 党总支 or 党支部 in years, with weights (2007 党章: two or three years)."""
COMMITTEE_FOUNDED_YEARS: Final = (1952, 1958)
DEPARTMENT_FOUNDED_YEARS: Final = (1978, 1995)
BRANCH_FOUNDED_WITHIN_YEARS: Final = 15
ORG_AWARD_SHARE: Final = 0.2
BRANCH_COMMITTEE_FROM: Final = 7
"""A branch with this many full members or more elects a 支部委员会 (书记 and 委员); else a 书记 only."""
BRANCH_COMMITTEE_SIZE: Final = (3, 4)
DEPUTY_FROM: Final = 4
DEPUTY_SHARE: Final = 0.5
"""A branch without a 支部委员会 but with :data:`DEPUTY_FROM` full members or more has a 副书记 this often."""
ORG_AWARDS: Final = (("11", 70), ("12", 30))
"""组织奖惩 names with weights: 先进基层党组织, 五好党组织."""

COMMITTEE_TITLES: Final = ("001A", "001B", "001B", "030U", "031U", "034U", "036U", "038U")
DEPARTMENT_TITLES: Final = ("001A", "001B", "030U", "031U", "034U")
BRANCH_COMMITTEE_TITLES: Final = ("001A", "030U", "031U", "034U")
WOMEN_TITLE: Final = "038U"

UNIVERSITY_UNIT: Final = Unit(name=UNIVERSITY, affiliation="20", nature="9", industry="84", legal_entity=True,
                              party_setup="11", grassroots_type="9")
"""The unit of the 党委: a provincial university, a public institution (事业单位) in education that has set
up a 党委."""


def own_unit(plan: OrgPlan) -> Unit:
    """The unit of a branch set up in a legal entity of its own (a school, the press)."""
    press = plan.kind is Kind.PRESS
    return Unit(name=plan.unit_name, affiliation="20", nature="6" if press else "9", industry="88" if press else "84",
                legal_entity=True, party_setup="13", grassroots_type="9")


def unique_names(members: Iterable[Member]) -> frozenset[str]:
    """The names that exactly one member has: a leader or mentor named so points at one person."""
    counts = Counter(str(m.basic.name) for m in members if m.basic is not None)
    return frozenset(name for name, count in counts.items() if count == 1)


def is_full(member: Member) -> bool:
    """Whether the member is a full member (转正日期 recorded)."""
    return member.standing is not None and isinstance(member.standing.full_member_on, datetime.date)


def _titles(rng: random.Random, plan: OrgPlan, full: int) -> tuple[str, ...]:
    if plan.kind is Kind.COMMITTEE:
        return COMMITTEE_TITLES
    if plan.kind is Kind.DEPARTMENT:
        return DEPARTMENT_TITLES
    if full >= BRANCH_COMMITTEE_FROM:
        return BRANCH_COMMITTEE_TITLES[: rng.randint(*BRANCH_COMMITTEE_SIZE)]
    return ("001A", "001B") if full >= DEPUTY_FROM and rng.random() < DEPUTY_SHARE else ("001A",)


def choose_leaders(rng: random.Random, plan: OrgPlan, candidates: Sequence[Member]) -> tuple[Leader, ...]:
    """The leaders of ``plan`` among ``candidates`` (members of its subtree with a name no one else has):
    full members first; the 妇女委员 is a woman where one can be found."""
    full = [m for m in candidates if is_full(m)]
    titles = _titles(rng, plan, len(full))
    pool = rng.sample(full, min(len(full), len(titles)))
    if len(pool) < len(titles):
        rest = [m for m in candidates if not is_full(m)]
        pool += rng.sample(rest, min(len(rest), len(titles) - len(pool)))
    leaders = []
    for title, person in zip(titles, pool, strict=False):
        if title == WOMEN_TITLE:
            women = [m for m in full if m.basic is not None and m.basic.gender == "2" and m not in pool]
            if women:
                person = women[int(rng.random() * len(women))]
        assert person.basic is not None
        leaders.append(Leader(name=person.basic.name, title=title))
    return tuple(leaders)


def _founded(rng: random.Random, plan: OrgPlan, parent_founded: datetime.date | None,
             elected: datetime.date) -> datetime.date:
    if plan.kind is Kind.COMMITTEE:
        years = COMMITTEE_FOUNDED_YEARS
        return day_between(rng, datetime.date(years[0], 1, 1), datetime.date(years[1], 12, 31))
    if plan.kind is Kind.DEPARTMENT:
        years = DEPARTMENT_FOUNDED_YEARS
        return day_between(rng, datetime.date(years[0], 1, 1), datetime.date(years[1], 12, 31))
    assert parent_founded is not None
    return day_between(rng, max(parent_founded, add_years(elected, -BRANCH_FOUNDED_WITHIN_YEARS)), elected)


def _term(rng: random.Random, plan: OrgPlan, as_of: datetime.date) -> tuple[datetime.date, datetime.date]:
    """(当选日期, 届满日期): a term still running on ``as_of``; never elected on 29 February, so that the term
    is a whole number of years."""
    if plan.kind is Kind.COMMITTEE:
        years = COMMITTEE_TERM_YEARS
        elected = day_between(rng, add_years(as_of, -4), add_months(as_of, -3))
    else:
        years = rng.choices([y for y, _ in BRANCH_TERM_YEARS], weights=[w for _, w in BRANCH_TERM_YEARS])[0]
        elected = day_between(rng, add_years(as_of, -years) + datetime.timedelta(days=30),
                              as_of - datetime.timedelta(days=14))
    if elected.month == 2 and elected.day == 29:
        elected = elected.replace(day=28)
    return elected, add_years(elected, years)


def _awards(rng: random.Random, plan: OrgPlan, founded: datetime.date, as_of: datetime.date) -> tuple[OrgAward, ...]:
    count = 2 if plan.kind is Kind.COMMITTEE else int(rng.random() < ORG_AWARD_SHARE)
    days = [d for y in range(founded.year, as_of.year + 1) if founded < (d := datetime.date(y, 6, 28)) <= as_of]
    chosen = sorted(rng.sample(days, min(count, len(days))))
    names, weights = [n for n, _ in ORG_AWARDS], [w for _, w in ORG_AWARDS]
    return tuple(OrgAward(name=rng.choices(names, weights=weights)[0], date=day) for day in chosen)


def organization(rng: random.Random, plan: OrgPlan, leaders: tuple[Leader, ...], parent_founded: datetime.date | None,
                 as_of: datetime.date) -> Organization:
    """The record of ``plan`` with its leaders."""
    elected, ends = _term(rng, plan, as_of)
    founded = _founded(rng, plan, parent_founded, elected)
    if plan.kind is Kind.COMMITTEE:
        relation, unit = LEGAL_ENTITY, UNIVERSITY_UNIT
    elif plan.kind in OWN_UNIT_KINDS:
        relation, unit = LEGAL_ENTITY, own_unit(plan)
    else:
        relation, unit = SAME_AS_PARENT, None
    return Organization(
        parent=plan.parent,
        basic=OrgBasic(code=plan.code, name=plan.name, category=plan.category, locality=LOCALITY, elected_on=elected,
                       term_ends_on=ends, founded_on=founded, unit_relation=relation),
        leaders=leaders,
        awards=_awards(rng, plan, founded, as_of),
        unit=unit,
    )
