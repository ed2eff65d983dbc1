"""Field defects to plant: each one breaks one value so that exactly one field rule finds exactly it.

A defect is a function of a clean record and a random stream that returns the broken record, the path of
the broken field as the finding names it, and a Chinese description — or ``None`` when the record has no
such value to break (an award date for a member without awards).
"""

from __future__ import annotations

import datetime
import functools
import random
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, Generic, TypeVar

import attrs

from cpcinfo.applicant import Applicant
from cpcinfo.checking.registry import registry
from cpcinfo.codes import CodeTables
from cpcinfo.entity import Entity
from cpcinfo.member import Floating, Member
from cpcinfo.org import Organization
from cpcinfo.person import Education
from cpcinfo.rules.dates import add_months
from cpcinfo.values import Unparsed

R = TypeVar("R", Member, Applicant, Organization)


@functools.cache
def _codes_by_name() -> Mapping[str, str]:
    return MappingProxyType({rule.name: rule.code for rule in registry()})


def rule_code(name: str) -> str:
    """The code of the built-in rule of this stable name (``work-post`` → ``MEM301``): the demo names the
    rules it plants defects for by name, so that each code is written once, in its rule's row."""
    return _codes_by_name()[name]


@attrs.frozen
class FieldDefect(Generic[R]):
    """One kind of field defect: the rule that finds it (by its stable name, see :func:`rule_code`), its item,
    and how to plant it."""

    rule_name: str
    item: int
    plant: Callable[[R, random.Random, CodeTables], tuple[R, str, str] | None]

    @property
    def rule(self) -> str:
        """The code of the rule that finds the defect."""
        return rule_code(self.rule_name)


def _month(day: Any, style: str = "年") -> Unparsed | None:
    """A date written to the month only: 「1985年6月」 or 「1998.9」."""
    if not isinstance(day, datetime.date):
        return None
    return Unparsed(f"{day.year}年{day.month}月" if style == "年" else f"{day.year}.{day.month}")


def _spaced(name: Any) -> str | None:
    if not isinstance(name, str) or len(name) < 2 or "·" in name:
        return None
    return f"{name[0]} {name[1:]}"


def _label(tables: CodeTables, table: str, code: Any) -> str:
    entry = tables[table].get(str(code))
    assert entry is not None, (table, code)
    return entry.label


# -- shared by members and applicants: 基本信息 and 学历学位信息 --------------------------------------------

P = TypeVar("P", Member, Applicant)


def _basic(field: str, what: str, change: Callable[[Any, CodeTables], Any]) -> Callable[
        [P, random.Random, CodeTables], tuple[P, str, str] | None]:
    def plant(record: P, rng: random.Random, tables: CodeTables) -> tuple[P, str, str] | None:
        basic = record.basic
        assert basic is not None
        value = change(getattr(basic, field), tables)
        if value is None:
            return None
        return (attrs.evolve(record, basic=attrs.evolve(basic, **{field: value})), f"basic.{field}",
                what.format(value=value))
    return plant


def _education(field: str, what: str, change: Callable[[Any, CodeTables], Any]) -> Callable[
        [P, random.Random, CodeTables], tuple[P, str, str] | None]:
    def plant(record: P, rng: random.Random, tables: CodeTables) -> tuple[P, str, str] | None:
        courses: tuple[Education, ...] = record.education or ()
        if not courses:
            return None
        index: int = len(courses) - 1
        value = change(getattr(courses[index], field), tables)
        if value is None and field != "graduated_on":
            return None
        changes: dict[str, Any] = {field: value}
        education = (*courses[:index], attrs.evolve(courses[index], **changes))
        return (attrs.evolve(record, education=education), f"education[{index}].{field}",
                what.format(value=value))
    return plant


def _no_education(record: P, rng: random.Random, tables: CodeTables) -> tuple[P, str, str] | None:
    return attrs.evolve(record, education=()), "education", "没有任何学历记录"


def _person_defects(entity: Entity) -> list[FieldDefect[Any]]:
    basic, education = (8, 9) if entity is Entity.MEMBER else (17, 18)
    of = entity.value  # the shared person rules are named after their entity: member-gender, applicant-gender
    return [
        FieldDefect(f"{of}-gender", basic, _basic("gender", "性别填写了名称「{value}」而不是代码",
                                                  lambda v, t: _label(t, "gender", v))),
        FieldDefect(f"{of}-name", basic, _basic("name", "姓名中间有空格「{value}」", lambda v, t: _spaced(v))),
        FieldDefect(f"{of}-born-on", basic, _basic("born_on", "出生日期只写到月「{value}」", lambda v, t: _month(v))),
        FieldDefect(f"{of}-ethnicity", basic, _basic("ethnicity", "民族填写了简称「{value}」",
                                                     lambda v, t: "汉" if v == "01" else None)),
        FieldDefect(f"{of}-education-graduated-on", education,
                    _education("graduated_on", "毕业日期未填写", lambda v, t: None)),
        FieldDefect(f"{of}-education-level", education, _education("level", "学历填写了名称「{value}」而不是代码",
                                                                   lambda v, t: _label(t, "education", v))),
        FieldDefect(f"{of}-native-place", basic, _basic("native_place", "籍贯只填到省级「{value}」",
                                                        lambda v, t: f"{str(v)[:2]}0000")),
        FieldDefect(f"{of}-education-present", education, _no_education),
        FieldDefect(f"{of}-unit-name", basic, _basic("unit_name", "组织关系所在单位未填写", lambda v, t: "")),
        FieldDefect(f"{of}-education-enrolled-on", education, _education("enrolled_on", "入学日期只写到月「{value}」",
                                                                         lambda v, t: _month(v, "."))),
    ]


