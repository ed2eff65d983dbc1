"""Small builders that turn a field's value check into a registered rule, so the registry reads as a table."""

from __future__ import annotations

import copy
import datetime
import operator
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from cpcinfo.entity import Entity
from cpcinfo.fields import glossary
from cpcinfo.rules.checks import ValueCheck, code_check, date_check, person_name_check
from cpcinfo.rules.model import Check, Defect, Example, Explanation, Prepared, Rule, RuleScope, RuleStatus, Target

OK: tuple[Defect, ...] = ()


def _item(entity: Entity, group: str) -> int:
    return glossary().group(entity, group).item


def explanation(what: str, why: str, source: str, fails: Sequence[Example], passes: Sequence[Example]) -> Explanation:
    return Explanation(what=what, why=why, source=source, fails=tuple(fails), passes=tuple(passes))


def value_rule(
    code: str,
    name: str,
    entity: Entity,
    group: str,
    field: str,
    make: Callable[[Prepared, str, str], ValueCheck],
    *,
    what: str,
    why: str,
    source: str,
    fails: Sequence[Example],
    passes: Sequence[Example],
    status: RuleStatus = RuleStatus.STABLE,
    title: str | None = None,
) -> Rule:
    """A rule over one field's value: ``make(prepared, field, label)`` gives the value check."""
    label = glossary().field(entity, f"{group}.{field}").label

    def build(prepared: Prepared) -> Check:
        value_check = make(prepared, field, label)
        get = operator.attrgetter(field)

        def check(group_value: Any, as_of: datetime.date) -> Sequence[Defect]:
            defect = value_check(get(group_value), as_of)
            return OK if defect is None else (defect,)

        return check

    return Rule(
        code=code,
        name=name,
        title=title or label,
        entity=entity,
        group=group,
        fields=(field,),
        scope=RuleScope.FIELD,
        target=Target.GROUP,
        item=_item(entity, group),
        status=status,
        explanation=explanation(what, why, source, fails, passes),
        build=build,
        build_value=lambda prepared: make(prepared, field, label),
    )


def group_rule(
    code: str,
    name: str,
    title: str,
    entity: Entity,
    group: str,
    fields: Sequence[str],
    build: Callable[[Prepared], Check],
    *,
    target: Target = Target.GROUP,
    what: str,
    why: str,
    source: str,
    fails: Sequence[Example],
    passes: Sequence[Example],
    status: RuleStatus = RuleStatus.STABLE,
) -> Rule:
    """A rule over several values of one group, or (``target=RECORD``) over a record's subrecords."""
    return Rule(
        code=code,
        name=name,
        title=title,
        entity=entity,
        group=group,
        fields=tuple(fields),
        scope=RuleScope.FIELD,
        target=target,
        item=_item(entity, group),
        status=status,
        explanation=explanation(what, why, source, fails, passes),
        build=build,
    )


def code_value(table: str) -> Callable[[Prepared, str, str], ValueCheck]:
    """For :func:`value_rule`: the value is a code of the table the rule set names ``table``."""
    def make(prepared: Prepared, field: str, label: str) -> ValueCheck:
        return code_check(field, label, prepared.tables[prepared.ruleset.table(table)])

    return make


def date_value(prepared: Prepared, field: str, label: str) -> ValueCheck:
    """For :func:`value_rule`: the value is a real date in the standard form, not after the check."""
    return date_check(field, label)


def name_value(prepared: Prepared, field: str, label: str) -> ValueCheck:
    """For :func:`value_rule`: the value is a person's name as the identity card writes it."""
    return person_name_check(field, label)


def with_value(base: Mapping[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of an example record with one value replaced (``basic.gender``, ``education.0.level``; the index
    one past the end of a list appends);
    ``value=...`` (Ellipsis) removes the key."""
    data: dict[str, Any] = copy.deepcopy(dict(base))
    parts = path.split(".")
    node: Any = data
    for part in parts[:-1]:
        node = node[int(part)] if isinstance(node, list) else node.setdefault(part, {})
    last = parts[-1]
    if isinstance(node, list):
        if int(last) == len(node):
            node.append(value)  # one past the end: a record added to the list
        else:
            node[int(last)] = value
    elif value is ...:
        node.pop(last, None)
    else:
        node[last] = value
    return data


def example(base: Mapping[str, Any], note: str = "", as_of: datetime.date | None = None, **changes: Any) -> Example:
    """An example built from a valid base record; keyword names use ``__`` for dots (``basic__gender``)."""
    data: dict[str, Any] = copy.deepcopy(dict(base))
    for key, value in changes.items():
        data = with_value(data, key.replace("__", "."), value)
    recorded = tuple((key.replace("__", "."), value) for key, value in changes.items())
    if as_of is None:
        return Example(data=data, note=note, changes=recorded)
    return Example(data=data, note=note, as_of=as_of, changes=recorded)
