"""System rules (系统查找): rules that need more than one group, more than one record, or the tree.

They run over the whole database and count under items 5 and 6 (the tree and the roster), 7 (organizations),
16 (members) and 20 (applicants). Each rule is prepared into a :class:`~cpcinfo.rules.model.SystemCheck`
whose hooks the check engine calls record by record; rules across records keep what they need in the
context's ``scratch``, under a name beginning with their code (``MEM911-keys``), or under a name shared by
the rules that read it (``placing``, ``leader-names``), each documented where it is made.
"""

from __future__ import annotations

import bisect
import copy
import datetime
import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import attrs
from stdnum.cn import ric

from cpcinfo.codes import clean
from cpcinfo.engine.context import SystemContext
from cpcinfo.engine.repeats import noted, repeats
from cpcinfo.entity import Entity
from cpcinfo.findings import DefectKind
from cpcinfo.org.tree import CategoryKind, category_kind
from cpcinfo.rules._applicant import BASE_APPLICANT
from cpcinfo.rules._build import OK, explanation, with_value
from cpcinfo.rules._member import BASE_MEMBER
from cpcinfo.rules._org import BASE_ORGANIZATION
from cpcinfo.rules._tree import tree_rules
from cpcinfo.rules.checks import comparable_name
from cpcinfo.rules.cite import APPLICANT, GENERAL, MEMBER, ORGANIZATION, PERSON, UNIT
from cpcinfo.rules.dates import add_months, add_years
from cpcinfo.rules.model import Defect, Example, Prepared, Quiet, Rule, RuleScope, RuleStatus, SystemCheck, Target
from cpcinfo.rules.reading import is_blank, usable_date
from cpcinfo.rules.tags import tag_test

FOUNDING = datetime.date(1949, 10, 1)
"""建国: a member who joined before this day joined 建国前 (docs/domain/member.md#hardship)."""

WRONG = DefectKind.WRONG

BASE_DOCUMENT: dict[str, Any] = {
    "organizations": [
        {"basic": {"code": "001", "name": "中共西北大学委员会", "category": "611", "locality": "1",
                   "elected_on": "2008-06-01", "term_ends_on": "2013-06-01"},
         "leaders": [{"name": "王建国", "title": "001A"}],
         "unit": {"name": "西北大学", "affiliation": "20", "nature": "9", "industry": "84", "legal_entity": True,
                  "party_setup": "11", "grassroots_type": "9"}},
        {"parent": "001",
         "basic": {"code": "001001", "name": "中共西北大学化学系总支部委员会", "category": "621", "locality": "1",
                   "elected_on": "2010-06-01", "term_ends_on": "2013-06-01", "unit_relation": "1"},
         "leaders": [{"name": "张伟", "title": "001A"}]},
        with_value(with_value(BASE_ORGANIZATION, "unit", ...), "basic.unit_relation", "1"),
    ],
    "members": [
        BASE_MEMBER,
        with_value(with_value(with_value(BASE_MEMBER, "id", "M0002"), "basic.name", "张伟"),
                   "basic.born_on", "1978-11-02"),
    ],
    "applicants": [BASE_APPLICANT],
}
"""A valid database: a 党委, a 党总支 and a 党支部 with two members and one applicant."""


SCRATCH_CROSSING: Mapping[str, str] = {
    "MEM911-ids": "noted", "MEM911-keys": "noted", "MEM911-ids-written": "written",
    "MEM912-keys": "noted", "MEM912-keys-written": "written",
    "APP907-keys": "noted", "APP907-keys-written": "written",
    "APP904-index": "index", "APP904-matches": "first",
    "APP906-mentors": "ordered", "APP909-mentors": "ordered",
    "ORG701-people": "people", "APP906-people": "people", "APP909-people": "people",
    "placing": "derived", "leader-names": "derived",
}
"""How what each rule keeps in the scratch crosses the parts of a partitioned check
(:mod:`cpcinfo.checking.partition`), by name: ``noted`` — a :class:`~cpcinfo.engine.repeats.Noted`, merged
in the order of the records; ``written`` — ``{index in the Noted of the name without -written: value}``;
``index`` — a dict of tuples whose first item is a record's position, joined key by key in order;
``first`` — a dict of ``(position, value)``, the least position kept; ``ordered`` — a list of tuples whose
first item is the position; ``people`` — a :class:`_People`, joined by :meth:`_People.merged`; ``derived`` —
worked out from the tree, not carried. A rule that keeps something new says here how it crosses."""


def doc(note: str = "", as_of: datetime.date | None = None, **changes: Any) -> Example:
    """An example database: the base document with changes at paths like ``members__0__basic__born_on``."""
    data: dict[str, Any] = copy.deepcopy(BASE_DOCUMENT)
    for key, value in changes.items():
        data = with_value(data, key.replace("__", "."), value)
    recorded = tuple((key.replace("__", "."), value) for key, value in changes.items())
    if as_of is None:
        return Example(data=data, note=note, changes=recorded)
    return Example(data=data, note=note, as_of=as_of, changes=recorded)


def system_rule(code: str, name: str, title: str, entity: Entity, fields: Sequence[str],
                build: Callable[[Prepared], SystemCheck], *, item: int, what: str, why: str, source: str,
                fails: Sequence[Example], passes: Sequence[Example],
                status: RuleStatus = RuleStatus.STABLE, group: str | None = None) -> Rule:
    return Rule(code=code, name=name, title=title, entity=entity, group=group, fields=tuple(fields),
                scope=RuleScope.SYSTEM, target=Target.DATABASE, item=item, status=status,
                explanation=explanation(what, why, source, fails, passes), build=build)


def _date(value: Any, ctx: SystemContext) -> datetime.date | None:
    """A date its own field rule accepts (see :func:`usable_date`): relations are judged on nothing else."""
    return usable_date(value, ctx.as_of)


def _recorded_branch(record: Any, group: str) -> Any:
    holder = getattr(record, group)
    return holder.branch if holder is not None else None


# ---------------------------------------------------------------------------------------------- members


def _branch_exists(group: str, label: str) -> Callable[[Prepared], SystemCheck]:
    def build(prepared: Prepared) -> SystemCheck:
        def check(record: Any, ctx: SystemContext) -> Sequence[Defect]:
            branch = ctx.facts.branch
            if branch is None or branch in ctx.tree or not _CODE_FORM.fullmatch(clean(branch)):
                return OK  # a value that is no organization code at all is the field rule's finding
            return (Defect(f"{group}.branch", _recorded_branch(record, group), WRONG,
                           f"{label}「{branch}」在党组织中不存在"),)

        return _branch_check(group, check)

    return build


