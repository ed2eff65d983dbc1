"""陕西某市的两条补充规则：cpcinfo 用户规则的示例（docs/user-rules.md）。"""

from __future__ import annotations

import copy

from cpcinfo import Entity, field_rule, system_rule
from cpcinfo.reference import base_records
from cpcinfo.rules import Defect, DefectKind, Example
from cpcinfo.rules.reading import usable_date

MEMBER = base_records()["基准党员记录"]  # a valid member record, to make the examples from
DATABASE = base_records()["基准数据库"]  # a valid database: a 党委, a 党总支, a 党支部, two members


def _unit_name_in_full(member, as_of):
    name = member.basic.unit_name if member.basic is not None else None
    if isinstance(name, str) and 0 < len(name.strip()) < 4:
        yield Defect("basic.unit_name", name, DefectKind.NONSTANDARD,
                     f"组织关系所在单位「{name}」不是全称（本市要求写单位全称）", suggestion="写单位全称")


def _branch_term_running(member, view):
    branch = member.relation.branch if member.relation is not None else None
    organization = view.organization(branch)  # None for a branch not in the tree: MEM901's finding
    if organization is None or organization.basic is None:
        return None
    ends = usable_date(organization.basic.term_ends_on, view.as_of)
    if ends is not None and ends < view.as_of:
        return [Defect("relation.branch", branch, DefectKind.WRONG,
                       f"所在党支部「{branch}」已于 {ends} 届满，尚未换届")]
    return None


def _changed(data, path, value):
    data = copy.deepcopy(data)
    *parents, last = path.split(".")
    here = data
    for part in parents:
        here = here[int(part)] if part.isdigit() else here[part]
    here[last] = value
    return data


UNIT_NAME_IN_FULL = field_rule(
    "SX101", title="组织关系所在单位不是全称", entity=Entity.MEMBER, group="basic", check=_unit_name_in_full,
    fields=("basic.unit_name",),
    what="党员的组织关系所在单位写全称（至少4个字），不写简称。",
    why="市委组织部要求单位名称与机构编制部门登记的全称一致。", source="某市委组织部补充要求（示例）",
    fails=[Example(data=_changed(MEMBER, "basic.unit_name", "化学系"), note="只写了系名")],
    passes=[Example(data=MEMBER, note="写全称")])

BRANCH_TERM_RUNNING = system_rule(
    "SX901", title="所在党支部届满未换届", entity=Entity.MEMBER, group="relation", check=_branch_term_running,
    fields=("relation.branch",),
    what="党员编入的党支部没有届满未换届（本届届满日期不早于检查日期）。",
    why="届满未换届的支部要先换届，再核对其党员信息。", source="某市委组织部补充要求（示例）",
    fails=[Example(data=_changed(DATABASE, "organizations.2.basic.term_ends_on", "2011-01-01"),
                   note="支部已届满")],
    passes=[Example(data=DATABASE, note="支部任期未满")])

RULES = [UNIT_NAME_IN_FULL, BRANCH_TERM_RUNNING]
"""What ``cpcinfo check 信息库.json --rules sx_rules`` runs beside the built-in rules."""
