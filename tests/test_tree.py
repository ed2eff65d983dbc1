"""The organization tree: queries on a worked example, and the faults of items 5 and 6.

The central property is "break one thing": a fault of each kind planted once in a generated valid tree
is found exactly once, and nothing else is found.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpcinfo.codes import default_tables
from cpcinfo.member import Member, Relation
from cpcinfo.org import Organization, OrgBasic
from cpcinfo.org.tree import CategoryKind, OrgTree, category_kind
from cpcinfo.org.tree_checks import TreeFault, TreeFaultKind, tree_faults
from cpcinfo.org.tree_rules import tree_rule
from cpcinfo.rules.model import RuleStatus
from cpcinfo.values import Unparsed

CATEGORY = default_tables()["org_category"]


def org(code: str | None, category: str | None, parent: str | None = None, name: str | None = None) -> Organization:
    return Organization(
        parent=parent, basic=OrgBasic(code=code, name=name if name is not None else f"组织{code}", category=category)
    )


def code_of(record: Organization) -> str:
    key = record.key
    assert key is not None
    return key


def category_of(record: Organization) -> str:
    assert record.basic is not None and isinstance(record.basic.category, str)
    return record.basic.category


def shape(tree: OrgTree) -> tuple[Any, ...]:
    """Everything a tree answers, to compare two trees: its nodes in order with their records, parents,
    depths and kinds, and what it keeps aside."""
    return (tuple(tree.node(code) for code in tree), tree.roots, tree.orphans, tree.cycles, tree.main_root,
            tree.keyless, tree.duplicates, frozenset(tree.named_parents))


def summary(faults: tuple[TreeFault, ...]) -> list[tuple[TreeFaultKind, str | None, int | None]]:
    return [(fault.kind, fault.code, fault.index) for fault in faults]


# -- a local strategy for valid trees -----------------------------------------------------------------


@st.composite
def valid_trees(draw: st.DrawFn, max_levels: int = 2) -> list[Organization]:
    """A valid tree, shuffled: a 党委 root 001 (611) with at least one 党总支 (621, each with 1–3 branches)
    and at least one branch directly under it; optionally 二级党委 with the same shape. A child's code is
    its parent's code plus three digits."""
    records: list[Organization] = []

    def committee(code: str, parent: str | None, level: int) -> None:
        records.append(org(code, "611", parent, f"第{code}党委"))
        serial = 0

        def next_code() -> str:
            nonlocal serial
            serial += 1
            return f"{code}{serial:03d}"

        for _ in range(draw(st.integers(0, 2)) if level < max_levels else 0):
            committee(next_code(), code, level + 1)
        for _ in range(draw(st.integers(1 if level == 0 else 0, 2))):
            general = next_code()
            records.append(org(general, draw(st.sampled_from(["621", "921"])), code, f"第{general}党总支"))
            for k in range(draw(st.integers(1, 3))):
                branch = f"{general}{k + 1:03d}"
                records.append(org(branch, draw(st.sampled_from(["631", "632", "931"])), general, f"第{branch}支部"))
        for _ in range(draw(st.integers(1, 3))):
            branch = next_code()
            records.append(org(branch, draw(st.sampled_from(["631", "632", "932"])), code, f"第{branch}支部"))

    committee("001", None, 0)
    return list(draw(st.permutations(records)))


def kinds_in(records: list[Organization]) -> dict[str, CategoryKind]:
    return {code_of(r): category_kind(category_of(r), CATEGORY) for r in records}


def pick(data: st.DataObject, records: list[Organization], kind: CategoryKind) -> str:
    kinds = kinds_in(records)
    return data.draw(st.sampled_from(sorted(code for code, k in kinds.items() if k is kind)))


# -- planting one fault -------------------------------------------------------------------------------

# A planter takes a valid tree and returns the broken tree and the one fault expected: (code, index).
Planter = Callable[[st.DataObject, list[Organization]], tuple[list[Organization], str | None, int]]


def plant_keyless(data: st.DataObject, records: list[Organization]) -> tuple[list[Organization], str | None, int]:
    return [*records, org(None, "631", "001", "无代码党支部")], None, len(records)


