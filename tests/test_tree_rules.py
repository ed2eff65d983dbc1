"""The table of the tree and roster rules: one row per kind of fault or difference, and the registry's rules
are those rows."""

from __future__ import annotations

import collections

from cpcinfo.entity import Entity
from cpcinfo.org.roster_checks import RosterDifferenceKind
from cpcinfo.org.tree_checks import TreeFaultKind
from cpcinfo.org.tree_rules import TREE_RULES, tree_rule
from cpcinfo.rules import registry
from cpcinfo.rules.model import RuleScope


def test_every_kind_of_fault_and_difference_is_one_row() -> None:
    kinds = collections.Counter(row.kind for row in TREE_RULES)
    assert set(kinds) == {*TreeFaultKind, *RosterDifferenceKind}
    assert set(kinds.values()) == {1}
    assert all(tree_rule(row.kind) is row for row in TREE_RULES)


def test_the_rows_are_in_code_order_with_items_5_and_6() -> None:
    codes = [row.code for row in TREE_RULES]
    assert codes == sorted(set(codes))
    assert all(row.item == int(row.code[3]) for row in TREE_RULES)  # ORG5xx: item 5, ORG6xx: item 6


def test_the_registry_holds_each_row_as_its_rule() -> None:
    rules = registry()
    for row in TREE_RULES:
        rule = rules[row.code]
        assert (rule.name, rule.title, rule.item, rule.status, rule.fields) == (
            row.name, row.title, row.item, row.status, (row.field,))
        assert rule.entity is Entity.ORGANIZATION and rule.scope is RuleScope.SYSTEM
        assert rule.explanation.fails == row.fails and rule.explanation.passes == row.passes