def _branch_is_branch(group: str, label: str) -> Callable[[Prepared], SystemCheck]:
    def build(prepared: Prepared) -> SystemCheck:
        def check(record: Any, ctx: SystemContext) -> Sequence[Defect]:
            branch = ctx.facts.branch
            if branch is None or branch not in ctx.tree or ctx.tree.is_branch(branch):
                return OK
            kind = ctx.tree.kind(branch)
            if kind is CategoryKind.UNKNOWN:
                return OK  # the organization's own category is reported by its field rule
            return (Defect(f"{group}.branch", _recorded_branch(record, group), WRONG,
                           f"{label}「{branch}」是{kind.label}，不是党支部"),)

        return _branch_check(group, check)

    return build


def _joined_age(before_founding: bool) -> Callable[[Prepared], SystemCheck]:
    def build(prepared: Prepared) -> SystemCheck:
        min_age = prepared.ruleset.min_age_years

        def check(member: Any, ctx: SystemContext) -> Sequence[Defect]:
            facts = ctx.facts
            joined, born = facts.joined, facts.born
            if joined is None or born is None or (joined < FOUNDING) is not before_founding:
                return OK
            if joined < add_years(born, min_age):
                return (Defect("standing.joined_on", joined, WRONG,
                               f"入党日期 {joined} 时未满{min_age}周岁（出生日期 {born}）"),)
            return OK

        return SystemCheck(member=check, member_quiet=_of_age("joined", min_age))

    return build


def _veteran_flag(prepared: Prepared) -> SystemCheck:
    def check(member: Any, ctx: SystemContext) -> Sequence[Defect]:
        if member.hardship is None or member.hardship.veteran_without_work is not True:
            return OK
        joined = ctx.facts.joined
        if joined is None or joined < FOUNDING:
            return OK
        return (Defect("hardship.veteran_without_work", True, WRONG,
                       f"入党日期 {joined} 在1949年10月1日以后，不能是建国前入党没有工作老党员"),)

    return SystemCheck(member=check, member_quiet=Quiet(
        "record.hardship is None or record.hardship.veteran_without_work is not True"))


def _new_entry_date(prepared: Prepared) -> SystemCheck:
    is_new = tag_test(prepared.tables["entry_type"], "new")

    def check(member: Any, ctx: SystemContext) -> Sequence[Defect]:
        relation = member.relation
        if relation is None or not is_new(relation.entry_type):
            return OK
        entered, joined = ctx.facts.entered, ctx.facts.joined
        if entered is None or joined is None or entered == joined:
            return OK
        return (Defect("relation.entered_on", entered, WRONG,
                       f"进入支部类型为新发展，进入支部日期 {entered} 应与入党日期 {joined} 相同"),)

    # Quiet on the same day, or when the entry type is written as the exact code of another type (or not at all).
    table = prepared.tables["entry_type"]
    others = frozenset(entry.code for entry in table.entries) - table.with_tag("new") | {None}
    return SystemCheck(member=check, member_quiet=Quiet(
        "facts.entered is None or facts.joined is None or facts.entered == facts.joined"
        " or record.relation.entry_type in {others}", constants={"others": others}))


def _entered_before_joining(prepared: Prepared) -> SystemCheck:
    is_new = tag_test(prepared.tables["entry_type"], "new")

    def check(member: Any, ctx: SystemContext) -> Sequence[Defect]:
        entered, joined = ctx.facts.entered, ctx.facts.joined
        if entered is None or joined is None or entered >= joined or is_new(member.relation.entry_type):
            return OK  # a 新发展 entry on another day is MEM906's finding
        return (Defect("relation.entered_on", entered, WRONG, f"进入支部日期 {entered} 早于入党日期 {joined}"),)

    return SystemCheck(member=check, member_quiet=Quiet(
        "facts.entered is None or facts.joined is None or facts.entered >= facts.joined"))


_CODE_FORM = re.compile(r"[0-9A-Z]+")
_IN_A_BRANCH = Quiet("facts.branch is None or facts.branch in {branches}",
                     per_run={"branches": lambda ctx: ctx.tree.codes_of_kind(CategoryKind.BRANCH)})
"""A member or applicant of an existing branch-type organization (or with no branch: the field rule's case)."""


def _branch_check(group: str, check: Callable[[Any, SystemContext], Sequence[Defect]]) -> SystemCheck:
    """A branch rule's hook, on members (``relation``) or applicants (``development``), behind its test."""
    if group == "relation":
        return SystemCheck(member=check, member_quiet=_IN_A_BRANCH)
    return SystemCheck(applicant=check, applicant_quiet=_IN_A_BRANCH)


@functools.cache  # one object per (date, age): MEM903 and MEM904 share their test, judged once per member
def _of_age(later: str, min_age: int) -> Quiet:
    """Whether the later date is on or after the birthday of the minimum age, compared as (year, month, day)
    without building a date (a 29 February birthday in the year itself is left to the hook)."""
    return Quiet(f"facts.{later} is None or facts.born is None"
                 f" or facts.{later}.year - facts.born.year > {{min_age}}"
                 f" or facts.{later}.year - facts.born.year == {{min_age}}"
                 f" and (facts.{later}.month, facts.{later}.day) >= (facts.born.month, facts.born.day)",
                 constants={"min_age": min_age})


def _id_checksum(prepared: Prepared) -> SystemCheck:
    def check(member: Any, ctx: SystemContext) -> Sequence[Defect]:
        number = ctx.facts.id_number
        if number is None or ctx.facts.id_checked is not None:
            return OK
        return (Defect("basic.id_number", member.basic.id_number, WRONG,
                       f"公民身份号码「{number}」的校验码错误（应为 {ric.calc_check_digit(number)}）"),)

    return SystemCheck(member=check, member_quiet=Quiet("facts.id_number is None or facts.id_checked is not None"))


def _id_birth_date(prepared: Prepared) -> SystemCheck:
    def check(member: Any, ctx: SystemContext) -> Sequence[Defect]:
        number = ctx.facts.id_checked
        if number is None:
            return OK
        try:
            embedded = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
        except ValueError:
            return (Defect("basic.id_number", member.basic.id_number, WRONG,
                           f"公民身份号码「{number}」中的出生日期 {number[6:14]} 不是真实日期"),)
        born = _date(member.basic.born_on, ctx)  # not facts.born: any usable birth date can disagree
        if born is None or born == embedded:
            return OK
        return (Defect("basic.id_number", member.basic.id_number, WRONG,
                       f"公民身份号码中的出生日期 {embedded} 与出生日期 {born} 不一致"),)

    # The eight digits read as one number equal the birth date's: the same real date, without building one.
    return SystemCheck(member=check, member_quiet=Quiet(
        "facts.id_checked is None or facts.born is not None and int(facts.id_checked[6:14])"
        " == facts.born.year * 10000 + facts.born.month * 100 + facts.born.day"))