def plant_duplicate(data: st.DataObject, records: list[Organization]) -> tuple[list[Organization], str | None, int]:
    branch = pick(data, records, CategoryKind.BRANCH)
    copied = next(r for r in records if code_of(r) == branch)
    return [*records, copied], code_of(copied), len(records)


def plant_missing_parent(
    data: st.DataObject, records: list[Organization]
) -> tuple[list[Organization], str | None, int]:
    return [*records, org("999001", "631", "999")], "999001", len(records)


def plant_cycle(data: st.DataObject, records: list[Organization]) -> tuple[list[Organization], str | None, int]:
    # The root names one of its own descendants (or itself) as its parent.
    target = data.draw(st.sampled_from(sorted(code_of(r) for r in records)))
    index = next(i for i, r in enumerate(records) if code_of(r) == "001")
    broken = list(records)
    broken[index] = org("001", "611", target, "第001党委")
    return broken, "001", index


def plant_extra_root(data: st.DataObject, records: list[Organization]) -> tuple[list[Organization], str | None, int]:
    # A stray top-level branch, whose code sorts before or after the real root's.
    code = data.draw(st.sampled_from(["000", "002", "999"]))
    return [*records, org(code, "631", None)], code, len(records)


def plant_branch_with_children(
    data: st.DataObject, records: list[Organization]
) -> tuple[list[Organization], str | None, int]:
    branch = pick(data, records, CategoryKind.BRANCH)
    index = next(i for i, r in enumerate(records) if code_of(r) == branch)
    category = data.draw(st.sampled_from(["631", "632", "612", ""]))  # a branch, 党组 or unknown below a branch
    return [*records, org(f"{branch}001", category, branch)], branch, index


def plant_under_branch(data: st.DataObject, records: list[Organization]) -> tuple[list[Organization], str | None, int]:
    branch = pick(data, records, CategoryKind.BRANCH)
    category = data.draw(st.sampled_from(["611", "621", "911", "921"]))
    child = f"{branch}001"
    return [*records, org(child, category, branch), org(f"{child}001", "631", child)], child, len(records)


def plant_general_branch_non_branch_child(
    data: st.DataObject, records: list[Organization]
) -> tuple[list[Organization], str | None, int]:
    general = pick(data, records, CategoryKind.GENERAL_BRANCH)
    child = f"{general}900"
    category = data.draw(st.sampled_from(["611", "621", "612"]))
    extra = [] if category == "612" else [org(f"{child}001", "631", child)]
    return [*records, org(child, category, general), *extra], child, len(records)


def plant_code_not_extending_parent(
    data: st.DataObject, records: list[Organization]
) -> tuple[list[Organization], str | None, int]:
    parent = data.draw(st.sampled_from(sorted(c for c, k in kinds_in(records).items() if k is not CategoryKind.BRANCH)))
    child = f"800{parent}001"
    return [*records, org(child, "631", parent)], child, len(records)


def plant_empty_general_branch(
    data: st.DataObject, records: list[Organization]
) -> tuple[list[Organization], str | None, int]:
    committee = pick(data, records, CategoryKind.COMMITTEE)
    return [*records, org(f"{committee}900", "621", committee)], f"{committee}900", len(records)


def plant_general_branch_loses_branches(
    data: st.DataObject, records: list[Organization]
) -> tuple[list[Organization], str | None, int]:
    general = pick(data, records, CategoryKind.GENERAL_BRANCH)
    kept = [r for r in records if r.parent != general]
    return kept, general, next(i for i, r in enumerate(kept) if code_of(r) == general)


def plant_empty_committee(
    data: st.DataObject, records: list[Organization]
) -> tuple[list[Organization], str | None, int]:
    committee = pick(data, records, CategoryKind.COMMITTEE)
    category = data.draw(st.sampled_from(["611", "911"]))
    return [*records, org(f"{committee}900", category, committee)], f"{committee}900", len(records)


