"""The driver of the system rules: the rules over the whole tree, the pass over each entity's records (field
rules, then the system rules' record hooks), and the rules that finish once every record has been read.

A :class:`RuleDriver` runs the rules it is given, over the tree it is given; it knows no registry. The check
(``cpcinfo.checking``) chooses the rules and builds the tree, and one process runs every step
(``check_stream``) or several each run a part of the records (``cpcinfo.checking.partition``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from cpcinfo.codes import CodeTables
from cpcinfo.engine.context import SystemContext
from cpcinfo.engine.facts import APPLICANT_FACTS, MEMBER_FACTS
from cpcinfo.engine.fast_paths import fast_path
from cpcinfo.engine.record_pass import Report, record_pass
from cpcinfo.engine.reporting import add_findings
from cpcinfo.engine.runner import Validator
from cpcinfo.entity import Entity
from cpcinfo.fields import glossary
from cpcinfo.findings import Finding
from cpcinfo.rules.model import Defect, Prepared, Quiet, Rule, RuleScope, SystemCheck
from cpcinfo.rules.ruleset import RuleSet

if TYPE_CHECKING:
    from cpcinfo.org.roster import Roster
    from cpcinfo.org.tree import OrgTree


class RuleDriver:
    """These rules, prepared once for these tables and rule set over this tree, and the steps that run them.
    It holds no state of a run: each run has its own context (:meth:`context`)."""

    def __init__(self, rules: Sequence[Rule], *, tree: OrgTree, as_of: datetime.date, tables: CodeTables,
                 ruleset: RuleSet, roster: Roster | None = None, quiet: bool = True) -> None:
        self.rules = tuple(rules)
        self.tree, self.as_of, self.tables, self.ruleset = tree, as_of, tables, ruleset
        self.roster, self.quiet = roster, quiet
        self.prepared = Prepared(tables=tables, ruleset=ruleset)
        self.system = [(rule, rule.prepare(self.prepared)) for rule in self.rules if rule.scope is RuleScope.SYSTEM]
        self._labels_of = {entity: _labels(entity) for entity in Entity}
        self._validators: dict[Entity, Validator] = {}

    def field_validator(self, entity: Entity) -> Validator:
        """The field validator of these rules for ``entity`` (compiled on first use)."""
        found = self._validators.get(entity)
        if found is None:
            found = self._validators[entity] = Validator(entity, self.rules, self.prepared)
        return found

    def context(self, settled: dict[str, Any] | None = None) -> SystemContext:
        """A new context for one run (or one part of a run; the parts share ``settled``: see
        :meth:`SystemContext.once <cpcinfo.engine.context.SystemContext.once>`)."""
        return SystemContext(as_of=self.as_of, tree=self.tree, tables=self.tables, ruleset=self.ruleset,
                             roster=self.roster, settled={} if settled is None else settled)

    def _hooks(self, name: str) -> list[tuple[Rule, Any]]:
        return [(rule, getattr(sc, name)) for rule, sc in self.system if getattr(sc, name) is not None]

    def reporter(self, found: list[Finding]) -> Report:
        """The function that adds a rule's defects to ``found`` as findings of the record named ``key``."""
        labels_of = self._labels_of

        def report(rule: Rule, key: str | None, defects: Iterable[Defect]) -> None:
            add_findings(found, rule, key, defects, labels_of[rule.entity])

        return report

    def tree_findings(self, ctx: SystemContext, found: list[Finding]) -> None:
        """The findings of the rules over the whole tree (and the roster)."""
        report = self.reporter(found)
        for rule, tree_hook in self._hooks("tree"):
            for key, defect in tree_hook(ctx):
                report(rule, key, (defect,))

    def record_pass(self, entity: Entity, ctx: SystemContext, found: list[Finding], records: Iterable[Any],
                    positions: Iterable[int] | int | None = None) -> int:
        """Field rules and the system rules' record hooks over these records of one entity; how many were read.
        ``positions`` numbers the records (for ``#n``): from 1 unless given (a first number, or one each)."""
        validate = self.field_validator(entity).run
        run = record_pass(record_hooks(self.system, entity), ctx, FACTS.get(entity), self.reporter(found),
                          validate=validate, found=found, quiet=self.quiet,
                          key_attribute=key_attribute(entity, self.quiet))
        return run(records, positions)

    def finish_findings(self, ctx: SystemContext, found: list[Finding]) -> None:
        """The findings the cross-record rules make once every record has been read."""
        report = self.reporter(found)
        for rule, finish in self._hooks("finish"):
            for key, defect in finish(ctx):
                report(rule, key, (defect,))


PASS_ORDER = (Entity.ORGANIZATION, Entity.APPLICANT, Entity.MEMBER)
"""The order in which a check reads the records (applicants before members: see ``cpcinfo.checking``)."""

FACTS = {Entity.APPLICANT: APPLICANT_FACTS, Entity.MEMBER: MEMBER_FACTS}
"""The facts worked out of each record of an entity for its system rules' hooks (none for organizations)."""


def record_hooks(system: Iterable[tuple[Rule, SystemCheck]], entity: Entity) -> list[tuple[Rule, Any, Quiet | None]]:
    """The record hooks of these prepared system rules for ``entity``, in order, each with its quiet test from
    the engine's table (:data:`~cpcinfo.engine.fast_paths.FAST_PATHS`; ``None``: called on every record). The
    one place a rule meets its fast path."""
    name = entity.value
    return [(rule, hook, fast_path(rule.code, entity)) for rule, sc in system
            if (hook := getattr(sc, name)) is not None]


def key_attribute(entity: Entity, quiet: bool) -> str | None:
    """The attribute that holds the key of a member or an applicant as text (read without the property)."""
    return "id" if quiet and entity is not Entity.ORGANIZATION else None


def _labels(entity: Entity) -> dict[str, str]:
    gloss = glossary()
    labels = {f.path: f.label for f in gloss.of(entity)}
    labels.update({g.name: g.label for g in gloss.groups(entity)})
    return labels


__all__ = ["FACTS", "PASS_ORDER", "RuleDriver", "key_attribute", "record_hooks"]
