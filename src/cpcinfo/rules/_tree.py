"""Rules of the organization tree and of its comparison with the roster: items 5 and 6.

The faults themselves are found by :mod:`cpcinfo.org.tree_checks` and :mod:`cpcinfo.org.roster_checks`; each kind of
fault or difference is one rule here, so that it has a stable code, can be selected, ignored and waived,
and is documented with examples like every other rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from cpcinfo.engine.context import SystemContext
from cpcinfo.entity import Entity
from cpcinfo.findings import DefectKind, record_locator
from cpcinfo.org.roster_checks import RosterDifferenceKind
from cpcinfo.org.tree_checks import TreeFaultKind
from cpcinfo.rules.builders import explanation
from cpcinfo.rules.cite import ACCEPTANCE, ORGANIZATION
from cpcinfo.rules.model import Defect, Prepared, Rule, RuleScope, RuleStatus, SystemCheck, Target

# The field each kind of fault is about, and its kind of defect.
_FAULT_FIELDS: dict[TreeFaultKind, tuple[str, DefectKind]] = {
    TreeFaultKind.KEYLESS: ("basic.code", DefectKind.MISSING),
    TreeFaultKind.DUPLICATE_CODE: ("basic.code", DefectKind.WRONG),
    TreeFaultKind.MISSING_PARENT: ("parent", DefectKind.WRONG),
    TreeFaultKind.CYCLE: ("parent", DefectKind.WRONG),
    TreeFaultKind.EXTRA_ROOT: ("parent", DefectKind.WRONG),
    TreeFaultKind.BRANCH_WITH_CHILDREN: ("basic.category", DefectKind.WRONG),
    TreeFaultKind.UNDER_BRANCH: ("parent", DefectKind.WRONG),
    TreeFaultKind.GENERAL_BRANCH_NON_BRANCH_CHILD: ("parent", DefectKind.WRONG),
    TreeFaultKind.CODE_NOT_EXTENDING_PARENT: ("basic.code", DefectKind.NONSTANDARD),
    TreeFaultKind.GENERAL_BRANCH_WITHOUT_BRANCH: ("", DefectKind.MISSING),
    TreeFaultKind.COMMITTEE_WITHOUT_SUBORDINATE: ("", DefectKind.MISSING),
}
_LABELS = {"basic.code": "党组织代码", "parent": "上级党组织代码", "basic.category": "组织类别", "": "下属党组织"}


def _fault_rule(kind: TreeFaultKind) -> Callable[[Prepared], SystemCheck]:
    field, defect_kind = _FAULT_FIELDS[kind]

    def build(prepared: Prepared) -> SystemCheck:
        def tree(ctx: SystemContext) -> Iterable[tuple[str | None, Defect]]:
            explained = _explained_by_roster(ctx) if kind.item == 5 else frozenset()
            for fault in ctx.tree_faults():
                if fault.kind is kind and fault.code not in explained:
                    record = _record(ctx, fault.code, fault.index)
                    key = fault.code if fault.index is None else record_locator(fault.code, fault.index + 1)
                    yield key, Defect(field, _value(record, field), defect_kind, fault.message,
                                             label=_LABELS[field])

        return SystemCheck(tree=tree)

    return build


def _explained_by_roster(ctx: SystemContext) -> frozenset[str]:
    """Organizations whose "missing" subordinate is already a finding of its own, so that one defect is
    counted once: a subordinate the roster names that is missing from the database (ORG503) or recorded
    under another parent (ORG611), or an orphan or extra root whose code extends this organization's code
    (ORG603, ORG605: most likely its parent code was mistyped or left out)."""
    parents: set[str] = set()
    if ctx.roster is not None:
        for difference in ctx.roster_differences():
            if difference.kind in (RosterDifferenceKind.MISSING_FROM_DATABASE, RosterDifferenceKind.DIFFERENT_PARENT) \
                    and difference.roster_code is not None:
                entry = ctx.roster.get(difference.roster_code)
                if entry is not None and entry.parent is not None:
                    parents.add(entry.parent)
    detached = (TreeFaultKind.MISSING_PARENT, TreeFaultKind.EXTRA_ROOT)
    orphans = [f.code for f in ctx.tree_faults() if f.kind in detached and f.code is not None]
    if orphans:
        for code in ctx.tree:
            if any(orphan != code and orphan.startswith(code) for orphan in orphans):
                parents.add(code)
    return frozenset(parents)


def _faulted_fields(ctx: SystemContext) -> frozenset[tuple[str, str]]:
    """(organization, field) pairs the tree's own faults already report (item 6)."""
    return frozenset((f.code, _FAULT_FIELDS[f.kind][0]) for f in ctx.tree_faults()
                     if f.code is not None and f.kind.item == 6)


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