def _id_gender(prepared: Prepared) -> SystemCheck:
    genders = prepared.tables["gender"]

    def check(member: Any, ctx: SystemContext) -> Sequence[Defect]:
        number = ctx.facts.id_checked
        gender = member.basic.gender if member.basic is not None else None
        if number is None or gender is None:
            return OK
        resolution = genders.resolve(str(gender))
        if resolution is None or resolution.entry.code not in ("1", "2"):
            return OK
        odd = int(number[16]) % 2 == 1
        if odd == (resolution.entry.code == "1"):
            return OK
        said = "男" if odd else "女"
        return (Defect("basic.id_number", member.basic.id_number, WRONG,
                       f"公民身份号码第17位表示{said}性，与性别「{gender}」不一致"),)

    # The usual case: the gender written as its exact code (1 男, 2 女) and agreeing with the 17th digit.
    return SystemCheck(member=check, member_quiet=Quiet(
        "facts.id_checked is None or record.basic.gender == ('1' if facts.id_checked[16] in '13579' else '2')"))


def _id_duplicate(prepared: Prepared) -> SystemCheck:
    """Each member's identity number (``None`` when it has none) and name in findings are noted in the order
    read, with the value as recorded where it is written otherwise; the repeats are found at the end."""

    def check(member: Any, ctx: SystemContext) -> Sequence[Defect]:
        number = ctx.facts.id_number
        numbers = noted(ctx, "MEM911-ids")
        if number is not None and member.basic.id_number != number:
            ctx.scratch.setdefault("MEM911-ids-written", {})[len(numbers)] = member.basic.id_number
        numbers.append(number)
        noted(ctx, "MEM911-keys").append(ctx.record_key)
        return OK

    def finish(ctx: SystemContext) -> Iterable[tuple[str | None, Defect]]:
        numbers, keys = list(noted(ctx, "MEM911-ids")), list(noted(ctx, "MEM911-keys"))
        written = ctx.scratch.get("MEM911-ids-written", {})
        for i, first in repeats(numbers):
            number = numbers[i]
            yield keys[i], Defect("basic.id_number", written.get(i, number), WRONG,
                                  f"公民身份号码「{number}」与党员「{keys[first]}」重复")

    return SystemCheck(member=check, finish=finish, member_quiet=Quiet(
        "facts.id_number is None or facts.id_number is record.basic.id_number",
        keep={"MEM911-ids": "facts.id_number", "MEM911-keys": "locator"}))


def _record_key(entity: Entity, label: str, keys: str) -> Callable[[Prepared], SystemCheck]:
    """人员编号: every record has one, and no two records share it. The keys are noted in the order read,
    under the scratch name ``keys`` (with the value as recorded, where it is not the key's text, under
    ``<keys>-written``), and the repeats found at the end."""
    written_name = f"{keys}-written"

    def build(prepared: Prepared) -> SystemCheck:
        def check(record: Any, ctx: SystemContext) -> Sequence[Defect]:
            key = record.key
            if not ctx.record_key_usable:  # the engine has judged the key (see ``usable_key``)
                if key is None or not key.strip():
                    return (Defect("id", record.id, DefectKind.MISSING, f"{label}的人员编号未填写"),)
                return (Defect("id", record.id, WRONG, f"人员编号「{key!r}」含有控制字符或无法编码的字符"),)
            seen = noted(ctx, keys)
            if record.id is not key:
                ctx.scratch.setdefault(written_name, {})[len(seen)] = record.id
            seen.append(key)
            return OK

        def finish(ctx: SystemContext) -> Iterable[tuple[str | None, Defect]]:
            seen, written = list(noted(ctx, keys)), ctx.scratch.get(written_name, {})
            for i, _ in repeats(seen):
                yield seen[i], Defect("id", written.get(i, seen[i]), WRONG, f"人员编号「{seen[i]}」重复")

        # A key recorded as text is its own locator: the record is noted by reference, nothing computed.
        quiet = Quiet("usable and record.id is locator", keep={keys: "locator"})
        if entity is Entity.MEMBER:
            return SystemCheck(member=check, finish=finish, member_quiet=quiet)
        return SystemCheck(applicant=check, finish=finish, applicant_quiet=quiet)

    return build


# ---------------------------------------------------------------------------------------------- organizations


@attrs.define
class _People:
    """Where the members of the names a rule asks about are, collected as the members stream past.

    ``seen`` maps a name to the branches, as written, of the members of that name; ``doubtful`` holds the
    names of which some member cannot be placed (no branch, a branch not in the tree or cut off from the
    root, or a status the rule cannot read), and ``unnamed`` the settled branches that hold a member whose
    name cannot be read. Both give the benefit of the doubt: the member's own finding (MEM101, MEM601,
    MEM901 …) is the one defect, and a leader or mentor who may be that member is not reported again.
    Whether a branch places its members is judged at the end (:meth:`branches`), once per name and branch
    rather than once per member. A name's one branch is kept as text, a set only once members of that name
    are in two: the cyclic collector need not walk a set per name.
    """

    names: frozenset[str]
    seen: dict[str, str | set[str | None] | None] = attrs.field(factory=dict)
    doubtful: set[str] = attrs.field(factory=set)
    unnamed: set[str] = attrs.field(factory=set)

    def add(self, member: Any, ctx: SystemContext, *, placed: bool = True) -> None:
        facts = ctx.facts
        name = facts.name
        if name is not None:
            if name not in self.names:
                return  # the common case: a readable name nobody asks about
            if not placed:
                self.doubtful.add(name)
                return
            self._note(name, facts.branch)
            return
        name = comparable_name(member.basic.name if member.basic is not None else None)
        branch = facts.branch
        settled = branch is not None and _placed(ctx, branch)
        if name is None:
            if settled:
                assert branch is not None
                self.unnamed.add(branch)
        elif name in self.names:
            if settled and placed:
                self._note(name, branch)
            else:
                self.doubtful.add(name)

    def _note(self, name: str, branch: str | None) -> None:
        seen = self.seen
        if name not in seen:
            seen[name] = branch
            return
        earlier = seen[name]
        if isinstance(earlier, set):
            earlier.add(branch)
        elif earlier != branch:
            seen[name] = {earlier, branch}

    def merged(self, *others: _People) -> _People:
        """What all saw (the members of parts of a partitioned check): where a member is, not in which
        order, is what the rules read."""
        if any(other.names != self.names for other in others):
            raise ValueError("the parts of a check ask about different names")
        both = _People(self.names, {name: set(b) if isinstance(b, set) else b for name, b in self.seen.items()},
                       self.doubtful.union(*(o.doubtful for o in others)),
                       self.unnamed.union(*(o.unnamed for o in others)))
        for other in others:
            for name, branches in other.seen.items():
                for branch in branches if isinstance(branches, set) else (branches,):
                    both._note(name, branch)
        return both

    def branches(self, ctx: SystemContext) -> dict[str, set[str]]:
        """The settled branches of the members of each name (adding to ``doubtful`` the names of which a
        member is in no settled branch)."""
        settled: dict[str, set[str]] = {}
        for name, noted_here in self.seen.items():
            written = noted_here if isinstance(noted_here, set) else {noted_here}
            here = settled[name] = {branch for branch in written if branch is not None and _placed(ctx, branch)}
            if len(here) < len(written):
                self.doubtful.add(name)
        return settled


