"""The demo generators: determinism, clean data that passes every rule, planted defects found where planted,
and the province streams."""

from __future__ import annotations

import collections
import datetime
import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from stdnum.cn import ric

from cpcinfo import applicant, member, org
from cpcinfo.acceptance import audit
from cpcinfo.checking import check
from cpcinfo.codes import default_tables
from cpcinfo.demo import (
    FIELD_ITEMS,
    DemoUnit,
    province_applicants,
    province_members,
    province_organizations,
    university,
)
from cpcinfo.demo._campus_plan import MEMBER_COUNT
from cpcinfo.demo._names import NameKind, last_characters
from cpcinfo.entity import Entity
from cpcinfo.infobase import InfoBase
from cpcinfo.org.roster_checks import RosterDifferenceKind, compare
from cpcinfo.org.tree import CategoryKind, OrgTree
from cpcinfo.org.tree_checks import TreeFaultKind, tree_faults
from cpcinfo.org.tree_rules import tree_rule
from cpcinfo.rules.dates import add_years
from cpcinfo.rules.model import RuleStatus
from cpcinfo.rules.tags import tag_test
from cpcinfo.testing.strategies import id_number_holds

AS_OF = datetime.date(2011, 6, 30)
FOUNDING = datetime.date(1949, 10, 1)
BRANCH_CATEGORIES = frozenset({"631", "632", "931", "932"})
SYSTEM_ITEMS = frozenset({7, 16, 20})


@pytest.fixture(scope="module")
def clean() -> DemoUnit:
    return university(defects=False)


@pytest.fixture(scope="module")
def defective() -> DemoUnit:
    return university()


def validate(entity: Entity, record: Any) -> tuple[str, ...]:
    """The findings of the field rules on ``record``, as 「rule field」."""
    run: Any = {Entity.ORGANIZATION: org.validate, Entity.MEMBER: member.validate,
                Entity.APPLICANT: applicant.validate}[entity]
    return tuple(f"{f.rule} {f.field}" for f in run(record, as_of=AS_OF))


# Records are walked as Any below: the groups of a record are optional, and a test that met None would fail
# loudly anyway.
def records(base: InfoBase) -> Iterator[tuple[Entity, Any]]:
    yield from ((Entity.ORGANIZATION, o) for o in base.organizations)
    yield from ((Entity.MEMBER, m) for m in base.members)
    yield from ((Entity.APPLICANT, a) for a in base.applicants)


# -- the database-wide rules, checked directly -------------------------------------------------------------------


