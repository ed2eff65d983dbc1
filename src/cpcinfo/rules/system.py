"""The toolkit of system rules (系统查找): how a system rule is declared, and what several share.

System rules need more than one group, more than one record, or the tree. They run over the whole database
and count under items 5 and 6 (the tree and the roster), 7 (organizations), 16 (members) and 20 (applicants);
each entity's own are in its package (:mod:`cpcinfo.org.system_rules`, :mod:`cpcinfo.member.system_rules`,
:mod:`cpcinfo.applicant.system_rules`). Each rule is prepared into a :class:`~cpcinfo.rules.model.SystemCheck`
whose hooks the check engine calls record by record; rules across records keep what they need in the
context's ``scratch``, under a name beginning with their code (``MEM911-keys``), each documented where it is
made; each module of system rules says in its ``SCRATCH_CROSSING`` how what its rules keep crosses the parts of
a partitioned check. What is worked out from the tree alone (``placing``, ``leader-names``) is kept by
:meth:`~cpcinfo.engine.context.SystemContext.once`, once for all the parts.

Here: :func:`system_rule`; the rules members and applicants share, made for either from one definition (the
branch exists and is a branch, the record key, the identity number's address code); the names rules look
for among the members (:func:`leader_names`, :func:`mentor_names`); and :class:`People`, with
:func:`is_placed`, :func:`positions_of` and :func:`any_within`: where in the tree the members of the names a
rule asks about are. (The fast-path tests that stand before the hooks are the engine's:
:mod:`cpcinfo.engine.fast_paths`.)
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import attrs

from cpcinfo.codes import clean
from cpcinfo.engine.context import SystemContext
from cpcinfo.engine.repeats import noted, repeats
from cpcinfo.entity import Entity
from cpcinfo.findings import DefectKind
from cpcinfo.org.tree import CategoryKind, OrgTree
from cpcinfo.rules.builders import OK, explanation
from cpcinfo.rules.checks import comparable_name
from cpcinfo.rules.model import Defect, Example, Prepared, Rule, RuleScope, RuleStatus, SystemCheck, Target

WRONG = DefectKind.WRONG

SCRATCH_CROSSING: Mapping[str, str] = {}
"""How what each rule keeps in the scratch crosses the parts of a partitioned check
(:mod:`cpcinfo.checking.partition`), by name: ``noted`` — a :class:`~cpcinfo.engine.repeats.Noted`, merged
in the order of the records; ``written`` — ``{index in the Noted of the name without -written: value}``;
``index`` — a dict of tuples whose first item is a record's position, joined key by key in order;
``first`` — a dict of ``(position, value)``, the least position kept; ``ordered`` — a list of tuples whose
first item is the position; ``people`` — a :class:`People`, joined by :meth:`People.merged`. (What is worked out from the tree alone
is not in the scratch: :meth:`~cpcinfo.engine.context.SystemContext.once`.) Each module of system rules has a table of this name for the names
its rules keep (the check gathers them: :func:`cpcinfo.checking.registry.scratch_crossing`); this one is
the toolkit's. A rule that keeps something new says in its module's table how it crosses."""



def system_rule(code: str, name: str, title: str, entity: Entity, fields: Sequence[str],
                build: Callable[[Prepared], SystemCheck], *, item: int, what: str, why: str, source: str,
                fails: Sequence[Example], passes: Sequence[Example],
                status: RuleStatus = RuleStatus.STABLE, group: str | None = None) -> Rule:
    return Rule(code=code, name=name, title=title, entity=entity, group=group, fields=tuple(fields),
                scope=RuleScope.SYSTEM, target=Target.DATABASE, item=item, status=status,
                explanation=explanation(what, why, source, fails, passes), build=build)


# ---------------------------------------------------------------------------------------------- members and applicants


def recorded_branch(record: Any, group: str) -> Any:
    holder = getattr(record, group)
    return holder.branch if holder is not None else None


def branch_exists(group: str, label: str) -> Callable[[Prepared], SystemCheck]:
    def build(prepared: Prepared) -> SystemCheck:
        def check(record: Any, ctx: SystemContext) -> Sequence[Defect]:
            branch = ctx.facts.branch
            if branch is None or branch in ctx.tree or not CODE_FORM.fullmatch(clean(branch)):
                return OK  # a value that is no organization code at all is the field rule's finding
            return (Defect(f"{group}.branch", recorded_branch(record, group), WRONG,
                           f"{label}「{branch}」在党组织中不存在"),)

        return branch_check(group, check)

    return build


def branch_is_branch(group: str, label: str) -> Callable[[Prepared], SystemCheck]:
    def build(prepared: Prepared) -> SystemCheck:
        def check(record: Any, ctx: SystemContext) -> Sequence[Defect]:
            branch = ctx.facts.branch
            if branch is None or branch not in ctx.tree or ctx.tree.is_branch(branch):
                return OK
            kind = ctx.tree.kind(branch)
            if kind is CategoryKind.UNKNOWN:
                return OK  # the organization's own category is reported by its field rule
            return (Defect(f"{group}.branch", recorded_branch(record, group), WRONG,
                           f"{label}「{branch}」是{kind.label}，不是党支部"),)

        return branch_check(group, check)

    return build


CODE_FORM = re.compile(r"[0-9A-Z]+")


def branch_codes(ctx: SystemContext) -> frozenset[str]:
    """The codes of the tree's branch-type organizations (where members and applicants belong)."""
    return ctx.tree.codes_of_kind(CategoryKind.BRANCH)