def _applicant_names(ctx: SystemContext) -> frozenset[str]:
    return frozenset(value[0] for of, value in ctx.scratch.get("APP904-index", {}) if of == "person")


def _applicant_ids(ctx: SystemContext) -> frozenset[str]:
    return frozenset(value for of, value in ctx.scratch.get("APP904-index", {}) if of == "id")


def _mentor_names(mentors: str) -> Callable[[SystemContext], frozenset[str]]:
    def names(ctx: SystemContext) -> frozenset[str]:
        return frozenset(name for *_, name in ctx.scratch.get(mentors, ()))

    return names


def _not_named(names: Callable[[SystemContext], frozenset[str]]) -> Quiet:
    """A member whose name is readable and is none of the names a rule looks for (leaders, mentors,
    applicants): the rule has nothing to note. Each rule has its own test, so that a member who shares a
    leader's name costs only the leaders' rule a call."""
    return Quiet("facts.name is not None and facts.name not in {names}", per_run={"names": names})


def _placed(ctx: SystemContext, branch: str) -> bool:
    """Whether a member of this branch is placed in the tree: the branch is a branch (or of unknown kind)
    that hangs under the main root, not under an orphan, a cut cycle or an extra root, whose own finding is
    the defect. The organizations that place their members are worked out once per run, in one pass."""
    placing: frozenset[str] | None = ctx.scratch.get("placing")
    if placing is None:
        tree = ctx.tree
        settled = tree.subtree_codes(tree.main_root) if tree.main_root is not None else frozenset()
        kinds = tree.codes_of_kind(CategoryKind.BRANCH) | tree.codes_of_kind(CategoryKind.UNKNOWN)
        placing = ctx.scratch["placing"] = frozenset(settled & kinds)
    return branch in placing


def _positions(ctx: SystemContext, branches: Iterable[str]) -> list[int]:
    """The branches' preorder positions, sorted: see :func:`_any_within`."""
    return sorted(ctx.tree.span(branch)[0] for branch in branches)


def _any_within(positions: list[int], span: tuple[int, int]) -> bool:
    """Whether one of these sorted positions falls within an organization's span, that is, whether one of
    the branches is that organization or under it (one bisection, no path walked)."""
    i = bisect.bisect_left(positions, span[0])
    return i < len(positions) and positions[i] < span[1]


def _leader_names(ctx: SystemContext) -> frozenset[str]:
    known: frozenset[str] | None = ctx.scratch.get("leader-names")
    if known is not None:
        return known
    names = set()
    for code in ctx.tree:
        for leader in ctx.tree.node(code).record.leaders or ():
            name = comparable_name(leader.name)
            if name is not None:
                names.add(name)
    known = ctx.scratch["leader-names"] = frozenset(names)
    return known


def _leaders_in_subtree(prepared: Prepared) -> SystemCheck:
    """The leaders' names are collected from the tree; members stream past and those with a leader's name
    leave their branch; then each leader is looked up among the members under the organization."""

    def people(ctx: SystemContext) -> _People:
        found: _People | None = ctx.scratch.get("ORG701-people")
        if found is None:
            found = ctx.scratch["ORG701-people"] = _People(_leader_names(ctx))
        return found

    def member(record: Any, ctx: SystemContext) -> Sequence[Defect]:
        people(ctx).add(record, ctx)
        return OK

    def finish(ctx: SystemContext) -> Iterable[tuple[str | None, Defect]]:
        known = people(ctx)
        tree = ctx.tree
        positions = {name: _positions(ctx, branches) for name, branches in known.branches(ctx).items()}
        unnamed = _positions(ctx, known.unnamed)
        for code in tree:
            span = tree.span(code)
            if _any_within(unnamed, span):
                continue  # a member under it whose name cannot be read may be any leader: the benefit of the doubt
            for index, leader in enumerate(tree.node(code).record.leaders or ()):
                name = comparable_name(leader.name)
                if name is None or name in known.doubtful:
                    continue  # an unreadable name is ORG202's finding; doubtful members get the benefit
                if not _any_within(positions.get(name, []), span):
                    yield code, Defect(f"leaders[{index}].name", leader.name, WRONG,
                                       f"班子成员「{leader.name}」不是本党组织（含下级组织）的党员", label="姓名")

    return SystemCheck(member=member, finish=finish, member_quiet=_not_named(_leader_names))


_SETUP_FOR_KIND = {"committee": "committee", "general-branch": "general-branch", "branch": "branch"}


def _party_setup(prepared: Prepared) -> SystemCheck:
    setups = prepared.tables["party_setup"]
    categories = prepared.tables["org_category"]
    joint = tag_test(categories, "joint")

    def organization(org: Any, ctx: SystemContext) -> Sequence[Defect]:
        unit = org.unit
        if unit is None or is_blank(unit.party_setup) or org.basic is None:
            return OK
        kind = category_kind(org.basic.category, categories)
        if kind in (CategoryKind.UNKNOWN, CategoryKind.OTHER):
            return OK
        resolution = setups.resolve(str(unit.party_setup))
        if resolution is None or not setups.is_leaf(resolution.entry.code):
            return OK  # an unknown or too general code is ORG407's finding
        expected = "joint-branch" if joint(org.basic.category) else _SETUP_FOR_KIND[kind.value]
        if expected in resolution.entry.tags:
            return OK
        return (Defect("unit.party_setup", unit.party_setup, WRONG,
                       f"单位建立党的基层组织情况「{resolution.entry.label}」与组织类别（{kind.label}）不符"),)

    return SystemCheck(organization=organization)


