"""The whole-database check: every field rule on every record, and every system and tree rule.

:func:`check_stream` is the engine: it takes the organizations whole (the tree needs them all) and the
members and applicants as iterables, and holds in memory only the tree and what the cross-record rules
collect — never the members. :func:`check` runs it over an :class:`~cpcinfo.infobase.InfoBase`; both give the
same result for the same data. Applicants are read before members, because the rules that relate the two
(an applicant who is already a member, a mentor who must be a full member) index the applicants, which are
few, and let the members stream past.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from cpcinfo.applicant._types import Applicant
from cpcinfo.checking.record_pass import Report, record_pass
from cpcinfo.checking.result import CheckResult
from cpcinfo.checking.waivers import Waiver, apply_waivers
from cpcinfo.codes import CodeTables
from cpcinfo.entity import Entity
from cpcinfo.fields import glossary
from cpcinfo.findings import Finding
from cpcinfo.infobase import Counts, InfoBase
from cpcinfo.member._types import Member
from cpcinfo.org._types import Organization
from cpcinfo.org.roster import Roster
from cpcinfo.org.tree import OrgTree
from cpcinfo.rules.context import SystemContext
from cpcinfo.rules.facts import APPLICANT_FACTS, MEMBER_FACTS
from cpcinfo.rules.model import Defect, Quiet, Rule, RuleScope, SystemCheck
from cpcinfo.rules.options import DEFAULT_OPTIONS, CheckOptions
from cpcinfo.rules.registry import registry
from cpcinfo.rules.ruleset import RuleSet
from cpcinfo.rules.runner import Validator, validator_for


def check(
    infobase: InfoBase,
    *,
    as_of: datetime.date,
    tables: CodeTables | None = None,
    ruleset: RuleSet | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    waivers: Sequence[Waiver] = (),
    roster: Roster | None = None,
    rules: Iterable[Rule] | None = None,
    options: CheckOptions | None = None,
) -> CheckResult:
    """Check a whole database: field rules on every record, system rules over all of it, waivers applied.

    What runs is ``options`` (a :class:`~cpcinfo.rules.CheckOptions`), or its shorthand, the keyword
    arguments ``tables``, ``ruleset``, ``select``, ``ignore`` and ``rules`` — users' own rules
    (:func:`~cpcinfo.rules.field_rule`, :func:`~cpcinfo.rules.system_rule`), run beside the built-in ones,
    ``select``/``ignore`` choosing among both.
    """
    return check_stream(infobase.organizations, infobase.members, infobase.applicants, as_of=as_of,
                        tables=tables, ruleset=ruleset, select=select, ignore=ignore, waivers=waivers,
                        roster=roster, rules=rules, options=options)


def check_stream(
    organizations: Sequence[Organization],
    members: Iterable[Member],
    applicants: Iterable[Applicant],
    *,
    as_of: datetime.date,
    tables: CodeTables | None = None,
    ruleset: RuleSet | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    waivers: Sequence[Waiver] = (),
    roster: Roster | None = None,
    rules: Iterable[Rule] | None = None,
    options: CheckOptions | None = None,
    _quiet: bool = True,
) -> CheckResult:
    """The streaming form of :func:`check`: members and applicants are read once, one at a time.

    (``_quiet=False`` calls every system rule's hook on every record, skipping none: the tests' oracle.)
    """
    chosen = CheckOptions.of(options, tables=tables, ruleset=ruleset, select=select, ignore=ignore, rules=rules)
    setup = CheckSetup(organizations, as_of=as_of, options=chosen, waivers=waivers, roster=roster, quiet=_quiet)
    ctx = setup.context()
    found: list[Finding] = []
    setup.tree_findings(ctx, found)
    setup.record_pass(Entity.ORGANIZATION, ctx, found, setup.organizations)
    applicant_count = setup.record_pass(Entity.APPLICANT, ctx, found, applicants)
    member_count = setup.record_pass(Entity.MEMBER, ctx, found, members)
    setup.finish_findings(ctx, found)
    return setup.result(found, Counts(len(setup.organizations), member_count, applicant_count))


class CheckSetup:
    """What one check is prepared with — the settings, the rules, the whole tree — and its steps, so that
    one process can run them all (:func:`check_stream`) or several can each run a part of the records
    (:mod:`cpcinfo.checking.partition`). It holds no state of a run: each run has its own context."""

    def __init__(self, organizations: Iterable[Organization], *, as_of: datetime.date,
                 options: CheckOptions = DEFAULT_OPTIONS, waivers: Sequence[Waiver] = (),
                 roster: Roster | None = None, quiet: bool = True) -> None:
        if type(as_of) is not datetime.date:
            raise TypeError(f"as_of must be a datetime.date, not {type(as_of).__name__}")
        self.as_of, self.roster, self.quiet, self.options = as_of, roster, quiet, options
        self.tables, self.ruleset = options.code_tables, options.rule_set
        self.known = options.registry(registry())  # the built-in rules and the user's
        self.rules = self.known.select(options.select, options.ignore)
        prepared = options.prepared()
        self.waivers = tuple(waivers)
        for waiver in self.waivers:
            if waiver.rule not in self.known:
                from cpcinfo.checking.waivers import WaiverError

                raise WaiverError(f"豁免指明的规则「{waiver.rule}」不存在")
        self.organizations = tuple(organizations)
        self.tree = OrgTree.build(self.organizations, tables=self.tables)
        self.system = [(rule, rule.prepare(prepared)) for rule in self.rules if rule.scope is RuleScope.SYSTEM]
        self._labels_of = {entity: _labels(entity) for entity in Entity}
        self._validators: dict[Entity, Validator] = {}

    def context(self) -> SystemContext:
        """A new context for one run (or one part of a run)."""
        return SystemContext(as_of=self.as_of, tree=self.tree, tables=self.tables, ruleset=self.ruleset,
                             roster=self.roster)

    def _hooks(self, name: str) -> list[tuple[Rule, Any]]:
        return [(rule, getattr(sc, name)) for rule, sc in self.system if getattr(sc, name) is not None]

    def _record_hooks(self, name: str) -> list[tuple[Rule, Any, Quiet | None]]:
        return [(rule, hook, getattr(sc, f"{name}_quiet", None)) for rule, sc in self.system
                if (hook := getattr(sc, name)) is not None]

    def reporter(self, found: list[Finding]) -> Report:
        """The function that turns a rule's defects into findings of the record named ``key``."""
        labels_of = self._labels_of

        def report(rule: Rule, key: str | None, defects: Iterable[Defect]) -> None:
            labels = labels_of[rule.entity]
            for d in defects:
                label = d.label or labels.get(d.field) or labels.get(d.field.split("[")[0]) or d.field
                found.append(Finding(rule=rule.code, entity=rule.entity, key=key, field=d.field, label=label,
                                     value=d.value, kind=d.kind, item=rule.item, message=d.message,
                                     suggestion=d.suggestion))

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
        validate = self._validator(entity).run
        facts = {Entity.APPLICANT: APPLICANT_FACTS, Entity.MEMBER: MEMBER_FACTS}.get(entity)
        run = record_pass(self._record_hooks(entity.value), ctx, facts, self.reporter(found), validate=validate,
                          found=found, quiet=self.quiet,
                          key_attribute="id" if self.quiet and entity is not Entity.ORGANIZATION else None)
        return run(records, positions)

    def _validator(self, entity: Entity) -> Validator:
        # Without user rules the memoised validator of these settings (shared by every check that has them);
        # with them, one prepared for this check.
        if not self.options.rules:
            return validator_for(entity, self.options)
        made = self._validators.get(entity)
        if made is None:
            made = self._validators[entity] = Validator(entity, self.rules, self.options.prepared())
        return made

    def finish_findings(self, ctx: SystemContext, found: list[Finding]) -> None:
        """The findings the cross-record rules make once every record has been read."""
        report = self.reporter(found)
        for rule, finish in self._hooks("finish"):
            for key, defect in finish(ctx):
                report(rule, key, (defect,))

    def result(self, found: list[Finding], counts: Counts) -> CheckResult:
        """The result of these findings (in the order found), sorted and with the waivers applied."""
        found.sort(key=Finding.sort_key)
        entity_of = {r.code: (r.entity, r.item) for r in self.known}
        outcome = apply_waivers(found, self.waivers, as_of=self.as_of, entity_of=entity_of)
        return CheckResult(
            as_of=self.as_of,
            findings=tuple(found),
            waived=outcome.waived,
            waiver_reports=outcome.reports,
            counts=counts,
            preview=frozenset(r.code for r in self.rules if r.is_preview),
            roster_checked=self.roster is not None,
            ruleset=self.ruleset.name,
            editions={name: self.tables[name].edition for name in sorted(self.tables)},
            rules=self.known,
        )


def _labels(entity: Entity) -> dict[str, str]:
    gloss = glossary()
    labels = {f.path: f.label for f in gloss.of(entity)}
    labels.update({g.name: g.label for g in gloss.groups(entity)})
    return labels


__all__ = ["CheckSetup", "SystemCheck", "check", "check_stream"]
