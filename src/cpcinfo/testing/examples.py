"""The check of a rule's worked examples, for the built-in rules' tests and for users' own tests.

Every rule carries examples that fail and examples that pass (:class:`~cpcinfo.rules.Explanation`). The
same check holds the built-in rules and a user's rules to them::

    from cpcinfo.testing import check_rule_examples
    from sx_rules import RULES

    def test_examples():
        for rule in RULES:
            check_rule_examples(rule)

A field rule's examples are records of its entity, a system rule's whole databases (with ``"roster"`` for
one that needs the roster), in the English-keyed JSON form. Each failing example must give findings of
this rule only (when the rule runs alone), all under its item and entity; each passing example none.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from cpcinfo.entity import Entity
from cpcinfo.findings import Finding
from cpcinfo.rules import Example, Rule, RuleScope
from cpcinfo.rules.options import CheckOptions
from cpcinfo.rules.user import is_user_rule

BUILT_IN_SELECTORS = ("ORG", "MEM", "APP")


def check_rule_examples(rule: Rule, *, clean: bool = False, rules: Iterable[Rule] = ()) -> None:
    """Run ``rule``'s examples; an :class:`AssertionError` names the first example that does not behave.

    ``clean`` also asks that a passing example be clean for every rule that runs by default (for a system
    rule's databases, preview rules too) and for ``rules``, other user rules run beside ``rule`` — as the
    built-in rules' examples are.
    """
    if not isinstance(rule, Rule):
        raise TypeError(f"check_rule_examples takes a Rule, not {type(rule).__name__}")
    others = tuple(r for r in rules if r.code != rule.code)
    explanation = rule.explanation
    assert explanation.fails, f"{rule.code} has no failing example"
    assert explanation.passes, f"{rule.code} has no passing example"
    alone = CheckOptions(select=[rule.code], rules=(rule,) if is_user_rule(rule) else ())
    for n, example in enumerate(explanation.fails, 1):
        findings = _findings(rule, example, alone)
        named = _named("failing", n, example)
        assert findings, f"{rule.code}: {named} should fail, but gives no finding"
        assert {f.rule for f in findings} == {rule.code}, \
            f"{rule.code}: {named} gives findings of other rules: {sorted({f.rule for f in findings})}"
        assert all(f.item == rule.item and f.entity is rule.entity for f in findings), \
            f"{rule.code}: {named} gives findings outside item {rule.item} of the {rule.entity.value}s: " \
            f"{sorted({(f.item, f.entity.value) for f in findings})}"
    for n, example in enumerate(explanation.passes, 1):
        findings = _findings(rule, example, alone)
        assert findings == (), f"{rule.code}: {_named('passing', n, example)} should pass, but gives " \
                               f"{_shown(findings)}"
    if clean:
        every = tuple({r.code: r for r in (*((rule,) if is_user_rule(rule) else ()), *others)}.values())
        selectors = (*BUILT_IN_SELECTORS, *(r.code for r in every))
        options = CheckOptions(rules=every, select=selectors if rule.scope is RuleScope.SYSTEM else None)
        for n, example in enumerate(explanation.passes, 1):
            findings = _findings(rule, example, options)
            assert findings == (), f"{rule.code}: {_named('passing', n, example)} is not clean: " \
                                   f"{_shown(findings)}"


def _findings(rule: Rule, example: Example, options: CheckOptions) -> tuple[Finding, ...]:
    from cpcinfo import convert

    if rule.scope is RuleScope.FIELD:
        from cpcinfo.rules import validate

        record: Any = getattr(convert, _STRUCTURE[rule.entity])(example.data)
        found: tuple[Finding, ...] = validate(rule.entity, record, as_of=example.as_of, options=options)
        return found
    from cpcinfo.checking import check
    from cpcinfo.org.roster import Roster, RosterEntry

    data = dict(example.data)
    roster_data = data.pop("roster", None)
    roster = None if roster_data is None else Roster([RosterEntry(**entry) for entry in roster_data])
    return check(convert.structure(data), as_of=example.as_of, roster=roster, options=options).findings


_STRUCTURE = {Entity.ORGANIZATION: "structure_organization", Entity.MEMBER: "structure_member",
              Entity.APPLICANT: "structure_applicant"}
"""The converter of each entity's record (by name: ``cpcinfo.convert`` is imported when first used)."""


def _named(kind: str, n: int, example: Example) -> str:
    return f"{kind} example {n}" + (f" {example.note!r}" if example.note else "")


def _shown(findings: Sequence[Finding]) -> str:
    return "; ".join(f"{f.rule} {f.field}: {f.message}" for f in findings[:5]) + \
        (f" … ({len(findings)} findings)" if len(findings) > 5 else "")


__all__ = ["check_rule_examples"]
