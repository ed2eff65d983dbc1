"""The faults of the organization tree itself (score-sheet items 5 and 6).

:func:`tree_faults` reads a built :class:`~cpcinfo.org.tree.OrgTree` and finds what the inspector can
count without a roster of the organizations that really exist (for the comparison with a roster see
:mod:`cpcinfo.org.roster_checks`). Each fault says in Chinese, for a party-affairs worker, what is wrong;
which rule reports it, under which item and with which status, is the rule table's
(:mod:`cpcinfo.org.tree_rules`).

>>> from cpcinfo.org import Organization, OrgBasic
>>> from cpcinfo.org.tree import OrgTree
>>> def org(code, category, parent=None):
...     return Organization(parent=parent, basic=OrgBasic(code=code, name=f"组织{code}", category=category))
>>> tree = OrgTree.build([org("001", "611"), org("001001", "631", "001"), org("001001001", "631", "001001")])
>>> [(fault.kind.name, fault.code) for fault in tree_faults(tree)]
[('BRANCH_WITH_CHILDREN', '001001')]

Faults
======

The detectors are made so that one defect planted in a valid tree is found **exactly once** (the readings of
identity, shape, main root and category kinds are those of :mod:`cpcinfo.org.tree`):

The structure of the tree (item 6):

``KEYLESS``
    a record without an organization code (one per record).
``DUPLICATE_CODE``
    each record after the first that uses an already-used code (about the later record's index).
``MISSING_PARENT``
    an orphan: its parent code names no organization.
``CYCLE``
    one per cycle of parent links, about the cycle's smallest code; ``related`` holds the cycle's other
    codes in parent order. The links on the cycle are judged by no other rule (a cycle always has a link
    whose child code does not extend its parent's, and usually a misplaced kind).
``EXTRA_ROOT``
    more than one root: each root other than the main root, so that a stray top-level record is reported
    whatever its code. Orphans and cycles are not roots.
``BRANCH_WITH_CHILDREN``
    a 党支部 (incl. 联合/临时) with sub-organizations that are branches, of another kind (党组 …) or of
    unknown kind: one fault per such branch, naming those children in ``related``.
``UNDER_BRANCH``
    a 党委 or 党总支 whose parent is a 党支部: one fault per such child. Such a child does not also make
    its parent a ``BRANCH_WITH_CHILDREN``, and it is not a ``GENERAL_BRANCH_NON_BRANCH_CHILD``.
``GENERAL_BRANCH_NON_BRANCH_CHILD``
    a child of a 党总支 that is a 党委, a 党总支 or of another known kind: one fault per such child.
``CODE_NOT_EXTENDING_PARENT`` (preview)
    a child whose code does not start with its parent's code. Every reimplementation seen builds codes
    by prefix, but the 系统2005 code scheme is not confirmed (docs/domain/organization.md#org-code), hence ``preview``.

Signs that a subordinate organization is missing (item 5):

``GENERAL_BRANCH_WITHOUT_BRANCH``
    a 党总支 that no record names as its parent. A 党总支 whose children are all misplaced non-branches is
    reported once per misplaced child (above), not again here; a child of unknown category may well be
    the missing 党支部 and is given the benefit of the doubt.
``COMMITTEE_WITHOUT_SUBORDINATE``
    a 党委 that no record names as its parent.

For both item-5 kinds, a record without a code or with a duplicate code that names the organization as
its parent counts as a sub-organization (:attr:`~cpcinfo.org.tree.OrgTree.named_parents`): the subordinate
exists, and its own defect is reported once, as ``KEYLESS`` or ``DUPLICATE_CODE``. Those records otherwise
take no part in the structure rules.

Detection is one linear pass over the tree's flat arrays (ids are positions in them), as fast as the build.
"""

from __future__ import annotations

import enum

import attrs

from cpcinfo.org._types import Organization
from cpcinfo.org.tree import CategoryKind, OrgTree
from cpcinfo.values import Text, as_text

__all__ = ["TreeFault", "TreeFaultKind", "tree_faults"]


