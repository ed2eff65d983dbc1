"""The Python the engine writes: what runs when a check runs a selection of rules, printed for a reader.

The field validator of each entity (:class:`~cpcinfo.engine.runner.Validator`) and the pass over its records
(:func:`~cpcinfo.engine.record_pass.record_pass`) are written out as straight-line functions and compiled,
because a province has millions of members (see those modules). :func:`generated_source` gives that source
for any rules, each function headed by the rules its names stand for; ``cpcinfo rules --explain-engine``
prints it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from cpcinfo.codes import CodeTables, default_tables
from cpcinfo.engine.driver import FACTS, PASS_ORDER, key_attribute, record_hooks
from cpcinfo.engine.record_pass import record_pass_source
from cpcinfo.engine.runner import Validator
from cpcinfo.rules.model import Prepared, Rule, RuleScope
from cpcinfo.rules.ruleset import SHAANXI_2011, RuleSet


def generated_source(rules: Iterable[Rule], *, tables: CodeTables | None = None, ruleset: RuleSet | None = None,
                     quiet: bool = True) -> str:
    """The source the engine runs for these rules (e.g. ``cpcinfo.rules.registry().select(["MEM9"])``): for
    each entity in the order a check reads them (organizations, applicants, members), its field validator
    and its record pass, each headed by the rules its names stand for.

    ``tables`` and ``ruleset`` default to the bundled tables and :data:`~cpcinfo.rules.SHAANXI_2011`;
    ``quiet=False`` is the pass that calls every hook on every record (the tests' oracle). The record pass is
    shown as a whole check writes it (a part of a partitioned check also notes each kept value's position).

    >>> from cpcinfo.rules import registry
    >>> text = generated_source(registry().select(["MEM901", "MEM102"]))
    >>> print(text[text.index("# The field validator of the member"):text.index("# The pass over the member")].strip())
    # The field validator of the member records (cpcinfo.engine.runner.Validator)
    #   rule_0_0: MEM102 性别
    def run(record, as_of):
        found = None
        g = record.basic
        if g is None: g = empty_0
        if True:
            v = g.gender
            if not (v.__class__ is str and v in pass_0_0_clean):
                d = value_0_0(v, as_of)
                if d is not None:
                    if found is None: found = []
                    add_findings(found, rule_0_0, record.key, (d,), labels_0, 'basic.')
        return () if found is None else tuple(found)
    >>> "d = hook_0(record, ctx)" in text and "#   rule_0: MEM901 所在党支部不存在" in text
    True
    """
    rules = tuple(rules)
    prepared = Prepared(tables=tables if tables is not None else default_tables(), ruleset=ruleset or SHAANXI_2011)
    system = [(rule, rule.prepare(prepared)) for rule in rules if rule.scope is RuleScope.SYSTEM]
    parts = []
    for entity in PASS_ORDER:
        validator = Validator(entity, rules, prepared)
        parts.append(_headed(f"The field validator of the {entity.value} records (cpcinfo.engine.runner.Validator)",
                             validator.source, validator.run.__globals__))
        source, namespace = record_pass_source(record_hooks(system, entity), FACTS.get(entity), quiet=quiet,
                                               key_attribute=key_attribute(entity, quiet))
        parts.append(_headed(f"The pass over the {entity.value} records (cpcinfo.engine.record_pass)", source,
                             namespace))
    return "\n\n".join(parts) + "\n"


def _headed(title: str, source: str, namespace: Mapping[str, Any]) -> str:
    """The source under its title and the rules its names stand for (a rule's prepared check, hook and quiet
    values are named after it: ``check_2_1``/``value_2_1`` for ``rule_2_1``, ``hook_3`` and ``q3_*`` for
    ``rule_3``)."""
    legend = [f"#   {name}: {rule.code} {rule.title}" for name, rule in namespace.items() if isinstance(rule, Rule)]
    return "\n".join((f"# {title}", *(legend or ["#   (no rule)"]), source))


__all__ = ["generated_source"]