PLANTERS: list[tuple[TreeFaultKind, Planter]] = [
    (TreeFaultKind.KEYLESS, plant_keyless),
    (TreeFaultKind.DUPLICATE_CODE, plant_duplicate),
    (TreeFaultKind.MISSING_PARENT, plant_missing_parent),
    (TreeFaultKind.CYCLE, plant_cycle),
    (TreeFaultKind.EXTRA_ROOT, plant_extra_root),
    (TreeFaultKind.BRANCH_WITH_CHILDREN, plant_branch_with_children),
    (TreeFaultKind.UNDER_BRANCH, plant_under_branch),
    (TreeFaultKind.GENERAL_BRANCH_NON_BRANCH_CHILD, plant_general_branch_non_branch_child),
    (TreeFaultKind.CODE_NOT_EXTENDING_PARENT, plant_code_not_extending_parent),
    (TreeFaultKind.GENERAL_BRANCH_WITHOUT_BRANCH, plant_empty_general_branch),
    (TreeFaultKind.GENERAL_BRANCH_WITHOUT_BRANCH, plant_general_branch_loses_branches),
    (TreeFaultKind.COMMITTEE_WITHOUT_SUBORDINATE, plant_empty_committee),
]


def test_every_fault_kind_has_a_planter() -> None:
    assert {kind for kind, _ in PLANTERS} == set(TreeFaultKind)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(records=valid_trees())
def test_a_valid_tree_has_no_faults(records: list[Organization]) -> None:
    tree = OrgTree.build(records)
    assert tree_faults(tree) == ()
    assert tree.roots == ("001",)
    assert len(tree) == len(records)


@pytest.mark.parametrize(("kind", "planter"), PLANTERS, ids=[p.__name__ for _, p in PLANTERS])
@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_one_planted_fault_is_found_exactly_once(kind: TreeFaultKind, planter: Planter, data: st.DataObject) -> None:
    records = data.draw(valid_trees())
    broken, code, index = planter(data, records)
    faults = tree_faults(OrgTree.build(broken))
    assert summary(faults) == [(kind, code, index)]
    assert tree_rule(faults[0].kind).item == tree_rule(kind).item
    assert faults[0].message


def test_items_and_preview() -> None:
    item_5 = {TreeFaultKind.GENERAL_BRANCH_WITHOUT_BRANCH, TreeFaultKind.COMMITTEE_WITHOUT_SUBORDINATE}
    assert {kind for kind in TreeFaultKind if tree_rule(kind).item == 5} == item_5
    assert {kind for kind in TreeFaultKind if tree_rule(kind).item == 6} == set(TreeFaultKind) - item_5
    assert [kind for kind in TreeFaultKind if tree_rule(kind).status is RuleStatus.PREVIEW] == [
        TreeFaultKind.CODE_NOT_EXTENDING_PARENT]


# -- cycles and depth ---------------------------------------------------------------------------------


@st.composite
def trees_with_a_cycle(draw: st.DrawFn) -> tuple[list[Organization], list[str]]:
    """A cycle of 1–6 organizations (in parent order) with small trees hanging off it, shuffled."""
    codes = draw(st.lists(st.integers(100, 999).map(str), min_size=1, max_size=6, unique=True))
    records = [org(code, "", codes[(k + 1) % len(codes)]) for k, code in enumerate(codes)]
    for k in range(draw(st.integers(0, 8))):
        parent = draw(st.sampled_from([code_of(r) for r in records]))
        records.append(org(f"{parent}{k:03d}", "631", parent))
    return list(draw(st.permutations(records))), codes


@given(trees_with_a_cycle())
def test_a_cycle_is_found_once_whatever_the_input_order(case: tuple[list[Organization], list[str]]) -> None:
    records, cycle = case
    tree = OrgTree.build(records)
    cycles = [fault for fault in tree_faults(tree) if fault.kind is TreeFaultKind.CYCLE]
    smallest = cycle.index(min(cycle))
    ring = cycle[smallest:] + cycle[:smallest]
    assert [(f.code, f.related) for f in cycles] == [(ring[0], tuple(ring[1:]))]
    # The tree is cut at the smallest code, and every node is still reached once.
    assert tree.parent(ring[0]) is None
    assert tree.node(ring[0]).recorded_parent == cycle[(smallest + 1) % len(cycle)]
    assert sorted(tree) == sorted(code_of(r) for r in records)
    assert tree.roots == ()