def branch_check(group: str, check: Callable[[Any, SystemContext], Sequence[Defect]]) -> SystemCheck:
    """A branch rule's hook, on members (``relation``) or applicants (``development``)."""
    if group == "relation":
        return SystemCheck(member=check)
    return SystemCheck(applicant=check)


def record_key(entity: Entity, label: str, keys: str) -> Callable[[Prepared], SystemCheck]:
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

        if entity is Entity.MEMBER:
            return SystemCheck(member=check, finish=finish)
        return SystemCheck(applicant=check, finish=finish)

    return build


def id_address(entity: Entity) -> Callable[[Prepared], SystemCheck]:
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

        if entity is Entity.MEMBER:
            return SystemCheck(member=check)
        return SystemCheck(applicant=check)

    return build


# ---------------------------------------------------------------------------------------------- where members are


@attrs.define
class People:
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
        settled = branch is not None and is_placed(ctx, branch)
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

    def merged(self, *others: People) -> People:
        """What all saw (the members of parts of a partitioned check): where a member is, not in which
        order, is what the rules read."""
        if any(other.names != self.names for other in others):
            raise ValueError("the parts of a check ask about different names")
        both = People(self.names, {name: set(b) if isinstance(b, set) else b for name, b in self.seen.items()},
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
            here = settled[name] = {branch for branch in written if branch is not None and is_placed(ctx, branch)}
            if len(here) < len(written):
                self.doubtful.add(name)
        return settled


def leader_names(ctx: SystemContext) -> frozenset[str]:
    """The readable names of the leaders (班子成员) of every organization of the tree, worked out once
    (:meth:`~cpcinfo.engine.context.SystemContext.once`): whom ORG701 looks for among the members."""

    def names() -> frozenset[str]:
        found = set()
        for code in ctx.tree:
            for leader in ctx.tree.node(code).record.leaders or ():
                name = comparable_name(leader.name)
                if name is not None:
                    found.add(name)
        return frozenset(found)

    return ctx.once("leader-names", names)


def mentor_names(mentors: str) -> Callable[[SystemContext], frozenset[str]]:
    """The names of the applicants' mentors (培养人) a rule has collected under the scratch name ``mentors``
    (tuples whose last item is the comparable name): whom APP906 and APP909 look for among the members."""

    def names(ctx: SystemContext) -> frozenset[str]:
        return frozenset(name for *_, name in ctx.scratch.get(mentors, ()))

    return names


def is_placed(ctx: SystemContext, branch: str) -> bool:
    """Whether a member of this branch is placed in the tree: the branch is a branch (or of unknown kind)
    that hangs under the main root, not under an orphan, a cut cycle or an extra root, whose own finding is
    the defect. The organizations that place their members are worked out once per run, in one pass."""
    return branch in ctx.once("placing", lambda: _placing(ctx.tree))


def _placing(tree: OrgTree) -> frozenset[str]:
    settled = tree.subtree_codes(tree.main_root) if tree.main_root is not None else frozenset()
    return frozenset(settled & (tree.codes_of_kind(CategoryKind.BRANCH) | tree.codes_of_kind(CategoryKind.UNKNOWN)))


def positions_of(ctx: SystemContext, branches: Iterable[str]) -> list[int]:
    """The branches' preorder positions, sorted: see :func:`any_within`."""
    return sorted(ctx.tree.span(branch)[0] for branch in branches)


def any_within(positions: list[int], span: tuple[int, int]) -> bool:
    """Whether one of these sorted positions falls within an organization's span, that is, whether one of
    the branches is that organization or under it (one bisection, no path walked)."""
    i = bisect.bisect_left(positions, span[0])
    return i < len(positions) and positions[i] < span[1]