# -- members: 工作岗位, 奖惩, 党籍, 组织关系, 流动党员, 困难党员 ------------------------------------------------


def _work(field: str, what: str, change: Callable[[Any, CodeTables], Any]) -> Callable[
        [Member, random.Random, CodeTables], tuple[Member, str, str] | None]:
    def plant(member: Member, rng: random.Random, tables: CodeTables) -> tuple[Member, str, str] | None:
        assert member.work is not None
        value = change(getattr(member.work, field), tables)
        return (attrs.evolve(member, work=attrs.evolve(member.work, **{field: value})), f"work.{field}",
                what.format(value=value))
    return plant


def _post_parent(code: Any, tables: CodeTables) -> str:
    entry = tables["work_post"].get(str(code))
    assert entry is not None and entry.parent is not None
    return entry.parent


def _award(field: str, what: str, change: Callable[[Any, CodeTables], Any]) -> Callable[
        [Member, random.Random, CodeTables], tuple[Member, str, str] | None]:
    def plant(member: Member, rng: random.Random, tables: CodeTables) -> tuple[Member, str, str] | None:
        if not member.awards:
            return None
        value = change(getattr(member.awards[0], field), tables)
        awards = (attrs.evolve(member.awards[0], **{field: value}), *member.awards[1:])
        return attrs.evolve(member, awards=awards), f"awards[0].{field}", what.format(value=value)
    return plant


def _on_time(member: Member) -> bool:
    s = member.standing
    return s is not None and s.probation_outcome == "1" and isinstance(s.full_member_on, datetime.date)


def _early_full(member: Member, rng: random.Random, tables: CodeTables) -> tuple[Member, str, str] | None:
    if not _on_time(member):
        return None
    assert member.standing is not None and isinstance(member.standing.joined_on, datetime.date)
    full = add_months(member.standing.joined_on, 10)
    return (attrs.evolve(member, standing=attrs.evolve(member.standing, full_member_on=full)),
            "standing.full_member_on", f"按期转正，但转正日期 {full} 不是入党满一年之日")


def _no_full(member: Member, rng: random.Random, tables: CodeTables) -> tuple[Member, str, str] | None:
    if not _on_time(member):
        return None
    assert member.standing is not None
    return (attrs.evolve(member, standing=attrs.evolve(member.standing, full_member_on=None)),
            "standing.full_member_on", "预备期已满、按期转正，但转正日期未填写")


def _standing(field: str, what: str, change: Callable[[Any, CodeTables], Any]) -> Callable[
        [Member, random.Random, CodeTables], tuple[Member, str, str] | None]:
    def plant(member: Member, rng: random.Random, tables: CodeTables) -> tuple[Member, str, str] | None:
        assert member.standing is not None
        value = change(getattr(member.standing, field), tables)
        if value is None:
            return None
        return (attrs.evolve(member, standing=attrs.evolve(member.standing, **{field: value})),
                f"standing.{field}", what.format(value=value))
    return plant


def _relation(field: str, what: str, change: Callable[[Any, CodeTables], Any]) -> Callable[
        [Member, random.Random, CodeTables], tuple[Member, str, str] | None]:
    def plant(member: Member, rng: random.Random, tables: CodeTables) -> tuple[Member, str, str] | None:
        assert member.relation is not None
        value = change(getattr(member.relation, field), tables)
        return (attrs.evolve(member, relation=attrs.evolve(member.relation, **{field: value})),
                f"relation.{field}", what.format(value=value))
    return plant


def _floating_without_type(member: Member, rng: random.Random, tables: CodeTables) -> tuple[Member, str, str] | None:
    return (attrs.evolve(member, floating=Floating(flow_type=None)), "floating.flow_type",
            "流动党员未填写流动类型")


def _floating_label(member: Member, rng: random.Random, tables: CodeTables) -> tuple[Member, str, str] | None:
    if member.floating is None:
        return None
    label = _label(tables, "flow_type", member.floating.flow_type)
    return (attrs.evolve(member, floating=Floating(flow_type=label)), "floating.flow_type",
            f"流动类型填写了名称「{label}」而不是代码")


