"""The field-rule runner: prepare once, then validate record after record.

A :class:`Validator` is compiled for one entity, one set of code tables, one rule set and one selection of
rules: every rule is prepared (bound to its tables and figures) once, and the groups are laid out in
glossary order with their prepared checks. Validating a record is then a loop over its groups and checks,
allocating nothing unless a defect is found.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from cpcinfo.codes import CodeTables, default_tables
from cpcinfo.entity import Entity
from cpcinfo.fields import glossary
from cpcinfo.findings import Finding
from cpcinfo.rules.model import Check, Defect, Prepared, Rule, RuleScope, Target
from cpcinfo.rules.registry import registry
from cpcinfo.rules.ruleset import SHAANXI_2011, RuleSet

# Groups that are absent for a good reason: a member who is not floating has no 流动党员 group; awards are
# only recorded when there are some; the unit group's absence is judged by a record-level rule.
OPTIONAL_GROUPS = frozenset({(Entity.MEMBER, "floating"), (Entity.ORGANIZATION, "unit")})


@attrs.frozen
class _GroupPlan:
    name: str
    repeated: bool
    optional: bool
    empty: Any
    values: tuple[tuple[Rule, str, Any], ...]  # (rule, field, value check) for rules over one value
    checks: tuple[tuple[Rule, Check], ...]
    labels: dict[str, str] = attrs.field(hash=False)


class Validator:
    """Field validation of one entity, prepared once for a set of tables, a rule set and a selection."""

    def __init__(self, entity: Entity, rules: Sequence[Rule], prepared: Prepared) -> None:
        self.entity = entity
        self.rules = tuple(r for r in rules if r.entity is entity and r.scope is RuleScope.FIELD)
        gloss = glossary()
        plans = []
        for group in gloss.groups(entity):
            mine = [r for r in self.rules if r.group == group.name and r.target is Target.GROUP]
            values = tuple((r, r.fields[0], r.build_value(prepared)) for r in mine if r.build_value is not None)
            checks = tuple((r, r.prepare(prepared)) for r in mine if r.build_value is None)
            plans.append(_GroupPlan(
                name=group.name,
                repeated=group.repeated,
                optional=(entity, group.name) in OPTIONAL_GROUPS,
                empty=group.cls(),
                values=values,
                checks=checks,
                labels={f.name: f.label for f in group.fields},
            ))
        self._groups = tuple(p for p in plans if p.checks or p.values)
        self._record_checks = tuple((r, r.prepare(prepared)) for r in self.rules if r.target is Target.RECORD)
        self._group_labels = {g.name: g.label for g in gloss.groups(entity)}
        self._field_labels = {f"{g.name}.{f.name}": f.label for g in gloss.groups(entity) for f in g.fields}

    def __call__(self, record: Any, as_of: datetime.date) -> tuple[Finding, ...]:
        """The findings of the selected field rules on one record."""
        found: list[Finding] | None = None
        key = None
        for plan in self._groups:
            value = getattr(record, plan.name)
            if plan.repeated:
                if not value:
                    continue
                for index, sub in enumerate(value):
                    for rule, field, value_check in plan.values:
                        defect = value_check(getattr(sub, field), as_of)
                        if defect is not None:
                            if found is None:
                                found, key = [], record.key
                            self._add(found, key, rule, f"{plan.name}[{index}].", plan.labels, (defect,))
                    for rule, check in plan.checks:
                        defects = check(sub, as_of)
                        if defects:
                            if found is None:
                                found, key = [], record.key
                            self._add(found, key, rule, f"{plan.name}[{index}].", plan.labels, defects)
                continue
            if value is None:
                if plan.optional:
                    continue
                value = plan.empty
            for rule, field, value_check in plan.values:
                defect = value_check(getattr(value, field), as_of)
                if defect is not None:
                    if found is None:
                        found, key = [], record.key
                    self._add(found, key, rule, f"{plan.name}.", plan.labels, (defect,))
            for rule, check in plan.checks:
                defects = check(value, as_of)
                if defects:
                    if found is None:
                        found, key = [], record.key
                    self._add(found, key, rule, f"{plan.name}.", plan.labels, defects)
        for rule, check in self._record_checks:
            defects = check(record, as_of)
            if defects:
                if found is None:
                    found, key = [], record.key
                self._add(found, key, rule, "", self._field_labels, defects)
        return () if found is None else tuple(found)

    def _add(self, found: list[Finding], key: str | None, rule: Rule, prefix: str, labels: dict[str, str],
             defects: Iterable[Defect]) -> None:
        for d in defects:
            label = d.label or labels.get(d.field) or labels.get(d.field.split("[")[0]) or d.field
            found.append(Finding(rule=rule.code, entity=self.entity, key=key, field=prefix + d.field, label=label,
                                 value=d.value, kind=d.kind, item=rule.item, message=d.message,
                                 suggestion=d.suggestion))


@functools.lru_cache(maxsize=32)
def validator(
    entity: Entity,
    tables: CodeTables | None = None,
    ruleset: RuleSet | None = None,
    select: tuple[str, ...] | None = None,
    ignore: tuple[str, ...] | None = None,
) -> Validator:
    """The validator for these settings, prepared once and memoised (``None`` means the defaults)."""
    rules = registry().select(select, ignore)
    prepared = Prepared(tables=tables if tables is not None else default_tables(), ruleset=ruleset or SHAANXI_2011)
    return Validator(entity, rules, prepared)


def validate(
    entity: Entity,
    record: Any,
    *,
    as_of: datetime.date,
    tables: CodeTables | None = None,
    ruleset: RuleSet | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> tuple[Finding, ...]:
    """The findings of the field rules on one record of ``entity``."""
    if not isinstance(as_of, datetime.date):
        raise TypeError(f"as_of must be a datetime.date, not {type(as_of).__name__}")
    run = validator(entity, tables, ruleset, None if select is None else tuple(select),
                    None if ignore is None else tuple(ignore))
    return run(record, as_of)
