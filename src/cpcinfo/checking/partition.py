"""A check split into independent parts and joined again: partial checks, :func:`merge`, and finish.

A nation does not fit one process. Its records are split into parts — a subtree of the organization tree
with its members and applicants is the natural part, since most of what the rules compare lies in one
subtree — and each part is checked on its own, given the whole tree. A part's result (:class:`Partial`)
holds its findings and the *state that crosses parts*: what the rules that compare records keep — the
identity numbers and keys seen with their records (MEM911, MEM912, APP907), the applicants' numbers and
names the members are matched against (APP904), where the members of a leader's or mentor's name sit
(ORG701, APP906) — each with the position of its record in the whole, so that the ``#n`` of a record
without a key and the "first" of a repeat are those of the whole. :func:`merge` joins partials in any
grouping (it is associative; the order of its arguments does not matter either), and
:meth:`PartitionedCheck.finish` makes the findings of the cross-record rules and the :class:`CheckResult`,
which equals :func:`~cpcinfo.checking.check` of the whole database exactly, however the records were split.

A part is checked in two steps, because the rules that relate members to applicants read an index of
*all* the applicants while the members stream past (applicants are few, members many)::

    whole = PartitionedCheck(organizations, as_of=as_of)
    firsts = [whole.applicant_part(p.applicants, positions=p.applicant_positions,
                                   organizations=p.organizations) for p in parts]
    applicants = merge(*firsts)
    seconds = [whole.member_part(p.members, positions=p.member_positions, given=applicants) for p in parts]
    result = whole.finish(merge(applicants, *seconds))

Every record is named by its position in its entity's list of the whole (counted from 1): give each part's
records their positions (a first number, or one each, in any order). How each rule's state merges is declared
beside the rules (each module's ``SCRATCH_CROSSING``, gathered by
:func:`cpcinfo.checking.registry.scratch_crossing`); a state this module does not know how to
merge is an error, never dropped.
"""

from __future__ import annotations

import bisect
import datetime
import heapq
import operator
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from cpcinfo.applicant import Applicant
from cpcinfo.checking.engine import CheckSetup
from cpcinfo.checking.registry import scratch_crossing
from cpcinfo.checking.result import CheckResult
from cpcinfo.checking.waivers import Waiver
from cpcinfo.codes import CodeTables
from cpcinfo.engine.context import SystemContext
from cpcinfo.engine.repeats import Noted
from cpcinfo.entity import Entity
from cpcinfo.errors import InvalidArgumentError
from cpcinfo.findings import Finding
from cpcinfo.infobase import Counts, InfoBase
from cpcinfo.member import Member
from cpcinfo.org import Organization
from cpcinfo.org.roster import Roster
from cpcinfo.org.tree import CategoryKind, OrgTree
from cpcinfo.rules.model import Rule
from cpcinfo.rules.options import CheckOptions
from cpcinfo.rules.ruleset import RuleSet

Positions = Iterable[int] | int
"""The positions of a part's records in the whole (counted from 1): one each (in any order), or the first."""

_PHASE = {Entity.ORGANIZATION: 1, Entity.APPLICANT: 2, Entity.MEMBER: 3}
"""The order of the single pass: the tree's findings (0), then organizations, applicants, members, finish (4)."""
_BY_POSITION = operator.itemgetter(0)


@attrs.frozen(kw_only=True)
class Partial:
    """What the partial checks of some parts found, and the state of theirs that crosses parts.

    ``found`` holds ``(phase, position, finding)`` — which pass found it and the position of its record —
    in the order found; ``state`` maps each rule's state (by its scratch name) to its mergeable form;
    the counts say how many records of each entity were checked.
    """

    found: tuple[tuple[int, int, Finding], ...] = ()
    state: Mapping[str, Any] = attrs.field(factory=dict)
    organizations: int = 0
    applicants: int = 0
    members: int = 0


def merge(*partials: Partial) -> Partial:
    """The partials of several parts as one: findings and counts add up, each rule's state is joined."""
    if not partials:
        return Partial()
    values: dict[str, list[Any]] = {}
    for partial in partials:
        for name, value in partial.state.items():
            values.setdefault(name, []).append(value)
    # Each state joined once from all its parts (a k-way merge), not part by part: linear, not quadratic.
    state = {name: _join(name, joined) if len(joined) > 1 else joined[0] for name, joined in values.items()}
    return Partial(found=tuple(item for partial in partials for item in partial.found), state=state,
                   organizations=sum(p.organizations for p in partials),
                   applicants=sum(p.applicants for p in partials), members=sum(p.members for p in partials))


