"""The organization tree (党组织树): the organizations of one database linked by their ``parent`` codes.

:meth:`OrgTree.build` links the organizations, builds every index once, and answers queries on the
structure: paths, depths, subtrees, children, kinds. It judges nothing: the faults of the tree (items 5 and
6) are found by :mod:`cpcinfo.org.tree_checks`, its comparison with a roster by
:mod:`cpcinfo.org.roster_checks`.

>>> from cpcinfo.org import Organization, OrgBasic
>>> def org(code, category, parent=None):
...     return Organization(parent=parent, basic=OrgBasic(code=code, name=f"组织{code}", category=category))
>>> tree = OrgTree.build([org("001", "611"), org("001001", "631", "001"), org("001001001", "631", "001001")])
>>> tree.path_to_root("001001001")
('001001001', '001001', '001')
>>> tree.children("001"), tree.kind("001001")
(('001001',), <CategoryKind.BRANCH: 'branch'>)

Readings
========

Identity.
    A node is named by its organization code as recorded (:attr:`Organization.key`, not stripped, so that
    it agrees with :class:`~cpcinfo.infobase.InfoBase` and with members' 所在党支部). A record whose code is
    absent or blank is kept aside in :attr:`OrgTree.keyless` with its input index; it is never dropped.
    When several records share a code the **first** one is the node (as in ``InfoBase``) and each later
    one is kept in :attr:`OrgTree.duplicates`. A ``parent`` that is absent or blank means "no superior
    organization".

Shape.
    Every node has at most one parent, so the links form a forest plus, possibly, cycles. A *root* is a
    node whose recorded parent is blank. An *orphan* (:attr:`OrgTree.orphans`) is a node whose parent code
    names no node; it is **not** also a root. A cycle (:attr:`OrgTree.cycles`) is found whatever the input
    order; it is cut at its smallest code, which then heads its part of the tree, so that every query below
    is well defined and terminates. The *tops* of the forest are the roots, then the orphans, then the cut
    points of cycles, each group in code order; children are in code order. Iteration and
    :meth:`OrgTree.descendants` follow that deterministic order, which does not depend on the input order.

    :attr:`TreeNode.parent` and :meth:`OrgTree.parent` give the parent **in the tree** (``None`` for a
    top); :attr:`TreeNode.recorded_parent` keeps the parent code as recorded (an orphan's missing parent,
    the cut link of a cycle). :meth:`OrgTree.path_to_root` starts with the node itself and ends with its
    top; :meth:`OrgTree.depth` is 0 for a top.

Main root.
    The database of one audited unit holds one tree. When it has several roots, the *main* root
    (:attr:`OrgTree.main_root`) is the one that heads the unit: the root whose code begins the most other
    roots' codes, then the one with the largest subtree, then the smallest code.

Category kinds.
    The kind of a node comes from the tags of its 组织类别 entry in the ``org_category`` table
    (:func:`category_kind`): a label written instead of the code still classifies — the field rules
    report the label as 不规范 under item 1. A category that is blank or not in the table is ``UNKNOWN``, and
    so is a category that the organization's own name contradicts (the field rule ORG102 reports that);
    the structure rules give such a node the benefit of the doubt, so that one defect is not counted under
    two items.

Performance
===========

Building is linear in the number of organizations (plus one sort of the codes) and fully iterative: a
chain 100,000 deep builds without touching the recursion limit. Nodes are held in flat arrays (ids are
positions in them, read by the detectors of :mod:`cpcinfo.org.tree_checks` in one linear pass);
:class:`TreeNode` objects are made on demand by :meth:`OrgTree.node`.
"""
from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping, Sequence, Set
from typing import TYPE_CHECKING, Any

import attrs

from cpcinfo.codes import CodeTable, CodeTables, default_tables
from cpcinfo.errors import NotFoundError
from cpcinfo.org._types import Organization
from cpcinfo.values import Text

if TYPE_CHECKING:
    from cpcinfo.member import Member

__all__ = [
    "CATEGORY_TABLE",
    "NAME_SUFFIXES",
    "CategoryKind",
    "OrgTree",
    "TreeNode",
    "category_kind",
    "name_kind",
]

CATEGORY_TABLE = "org_category"
"""The name of the 组织类别 code table in a :class:`~cpcinfo.codes.CodeTables` set."""