@st.composite
def parent_graphs(draw: st.DrawFn) -> list[Organization]:
    """Any parent links over a few codes: cycles, orphans, several roots, duplicates, keyless records."""
    pool = ["1", "2", "3", "4", "5", "6", "7", "8"]
    records = []
    for _ in range(draw(st.integers(0, 10))):
        code = draw(st.sampled_from([*pool, None]))
        parent = draw(st.sampled_from([*pool, "9", None]))
        records.append(org(code, draw(st.sampled_from(["611", "621", "631", "612", ""])), parent))
    return records


def cycles_by_brute_force(records: list[Organization]) -> set[frozenset[str]]:
    parent: dict[str, str | None] = {}
    for r in records:
        if r.key is not None and r.key not in parent:
            parent[r.key] = None if r.parent is None else str(r.parent)
    found = set()
    for start in parent:
        seen = [start]
        node = parent[start]
        while node is not None and node in parent and node not in seen:
            seen.append(node)
            node = parent[node]
        if node == start:
            found.add(frozenset(seen))
    return found


@given(parent_graphs())
def test_tree_invariants_against_brute_force(records: list[Organization]) -> None:
    tree = OrgTree.build(records)
    # Nothing is dropped: every record is a node, keyless or a duplicate.
    assert len(tree) + len(tree.keyless) + len(tree.duplicates) == len(records)
    assert sorted(tree) == sorted({r.key for r in records if r.key is not None})
    # Cycles: one fault per cycle, about its smallest code.
    cycles = cycles_by_brute_force(records)
    found = [f for f in tree_faults(tree) if f.kind is TreeFaultKind.CYCLE]
    assert {frozenset((f.code or "", *f.related)) for f in found} == cycles
    assert all(f.code == min((*f.related, f.code or "")) for f in found)
    # Queries agree with one another.
    for code in tree:
        path = tree.path_to_root(code)
        assert path[0] == code and tree.depth(code) == len(path) - 1
        assert tree.parent(code) == (path[1] if len(path) > 1 else None)
        below = tree.descendants(code)
        assert set(below) == {c for c in tree if c != code and code in tree.path_to_root(c)}
        assert tree.subtree_codes(code) == {code, *below}
        assert tree.children(code) == tuple(sorted(c for c in tree if tree.parent(c) == code))
        start, end = tree.span(code)  # under, by position, exactly when on the path to the root
        assert {c for c in tree if start <= tree.span(c)[0] < end} == {code, *below}
    # Faults are sorted and deterministic.
    assert list(tree_faults(tree)) == sorted(tree_faults(tree), key=TreeFault.sort_key)
    assert tree_faults(OrgTree.build(records)) == tree_faults(tree)


def test_a_chain_100000_deep_builds_without_recursion() -> None:
    n = 100_000
    records = [org(f"{k:06d}", "611", f"{k - 1:06d}" if k else None) for k in range(n)]
    records[-1] = org(f"{n - 1:06d}", "631", f"{n - 2:06d}")
    tree = OrgTree.build(records)
    last = f"{n - 1:06d}"
    assert tree.depth(last) == n - 1
    assert len(tree.path_to_root(last)) == n
    assert len(tree.descendants("000000")) == n - 1
    assert tree.branches_under("000000") == (last,)
    # The codes do not extend their parents' (a preview fault per link), and nothing else is wrong.
    assert {f.kind for f in tree_faults(tree)} == {TreeFaultKind.CODE_NOT_EXTENDING_PARENT}


def test_a_cycle_100000_long_is_one_fault() -> None:
    n = 100_000
    records = [org(f"{k:06d}", "611", f"{(k + 1) % n:06d}") for k in range(n)]
    tree = OrgTree.build(records[::-1])
    assert summary(tree_faults(tree)) == [(TreeFaultKind.CYCLE, "000000", n - 1)]
    assert len(tree_faults(tree)[0].related) == n - 1
    assert tree.depth("000001") == n - 1


# -- a worked example ---------------------------------------------------------------------------------

