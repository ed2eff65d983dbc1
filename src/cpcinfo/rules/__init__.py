"""The rule registry and field validation.

Every rule has a stable code, a kebab-case name, a Chinese title, its entity, group, scope and score-sheet
item, a status (stable or preview) and an explanation with worked examples that the tests run. Users declare
their own rules with :func:`field_rule` and :func:`system_rule` and run them with ``check(..., rules=...)``;
:class:`CheckOptions` is what a check runs with (tables, rule set, selection, users' rules).
"""

from __future__ import annotations

from typing import Any

from cpcinfo.findings import DefectKind
from cpcinfo.rules.model import Defect, Example, Explanation, Rule, RuleScope, RuleStatus, Target
from cpcinfo.rules.options import CheckOptions
from cpcinfo.rules.registry import Registry, SelectionError
from cpcinfo.rules.ruleset import CURRENT, RULESETS, SHAANXI_2011, RuleSet, TermKind, TermRange
from cpcinfo.rules.tags import MissingTagsError
from cpcinfo.rules.user import DatabaseView, RuleDeclarationError, field_rule, system_rule

__all__ = [
    "CURRENT",
    "RULESETS",
    "SHAANXI_2011",
    "CheckOptions",
    "DatabaseView",
    "Defect",
    "DefectKind",
    "Example",
    "Explanation",
    "MissingTagsError",
    "Registry",
    "Rule",
    "RuleDeclarationError",
    "RuleScope",
    "RuleSet",
    "RuleStatus",
    "SelectionError",
    "Target",
    "TermKind",
    "TermRange",
    "Validator",
    "field_rule",
    "registry",
    "system_rule",
    "validate",
    "validator",
    "validator_for",
]


def __getattr__(name: str) -> Any:
    # Field validation is the engine's (the validator) and the check's (the built-in registry's selection,
    # memoised), both above the rule toolkit: this face names them, imported on first use.
    if name == "Validator":
        from cpcinfo.engine.runner import Validator

        return Validator
    if name in ("validate", "validator", "validator_for"):
        from cpcinfo.checking import validation

        return getattr(validation, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def registry() -> Registry:
    """The registry of every built-in rule: :func:`cpcinfo.checking.registry.registry`."""
    # The built-in rules are the entity packages', which import this toolkit: the registry that gathers them
    # sits above both and is imported on first use (a module-level import would be circular).
    from cpcinfo.checking.registry import registry as built_in

    return built_in()
