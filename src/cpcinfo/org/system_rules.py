"""System rules of the organization (党组织) over the members and the unit: item 7.

The rules of the tree and of the roster (items 5 and 6) are in :mod:`cpcinfo.org.tree_rules`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from cpcinfo.engine.context import SystemContext
from cpcinfo.entity import Entity
from cpcinfo.examples import doc
from cpcinfo.org.rules import BASE_ORGANIZATION
from cpcinfo.org.tree import CategoryKind, category_kind
from cpcinfo.rules.builders import OK
from cpcinfo.rules.checks import comparable_name
from cpcinfo.rules.cite import ORGANIZATION, UNIT
from cpcinfo.rules.model import Defect, Prepared, Rule, SystemCheck
from cpcinfo.rules.reading import is_blank, usable_date
from cpcinfo.rules.system import WRONG, People, any_within, leader_names, positions_of, system_rule
from cpcinfo.rules.tags import tag_test

SCRATCH_CROSSING: Mapping[str, str] = {"ORG701-people": "people"}
"""How what these rules keep crosses the parts of a check (see :data:`cpcinfo.rules.system.SCRATCH_CROSSING`)."""


def _leaders_in_subtree(prepared: Prepared) -> SystemCheck:
    """The leaders' names are collected from the tree; members stream past and those with a leader's name
    leave their branch; then each leader is looked up among the members under the organization."""

    def people(ctx: SystemContext) -> People:
        found: People | None = ctx.scratch.get("ORG701-people")
        if found is None:
            found = ctx.scratch["ORG701-people"] = People(leader_names(ctx))
        return found

    def member(record: Any, ctx: SystemContext) -> Sequence[Defect]:
        people(ctx).add(record, ctx)
        return OK

    def finish(ctx: SystemContext) -> Iterable[tuple[str | None, Defect]]:
        known = people(ctx)
        tree = ctx.tree
        positions = {name: positions_of(ctx, branches) for name, branches in known.branches(ctx).items()}
        unnamed = positions_of(ctx, known.unnamed)
        for code in tree:
            span = tree.span(code)
            if any_within(unnamed, span):
                continue  # a member under it whose name cannot be read may be any leader: the benefit of the doubt
            for index, leader in enumerate(tree.node(code).record.leaders or ()):
                name = comparable_name(leader.name)
                if name is None or name in known.doubtful:
                    continue  # an unreadable name is ORG202's finding; doubtful members get the benefit
                if not any_within(positions.get(name, []), span):
                    yield code, Defect(f"leaders[{index}].name", leader.name, WRONG,
                                       f"班子成员「{leader.name}」不是本党组织（含下级组织）的党员", label="姓名")

    return SystemCheck(member=member, finish=finish)


_SETUP_FOR_KIND = {"committee": "committee", "general-branch": "general-branch", "branch": "branch"}


def _party_setup(prepared: Prepared) -> SystemCheck:
    setups = prepared.tables["party_setup"]
    categories = prepared.tables["org_category"]
    joint = tag_test(categories, "joint")

    def organization(org: Any, ctx: SystemContext) -> Sequence[Defect]:
        unit = org.unit
        if unit is None or is_blank(unit.party_setup) or org.basic is None:
            return OK
        kind = category_kind(org.basic.category, categories)
        if kind in (CategoryKind.UNKNOWN, CategoryKind.OTHER):
            return OK
        resolution = setups.resolve(str(unit.party_setup))
        if resolution is None or not setups.is_leaf(resolution.entry.code):
            return OK  # an unknown or too general code is ORG407's finding
        expected = "joint-branch" if joint(org.basic.category) else _SETUP_FOR_KIND[kind.value]
        if expected in resolution.entry.tags:
            return OK
        return (Defect("unit.party_setup", unit.party_setup, WRONG,
                       f"单位建立党的基层组织情况「{resolution.entry.label}」与组织类别（{kind.label}）不符"),)

    return SystemCheck(organization=organization)


def _joint_branch_units(prepared: Prepared) -> SystemCheck:
    joint = tag_test(prepared.tables["org_category"], "joint")
    joint_relation = tag_test(prepared.tables["unit_relation"], "joint")

    def organization(org: Any, ctx: SystemContext) -> Sequence[Defect]:
        basic = org.basic
        if basic is None or not joint(basic.category) or is_blank(basic.unit_relation):
            return OK
        if joint_relation(basic.unit_relation):
            return OK
        return (Defect("basic.unit_relation", basic.unit_relation, WRONG,
                       "联合党支部的党组织所在单位情况应为「联合党支部」（由多个单位联合组成），实际只有一个单位"),)

    return SystemCheck(organization=organization)


def _term_expired(prepared: Prepared) -> SystemCheck:
    enabled = prepared.ruleset.expired_term_is_defect

    def organization(org: Any, ctx: SystemContext) -> Sequence[Defect]:
        ends = usable_date(org.basic.term_ends_on, datetime.date.max) if org.basic is not None else None
        if not enabled or ends is None or ends >= ctx.as_of:
            return OK
        return (Defect("basic.term_ends_on", ends, WRONG, f"本届班子已于 {ends} 届满，没有换届记录"),)

    return SystemCheck(organization=organization)


def org_system_rules() -> list[Rule]:
    """The organization's system rules of item 7, in code order."""
    ORG = Entity.ORGANIZATION
    return [
        system_rule("ORG701", "leader-in-subtree", "班子成员不是本组织党员", ORG, ("leaders.name",), _leaders_in_subtree,
                    item=7, group="leaders",
                    what="每名班子成员的姓名是本党组织或其下级组织中一名党员的姓名。",
                    why="班子成员须与党员信息中的职务一致（系统2005 审核要点）。", source=f"{ORGANIZATION}#leaders",
                    fails=[doc("书记不是本组织党员", organizations__0__leaders__0__name="赵六")],
                    passes=[doc("书记是本组织党员")]),
        system_rule("ORG702", "unit-party-setup-category", "建立党组织情况与组织类别不符", ORG, ("unit.party_setup",),
                    _party_setup, item=7, group="unit",
                    what="单位建立党的基层组织情况与党组织的组织类别一致（党委的单位「建立党委的」，党支部的单位「建立党支部的」，"
                         "联合党支部「建立联合党支部的」）。",
                    why="单位信息与党组织类别互相印证。", source=f"{UNIT}#party-setup",
                    fails=[doc("党委的单位写成建立党支部的", organizations__0__unit__party_setup="13")],
                    passes=[doc("一致")]),
        system_rule("ORG703", "joint-branch-units", "联合党支部只有一个单位", ORG, ("basic.unit_relation",),
                    _joint_branch_units, item=7, group="basic",
                    what="联合党支部的党组织所在单位情况是「联合党支部」，而不是单个法人单位或与上级相同。",
                    why="联合党支部由多个单位的党员联合组成。", source=f"{UNIT}#unit-relation; {ORGANIZATION}#tree",
                    fails=[doc("联合党支部只有一个单位", organizations__2__basic__category="632")],
                    passes=[doc("联合党支部", organizations__2__basic__category="632",
                                organizations__2__basic__unit_relation="3",
                                organizations__2__unit={**BASE_ORGANIZATION["unit"], "party_setup": "21"})]),
        system_rule("ORG704", "term-expired", "届满未换届", ORG, ("basic.term_ends_on",), _term_expired, item=7,
                    group="basic",
                    what="本届届满日期早于检查日期而没有换届（规则集决定是否计为错误）。",
                    why="党组织应按期换届；党统统计「任届期满」。", source=f"{ORGANIZATION}#term",
                    fails=[doc("已届满", organizations__1__basic__term_ends_on="2011-06-01")],
                    passes=[doc("未届满")]),
    ]
