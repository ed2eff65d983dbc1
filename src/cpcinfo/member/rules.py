"""Field rules of the member (党员): items 8–15."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from cpcinfo.entity import Entity
from cpcinfo.findings import DefectKind
from cpcinfo.rules.builders import OK, code_value, date_value, example, group_rule, value_rule
from cpcinfo.rules.checks import ValueCheck, date_check, flag_check, org_code_check
from cpcinfo.rules.cite import MEMBER, MEMBERSHIP
from cpcinfo.rules.dates import add_months, span_text
from cpcinfo.rules.model import Check, Defect, Prepared, Rule
from cpcinfo.rules.person import education_rules, person_rules
from cpcinfo.rules.reading import is_blank, usable_date
from cpcinfo.rules.tags import tag_test

M = Entity.MEMBER

BASE_MEMBER: dict[str, Any] = {
    "id": "M0001",
    "basic": {"name": "王建国", "gender": "1", "ethnicity": "01", "born_on": "1980-05-12",
              "native_place": "610102", "unit_name": "西北大学化学系"},
    "education": [{"level": "21", "enrolled_on": "1998-09-01", "graduated_on": "2002-07-01"}],
    "work": {"post": "0104", "frontline": "03"},
    "awards": [{"name": "11", "authority_level": "6", "approved_on": "2008-07-01"}],
    "standing": {"joined_on": "2001-06-20", "join_type": "0", "full_member_on": "2002-06-20",
                 "probation_outcome": "1"},
    "relation": {"branch": "001001001", "entered_on": "2001-06-20", "entry_type": "12"},
    "hardship": {"veteran_without_work": False, "special_care_subsidy": False},
}
"""A valid member: every example of this module is this record with one change."""


def _flag(prepared: Prepared, field: str, label: str) -> ValueCheck:
    return flag_check(field, label)


def _org_code(prepared: Prepared, field: str, label: str) -> ValueCheck:
    return org_code_check(field, label)


def _full_member_on(prepared: Prepared) -> Check:
    """转正日期: required once the probation is over, unless the member was admitted as a full member
    directly or the probation outcome says the member is not (yet) a full member."""
    dates = date_check("full_member_on", "转正日期")
    direct_full = tag_test(prepared.tables["join_type"], "direct-full")
    pending = tag_test(prepared.tables["probation_outcome"], "pending")
    cancelled = tag_test(prepared.tables["probation_outcome"], "cancelled")
    probation = prepared.ruleset.probation_months

    def check(standing: Any, as_of: datetime.date) -> Sequence[Defect]:
        value = standing.full_member_on
        if type(value) is datetime.date or not is_blank(value):
            defect = dates(value, as_of)
            return OK if defect is None else (defect,)
        if direct_full(standing.join_type):
            return OK
        outcome = standing.probation_outcome
        if pending(outcome) or cancelled(outcome):
            return OK
        joined = usable_date(standing.joined_on, as_of)
        if joined is not None and add_months(joined, probation) > as_of:
            return OK  # still in the probation year
        return (Defect("full_member_on", value, DefectKind.MISSING, "转正日期未填写（预备期已满）"),)

    return check


def _probation_outcome(prepared: Prepared) -> Check:
    codes = code_value("probation_outcome")(prepared, "probation_outcome", "转正情况")
    direct_full = tag_test(prepared.tables["join_type"], "direct-full")

    def check(standing: Any, as_of: datetime.date) -> Sequence[Defect]:
        defect = codes(standing.probation_outcome, as_of)
        if defect is None or (defect.kind is DefectKind.MISSING and direct_full(standing.join_type)):
            return OK
        return (defect,)

    return check


def _wrong_full(full: datetime.date, message: str) -> Sequence[Defect]:
    return (Defect("full_member_on", full, DefectKind.WRONG, message),)


def _probation_length(prepared: Prepared) -> Check:
    """转正日期 − 入党日期 must fit the probation outcome (docs/domain/membership.md#probation)."""
    rs = prepared.ruleset
    direct_full = tag_test(prepared.tables["join_type"], "direct-full")
    outcomes = prepared.tables["probation_outcome"]
    on_time_outcome, extended, delayed, pending, cancelled = (
        tag_test(outcomes, tag) for tag in ("on-time", "extended", "delayed", "pending", "cancelled")
    )

    def check(standing: Any, as_of: datetime.date) -> Sequence[Defect]:
        joined, full = usable_date(standing.joined_on, as_of), usable_date(standing.full_member_on, as_of)
        if joined is None or full is None:
            return OK

        if full < joined:
            return _wrong_full(full, f"转正日期 {full} 早于入党日期 {joined}")
        if direct_full(standing.join_type):
            return OK if full == joined else _wrong_full(full, f"直接批准为正式党员或追认的，转正日期应与入党日期 {joined} 相同")
        outcome = standing.probation_outcome
        on_time = add_months(joined, rs.probation_months)
        if on_time_outcome(outcome):
            if full == on_time:
                return OK
            return _wrong_full(full, f"按期转正的转正日期应为入党满{span_text(rs.probation_months)}之日 {on_time}，实际为 {full}")
        if extended(outcome) and not pending(outcome):
            earliest = add_months(on_time, rs.extension_min_months)
            latest = add_months(on_time, rs.extension_max_months)
            if not (on_time < full and earliest <= full <= latest):
                return _wrong_full(full, f"延长预备期后转正的转正日期应晚于 {on_time}、在 {earliest} 至 {latest} 之间，实际为 {full}")
        if delayed(outcome) and full != on_time:
            # 党龄从预备期满之日算起: a late discussion does not move the day the probation ended.
            return _wrong_full(full, f"推迟讨论后转正的，转正日期仍是预备期满之日 {on_time}（党龄从预备期满之日算起），"
                                     f"实际为 {full}")
        if pending(outcome) or cancelled(outcome):
            return _wrong_full(full, f"转正情况为「{outcome}」，不应有转正日期 {full}")
        return OK

    return check


def _probation_ended(prepared: Prepared) -> Check:
    """A 转正情况 that says the member is still probationary, long after any probation could have ended."""
    rs = prepared.ruleset
    pending = tag_test(prepared.tables["probation_outcome"], "pending")
    longest = rs.probation_months + rs.extension_max_months

    def check(standing: Any, as_of: datetime.date) -> Sequence[Defect]:
        outcome = standing.probation_outcome
        if not pending(outcome) or not is_blank(standing.full_member_on):
            return OK  # a pending outcome beside a 转正日期 is MEM505's one finding
        joined = usable_date(standing.joined_on, as_of)
        if joined is None or add_months(joined, longest) >= as_of:
            return OK
        return (Defect("probation_outcome", outcome, DefectKind.WRONG,
                       f"入党日期 {joined} 至检查日期 {as_of} 已超过预备期一年加最长延长一年（{span_text(longest)}），"
                       f"转正情况不能仍是「{outcome}」"),)

    return check


def member_rules() -> list[Rule]:
    b = BASE_MEMBER
    src_work, src_award = f"{MEMBER}#work", f"{MEMBER}#awards"
    src_standing, src_relation = f"{MEMBERSHIP}#standing", f"{MEMBER}#relation"
    return [
        *person_rules({"name": "MEM101", "gender": "MEM102", "ethnicity": "MEM103", "born_on": "MEM104",
                       "native_place": "MEM105", "unit_name": "MEM106", "id_number": "MEM107"}, M, b),
        *education_rules({"present": "MEM201", "level": "MEM202", "enrolled_on": "MEM203",
                          "graduated_on": "MEM204", "order": "MEM205"}, M, b),
        value_rule("MEM301", "work-post", M, "work", "post", code_value("work_post"),
                   what="工作岗位填写工作岗位代码表的最末一级代码。", why="党内统计按工作岗位统计党员。",
                   source=src_work,
                   fails=[example(b, "未填写", work__post="")], passes=[example(b, "代码")]),
        value_rule("MEM302", "work-frontline", M, "work", "frontline", code_value("frontline"),
                   what="一线情况填写代码。", why="党内统计按一线情况统计党员。", source=src_work,
                   fails=[example(b, "代码不存在", work__frontline="ZZ")], passes=[example(b, "代码")]),
        value_rule("MEM401", "award-name", M, "awards", "name", code_value("member_award"),
                   what="每条奖惩记录的奖惩名称填写代码。", why="有奖惩记录时三项都要填写。", source=src_award,
                   fails=[example(b, "未填写", awards__0__name=""), example(b, "ZB65 没有的代码 02252", awards__0__name="02252")],
                   passes=[example(b, "代码"), example(b, "ZB65 留党察看 02258", awards__0__name="02258")]),
        value_rule("MEM402", "award-authority-level", M, "awards", "authority_level", code_value("authority_level"),
                   what="每条奖惩记录的批准机关级别填写代码。", why="有奖惩记录时三项都要填写。", source=src_award,
                   fails=[example(b, "未填写", awards__0__authority_level="—"),
                          example(b, "ZB03 没有的代码 112", awards__0__authority_level="112"),
                          example(b, "ZB03 的名称（应为代码 101）", awards__0__authority_level="中央，国家级")],
                   passes=[example(b, "代码"), example(b, "ZB03 省级 104A", awards__0__authority_level="104A")]),
        value_rule("MEM403", "award-approved-on", M, "awards", "approved_on", date_value,
                   what="奖惩批准日期是标准格式的真实日期，不晚于检查日期。", why="日期须为 YYYY-MM-DD。",
                   source=src_award,
                   fails=[example(b, "只写到月", awards__0__approved_on="2008年7月")], passes=[example(b, "标准日期")]),
        value_rule("MEM501", "standing-joined-on", M, "standing", "joined_on", date_value,
                   what="加入中共组织日期（支部大会通过之日）是标准格式的真实日期。",
                   why="预备期从支部大会通过之日算起。",
                   source=src_standing,
                   fails=[example(b, "未填写", standing__joined_on="")], passes=[example(b, "标准日期")]),
        value_rule("MEM502", "standing-join-type", M, "standing", "join_type", code_value("join_type"),
                   what="加入中共组织类型填写代码。", why="区分新吸收、重新吸收、直接批准、恢复党籍和追认。",
                   source=src_standing,
                   fails=[example(b, "代码不存在", standing__join_type="99")], passes=[example(b, "代码")]),
        group_rule("MEM503", "standing-full-member-on", "转正日期", M, "standing", ("full_member_on",),
                   _full_member_on,
                   what="转正日期是标准格式的真实日期；预备期已满的党员必须填写（直接批准为正式党员、追认、"
                        "尚未转正或取消预备党员资格的除外）。",
                   why="党龄从转为正式党员之日算起。", source=src_standing,
                   fails=[example(b, "预备期已满但未填写", standing__full_member_on=...)],
                   passes=[example(b, "已转正"),
                           example(b, "仍在预备期", standing__full_member_on=..., standing__joined_on="2011-01-10",
                                   standing__probation_outcome="6")]),
        group_rule("MEM504", "standing-probation-outcome", "转正情况", M, "standing", ("probation_outcome",),
                   _probation_outcome,
                   what="转正情况填写代码（直接批准为正式党员或追认的可不填）。",
                   why="区分按期、延长预备期、推迟讨论等。",
                   source=src_standing,
                   fails=[example(b, "填写名称", standing__probation_outcome="按期转正（文字）")],
                   passes=[example(b, "代码")]),
        group_rule("MEM505", "standing-probation-length", "转正日期与入党日期、转正情况不符", M, "standing",
                   ("joined_on", "full_member_on", "probation_outcome"), _probation_length,
                   what="转正日期与入党日期之差符合转正情况：按期转正恰为一年；延长预备期后转正在规则集规定的范围内；"
                        "直接批准为正式党员或追认的与入党日期相同；没有早于入党日期的转正。",
                   why="预备期为一年，延长预备期不能超过一年；没有提前转正。", source=f"{MEMBERSHIP}#probation",
                   fails=[example(b, "按期转正但不足一年", standing__full_member_on="2002-03-01"),
                          example(b, "推迟讨论后转正却写了讨论之日", standing__probation_outcome="3",
                                  standing__full_member_on="2002-08-15"),
                          example(b, "延长预备期不足半年", standing__probation_outcome="2",
                                  standing__full_member_on="2002-12-19"),
                          example(b, "延长预备期超过一年", standing__probation_outcome="2",
                                  standing__full_member_on="2003-06-21")],
                   passes=[example(b, "按期转正恰为一年"),
                           example(b, "推迟讨论后转正，转正日期为预备期满之日", standing__probation_outcome="3"),
                           example(b, "延长预备期恰为半年", standing__probation_outcome="2",
                                   standing__full_member_on="2002-12-20"),
                           example(b, "延长预备期恰为一年", standing__probation_outcome="2",
                                   standing__full_member_on="2003-06-20")]),
        group_rule("MEM506", "standing-probation-ended", "预备期早已届满仍未转正", M, "standing",
                   ("joined_on", "probation_outcome", "full_member_on"), _probation_ended,
                   what="转正情况为「预备期未满」「延长预备期」「尚未讨论或审批」等尚未转正的，入党日期距检查日期不超过"
                        "预备期一年加最长延长一年（两年）。",
                   why="预备期一年，延长预备期最长一年：入党两年以后不可能仍是预备党员（转正情况未填写的由 MEM504 报告；"
                       "填了转正日期的，转正情况与转正日期的矛盾由 MEM505 报告）。",
                   source=f"{MEMBERSHIP}#pending",
                   fails=[example(b, "2001年入党仍为预备期未满", standing__probation_outcome="6",
                                  standing__full_member_on=...),
                          example(b, "入党两年零一天仍为延长预备期", standing__probation_outcome="4",
                                  standing__full_member_on=..., standing__joined_on="2009-06-29")],
                   passes=[example(b, "入党恰满两年仍在延长预备期", standing__probation_outcome="4",
                                   standing__full_member_on=..., standing__joined_on="2009-06-30"),
                           example(b, "已转正")]),
        value_rule("MEM601", "relation-branch", M, "relation", "branch", _org_code,
                   what="所在党支部填写党支部的党组织代码。", why="党支部是否存在由系统查找规则检查。",
                   source=src_relation,
                   fails=[example(b, "含空格", relation__branch="001 001 001")], passes=[example(b, "代码")]),
        value_rule("MEM602", "relation-entered-on", M, "relation", "entered_on", date_value,
                   what="进入支部日期是标准格式的真实日期，不晚于检查日期。", why="日期须为 YYYY-MM-DD。",
                   source=src_relation,
                   fails=[example(b, "不是日期", relation__entered_on="去年")], passes=[example(b, "标准日期")]),
        value_rule("MEM603", "relation-entry-type", M, "relation", "entry_type", code_value("entry_type"),
                   what="进入支部类型填写代码。", why="区分新发展、转入、恢复党籍等。", source=src_relation,
                   fails=[example(b, "未填写", relation__entry_type="/")], passes=[example(b, "代码")]),
        value_rule("MEM701", "floating-flow-type", M, "floating", "flow_type", code_value("flow_type"),
                   what="流动党员填写流动类型代码（不是流动党员的不填本组）。", why="流出、流入党员分别管理。",
                   source=f"{MEMBER}#floating",
                   fails=[example(b, "流动党员未填流动类型", floating={"flow_type": ""})],
                   passes=[example(b, "流出", floating={"flow_type": "02"}), example(b, "不是流动党员")]),
        value_rule("MEM801", "hardship-veteran-flag", M, "hardship", "veteran_without_work", _flag,
                   what="建国前入党没有工作老党员标识填写「是」或「否」。",
                   why="是否只在1949年10月1日前入党时可为「是」，由系统查找规则检查。", source=f"{MEMBER}#hardship",
                   fails=[example(b, "写成 Y", hardship__veteran_without_work="Y")], passes=[example(b, "否")]),
        value_rule("MEM802", "hardship-special-care-flag", M, "hardship", "special_care_subsidy", _flag,
                   what="是否享受优抚对象抚恤补助填写「是」或「否」。", why="困难党员信息集的必填项。",
                   source=f"{MEMBER}#hardship",
                   fails=[example(b, "未填写", hardship__special_care_subsidy="")], passes=[example(b, "否")]),
    ]