class CategoryKind(enum.Enum):
    """What a 组织类别 makes of a node, for the structure rules."""

    COMMITTEE = "committee"
    """党委 (611, 911 …)."""
    GENERAL_BRANCH = "general-branch"
    """党总支 (621, 921 …)."""
    BRANCH = "branch"
    """党支部, including 联合党支部 and 临时 forms (631, 632, 931, 932 …)."""
    OTHER = "other"
    """A known category of another kind: 地方党委, 党工委, 党组 …"""
    UNKNOWN = "unknown"
    """Blank, or not in the table."""

    @property
    def label(self) -> str:
        """The Chinese word used in messages: 党委, 党总支, 党支部 or 党组织."""
        return _KIND_WORDS[self]


_KIND_WORDS = {
    CategoryKind.COMMITTEE: "党委",
    CategoryKind.GENERAL_BRANCH: "党总支",
    CategoryKind.BRANCH: "党支部",
    CategoryKind.OTHER: "党组织",
    CategoryKind.UNKNOWN: "党组织",
}

# Tags of the org_category table, most specific first (a joint or temporary branch is still a branch).
_TAG_KINDS = (
    ("branch", CategoryKind.BRANCH),
    ("general-branch", CategoryKind.GENERAL_BRANCH),
    ("committee", CategoryKind.COMMITTEE),
)


def category_kind(value: Text | None, table: CodeTable) -> CategoryKind:
    """The kind of a recorded 组织类别, from the tags of the entry it resolves to in ``table``.

    ``value`` is taken as recorded: ``None``, a string (a code, a label or junk) or an ``Unparsed``
    scalar, which is read as its text. Whether the value is written in the standard form is for the field
    rules to say; here a label classifies as well as its code.
    """
    if value is None:
        return CategoryKind.UNKNOWN
    text = str(value)
    if not text.strip():
        return CategoryKind.UNKNOWN
    resolution = table.resolve(text)
    if resolution is None or not table.is_leaf(resolution.entry.code):
        # Unknown, or a family code (「9」 临时党组织) that does not say which kind: the field rule reports it.
        return CategoryKind.UNKNOWN
    tags = resolution.entry.tags
    for tag, kind in _TAG_KINDS:
        if tag in tags:
            return kind
    return CategoryKind.OTHER


# The suffixes a full name ends with, by kind (docs/domain/general.md#org-name: 「中共」+单位名称+党组织类型),
# longest first where one ends another: 「总支部委员会」 and 「支部委员会」 both end in 「委员会」.
NAME_SUFFIXES: Mapping[CategoryKind, tuple[str, ...]] = {
    CategoryKind.GENERAL_BRANCH: ("总支部委员会", "总支委员会", "党总支", "总支部"),
    CategoryKind.BRANCH: ("支部委员会", "党支部", "支部"),
    CategoryKind.COMMITTEE: ("委员会", "党委"),
}


def name_kind(name: object) -> CategoryKind | None:
    """The kind of organization a full name says it is, by its suffix; ``None`` when it says none.

    >>> name_kind("中共西北大学化学系总支部委员会"), name_kind("中共西北大学委员会"), name_kind("化学系")
    (<CategoryKind.GENERAL_BRANCH: 'general-branch'>, <CategoryKind.COMMITTEE: 'committee'>, None)
    """
    if not isinstance(name, str):
        return None
    for kind, suffixes in NAME_SUFFIXES.items():
        if name.endswith(suffixes):
            return kind
    return None


@attrs.frozen(kw_only=True)
class TreeNode:
    """One organization in the tree.

    ``parent`` is the parent in the tree (``None`` for a root, an orphan or the cut point of a cycle);
    ``recorded_parent`` is the parent code as recorded, ``None`` when blank.
    """

    code: str
    index: int
    record: Organization
    parent: str | None
    recorded_parent: str | None
    depth: int
    kind: CategoryKind


def _blank_to_none(value: Text | None) -> str | None:
    if value is None:
        return None
    text = str(value)
    return text if text.strip() else None


