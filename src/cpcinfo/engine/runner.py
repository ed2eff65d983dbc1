"""The field-rule runner: prepare once, then validate record after record.

A :class:`Validator` is compiled for one entity, one set of code tables, one rule set and one selection of
rules. Every rule is prepared (bound to its tables and figures) once, and the validator then writes itself
as one straight-line Python function over the entity's groups — the way attrs writes ``__init__`` — so that
validating a record costs one call per check and allocates nothing unless a defect is found; a check that
brings a :class:`~cpcinfo.rules.checks.PassTest` (a good code, a good date, a flag) is not even called for a
value that passes it. A province
holds millions of members; the loop overhead of a generic runner would cost more than the checks.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from typing import Any

from cpcinfo.engine.reporting import add_findings
from cpcinfo.entity import Entity
from cpcinfo.fields import glossary
from cpcinfo.findings import Finding
from cpcinfo.rules.checks import pass_test
from cpcinfo.rules.model import Prepared, Rule, RuleScope, Target

# Groups that are absent for a good reason: a member who is not floating has no 流动党员 group, and the unit
# group's absence is judged by a record-level rule (ORG401). Other absent groups are checked as empty.
OPTIONAL_GROUPS = frozenset({(Entity.MEMBER, "floating"), (Entity.ORGANIZATION, "unit")})
# Groups whose fields are judged only when at least one of them was recorded: an empty unit object is the
# same as no unit, which ORG401 judges once (rather than seven 未填写 findings). An empty 流动党员 group still
# says "floating" and is checked.
EMPTY_MEANS_ABSENT = frozenset({(Entity.ORGANIZATION, "unit")})


class Validator:
    """Field validation of one entity, prepared once for a set of tables, a rule set and a selection."""

    def __init__(self, entity: Entity, rules: Sequence[Rule], prepared: Prepared) -> None:
        self.entity = entity
        self.rules = tuple(r for r in rules if r.entity is entity and r.scope is RuleScope.FIELD)
        self.run = self._compile(prepared)
        """The compiled function itself (what calling the validator calls), for loops that count calls."""

    def __call__(self, record: Any, as_of: datetime.date) -> tuple[Finding, ...]:
        """The findings of the selected field rules on one record."""
        return self.run(record, as_of)

    def _compile(self, prepared: Prepared) -> Callable[[Any, datetime.date], tuple[Finding, ...]]:
        gloss = glossary()
        entity = self.entity
        namespace: dict[str, Any] = {}
        lines = ["def run(record, as_of):", "    found = None"]

        def emit_report(indent: str, rule_name: str, prefix: str, labels_name: str, defects: str) -> None:
            lines.append(f"{indent}if found is None: found = []")
            lines.append(f"{indent}add_findings(found, {rule_name}, record.key, {defects}, {labels_name}, {prefix})")

        for gi, group in enumerate(gloss.groups(entity)):
            mine = [r for r in self.rules if r.group == group.name and r.target is Target.GROUP]
            if not mine:
                continue
            labels_name = f"labels_{gi}"
            namespace[labels_name] = {f.name: f.label for f in group.fields}
            body: list[tuple[str, str]] = []  # (statement kind, names)
            for ri, rule in enumerate(mine):
                rule_name = f"rule_{gi}_{ri}"
                namespace[rule_name] = rule
                if rule.build_value is not None:
                    namespace[f"value_{gi}_{ri}"] = rule.build_value(prepared)
                    body.append(("value", f"{gi}_{ri}"))
                else:
                    namespace[f"check_{gi}_{ri}"] = rule.prepare(prepared)
                    body.append(("check", f"{gi}_{ri}"))
            lines.append(f"    g = record.{group.name}")
            if group.repeated:
                lines.append("    if g:")
                lines.append("        for index, sub in enumerate(g):")
                indent, target, prefix = "            ", "sub", f"f'{group.name}[{{index}}].'"
            else:
                namespace[f"empty_{gi}"] = group.cls()
                if (entity, group.name) in EMPTY_MEANS_ABSENT:
                    recorded = " or ".join(f"g.{f.name} is not None" for f in group.fields)
                    lines.append(f"    if g is not None and ({recorded}):")
                    indent = "        "
                elif (entity, group.name) in OPTIONAL_GROUPS:
                    lines.append("    if g is not None:")
                    indent = "        "
                else:
                    lines.append(f"    if g is None: g = empty_{gi}")
                    lines.append("    if True:")
                    indent = "        "
                target, prefix = "g", repr(f"{group.name}.")
            for kind, suffix in body:
                rule = namespace[f"rule_{suffix}"]
                if kind == "value":
                    test = pass_test(namespace[f"value_{suffix}"])
                    if test is None:
                        lines.append(f"{indent}d = value_{suffix}({target}.{rule.fields[0]}, as_of)")
                        inner = indent
                    else:  # the common good value is told in line, without the call
                        names = {name: f"pass_{suffix}_{name}" for name in test.constants}
                        namespace.update({names[name]: value for name, value in test.constants.items()})
                        lines.append(f"{indent}v = {target}.{rule.fields[0]}")
                        lines.append(f"{indent}if not ({test.expression('v', names)}):")
                        inner = indent + "    "
                        lines.append(f"{inner}d = value_{suffix}(v, as_of)")
                    lines.append(f"{inner}if d is not None:")
                    emit_report(inner + "    ", f"rule_{suffix}", prefix, labels_name, "(d,)")
                else:
                    lines.append(f"{indent}d = check_{suffix}({target}, as_of)")
                    lines.append(f"{indent}if d:")
                    emit_report(indent + "    ", f"rule_{suffix}", prefix, labels_name, "d")
        namespace["record_labels"] = {
            **{g.name: g.label for g in gloss.groups(entity)},
            **{f"{g.name}.{f.name}": f.label for g in gloss.groups(entity) for f in g.fields},
            **{f.name: f.label for g in gloss.groups(entity) for f in g.fields},
        }
        for ri, rule in enumerate(r for r in self.rules if r.target is Target.RECORD):
            namespace[f"record_rule_{ri}"] = rule
            namespace[f"record_check_{ri}"] = rule.prepare(prepared)
            lines.append(f"    d = record_check_{ri}(record, as_of)")
            lines.append("    if d:")
            emit_report("        ", f"record_rule_{ri}", "''", "record_labels", "d")
        lines.append("    return () if found is None else tuple(found)")
        namespace["add_findings"] = add_findings
        source = "\n".join(lines)
        exec(compile(source, f"<cpcinfo validator {entity.value}>", "exec"), namespace)
        self.source = source
        run: Callable[[Any, datetime.date], tuple[Finding, ...]] = namespace["run"]
        return run


__all__ = ["EMPTY_MEANS_ABSENT", "OPTIONAL_GROUPS", "Validator"]
