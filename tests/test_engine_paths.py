"""The generated path of the engine — the compiled field validator of each entity and the compiled record
pass with its quiet tests — finds exactly what the plain path finds: every rule's prepared check and every
system rule's hook called directly, record by record, with the facts read field by field, no generated code
and no quiet test.

The databases are the cross-wired ones of ``test_record_pass`` (valid databases from
``cpcinfo.testing.strategies`` with values moved to where the rules compare them), under both rule sets and
with every rule selected (preview rules too).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpcinfo import convert
from cpcinfo.checking import CheckResult, check
from cpcinfo.checking.engine import CheckSetup
from cpcinfo.demo import university
from cpcinfo.engine import driver
from cpcinfo.engine.driver import PASS_ORDER
from cpcinfo.engine.facts import FactsCode
from cpcinfo.engine.reporting import add_findings
from cpcinfo.engine.runner import EMPTY_MEANS_ABSENT, OPTIONAL_GROUPS, Validator
from cpcinfo.entity import Entity
from cpcinfo.fields import glossary
from cpcinfo.findings import Finding, record_locator, usable_key
from cpcinfo.infobase import Counts, InfoBase
from cpcinfo.org.roster import Roster
from cpcinfo.rules import registry
from cpcinfo.rules.model import Rule, RuleScope, Target
from cpcinfo.rules.options import CheckOptions
from cpcinfo.rules.ruleset import CURRENT, SHAANXI_2011
from test_facts import AS_OF, _reference
from test_record_pass import cross_wired

SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]


def _targets(entity: Entity, group: Any, value: Any) -> list[tuple[Any, str]]:
    """What the group's rules are called with, and its path: each subrecord of a repeated group, else the
    group (an absent one as empty, unless its absence is allowed or judged by a record-level rule)."""
    if group.repeated:
        return [(sub, f"{group.name}[{index}].") for index, sub in enumerate(value or ())]
    if (entity, group.name) in EMPTY_MEANS_ABSENT:
        recorded = value is not None and any(getattr(value, f.name) is not None for f in group.fields)
        return [(value, f"{group.name}.")] if recorded else []
    if (entity, group.name) in OPTIONAL_GROUPS:
        return [(value, f"{group.name}.")] if value is not None else []
    return [(value if value is not None else group.cls(), f"{group.name}.")]


class PlainFieldRules:
    """An entity's field rules, each prepared once and called on its group or record, one after another."""

    def __init__(self, entity: Entity, rules: Sequence[Rule], setup: CheckSetup) -> None:
        gloss = glossary()
        mine = [r for r in rules if r.entity is entity and r.scope is RuleScope.FIELD]
        self.groups = [(group, {f.name: f.label for f in group.fields},
                        [(r, r.prepare(setup.prepared)) for r in mine
                         if r.group == group.name and r.target is Target.GROUP]) for group in gloss.groups(entity)]
        self.record_labels = {**{g.name: g.label for g in gloss.groups(entity)},
                              **{f"{g.name}.{f.name}": f.label for g in gloss.groups(entity) for f in g.fields},
                              **{f.name: f.label for g in gloss.groups(entity) for f in g.fields}}
        self.record_rules = [(r, r.prepare(setup.prepared)) for r in mine if r.target is Target.RECORD]
        self.entity = entity

    def __call__(self, record: Any, as_of: datetime.date) -> list[Finding]:
        found: list[Finding] = []
        for group, labels, checks in self.groups:
            if not checks:
                continue
            for target, prefix in _targets(self.entity, group, getattr(record, group.name)):
                for rule, prepared_check in checks:
                    add_findings(found, rule, record.key, prepared_check(target, as_of), labels, prefix)
        for rule, prepared_check in self.record_rules:
            add_findings(found, rule, record.key, prepared_check(record, as_of), self.record_labels)
        return found


def plain_check(base: InfoBase, *, roster: Roster | None = None, **settings: Any) -> CheckResult:
    """The check of ``base`` with every rule and hook called directly on every record (``settings``: those
    of :class:`~cpcinfo.rules.CheckOptions`)."""
    setup = CheckSetup(base.organizations, as_of=AS_OF, options=CheckOptions(**settings), roster=roster,
                       quiet=False)
    ctx, found = setup.context(), []
    report = setup.reporter(found)
    setup.tree_findings(ctx, found)
    records: dict[Entity, Iterable[Any]] = {Entity.ORGANIZATION: setup.organizations,
                                            Entity.APPLICANT: base.applicants, Entity.MEMBER: base.members}
    for entity in PASS_ORDER:
        fields = PlainFieldRules(entity, setup.rules, setup)
        hooks = [(rule, getattr(sc, entity.value)) for rule, sc in setup.system if getattr(sc, entity.value)]
        for position, record in enumerate(records[entity], 1):
            key = record.key
            usable = key is not None and usable_key(key)
            locator = key if usable else record_locator(key, position)
            ctx.record_position, ctx.record_key_usable, ctx.record_key = position, usable, locator
            found.extend(f if usable else f.with_key(locator) for f in fields(record, AS_OF))
            if entity is not Entity.ORGANIZATION:
                ctx.facts = _reference(record, entity, setup.ruleset.min_age_years)
            for rule, hook in hooks:
                report(rule, locator, hook(record, ctx))
        ctx.record_key = ctx.facts = None
        ctx.record_key_usable = False
    setup.finish_findings(ctx, found)
    return setup.result(found, Counts(len(base.organizations), len(base.members), len(base.applicants)))


@settings(max_examples=150, deadline=None, suppress_health_check=SLOW)
@given(document=cross_wired(), current=st.booleans())
def test_the_generated_path_finds_what_the_plain_path_finds(document: dict[str, Any], current: bool) -> None:
    base = convert.structure(document)
    settings = {"ruleset": CURRENT if current else SHAANXI_2011, "select": [r.code for r in registry()]}
    generated = check(base, as_of=AS_OF, **settings)
    plain = plain_check(base, **settings)
    assert set(plain.findings) - set(generated.findings) == set()  # nothing missed by the generated path
    assert generated == plain


def test_the_plain_path_runs_no_generated_code(monkeypatch: pytest.MonkeyPatch) -> None:
    """The oracle itself finds the demo unit's findings, roster and all, with every code generator refused."""
    unit = university(as_of=AS_OF)
    generated = check(unit.infobase, as_of=AS_OF, roster=unit.roster)

    def refused(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the plain path ran generated code")

    monkeypatch.setattr(Validator, "_compile", refused)
    monkeypatch.setattr(driver, "record_pass", refused)
    monkeypatch.setattr(FactsCode, "function", refused)
    plain = plain_check(unit.infobase, roster=unit.roster)
    assert plain == generated
    assert {f.item for f in plain.findings} >= {1, 5, 8, 16, 20}
