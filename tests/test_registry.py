"""The rule registry: unique stable codes, items consistent with the glossary, complete explanations."""

from __future__ import annotations

import re

import pytest

from cpcinfo.entity import Entity
from cpcinfo.fields import glossary
from cpcinfo.rules import Registry, RuleScope, RuleStatus, registry

RULES = list(registry())
PREFIX = {Entity.ORGANIZATION: "ORG", Entity.MEMBER: "MEM", Entity.APPLICANT: "APP"}
SYSTEM_ITEMS = {Entity.ORGANIZATION: {5, 6, 7}, Entity.MEMBER: {16}, Entity.APPLICANT: {20}}


def test_codes_are_unique_and_well_formed() -> None:
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))
    for rule in RULES:
        assert re.fullmatch(r"(ORG|MEM|APP)\d{3}", rule.code), rule.code
        assert rule.code.startswith(PREFIX[rule.entity])


def test_registering_a_code_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="twice"):
        Registry((RULES[0], RULES[0]))


def test_names_are_unique_kebab_case() -> None:
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    for name in names:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name), name


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_item_is_consistent_with_the_glossary(rule) -> None:
    assert 1 <= rule.item <= 20
    if rule.scope is RuleScope.FIELD:
        assert rule.group is not None
        assert rule.item == glossary().group(rule.entity, rule.group).item
        for name in rule.fields:
            glossary().field(rule.entity, f"{rule.group}.{name}")
    else:
        assert rule.item in SYSTEM_ITEMS[rule.entity]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_explanation_has_every_section(rule) -> None:
    e = rule.explanation
    assert rule.title.strip() and e.what.strip() and e.why.strip() and e.source.strip()
    assert e.fails and e.passes
    assert all(example.note for example in (*e.fails, *e.passes))


def test_code_numbering_follows_the_items() -> None:
    """Field codes are numbered by group (ORG1xx = item 1 …, MEM1xx = 基本信息 …); system codes by item."""
    for rule in RULES:
        hundreds = int(rule.code[3])
        if rule.scope is RuleScope.FIELD:
            groups = [g.name for g in glossary().groups(rule.entity)]
            assert groups.index(rule.group) + 1 == hundreds, rule.code
        elif rule.entity is Entity.ORGANIZATION:
            assert hundreds == rule.item, rule.code
        else:
            assert hundreds == 9, rule.code


def test_selection_by_code_and_prefix() -> None:
    reg = registry()
    default = reg.select()
    assert all(r.status is RuleStatus.STABLE for r in default)
    assert {r.code for r in reg.select(["MEM5"])} == {r.code for r in RULES if r.code.startswith("MEM5")}
    assert "MEM101" not in {r.code for r in reg.select(ignore=["MEM1"])}
    previews = [r for r in RULES if r.status is RuleStatus.PREVIEW]
    assert previews, "the registry has preview rules"
    for rule in previews:
        assert rule not in default
        assert rule in reg.select([rule.code])
    with pytest.raises(ValueError):
        reg.select(["XYZ"])
