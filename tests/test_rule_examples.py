"""Every rule's worked examples, from the registry: the fail examples fail, the pass examples pass."""

from __future__ import annotations

import pytest

from cpcinfo import convert
from cpcinfo.entity import Entity
from cpcinfo.rules import RuleScope, registry, validate

STRUCTURE = {
    Entity.ORGANIZATION: convert.structure_organization,
    Entity.MEMBER: convert.structure_member,
    Entity.APPLICANT: convert.structure_applicant,
}

FIELD_RULES = [r for r in registry() if r.scope is RuleScope.FIELD]


def _run(rule, example):
    record = STRUCTURE[rule.entity](example.data)
    return validate(rule.entity, record, as_of=example.as_of, select=[rule.code])


@pytest.mark.parametrize("rule", FIELD_RULES, ids=lambda r: r.code)
def test_fail_examples_fail(rule):
    assert rule.explanation.fails, f"{rule.code} has no failing example"
    for example in rule.explanation.fails:
        findings = _run(rule, example)
        assert findings, f"{rule.code}: example {example.note!r} should fail"
        assert {f.rule for f in findings} == {rule.code}
        assert all(f.item == rule.item for f in findings)


@pytest.mark.parametrize("rule", FIELD_RULES, ids=lambda r: r.code)
def test_pass_examples_pass(rule):
    assert rule.explanation.passes, f"{rule.code} has no passing example"
    for example in rule.explanation.passes:
        assert _run(rule, example) == (), f"{rule.code}: example {example.note!r} should pass"


@pytest.mark.parametrize("rule", FIELD_RULES, ids=lambda r: r.code)
def test_pass_examples_pass_every_rule(rule):
    """A passing example is a clean record: no rule at all finds anything in it."""
    for example in rule.explanation.passes:
        record = STRUCTURE[rule.entity](example.data)
        assert validate(rule.entity, record, as_of=example.as_of) == ()