class PartitionedCheck:
    """One check run in parts: the settings of :func:`~cpcinfo.checking.check` and the whole tree, prepared
    once (in each process that checks parts), then :meth:`applicant_part`, :meth:`member_part`, :meth:`finish`."""

    def __init__(self, organizations: Iterable[Organization], *, as_of: datetime.date,
                 tables: CodeTables | None = None, ruleset: RuleSet | None = None,
                 select: Iterable[str] | None = None, ignore: Iterable[str] | None = None,
                 waivers: Sequence[Waiver] = (), roster: Roster | None = None,
                 rules: Iterable[Rule] | None = None, options: CheckOptions | None = None) -> None:
        chosen = CheckOptions.of(options, tables=tables, ruleset=ruleset, select=select, ignore=ignore, rules=rules)
        self.setup = CheckSetup(organizations, as_of=as_of, options=chosen, waivers=waivers, roster=roster)
        # What the rules work out from the tree alone, once for every part this process checks (each part
        # would otherwise walk the whole tree again: the leaders' names, the placed branches ...).
        self._settled: dict[str, Any] = {}

    @property
    def tree(self) -> OrgTree:
        return self.setup.tree

    def applicant_part(self, applicants: Iterable[Applicant], *, positions: Positions = 1,
                       organizations: Iterable[int] = ()) -> Partial:
        """The first step of one part: its organizations (their positions in the whole list of
        organizations, which every part is given) and its applicants."""
        ctx = self._context({})
        found = _Positioned(ctx)
        chosen = tuple(organizations)
        records = [self.setup.organizations[p - 1] for p in chosen]
        found.phase = _PHASE[Entity.ORGANIZATION]
        self.setup.record_pass(Entity.ORGANIZATION, ctx, found, records, chosen)
        found.phase = _PHASE[Entity.APPLICANT]
        count = self.setup.record_pass(Entity.APPLICANT, ctx, found, applicants, positions)
        return Partial(found=tuple(found), state=_exported(ctx.scratch, ()), organizations=len(chosen),
                       applicants=count)

    def member_part(self, members: Iterable[Member], *, positions: Positions = 1,
                    given: Partial) -> Partial:
        """The second step of one part: its members, matched against ``given`` — the merged first steps of
        every part (the applicants' state; its own findings are not repeated here)."""
        ctx = self._context(_scratch(given.state))
        found = _Positioned(ctx)
        found.phase = _PHASE[Entity.MEMBER]
        count = self.setup.record_pass(Entity.MEMBER, ctx, found, members, positions)
        return Partial(found=tuple(found), state=_exported(ctx.scratch, given.state.keys()), members=count)

    def finish(self, merged: Partial) -> CheckResult:
        """The result of the whole: the tree's findings, the parts' findings in the order of a single pass,
        the findings of the cross-record rules over the merged state; sorted, with the waivers applied."""
        setup = self.setup
        if merged.organizations != len(setup.organizations):
            raise InvalidArgumentError(f"the parts checked {merged.organizations} organizations of "
                             f"{len(setup.organizations)}: each must be in exactly one part")
        ctx = self._context(_scratch(merged.state))
        ctx.note_positions = False
        found: list[Finding] = []
        setup.tree_findings(ctx, found)
        # A record's findings are in one part, in order; records are ordered by pass and position.
        found.extend(finding for _, _, finding in sorted(merged.found, key=lambda item: item[:2]))
        setup.finish_findings(ctx, found)
        return setup.result(found, Counts(merged.organizations, merged.members, merged.applicants))

    def _context(self, scratch: dict[str, Any]) -> SystemContext:
        ctx = self.setup.context(self._settled)
        ctx.note_positions = True
        ctx.scratch = scratch
        return ctx


@attrs.frozen(kw_only=True)
class Part:
    """The records of one part of a database: its organizations by position (from 1), its applicants and
    members with theirs."""

    organizations: tuple[int, ...] = ()
    applicants: tuple[Applicant, ...] = ()
    applicant_positions: tuple[int, ...] = ()
    members: tuple[Member, ...] = ()
    member_positions: tuple[int, ...] = ()


def base_committees(tree: OrgTree) -> tuple[str, ...]:
    """The base-level committees (基层党委): committees with no committee under them, in tree order."""
    committees = tree.codes_of_kind(CategoryKind.COMMITTEE)
    above = {ancestor for code in committees for ancestor in tree.path_to_root(code)[1:]}
    return tuple(code for code in tree if code in committees and code not in above)


def split(infobase: InfoBase, roots: Iterable[str], *, tree: OrgTree | None = None) -> list[Part]:
    """The database in parts: one per root (its subtree, less the subtrees of the other roots under it),
    and first a part of the rest — the organizations under no root, those outside the tree, and the
    members and applicants whose branch is in no root's subtree. Each record is in exactly one part."""
    tree = tree if tree is not None else OrgTree.build(infobase.organizations)
    roots = [root for root in dict.fromkeys(roots) if root in tree]
    part_of: dict[str, int] = {}
    for number, root in sorted(enumerate(roots, 1), key=lambda item: tree.depth(item[1])):
        for code in tree.subtree_codes(root):  # deeper roots come later and take their own subtrees
            part_of[code] = number
    orgs: list[list[int]] = [[] for _ in range(len(roots) + 1)]
    placed = {id(tree.node(code).record): code for code in tree}
    for position, organization in enumerate(infobase.organizations, 1):
        node = placed.get(id(organization))
        orgs[part_of.get(node, 0) if node is not None else 0].append(position)

    def people(records: Sequence[Any], group: str) -> list[tuple[list[Any], list[int]]]:
        chosen: list[tuple[list[Any], list[int]]] = [([], []) for _ in range(len(roots) + 1)]
        for position, record in enumerate(records, 1):
            holder = getattr(record, group)
            branch = holder.branch if holder is not None else None
            records_here, positions_here = chosen[part_of.get(branch, 0) if isinstance(branch, str) else 0]
            records_here.append(record)
            positions_here.append(position)
        return chosen

    applicants, members = people(infobase.applicants, "development"), people(infobase.members, "relation")
    return [Part(organizations=tuple(orgs[i]), applicants=tuple(applicants[i][0]),
                 applicant_positions=tuple(applicants[i][1]), members=tuple(members[i][0]),
                 member_positions=tuple(members[i][1])) for i in range(len(roots) + 1)]


