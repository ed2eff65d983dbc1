"""The rule registry and field validation.

Every rule has a stable code, a kebab-case name, a Chinese title, its entity, group, scope and score-sheet
item, a status (stable or preview) and an explanation with worked examples that the tests run.
"""

from cpcinfo.rules.model import Defect, Example, Explanation, Rule, RuleScope, RuleStatus, Target
from cpcinfo.rules.registry import Registry, SelectionError, registry
from cpcinfo.rules.ruleset import CURRENT, RULESETS, SHAANXI_2011, RuleSet, TermKind, TermRange
from cpcinfo.rules.runner import Validator, validate, validator

__all__ = [
    "CURRENT",
    "RULESETS",
    "SHAANXI_2011",
    "Defect",
    "Example",
    "Explanation",
    "Registry",
    "Rule",
    "RuleScope",
    "RuleSet",
    "RuleStatus",
    "SelectionError",
    "Target",
    "TermKind",
    "TermRange",
    "Validator",
    "registry",
    "validate",
    "validator",
]