class OrgTree:
    """The organization tree of one database: immutable, every index built once by :meth:`build`.

    Queries take an organization code and raise :class:`KeyError` for a code that is not a node.
    """

    __slots__ = (
        "_by_code",
        "_category_table",
        "_codes",
        "_cycles",
        "_depth",
        "_duplicates",
        "_indexes",
        "_keyless",
        "_kinds",
        "_main_root",
        "_named_parents",
        "_order",
        "_orphans",
        "_parent",
        "_position",
        "_recorded_parent",
        "_records",
        "_roots",
        "_size",
    )

    _by_code: dict[str, int]
    _category_table: CodeTable
    _codes: list[str]
    _cycles: tuple[tuple[str, ...], ...]
    _depth: list[int]
    _duplicates: tuple[tuple[int, Organization], ...]
    _indexes: list[int]
    _keyless: tuple[tuple[int, Organization], ...]
    _kinds: list[CategoryKind]
    _main_root: str | None
    _named_parents: Set[str]
    _order: tuple[str, ...]
    _orphans: tuple[str, ...]
    _parent: list[int]
    _position: list[int]
    _records: list[Organization]
    _recorded_parent: list[str | None]
    _roots: tuple[str, ...]
    _size: list[int]

    def __init__(self, organizations: Sequence[Organization], *, tables: CodeTables | None = None) -> None:
        """Prefer :meth:`build`, which is the same."""
        if tables is None:
            tables = default_tables()
        _Builder(self, organizations, tables[CATEGORY_TABLE]).run()

    @classmethod
    def build(cls, organizations: Sequence[Organization], *, tables: CodeTables | None = None) -> OrgTree:
        """Link ``organizations`` into a tree; ``tables`` (for the 组织类别) defaults to the default tables."""
        return cls(organizations, tables=tables)

    # -- the whole tree ----------------------------------------------------------------------------------

    @property
    def roots(self) -> tuple[str, ...]:
        """The codes of the nodes whose recorded parent is blank, in code order."""
        return self._roots

    @property
    def keyless(self) -> tuple[tuple[int, Organization], ...]:
        """The records without a code, each with its index in the input."""
        return self._keyless

    @property
    def duplicates(self) -> tuple[tuple[int, Organization], ...]:
        """The records whose code an earlier record already used, each with its index in the input."""
        return self._duplicates

    @property
    def main_root(self) -> str | None:
        """The root that heads the unit (see the module docstring), ``None`` when there is no root."""
        return self._main_root

    @property
    def orphans(self) -> tuple[str, ...]:
        """The codes of the nodes whose recorded parent names no node (and that lie on no cycle), in code
        order."""
        return self._orphans

    @property
    def cycles(self) -> tuple[tuple[str, ...], ...]:
        """The cycles of parent links, each in parent order from its smallest code (where it is cut: that
        node is a top), in the order of those codes."""
        return self._cycles

    @property
    def named_parents(self) -> Set[str]:
        """Every parent code some record names — a node, a record without a code or with a duplicate code —
        whether or not a node has that code: an organization named here has a sub-organization record."""
        return self._named_parents

    @property
    def category_table(self) -> CodeTable:
        """The 组织类别 table the kinds were read with."""
        return self._category_table

    def __len__(self) -> int:
        return len(self._codes)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._by_code

    def __iter__(self) -> Iterator[str]:
        """The codes in preorder from the tops (roots, orphans, cut cycles), children in code order."""
        return iter(self._order)

    def __repr__(self) -> str:
        return f"<OrgTree: {len(self)} organizations, {len(self._roots)} roots>"

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled as what it is built from — the records in input order and the 组织类别 table — and built
        # again when unpickled: the same tree, at a fraction of the size of its indexes.
        return (_rebuilt, (self.organizations(), self._category_table))

    def organizations(self) -> tuple[Organization, ...]:
        """The records the tree was built from, in input order (nodes, records without a code, duplicates)."""
        records: list[Organization | None] = [None] * (len(self._codes) + len(self._keyless) + len(self._duplicates))
        for index, record in zip(self._indexes, self._records, strict=True):
            records[index] = record
        for index, record in (*self._keyless, *self._duplicates):
            records[index] = record
        return tuple(record for record in records if record is not None)

    # -- one node ----------------------------------------------------------------------------------------

    def _id(self, code: str) -> int:
        try:
            return self._by_code[code]
        except KeyError:
            raise NotFoundError(f"no organization with code {code!r} in the tree") from None

    def node(self, code: str) -> TreeNode:
        """The node of ``code``: its record, parents, depth and kind."""
        i = self._id(code)
        parent = self._parent[i]
        return TreeNode(
            code=code,
            index=self._indexes[i],
            record=self._records[i],
            parent=None if parent < 0 else self._codes[parent],
            recorded_parent=self._recorded_parent[i],
            depth=self._depth[i],
            kind=self._kinds[i],
        )

    def parent(self, code: str) -> str | None:
        """The code of the parent in the tree, ``None`` for a top."""
        parent = self._parent[self._id(code)]
        return None if parent < 0 else self._codes[parent]

    def children(self, code: str) -> tuple[str, ...]:
        """The codes of the children in the tree, in code order."""
        i = self._id(code)
        start, end = self._position[i] + 1, self._position[i] + self._size[i]
        result = []
        position = start
        order = self._order
        while position < end:
            child = order[position]
            result.append(child)
            position += self._size[self._by_code[child]]
        return tuple(result)

    def depth(self, code: str) -> int:
        """The number of links from the node up to its top (0 for a top)."""
        return self._depth[self._id(code)]

    def kind(self, code: str) -> CategoryKind:
        """The category kind of the node."""
        return self._kinds[self._id(code)]

    def is_branch(self, code: str) -> bool:
        """Whether the node is a 党支部 (including 联合 and 临时 forms)."""
        return self._kinds[self._id(code)] is CategoryKind.BRANCH

    def codes_of_kind(self, kind: CategoryKind) -> frozenset[str]:
        """The codes of the nodes of this category kind (``BRANCH``: every 党支部 a member may belong to)."""
        return frozenset(code for code, of in zip(self._codes, self._kinds, strict=True) if of is kind)

    def path_to_root(self, code: str) -> tuple[str, ...]:
        """The codes from the node itself up to its top: the node first, the top last."""
        i = self._id(code)
        path = []
        while i >= 0:
            path.append(self._codes[i])
            i = self._parent[i]
        return tuple(path)

    def span(self, code: str) -> tuple[int, int]:
        """The positions ``[start, end)`` that the node's subtree takes in the preorder (the order of
        :meth:`descendants`): one node is under another, or is that node, exactly when its ``start`` falls
        within the other's span. Answers "is this under that" for many pairs without walking paths."""
        i = self._id(code)
        start = self._position[i]
        return start, start + self._size[i]

    def descendants(self, code: str) -> tuple[str, ...]:
        """The codes below the node, in preorder, without the node itself."""
        i = self._id(code)
        start = self._position[i]
        return self._order[start + 1 : start + self._size[i]]

    def subtree_codes(self, code: str) -> frozenset[str]:
        """The codes of the node and everything below it."""
        i = self._id(code)
        start = self._position[i]
        return frozenset(self._order[start : start + self._size[i]])

    def branches_under(self, code: str) -> tuple[str, ...]:
        """The branch-type nodes of the subtree in preorder, the node itself included if it is a branch."""
        i = self._id(code)
        start = self._position[i]
        kinds, by_code = self._kinds, self._by_code
        return tuple(c for c in self._order[start : start + self._size[i]] if kinds[by_code[c]] is CategoryKind.BRANCH)

    def members_under(self, code: str, members: Iterable[Member]) -> tuple[Member, ...]:
        """The members whose 所在党支部 (``relation.branch``, as text) is in the subtree, in input order."""
        codes = self.subtree_codes(code)
        result = []
        for member in members:
            relation = member.relation
            if relation is not None and relation.branch is not None and str(relation.branch) in codes:
                result.append(member)
        return tuple(result)