#   001        机关党委          611
#   ├─ 001001  第一党总支        621
#   │  ├─ 001001001 第一党支部   631
#   │  └─ 001001002 联合党支部   632
#   ├─ 001002  二级党委          611
#   │  └─ 001002001 第三党支部   党支部 (a label)
#   └─ 001003  临时党支部        931
EXAMPLE = [
    org("001002001", "党支部", "001002", "第三党支部"),
    org("001003", "931", "001", "临时党支部"),
    org("001", "611", None, "机关党委"),
    org("001001002", "632", "001001", "联合党支部"),
    org("001002", "611", "001", "二级党委"),
    org("001001", "621", "001", "第一党总支"),
    org("001001001", "631", "001001", "第一党支部"),
]


@pytest.fixture(scope="module")
def example() -> OrgTree:
    return OrgTree.build(EXAMPLE)


def test_example_shape(example: OrgTree) -> None:
    assert tree_faults(example) == ()
    assert example.roots == ("001",)
    assert len(example) == 7
    assert "001002" in example and "002" not in example and None not in example
    assert list(example) == ["001", "001001", "001001001", "001001002", "001002", "001002001", "001003"]
    assert example.children("001") == ("001001", "001002", "001003")
    assert example.children("001003") == ()
    assert example.parent("001") is None and example.parent("001001002") == "001001"


def test_example_paths_and_depths(example: OrgTree) -> None:
    assert example.path_to_root("001001002") == ("001001002", "001001", "001")
    assert example.path_to_root("001") == ("001",)
    assert [example.depth(c) for c in ("001", "001002", "001002001")] == [0, 1, 2]


def test_example_descendants_and_branches(example: OrgTree) -> None:
    assert example.descendants("001") == ("001001", "001001001", "001001002", "001002", "001002001", "001003")
    assert example.descendants("001001") == ("001001001", "001001002")
    assert example.descendants("001003") == ()
    assert example.subtree_codes("001002") == {"001002", "001002001"}
    assert example.branches_under("001") == ("001001001", "001001002", "001002001", "001003")
    assert example.branches_under("001001") == ("001001001", "001001002")
    assert example.branches_under("001003") == ("001003",)
    assert example.is_branch("001002001") and not example.is_branch("001002")


def test_example_members_under(example: OrgTree) -> None:
    def member(key: str, branch: str | Unparsed | None) -> Member:
        return Member(id=key, relation=None if branch is None else Relation(branch=branch))

    members = [
        member("a", "001001001"),
        member("b", "001002001"),
        member("c", "001001002"),
        member("d", None),
        member("e", "999"),
        member("f", Unparsed(1001)),
        member("g", "001001"),
    ]
    assert [m.key for m in example.members_under("001001", members)] == ["a", "c", "g"]
    assert [m.key for m in example.members_under("001", members)] == ["a", "b", "c", "g"]
    assert example.members_under("001003", members) == ()


def test_example_node(example: OrgTree) -> None:
    node = example.node("001002001")
    assert (node.code, node.index, node.parent, node.recorded_parent, node.depth, node.kind) == (
        "001002001",
        0,
        "001002",
        "001002",
        2,
        CategoryKind.BRANCH,
    )
    assert node.record is EXAMPLE[0]


def test_unknown_code_is_a_key_error_naming_it(example: OrgTree) -> None:
    with pytest.raises(KeyError, match="'404'"):
        example.node("404")
    with pytest.raises(KeyError):
        example.descendants("404")


# -- readings ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("611", CategoryKind.COMMITTEE),
        ("911", CategoryKind.COMMITTEE),
        ("621", CategoryKind.GENERAL_BRANCH),
        ("党总支", CategoryKind.GENERAL_BRANCH),
        ("631", CategoryKind.BRANCH),
        ("632", CategoryKind.BRANCH),
        ("932", CategoryKind.BRANCH),
        ("党支部", CategoryKind.BRANCH),
        ("６３１", CategoryKind.BRANCH),
        (Unparsed(631), CategoryKind.BRANCH),
        ("612", CategoryKind.OTHER),
        ("1", CategoryKind.OTHER),
        ("党工委", CategoryKind.OTHER),
        ("", CategoryKind.UNKNOWN),
        ("  ", CategoryKind.UNKNOWN),
        (None, CategoryKind.UNKNOWN),
        ("999", CategoryKind.UNKNOWN),
        ("小组", CategoryKind.UNKNOWN),
    ],
)
def test_category_kind(value: str | Unparsed | None, kind: CategoryKind) -> None:
    assert category_kind(value, CATEGORY) is kind


