"""Field rules of the applicant (申请入党人): items 17–19."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from cpcinfo.entity import Entity
from cpcinfo.findings import DefectKind
from cpcinfo.rules.builders import OK, example, group_rule, value_rule
from cpcinfo.rules.checks import date_check, org_code_check, person_name_defect
from cpcinfo.rules.cite import APPLICANT
from cpcinfo.rules.dates import add_months, chinese_count, span_text
from cpcinfo.rules.model import Check, Defect, Prepared, Rule
from cpcinfo.rules.person import education_rules, person_rules
from cpcinfo.rules.reading import is_blank, usable_date

A = Entity.APPLICANT

BASE_APPLICANT: dict[str, Any] = {
    "id": "A0001",
    "basic": {"name": "李晓梅", "gender": "2", "ethnicity": "01", "born_on": "1990-03-08",
              "native_place": "610102", "unit_name": "西北大学化学系"},
    "education": [{"level": "21", "enrolled_on": "2008-09-01", "graduated_on": "2010-07-01"}],
    "development": {"branch": "001001001", "applied_on": "2008-10-15", "mentors": ["王建国", "张伟"],
                    "activist_on": "2009-03-01", "candidate_on": "2010-04-01", "branch_meeting_on": "2011-05-20"},
}
"""A valid applicant (an applicant admitted by the branch meeting, waiting for approval)."""

# The development chain in order: each stage needs the ones before it (docs/domain/general.md#date-order).
CHAIN = ("applied_on", "activist_on", "candidate_on", "branch_meeting_on", "approved_on")
CHAIN_LABELS = {"applied_on": "申请入党日期", "activist_on": "列为入党积极分子日期", "candidate_on": "列为发展对象日期",
                "branch_meeting_on": "支部大会通过日期", "approved_on": "上级组织批准日期"}


def _stage_date(field: str) -> Any:
    """A stage of the chain: checked when written; missing only when a later stage is written
    (an applicant who has only applied has no activist date yet)."""
    later = CHAIN[CHAIN.index(field) + 1:]
    label = CHAIN_LABELS[field]
    always = field == "applied_on"

    def build(prepared: Prepared) -> Check:
        dates = date_check(field, label)

        def check(development: Any, as_of: datetime.date) -> Sequence[Defect]:
            value = getattr(development, field)
            if is_blank(value) and not always and all(is_blank(getattr(development, f)) for f in later):
                return OK
            defect = dates(value, as_of)
            return OK if defect is None else (defect,)

        return check

    return build


def _mentors(prepared: Prepared) -> Check:
    most = prepared.ruleset.max_mentors

    def check(development: Any, as_of: datetime.date) -> Sequence[Defect]:
        mentors = development.mentors
        if not mentors:
            if is_blank(development.activist_on):
                return OK  # mentors are assigned when the applicant becomes an activist
            return (Defect("mentors", mentors, DefectKind.MISSING, "培养人未填写（已列为入党积极分子）"),)
        defects = []
        if len(mentors) > most:
            defects.append(Defect("mentors", mentors, DefectKind.WRONG,
                                  f"培养人有{len(mentors)}名，应为一至{chinese_count(most)}名正式党员"))
        for index, name in enumerate(mentors):
            defect = person_name_defect(f"mentors[{index}]", "培养人", name)
            if defect is not None:
                defects.append(defect)
        return defects

    return check


def _chain_order(prepared: Prepared) -> Check:
    def check(development: Any, as_of: datetime.date) -> Sequence[Defect]:
        previous: tuple[str, datetime.date] | None = None
        for field in CHAIN:
            value = usable_date(getattr(development, field), as_of)
            if value is None:
                continue
            if previous is not None and value < previous[1]:
                # One finding for the chain: after the first inversion, which date is the wrong one is not
                # known, and every later stage would be "too early" because of the same one date.
                return (Defect(field, value, DefectKind.WRONG,
                               f"{CHAIN_LABELS[field]} {value} 早于{CHAIN_LABELS[previous[0]]} {previous[1]}"),)
            previous = (field, value)
        return OK

    return check


def _activist_to_candidate(prepared: Prepared) -> Check:
    least = prepared.ruleset.activist_to_candidate_min_months

    def check(development: Any, as_of: datetime.date) -> Sequence[Defect]:
        activist, candidate = usable_date(development.activist_on, as_of), usable_date(development.candidate_on, as_of)
        if activist is not None and candidate is not None and activist <= candidate < add_months(activist, least):
            return (Defect("candidate_on", candidate, DefectKind.WRONG,
                           f"列为发展对象日期 {candidate} 距列为入党积极分子日期 {activist} 不足{span_text(least)}"),)
        return OK

    return check


def _approval_limit(prepared: Prepared) -> Check:
    most = prepared.ruleset.approval_max_months_after_meeting

    def check(development: Any, as_of: datetime.date) -> Sequence[Defect]:
        meeting, approved = usable_date(development.branch_meeting_on, as_of), usable_date(development.approved_on, as_of)
        if meeting is not None and approved is not None and approved > add_months(meeting, most):
            return (Defect("approved_on", approved, DefectKind.WRONG,
                           f"上级组织批准日期 {approved} 超过支部大会通过日期 {meeting} 后的审批期限"
                           f"（至迟 {add_months(meeting, most)}）"),)
        return OK

    return check


def _branch(prepared: Prepared, field: str, label: str) -> Any:
    return org_code_check(field, label)


def applicant_rules() -> list[Rule]:
    b = BASE_APPLICANT
    src = f"{APPLICANT}#development"
    rules = [
        *person_rules({"name": "APP101", "gender": "APP102", "ethnicity": "APP103", "born_on": "APP104",
                       "native_place": "APP105", "unit_name": "APP106", "id_number": "APP107"}, A, b),
        *education_rules({"present": "APP201", "level": "APP202", "enrolled_on": "APP203",
                          "graduated_on": "APP204", "order": "APP205"}, A, b),
        value_rule("APP301", "development-branch", A, "development", "branch", _branch,
                   what="所在党支部填写党支部的党组织代码。", why="党支部是否存在由系统查找规则检查。", source=src,
                   fails=[example(b, "未填写", development__branch="")], passes=[example(b, "代码")]),
    ]
    stages = (  # code, field, failing examples, passing examples
        ("APP302", "applied_on", [example(b, "未填写", development__applied_on="")], [example(b, "标准日期")]),
        ("APP303", "activist_on", [example(b, "已列为发展对象但积极分子日期未填", development__activist_on="")],
         [example(b, "标准日期")]),
        ("APP304", "candidate_on", [example(b, "只写到月", development__candidate_on="2010年4月")],
         [example(b, "标准日期")]),
        ("APP305", "branch_meeting_on", [example(b, "晚于检查日期", development__branch_meeting_on="2012-05-20")],
         [example(b, "标准日期")]),
        ("APP306", "approved_on", [example(b, "不存在的日期", development__approved_on="2011-06-31")],
         [example(b, "尚未批准（不填）")]),
    )
    for code, field, fails, passes in stages:
        rules.append(group_rule(
            code, f"development-{field.replace('_on', '').replace('_', '-')}-on", CHAIN_LABELS[field], A,
            "development", (field,), _stage_date(field),
            what=f"{CHAIN_LABELS[field]}是标准格式的真实日期，不晚于检查日期；"
                 + ("必须填写。" if field == "applied_on" else "已填写后续阶段的，本阶段必须填写。"),
            why="培养发展按申请、积极分子、发展对象、支部大会、上级批准的顺序进行。", source=src,
            fails=fails, passes=passes))
    rules += [
        group_rule("APP307", "development-mentors", "培养人", A, "development", ("mentors",), _mentors,
                   what="列为入党积极分子后须有一至两名培养人，姓名规范。",
                   why="党组织应指定一至两名正式党员作为培养联系人。", source=f"{APPLICANT}#mentors",
                   fails=[example(b, "三名培养人", development__mentors=["王建国", "张伟", "刘洋"]),
                          example(b, "已是积极分子却没有培养人", development__mentors=[])],
                   passes=[example(b, "两名培养人"), example(b, "一名培养人", development__mentors=["王建国"])]),
        group_rule("APP308", "development-order", "培养发展日期顺序颠倒", A, "development", CHAIN, _chain_order,
                   what="申请入党 ≤ 列为积极分子 ≤ 列为发展对象 ≤ 支部大会通过 ≤ 上级批准。",
                   why="培养发展的各阶段依次进行。", source=f"{APPLICANT}#development",
                   fails=[example(b, "积极分子早于申请", development__activist_on="2008-01-01")],
                   passes=[example(b, "顺序正确")]),
        group_rule("APP309", "development-activist-year", "积极分子培养不足规定期限", A, "development",
                   ("activist_on", "candidate_on"), _activist_to_candidate,
                   what="列为发展对象距列为入党积极分子至少满规则集规定的期限（一年）。",
                   why="入党积极分子须经一年以上的培养教育和考察。", source=f"{APPLICANT}#activist",
                   fails=[example(b, "不足一年", development__candidate_on="2009-12-01")],
                   passes=[example(b, "满一年")]),
        group_rule("APP310", "development-approval-limit", "上级审批超过期限", A, "development",
                   ("branch_meeting_on", "approved_on"), _approval_limit,
                   what="上级组织批准日期不超过支部大会通过日期后规则集规定的期限（三个月，特殊情况不超过六个月）。",
                   why="上级党委应在三个月内审批，特殊情况可延长，但不超过六个月。", source=f"{APPLICANT}#approval",
                   fails=[example(b, "超过六个月", development__branch_meeting_on="2010-05-20",
                                  development__approved_on="2011-01-10")],
                   passes=[example(b, "两个月后批准", development__branch_meeting_on="2011-03-20",
                                   development__approved_on="2011-05-20")]),
    ]
    return rules