class TreeFaultKind(enum.Enum):
    """The kinds of tree fault (see the module docstring; each is one rule of :mod:`cpcinfo.org.tree_rules`)."""

    KEYLESS = "keyless"
    DUPLICATE_CODE = "duplicate-code"
    MISSING_PARENT = "missing-parent"
    CYCLE = "cycle"
    EXTRA_ROOT = "extra-root"
    BRANCH_WITH_CHILDREN = "branch-with-children"
    UNDER_BRANCH = "under-branch"
    GENERAL_BRANCH_NON_BRANCH_CHILD = "general-branch-non-branch-child"
    CODE_NOT_EXTENDING_PARENT = "code-not-extending-parent"
    GENERAL_BRANCH_WITHOUT_BRANCH = "general-branch-without-branch"
    COMMITTEE_WITHOUT_SUBORDINATE = "committee-without-subordinate"


_FAULT_ORDER = {kind: position for position, kind in enumerate(TreeFaultKind)}


@attrs.frozen(kw_only=True)
class TreeFault:
    """One fault of the organization tree.

    ``code`` is the organization the fault is about (``None`` for a record without a code) and ``index``
    its position in the input sequence; ``related`` holds the other codes involved (the missing parent,
    the rest of a cycle, the offending children …); ``message`` says it in Chinese for a party-affairs
    worker.
    """

    kind: TreeFaultKind
    code: str | None
    index: int | None
    related: tuple[str, ...] = ()
    message: str

    def sort_key(self) -> tuple[int, str, int]:
        """The order of :func:`tree_faults`: kind, code, input index."""
        return (_FAULT_ORDER[self.kind], self.code or "", -1 if self.index is None else self.index)


def tree_faults(tree: OrgTree) -> tuple[TreeFault, ...]:
    """The faults of ``tree``, in :meth:`TreeFault.sort_key` order (see the module docstring)."""
    found = _Faults(tree)
    found.record_faults()
    found.structure_faults()
    found.missing_subordinate_faults()
    return tuple(sorted(found.faults, key=TreeFault.sort_key))


