"""Every system rule's worked examples, from the registry, run through the whole-database check."""

from __future__ import annotations

import pytest

from cpcinfo import convert
from cpcinfo.checking import check
from cpcinfo.org.roster import Roster, RosterEntry
from cpcinfo.rules import RuleScope, registry

SYSTEM_RULES = [r for r in registry() if r.scope is RuleScope.SYSTEM]


def _run(example, select=None):
    data = dict(example.data)
    roster_data = data.pop("roster", None)
    roster = None if roster_data is None else Roster([RosterEntry(**entry) for entry in roster_data])
    base = convert.structure(data)
    return check(base, as_of=example.as_of, roster=roster, select=select)


@pytest.mark.parametrize("rule", SYSTEM_RULES, ids=lambda r: r.code)
def test_fail_examples_fail(rule):
    assert rule.explanation.fails, f"{rule.code} has no failing example"
    for example in rule.explanation.fails:
        result = _run(example, select=[rule.code])
        assert result.findings, f"{rule.code}: example {example.note!r} should fail"
        assert {f.rule for f in result.findings} == {rule.code}
        assert all(f.item == rule.item and f.entity is rule.entity for f in result.findings)


@pytest.mark.parametrize("rule", SYSTEM_RULES, ids=lambda r: r.code)
def test_pass_examples_are_clean_databases(rule):
    """A passing example is a clean database: no rule at all, field or system, finds anything in it."""
    assert rule.explanation.passes, f"{rule.code} has no passing example"
    for example in rule.explanation.passes:
        result = _run(example, select=[r.code for r in registry() if r.code.startswith(("ORG", "MEM", "APP"))])
        assert result.findings == (), [(f.rule, f.message) for f in result.findings]