def _rebuilt(organizations: Sequence[Organization], table: CodeTable) -> OrgTree:
    tree = OrgTree.__new__(OrgTree)
    _Builder(tree, organizations, table).run()
    return tree


class _Builder:
    """Fills an :class:`OrgTree` in linear passes over flat arrays (ids are positions in ``codes``)."""

    def __init__(self, tree: OrgTree, organizations: Sequence[Organization], table: CodeTable) -> None:
        self.tree = tree
        self.organizations = organizations
        self.table = table

    def run(self) -> None:
        tree = self.tree
        codes: list[str] = []
        by_code: dict[str, int] = {}
        records: list[Organization] = []
        indexes: list[int] = []
        recorded_parent: list[str | None] = []
        keyless: list[tuple[int, Organization]] = []
        duplicates: list[tuple[int, Organization]] = []
        # Every parent code any record names: an organization named here has a sub-organization record.
        named_parents: set[str] = set()

        for index, record in enumerate(self.organizations):
            parent_code = _blank_to_none(record.parent)
            if parent_code is not None:
                named_parents.add(parent_code)
            key = record.key
            if key is None or not key.strip():
                keyless.append((index, record))
            elif key in by_code:
                duplicates.append((index, record))
            else:
                by_code[key] = len(codes)
                codes.append(key)
                records.append(record)
                indexes.append(index)
                recorded_parent.append(parent_code)

        n = len(codes)
        kinds = self._kinds(records)
        parent = [-1 if p is None else by_code.get(p, -1) for p in recorded_parent]
        by_code_order = sorted(range(n), key=codes.__getitem__)
        on_cycle, cycles = _find_cycles(parent, by_code_order)
        cut = [min(cycle, key=codes.__getitem__) for cycle in cycles]
        for i in cut:
            parent[i] = -1

        # Children lists in code order: visit ids in code order and append to their parent's list.
        children: list[list[int]] = [[] for _ in range(n)]
        roots: list[int] = []
        orphans: list[int] = []
        for i in by_code_order:
            p = parent[i]
            if p >= 0:
                children[p].append(i)
            elif recorded_parent[i] is None:
                roots.append(i)
            elif not on_cycle[i]:
                orphans.append(i)
        cut.sort(key=codes.__getitem__)
        tops = roots + orphans + cut

        # Preorder, depth, and subtree sizes, iteratively.
        depth = [0] * n
        position = [0] * n
        order_ids: list[int] = []
        stack = list(reversed(tops))
        while stack:
            i = stack.pop()
            position[i] = len(order_ids)
            order_ids.append(i)
            kids = children[i]
            if kids:
                d = depth[i] + 1
                for child in kids:
                    depth[child] = d
                stack.extend(reversed(kids))
        size = [1] * n
        for i in reversed(order_ids):
            p = parent[i]
            if p >= 0:
                size[p] += size[i]

        tree._by_code = by_code
        tree._category_table = self.table
        tree._codes = codes
        tree._cycles = tuple(sorted(_ring(cycle, codes) for cycle in cycles))  # rings start at distinct codes
        tree._depth = depth
        tree._duplicates = tuple(duplicates)
        tree._indexes = indexes
        tree._keyless = tuple(keyless)
        tree._kinds = kinds
        tree._main_root = codes[_main_root(roots, size, codes)] if roots else None
        tree._named_parents = named_parents
        tree._order = tuple(codes[i] for i in order_ids)
        tree._orphans = tuple(codes[i] for i in orphans)
        tree._parent = parent
        tree._position = position
        tree._records = records
        tree._recorded_parent = recorded_parent
        tree._roots = tuple(codes[i] for i in roots)
        tree._size = size

    def _kinds(self, records: list[Organization]) -> list[CategoryKind]:
        cache: dict[str, CategoryKind] = {}
        kinds = []
        for record in records:
            category = record.basic.category if record.basic is not None else None
            text = "" if category is None else str(category)
            kind = cache.get(text)
            if kind is None:
                kind = cache[text] = category_kind(text, self.table)
            if kind in NAME_SUFFIXES and record.basic is not None:
                said = name_kind(record.basic.name)
                if said is not None and said is not kind:
                    # The organization's own name contradicts its category: which of the two is wrong is
                    # not known, and the field rule (ORG102) reports the contradiction once. The structure
                    # rules give it the benefit of the doubt, as for an unknown category.
                    kind = CategoryKind.UNKNOWN
            kinds.append(kind)
        return kinds


