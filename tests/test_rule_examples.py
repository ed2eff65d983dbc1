"""Every rule's worked examples, from the registry: the fail examples fail, the pass examples pass.

The check is :func:`cpcinfo.testing.check_rule_examples`, the one users run on their own rules; here with
``clean=True``: a built-in rule's passing example is also a clean record (no rule at all finds anything in
it), or for a system rule a clean database (no rule, field or system, preview ones too).
"""

from __future__ import annotations

import pytest

from cpcinfo.rules import RuleScope, registry
from cpcinfo.testing import check_rule_examples

FIELD_RULES = [r for r in registry() if r.scope is RuleScope.FIELD]
SYSTEM_RULES = [r for r in registry() if r.scope is RuleScope.SYSTEM]


@pytest.mark.parametrize("rule", FIELD_RULES, ids=lambda r: r.code)
def test_field_rule_examples(rule):
    check_rule_examples(rule, clean=True)


@pytest.mark.parametrize("rule", SYSTEM_RULES, ids=lambda r: r.code)
def test_system_rule_examples(rule):
    check_rule_examples(rule, clean=True)