_DIFFERENCE_FIELDS: dict[RosterDifferenceKind, tuple[str, DefectKind]] = {
    RosterDifferenceKind.MISSING_FROM_DATABASE: ("", DefectKind.MISSING),
    RosterDifferenceKind.UNKNOWN_TO_ROSTER: ("basic.code", DefectKind.WRONG),
    RosterDifferenceKind.CODE_DIFFERS: ("basic.code", DefectKind.WRONG),
    RosterDifferenceKind.DIFFERENT_PARENT: ("parent", DefectKind.WRONG),
    RosterDifferenceKind.DIFFERENT_CATEGORY: ("basic.category", DefectKind.WRONG),
}


def _difference_rule(kind: RosterDifferenceKind) -> Callable[[Prepared], SystemCheck]:
    field, defect_kind = _DIFFERENCE_FIELDS[kind]

    def build(prepared: Prepared) -> SystemCheck:
        def tree(ctx: SystemContext) -> Iterable[tuple[str | None, Defect]]:
            # A link or category the tree itself finds wrong is one defect, reported once, by the tree rule.
            faulted = _faulted_fields(ctx) if field in ("parent", "basic.category") else frozenset()
            for difference in ctx.roster_differences():
                if difference.kind is kind and (difference.code, field) not in faulted:
                    value = difference.database_value if difference.database_value is not None \
                        else difference.database_code
                    label = "实际党组织" if not field else _LABELS[field]
                    yield difference.code, Defect(field, value, defect_kind, difference.message, label=label)

        return SystemCheck(tree=tree)

    return build