def _joint_branch_units(prepared: Prepared) -> SystemCheck:
    joint = tag_test(prepared.tables["org_category"], "joint")
    joint_relation = tag_test(prepared.tables["unit_relation"], "joint")

    def organization(org: Any, ctx: SystemContext) -> Sequence[Defect]:
        basic = org.basic
        if basic is None or not joint(basic.category) or is_blank(basic.unit_relation):
            return OK
        if joint_relation(basic.unit_relation):
            return OK
        return (Defect("basic.unit_relation", basic.unit_relation, WRONG,
                       "联合党支部的党组织所在单位情况应为「联合党支部」（由多个单位联合组成），实际只有一个单位"),)

    return SystemCheck(organization=organization)


def _term_expired(prepared: Prepared) -> SystemCheck:
    enabled = prepared.ruleset.expired_term_is_defect

    def organization(org: Any, ctx: SystemContext) -> Sequence[Defect]:
        ends = usable_date(org.basic.term_ends_on, datetime.date.max) if org.basic is not None else None
        if not enabled or ends is None or ends >= ctx.as_of:
            return OK
        return (Defect("basic.term_ends_on", ends, WRONG, f"本届班子已于 {ends} 届满，没有换届记录"),)

    return SystemCheck(organization=organization)


# ---------------------------------------------------------------------------------------------- applicants


def _applied_age(prepared: Prepared) -> SystemCheck:
    min_age = prepared.ruleset.min_age_years

    def check(applicant: Any, ctx: SystemContext) -> Sequence[Defect]:
        applied, born = ctx.facts.applied, ctx.facts.born
        if applied is None or born is None or applied >= add_years(born, min_age):
            return OK
        return (Defect("development.applied_on", applied, WRONG,
                       f"申请入党日期 {applied} 时未满{min_age}周岁（出生日期 {born}）"),)

    return SystemCheck(applicant=check, applicant_quiet=_of_age("applied", min_age))


def _already_member(prepared: Prepared) -> SystemCheck:
    """Applicants are indexed by identity number and by name with birth date; members are matched against
    the index as they stream past, so only the applicants' index is held."""

    def applicant(record: Any, ctx: SystemContext) -> Sequence[Defect]:
        # Tuples, not lists: the cyclic collector stops looking at a tuple of text and dates once it has seen
        # it, but would walk hundreds of thousands of lists at every full collection.
        # An applicant is noted with its position, so that the parts of a partitioned check merge in order.
        index: dict[tuple[str, Any], tuple[tuple[int, str | None, Any], ...]] = ctx.scratch.setdefault("APP904-index", {})
        here = (ctx.record_position, ctx.record_key, record.id)
        number = ctx.facts.id_number
        if number is not None:
            index[("id", number)] = (*index.get(("id", number), ()), here)
        if record.basic is not None and type(record.basic.name) is str and _date(record.basic.born_on, ctx):
            person = ("person", (record.basic.name, record.basic.born_on))
            index[person] = (*index.get(person, ()), here)
        return OK

    def member(record: Any, ctx: SystemContext) -> Sequence[Defect]:
        index = ctx.scratch.get("APP904-index")
        if not index:
            return OK
        number = ctx.facts.id_number
        found = list(index.get(("id", number), ())) if number is not None else []
        if record.basic is not None and type(record.basic.name) is str:
            found += index.get(("person", (record.basic.name, record.basic.born_on)), ())
        for applicant_here in found:
            # The first member (by position, whatever order a part reads them in) that is the applicant.
            matches: dict[tuple[int, str | None, Any], tuple[int, str]] = ctx.scratch.setdefault("APP904-matches", {})
            earlier = matches.get(applicant_here)
            if earlier is None or ctx.record_position < earlier[0]:
                matches[applicant_here] = (ctx.record_position, str(ctx.record_key))
        return OK

    def finish(ctx: SystemContext) -> Iterable[tuple[str | None, Defect]]:
        matches: dict[tuple[int, str | None, Any], tuple[int, str]] = ctx.scratch.get("APP904-matches", {})
        for here in sorted(matches, key=lambda here: (here[1] or "", here[0])):  # by key, then as read
            _, key, recorded = here
            yield key, Defect("id", recorded, WRONG,
                              f"申请入党人已是党员（与党员「{matches[here][1]}」是同一人）", label="人员编号")

    return SystemCheck(applicant=applicant, member=member, finish=finish, member_quiet=Quiet(
        "facts.name is not None and facts.name not in {names}"
        " and (facts.id_number is None or facts.id_number not in {ids})",
        per_run={"names": _applicant_names, "ids": _applicant_ids}))


def _not_moved(prepared: Prepared) -> SystemCheck:
    def check(applicant: Any, ctx: SystemContext) -> Sequence[Defect]:
        development = applicant.development
        if development is None or is_blank(development.branch_meeting_on) or is_blank(development.approved_on):
            return OK
        return (Defect("development.approved_on", development.approved_on, WRONG,
                       "支部大会已通过、上级组织已批准，应转入党员信息库而不再是申请入党人"),)

    return SystemCheck(applicant=check, applicant_quiet=Quiet(
        "record.development is None or record.development.approved_on is None"))


