"""The comparison of the organization tree with the roster (「实际情况」), for items 5 and 6.

:func:`compare` reports each :class:`RosterDifference` between a :class:`~cpcinfo.org.roster.Roster` of the
organizations that really exist and an :class:`~cpcinfo.org.tree.OrgTree`. Each difference says in Chinese
what is wrong; which rule reports it, under which item, is the rule table's (:mod:`cpcinfo.org.tree_rules`).

>>> from cpcinfo.org import Organization, OrgBasic
>>> from cpcinfo.org.roster import Roster, RosterEntry
>>> from cpcinfo.org.tree import OrgTree
>>> def org(code, name, category, parent=None):
...     return Organization(parent=parent, basic=OrgBasic(code=code, name=name, category=category))
>>> tree = OrgTree.build([org("001", "机关党委", "611"), org("001009", "第一党支部", "631", "001")])
>>> roster = Roster([RosterEntry(code="001", name="机关党委", category="611"),
...                  RosterEntry(code="001001", name="第一党支部", category="631", parent="001"),
...                  RosterEntry(code="001002", name="第二党支部", category="631", parent="001")])
>>> [(d.kind.name, d.roster_code, d.database_code) for d in compare(tree, roster)]
[('MISSING_FROM_DATABASE', '001002', None), ('CODE_DIFFERS', '001001', '001009')]

Matching
========

Each roster entry is paired with at most one database organization, in two passes:

1. **By code.** A roster entry whose code is a node of the tree is paired with that node.
2. **By name and parent.** The roster entries still unpaired are taken top-down (parents before children,
   then in code order); each is paired with the unpaired database organization (smallest code first) that
   has the same name (compared with surrounding blanks stripped; a blank name pairs with nothing) and the
   same parent *organization* (below). Such a pair is reported once, as ``CODE_DIFFERS``, rather than as
   a missing and an unknown organization.

Two parents are the same organization when both are blank, or when the database parent is the pair of
the roster parent, or when the database records the roster parent's own code and no database organization
has that code (the roster parent is then reported missing or under another code, and the tree reports the
dangling link as ``MISSING_PARENT``: the child itself names its parent rightly). Comparing parents through
the pairing means that a parent whose code differs does not cascade into ``DIFFERENT_PARENT`` for all its
children.

The comparison looks only at the roster and the nodes of the tree; it does not repeat the tree's own faults.
The two can still meet on one defect, and reconciling them is left to the caller that scores both: a
党总支 whose only branch is missing from the database gives ``MISSING_FROM_DATABASE`` here and
``GENERAL_BRANCH_WITHOUT_BRANCH`` in :func:`~cpcinfo.org.tree_checks.tree_faults`.

Differences
===========

``MISSING_FROM_DATABASE`` (item 5)
    a roster organization with no pair in the database.
``UNKNOWN_TO_ROSTER`` (item 6)
    a database organization with no pair in the roster. Records without a code or with a duplicate code
    are not organizations of the tree: the tree's own faults report them.
``CODE_DIFFERS`` (item 6)
    a pair found by name and parent: the codes differ.
``DIFFERENT_PARENT`` (item 6)
    a pair whose parents are not the same organization (a pair found by name and parent never is).
``DIFFERENT_CATEGORY`` (item 6)
    a pair whose 组织类别 differ, compared by the code each resolves to in the tree's ``org_category``
    table, so that a label and its code agree. A database category that is blank or not in the table is
    not compared: the field rules report it under item 1, and one defect is counted once. A blank roster
    category is not compared either.

A pair may carry several differences (a renamed code and a changed category are two defects). The result
is sorted by kind (in the order above) and then by code.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

import attrs

from cpcinfo.codes import CodeTable
from cpcinfo.org._types import Organization
from cpcinfo.org.roster import Roster, RosterEntry
from cpcinfo.org.tree import OrgTree
from cpcinfo.values import as_text

__all__ = ["RosterDifference", "RosterDifferenceKind", "compare"]


class RosterDifferenceKind(enum.Enum):
    """The kinds of difference between the roster and the database (see the module docstring; each is one
    rule of :mod:`cpcinfo.org.tree_rules`)."""

    MISSING_FROM_DATABASE = "missing-from-database"
    UNKNOWN_TO_ROSTER = "unknown-to-roster"
    CODE_DIFFERS = "code-differs"
    DIFFERENT_PARENT = "different-parent"
    DIFFERENT_CATEGORY = "different-category"


_ORDER = {kind: position for position, kind in enumerate(RosterDifferenceKind)}


@attrs.frozen(kw_only=True)
class RosterDifference:
    """One difference between the roster and the database.

    ``roster_code`` and ``database_code`` name the organization on each side (``None`` on the side that
    lacks it). For a different parent or category, ``roster_value`` and ``database_value`` hold the two
    values (parent codes, or categories as written); otherwise they are ``None``.
    """

    kind: RosterDifferenceKind
    roster_code: str | None
    database_code: str | None
    roster_value: str | None = None
    database_value: str | None = None
    message: str

    @property
    def code(self) -> str:
        """The organization the difference is about: its database code, or its roster code if missing."""
        code = self.database_code if self.database_code is not None else self.roster_code
        assert code is not None
        return code

    def sort_key(self) -> tuple[int, str, str]:
        """The order of :func:`compare`: kind, code, roster code."""
        return (_ORDER[self.kind], self.code, self.roster_code or "")


def compare(tree: OrgTree, roster: Roster) -> tuple[RosterDifference, ...]:
    """The differences between ``tree`` and ``roster``, matched as the module docstring describes."""
    pairs: dict[str, str] = {}  # roster code -> database code
    paired_in_database: set[str] = set()
    for entry in roster.entries:
        if entry.code in tree:
            pairs[entry.code] = entry.code
            paired_in_database.add(entry.code)

    # Unpaired database organizations, indexed by (name, recorded parent).
    waiting: dict[tuple[str, str | None], list[str]] = {}
    for code in sorted(tree):
        if code not in paired_in_database:
            node = tree.node(code)
            name = _record_name(node.record)
            if name:
                waiting.setdefault((name, node.recorded_parent), []).append(code)
    for codes in waiting.values():
        codes.reverse()  # pop() gives the smallest code

    differences: list[RosterDifference] = []
    unpaired = len(pairs) < len(roster)
    for entry in roster.top_down() if unpaired else ():
        if entry.code in pairs:
            continue
        name = entry.name.strip()
        candidates = next((found for p in _parents(entry, pairs, tree) if (found := waiting.get((name, p)))), None)
        if candidates:
            code = candidates.pop()
            pairs[entry.code] = code
            paired_in_database.add(code)
            differences.append(
                RosterDifference(
                    kind=RosterDifferenceKind.CODE_DIFFERS,
                    roster_code=entry.code,
                    database_code=code,
                    message=f"党组织「{entry.name}」在数据库中的代码为「{code}」，实际代码为「{entry.code}」",
                )
            )
        else:
            where = f"，上级党组织「{entry.parent}」" if entry.parent else ""
            differences.append(
                RosterDifference(
                    kind=RosterDifferenceKind.MISSING_FROM_DATABASE,
                    roster_code=entry.code,
                    database_code=None,
                    message=f"实际存在的党组织「{entry.code}」（{entry.name}{where}）在数据库中缺失",
                )
            )

    for code in tree:
        if code not in paired_in_database:
            node = tree.node(code)
            name = _record_name(node.record)
            differences.append(
                RosterDifference(
                    kind=RosterDifferenceKind.UNKNOWN_TO_ROSTER,
                    roster_code=None,
                    database_code=code,
                    message=f"数据库中的党组织「{code}」{f'（{name}）' if name else ''}不在实际党组织名单中",
                )
            )

    category_code = _CategoryCodes(tree.category_table)
    for entry in roster.entries:
        paired = pairs.get(entry.code)
        if paired is None:
            continue
        node = tree.node(paired)
        label = f"党组织「{paired}」" + (f"（{entry.name}）" if entry.name else "")
        parents = _parents(entry, pairs, tree)
        if node.recorded_parent not in parents:
            recorded = f"「{node.recorded_parent}」" if node.recorded_parent else "空（顶层）"
            actual = f"「{entry.parent}」" if entry.parent else "空（顶层）"
            if parents[0] is not None and parents[0] != entry.parent:
                actual += f"（数据库中代码为「{parents[0]}」）"
            differences.append(
                RosterDifference(
                    kind=RosterDifferenceKind.DIFFERENT_PARENT,
                    roster_code=entry.code,
                    database_code=paired,
                    roster_value=entry.parent,
                    database_value=node.recorded_parent,
                    message=f"{label}在数据库中的上级党组织为{recorded}，实际应为{actual}",
                )
            )
        category = node.record.basic.category if node.record.basic is not None else None
        recorded_category = as_text(category).strip()
        database_category = category_code(recorded_category)
        roster_text = entry.category.strip()
        if database_category is None or not roster_text:
            continue  # blank or unknown in the database: the field rules report it; blank in the roster
        roster_category = category_code(roster_text) or roster_text
        if database_category != roster_category:
            differences.append(
                RosterDifference(
                    kind=RosterDifferenceKind.DIFFERENT_CATEGORY,
                    roster_code=entry.code,
                    database_code=paired,
                    roster_value=entry.category,
                    database_value=recorded_category,
                    message=f"{label}在数据库中的组织类别为「{recorded_category}」，实际应为「{entry.category}」",
                )
            )
    return tuple(sorted(differences, key=RosterDifference.sort_key))


def _parents(entry: RosterEntry, pairs: Mapping[str, str], tree: OrgTree) -> tuple[str | None, ...]:
    """The database parent codes that name the roster entry's parent, the pair's code first."""
    parent = entry.parent
    if parent is None:
        return (None,)
    paired = pairs.get(parent)
    if paired is None:
        return (parent,)
    return (paired,) if paired == parent or parent in tree else (paired, parent)


class _CategoryCodes:
    """The code a category resolves to (``None`` if blank or unknown), memoised for one comparison."""

    def __init__(self, table: CodeTable) -> None:
        self._table = table
        self._memo: dict[str, str | None] = {"": None}

    def __call__(self, value: str) -> str | None:
        try:
            return self._memo[value]
        except KeyError:
            resolution = self._table.resolve(value)
            code = self._memo[value] = None if resolution is None else resolution.entry.code
            return code


def _record_name(record: Organization) -> str:
    return as_text(record.basic.name).strip() if record.basic is not None else ""