def system_violations(base: InfoBase) -> set[tuple[int, Entity, str]]:
    """(item, entity, key) of every record that breaks a database-wide rule, found by brute force.

    A leader's name must be the name of exactly one member of the organization's subtree, a mentor's the
    name of exactly one member of the applicant's branch, a full member."""
    found: set[tuple[int, Entity, str]] = set()
    tables = default_tables()
    tree = OrgTree.build(base.organizations)
    members: list[Any] = list(base.members)
    organizations: list[Any] = list(base.organizations)
    applicants: list[Any] = list(base.applicants)
    members_by_name: dict[str, list[Any]] = collections.defaultdict(list)
    for m in members:
        members_by_name[m.basic.name].append(m)

    for m in members:
        branch = str(m.relation.branch)
        joined, born = m.standing.joined_on, m.basic.born_on
        # A branch whose own name contradicts its category is of unknown kind: only its name is reported.
        if branch not in tree or tree.kind(branch) not in (CategoryKind.BRANCH, CategoryKind.UNKNOWN):
            found.add((16, Entity.MEMBER, m.key))
        if isinstance(joined, datetime.date) and isinstance(born, datetime.date) and joined < add_years(born, 18):
            found.add((16, Entity.MEMBER, m.key))
        if m.hardship.veteran_without_work is True and not joined < FOUNDING:
            found.add((16, Entity.MEMBER, m.key))
        entered, is_new = m.relation.entered_on, tag_test(tables["entry_type"], "new")(m.relation.entry_type)
        if isinstance(entered, datetime.date) and isinstance(joined, datetime.date) and (
                (is_new and entered != joined) or (not is_new and entered <= joined)):
            found.add((16, Entity.MEMBER, m.key))
        # The check digit, the birth date, the gender and the address code (an address code that existed by the
        # date of the check; not ric.is_valid, which wants the code of the birth year).
        number = m.basic.id_number
        if number is not None and (
                ric.calc_check_digit(number) != number[17] or int(number[16]) % 2 != (m.basic.gender in ("1", "男"))
                or (isinstance(born, datetime.date) and ric.get_birth_date(number) != born)
                or not id_number_holds(number, AS_OF)):
            found.add((16, Entity.MEMBER, m.key))
    seen: set[str] = set()
    for m in members:
        if m.basic.id_number is not None:
            if m.basic.id_number in seen:
                found.add((16, Entity.MEMBER, m.key))
            seen.add(m.basic.id_number)

    secretary = tag_test(tables["leader_title"], "secretary")
    for o in organizations:
        subtree = tree.subtree_codes(o.key)
        for leader in o.leaders or ():
            holders = [m for m in members_by_name.get(leader.name, []) if str(m.relation.branch) in subtree]
            if len(holders) != 1:
                found.add((7, Entity.ORGANIZATION, o.key))
        if sum(1 for leader in o.leaders or () if secretary(leader.title)) > 1:
            found.add((2, Entity.ORGANIZATION, o.key))
        if o.unit is not None and o.unit.party_setup is not None:
            kind = tree.kind(o.key).value  # only the base-level kinds have a setup of their own
            if kind in ("committee", "general-branch", "branch") and \
                    kind not in tables["party_setup"].lookup(str(o.unit.party_setup)).tags:
                found.add((7, Entity.ORGANIZATION, o.key))

    members_by_person = {(m.basic.name, m.basic.born_on) for m in members}
    for a in applicants:
        d = a.development
        if a.basic.id_number in seen or (a.basic.name, a.basic.born_on) in members_by_person:
            found.add((20, Entity.APPLICANT, a.key))
        if d.branch_meeting_on is not None and d.approved_on is not None:
            found.add((20, Entity.APPLICANT, a.key))
        for mentor in d.mentors or ():
            holders = [m for m in members_by_name.get(mentor, []) if m.relation.branch == d.branch]
            if len(holders) != 1 or holders[0].standing.full_member_on is None:
                found.add((20, Entity.APPLICANT, a.key))
        if str(d.branch) not in tree or tree.kind(str(d.branch)) not in (CategoryKind.BRANCH, CategoryKind.UNKNOWN):
            found.add((20, Entity.APPLICANT, a.key))
    return found


# -- the university ------------------------------------------------------------------------------------------


def test_same_seed_same_unit_and_another_seed_another(defective: DemoUnit, clean: DemoUnit) -> None:
    assert university() == defective
    assert university(defects=False) == clean
    other = university(seed=7)
    assert other.infobase != defective.infobase
    assert other.seed == 7 and defective.seed == 2011 and defective.as_of == AS_OF


def test_planting_leaves_the_rest_of_the_clean_unit_as_it_was(clean: DemoUnit, defective: DemoUnit) -> None:
    planted = {(p.entity, p.key) for p in defective.planted}
    before = {(entity, r.key): r for entity, r in records(clean.infobase)}
    unchanged = [(entity, r) for entity, r in records(defective.infobase) if (entity, r.key) not in planted]
    assert len(unchanged) > 0.8 * len(before)
    assert all(before[(entity, r.key)] == r for entity, r in unchanged)


def test_sizes(clean: DemoUnit, defective: DemoUnit) -> None:
    counts = clean.infobase.counts
    assert 1 + 8 + 8 * 5 + 3 <= counts.organizations <= 1 + 8 + 8 * 9 + 10
    assert counts.members == MEMBER_COUNT and counts.applicants == 300
    organizations: list[Any] = list(clean.infobase.organizations)
    categories = collections.Counter(str(o.basic.category) for o in organizations)
    assert categories["611"] == 1 and categories["621"] == 8
    more = defective.infobase.counts
    assert 0 <= more.organizations - counts.organizations <= 2
    assert 0 <= more.members - counts.members <= 2 and 0 <= more.applicants - counts.applicants <= 2


def test_clean_unit_passes_every_field_rule(clean: DemoUnit) -> None:
    found = [(entity.value, r.key, validate(entity, r)) for entity, r in records(clean.infobase) if validate(entity, r)]
    assert found == []


def test_clean_unit_keeps_the_database_wide_rules(clean: DemoUnit) -> None:
    assert system_violations(clean.infobase) == set()
    people: list[Any] = [*clean.infobase.members, *clean.infobase.applicants]
    names = collections.Counter(p.basic.name for p in people)
    leaders = {leader.name for o in clean.infobase.organizations for leader in o.leaders or ()}
    mentors = {n for p in people if hasattr(p, "development") for n in p.development.mentors or ()}
    assert all(names[name] == 1 for name in leaders | mentors)  # unique in the whole database


