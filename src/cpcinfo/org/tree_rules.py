"""The rules of the organization tree and of its comparison with the roster: items 5 and 6.

The faults are found by :mod:`cpcinfo.org.tree_checks` and the differences by
:mod:`cpcinfo.org.roster_checks`; each kind of fault or difference is one row of :data:`TREE_RULES` — its
code, name, title, item, field, kind of defect, status and examples — so that it has a stable code, can be
selected, ignored and waived, and is documented with examples like every other rule. A new tree rule is
one detector (a :class:`~cpcinfo.org.tree_checks.TreeFaultKind` and the code that finds it) and one row.

>>> rule = tree_rule(TreeFaultKind.CODE_NOT_EXTENDING_PARENT)
>>> rule.code, rule.title, rule.item, rule.field, rule.status.value
('ORG609', '党组织代码与上级代码不衔接', 6, 'basic.code', 'preview')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from cpcinfo.engine.context import SystemContext
from cpcinfo.entity import Entity
from cpcinfo.examples import BASE_DOCUMENT, doc
from cpcinfo.findings import DefectKind, record_locator
from cpcinfo.org.roster_checks import RosterDifference, RosterDifferenceKind, compare
from cpcinfo.org.tree_checks import TreeFault, TreeFaultKind, tree_faults
from cpcinfo.rules.builders import explanation
from cpcinfo.rules.cite import ACCEPTANCE, ORGANIZATION
from cpcinfo.rules.model import Defect, Example, Prepared, Rule, RuleScope, RuleStatus, SystemCheck, Target

__all__ = ["TREE_RULES", "TreeRule", "tree_rule", "tree_rules"]

MISSING, WRONG, NONSTANDARD = DefectKind.MISSING, DefectKind.WRONG, DefectKind.NONSTANDARD
_SOURCE = f"{ORGANIZATION}#tree; {ACCEPTANCE}#score-sheet"
_LABELS = {"basic.code": "党组织代码", "parent": "上级党组织代码", "basic.category": "组织类别", "": "下属党组织"}
"""The label of each field a tree or roster rule is about ("": the subordinate organization itself)."""


def _examples(value: Iterable[Example]) -> tuple[Example, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class TreeRule:
    """One tree or roster rule: the kind of fault or difference it reports, and all the table says of it.

    ``field`` is the field of the organization the finding is about (``""`` for a subordinate organization
    that is missing), ``defect`` its kind of defect; ``fails`` and ``passes`` are example databases.
    """

    code: str
    name: str
    kind: TreeFaultKind | RosterDifferenceKind
    title: str
    item: int
    field: str
    defect: DefectKind
    status: RuleStatus = RuleStatus.STABLE
    what: str
    why: str
    fails: tuple[Example, ...] = attrs.field(converter=_examples)
    passes: tuple[Example, ...] = attrs.field(converter=_examples)

    def rule(self) -> Rule:
        """The rule of the registry."""
        build = _fault_rule(self) if isinstance(self.kind, TreeFaultKind) else _difference_rule(self)
        return Rule(code=self.code, name=self.name, title=self.title, entity=Entity.ORGANIZATION, group=None,
                    fields=(self.field,), scope=RuleScope.SYSTEM, target=Target.DATABASE, item=self.item,
                    status=self.status,
                    explanation=explanation(self.what, self.why, _SOURCE, self.fails, self.passes), build=build)


_ROSTER: dict[str, Any] = {"roster": [
    {"code": "001", "name": "中共西北大学委员会", "category": "611"},
    {"code": "001001", "name": "中共西北大学化学系总支部委员会", "category": "621", "parent": "001"},
    {"code": "001001001", "name": "中共西北大学化学系第一学生支部委员会", "category": "631", "parent": "001001"},
]}
"""The roster of the base database, for the examples of the roster rules."""
_EXTRA = {"code": "001001002", "name": "中共西北大学化学系第二学生支部委员会", "category": "631", "parent": "001001"}
_LISTED = _ROSTER["roster"]
K, D = TreeFaultKind, RosterDifferenceKind

TREE_RULES: tuple[TreeRule, ...] = (
    TreeRule(code="ORG501", name="general-branch-without-branch", kind=K.GENERAL_BRANCH_WITHOUT_BRANCH,
             title="党总支下无党支部", item=5, field="", defect=MISSING,
             what="党总支下至少有一个党支部。", why="党总支由党支部组成；没有党支部说明下属组织缺失。",
             fails=[doc("党总支下没有党支部", organizations__2__parent="001")], passes=[doc("有党支部")]),
    TreeRule(code="ORG502", name="committee-without-subordinate", kind=K.COMMITTEE_WITHOUT_SUBORDINATE,
             title="党委下无下属党组织", item=5, field="", defect=MISSING,
             what="党委下至少有一个下属党组织。", why="基层党委下设党总支或党支部；没有下属组织说明下属组织缺失。",
             fails=[doc("只录入了党委，没有任何下属组织", organizations=[BASE_DOCUMENT["organizations"][0]])],
             passes=[doc("有下属组织")]),
    TreeRule(code="ORG503", name="roster-missing", kind=D.MISSING_FROM_DATABASE,
             title="数据库中缺少党组织", item=5, field="", defect=MISSING,
             what="实际存在（党组织名单中有）的党组织在库中都有记录。", why="下属党组织是否齐全：每缺一个扣1分。",
             fails=[doc("名单中多一个党支部", roster=[*_LISTED, _EXTRA])], passes=[doc("与名单一致", **_ROSTER)]),
    TreeRule(code="ORG601", name="org-keyless", kind=K.KEYLESS,
             title="党组织代码未填写", item=6, field="basic.code", defect=MISSING,
             what="每个党组织记录都有党组织代码。", why="代码是党组织树的连接依据。",
             fails=[doc("代码为空", organizations__2__basic__code="")], passes=[doc("都有代码")]),
    TreeRule(code="ORG602", name="org-duplicate-code", kind=K.DUPLICATE_CODE,
             title="党组织代码重复", item=6, field="basic.code", defect=WRONG,
             what="党组织代码不重复。", why="一个代码只对应一个党组织。",
             fails=[doc("代码重复", organizations__2__basic__code="001001")], passes=[doc("不重复")]),
    TreeRule(code="ORG603", name="org-missing-parent", kind=K.MISSING_PARENT,
             title="上级党组织不存在", item=6, field="parent", defect=WRONG,
             what="上级党组织代码指向库中存在的党组织。", why="上级不存在的党组织脱离了党组织树。",
             fails=[doc("上级不存在", organizations__2__parent="009")], passes=[doc("上级存在")]),
    TreeRule(code="ORG604", name="org-cycle", kind=K.CYCLE,
             title="上级关系构成循环", item=6, field="parent", defect=WRONG,
             what="上级关系不构成循环。", why="循环的上级关系使党组织树无法成立。",
             fails=[doc("互为上级", organizations__1__parent="001001001")], passes=[doc("无循环")]),
    TreeRule(code="ORG605", name="org-extra-root", kind=K.EXTRA_ROOT,
             title="多余的顶层党组织", item=6, field="parent", defect=WRONG,
             what="库中只有一个顶层党组织（被检查的基层党委）。", why="一个建库单位的党组织构成一棵树。",
             fails=[doc("两个顶层", organizations__1__parent=...)], passes=[doc("一个顶层")]),
    TreeRule(code="ORG606", name="branch-with-children", kind=K.BRANCH_WITH_CHILDREN,
             title="党支部下设下级党组织", item=6, field="basic.category", defect=WRONG,
             what="党支部不设下级党组织。",
             why="党支部是党的基层组织的最基本单位，其下只有党小组，党小组不是党组织树的节点。",
             fails=[doc("党支部下设党支部", organizations__1__basic__category="631",
                        organizations__1__basic__name="中共西北大学化学系支部委员会")],
             passes=[doc("党支部无下级")]),
    TreeRule(code="ORG607", name="under-branch", kind=K.UNDER_BRANCH,
             title="党委或党总支隶属于党支部", item=6, field="parent", defect=WRONG,
             what="党委、党总支不隶属于党支部。", why="党支部之下不能设党委或党总支。",
             fails=[doc("党总支挂在党支部下", organizations__1__parent="001001001", organizations__2__parent="001")],
             passes=[doc("隶属正确")]),
    TreeRule(code="ORG608", name="general-branch-child", kind=K.GENERAL_BRANCH_NON_BRANCH_CHILD,
             title="党总支下设非党支部组织", item=6, field="parent", defect=WRONG,
             what="党总支的下级都是党支部。", why="党总支由若干党支部组成。",
             fails=[doc("党总支下设党委", organizations__2__basic__category="611",
                        organizations__2__basic__name="中共西北大学化学系委员会")],
             passes=[doc("下级是党支部")]),
    TreeRule(code="ORG609", name="code-extends-parent", kind=K.CODE_NOT_EXTENDING_PARENT,
             title="党组织代码与上级代码不衔接", item=6, field="basic.code", defect=NONSTANDARD,
             status=RuleStatus.PREVIEW,
             what="下级党组织代码以上级党组织代码开头。",
             why="各实现都按层级前缀编码，但系统2005的编码方案未经证实，作为预览规则。",
             fails=[doc("代码不衔接", organizations__2__basic__code="002001001",
                        members__0__relation__branch="002001001", members__1__relation__branch="002001001",
                        applicants__0__development__branch="002001001")],
             passes=[doc("代码衔接")]),
    TreeRule(code="ORG610", name="roster-unknown", kind=D.UNKNOWN_TO_ROSTER,
             title="实际不存在的党组织", item=6, field="basic.code", defect=WRONG,
             what="库中的党组织都在实际党组织名单中。", why="党组织树应与实际情况一致。",
             fails=[doc("名单中没有该党支部", roster=_LISTED[:2])], passes=[doc("与名单一致", **_ROSTER)]),
    TreeRule(code="ORG611", name="roster-parent", kind=D.DIFFERENT_PARENT,
             title="上级党组织与实际不符", item=6, field="parent", defect=WRONG,
             what="党组织的上级与名单一致。", why="党组织树应与实际情况一致。",
             fails=[doc("上级与名单不同", roster=[*_LISTED[:2], {**_LISTED[2], "parent": "001"}])],
             passes=[doc("与名单一致", **_ROSTER)]),
    TreeRule(code="ORG612", name="roster-category", kind=D.DIFFERENT_CATEGORY,
             title="组织类别与实际不符", item=6, field="basic.category", defect=WRONG,
             what="党组织的组织类别与名单一致。", why="党组织树应与实际情况一致。",
             fails=[doc("类别与名单不同", roster=[*_LISTED[:2], {**_LISTED[2], "category": "632"}])],
             passes=[doc("与名单一致", **_ROSTER)]),
    TreeRule(code="ORG613", name="roster-code", kind=D.CODE_DIFFERS,
             title="党组织代码与实际不符", item=6, field="basic.code", defect=WRONG,
             what="党组织代码与名单一致（名称和上级相同而代码不同时计一处）。", why="党组织树应与实际情况一致。",
             fails=[doc("代码与名单不同", roster=[*_LISTED[:2], {**_LISTED[2], "code": "001001009"}])],
             passes=[doc("与名单一致", **_ROSTER)]),
)
"""The tree and roster rules, in code order: one row per kind of fault or difference."""

_BY_KIND: Mapping[TreeFaultKind | RosterDifferenceKind, TreeRule] = MappingProxyType(
    {row.kind: row for row in TREE_RULES})


def tree_rule(kind: TreeFaultKind | RosterDifferenceKind) -> TreeRule:
    """The row of a kind of tree fault or roster difference."""
    return _BY_KIND[kind]


def tree_rules() -> list[Rule]:
    """The item 5 and 6 rules of the registry."""
    return [row.rule() for row in TREE_RULES]


# -- the hooks ----------------------------------------------------------------------------------------------


def _tree_faults(ctx: SystemContext) -> tuple[TreeFault, ...]:
    """The faults of the check's tree, found once per run for every tree rule."""
    return ctx.once("tree faults", lambda: tree_faults(ctx.tree))


