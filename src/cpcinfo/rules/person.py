"""Rules shared by members and applicants: the person (基本信息) and education (学历学位信息) groups.

Members and applicants record the same person fields under different score-sheet items (8/9 and 17/18),
so each rule is made twice from one definition, with its own item. Each caller gives the codes as a table
written out in its own module (``{"name": "MEM101", "gender": "MEM102", …}``), so that every code can be
found by searching for it.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from cpcinfo.entity import Entity
from cpcinfo.findings import DefectKind
from cpcinfo.rules.builders import OK, code_value, date_value, example, group_rule, name_value, value_rule
from cpcinfo.rules.checks import (
    ValueCheck,
    code_check,
    date_check,
    id_number_form_check,
    text_check,
)
from cpcinfo.rules.cite import EDUCATION, GENERAL, PERSON
from cpcinfo.rules.dates import add_years
from cpcinfo.rules.model import Check, Defect, Prepared, Rule, Target
from cpcinfo.rules.reading import usable_date

MAX_AGE_YEARS = 120
"""An age above this on the date of the check is taken for a wrong birth date."""


def _birth_date(prepared: Prepared, field: str, label: str) -> ValueCheck:
    plain = date_check(field, label)
    min_age = prepared.ruleset.min_age_years

    def check(value: Any, as_of: datetime.date) -> Defect | None:
        defect = plain(value, as_of)
        if defect is not None or type(value) is not datetime.date:
            return defect
        if add_years(value, min_age) > as_of:
            return Defect(field, value, DefectKind.WRONG,
                          f"{label} {value.isoformat()} 表明到检查日期 {as_of.isoformat()} 未满"
                          f"{prepared.ruleset.min_age_years}周岁，不可能是党员或申请入党人")
        if add_years(value, MAX_AGE_YEARS) < as_of:
            return Defect(field, value, DefectKind.WRONG, f"{label} {value.isoformat()} 表明年龄超过{MAX_AGE_YEARS}岁")
        return None

    return check


def _native_place(prepared: Prepared, field: str, label: str) -> ValueCheck:
    """A region code: abolished codes are valid (籍贯 names a place as it was), codes created after the year
    of the check are not (docs/domain/person.md#native-place)."""
    table = prepared.tables["region"]
    codes = code_check(field, label, table)
    since = {e.code: e.valid_from for e in table.entries if e.valid_from is not None}

    def check(value: Any, as_of: datetime.date) -> Defect | None:
        year = since.get(value) if type(value) is str else None
        if year is not None and year > as_of.year:
            entry = table.get(value)
            return Defect(field, value, DefectKind.WRONG,
                          f"{label}「{value}」（{entry.label if entry else ''}）{year}年才设立，"
                          f"{as_of.isoformat()} 检查的信息库中不可能有这个代码")
        defect = codes(value, as_of)
        suggested = defect.suggestion if defect is not None else None
        year = since.get(suggested) if type(suggested) is str else None
        if year is not None and year > as_of.year:
            # a name or a spaced code of a county created later: suggesting its code would suggest a defect
            entry = table.get(str(suggested))
            return Defect(field, value, DefectKind.WRONG,
                          f"{label}「{value}」即 {suggested}（{entry.label if entry else ''}），{year}年才设立，"
                          f"{as_of.isoformat()} 检查的信息库中不可能有这个籍贯")
        return defect

    return check


def _text(prepared: Prepared, field: str, label: str) -> ValueCheck:
    return text_check(field, label)


def _id_number(prepared: Prepared, field: str, label: str) -> ValueCheck:
    return id_number_form_check(field, label)


PERSON_FIELDS = ("name", "gender", "ethnicity", "born_on", "native_place", "unit_name", "id_number")
"""The keys of the code table :func:`person_rules` takes: the 基本信息 fields its rules check, in code order."""

EDUCATION_CHECKS = ("present", "level", "enrolled_on", "graduated_on", "order")
"""The keys of the code table :func:`education_rules` takes, in code order."""


def _codes(codes: Mapping[str, str], keys: Sequence[str]) -> Mapping[str, str]:
    if set(codes) != set(keys):
        raise ValueError(f"the code table needs exactly the keys {', '.join(keys)}; got {', '.join(codes)}")
    return codes


def person_rules(codes: Mapping[str, str], entity: Entity, base: Mapping[str, Any]) -> list[Rule]:
    """The 基本信息 rules of members or applicants, with the codes of ``codes`` (one per key of
    :data:`PERSON_FIELDS`)."""
    code = _codes(codes, PERSON_FIELDS)
    return [
        value_rule(code["name"], f"{entity.value}-name", entity, "basic", "name", name_value,
                   what="姓名已填写，且是与居民身份证一致的中文姓名：不含空格、字母、数字或标点（少数民族姓名可用「·」）。",
                   why="姓名须与居民身份证一致；含空格或字母的姓名无法与其他记录比对。", source=f"{GENERAL}#person-name",
                   fails=[example(base, "姓名含空格", basic__name="王 建国"), example(base, "姓名未填写", basic__name="")],
                   passes=[example(base, "标准姓名"), example(base, "少数民族姓名", basic__name="阿依古丽·买买提")]),
        value_rule(code["gender"], f"{entity.value}-gender", entity, "basic", "gender", code_value("gender"),
                   what="性别填写 GB/T 2261.1 的代码（1 男、2 女）。",
                   why="信息库存储代码；填写名称「男」「女」属于不规范。", source=f"{PERSON}#gender",
                   fails=[example(base, "填写了名称", basic__gender="男"), example(base, "代码不存在", basic__gender="7")],
                   passes=[example(base, "代码 1", basic__gender="1")]),
        value_rule(code["ethnicity"], f"{entity.value}-ethnicity", entity, "basic", "ethnicity", code_value("ethnicity"),
                   what="民族填写 GB 3304 的代码（01 汉族 … 97 其他、98 外国血统中国籍人士；中组部尾码 91、92、99 也接受）。",
                   why="简称（「汉」「维族」）或名称属于不规范，不存在的代码属于填写错误。", source=f"{PERSON}#ethnicity",
                   fails=[example(base, "简称", basic__ethnicity="汉"), example(base, "未填写", basic__ethnicity="无"),
                          example(base, "旧称「毛难族」（不规范，应为 36）", basic__ethnicity="毛难族"),
                          example(base, "旧称「崩龙族」（不规范，应为 46）", basic__ethnicity="崩龙族"),
                          example(base, "两族都没有的尾码 96", basic__ethnicity="96")],
                   passes=[example(base, "代码 01", basic__ethnicity="01"),
                           example(base, "GB 3304 尾码 97", basic__ethnicity="97"),
                           example(base, "中组部尾码 91", basic__ethnicity="91")]),
        value_rule(code["born_on"], f"{entity.value}-born-on", entity, "basic", "born_on", _birth_date,
                   what="出生日期是 YYYY-MM-DD 格式的真实日期，不晚于检查日期，且年龄在18岁至120岁之间。",
                   why="出生日期须与人事档案一致；年龄不足18岁的人不能入党或申请入党。", source=f"{PERSON}#born-on",
                   fails=[example(base, "只写到月", basic__born_on="1985年6月"),
                          example(base, "不存在的日期", basic__born_on="2010-02-30")],
                   passes=[example(base, "标准日期")]),
        value_rule(code["native_place"], f"{entity.value}-native-place", entity, "basic", "native_place", _native_place,
                   what="籍贯填写 GB/T 2260 行政区划代码，到县一级；已撤销的历史代码也有效，检查日期以后才设立的代码无效。",
                   why="籍贯通常填到县级；只到省或地市一级属于不规范。", source=f"{PERSON}#native-place",
                   fails=[example(base, "只到省级", basic__native_place="610000"),
                          example(base, "代码不存在", basic__native_place="619999"),
                          example(base, "代码2016年才设立（鄠邑区），2011年检查", basic__native_place="610118"),
                          example(base, "代码2016年才设立，2015年底检查", as_of=datetime.date(2015, 12, 31),
                                  basic__native_place="610118"),
                          example(base, "2016年才设立的区名（鄠邑区），2011年检查", basic__native_place="鄠邑区")],
                   passes=[example(base, "县级代码", basic__native_place="610102"),
                           example(base, "历史代码（户县）", basic__native_place="610125"),
                           example(base, "代码2016年设立，2016年检查", as_of=datetime.date(2016, 1, 1),
                                   basic__native_place="610118")]),
        value_rule(code["unit_name"], f"{entity.value}-unit-name", entity, "basic", "unit_name", _text,
                   what="组织关系所在单位已填写，没有多余空格。", why="组织关系所在单位为必填项。", source=f"{PERSON}#person-unit",
                   fails=[example(base, "未填写", basic__unit_name="")],
                   passes=[example(base, "已填写")]),
        value_rule(code["id_number"], f"{entity.value}-id-number-form", entity, "basic", "id_number", _id_number,
                   what="公民身份号码（选填）如填写，须为18位（17位数字加一位数字或X），不含空格或全角字符。"
                        "15位的第一代身份证号码在2013年1月1日以前属于不规范（提示对应的18位号码），此后属于填写错误。",
                   why="第一代居民身份证到2013年1月1日停止使用；校验码、地址码及与出生日期、性别的一致性由系统查找规则检查。",
                   source=f"{PERSON}#id-number; {PERSON}#id-15",
                   fails=[example(base, "含空格", basic__id_number="610102 198005120016"),
                          example(base, "15位号码，2012年底检查（不规范）", as_of=datetime.date(2012, 12, 31),
                                  basic__id_number="610102800512001"),
                          example(base, "15位号码，2013年1月1日检查（填写错误）", as_of=datetime.date(2013, 1, 1),
                                  basic__id_number="610102800512001"),
                          example(base, "15位号码中的出生日期不是真实日期（填写错误，无从换算）",
                                  as_of=datetime.date(2012, 12, 31), basic__id_number="610102801340001")],
                   passes=[example(base, "未填写（选填）"), example(base, "18位", basic__id_number="61010219800512001X")]),
    ]


def _education_order(prepared: Prepared) -> Check:
    def check(education: Any, as_of: datetime.date) -> Sequence[Defect]:
        enrolled, graduated = usable_date(education.enrolled_on, as_of), usable_date(education.graduated_on, as_of)
        if enrolled is not None and graduated is not None and graduated <= enrolled:
            return (Defect("graduated_on", graduated, DefectKind.WRONG,
                           f"毕业日期 {graduated.isoformat()} 不晚于入学日期 {enrolled.isoformat()}"),)
        return OK

    return check


def _education_present(prepared: Prepared) -> Check:
    def check(record: Any, as_of: datetime.date) -> Sequence[Defect]:
        if record.education:
            return OK
        return (Defect("education", record.education, DefectKind.MISSING, "学历学位信息未填写（没有任何学历记录）",
                       label="学历学位信息"),)

    return check


def education_rules(codes: Mapping[str, str], entity: Entity, base: Mapping[str, Any]) -> list[Rule]:
    """The 学历学位信息 rules, with the codes of ``codes`` (one per key of :data:`EDUCATION_CHECKS`)."""
    code = _codes(codes, EDUCATION_CHECKS)
    src = f"{EDUCATION}#education"
    return [
        group_rule(code["present"], f"{entity.value}-education-present", "学历学位信息", entity, "education", (), _education_present,
                   target=Target.RECORD,
                   what="至少有一条学历记录（最高学历及其入学、毕业日期）。", why="采集表要求填写最高学历。", source=src,
                   fails=[example(base, "没有学历记录", education=[])], passes=[example(base, "有一条学历")]),
        value_rule(code["level"], f"{entity.value}-education-level", entity, "education", "level", code_value("education"),
                   what="学历填写学历代码表的最末一级代码（如 21 大学）。", why="名称、简称或大类代码属于不规范。",
                   source=src,
                   fails=[example(base, "填写名称", education__0__level="大学"),
                          example(base, "大类代码", education__0__level="2"),
                          example(base, "ZB64 的大类代码 30", education__0__level="30")],
                   passes=[example(base, "代码 21"), example(base, "ZB64 大专 31", education__0__level="31")]),
        value_rule(code["enrolled_on"], f"{entity.value}-education-enrolled-on", entity, "education", "enrolled_on", date_value,
                   what="入学日期是标准格式的真实日期，不晚于检查日期。", why="日期须为 YYYY-MM-DD。", source=src,
                   fails=[example(base, "只写到月", education__0__enrolled_on="1998.9")],
                   passes=[example(base, "标准日期")]),
        value_rule(code["graduated_on"], f"{entity.value}-education-graduated-on", entity, "education", "graduated_on", date_value,
                   what="毕业日期是标准格式的真实日期，不晚于检查日期。", why="日期须为 YYYY-MM-DD。", source=src,
                   fails=[example(base, "晚于检查日期", education__0__graduated_on="2030-07-01")],
                   passes=[example(base, "标准日期")]),
        group_rule(code["order"], f"{entity.value}-education-order", "毕业日期不晚于入学日期", entity, "education",
                   ("enrolled_on", "graduated_on"), _education_order,
                   what="同一条学历记录的毕业日期晚于入学日期。", why="先入学后毕业。", source=f"{EDUCATION}#education-dates",
                   fails=[example(base, "毕业早于入学", education__0__graduated_on="1997-07-01")],
                   passes=[example(base, "先入学后毕业")]),
    ]