def test_clean_unit_people(clean: DemoUnit) -> None:
    base: Any = clean.infobase
    numbers = [p.basic.id_number for p in (*base.members, *base.applicants) if p.basic.id_number is not None]
    assert len(numbers) > 0.9 * (len(base.members) + len(base.applicants))
    assert len(set(numbers)) == len(numbers)
    assert all(id_number_holds(n, AS_OF) for n in numbers)
    students = [m for m in base.members if str(m.work.post).startswith("3")]
    assert students and all(1987 <= m.basic.born_on.year <= 1993 for m in students)
    veterans = [m for m in base.members if m.hardship.veteran_without_work is True]
    assert len(veterans) == 2 and all(m.standing.joined_on < FOUNDING for m in veterans)
    assert any(m.floating is not None for m in base.members) and any(m.awards for m in base.members)
    for a in base.applicants:
        assert 1 <= len(a.development.mentors or ()) <= 2 or a.development.activist_on is None


def test_clean_unit_organizations(clean: DemoUnit) -> None:
    base: Any = clean.infobase
    tables = default_tables()
    tree = OrgTree.build(base.organizations)
    assert tree_faults(tree) == () and tree.roots == ("001",)
    assert compare(tree, clean.roster) == ()
    same = tag_test(tables["unit_relation"], "same-as-parent")
    root = base.organization("001")
    assert root.basic.name == "中共西北某大学委员会"
    # 84 教育 in GB/T 4754-2002, the edition of SHAANXI_2011 (82 there is 居民服务业)
    assert (root.unit.legal_entity, root.unit.industry, root.unit.nature) == (True, "84", "9")
    assert "committee" in tables["party_setup"].lookup(str(root.unit.party_setup)).tags
    for o in base.organizations:
        assert o.leaders
        assert [str(leader.title) for leader in o.leaders].count("001A") == 1
        assert o.basic.elected_on <= AS_OF < o.basic.term_ends_on
        years = o.basic.term_ends_on.year - o.basic.elected_on.year
        assert years == 5 if o.key == "001" else years in (2, 3)
        if o.key != "001":
            assert str(o.key).startswith(str(o.parent)) and len(str(o.key)) == len(str(o.parent)) + 3
            assert (same(o.basic.unit_relation) and o.unit is None) or (o.unit is not None and o.unit.legal_entity)


def test_planted_defects_cover_the_sheet(defective: DemoUnit) -> None:
    items = collections.Counter(p.item for p in defective.planted)
    assert set(items) == set(range(1, 21))
    assert all(p.is_field == (p.rule is not None) for p in defective.planted)
    members = defective.infobase.counts.members
    assert 0.1 * members <= sum(items[i] for i in range(8, 16)) <= 0.2 * members


def test_each_planted_field_defect_is_found_on_its_field(defective: DemoUnit) -> None:
    base = defective.infobase
    lookup = {Entity.ORGANIZATION: base.organization, Entity.MEMBER: base.member, Entity.APPLICANT: base.applicant}
    for p in defective.planted:
        if p.item in FIELD_ITEMS:
            record = lookup[p.entity](p.key)
            assert f"{p.rule} {p.field}" in validate(p.entity, record), p


def test_field_findings_are_exactly_the_planted_ones(defective: DemoUnit) -> None:
    found = {(entity, r.key, f.split(" ")[1] if " " in f else "")
             for entity, r in records(defective.infobase) for f in validate(entity, r)}
    planted = {(p.entity, p.key, p.field) for p in defective.planted if p.item in FIELD_ITEMS}
    assert found == planted


def test_system_defects_are_the_planted_ones(defective: DemoUnit) -> None:
    planted = {(p.item, p.entity, p.key) for p in defective.planted if p.item in SYSTEM_ITEMS}
    found = {v for v in system_violations(defective.infobase) if v[0] in SYSTEM_ITEMS}
    assert found == planted and len(planted) >= 9