def test_blank_code_is_keyless_and_blank_parent_is_a_root() -> None:
    tree = OrgTree.build([org("001", "611", "  "), org("  ", "631", "001"), org("001001", "631", "001")])
    assert tree.roots == ("001",)
    assert summary(tree_faults(tree)) == [(TreeFaultKind.KEYLESS, None, 1)]
    assert tree.keyless == ((1, org("  ", "631", "001")),)


def test_keyless_or_duplicate_child_counts_as_a_subordinate() -> None:
    records = [org("001", "611"), org("001001", "621", "001"), org(None, "631", "001001")]
    assert summary(tree_faults(OrgTree.build(records))) == [(TreeFaultKind.KEYLESS, None, 2)]


def test_a_child_of_unknown_category_gets_the_benefit_of_the_doubt() -> None:
    # The field rules report the blank category; it may well be the 党总支's missing branch.
    records = [
        org("001", "611"),
        org("001001", "621", "001"),
        org("001001001", "", "001001"),
        org("001002", "631", "001"),
    ]
    assert tree_faults(OrgTree.build(records)) == ()


def test_first_record_of_a_code_wins() -> None:
    first, second = org("001", "611", None, "甲"), org("001", "631", None, "乙")
    tree = OrgTree.build([first, org("001001", "631", "001"), second])
    assert tree.node("001").record is first
    assert tree.duplicates == ((2, second),)
    assert summary(tree_faults(tree)) == [(TreeFaultKind.DUPLICATE_CODE, "001", 2)]


def test_main_root_is_the_largest_tree() -> None:
    records = [org("900", "611"), org("900001", "631", "900"), org("900002", "631", "900"), org("100", "631")]
    faults = tree_faults(OrgTree.build(records))
    assert [(f.kind, f.code, f.related) for f in faults] == [(TreeFaultKind.EXTRA_ROOT, "100", ("900",))]


def test_orphans_and_cut_cycles_come_after_roots_in_iteration() -> None:
    records = [org("5", "631", "4"), org("4", "631", "5"), org("3", "631", "missing"), org("9", "611")]
    tree = OrgTree.build([*records, org("9001", "631", "9")])
    assert list(tree) == ["9", "9001", "3", "4", "5"]
    assert tree.roots == ("9",)


def test_messages_speak_to_a_party_affairs_worker() -> None:
    records = [
        org("001", "611", None, "机关党委"),
        org("001002", "621", "001", "第二党总支"),
        org("001002003", "631", "001002", "第三党支部"),
        org("001002003001", "631", "001002003", "第一党小组"),
    ]
    (fault,) = tree_faults(OrgTree.build(records))
    assert fault.kind is TreeFaultKind.BRANCH_WITH_CHILDREN
    assert fault.related == ("001002003001",)
    assert fault.message == "党支部「001002003」（第三党支部）下设有下级党组织「001002003001」，党支部不应再设下级组织"


def test_a_committee_under_a_branch_is_only_under_branch() -> None:
    records = [
        org("001", "611"),
        org("001001", "621", "001"),
        org("001001001", "631", "001001"),
        org("001001001001", "611", "001001001"),
        org("001001001002", "631", "001001001"),
        org("001001001001001", "631", "001001001001"),
    ]
    faults = tree_faults(OrgTree.build(records))
    assert [(f.kind, f.code) for f in faults] == [
        (TreeFaultKind.BRANCH_WITH_CHILDREN, "001001001"),
        (TreeFaultKind.UNDER_BRANCH, "001001001001"),
    ]
    assert faults[0].related == ("001001001002",)


@given(parent_graphs())
def test_a_tree_pickles_as_the_same_tree_built_again(records: list[Organization]) -> None:
    tree = OrgTree.build(records)
    assert tree.organizations() == tuple(records)
    back = pickle.loads(pickle.dumps(tree))
    assert shape(back) == shape(tree)
    assert tree_faults(back) == tree_faults(tree)