def tree_rules(doc: Callable[..., Any], base: dict[str, Any]) -> list[Rule]:
    """The item 5 and 6 rules; ``doc`` builds an example database from the ``base`` document."""
    BASE_ORGANIZATIONS = base["organizations"]
    src = f"{ORGANIZATION}#tree; {ACCEPTANCE}#score-sheet"

    def rule(code: str, name: str, kind: TreeFaultKind | RosterDifferenceKind, what: str, why: str,
             fails: list[Any], passes: list[Any]) -> Rule:
        build = _fault_rule(kind) if isinstance(kind, TreeFaultKind) else _difference_rule(kind)
        preview = isinstance(kind, TreeFaultKind) and kind.preview
        return Rule(code=code, name=name, title=kind.label, entity=Entity.ORGANIZATION, group=None,
                    fields=(_FAULT_FIELDS[kind][0],) if isinstance(kind, TreeFaultKind)
                    else (_DIFFERENCE_FIELDS[kind][0],),
                    scope=RuleScope.SYSTEM, target=Target.DATABASE, item=kind.item,
                    status=RuleStatus.PREVIEW if preview else RuleStatus.STABLE,
                    explanation=explanation(what, why, src, fails, passes), build=build)

    roster = {"roster": [
        {"code": "001", "name": "中共西北大学委员会", "category": "611"},
        {"code": "001001", "name": "中共西北大学化学系总支部委员会", "category": "621", "parent": "001"},
        {"code": "001001001", "name": "中共西北大学化学系第一学生支部委员会", "category": "631", "parent": "001001"},
    ]}
    extra = {"code": "001001002", "name": "中共西北大学化学系第二学生支部委员会", "category": "631", "parent": "001001"}
    K, D = TreeFaultKind, RosterDifferenceKind
    return [
        rule("ORG501", "general-branch-without-branch", K.GENERAL_BRANCH_WITHOUT_BRANCH,
             "党总支下至少有一个党支部。", "党总支由党支部组成；没有党支部说明下属组织缺失。",
             [doc("党总支下没有党支部", organizations__2__parent="001")], [doc("有党支部")]),
        rule("ORG502", "committee-without-subordinate", K.COMMITTEE_WITHOUT_SUBORDINATE,
             "党委下至少有一个下属党组织。", "基层党委下设党总支或党支部；没有下属组织说明下属组织缺失。",
             [doc("只录入了党委，没有任何下属组织", organizations=[BASE_ORGANIZATIONS[0]])], [doc("有下属组织")]),
        rule("ORG503", "roster-missing", D.MISSING_FROM_DATABASE,
             "实际存在（党组织名单中有）的党组织在库中都有记录。", "下属党组织是否齐全：每缺一个扣1分。",
             [doc("名单中多一个党支部", roster=[*roster["roster"], extra])], [doc("与名单一致", **roster)]),
        rule("ORG601", "org-keyless", K.KEYLESS, "每个党组织记录都有党组织代码。", "代码是党组织树的连接依据。",
             [doc("代码为空", organizations__2__basic__code="")], [doc("都有代码")]),
        rule("ORG602", "org-duplicate-code", K.DUPLICATE_CODE, "党组织代码不重复。", "一个代码只对应一个党组织。",
             [doc("代码重复", organizations__2__basic__code="001001")], [doc("不重复")]),
        rule("ORG603", "org-missing-parent", K.MISSING_PARENT, "上级党组织代码指向库中存在的党组织。",
             "上级不存在的党组织脱离了党组织树。",
             [doc("上级不存在", organizations__2__parent="009")], [doc("上级存在")]),
        rule("ORG604", "org-cycle", K.CYCLE, "上级关系不构成循环。", "循环的上级关系使党组织树无法成立。",
             [doc("互为上级", organizations__1__parent="001001001")], [doc("无循环")]),
        rule("ORG605", "org-extra-root", K.EXTRA_ROOT, "库中只有一个顶层党组织（被检查的基层党委）。",
             "一个建库单位的党组织构成一棵树。",
             [doc("两个顶层", organizations__1__parent=...)], [doc("一个顶层")]),
        rule("ORG606", "branch-with-children", K.BRANCH_WITH_CHILDREN, "党支部不设下级党组织。",
             "党支部是党的基层组织的最基本单位，其下只有党小组，党小组不是党组织树的节点。",
             [doc("党支部下设党支部", organizations__1__basic__category="631",
                  organizations__1__basic__name="中共西北大学化学系支部委员会")], [doc("党支部无下级")]),
        rule("ORG607", "under-branch", K.UNDER_BRANCH, "党委、党总支不隶属于党支部。", "党支部之下不能设党委或党总支。",
             [doc("党总支挂在党支部下", organizations__1__parent="001001001", organizations__2__parent="001")],
             [doc("隶属正确")]),
        rule("ORG608", "general-branch-child", K.GENERAL_BRANCH_NON_BRANCH_CHILD, "党总支的下级都是党支部。",
             "党总支由若干党支部组成。",
             [doc("党总支下设党委", organizations__2__basic__category="611",
                  organizations__2__basic__name="中共西北大学化学系委员会")], [doc("下级是党支部")]),
        rule("ORG609", "code-extends-parent", K.CODE_NOT_EXTENDING_PARENT, "下级党组织代码以上级党组织代码开头。",
             "各实现都按层级前缀编码，但系统2005的编码方案未经证实，作为预览规则。",
             [doc("代码不衔接", organizations__2__basic__code="002001001",
                  members__0__relation__branch="002001001", members__1__relation__branch="002001001",
                  applicants__0__development__branch="002001001")], [doc("代码衔接")]),
        rule("ORG610", "roster-unknown", D.UNKNOWN_TO_ROSTER, "库中的党组织都在实际党组织名单中。",
             "党组织树应与实际情况一致。",
             [doc("名单中没有该党支部", roster=roster["roster"][:2])], [doc("与名单一致", **roster)]),
        rule("ORG611", "roster-parent", D.DIFFERENT_PARENT, "党组织的上级与名单一致。", "党组织树应与实际情况一致。",
             [doc("上级与名单不同", roster=[*roster["roster"][:2], {**roster["roster"][2], "parent": "001"}])],
             [doc("与名单一致", **roster)]),
        rule("ORG612", "roster-category", D.DIFFERENT_CATEGORY, "党组织的组织类别与名单一致。", "党组织树应与实际情况一致。",
             [doc("类别与名单不同", roster=[*roster["roster"][:2], {**roster["roster"][2], "category": "632"}])],
             [doc("与名单一致", **roster)]),
        rule("ORG613", "roster-code", D.CODE_DIFFERS, "党组织代码与名单一致（名称和上级相同而代码不同时计一处）。",
             "党组织树应与实际情况一致。",
             [doc("代码与名单不同", roster=[*roster["roster"][:2], {**roster["roster"][2], "code": "001001009"}])],
             [doc("与名单一致", **roster)]),
    ]
