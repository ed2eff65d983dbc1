"""Planting defects in the clean demo university, and recording each one.

System defects (items 7, 16, 20) and tree defects (items 5, 6) are planted first, a handful each, in records
chosen at random; then field defects go to a share of the remaining records, the kinds handed out in turn
so that every kind appears. Members whose names are leaders' or mentors' names keep their names and their
转正日期, so that a field defect never becomes a system defect as well.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Sequence
from typing import Final

import attrs

from cpcinfo.applicant import Applicant, Development
from cpcinfo.codes import CodeTables
from cpcinfo.demo._campus import Campus
from cpcinfo.demo._campus_orgs import is_full, organization, unique_names
from cpcinfo.demo._campus_plan import DEPARTMENTS, GENERAL_BRANCH, ROOT_CODE, UNIVERSITY, Kind, OrgPlan, child_code
from cpcinfo.demo._field_defects import FieldDefect, R, applicant_defects, member_defects, rule_code
from cpcinfo.demo._ids import wrong_check_digit
from cpcinfo.demo._model import PlantedDefect
from cpcinfo.demo._org_defects import organization_defects
from cpcinfo.entity import Entity
from cpcinfo.member import Hardship, Member, Relation
from cpcinfo.org import Organization
from cpcinfo.org.roster import Roster, RosterEntry
from cpcinfo.rules.dates import add_months, add_years

MEMBER_DEFECT_SHARE: Final = 0.15
APPLICANT_DEFECT_SHARE: Final = 0.15
BRANCH_DEFECT_SHARE: Final = 0.15
"""The share of members, applicants and branches that carry one field defect each."""

EMPTY_DEPARTMENT: Final = "继续教育学院"
"""The 党总支 planted without any branch (item 5)."""
MISSING_BRANCH: Final = "博士研究生支部"
"""The branch that really exists (in the roster) but is missing from the database (item 5)."""
NAME_PROTECTED_RULES: Final = frozenset({"member-name", "standing-full-member-on"})
"""The rules (by name) whose field defects are never planted on a leader or mentor: a changed name or a
missing 转正日期 would also break the leader or mentor rule."""

ORG, MEM, APP = Entity.ORGANIZATION, Entity.MEMBER, Entity.APPLICANT


@attrs.frozen(kw_only=True)
class Planted:
    """The unit with its defects: the records, the roster and the list of what was planted."""

    organizations: tuple[Organization, ...]
    members: tuple[Member, ...]
    applicants: tuple[Applicant, ...]
    roster: Roster
    planted: tuple[PlantedDefect, ...]


class _Planter:
    """Plants the defects in copies of the clean records and keeps the list; each step is one method."""

    def __init__(self, campus: Campus, rng: random.Random, as_of: datetime.date, tables: CodeTables) -> None:
        self.campus, self.rng, self.as_of, self.tables = campus, rng, as_of, tables
        self.plans = {p.code: p for p in campus.plans}
        self.orgs = list(campus.organizations)
        self.members = list(campus.members)
        self.applicants = list(campus.applicants)
        self.true_parent = {p.code: p.parent for p in campus.plans}
        self.truth = {p.code: RosterEntry(code=p.code, name=p.name, category=p.category, parent=p.parent)
                      for p in campus.plans}
        self.planted: list[PlantedDefect] = []
        self.touched: set[tuple[Entity, str]] = set()
        leaders = {str(leader.name) for o in self.orgs for leader in o.leaders or ()}
        mentors = {str(n) for a in self.applicants if a.development for n in a.development.mentors or ()}
        self.protected = frozenset(leaders | mentors)
        self.unique = unique_names(self.members)

    # -- helpers ------------------------------------------------------------------------------------------

    def record(self, entity: Entity, key: str, field: str, what: str, item: int, rule: str | None = None) -> None:
        self.touched.add((entity, key))
        self.planted.append(PlantedDefect(entity=entity, key=key, field=field, what=what, item=item, rule=rule))

    def pick(self, records: Sequence[R], entity: Entity, test: Callable[[R], bool]) -> int:
        """The index of a random untouched record that passes ``test``."""
        found = [i for i, r in enumerate(records) if (entity, str(r.key)) not in self.touched and test(r)]
        assert found, f"no {entity.value} to plant a defect in"
        return found[int(self.rng.random() * len(found))]

    def ordinary(self, member: Member, *kinds: Kind) -> bool:
        """A member who is neither leader nor mentor, in a branch of one of ``kinds``."""
        assert member.basic is not None and member.relation is not None
        plan = self.plans[str(member.relation.branch)]
        return str(member.basic.name) not in self.protected and plan.kind in kinds

    def org_index(self, code: str) -> int:
        return next(i for i, o in enumerate(self.orgs) if o.key == code)

    # -- items 5 and 6: the tree against the roster ------------------------------------------------------

    def tree(self) -> None:
        departments = [p for p in self.campus.plans if p.kind is Kind.DEPARTMENT]
        start = int(self.rng.random() * len(departments))
        moved_from, moved_to, lacking = (departments[(start + k) % len(departments)] for k in range(3))
        branch = next(p for p in self.campus.plans if p.parent == moved_from.code and p.kind is Kind.GRADUATE)
        i = self.org_index(branch.code)
        self.orgs[i] = attrs.evolve(self.orgs[i], parent=moved_to.code)
        self.record(ORG, branch.code, "parent", f"党支部「{branch.name}」在数据库中挂在「{moved_to.name}」下，"
                    f"实际隶属「{moved_from.name}」", 6)

        count = sum(1 for p in self.campus.plans if p.parent == lacking.code)
        code = child_code(lacking.code, count + 1)
        name = f"中共{lacking.unit_name}{MISSING_BRANCH}委员会"
        self.truth[code] = RosterEntry(code=code, name=name, category="631", parent=lacking.code)
        self.record(ORG, code, "", f"实际存在的党支部「{name}」在数据库中缺失", 5)

        plan = OrgPlan(code=child_code(ROOT_CODE, len(DEPARTMENTS) + 1),
                       name=f"中共{UNIVERSITY}{EMPTY_DEPARTMENT}总支部委员会", category=GENERAL_BRANCH,
                       parent=ROOT_CODE, kind=Kind.DEPARTMENT, unit_name=f"{UNIVERSITY}{EMPTY_DEPARTMENT}")
        root = self.orgs[0].basic
        assert root is not None and isinstance(root.founded_on, datetime.date)
        self.orgs.append(organization(self.rng, plan, (), root.founded_on, self.as_of))
        self.true_parent[plan.code] = ROOT_CODE
        self.truth[plan.code] = RosterEntry(code=plan.code, name=plan.name, category=plan.category, parent=ROOT_CODE)
        self.record(ORG, plan.code, "", f"党总支「{plan.name}」下没有任何党支部", 5)
        self.planted.append(PlantedDefect(entity=ORG, key=plan.code, field="leaders", item=2,
                                          rule=rule_code("leaders-present"), what="新设的党总支没有录入班子成员"))

    # -- item 7: organizations against the members --------------------------------------------------------

    def organizations(self) -> None:
        def student_branch(o: Organization) -> bool:
            return self.plans[str(o.key)].kind is Kind.UNDERGRADUATE and len(o.leaders or ()) >= 2

        i = self.pick(self.orgs, ORG, student_branch)
        org = self.orgs[i]
        department = self.true_parent[str(org.key)]
        outsiders = [str(m.basic.name) for m in self.members if m.basic is not None and m.relation is not None
                     and str(m.basic.name) in self.unique
                     and self.true_parent.get(str(m.relation.branch)) not in (department, ROOT_CODE)]
        name = outsiders[int(self.rng.random() * len(outsiders))]
        leaders = org.leaders or ()
        index = len(leaders) - 1
        self.orgs[i] = attrs.evolve(org, leaders=(*leaders[:index], attrs.evolve(leaders[index], name=name)))
        self.record(ORG, str(org.key), f"leaders[{index}].name",
                    f"班子成员「{name}」是其他院系的党员，不是本支部党员", 7)

        school = next(p for p in self.campus.plans if p.kind is Kind.SCHOOL and p.name.endswith("附属小学支部委员会"))
        i = self.org_index(school.code)
        unit = self.orgs[i].unit
        assert unit is not None
        self.orgs[i] = attrs.evolve(self.orgs[i], unit=attrs.evolve(unit, party_setup="11"))
        self.record(ORG, school.code, "unit.party_setup", "党支部的单位填写为「建立党委的」", 7)

    # -- item 16: members against the tree and each other --------------------------------------------------

    def members_system(self) -> None:
        rng, members = self.rng, self.members

        i = self.pick(members, MEM, lambda m: self.ordinary(m, Kind.UNDERGRADUATE))
        m = members[i]
        assert m.relation is not None
        branch = child_code(str(self.true_parent[str(m.relation.branch)]), 99)
        members[i] = attrs.evolve(m, relation=attrs.evolve(m.relation, branch=branch))
        self.record(MEM, str(m.key), "relation.branch", f"所在党支部「{branch}」不存在", 16)

        def transferred_staff(m: Member) -> bool:
            return self.ordinary(m, Kind.STAFF, Kind.OFFICE) and m.relation is not None \
                and m.relation.entry_type in ("31", "32")

        i = self.pick(members, MEM, transferred_staff)
        m = members[i]
        assert m.basic is not None and m.standing is not None and isinstance(m.basic.born_on, datetime.date)
        joined = add_years(m.basic.born_on, 16) + datetime.timedelta(days=rng.randint(30, 300))
        members[i] = attrs.evolve(m, standing=attrs.evolve(m.standing, joined_on=joined, full_member_on=add_months(
            joined, 12), probation_outcome="1"))
        self.record(MEM, str(m.key), "standing.joined_on", f"入党日期 {joined} 时只有十六岁", 16)

        def duplicable(m: Member) -> bool:
            joined = m.standing.joined_on if m.standing is not None else None
            return self.ordinary(m, Kind.STAFF) and m.basic is not None and m.basic.id_number is not None \
                and isinstance(joined, datetime.date) and joined < self.as_of - datetime.timedelta(days=60)

        i = self.pick(members, MEM, duplicable)
        m = members[i]
        assert m.basic is not None and m.standing is not None and isinstance(m.standing.joined_on, datetime.date)
        office = next(p for p in self.campus.plans if p.kind is Kind.OFFICE)
        entered = min(m.standing.joined_on + datetime.timedelta(days=rng.randint(30, 400)), self.as_of)
        copy = attrs.evolve(m, id=f"M{len(members) + 1:06d}",
                            basic=attrs.evolve(m.basic, unit_name=office.unit_name), awards=(), floating=None,
                            relation=Relation(branch=office.code, entered_on=entered, entry_type="31"))
        members.append(copy)
        self.record(MEM, str(copy.key), "basic.id_number",
                    f"与党员「{m.key}」是同一人的两条记录（调离机关后原记录未删除），公民身份号码重复", 16)
        self.touched.add((MEM, str(m.key)))

        i = self.pick(members, MEM, lambda m: m.basic is not None and m.basic.id_number is not None)
        m = members[i]
        assert m.basic is not None
        number = wrong_check_digit(str(m.basic.id_number))
        members[i] = attrs.evolve(m, basic=attrs.evolve(m.basic, id_number=number))
        self.record(MEM, str(m.key), "basic.id_number", f"公民身份号码「{number}」校验码错误", 16)

        i = self.pick(members, MEM, lambda m: m.work is not None and m.work.post == "402")
        m = members[i]
        members[i] = attrs.evolve(m, hardship=Hardship(veteran_without_work=True, special_care_subsidy=False))
        self.record(MEM, str(m.key), "hardship.veteran_without_work", "建国后入党，却标为建国前入党没有工作老党员", 16)

    # -- item 20: applicants against the members -----------------------------------------------------------

    def mentors_of(self, branch: str, full: bool) -> list[str]:
        return [str(m.basic.name) for m in self.members if m.basic is not None and m.relation is not None
                and m.relation.branch == branch and str(m.basic.name) in self.unique and is_full(m) is full]

    def applicants_system(self) -> None:
        rng, apps = self.rng, self.applicants

        def admitted_student(m: Member) -> bool:
            if not self.ordinary(m, Kind.UNDERGRADUATE) or m.standing is None or m.relation is None:
                return False
            joined, born = m.standing.joined_on, m.basic.born_on if m.basic is not None else None
            return (m.relation.entry_type == "12" and isinstance(joined, datetime.date)
                    and isinstance(born, datetime.date) and joined > add_years(born, 20) + datetime.timedelta(days=60)
                    and bool(self.mentors_of(str(m.relation.branch), True)))

        m = self.members[self.pick(self.members, MEM, admitted_student)]
        assert m.standing is not None and m.relation is not None and isinstance(m.standing.joined_on, datetime.date)
        meeting = m.standing.joined_on
        candidate = meeting - datetime.timedelta(days=90)
        activist = add_months(candidate, -13)
        mentors = self.mentors_of(str(m.relation.branch), True)
        copy = Applicant(id=f"A{len(apps) + 1:06d}", basic=m.basic, education=m.education, development=Development(
            branch=m.relation.branch, applied_on=activist - datetime.timedelta(days=60), mentors=(mentors[0],),
            activist_on=activist, candidate_on=candidate, branch_meeting_on=meeting))
        apps.append(copy)
        self.touched.add((MEM, str(m.key)))
        self.record(APP, str(copy.key), "id", f"已于 {meeting} 入党（党员「{m.key}」），申请入党人记录未删除", 20)

        def waiting(a: Applicant) -> bool:
            meeting = a.development.branch_meeting_on if a.development is not None else None
            return isinstance(meeting, datetime.date) and meeting <= self.as_of - datetime.timedelta(days=45)

        i = self.pick(apps, APP, waiting)
        a = apps[i]
        assert a.development is not None and isinstance(a.development.branch_meeting_on, datetime.date)
        approved = a.development.branch_meeting_on + datetime.timedelta(days=rng.randint(20, 45))
        apps[i] = attrs.evolve(a, development=attrs.evolve(a.development, approved_on=approved))
        self.record(APP, str(a.key), "development.approved_on",
                    f"上级组织已于 {approved} 批准，仍留在申请入党人中", 20)

        def mentored_next_to_probationer(a: Applicant) -> bool:
            d = a.development
            return d is not None and bool(d.mentors) and bool(self.mentors_of(str(d.branch), False))

        i = self.pick(apps, APP, mentored_next_to_probationer)
        a = apps[i]
        assert a.development is not None and a.development.mentors
        probationers = self.mentors_of(str(a.development.branch), False)
        name = probationers[int(rng.random() * len(probationers))]
        apps[i] = attrs.evolve(a, development=attrs.evolve(a.development, mentors=(name, *a.development.mentors[1:])))
        self.record(APP, str(a.key), "development.mentors[0]", f"培养人「{name}」是预备党员，不是正式党员", 20)
        self.protected |= {name}

    # -- field defects -----------------------------------------------------------------------------------------

    def plant_fields(self, records: list[R], entity: Entity, share: float, catalogue: Sequence[FieldDefect[R]],
              eligible: Callable[[R, FieldDefect[R]], bool]) -> None:
        order = [i for i in range(len(records)) if (entity, str(records[i].key)) not in self.touched]
        self.rng.shuffle(order)
        wanted = round(share * len(order))
        for n in range(wanted):
            for attempt in range(len(catalogue)):
                kind = catalogue[(n + attempt) % len(catalogue)]
                found = self._plant_one(records, entity, order, kind, eligible)
                if found:
                    break

    def _plant_one(self, records: list[R], entity: Entity, order: list[int], kind: FieldDefect[R],
                   eligible: Callable[[R, FieldDefect[R]], bool]) -> bool:
        for i in order:
            record = records[i]
            if (entity, str(record.key)) in self.touched or not eligible(record, kind):
                continue
            result = kind.plant(record, self.rng, self.tables)
            if result is None:
                continue
            records[i], field, what = result
            self.record(entity, str(record.key), field, what, kind.item, kind.rule)
            return True
        return False

    def fields(self) -> None:
        def member_ok(m: Member, kind: FieldDefect[Member]) -> bool:
            return (kind.rule_name not in NAME_PROTECTED_RULES
                    or (m.basic is not None and m.basic.name not in self.protected))

        branches = [o for o in self.orgs if o.basic is not None and o.basic.category == "631"]
        self.plant_fields(self.members, MEM, MEMBER_DEFECT_SHARE, member_defects(), member_ok)
        self.plant_fields(self.applicants, APP, APPLICANT_DEFECT_SHARE, applicant_defects(), lambda a, k: True)
        before = {o.key: i for i, o in enumerate(self.orgs)}
        self.plant_fields(branches, ORG, BRANCH_DEFECT_SHARE, organization_defects(), lambda o, k: True)
        for branch in branches:
            self.orgs[before[branch.key]] = branch

    def roster(self) -> Roster:
        """The organizations that really exist: those of the clean plan, the empty 党总支 and the missing
        branch, each under its true parent with its true name and category."""
        return Roster(sorted(self.truth.values(), key=lambda e: e.code))


def plant_defects(campus: Campus, rng: random.Random, as_of: datetime.date, tables: CodeTables) -> Planted:
    """Plant the defects of the module docstring in ``campus``."""
    planter = _Planter(campus, rng, as_of, tables)
    planter.tree()
    planter.organizations()
    planter.members_system()
    planter.applicants_system()
    planter.fields()
    planted = sorted(planter.planted, key=lambda p: (p.item, p.entity.value, p.key, p.field))
    return Planted(organizations=tuple(planter.orgs), members=tuple(planter.members),
                   applicants=tuple(planter.applicants), roster=planter.roster(), planted=tuple(planted))


def clean_roster(campus: Campus) -> Roster:
    """The roster of a clean unit: every organization of the database, as recorded."""
    return Roster(sorted((RosterEntry(code=p.code, name=p.name, category=p.category, parent=p.parent)
                          for p in campus.plans), key=lambda e: e.code))
