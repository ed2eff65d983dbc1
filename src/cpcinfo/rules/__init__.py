"""The rule registry and field validation.

Every rule has a stable code, a kebab-case name, a Chinese title, its entity, group, scope and score-sheet
item, a status (stable or preview) and an explanation with worked examples that the tests run. Users declare
their own rules with :func:`field_rule` and :func:`system_rule` and run them with ``check(..., rules=...)``;
:class:`CheckOptions` is what a check runs with (tables, rule set, selection, users' rules).
"""

from cpcinfo.findings import DefectKind
from cpcinfo.rules.model import Defect, Example, Explanation, Rule, RuleScope, RuleStatus, Target
from cpcinfo.rules.options import CheckOptions
from cpcinfo.rules.registry import Registry, SelectionError, registry
from cpcinfo.rules.ruleset import CURRENT, RULESETS, SHAANXI_2011, RuleSet, TermKind, TermRange
from cpcinfo.rules.runner import Validator, validate, validator, validator_for
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
