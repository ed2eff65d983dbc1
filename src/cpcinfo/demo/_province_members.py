"""The province's members, streamed one record at a time.

The first members of the stream are the *anchors*: one member for each leader's name of each branch, a full
member of that branch. The leaders of the organizations above a branch are the leaders of the first branch
of their subtree (see :mod:`cpcinfo.demo._province_orgs`) and applicants' mentors are the leaders of their
branch, so with ``n`` at least the number of anchors every leader and mentor is a member of the right
branch.
"""

from __future__ import annotations

import datetime
import itertools
import random
from collections.abc import Iterable, Iterator, Sequence
from typing import Final

from cpcinfo.demo._campus_people import NOT_IN_HARDSHIP, OUTFLOW
from cpcinfo.demo._field_defects import member_defects
from cpcinfo.demo._ids import MEMBER_SEQUENCES, IdIssuer
from cpcinfo.demo._lives import AVOIDED_DAYS
from cpcinfo.demo._model import DEFAULT_AS_OF
from cpcinfo.demo._names import is_anchor_male
from cpcinfo.demo._province_common import (
    ADULT_DAYS,
    HAN_SHARE,
    ID_NUMBER_SHARE,
    MALE_SHARE,
    SHAANXI_SHARE,
    Branch,
    Role,
    Run,
    branches_of,
    with_defect,
)
from cpcinfo.member import Member, MemberAward, Relation, Standing, Work
from cpcinfo.org import Organization
from cpcinfo.person import Person
from cpcinfo.rules.dates import add_months

FOUNDING: Final = datetime.date(1949, 10, 1).toordinal()
JOIN_WITHIN_YEARS: Final = 45
"""Members joined at most this many years after turning 18 (and, all of them, after 1949-10-01)."""
NEW_SHARE: Final = 0.6
"""Members who joined in the branch they are in (新发展); the others came by transfer (31)."""
TRANSFER_WITHIN_DAYS: Final = 3650
FLOATING_SHARE: Final = 0.02
AWARD_SHARE: Final = 0.03
ANCHOR_BIRTHS: Final = (1955, 1980)
FULL_MEMBER_DAYS: Final = 400
"""Anchors joined at least this many days before the date of the check, so that they are full members."""

# What one member is drawn from: branch, role, birth ordinals (first, last), man, name (for an anchor),
# the last day to join, whether to plant a defect.
Spec = tuple[Branch, Role, int, int, bool, "str | None", int, bool]


def _specs(branches: list[Branch], n: int, rng: random.Random, run: Run, defect_rate: float) -> Iterator[Spec]:
    """The anchors first (full members named as their branch's leaders), then members drawn at random."""
    r = rng.random
    first, end = run.span(ANCHOR_BIRTHS)
    made = 0
    for branch in branches:
        for name in branch.leaders:
            if made >= n:
                return
            made += 1
            leader_role = branch.roles.working[0]
            yield branch, leader_role, first, end, is_anchor_male(name), name, run.last - FULL_MEMBER_DAYS, False
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    count, last = len(branches), run.last
    for _ in range(n - made):
        branch = branches[int(r() * count)]
        weighted = branch.roles.weighted
        role = weighted[int(r() * len(weighted))]
        births = spans.get(role.births)
        if births is None:
            births = spans[role.births] = run.span(role.births)
        yield branch, role, births[0], births[1], r() < MALE_SHARE, None, last, r() < defect_rate


def _members(branches: list[Branch], n: int, seed: int, defect_rate: float, as_of: datetime.date) -> Iterator[Member]:
    rng = random.Random(f"cpcinfo.demo.province:{seed}:members")
    run = Run(rng, as_of, IdIssuer(MEMBER_SEQUENCES))
    return member_records(run, _specs(branches, n, rng, run, defect_rate), (f"M{k:08d}" for k in itertools.count(1)))


def planned_specs(run: Run, plan: Iterable[tuple[Branch, int]], defect_rate: float) -> Iterator[Spec]:
    """The members of each branch of ``plan`` in turn: its anchors, then ``count`` drawn at random."""
    r = run.rng.random
    first, end = run.span(ANCHOR_BIRTHS)
    spans = run.spans
    last = run.last
    for branch, count in plan:
        for name in branch.leaders:
            yield (branch, branch.roles.working[0], first, end, is_anchor_male(name), name, last - FULL_MEMBER_DAYS,
                   False)
        weighted = branch.roles.weighted
        for _ in range(count):
            role = weighted[int(r() * len(weighted))]
            births = spans.get(role.births)
            if births is None:
                births = spans[role.births] = run.span(role.births)
            yield branch, role, births[0], births[1], r() < MALE_SHARE, None, last, r() < defect_rate