def check_in_parts(infobase: InfoBase, parts: Sequence[Part], *, as_of: datetime.date,
                   **settings: Any) -> CheckResult:
    """The check of a database in these parts, one after another in this process (what a pool or a
    cluster does in parallel; the result is :func:`~cpcinfo.checking.check`'s). ``settings`` are those of
    :class:`PartitionedCheck` (``options``, or its shorthand, ``waivers``, ``roster``)."""
    whole = PartitionedCheck(infobase.organizations, as_of=as_of, **settings)
    applicants = merge(*(whole.applicant_part(p.applicants, positions=p.applicant_positions,
                                              organizations=p.organizations) for p in parts))
    members = [whole.member_part(p.members, positions=p.member_positions, given=applicants) for p in parts]
    return whole.finish(merge(applicants, *members))


class _Positioned(list[Any]):
    """The findings of one part, each with the pass and the position of the record it is about."""

    def __init__(self, ctx: SystemContext) -> None:
        super().__init__()
        self.ctx, self.phase = ctx, 0

    def append(self, finding: Finding) -> None:
        super().append((self.phase, self.ctx.record_position, finding))

    def extend(self, findings: Iterable[Finding]) -> None:
        for finding in findings:
            self.append(finding)


# -- the state that crosses parts, by the kinds of SCRATCH_CROSSING ---------------------------------------


def _kind(name: str) -> str:
    kind = scratch_crossing().get(name)
    if kind is None:
        raise ValueError(f"no rule says how its state {name!r} crosses the parts of a check (SCRATCH_CROSSING)")
    return kind


def _exported(scratch: Mapping[str, Any], given: Iterable[str]) -> dict[str, Any]:
    """A part's scratch (less what it was given) in the mergeable forms."""
    given = frozenset(given)
    state: dict[str, Any] = {}
    for name, value in scratch.items():
        if name in given:
            continue
        kind = _kind(name)
        if kind == "noted":
            assert value.positions is not None, f"{name} was noted without positions"
            state[name] = sorted(zip(value.positions, value, strict=True), key=_BY_POSITION)
        elif kind == "written":
            positions = scratch[name.removesuffix("-written")].positions
            state[name] = {positions[index]: written for index, written in value.items()}
        elif kind == "index":
            state[name] = {key: tuple(sorted(here, key=_BY_POSITION)) for key, here in value.items()}
        elif kind == "ordered":
            state[name] = sorted(value, key=_BY_POSITION)
        elif kind in ("first", "people"):
            state[name] = value
    return state


def _join(name: str, values: list[Any]) -> Any:
    kind = _kind(name)
    if kind in ("noted", "ordered"):
        return list(heapq.merge(*values, key=_BY_POSITION))
    if kind == "written":
        return {key: value for one in values for key, value in one.items()}
    if kind == "index":
        gathered: dict[Any, list[Any]] = {}
        for one in values:
            for key, here in one.items():
                gathered.setdefault(key, []).extend(here)
        return {key: tuple(sorted(here, key=_BY_POSITION)) for key, here in gathered.items()}
    if kind == "first":
        joined: dict[Any, Any] = {}
        for one in values:
            for key, value in one.items():
                if key not in joined or value[0] < joined[key][0]:
                    joined[key] = value
        return joined
    if kind == "people":
        return values[0].merged(*values[1:])
    raise AssertionError(kind)


def _scratch(state: Mapping[str, Any]) -> dict[str, Any]:
    """The merged state in the forms the rules keep it in (what a single pass would have kept)."""
    scratch: dict[str, Any] = {}
    for name, value in state.items():
        kind = _kind(name)
        if kind == "noted":
            scratch[name] = Noted(value for _, value in value)
        elif kind == "written":
            positions = [position for position, _ in state.get(name.removesuffix("-written"), ())]
            scratch[name] = {bisect.bisect_left(positions, position): written for position, written in value.items()}
        elif kind == "index":
            scratch[name] = dict(value)
        elif kind == "ordered":
            scratch[name] = list(value)
        else:
            scratch[name] = value
    return scratch


__all__ = ["Part", "Partial", "PartitionedCheck", "Positions", "base_committees", "check_in_parts", "merge",
           "split"]
