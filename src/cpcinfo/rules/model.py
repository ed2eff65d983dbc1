"""What a rule is: its identity, its documentation with examples, and how it is prepared and run.

A rule is data plus a small pure function. The function is not called directly: ``Rule.prepare`` binds it
once to the code tables and the rule set of a check (so no table is looked up and no figure is read per
record), and the prepared function is then called with one group (or one record) and the date of the
check. It returns a sequence of :class:`Defect` — empty for a value that passes, which is the common case.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeAlias

import attrs

from cpcinfo.codes import CodeTables
from cpcinfo.entity import Entity
from cpcinfo.findings import DefectKind
from cpcinfo.rules.ruleset import RuleSet


class RuleScope(enum.Enum):
    """Where a rule looks: inside one group of one record, or across groups, records and the tree."""

    FIELD = "field"
    SYSTEM = "system"


class RuleStatus(enum.Enum):
    """Stable rules run by default; preview rules (uncertain source) run only when selected, never scored."""

    STABLE = "stable"
    PREVIEW = "preview"


class Target(enum.Enum):
    """What the prepared check is called with."""

    GROUP = "group"  # one group (or one subrecord of a repeated group)
    RECORD = "record"  # the whole record, for rules over a record's set of subrecords
    DATABASE = "database"  # the whole database (system rules)


@attrs.frozen
class Defect:
    """What a check reports; the runner turns it into a :class:`~cpcinfo.findings.Finding`.

    ``field`` is relative to what the check was called with (a group's attribute name, or a record-level
    path such as ``unit`` or ``leaders[1].title``); ``label`` defaults to the glossary label of that field.
    """

    field: str
    value: Any
    kind: DefectKind
    message: str
    suggestion: Any = None
    label: str | None = None


Check: TypeAlias = Callable[[Any, datetime.date], Sequence[Defect]]
"""A prepared check: (group or record, as_of) -> defects."""


@attrs.frozen(kw_only=True)
class SystemCheck:
    """A prepared system rule: hooks the check engine calls over the whole database.

    The engine calls ``organization`` for each organization, then ``applicant`` for each applicant, then
    ``member`` for each member, then ``finish`` once; each hook may also record in the shared context what
    a later hook needs (the names of the members of a branch, the identity numbers seen), which is how a
    streaming check holds only what the cross-record rules need, not the members. ``organization``,
    ``member`` and ``applicant`` return the defects of that record; ``tree`` and ``finish`` return
    ``(record key, defect)`` pairs of the rule's entity.
    """

    tree: Callable[[Any], Iterable[tuple[str | None, Defect]]] | None = None
    organization: Callable[[Any, Any], Sequence[Defect]] | None = None
    applicant: Callable[[Any, Any], Sequence[Defect]] | None = None
    member: Callable[[Any, Any], Sequence[Defect]] | None = None
    finish: Callable[[Any], Iterable[tuple[str | None, Defect]]] | None = None


@attrs.frozen
class Quiet:
    """A quick test that a record gives a rule's record hook nothing to do, so the hook need not be called.
    The engine keeps the built-in rules' tests in one table by rule code (``cpcinfo.engine.fast_paths``);
    a rule's definition carries none.

    The check engine writes the record hooks of one entity into one function (see
    ``cpcinfo.engine.record_pass``) in which ``test`` is written out in place: a Python expression over
    ``record``, ``facts.<name>`` (a field of the record's :class:`~cpcinfo.engine.facts.Facts`, read from a
    local: ``facts`` itself is no object there), ``locator`` (how findings name
    the record: its key, or ``#n``), ``usable`` (whether that is its own key) and names in braces, which stand
    for the ``constants`` of the same name or for what ``per_run`` computes from the check's context when the
    entity's records begin. A true test must imply that the hook returns no defect and records nothing that
    a later hook or ``finish`` would read (an empty index made on first use does not count) — except what
    ``keep`` says: for each scratch name, an expression whose value the pass appends, when the test is true,
    to the sequence ``ctx.scratch[name]`` (a ``Noted``, see ``cpcinfo.engine.repeats.noted``), exactly as the
    hook would have. A false test only costs the call. A
    property test holds every rule to this (``tests/test_record_pass.py``). A valid record then costs a
    handful of comparisons instead of a dozen calls.

    The sequences are bound when the pass is written: a rule appends to the one under its name and never
    replaces it. ``keep`` is for the rules that must note every record (the keys and identity numbers seen,
    to find repeats at the end): appending in place is cheap, where a lookup in a dict of millions of
    entries, record by record, costs a cache miss each.
    """

    test: str
    constants: Mapping[str, Any] = attrs.field(factory=dict)
    per_run: Mapping[str, Callable[[Any], Any]] = attrs.field(factory=dict)
    keep: Mapping[str, str] = attrs.field(factory=dict)


@attrs.frozen
class Prepared:
    """What a rule is prepared with: the code tables and the rule set of one check."""

    tables: CodeTables
    ruleset: RuleSet


@attrs.frozen(kw_only=True)
class Example:
    """A worked example: a record (or, for system rules, a document) in the English-keyed JSON form."""

    data: Mapping[str, Any]
    as_of: datetime.date = datetime.date(2011, 6, 30)
    note: str = ""
    # The changes that made this example from the module's base record (path, value; ``...`` removes a key),
    # so that the documentation can show just what differs.
    changes: tuple[tuple[str, Any], ...] = ()


@attrs.frozen(kw_only=True)
class Explanation:
    """The same sections for every rule (what, why with source, a failing and a passing example)."""

    what: str
    why: str
    source: str
    fails: tuple[Example, ...]
    passes: tuple[Example, ...]


@attrs.frozen(kw_only=True)
class Rule:
    """One rule of the registry. ``code`` is stable and never reused."""

    code: str
    name: str
    title: str
    entity: Entity
    group: str | None
    fields: tuple[str, ...]
    scope: RuleScope
    target: Target
    item: int
    status: RuleStatus
    explanation: Explanation
    build: Callable[[Prepared], Any] = attrs.field(eq=False, repr=False)
    # For a rule over one field's value: builds the bare value check, which the runner calls directly.
    build_value: Callable[[Prepared], Any] | None = attrs.field(default=None, eq=False, repr=False)

    def prepare(self, prepared: Prepared) -> Any:
        """Bind the rule to the tables and rule set of one check."""
        return self.build(prepared)

    @property
    def is_preview(self) -> bool:
        return self.status is RuleStatus.PREVIEW