def _mentors(*, mentors: str, people: str, same_branch: bool) -> Callable[[Prepared], SystemCheck]:
    """Mentors' names are collected from the applicants; members stream past and the full members among
    them with one of those names leave their branch; then every mentor is looked up: anywhere in the
    database (APP906: the rule asks for 正式党员, not for the applicant's branch), or, for the preview rule,
    in the applicant's own branch. A member whose full membership cannot be read (转正日期 missing or
    unreadable after the probation year, which MEM503 reports) gives the benefit of the doubt. Each rule
    keeps its own scratch (the applicants' mentors under ``mentors``, the members of their names under
    ``people``), so either runs alone."""
    mentor_names = _mentor_names(mentors)

    def build(prepared: Prepared) -> SystemCheck:
        probation = prepared.ruleset.probation_months

        def applicant(record: Any, ctx: SystemContext) -> Sequence[Defect]:
            development = record.development
            branch = ctx.facts.branch
            if development is None or not development.mentors or branch is None or branch not in ctx.tree:
                return OK  # no branch to look in: APP301 or APP901 reports it
            pending: list[tuple[int, str | None, str, int, Any, str]] = ctx.scratch.setdefault(mentors, [])
            for index, mentor in enumerate(development.mentors):
                name = comparable_name(mentor)
                if name is not None:
                    pending.append((ctx.record_position, ctx.record_key, branch, index, mentor, name))
            return OK

        def of_names(ctx: SystemContext) -> _People:
            found: _People | None = ctx.scratch.get(people)
            if found is None:
                found = ctx.scratch[people] = _People(mentor_names(ctx))
            return found

        def member(record: Any, ctx: SystemContext) -> Sequence[Defect]:
            standing = record.standing
            if ctx.facts.full is not None:
                of_names(ctx).add(record, ctx)
                return OK
            joined = ctx.facts.joined
            still_probationary = joined is not None and add_months(joined, probation) > ctx.as_of \
                and (standing.full_member_on is None or is_blank(standing.full_member_on))
            # A probationary member is not a full member: a mentor of that name is a defect. A member whose
            # status cannot be read is doubtful.
            if not still_probationary:
                of_names(ctx).add(record, ctx, placed=False)
            return OK

        def finish(ctx: SystemContext) -> Iterable[tuple[str | None, Defect]]:
            known = of_names(ctx)
            branches = known.branches(ctx)
            for _, key, branch, index, mentor, name in ctx.scratch.get(mentors, []):
                if name in known.doubtful or branch in known.unnamed:
                    continue
                found = branches.get(name, ())
                if same_branch:
                    if not found or branch in found:
                        continue  # not a full member at all: APP906's finding
                    message = f"培养人「{mentor}」是其他党支部的正式党员，不在申请入党人所在党支部"
                elif found:
                    continue
                else:
                    message = f"培养人「{mentor}」不是信息库中的正式党员"
                yield key, Defect(f"development.mentors[{index}]", mentor, WRONG, message, label="培养人")

        return SystemCheck(applicant=applicant, member=member, finish=finish, member_quiet=_not_named(mentor_names))

    return build


def _id_address(entity: Entity) -> Callable[[Prepared], SystemCheck]:
    """The first six digits of a 公民身份号码 are a GB/T 2260 code that existed at some time up to the date of
    the check (docs/domain/person.md#id-address) — not, as python-stdnum's ``ric.validate`` reads it, a code
    in force in the birth year; python-stdnum's ``ric.is_valid`` is never called on user data (it can raise
    ``KeyError``).

    A member's number is judged once its check digit is right: a mistyped digit in the address code breaks
    the check digit too, and MEM908 reports that one defect (as MEM909 and MEM910 wait for it). Applicants
    have no check-digit rule, so APP908 reads any number of the 18-character form."""
    fact = "id_checked" if entity is Entity.MEMBER else "id_number"

    def build(prepared: Prepared) -> SystemCheck:
        region = prepared.tables["region"]

        def existing(ctx: SystemContext) -> frozenset[str]:
            year = ctx.as_of.year
            return frozenset(e.code for e in region.entries if e.valid_from is None or e.valid_from <= year)

        def check(record: Any, ctx: SystemContext) -> Sequence[Defect]:
            number = getattr(ctx.facts, fact)
            if number is None:
                return OK
            entry = region.get(number[:6])
            if entry is None:
                message = f"公民身份号码「{number}」的地址码 {number[:6]} 不是 GB/T 2260 行政区划代码（从未存在）"
            elif entry.valid_from is not None and entry.valid_from > ctx.as_of.year:
                message = (f"公民身份号码「{number}」的地址码 {number[:6]}（{entry.label}）{entry.valid_from}年才设立，"
                           f"晚于检查日期 {ctx.as_of.isoformat()}")
            else:
                return OK
            return (Defect("basic.id_number", record.basic.id_number, WRONG, message),)

        quiet = Quiet(f"facts.{fact} is None or facts.{fact}[:6] in {{address_codes}}",
                      per_run={"address_codes": existing})
        if entity is Entity.MEMBER:
            return SystemCheck(member=check, member_quiet=quiet)
        return SystemCheck(applicant=check, applicant_quiet=quiet)

    return build


_SECOND_BRANCH: dict[str, Any] = with_value(with_value(BASE_ORGANIZATION, "basic.code", "001001002"), "basic.name",
                                            "中共西北大学化学系第二学生支部委员会")
"""A second branch under the 党总支, for examples that need one."""


# ---------------------------------------------------------------------------------------------- the table