def _hardship(field: str, what: str, change: Callable[[Any], Any]) -> Callable[
        [Member, random.Random, CodeTables], tuple[Member, str, str] | None]:
    def plant(member: Member, rng: random.Random, tables: CodeTables) -> tuple[Member, str, str] | None:
        assert member.hardship is not None
        value = change(getattr(member.hardship, field))
        if value is None:
            return None
        return (attrs.evolve(member, hardship=attrs.evolve(member.hardship, **{field: value})),
                f"hardship.{field}", what.format(value=value))
    return plant


def _no_special_care(member: Member, rng: random.Random, tables: CodeTables) -> tuple[Member, str, str] | None:
    assert member.hardship is not None
    return (attrs.evolve(member, hardship=attrs.evolve(member.hardship, special_care_subsidy=None)),
            "hardship.special_care_subsidy", "是否享受优抚对象抚恤补助未填写")


def member_defects() -> tuple[FieldDefect[Member], ...]:
    """The field defects of members, items 8–15, in the order they are handed out."""
    return (
        *_person_defects(Entity.MEMBER),
        FieldDefect("work-post", 10, _work("post", "工作岗位填写了名称「{value}」而不是代码",
                                           lambda v, t: _label(t, "work_post", v))),
        FieldDefect("work-frontline", 10, _work("frontline", "一线情况代码「{value}」不存在", lambda v, t: "08")),
        FieldDefect("work-post", 10, _work("post", "工作岗位只填到大类「{value}」", _post_parent)),
        FieldDefect("award-approved-on", 11, _award("approved_on", "奖惩批准日期只写到月「{value}」",
                                                    lambda v, t: _month(v))),
        FieldDefect("award-name", 11, _award("name", "奖惩名称填写了名称「{value}」而不是代码",
                                             lambda v, t: _label(t, "member_award", v))),
        FieldDefect("standing-probation-length", 12, _early_full),
        FieldDefect("standing-full-member-on", 12, _no_full),
        FieldDefect("standing-join-type", 12, _standing("join_type", "加入中共组织类型代码「{value}」不存在",
                                                        lambda v, t: "9")),
        FieldDefect("relation-entry-type", 13, _relation("entry_type", "进入支部类型填写了名称「{value}」而不是代码",
                                                         lambda v, t: _label(t, "entry_type", v))),
        FieldDefect("relation-entered-on", 13, _relation("entered_on", "进入支部日期只写到月「{value}」",
                                                         lambda v, t: _month(v))),
        FieldDefect("floating-flow-type", 14, _floating_without_type),
        FieldDefect("floating-flow-type", 14, _floating_label),
        FieldDefect("hardship-veteran-flag", 15, _hardship(
            "veteran_without_work", "建国前入党没有工作老党员写成「{value}」",
            lambda v: Unparsed("Y") if v is True else Unparsed("N"))),
        FieldDefect("hardship-special-care-flag", 15, _no_special_care),
    )


# -- applicants: 培养发展信息 ---------------------------------------------------------------------------------


def _development(field: str, what: str, change: Callable[[Any, Any], Any], *, needs: str) -> Callable[
        [Applicant, random.Random, CodeTables], tuple[Applicant, str, str] | None]:
    """Change one date or the mentors of the development group, given the group; only for an applicant
    who has reached the stage ``needs``."""
    def plant(applicant: Applicant, rng: random.Random, tables: CodeTables) -> tuple[Applicant, str, str] | None:
        development = applicant.development
        assert development is not None
        if getattr(development, needs) is None:
            return None
        value = change(getattr(development, field), development)
        return (attrs.evolve(applicant, development=attrs.evolve(development, **{field: value})),
                f"development.{field}", what.format(value=value))
    return plant


def _days_before(day: Any, days: int) -> datetime.date:
    assert isinstance(day, datetime.date)
    return day - datetime.timedelta(days=days)


def _months_after(day: Any, months: int) -> datetime.date:
    assert isinstance(day, datetime.date)
    return add_months(day, months)


def applicant_defects() -> tuple[FieldDefect[Applicant], ...]:
    """The field defects of applicants, items 17–19, in the order they are handed out."""
    return (
        *_person_defects(Entity.APPLICANT),
        FieldDefect("development-applied-on", 19, _development("applied_on", "申请入党日期只写到月「{value}」",
                                                                lambda v, d: _month(v), needs="applied_on")),
        FieldDefect("development-activist-year", 19, _development(
            "candidate_on", "列为发展对象日期 {value} 距列为积极分子不足一年",
            lambda v, d: _months_after(d.activist_on, 8), needs="candidate_on")),
        FieldDefect("development-mentors", 19, _development("mentors", "已列为入党积极分子，培养人未填写",
                                                             lambda v, d: None, needs="activist_on")),
        FieldDefect("development-order", 19, _development(
            "activist_on", "列为入党积极分子日期 {value} 早于申请入党日期",
            lambda v, d: _days_before(d.applied_on, 45), needs="activist_on")),
        FieldDefect("development-activist-on", 19, _development(
            "activist_on", "已列为发展对象，列为入党积极分子日期未填写", lambda v, d: None, needs="candidate_on")),
    )
