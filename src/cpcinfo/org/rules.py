"""Field rules of the organization (党组织): items 1–4."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from dateutil.relativedelta import relativedelta

from cpcinfo.codes import CodeTable
from cpcinfo.entity import Entity
from cpcinfo.findings import DefectKind
from cpcinfo.org.tree import CategoryKind, category_kind, name_kind
from cpcinfo.rules.builders import OK, code_value, date_value, example, group_rule, name_value, value_rule
from cpcinfo.rules.checks import ValueCheck, date_check, flag_check, optional, org_code_check, text_check
from cpcinfo.rules.cite import ACCEPTANCE, GENERAL, ORGANIZATION, UNIT
from cpcinfo.rules.model import Check, Defect, Prepared, Rule, Target
from cpcinfo.rules.reading import is_blank, usable_date
from cpcinfo.rules.ruleset import TermKind
from cpcinfo.rules.tags import tag_test

ORG = Entity.ORGANIZATION

BASE_ORGANIZATION: dict[str, Any] = {
    "parent": "001001",
    "basic": {"code": "001001001", "name": "中共西北大学化学系第一学生支部委员会", "category": "631",
              "locality": "1", "elected_on": "2010-06-01", "term_ends_on": "2013-06-01"},
    "leaders": [{"name": "王建国", "title": "001A"}, {"name": "张伟", "title": "030U"}],
    "awards": [{"name": "11", "date": "2010-07-01"}],
    "unit": {"name": "西北大学", "affiliation": "20", "nature": "9", "industry": "84",
             "legal_entity": True, "party_setup": "13", "grassroots_type": "9"},
}
"""A valid branch: every example of this module is this record with one change."""

_SUFFIX_WORDS = {
    "committee": "委员会（党委）",
    "general-branch": "总支部委员会（党总支）",
    "branch": "支部委员会（党支部）",
}


def _kind_of(table: CodeTable, value: Any) -> str | None:
    """The kind (committee, general-branch, branch) of a recorded category, or ``None`` if unknown/other."""
    kind = category_kind(value, table)
    return kind.value if kind in (CategoryKind.COMMITTEE, CategoryKind.GENERAL_BRANCH, CategoryKind.BRANCH) else None


def _name_kind(name: str) -> str | None:
    kind = name_kind(name)
    return None if kind is None else kind.value


def _org_name(prepared: Prepared) -> Check:
    plain = text_check("name", "党组织名称")
    categories = prepared.tables["org_category"]

    def check(basic: Any, as_of: datetime.date) -> Sequence[Defect]:
        value = basic.name
        defect = plain(value, as_of)
        if defect is not None:
            return (defect,)
        name = str(value)
        kind = _kind_of(categories, basic.category)
        named = _name_kind(name)
        if kind is None:
            return OK  # the category is unknown or of another kind: nothing to compare with
        if named is None:
            return (Defect("name", value, DefectKind.NONSTANDARD,
                           f"党组织名称「{name}」缺少组织类型后缀，应为「中共＋单位名称＋{_SUFFIX_WORDS[kind]}」"),)
        if named != kind:
            return (Defect("name", value, DefectKind.NONSTANDARD,
                           f"党组织名称「{name}」的后缀与组织类别不符，组织类别是{_SUFFIX_WORDS[kind]}"),)
        return OK

    return check


def _term(prepared: Prepared) -> Check:
    """本届届满日期 after 领导班子当选日期, by a whole number of years the rule set allows."""
    categories = prepared.tables["org_category"]
    terms = prepared.ruleset.term_years
    tolerance = datetime.timedelta(days=prepared.ruleset.term_tolerance_days)

    def check(basic: Any, as_of: datetime.date) -> Sequence[Defect]:
        # 届满日期 lies in the future by nature: only the date of the check bounds 当选日期.
        elected, ends = usable_date(basic.elected_on, as_of), usable_date(basic.term_ends_on, datetime.date.max)
        if elected is None or ends is None:
            return OK
        if ends <= elected:
            return (Defect("term_ends_on", ends, DefectKind.WRONG,
                           f"本届届满日期 {ends} 不晚于领导班子当选日期 {elected}"),)
        kind = _kind_of(categories, basic.category)
        if kind is None:
            return OK
        allowed = terms[TermKind(kind)]
        if _near_whole_years(elected, ends, allowed.min_years, allowed.max_years, tolerance):
            return OK
        return (Defect("term_ends_on", ends, DefectKind.WRONG,
                       f"当选日期 {elected} 至届满日期 {ends} 的任期不接近规则允许的"
                       f"{allowed.min_years}至{allowed.max_years}年中的任何整年数（允许相差{tolerance.days}天）"),)

    return check


def _near_whole_years(elected: datetime.date, ends: datetime.date, least: int, most: int,
                      tolerance: datetime.timedelta) -> bool:
    """Whether ``ends`` lies within ``tolerance`` of an anniversary of ``elected`` of ``least``–``most`` years
    (the eve of the anniversary, or an election held some weeks early or late)."""
    for years in range(least, most + 1):
        anniversary = elected + relativedelta(years=years)
        if abs(ends - anniversary) <= tolerance:
            return True
    return False


def _founded(prepared: Prepared) -> Check:
    def check(basic: Any, as_of: datetime.date) -> Sequence[Defect]:
        founded, elected = usable_date(basic.founded_on, as_of), usable_date(basic.elected_on, as_of)
        if founded is not None and elected is not None and elected < founded:
            return (Defect("founded_on", founded, DefectKind.WRONG,
                           f"建立党组织日期 {founded} 晚于领导班子当选日期 {elected}"),)
        return OK

    return check


def _optional_date(prepared: Prepared, field: str, label: str) -> ValueCheck:
    return optional(date_check(field, label))


def _optional_code(table: str) -> Any:
    def make(prepared: Prepared, field: str, label: str) -> ValueCheck:
        return optional(code_value(table)(prepared, field, label))

    return make


def _org_code(prepared: Prepared, field: str, label: str) -> ValueCheck:
    return org_code_check(field, label)


def _flag(prepared: Prepared, field: str, label: str) -> ValueCheck:
    return flag_check(field, label)


def _leaders_present(prepared: Prepared) -> Check:
    def check(record: Any, as_of: datetime.date) -> Sequence[Defect]:
        if record.leaders:
            return OK
        return (Defect("leaders", record.leaders, DefectKind.MISSING, "班子成员未填写（没有任何班子成员）", label="班子成员"),)

    return check


def _one_secretary(prepared: Prepared) -> Check:
    is_secretary = tag_test(prepared.tables["leader_title"], "secretary")

    def check(record: Any, as_of: datetime.date) -> Sequence[Defect]:
        leaders = record.leaders or ()
        seen = [i for i, leader in enumerate(leaders) if is_secretary(leader.title)]
        return [Defect(f"leaders[{i}].title", leaders[i].title, DefectKind.WRONG,
                       f"班子成员中有{len(seen)}名书记，一届班子只能有一名书记", label="职务名称") for i in seen[1:]]

    return check


def _unit_present(prepared: Prepared) -> Check:
    relations = prepared.tables["unit_relation"]
    same_as_parent = tag_test(relations, "same-as-parent")

    def check(record: Any, as_of: datetime.date) -> Sequence[Defect]:
        unit = record.unit
        if unit is not None and any(getattr(unit, f) is not None for f in
                                    ("name", "affiliation", "nature", "industry", "legal_entity", "party_setup",
                                     "grassroots_type")):
            return OK
        relation = record.basic.unit_relation if record.basic is not None else None
        if same_as_parent(relation) or (not is_blank(relation) and relations.resolve(str(relation)) is None):
            return OK  # 与上级党组织相同, or unreadable (ORG109 reports it): no unit is owed
        return (Defect("unit", unit, DefectKind.MISSING, "单位信息未填写（党组织所在单位情况不是「与上级党组织相同」）",
                       label="单位信息"),)

    return check


PARTY_NAME_PREFIXES = ("中共", "中国共产党")
PARTY_NAME_SUFFIXES = ("党委", "党总支", "党支部", "党委员会", "支部委员会", "党工委", "党组", "党小组")
"""What makes a unit name a party organization's name. A bare 「委员会」 does not: 发展和改革委员会,
卫生健康委员会, 居民委员会 and 村民委员会 are units (docs/domain/unit.md#unit-name)."""


def _unit_name(prepared: Prepared) -> Check:
    plain = text_check("name", "单位名称")

    def check(unit: Any, as_of: datetime.date) -> Sequence[Defect]:
        value = unit.name
        defect = plain(value, as_of)
        if defect is not None:
            return (defect,)
        name = str(value)
        if name.startswith(PARTY_NAME_PREFIXES) or name.endswith(PARTY_NAME_SUFFIXES):
            return (Defect("name", value, DefectKind.NONSTANDARD,
                           f"单位名称「{name}」写成了党组织名称，应填写单位的登记名称"),)
        return OK

    return check


def org_rules() -> list[Rule]:
    b = BASE_ORGANIZATION
    src_unit = f"{UNIT}#unit"
    return [
        value_rule("ORG101", "org-code", ORG, "basic", "code", _org_code,
                   what="党组织代码已填写，由数字（或系统使用的大写字母）组成，不含空格或全角字符。",
                   why="党组织代码是党组织的唯一标识。", source=f"{ORGANIZATION}#org-code",
                   fails=[example(b, "全角数字", basic__code="００１００１００１"), example(b, "未填写", basic__code="")],
                   passes=[example(b, "数字代码")]),
        group_rule("ORG102", "org-name", "党组织名称", ORG, "basic", ("name",), _org_name,
                   what="党组织名称已填写全称，没有多余空格，以与组织类别相符的后缀结尾（委员会、总支部委员会、支部委员会）。",
                   why="党组织名称按印章全称填写：「中共＋单位名称＋党组织类型」。", source=f"{GENERAL}#org-name",
                   fails=[example(b, "后缀与类别不符", basic__name="中共西北大学化学系委员会"),
                          example(b, "只有简称", basic__name="化学系一支部学生")],
                   passes=[example(b, "全称")]),
        value_rule("ORG103", "org-category", ORG, "basic", "category", code_value("org_category"),
                   what="组织类别填写代码（611 党委、621 党总支部、631 党支部、632 联合党支部 …）。",
                   why="填写名称「党支部」属于不规范。", source=f"{ORGANIZATION}#org-category",
                   fails=[example(b, "填写名称", basic__category="党支部"), example(b, "代码不存在", basic__category="699X")],
                   passes=[example(b, "代码 631")]),
        value_rule("ORG104", "org-locality", ORG, "basic", "locality", code_value("org_locality"),
                   what="党组织属地关系填写代码。", why="党内统计按属地关系统计党组织。", source=f"{ORGANIZATION}#org-locality",
                   fails=[example(b, "未填写", basic__locality="")], passes=[example(b, "代码")]),
        value_rule("ORG105", "org-elected-on", ORG, "basic", "elected_on", date_value,
                   what="领导班子当选日期是标准格式的真实日期，不晚于检查日期。", why="换届管理依据当选日期。",
                   source=f"{ORGANIZATION}#term",
                   fails=[example(b, "晚于检查日期", basic__elected_on="2012-01-01")], passes=[example(b, "标准日期")]),
        value_rule("ORG106", "org-term-ends-on", ORG, "basic", "term_ends_on", _date_any,
                   what="本届届满日期是标准格式的真实日期（届满日期可以晚于检查日期）。", why="换届管理依据届满日期。",
                   source=f"{ORGANIZATION}#term",
                   fails=[example(b, "只写到月", basic__term_ends_on="2013年6月")], passes=[example(b, "标准日期")]),
        group_rule("ORG107", "org-term-length", "任期年限不符合规定", ORG, "basic", ("elected_on", "term_ends_on", "category"),
                   _term,
                   what="届满日期晚于当选日期，且任期接近规则集为该组织类别允许的整年数（2007年党章：基层党委3至5年，"
                        "总支部、支部2至3年）：届满日期与某个允许年数的周年日相差不超过规则集的容差（31天），"
                        "周年前一天、提前或推迟几周换届都不算错。",
                   why="党的基层委员会、总支部委员会、支部委员会的任期由党章规定。", source=f"{ORGANIZATION}#term",
                   fails=[example(b, "党支部任期五年", basic__term_ends_on="2015-06-01"),
                          example(b, "比三年多出32天", basic__term_ends_on="2013-07-03"),
                          example(b, "两年半", basic__term_ends_on="2012-12-01")],
                   passes=[example(b, "党支部任期三年"),
                           example(b, "周年前一天", basic__term_ends_on="2013-05-31"),
                           example(b, "比三年多出31天", basic__term_ends_on="2013-07-02"),
                           example(b, "比两年少31天", basic__term_ends_on="2012-05-01")]),
        value_rule("ORG108", "org-founded-on", ORG, "basic", "founded_on", _optional_date,
                   what="建立党组织日期（选填）如填写，是标准格式的真实日期，不晚于检查日期。",
                   why="第18项信息的候选之一，作为选填项检查。", source=f"{ACCEPTANCE}#scope",
                   fails=[example(b, "不是日期", basic__founded_on="很早以前")],
                   passes=[example(b, "未填写（选填）"), example(b, "标准日期", basic__founded_on="1990-01-01")]),
        value_rule("ORG109", "org-unit-relation", ORG, "basic", "unit_relation", _optional_code("unit_relation"),
                   what="党组织所在单位情况（选填）如填写，填写代码。", why="决定单位信息是否必须填写。",
                   source=f"{UNIT}#unit",
                   fails=[example(b, "代码不存在", basic__unit_relation="9X")],
                   passes=[example(b, "未填写（选填）")]),
        group_rule("ORG110", "org-founded-before-elected", "建立日期晚于当选日期", ORG, "basic",
                   ("founded_on", "elected_on"), _founded,
                   what="建立党组织日期（选填）不晚于领导班子当选日期。", why="先建立党组织，后选举班子。",
                   source=f"{ORGANIZATION}#term",
                   fails=[example(b, "建立晚于当选", basic__founded_on="2010-07-01")],
                   passes=[example(b, "建立早于当选", basic__founded_on="1990-01-01")]),
        group_rule("ORG201", "leaders-present", "班子成员", ORG, "leaders", (), _leaders_present, target=Target.RECORD,
                   what="至少有一名班子成员。", why="每个党组织都有书记或负责人。", source=f"{ORGANIZATION}#leaders",
                   fails=[example(b, "没有班子成员", leaders=[])], passes=[example(b, "有书记和委员")]),
        value_rule("ORG202", "leader-name", ORG, "leaders", "name", name_value,
                   what="班子成员姓名是规范的中文姓名。", why="姓名须与党员信息一致。", source=f"{GENERAL}#person-name; {ORGANIZATION}#leaders",
                   fails=[example(b, "含字母", leaders__0__name="Wang建国")], passes=[example(b, "规范姓名")]),
        value_rule("ORG203", "leader-title", ORG, "leaders", "title", code_value("leader_title"),
                   what="职务名称填写党内职务代码（001A 书记、001B 副书记 …）。", why="填写名称属于不规范。",
                   source=f"{ORGANIZATION}#leaders",
                   fails=[example(b, "填写名称", leaders__0__title="书记"), example(b, "ZB08 没有的代码 002B", leaders__1__title="002B")],
                   passes=[example(b, "代码"), example(b, "ZB08 委员 002A", leaders__1__title="002A")]),
        group_rule("ORG204", "leaders-one-secretary", "书记多于一名", ORG, "leaders", ("title",), _one_secretary,
                   target=Target.RECORD,
                   what="班子成员中至多有一名书记。", why="一届班子只有一名书记。", source=f"{ORGANIZATION}#leaders",
                   fails=[example(b, "两名书记", leaders__1__title="001A")], passes=[example(b, "一名书记")]),
        value_rule("ORG301", "org-award-name", ORG, "awards", "name", code_value("org_award"),
                   what="每条组织奖惩记录的奖惩名称填写代码。", why="有奖惩记录时名称和日期都要填写。",
                   source=f"{ORGANIZATION}#org-awards",
                   fails=[example(b, "未填写", awards__0__name="")], passes=[example(b, "代码")]),
        value_rule("ORG302", "org-award-date", ORG, "awards", "date", date_value,
                   what="奖惩日期是标准格式的真实日期，不晚于检查日期。", why="日期须为 YYYY-MM-DD。", source=f"{ORGANIZATION}#org-awards",
                   fails=[example(b, "只写到月", awards__0__date="2010.7")], passes=[example(b, "标准日期")]),
        group_rule("ORG401", "unit-present", "单位信息", ORG, "unit", (), _unit_present, target=Target.RECORD,
                   what="填写了单位信息，除非党组织所在单位情况是「与上级党组织相同」。",
                   why="与上级党组织同一单位的不再重复填写单位信息。", source=src_unit,
                   fails=[example(b, "没有单位信息", unit=...)],
                   passes=[example(b, "有单位信息"), example(b, "与上级党组织相同", unit=..., basic__unit_relation="1")]),
        group_rule("ORG402", "unit-name", "单位名称", ORG, "unit", ("name",), _unit_name,
                   what="单位名称是单位的登记名称，不是党组织名称；是可以显示和打印的文本：不含控制字符、"
                        "无法编码的字符或方向控制符（填写错误），不含不可见字符、网页标记，不超过100个字（不规范）。",
                   why="单位信息描述党组织所在的单位；名称要在报告、表格和终端上原样显示，粘贴进来的网页或控制字符"
                       "会破坏显示，也不是名称。",
                   source=f"{UNIT}#unit-name",
                   fails=[example(b, "写成党组织名称", unit__name="中共西北大学委员会"),
                          example(b, "以党委结尾", unit__name="西北大学党委"),
                          example(b, "以支部委员会结尾", unit__name="西北大学化学系支部委员会"),
                          example(b, "含 NUL 字符", unit__name="西北\x00大学"),
                          example(b, "含终端转义序列 ESC", unit__name="西北大学\x1b[31m"),
                          example(b, "含孤立的代理字符", unit__name="西北大学\ud800"),
                          example(b, "101个字", unit__name="西" * 101),
                          example(b, "网页标记", unit__name="<script>alert(1)</script>"),
                          example(b, "零宽空格", unit__name="西北\u200b大学")],
                   passes=[example(b, "登记名称"),
                           example(b, "政府的委员会", unit__name="西安市发展和改革委员会"),
                           example(b, "居民委员会", unit__name="碑林区太乙路街道建东街社区居民委员会"),
                           example(b, "名称中的 & 与 <", unit__name="西安A&B科技有限公司（1<2）"),
                           example(b, "100个字", unit__name="西" * 100)]),
        value_rule("ORG403", "unit-affiliation", ORG, "unit", "affiliation", code_value("unit_affiliation"),
                   what="单位隶属关系填写国家统计局的单位隶属关系代码（10 中央、20 省 …），不是中组部 ZB87。", why="名称或大类代码属于不规范。",
                   source=f"{UNIT}#affiliation",
                   fails=[example(b, "填写名称", unit__affiliation="省"),
                          example(b, "中组部 ZB87 的代码 21（国家统计局表没有）", unit__affiliation="21")],
                   passes=[example(b, "代码 20"), example(b, "村民委员会 72", unit__affiliation="72")]),
        value_rule("ORG404", "unit-nature", ORG, "unit", "nature", code_value("unit_nature"),
                   what="单位性质类别填写代码。", why="党内统计按单位类别统计。", source=f"{UNIT}#unit-nature",
                   fails=[example(b, "未填写", unit__nature="")], passes=[example(b, "代码")]),
        value_rule("ORG405", "unit-industry", ORG, "unit", "industry", code_value("industry"),
                   what="单位所属行业填写 GB/T 4754 的行业代码（门类字母或两位以上数字代码），按规则集所用的版本："
                        "SHAANXI_2011 为2002年版，CURRENT 为2011年版。",
                   why="2011年版2011年11月1日起实施、统计从2012年起使用，2010–2011年的信息库按2002年版编码；"
                       "两版大类编号不同（教育：2002年版84，2011年版82）。",
                   source=f"{UNIT}#industry",
                   fails=[example(b, "代码不存在", unit__industry="99"),
                          example(b, "2011年版才有的大类（12 开采辅助活动）", unit__industry="12")],
                   passes=[example(b, "教育 84（2002年版）"), example(b, "国际组织 98（2002年版）", unit__industry="98")]),
        value_rule("ORG406", "unit-legal-entity", ORG, "unit", "legal_entity", _flag,
                   what="法人单位标识填写「是」或「否」。", why="是否法人单位决定其他单位信息的要求。",
                   source=f"{UNIT}#legal-entity",
                   fails=[example(b, "写成 1", unit__legal_entity="1")], passes=[example(b, "是")]),
        value_rule("ORG407", "unit-party-setup", ORG, "unit", "party_setup", code_value("party_setup"),
                   what="单位建立党的基层组织情况填写代码。", why="党内统计按建立党组织情况统计单位。",
                   source=f"{UNIT}#party-setup",
                   fails=[example(b, "未填写", unit__party_setup="")], passes=[example(b, "代码")]),
        value_rule("ORG408", "unit-grassroots-type", ORG, "unit", "grassroots_type", code_value("grassroots_type"),
                   what="街道社区镇乡村标识填写代码。", why="党内统计按街道、社区、乡镇、村统计。", source=f"{UNIT}#grassroots",
                   fails=[example(b, "未填写", unit__grassroots_type="")], passes=[example(b, "代码")]),
    ]


def _date_any(prepared: Prepared, field: str, label: str) -> ValueCheck:
    """A date that may lie after the date of the check (a term ends in the future)."""
    far_future = datetime.date(9999, 12, 31)
    plain = date_check(field, label)

    def check(value: Any, as_of: datetime.date) -> Defect | None:
        return plain(value, far_future)

    return check