def system_rules() -> list[Rule]:
    M, A, ORG = Entity.MEMBER, Entity.APPLICANT, Entity.ORGANIZATION
    return [
        *tree_rules(doc, BASE_DOCUMENT),
        system_rule("ORG701", "leader-in-subtree", "班子成员不是本组织党员", ORG, ("leaders.name",), _leaders_in_subtree,
                    item=7, group="leaders",
                    what="每名班子成员的姓名是本党组织或其下级组织中一名党员的姓名。",
                    why="班子成员须与党员信息中的职务一致（系统2005 审核要点）。", source=f"{ORGANIZATION}#leaders",
                    fails=[doc("书记不是本组织党员", organizations__0__leaders__0__name="赵六")],
                    passes=[doc("书记是本组织党员")]),
        system_rule("ORG702", "unit-party-setup-category", "建立党组织情况与组织类别不符", ORG, ("unit.party_setup",),
                    _party_setup, item=7, group="unit",
                    what="单位建立党的基层组织情况与党组织的组织类别一致（党委的单位「建立党委的」，党支部的单位「建立党支部的」，"
                         "联合党支部「建立联合党支部的」）。",
                    why="单位信息与党组织类别互相印证。", source=f"{UNIT}#party-setup",
                    fails=[doc("党委的单位写成建立党支部的", organizations__0__unit__party_setup="13")],
                    passes=[doc("一致")]),
        system_rule("ORG703", "joint-branch-units", "联合党支部只有一个单位", ORG, ("basic.unit_relation",),
                    _joint_branch_units, item=7, group="basic",
                    what="联合党支部的党组织所在单位情况是「联合党支部」，而不是单个法人单位或与上级相同。",
                    why="联合党支部由多个单位的党员联合组成。", source=f"{UNIT}#unit-relation; {ORGANIZATION}#tree",
                    fails=[doc("联合党支部只有一个单位", organizations__2__basic__category="632")],
                    passes=[doc("联合党支部", organizations__2__basic__category="632",
                                organizations__2__basic__unit_relation="3",
                                organizations__2__unit={**BASE_ORGANIZATION["unit"], "party_setup": "21"})]),
        system_rule("ORG704", "term-expired", "届满未换届", ORG, ("basic.term_ends_on",), _term_expired, item=7,
                    group="basic",
                    what="本届届满日期早于检查日期而没有换届（规则集决定是否计为错误）。",
                    why="党组织应按期换届；党统统计「任届期满」。", source=f"{ORGANIZATION}#term",
                    fails=[doc("已届满", organizations__1__basic__term_ends_on="2011-06-01")],
                    passes=[doc("未届满")]),
        system_rule("MEM901", "member-branch-exists", "所在党支部不存在", M, ("relation.branch",),
                    _branch_exists("relation", "所在党支部"), item=16, group="relation",
                    what="党员的所在党支部代码是库中一个党组织的代码。", why="党员必须隶属于一个党支部。",
                    source=f"{MEMBER}#relation; {ORGANIZATION}#tree",
                    fails=[doc("党支部不存在", members__0__relation__branch="009009009")], passes=[doc("存在")]),
        system_rule("MEM902", "member-branch-is-branch", "所在党组织不是党支部", M, ("relation.branch",),
                    _branch_is_branch("relation", "所在党支部"), item=16, group="relation",
                    what="党员的所在党支部是党支部、联合党支部或其临时形式，而不是党委或党总支。",
                    why="每个党员都编入一个党支部。", source=f"{ORGANIZATION}#tree",
                    fails=[doc("挂在党总支", members__0__relation__branch="001001")], passes=[doc("党支部")]),
        system_rule("MEM903", "member-joined-adult", "入党时未满十八岁", M, ("standing.joined_on", "basic.born_on"),
                    _joined_age(False), item=16, group="standing",
                    what="1949年10月1日以后入党的，入党日期时已年满十八岁。", why="党章：年满十八岁的中国工人……可以申请加入中国共产党。",
                    source=f"{PERSON}#age",
                    fails=[doc("十六岁入党", members__0__basic__born_on="1985-05-12")], passes=[doc("成年入党")]),
        system_rule("MEM904", "member-joined-adult-before-1949", "建国前入党时未满十八岁", M,
                    ("standing.joined_on", "basic.born_on"), _joined_age(True), item=16, group="standing",
                    status=RuleStatus.PREVIEW,
                    what="1949年10月1日以前入党的，入党日期时已年满十八岁。",
                    why="早期党章的年龄规定不同，只作提示（preview）。", source=f"{PERSON}#age",
                    fails=[doc("建国前十六岁入党", members__0__basic__born_on="1930-01-01",
                               members__0__standing__joined_on="1946-05-01",
                               members__0__standing__full_member_on="1947-05-01",
                               members__0__relation__entered_on="1946-05-01")],
                    passes=[doc("建国前成年入党", members__0__basic__born_on="1925-01-01",
                                members__0__standing__joined_on="1946-05-01",
                                members__0__standing__full_member_on="1947-05-01",
                                members__0__relation__entered_on="1946-05-01")]),
        system_rule("MEM905", "member-veteran-flag", "建国后入党却标为建国前老党员", M,
                    ("hardship.veteran_without_work", "standing.joined_on"), _veteran_flag, item=16, group="hardship",
                    what="「建国前入党没有工作老党员」为「是」的，入党日期早于1949年10月1日。", why="建国前入党指1949年10月1日以前入党。",
                    source=f"{MEMBER}#hardship",
                    fails=[doc("建国后入党却标为老党员", members__0__hardship__veteran_without_work=True)],
                    passes=[doc("否")]),
        system_rule("MEM906", "member-new-entry-date", "新发展党员进入支部日期与入党日期不同", M,
                    ("relation.entered_on", "standing.joined_on", "relation.entry_type"), _new_entry_date, item=16,
                    group="relation",
                    what="进入支部类型为新发展的，进入支部日期与入党日期相同。", why="新发展党员在入党之日进入支部。",
                    source=f"{MEMBER}#relation",
                    fails=[doc("日期不同", members__0__relation__entered_on="2001-09-01")], passes=[doc("相同")]),
        system_rule("MEM907", "member-entered-after-joining", "进入支部早于入党", M,
                    ("relation.entered_on", "standing.joined_on"), _entered_before_joining, item=16, group="relation",
                    what="进入支部日期不早于入党日期。", why="入党之后才有组织关系。", source=f"{MEMBER}#relation",
                    fails=[doc("转入早于入党", members__0__relation__entry_type="31",
                               members__0__relation__entered_on="2000-01-01")],
                    passes=[doc("转入晚于入党", members__0__relation__entry_type="31",
                                members__0__relation__entered_on="2005-01-01")]),
        system_rule("MEM908", "member-id-check-digit", "公民身份号码校验码错误", M, ("basic.id_number",), _id_checksum,
                    item=16, group="basic",
                    what="公民身份号码的第18位校验码正确（GB 11643）。", why="校验码错误说明号码录入有误。", source=f"{PERSON}#id-number",
                    fails=[doc("校验码错", members__0__basic__id_number="610102198005120018")],
                    passes=[doc("校验码对", members__0__basic__id_number="610102198005120019")]),
        system_rule("MEM909", "member-id-birth-date", "身份证号码与出生日期不一致", M, ("basic.id_number", "basic.born_on"),
                    _id_birth_date, item=16, group="basic",
                    what="公民身份号码第7–14位的出生日期与出生日期一致。", why="出生日期须与身份证一致。", source=f"{PERSON}#id-number",
                    fails=[doc("日期不一致", members__0__basic__id_number="610102198005130014")],
                    passes=[doc("一致", members__0__basic__id_number="610102198005120019")]),
        system_rule("MEM910", "member-id-gender", "身份证号码与性别不一致", M, ("basic.id_number", "basic.gender"),
                    _id_gender, item=16, group="basic",
                    what="公民身份号码第17位的奇偶与性别一致（奇数为男，偶数为女）。", why="性别须与身份证一致。",
                    source=f"{PERSON}#id-number",
                    fails=[doc("女性号码", members__0__basic__id_number="610102198005120027")],
                    passes=[doc("男性号码", members__0__basic__id_number="610102198005120019")]),
        system_rule("MEM911", "member-id-unique", "公民身份号码重复", M, ("basic.id_number",), _id_duplicate,
                    item=16, group="basic",
                    what="两个党员记录的公民身份号码不相同（第二条及以后的记录各计一处）。", why="一人一条记录。",
                    source=f"{MEMBER}#duplicates",
                    fails=[doc("重复", members__0__basic__id_number="610102198005120019",
                               members__1__basic__id_number="610102198005120019"),
                           doc("写法不同的同一号码", members__0__basic__id_number="610102198005120019",
                               members__1__basic__id_number="610102 198005120019")],
                    passes=[doc("不重复", members__0__basic__id_number="610102198005120019")]),
        system_rule("MEM912", "member-id-key", "人员编号未填写或重复", M, ("id",), _record_key(M, "党员", "MEM912-keys"), item=16,
                    what="每个党员记录有人员编号，且不重复。", why="人员编号是党员记录的唯一标识。", source=f"{GENERAL}#record-key",
                    fails=[doc("编号重复", members__1__id="M0001"), doc("编号未填写", members__1__id="")],
                    passes=[doc("编号唯一")]),
        system_rule("MEM913", "member-id-address-code", "公民身份号码地址码不存在", M, ("basic.id_number",),
                    _id_address(M), item=16, group="basic",
                    what="公民身份号码的前六位地址码是检查日期以前曾经存在过的 GB/T 2260 行政区划代码（已撤销的也有效）。",
                    why="GB 11643：地址码是发号时常住户口所在县的行政区划代码，而不是出生那年的代码；"
                        "从未存在、或检查日期以后才设立的地址码说明号码有误。",
                    source=f"{PERSON}#id-address",
                    fails=[doc("地址码从未存在（校验码正确）", members__0__basic__id_number="999999198005120015"),
                           doc("地址码从未存在（619999）", members__0__basic__id_number="61999919800512001X"),
                           doc("地址码2016年才设立（鄠邑区），2011年检查",
                               members__0__basic__id_number="61011819800512001X")],
                    passes=[doc("户县的地址码（1983年设立，持证人出生于1980年）",
                                members__0__basic__id_number="610125198005120013"),
                            doc("户县的地址码（1983年设立）发给1970年出生的人", members__0__basic__id_number="610125197005120019",
                                members__0__basic__born_on="1970-05-12")]),
        system_rule("APP901", "applicant-branch-exists", "所在党支部不存在", A, ("development.branch",),
                    _branch_exists("development", "所在党支部"), item=20, group="development",
                    what="申请入党人的所在党支部代码是库中一个党组织的代码。", why="申请入党人由党支部培养。", source=f"{APPLICANT}#development",
                    fails=[doc("党支部不存在", applicants__0__development__branch="009")], passes=[doc("存在")]),
        system_rule("APP902", "applicant-branch-is-branch", "所在党组织不是党支部", A, ("development.branch",),
                    _branch_is_branch("development", "所在党支部"), item=20, group="development",
                    what="申请入党人的所在党支部是党支部类组织。", why="申请入党人由党支部培养。", source=f"{APPLICANT}#development; {ORGANIZATION}#tree",
                    fails=[doc("挂在党委", applicants__0__development__branch="001")], passes=[doc("党支部")]),
        system_rule("APP903", "applicant-applied-adult", "申请时未满十八岁", A,
                    ("development.applied_on", "basic.born_on"), _applied_age, item=20, group="development",
                    what="申请入党日期时已年满十八岁。", why="党章规定年满十八岁才能申请入党。", source=f"{PERSON}#age",
                    fails=[doc("十七岁申请", applicants__0__development__applied_on="2007-10-15")],
                    passes=[doc("成年申请")]),
        system_rule("APP904", "applicant-not-member", "申请入党人已是党员", A, ("basic.id_number", "basic.name"),
                    _already_member, item=20, group="basic",
                    what="申请入党人与任何党员不是同一人（公民身份号码相同，或姓名和出生日期都相同）。",
                    why="已入党的人应只在党员信息库中。", source=f"{APPLICANT}#development",
                    fails=[doc("与党员同名同生日", applicants__0__basic__name="王建国", applicants__0__basic__born_on="1980-05-12",
                               applicants__0__basic__gender="1")],
                    passes=[doc("不是党员")]),
        system_rule("APP905", "applicant-not-moved", "已批准未转入党员库", A,
                    ("development.branch_meeting_on", "development.approved_on"), _not_moved, item=20,
                    group="development",
                    what="支部大会通过日期和上级批准日期都已填写的，不再是申请入党人。", why="被批准的预备党员应转入党员信息库。",
                    source=f"{APPLICANT}#development",
                    fails=[doc("已批准", applicants__0__development__approved_on="2011-06-10")],
                    passes=[doc("尚未批准")]),
        system_rule("APP906", "applicant-mentors-full-members", "培养人不是正式党员", A, ("development.mentors",),
                    _mentors(mentors="APP906-mentors", people="APP906-people", same_branch=False), item=20, group="development",
                    what="每名培养人是信息库中的一名正式党员（已转正），可以是其他党支部的党员。",
                    why="细则：党组织指定一至两名正式党员作为培养联系人，并不要求是本支部党员（如教师党员培养学生）。",
                    source=f"{APPLICANT}#mentors",
                    fails=[doc("培养人不是党员", applicants__0__development__mentors=["王建国", "刘洋"])],
                    passes=[doc("两名本支部正式党员")]),
        system_rule("APP907", "applicant-id-key", "人员编号未填写或重复", A, ("id",), _record_key(A, "申请入党人", "APP907-keys"),
                    item=20,
                    what="每个申请入党人记录有人员编号，且不重复。", why="人员编号是记录的唯一标识。", source=f"{GENERAL}#record-key",
                    fails=[doc("编号未填写", applicants__0__id="")], passes=[doc("有编号")]),
        system_rule("APP908", "applicant-id-address-code", "公民身份号码地址码不存在", A, ("basic.id_number",),
                    _id_address(A), item=20, group="basic",
                    what="申请入党人的公民身份号码的前六位地址码是检查日期以前曾经存在过的 GB/T 2260 行政区划代码。",
                    why="GB 11643：地址码是发号时常住户口所在县的行政区划代码；从未存在的地址码说明号码有误。",
                    source=f"{PERSON}#id-address",
                    fails=[doc("地址码从未存在", applicants__0__basic__id_number="999999198005120015",
                               applicants__0__basic__born_on="1980-05-12", applicants__0__basic__gender="1")],
                    passes=[doc("已撤销的地址码（户县 610125，2016年撤销），2011年检查",
                                applicants__0__basic__id_number="610125198005120013",
                                applicants__0__basic__born_on="1980-05-12", applicants__0__basic__gender="1")]),
        system_rule("APP909", "applicant-mentors-same-branch", "培养人不是本支部党员", A, ("development.mentors",),
                    _mentors(mentors="APP909-mentors", people="APP909-people", same_branch=True), item=20, group="development", status=RuleStatus.PREVIEW,
                    what="培养人是申请入党人所在党支部的正式党员（只作提示：其他党支部的正式党员担任培养人并不违反规定）。",
                    why="多数培养联系人是本支部党员；跨支部培养可能是录错了党支部，值得核对。",
                    source=f"{APPLICANT}#mentors",
                    fails=[doc("培养人是其他党支部的正式党员（APP906 不报告）",
                               applicants__0__development__branch="001001002", organizations__3=_SECOND_BRANCH)],
                    passes=[doc("两名本支部正式党员")]),
    ]