def _roster_differences(ctx: SystemContext) -> tuple[RosterDifference, ...]:
    """The differences between the check's tree and its roster, found once per run (none without a roster)."""
    roster = ctx.roster
    if roster is None:
        return ()
    return ctx.once("roster differences", lambda: compare(ctx.tree, roster))


def _fault_rule(row: TreeRule) -> Any:
    kind, field, defect_kind = row.kind, row.field, row.defect

    def build(prepared: Prepared) -> SystemCheck:
        def tree(ctx: SystemContext) -> Iterable[tuple[str | None, Defect]]:
            explained = _explained_by_roster(ctx) if row.item == 5 else frozenset()
            for fault in _tree_faults(ctx):
                if fault.kind is kind and fault.code not in explained:
                    record = _record(ctx, fault.code, fault.index)
                    key = fault.code if fault.index is None else record_locator(fault.code, fault.index + 1)
                    yield key, Defect(field, _value(record, field), defect_kind, fault.message,
                                      label=_LABELS[field])

        return SystemCheck(tree=tree)

    return build


def _explained_by_roster(ctx: SystemContext) -> frozenset[str]:
    """Organizations whose "missing" subordinate is already a finding of its own, so that one defect is
    counted once: a subordinate the roster names that is missing from the database or recorded under
    another parent (a roster difference), or an orphan or extra root whose code extends this organization's
    code (most likely its parent code was mistyped or left out)."""
    parents: set[str] = set()
    if ctx.roster is not None:
        for difference in _roster_differences(ctx):
            if difference.kind in (RosterDifferenceKind.MISSING_FROM_DATABASE, RosterDifferenceKind.DIFFERENT_PARENT) \
                    and difference.roster_code is not None:
                entry = ctx.roster.get(difference.roster_code)
                if entry is not None and entry.parent is not None:
                    parents.add(entry.parent)
    detached = (TreeFaultKind.MISSING_PARENT, TreeFaultKind.EXTRA_ROOT)
    orphans = [f.code for f in _tree_faults(ctx) if f.kind in detached and f.code is not None]
    if orphans:
        for code in ctx.tree:
            if any(orphan != code and orphan.startswith(code) for orphan in orphans):
                parents.add(code)
    return frozenset(parents)