def _main_root(roots: list[int], size: list[int], codes: list[str]) -> int:
    """The root that heads the unit: the root whose code begins the most other roots' codes (a detached
    subtree keeps its place in the code scheme: 001001 under 001), then the largest subtree, then the
    smallest code."""

    def heads(r: int) -> int:
        return sum(1 for other in roots if other != r and codes[other].startswith(codes[r]))

    return min(roots, key=lambda r: (-heads(r), -size[r], codes[r]))


def _find_cycles(parent: list[int], by_code_order: list[int]) -> tuple[list[bool], list[list[int]]]:
    """The cycles of the parent links, each listed in parent order, and which ids lie on one.

    Each id is walked up once: a walk stops at an id already finished, at a top, or at an id of the
    current walk — then the walk from that id on is a cycle. Ids are walked in code order, so the result
    does not depend on the input order.
    """
    n = len(parent)
    state = [0] * n  # 0: not seen, 1: on the current walk, 2: finished
    on_cycle = [False] * n
    cycles: list[list[int]] = []
    for start in by_code_order:
        if state[start]:
            continue
        walk: list[int] = []
        i = start
        while i >= 0 and state[i] == 0:
            state[i] = 1
            walk.append(i)
            i = parent[i]
        if i >= 0 and state[i] == 1:
            cycle = walk[walk.index(i) :]
            cycles.append(cycle)
            for j in cycle:
                on_cycle[j] = True
        for j in walk:
            state[j] = 2
    return on_cycle, cycles


def _ring(cycle: list[int], codes: list[str]) -> tuple[str, ...]:
    """The codes of a cycle (ids in parent order) rotated to start at its smallest code."""
    start = min(range(len(cycle)), key=lambda k: codes[cycle[k]])
    return tuple(codes[j] for j in cycle[start:] + cycle[:start])
