"""A nation of provinces, made province by province and part by part, for benchmarks of a national check.

The root is 中共中央委员会 (code 001); under it each province's tree (:func:`~cpcinfo.demo.province_tree`,
codes ``001001…``, ``001002…``), every one drawn as the Shaanxi province is, under its own name. Its members
and applicants come part by part — the part of the rest (the branches under no base-level committee: the
counties' offices), then each base-level committee (基层党委) in tree order — so that a writer holds one
province's organizations and one part's records at a time, never the nation's.

Identity numbers are unique in the nation (one :class:`~cpcinfo.demo._ids.CountyIdIssuer` per population
serves every province) and record keys carry the province (``M01…``, ``A01…``), so a national check finds
no duplicate that was not planted. What is planted: a share ``moved_rate`` of each province's members
(the last province's excepted) are found again in a random branch of the next province, with the same key
and identity number — a member moved without the old record being removed — for MEM911 and MEM912 to find
across parts.
"""

from __future__ import annotations

import datetime
import itertools
import random
from collections.abc import Callable, Iterator
from typing import Final

import attrs

from cpcinfo.applicant import Applicant
from cpcinfo.checking.partition import base_committees
from cpcinfo.demo._ids import APPLICANT_SEQUENCES, MEMBER_SEQUENCES, CountyIdIssuer
from cpcinfo.demo._model import DEFAULT_AS_OF
from cpcinfo.demo._province_applicants import applicant_records
from cpcinfo.demo._province_common import EARLIEST_BIRTH_YEAR, Branch, Run, branches_of
from cpcinfo.demo._province_members import member_records, planned_specs
from cpcinfo.demo._province_orgs import MIN_ORGANIZATIONS, province_tree
from cpcinfo.errors import InvalidArgumentError
from cpcinfo.member import Member
from cpcinfo.org import Organization
from cpcinfo.org.tree import OrgTree

NATION_CODE: Final = "001"
NATION_NAME: Final = "中共中央委员会"
PROVINCES: Final = ("北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省", "上海市",
                    "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省",
                    "广西壮族自治区", "海南省", "重庆市", "四川省", "贵州省", "云南省", "西藏自治区", "陕西省",
                    "甘肃省", "青海省", "宁夏回族自治区", "新疆维吾尔自治区")
"""The 31 provincial-level units; the provinces of a nation are named in this order (then numbered)."""
MEMBERS_PER_ORGANIZATION: Final = 20
"""The national shape: 99M members in 5M organizations."""
APPLICANTS_PER_MEMBER: Final = 0.1


@attrs.frozen
class NationPart:
    """The records of one part of a province: ``root`` is the base-level committee's code, ``None`` for the
    part of the rest. The two streams are made as consumed: consume them in full, members first, before
    the next part (they draw from the province's random streams in turn)."""

    province: int
    root: str | None
    members: Iterator[Member]
    applicants: Iterator[Applicant]


@attrs.frozen
class NationProvince:
    """A province: its organizations (the nation's root before the first province's), then its parts."""

    number: int
    name: str
    organizations: tuple[Organization, ...]
    parts: Iterator[NationPart]


def nation(*, provinces: int = 31, members: int = 3_200_000, seed: int = 1, defect_rate: float = 0.05,
           moved_rate: float = 0.001, members_per_organization: int = MEMBERS_PER_ORGANIZATION,
           applicants_per_member: float = APPLICANTS_PER_MEMBER,
           as_of: datetime.date = DEFAULT_AS_OF) -> Iterator[NationProvince]:
    """A nation of ``provinces`` provinces of ``members`` members each (the national shape: 31 provinces,
    ≈3.2M members and ≈160,000 organizations each), made province by province as consumed; consume each
    province's parts before the next province. The same arguments give the same records."""
    if isinstance(provinces, bool) or not isinstance(provinces, int) or not 1 <= provinces <= 999:
        raise InvalidArgumentError(f"provinces must be an integer from 1 to 999, not {provinces!r}")
    if isinstance(members, bool) or not isinstance(members, int) or members < 1:
        raise InvalidArgumentError(f"members must be a positive integer, not {members!r}")
    if not 0.0 <= moved_rate <= 1.0:
        raise InvalidArgumentError(f"moved_rate must be between 0 and 1, not {moved_rate!r}")
    if not members_per_organization >= 1 or not applicants_per_member >= 0:
        raise InvalidArgumentError("members_per_organization must be at least 1, applicants_per_member at least 0")
    organizations = max(MIN_ORGANIZATIONS, round(members / members_per_organization))
    return _nation(provinces, members, organizations, round(members * applicants_per_member), seed, defect_rate,
                   moved_rate, as_of)