def _faulted_fields(ctx: SystemContext) -> frozenset[tuple[str, str]]:
    """(organization, field) pairs the tree's own faults already report (item 6)."""
    return frozenset((f.code, row.field) for f in _tree_faults(ctx)
                     if f.code is not None and (row := _BY_KIND[f.kind]).item == 6)


def _record(ctx: SystemContext, code: str | None, index: int | None) -> Any:
    if index is not None:
        for position, record in (*ctx.tree.keyless, *ctx.tree.duplicates):
            if position == index:
                return record
    return ctx.tree.node(code).record if code is not None and code in ctx.tree else None


def _value(record: Any, field: str) -> Any:
    if record is None or not field:
        return None
    if field == "parent":
        return record.parent
    group, name = field.split(".")
    holder = getattr(record, group)
    return None if holder is None else getattr(holder, name)


def _difference_rule(row: TreeRule) -> Any:
    kind, field, defect_kind = row.kind, row.field, row.defect

    def build(prepared: Prepared) -> SystemCheck:
        def tree(ctx: SystemContext) -> Iterable[tuple[str | None, Defect]]:
            # A link or category the tree itself finds wrong is one defect, reported once, by the tree rule.
            faulted = _faulted_fields(ctx) if field in ("parent", "basic.category") else frozenset()
            for difference in _roster_differences(ctx):
                if difference.kind is kind and (difference.code, field) not in faulted:
                    value = difference.database_value if difference.database_value is not None \
                        else difference.database_code
                    label = "实际党组织" if not field else _LABELS[field]
                    yield difference.code, Defect(field, value, defect_kind, difference.message, label=label)

        return SystemCheck(tree=tree)

    return build
