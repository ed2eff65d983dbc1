"""Where the members that ORG701 and APP906 look for are placed, on any tree (orphans, cycles, extra roots),
against definitions that walk the paths to the root."""

from __future__ import annotations

import datetime
from typing import Any

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpcinfo.checking import check
from cpcinfo.codes import default_tables
from cpcinfo.engine.context import SystemContext
from cpcinfo.engine.facts import plain_branch
from cpcinfo.infobase import InfoBase
from cpcinfo.member import Member, Relation
from cpcinfo.org import Leader, Organization
from cpcinfo.org.tree import CategoryKind, OrgTree
from cpcinfo.org.tree_checks import TreeFaultKind, tree_faults
from cpcinfo.person import Person
from cpcinfo.rules.checks import comparable_name
from cpcinfo.rules.ruleset import SHAANXI_2011
from cpcinfo.rules.system import is_placed
from test_tree import org, parent_graphs

AS_OF = datetime.date(2011, 6, 30)
NAMES = ["王丽", "张伟", "李娜", "王 丽", "", "A"]


def placed_by_paths(tree: OrgTree, code: str | None) -> bool:
    """A branch (or an organization of unknown kind) whose top is a root of the tree but no extra root."""
    if code is None or code not in tree:
        return False
    top = tree.node(tree.path_to_root(code)[-1])
    extra_roots = {f.code for f in tree_faults(tree) if f.kind is TreeFaultKind.EXTRA_ROOT}
    return top.recorded_parent is None and top.code not in extra_roots \
        and tree.kind(code) in (CategoryKind.BRANCH, CategoryKind.UNKNOWN)


def leaders_not_found_by_paths(tree: OrgTree, members: list[Member]) -> set[tuple[str | None, str]]:
    where: dict[str, set[str]] = {}
    doubtful, unnamed = set(), set()
    for member in members:
        name = comparable_name(member.basic.name if member.basic is not None else None)
        branch = plain_branch(member.relation.branch) if member.relation is not None else None
        if name is None:
            if placed_by_paths(tree, branch):
                unnamed.add(branch)
        elif placed_by_paths(tree, branch):
            assert branch is not None
            where.setdefault(name, set()).add(branch)
        else:
            doubtful.add(name)
    with_unnamed = {code for branch in unnamed for code in tree.path_to_root(branch)}
    found = set()
    for code in tree:
        for index, leader in enumerate(tree.node(code).record.leaders or ()):
            name = comparable_name(leader.name)
            if name is None or name in doubtful or code in with_unnamed:
                continue
            if not any(code in tree.path_to_root(branch) for branch in where.get(name, ())):
                found.add((code, f"leaders[{index}].name"))
    return found


@st.composite
def forests(draw: st.DrawFn) -> list[Organization]:
    """Mostly sound trees (each parent an earlier code), now and then a root recorded twice or an orphan."""
    records = []
    for i in range(1, draw(st.integers(1, 8)) + 1):
        parent = draw(st.sampled_from([None, "9", *map(str, range(1, i))])) if i > 1 else None
        records.append(org(str(i), draw(st.sampled_from(["611", "621", "631", "631", ""])), parent))
    return records


@st.composite
def databases(draw: st.DrawFn) -> tuple[list[Any], list[Member]]:
    organizations = [attrs.evolve(record, leaders=tuple(
        Leader(name=draw(st.sampled_from(NAMES)), title="001A") for _ in range(draw(st.integers(0, 3)))))
        for record in draw(st.one_of(parent_graphs(), forests()))]
    branches = [*sorted({record.key for record in organizations if record.key is not None}), "9", "", None]
    members = [Member(id=f"M{i}", basic=Person(name=draw(st.sampled_from(NAMES))),
                      relation=Relation(branch=draw(st.sampled_from(branches))))
               for i in range(draw(st.integers(0, 16)))]
    return organizations, members


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(databases())
def test_placement_and_leaders_agree_with_the_paths_to_the_root(database: tuple[list[Any], list[Member]]) -> None:
    organizations, members = database
    tree = OrgTree.build(organizations)
    ctx = SystemContext(as_of=AS_OF, tree=tree, tables=default_tables(), ruleset=SHAANXI_2011)
    assert {code for code in tree if is_placed(ctx, code)} == {code for code in tree if placed_by_paths(tree, code)}
    result = check(InfoBase(organizations=tuple(organizations), members=tuple(members)), as_of=AS_OF,
                   select=["ORG701"])
    assert {(f.key, f.field) for f in result.findings} == leaders_not_found_by_paths(tree, members)