def _nation(provinces: int, members: int, organizations: int, applicants: int, seed: int, defect_rate: float,
            moved_rate: float, as_of: datetime.date) -> Iterator[NationProvince]:
    first_day, last_day = datetime.date(EARLIEST_BIRTH_YEAR, 1, 1).toordinal(), as_of.toordinal()
    member_ids = CountyIdIssuer(MEMBER_SEQUENCES, first_day, last_day)
    applicant_ids = CountyIdIssuer(APPLICANT_SEQUENCES, first_day, last_day)
    moved: list[Member] = []
    for number in range(1, provinces + 1):
        name = PROVINCES[number - 1] if number <= len(PROVINCES) else f"第{number}省"
        orgs = province_tree(n=organizations, seed=seed, as_of=as_of, root_code=f"{NATION_CODE}{number:03d}",
                             above=NATION_CODE, province=name, stream=f"nation:{number}:organizations")
        if number == 1:
            orgs = (_nation_root(orgs[0]), *orgs)
        member_run = Run(random.Random(f"cpcinfo.demo.nation:{seed}:{number}:members"), as_of, member_ids)
        applicant_run = Run(random.Random(f"cpcinfo.demo.nation:{seed}:{number}:applicants"), as_of, applicant_ids)
        arriving, moved = moved, []
        leaving = moved if number < provinces else None
        parts = _parts(number, orgs, members, applicants, defect_rate, moved_rate, member_run, applicant_run,
                       arriving, leaving)
        yield NationProvince(number=number, name=name, organizations=orgs, parts=parts)


def _nation_root(province_root: Organization) -> Organization:
    """The nation's root, led by the leaders of the first province's root (members of its subtree)."""
    basic, unit = province_root.basic, province_root.unit
    assert basic is not None and unit is not None
    return attrs.evolve(province_root, parent=None, basic=attrs.evolve(basic, code=NATION_CODE, name=NATION_NAME),
                        unit=attrs.evolve(unit, name="中央机关"))


def _parts(number: int, organizations: tuple[Organization, ...], members: int, applicants: int,
           defect_rate: float, moved_rate: float, member_run: Run, applicant_run: Run, arriving: list[Member],
           leaving: list[Member] | None) -> Iterator[NationPart]:
    """The province's parts: each branch's share of the members and applicants drawn first (counts only),
    then the records part by part."""
    province_orgs = organizations[1:] if organizations[0].key == NATION_CODE else organizations
    tree = OrgTree.build(province_orgs)
    roots = base_committees(tree)
    is_root = frozenset(roots)
    branches = branches_of(province_orgs, members, defect_rate, member_run.as_of)
    r = member_run.rng.random
    anchors = sum(len(branch.leaders) for branch in branches)
    member_counts = _spread(r, len(branches), members - anchors)
    applicant_counts = _spread(applicant_run.rng.random, len(branches), applicants)
    # Each branch's part: the nearest base-level committee above it (codes extend their parent's by 3 digits).
    grouped: dict[str | None, list[int]] = {None: []}
    grouped.update((root, []) for root in roots)
    for index, branch in enumerate(branches):
        code = branch.code
        owner = next((code[:k] for k in range(len(code) - 3, 2, -3) if code[:k] in is_root), None)
        grouped[owner].append(index)
    arrivals: dict[int, list[Member]] = {}
    for member in arriving:
        arrivals.setdefault(int(r() * len(branches)), []).append(member)
    member_keys = (f"M{number:02d}{k:08d}" for k in itertools.count(1))
    applicant_keys = (f"A{number:02d}{k:08d}" for k in itertools.count(1))
    for root, indexes in grouped.items():
        plan = [(branches[i], member_counts[i]) for i in indexes]
        made = member_records(member_run, planned_specs(member_run, plan, defect_rate), member_keys)
        if leaving is not None and moved_rate > 0:
            made = _noting_leavers(made, member_run.rng, moved_rate, leaving)
        moved_in = [_moved(member, branches[i]) for i in indexes for member in arrivals.get(i, ())]
        people = itertools.chain(moved_in, made)
        dealt = (branches[i] for i in indexes for _ in range(applicant_counts[i]))
        applied = applicant_records(applicant_run, dealt, applicant_keys, defect_rate)
        yield NationPart(province=number, root=root, members=people, applicants=applied)


def _spread(r: Callable[[], float], branches: int, n: int) -> list[int]:
    """``n`` records dealt to ``branches`` branches at random (how many each gets)."""
    counts = [0] * branches
    for _ in range(max(0, n)):
        counts[int(r() * branches)] += 1
    return counts


def _noting_leavers(made: Iterator[Member], rng: random.Random, rate: float, leaving: list[Member]) -> Iterator[Member]:
    """``made``, with a share ``rate`` of the members who have an identity number noted in ``leaving``."""
    r = rng.random
    for member in made:
        if r() < rate and member.basic is not None and member.basic.id_number is not None \
                and member.relation is not None:
            leaving.append(member)
        yield member


def _moved(member: Member, branch: Branch) -> Member:
    """The record of ``member`` found again in ``branch`` of the next province (same key, same number)."""
    assert member.relation is not None
    return attrs.evolve(member, relation=attrs.evolve(member.relation, branch=branch.code))