def member_records(run: Run, specs: Iterable[Spec], ids: Iterator[str]) -> Iterator[Member]:
    """The members of ``specs``, each with the next of ``ids``; the body of the loop is written out in one
    piece, with every table bound to a local name, because it runs millions of times."""
    rng, as_of = run.rng, run.as_of
    r, days, years, base, last, pools, education = rng.random, run.days, run.years, run.base, run.last, run.pools, \
        run.education
    issue, member_name, courses, tables = run.ids.issue, run.names.member, run.courses, run.tables
    standings, works, awards = run.standings, run.works, run.awards
    award_last = as_of.year if datetime.date(as_of.year, 6, 28) <= as_of else as_of.year - 1
    avoided, founding, within = AVOIDED_DAYS, FOUNDING, 365 * JOIN_WITHIN_YEARS
    catalogue = member_defects()
    # The ids are endless and may go on in the next call: the specs end the loop before an id is taken.
    for (branch, role, first, end, male, name, latest_join, defect), key in zip(specs, ids, strict=False):
        born = first + int(r() * (end - first + 1))
        if born in avoided:
            born += 1
        year = years[born - base]
        shaanxi, others = pools[year]
        pool = shaanxi if r() < SHAANXI_SHARE else others
        county = pool[int(r() * len(pool))]
        born, id_number = issue(county, born, male)
        person = Person(name=name or member_name(male, year), gender="1" if male else "2",
                        ethnicity="01" if r() < HAN_SHARE else "03", born_on=days[born - base], native_place=county,
                        unit_name=branch.unit_name, id_number=id_number if r() < ID_NUMBER_SHARE else None)
        adult = born + ADULT_DAYS
        low = adult if adult > founding else founding
        high = adult + within
        if high > latest_join:
            high = latest_join
        joined = low + int(r() * (high - low + 1))
        if joined in avoided:
            joined += 1
        if r() < NEW_SHARE or joined >= last:
            relation = Relation(branch=branch.code, entered_on=days[joined - base], entry_type="12")
        else:
            entered = joined + 30 + int(r() * TRANSFER_WITHIN_DAYS)
            if entered > last:
                entered = last
            elif entered in avoided:
                entered += 1
            relation = Relation(branch=branch.code, entered_on=days[entered - base], entry_type="31")
        standing = standings[joined - base]
        if standing is None:
            day = days[joined - base]
            full = add_months(day, 12)
            standing = standings[joined - base] = (
                Standing(joined_on=day, join_type="0", probation_outcome="6") if full > as_of
                else Standing(joined_on=day, join_type="0", full_member_on=full, probation_outcome="1"))
        work = works.get(id(role))
        if work is None:
            work = works[id(role)] = Work(post=role.post, frontline=role.frontline)
        templates = role.templates
        template = templates[int(r() * len(templates))]
        award: tuple[MemberAward, ...] = ()
        if r() < AWARD_SHARE and years[joined - base] < award_last:
            award_year = years[joined - base] + 1 + int(r() * (award_last - years[joined - base]))
            award = awards.get(award_year) or awards.setdefault(award_year, (
                MemberAward(name="11", authority_level="6", approved_on=datetime.date(award_year, 6, 28)),))
        member = Member(
            id=key,
            basic=person,
            education=education.get((template, year)) or courses(template, year),
            work=work,
            awards=award,
            standing=standing,
            relation=relation,
            floating=OUTFLOW if r() < FLOATING_SHARE else None,
            hardship=NOT_IN_HARDSHIP,
        )
        yield with_defect(rng, member, catalogue, tables) if defect else member


def province_members(organizations: Sequence[Organization], *, n: int = 2_000_000, seed: int = 1,
                     defect_rate: float = 0.05, as_of: datetime.date = DEFAULT_AS_OF) -> Iterator[Member]:
    """``n`` members of the branches of ``organizations``, made one at a time (ids M00000001 …).

    The first members are the anchors (one per leader's name of each branch, a full member of it); the rest
    are spread over the branches at random, each a farmer, worker, teacher, doctor, civil servant or retiree
    by the kind of branch. A share ``defect_rate`` of the others carries one field defect each; every other
    record is valid on ``as_of``. The same arguments give the same stream. The arguments are checked at
    once; the records are made as they are consumed.
    """
    branches = branches_of(organizations, n, defect_rate, as_of)
    return _members(branches, n, seed, defect_rate, as_of)
