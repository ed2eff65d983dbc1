"""The roster (「实际情况」) and its comparison with the tree: one change to the database, one difference."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpcinfo.org import Organization, OrgBasic
from cpcinfo.org.roster import Roster, RosterEntry
from cpcinfo.org.roster_checks import RosterDifference, RosterDifferenceKind, compare
from cpcinfo.org.tree import OrgTree
from cpcinfo.org.tree_rules import tree_rule


def org(code: str, category: str, parent: str | None, name: str) -> Organization:
    return Organization(parent=parent, basic=OrgBasic(code=code, name=name, category=category))


def code_of(record: Organization) -> str:
    assert record.key is not None
    return record.key


def entry_of(record: Organization) -> RosterEntry:
    assert record.basic is not None
    return RosterEntry(
        code=code_of(record),
        name=str(record.basic.name),
        category=str(record.basic.category),
        parent=None if record.parent is None else str(record.parent),
    )


@st.composite
def valid_trees(draw: st.DrawFn) -> list[Organization]:
    """A 党委 root 001 (with at least two children) with 二级党委, 党总支 (each with branches) and
    branches; a child's code extends its parent's."""
    records: list[Organization] = []

    def committee(code: str, parent: str | None, level: int) -> None:
        records.append(org(code, "611", parent, f"{code}党委"))
        for serial, kind in enumerate(
            draw(st.lists(st.sampled_from(["611", "621", "631"]), min_size=2 if level == 0 else 1, max_size=4)), start=1
        ):
            child = f"{code}{serial:03d}"
            if kind == "611" and level < 2:
                committee(child, code, level + 1)
            elif kind == "621":
                records.append(org(child, "621", code, f"{child}党总支"))
                for b in range(1, draw(st.integers(1, 3)) + 1):
                    records.append(org(f"{child}{b:03d}", "631", child, f"{child}{b:03d}党支部"))
            else:
                records.append(org(child, draw(st.sampled_from(["631", "632"])), code, f"{child}党支部"))

    committee("001", None, 0)
    return list(draw(st.permutations(records)))


def kinds(differences: tuple[RosterDifference, ...]) -> list[tuple[RosterDifferenceKind, str | None, str | None]]:
    return [(d.kind, d.roster_code, d.database_code) for d in differences]


def replace(records: list[Organization], target: str, /, **changes: str | None) -> list[Organization]:
    """The records with the one whose code is ``target`` changed (``code``, ``category`` or ``parent``)."""
    result = []
    for record in records:
        if code_of(record) == target:
            assert record.basic is not None
            basic = record.basic
            if "code" in changes or "category" in changes:
                basic = OrgBasic(
                    code=changes.get("code", basic.code),
                    name=basic.name,
                    category=changes.get("category", basic.category),
                )
            record = Organization(parent=changes.get("parent", record.parent), basic=basic)
        result.append(record)
    return result


SLOW = settings(max_examples=50, suppress_health_check=[HealthCheck.too_slow])


@SLOW
@given(valid_trees())
def test_the_database_agrees_with_its_own_roster(records: list[Organization]) -> None:
    assert compare(OrgTree.build(records), Roster(entry_of(r) for r in records)) == ()


@SLOW
@given(records=valid_trees(), data=st.data())
def test_a_removed_organization_is_missing_once(records: list[Organization], data: st.DataObject) -> None:
    roster = Roster(entry_of(r) for r in records)
    removed = data.draw(st.sampled_from(sorted(code_of(r) for r in records)))
    tree = OrgTree.build([r for r in records if code_of(r) != removed])
    differences = compare(tree, roster)
    assert kinds(differences) == [(RosterDifferenceKind.MISSING_FROM_DATABASE, removed, None)]
    assert tree_rule(differences[0].kind).item == 5
    assert removed in differences[0].message


@SLOW
@given(records=valid_trees(), data=st.data())
def test_a_renamed_code_is_one_code_differs(records: list[Organization], data: st.DataObject) -> None:
    # The children follow the renamed parent: none of them has a different parent.
    roster = Roster(entry_of(r) for r in records)
    old = data.draw(st.sampled_from(sorted(code_of(r) for r in records)))
    new = f"9{old}"
    renamed = replace(records, old, code=new)
    renamed = [Organization(parent=new, basic=r.basic) if r.parent == old else r for r in renamed]
    differences = compare(OrgTree.build(renamed), roster)
    assert kinds(differences) == [(RosterDifferenceKind.CODE_DIFFERS, old, new)]
    assert tree_rule(differences[0].kind).item == 6


@SLOW
@given(records=valid_trees(), data=st.data())
def test_a_moved_organization_has_one_different_parent(records: list[Organization], data: st.DataObject) -> None:
    roster = Roster(entry_of(r) for r in records)
    tree = OrgTree.build(records)
    moved = data.draw(st.sampled_from(sorted(c for c in tree if c != "001")))
    targets = sorted(c for c in tree if c not in tree.subtree_codes(moved) and c != tree.parent(moved))
    target = data.draw(st.sampled_from(targets))
    differences = compare(OrgTree.build(replace(records, moved, parent=target)), roster)
    assert kinds(differences) == [(RosterDifferenceKind.DIFFERENT_PARENT, moved, moved)]
    assert (differences[0].roster_value, differences[0].database_value) == (roster[moved].parent, target)


@SLOW
@given(records=valid_trees(), data=st.data())
def test_a_changed_category_is_one_difference(records: list[Organization], data: st.DataObject) -> None:
    roster = Roster(entry_of(r) for r in records)
    changed = data.draw(st.sampled_from(sorted(code_of(r) for r in records)))
    category = {"611": "621", "621": "631", "631": "632", "632": "631"}[roster[changed].category]
    differences = compare(OrgTree.build(replace(records, changed, category=category)), roster)
    assert kinds(differences) == [(RosterDifferenceKind.DIFFERENT_CATEGORY, changed, changed)]


@SLOW
@given(records=valid_trees(), data=st.data())
def test_an_extra_organization_is_unknown_once(records: list[Organization], data: st.DataObject) -> None:
    roster = Roster(entry_of(r) for r in records)
    parent = data.draw(st.sampled_from(sorted(code_of(r) for r in records)))
    extra = org(f"{parent}900", "631", parent, "多出的党支部")
    differences = compare(OrgTree.build([*records, extra]), roster)
    assert kinds(differences) == [(RosterDifferenceKind.UNKNOWN_TO_ROSTER, None, f"{parent}900")]


# -- worked examples ----------------------------------------------------------------------------------

DATABASE = [
    org("001", "611", None, "机关党委"),
    org("001001", "621", "001", "第一党总支"),
    org("001001001", "631", "001001", "第一党支部"),
    org("001001002", "党支部", "001001", "第二党支部"),
    org("001002", "631", "001", "第三党支部"),
]


def roster_of(*changes: tuple[str, str, str, str | None]) -> Roster:
    return Roster(RosterEntry(code=c, name=n, category=k, parent=p) for c, n, k, p in changes)


ROSTER_ROWS = [
    ("001", "机关党委", "611", None),
    ("001001", "第一党总支", "621", "001"),
    ("001001001", "第一党支部", "631", "001001"),
    ("001001002", "第二党支部", "631", "001001"),
    ("001002", "第三党支部", "631", "001"),
]


def test_a_label_and_its_code_agree() -> None:
    assert compare(OrgTree.build(DATABASE), roster_of(*ROSTER_ROWS)) == ()
    rows = [*ROSTER_ROWS[:4], ("001002", "第三党支部", "党支部", "001")]
    assert compare(OrgTree.build(DATABASE), roster_of(*rows)) == ()


def test_a_parent_with_another_code_does_not_cascade() -> None:
    # The roster knows the 党总支 as 001009; the database calls it 001001, and so do its branches.
    rows = [
        ("001", "机关党委", "611", None),
        ("001009", "第一党总支", "621", "001"),
        ("001001001", "第一党支部", "631", "001009"),
        ("001001002", "第二党支部", "631", "001009"),
        ("001002", "第三党支部", "631", "001"),
    ]
    differences = compare(OrgTree.build(DATABASE), roster_of(*rows))
    assert kinds(differences) == [(RosterDifferenceKind.CODE_DIFFERS, "001009", "001001")]
    assert differences[0].message == "党组织「第一党总支」在数据库中的代码为「001001」，实际代码为「001009」"


def test_children_still_naming_the_real_parent_code_are_not_moved() -> None:
    # The database renamed the 党总支 to 001009 but its branches still name 001001, its real code.
    database = replace(DATABASE, "001001", code="001009")
    differences = compare(OrgTree.build(database), roster_of(*ROSTER_ROWS))
    assert kinds(differences) == [(RosterDifferenceKind.CODE_DIFFERS, "001001", "001009")]


def test_a_moved_child_of_a_renamed_parent_names_both_codes() -> None:
    database = [
        *replace(DATABASE, "001001", code="001009"),
        org("001003", "631", "001", "第四党支部"),
    ]
    database = [Organization(parent="001009", basic=r.basic) if r.parent == "001001" else r for r in database]
    rows = [*ROSTER_ROWS, ("001003", "第四党支部", "631", "001001")]
    differences = compare(OrgTree.build(database), roster_of(*rows))
    assert kinds(differences) == [
        (RosterDifferenceKind.CODE_DIFFERS, "001001", "001009"),
        (RosterDifferenceKind.DIFFERENT_PARENT, "001003", "001003"),
    ]
    assert differences[1].message == (
        "党组织「001003」（第四党支部）在数据库中的上级党组织为「001」，实际应为「001001」（数据库中代码为「001009」）"
    )


def test_a_renamed_subtree_is_one_code_differs_per_record() -> None:
    rows = [
        ("001", "机关党委", "611", None),
        ("001009", "第一党总支", "621", "001"),
        ("001009001", "第一党支部", "631", "001009"),
        ("001009002", "第二党支部", "631", "001009"),
        ("001002", "第三党支部", "631", "001"),
    ]
    differences = compare(OrgTree.build(DATABASE), roster_of(*rows))
    assert kinds(differences) == [
        (RosterDifferenceKind.CODE_DIFFERS, "001009", "001001"),
        (RosterDifferenceKind.CODE_DIFFERS, "001009001", "001001001"),
        (RosterDifferenceKind.CODE_DIFFERS, "001009002", "001001002"),
    ]


def test_children_of_a_missing_parent_are_not_moved() -> None:
    database = [r for r in DATABASE if code_of(r) != "001001"]
    differences = compare(OrgTree.build(database), roster_of(*ROSTER_ROWS))
    assert kinds(differences) == [(RosterDifferenceKind.MISSING_FROM_DATABASE, "001001", None)]


def test_an_unknown_database_category_is_left_to_the_field_rules() -> None:
    database = replace(DATABASE, "001002", category="支部书记")
    assert compare(OrgTree.build(database), roster_of(*ROSTER_ROWS)) == ()
    database = replace(DATABASE, "001002", category="")
    assert compare(OrgTree.build(database), roster_of(*ROSTER_ROWS)) == ()


def test_differences_are_sorted_and_carry_items() -> None:
    database = [
        *replace(DATABASE, "001002", parent="001001", category="632"),
        org("001003", "631", "001", "第四党支部"),
    ]
    rows = [*ROSTER_ROWS, ("001005", "第五党支部", "631", "001")]
    differences = compare(OrgTree.build(database), roster_of(*rows))
    assert [(d.kind, d.code, tree_rule(d.kind).item) for d in differences] == [
        (RosterDifferenceKind.MISSING_FROM_DATABASE, "001005", 5),
        (RosterDifferenceKind.UNKNOWN_TO_ROSTER, "001003", 6),
        (RosterDifferenceKind.DIFFERENT_PARENT, "001002", 6),
        (RosterDifferenceKind.DIFFERENT_CATEGORY, "001002", 6),
    ]
    assert differences[3].message == "党组织「001002」（第三党支部）在数据库中的组织类别为「632」，实际应为「631」"


# -- the roster itself --------------------------------------------------------------------------------


def test_duplicate_roster_codes_are_a_value_error_naming_them() -> None:
    with pytest.raises(ValueError, match="001001, 001002"):
        roster_of(
            *ROSTER_ROWS, ("001001", "甲", "631", "001"), ("001002", "乙", "631", "001"), ("001001", "丙", "", None)
        )


def test_roster_entries_need_a_code_and_a_name() -> None:
    with pytest.raises(ValueError, match="code"):
        RosterEntry(code=" ", name="甲")
    with pytest.raises(ValueError, match="name"):
        RosterEntry(code="001", name="")
    assert RosterEntry(code="001", name="甲", parent="  ").parent is None


def test_roster_lookups_and_top_down_order() -> None:
    roster = roster_of(*reversed(ROSTER_ROWS), ("900", "别处", "631", "800"))
    assert len(roster) == 6 and "001001" in roster and roster.get("404") is None
    assert roster["001001"].name == "第一党总支"
    assert [e.code for e in roster.top_down()] == ["001", "900", "001001", "001002", "001001001", "001001002"]
    with pytest.raises(KeyError, match="'404'"):
        roster["404"]