class _Faults:
    """The detectors, reading the tree's flat arrays: ids are positions in ``tree._codes``."""

    def __init__(self, tree: OrgTree) -> None:
        self.tree = tree
        self.faults: list[TreeFault] = []

    def describe(self, i: int) -> str:
        tree = self.tree
        return _describe(tree._kinds[i], tree._codes[i], tree._records[i])

    def add(self, kind: TreeFaultKind, i: int, message: str, related: tuple[str, ...] = ()) -> None:
        tree = self.tree
        self.faults.append(
            TreeFault(kind=kind, code=tree._codes[i], index=tree._indexes[i], related=related, message=message)
        )

    def record_faults(self) -> None:
        tree = self.tree
        by_code = tree._by_code
        for index, record in tree.keyless:
            name = _name(record)
            parent_code = _blank_to_none(record.parent)
            details = "，".join(
                part
                for part in (f"名称「{name}」" if name else "", f"上级党组织「{parent_code}」" if parent_code else "")
                if part
            )
            self.faults.append(
                TreeFault(
                    kind=TreeFaultKind.KEYLESS,
                    code=None,
                    index=index,
                    related=() if parent_code is None else (parent_code,),
                    message=f"第{index + 1}条党组织记录{f'（{details}）' if details else ''}未填写党组织代码，"
                    "无法在党组织树中确定其位置",
                )
            )
        for index, record in tree.duplicates:
            key = record.key
            assert key is not None
            first = by_code[key]
            name = _name(record)
            self.faults.append(
                TreeFault(
                    kind=TreeFaultKind.DUPLICATE_CODE,
                    code=key,
                    index=index,
                    message=f"第{index + 1}条党组织记录{f'（{name}）' if name else ''}的党组织代码「{key}」"
                    f"与第{tree._indexes[first] + 1}条记录{self.name_part(first)}重复，党组织代码应唯一",
                )
            )
        for code in tree.orphans:
            i = by_code[code]
            missing = tree._recorded_parent[i]
            assert missing is not None
            self.add(
                TreeFaultKind.MISSING_PARENT,
                i,
                f"{self.describe(i)}的上级党组织代码「{missing}」在数据库中不存在",
                (missing,),
            )
        for ring in tree.cycles:
            start = by_code[ring[0]]
            if len(ring) == 1:
                message = f"{self.describe(start)}的上级党组织是其本身，构成循环"
            else:
                listed = "".join(f"「{c}」" for c in ring)
                message = (
                    f"党组织{listed}的上级党组织相互指向，构成循环（{' → '.join([*ring, ring[0]])}），无法确定隶属关系"
                )
            self.add(TreeFaultKind.CYCLE, start, message, ring[1:])
        main = tree.main_root
        if len(tree.roots) > 1 and main is not None:
            for root in tree.roots:
                if root != main:
                    self.add(
                        TreeFaultKind.EXTRA_ROOT,
                        by_code[root],
                        f"{self.describe(by_code[root])}未填写上级党组织，成为另一个顶层党组织；"
                        f"本库党组织树的顶层党组织应为{self.describe(by_code[main])}",
                        (main,),
                    )

    def name_part(self, i: int) -> str:
        name = _name(self.tree._records[i])
        return f"（{name}）" if name else ""

    def structure_faults(self) -> None:
        tree = self.tree
        codes, kinds, parents = tree._codes, tree._kinds, tree._parent
        on_cycle = {tree._by_code[code] for ring in tree.cycles for code in ring[1:]}  # the cut point is a top
        branch, general, committee = CategoryKind.BRANCH, CategoryKind.GENERAL_BRANCH, CategoryKind.COMMITTEE
        branch_children: dict[int, list[str]] = {}
        for c, p in enumerate(parents):
            if p < 0 or c in on_cycle:
                continue  # a top, or a link of a cycle: reported by CYCLE alone
            parent_kind = kinds[p]
            parent_code = codes[p]
            child_kind = kinds[c]
            if parent_kind is branch:
                if child_kind is committee or child_kind is general:
                    self.add(
                        TreeFaultKind.UNDER_BRANCH,
                        c,
                        f"{self.describe(c)}隶属于{self.describe(p)}，{child_kind.label}不应设在党支部之下",
                        (parent_code,),
                    )
                else:
                    branch_children.setdefault(p, []).append(codes[c])
            elif parent_kind is general and child_kind is not branch and child_kind is not CategoryKind.UNKNOWN:
                self.add(
                    TreeFaultKind.GENERAL_BRANCH_NON_BRANCH_CHILD,
                    c,
                    f"{self.describe(p)}下设有{self.describe(c)}，党总支下只应设党支部",
                    (parent_code,),
                )
            if not codes[c].startswith(parent_code):
                self.add(
                    TreeFaultKind.CODE_NOT_EXTENDING_PARENT,
                    c,
                    f"{self.describe(c)}的代码不以其上级党组织「{parent_code}」的代码开头"
                    "（预览规则：系统2005的党组织代码编制方案尚未确认）",
                    (parent_code,),
                )
        for p, children in branch_children.items():
            children.sort()  # the children in code order
            listed = "".join(f"「{c}」" for c in children)
            self.add(
                TreeFaultKind.BRANCH_WITH_CHILDREN,
                p,
                f"{self.describe(p)}下设有下级党组织{listed}，党支部不应再设下级组织",
                tuple(children),
            )

    def missing_subordinate_faults(self) -> None:
        tree = self.tree
        named_parents = tree.named_parents
        kinds = tree._kinds
        for i, code in enumerate(tree._codes):
            kind = kinds[i]
            if code in named_parents:
                continue
            if kind is CategoryKind.GENERAL_BRANCH:
                self.add(
                    TreeFaultKind.GENERAL_BRANCH_WITHOUT_BRANCH,
                    i,
                    f"{self.describe(i)}下没有党支部，可能缺少下属党支部",
                )
            elif kind is CategoryKind.COMMITTEE:
                self.add(
                    TreeFaultKind.COMMITTEE_WITHOUT_SUBORDINATE,
                    i,
                    f"{self.describe(i)}下没有任何下属党组织，可能缺少下属党组织",
                )


def _blank_to_none(value: Text | None) -> str | None:
    if value is None:
        return None
    text = str(value)
    return text if text.strip() else None


def _name(record: Organization) -> str:
    return as_text(record.basic.name).strip() if record.basic is not None else ""


def _describe(kind: CategoryKind, code: str, record: Organization) -> str:
    name = _name(record)
    return f"{kind.label}「{code}」" + (f"（{name}）" if name else "")
