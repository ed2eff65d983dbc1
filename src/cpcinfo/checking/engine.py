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
from cpcinfo.checking.record_pass import record_pass
from cpcinfo.checking.result import CheckResult
from cpcinfo.checking.waivers import Waiver, apply_waivers
from cpcinfo.codes import CodeTables, default_tables
from cpcinfo.entity import Entity
from cpcinfo.fields import glossary
from cpcinfo.findings import Finding
from cpcinfo.infobase import Counts, InfoBase
from cpcinfo.member._types import Member
from cpcinfo.org._types import Organization
from cpcinfo.org.roster import Roster
from cpcinfo.org.tree import OrgTree
from cpcinfo.rules.context import SystemContext
from cpcinfo.rules.facts import APPLICANT_FACTS, MEMBER_FACTS, FactsCode
from cpcinfo.rules.model import Defect, Prepared, Quiet, Rule, RuleScope, SystemCheck
from cpcinfo.rules.registry import as_selectors, registry
from cpcinfo.rules.ruleset import SHAANXI_2011, RuleSet
from cpcinfo.rules.runner import validator


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
) -> CheckResult:
    """Check a whole database: field rules on every record, system rules over all of it, waivers applied."""
    return check_stream(infobase.organizations, infobase.members, infobase.applicants, as_of=as_of,
                        tables=tables, ruleset=ruleset, select=select, ignore=ignore, waivers=waivers,
                        roster=roster)


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
    _quiet: bool = True,
) -> CheckResult:
    """The streaming form of :func:`check`: members and applicants are read once, one at a time.

    (``_quiet=False`` calls every system rule's hook on every record, skipping none: the tests' oracle.)
    """
    if type(as_of) is not datetime.date:
        raise TypeError(f"as_of must be a datetime.date, not {type(as_of).__name__}")
    given_tables = tables  # the validators are memoised on what the caller gave (None: the defaults)
    tables = tables if tables is not None else default_tables()
    ruleset = ruleset or SHAANXI_2011
    selectors, ignores = as_selectors(select), as_selectors(ignore)
    rules = registry().select(selectors, ignores)
    prepared = Prepared(tables=tables, ruleset=ruleset)
    waivers = tuple(waivers)
    for waiver in waivers:
        if waiver.rule not in registry():
            from cpcinfo.checking.waivers import WaiverError

            raise WaiverError(f"豁免指明的规则「{waiver.rule}」不存在")

    organizations = tuple(organizations)
    tree = OrgTree.build(organizations, tables=tables)
    ctx = SystemContext(as_of=as_of, tree=tree, tables=tables, ruleset=ruleset, roster=roster)
    system = [(rule, rule.prepare(prepared)) for rule in rules if rule.scope is RuleScope.SYSTEM]
    found: list[Finding] = []

    def hooks(name: str) -> list[tuple[Rule, Any]]:
        return [(rule, getattr(sc, name)) for rule, sc in system if getattr(sc, name) is not None]

    def record_hooks(name: str) -> list[tuple[Rule, Any, Quiet | None]]:
        return [(rule, hook, getattr(sc, f"{name}_quiet", None)) for rule, sc in system
                if (hook := getattr(sc, name)) is not None]

    labels_of = {entity: _labels(entity) for entity in Entity}

    def report(rule: Rule, key: str | None, defects: Iterable[Defect]) -> None:
        labels = labels_of[rule.entity]
        for d in defects:
            label = d.label or labels.get(d.field) or labels.get(d.field.split("[")[0]) or d.field
            found.append(Finding(rule=rule.code, entity=rule.entity, key=key, field=d.field, label=label,
                                 value=d.value, kind=d.kind, item=rule.item, message=d.message,
                                 suggestion=d.suggestion))

    for rule, tree_hook in hooks("tree"):
        for key, defect in tree_hook(ctx):
            report(rule, key, (defect,))

    def run(entity: Entity, records: Iterable[Any], facts: FactsCode | None) -> int:
        validate = validator(entity, given_tables, ruleset, selectors, ignores).run
        return record_pass(record_hooks(entity.value), ctx, facts, report, validate=validate, found=found,
                           quiet=_quiet,
                           key_attribute="id" if _quiet and entity is not Entity.ORGANIZATION else None)(records)

    run(Entity.ORGANIZATION, organizations, None)
    applicant_count = run(Entity.APPLICANT, applicants, APPLICANT_FACTS)
    member_count = run(Entity.MEMBER, members, MEMBER_FACTS)

    for rule, finish in hooks("finish"):
        for key, defect in finish(ctx):
            report(rule, key, (defect,))

    found.sort(key=Finding.sort_key)
    entity_of = {r.code: (r.entity, r.item) for r in registry()}
    outcome = apply_waivers(found, waivers, as_of=as_of, entity_of=entity_of)
    return CheckResult(
        as_of=as_of,
        findings=tuple(found),
        waived=outcome.waived,
        waiver_reports=outcome.reports,
        counts=Counts(len(organizations), member_count, applicant_count),
        preview=frozenset(r.code for r in rules if r.is_preview),
        roster_checked=roster is not None,
        ruleset=ruleset.name,
        editions={name: tables[name].edition for name in sorted(tables)},
    )


def _labels(entity: Entity) -> dict[str, str]:
    gloss = glossary()
    labels = {f.path: f.label for f in gloss.of(entity)}
    labels.update({g.name: g.label for g in gloss.groups(entity)})
    return labels


__all__ = ["SystemCheck", "check", "check_stream"]