def test_roster_names_one_organization_the_database_lacks(defective: DemoUnit) -> None:
    base, roster = defective.infobase, defective.roster
    assert [e.code for e in roster if base.organization(e.code) is None] == [
        p.key for p in defective.planted if p.item == 5 and p.field == ""
        and base.organization(p.key) is None]
    tree = OrgTree.build(base.organizations)
    kinds = collections.Counter(d.kind for d in compare(tree, roster))
    assert kinds == {RosterDifferenceKind.MISSING_FROM_DATABASE: 1, RosterDifferenceKind.DIFFERENT_PARENT: 1}
    faults = collections.Counter(f.kind for f in tree_faults(tree)
                                 if tree_rule(f.kind).status is not RuleStatus.PREVIEW)
    assert faults == {TreeFaultKind.GENERAL_BRANCH_WITHOUT_BRANCH: 1}


def test_the_check_engine_finds_exactly_what_was_planted(defective: DemoUnit, clean: DemoUnit) -> None:
    assert check(clean.infobase, as_of=AS_OF, roster=clean.roster).counted == ()
    result = check(defective.infobase, as_of=AS_OF, roster=defective.roster)
    found = collections.Counter((f.item, f.entity, f.key) for f in result.counted)
    planted = collections.Counter((p.item, p.entity, p.key) for p in defective.planted)
    assert found == planted


def test_an_audit_scores_in_the_seventies(defective: DemoUnit) -> None:
    scores = [audit(defective.infobase, as_of=AS_OF, seed=s, roster=defective.roster).total for s in range(8)]
    assert all(70 <= s <= 85 for s in scores), scores


def test_name_pools_never_meet() -> None:
    kinds = [last_characters(kind) for kind in NameKind]
    assert all(not (a & b) for a, b in itertools.combinations(kinds, 2))


# -- the province -----------------------------------------------------------------------------------------------


Province = tuple[tuple[org.Organization, ...], list[Any]]


@pytest.fixture(scope="module")
def province() -> Province:
    organizations = province_organizations(n=2000, seed=1)
    return organizations, list(province_members(organizations, n=20_000, seed=1, defect_rate=0.0))


def infobase(organizations: Any, members: Any, applicants: Any = ()) -> InfoBase:
    return InfoBase(organizations=organizations, members=members, applicants=applicants)


def test_province_organizations(province: Province) -> None:
    organizations, _ = province
    assert len(organizations) == 2000
    assert province_organizations(n=2000, seed=1) == organizations
    assert province_organizations(n=2000, seed=2) != organizations
    tree = OrgTree.build(organizations)
    assert tree_faults(tree) == () and len(tree) == 2000
    assert all(validate(Entity.ORGANIZATION, o) == () for o in organizations)
    with pytest.raises(ValueError, match="too small"):
        province_organizations(n=5)


def test_province_members_stream(province: Province) -> None:
    organizations, members = province
    stream = province_members(organizations, n=20_000, seed=1, defect_rate=0.0)
    assert isinstance(stream, Iterator) and iter(stream) is stream
    assert list(stream) == members
    assert next(province_members(organizations, n=20_000, seed=2)) != members[0]
    endless = province_members(organizations, n=10**12)  # made as consumed: a trillion costs nothing up front
    assert [m.key for m in itertools.islice(endless, 3)] == ["M00000001", "M00000002", "M00000003"]
    with pytest.raises(ValueError):
        province_members(organizations, defect_rate=2.0)


def test_province_members_are_valid_members_of_branches(province: Province) -> None:
    organizations, members = province
    tree = OrgTree.build(organizations)
    assert all(str(m.relation.branch) in tree and tree.is_branch(str(m.relation.branch)) for m in members)
    assert [m for m in members if validate(Entity.MEMBER, m)] == []
    numbers = [m.basic.id_number for m in members if m.basic.id_number is not None]
    assert len(set(numbers)) == len(numbers) and all(id_number_holds(n, AS_OF) for n in numbers[:2000])
    assert system_violations(infobase(organizations, members)) == set()


def test_province_defects_and_applicants(province: Province) -> None:
    organizations, members = province
    flawed = list(province_members(organizations, n=20_000, seed=1))
    share = sum(1 for m in flawed if validate(Entity.MEMBER, m)) / len(flawed)
    assert 0.03 <= share <= 0.06
    applicants: list[Any] = list(province_applicants(organizations, n=3000, seed=1, defect_rate=0.0))
    assert applicants == list(province_applicants(organizations, n=3000, seed=1, defect_rate=0.0))
    assert [a for a in applicants if validate(Entity.APPLICANT, a)] == []
    assert system_violations(infobase(organizations, members, applicants)) == set()
    assert any(a.development.mentors for a in applicants)
