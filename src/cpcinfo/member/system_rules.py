"""System rules of the member (党员): item 16.

Each rule's hooks read the member and what the check engine has worked out of it (its facts: the dates and
the identity number it can use, its branch); the rules that compare members with each other note what they
need as the members stream past and judge it at the end (see :mod:`cpcinfo.rules.system`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from stdnum.cn import ric

from cpcinfo.engine.context import SystemContext
from cpcinfo.engine.repeats import noted, repeats
from cpcinfo.entity import Entity
from cpcinfo.examples import doc
from cpcinfo.rules.builders import OK
from cpcinfo.rules.cite import GENERAL, MEMBER, ORGANIZATION, PERSON
from cpcinfo.rules.dates import add_years
from cpcinfo.rules.model import Defect, Prepared, Rule, RuleStatus, SystemCheck
from cpcinfo.rules.reading import usable_date
from cpcinfo.rules.system import (
    WRONG,
    branch_exists,
    branch_is_branch,
    id_address,
    record_key,
    system_rule,
)
from cpcinfo.rules.tags import tag_test

FOUNDING = datetime.date(1949, 10, 1)
"""建国: a member who joined before this day joined 建国前 (docs/domain/member.md#hardship)."""

SCRATCH_CROSSING: Mapping[str, str] = {
    "MEM911-ids": "noted", "MEM911-keys": "noted", "MEM911-ids-written": "written",
    "MEM912-keys": "noted", "MEM912-keys-written": "written",
}
"""How what these rules keep crosses the parts of a check (see :data:`cpcinfo.rules.system.SCRATCH_CROSSING`)."""


def _joined_age(before_founding: bool) -> Callable[[Prepared], SystemCheck]:
    def build(prepared: Prepared) -> SystemCheck:
        min_age = prepared.ruleset.min_age_years

        def check(member: Any, ctx: SystemContext) -> Sequence[Defect]:
            facts = ctx.facts
            joined, born = facts.joined, facts.born
            if joined is None or born is None or (joined < FOUNDING) is not before_founding:
                return OK
            if joined < add_years(born, min_age):
                return (Defect("standing.joined_on", joined, WRONG,
                               f"入党日期 {joined} 时未满{min_age}周岁（出生日期 {born}）"),)
            return OK

        return SystemCheck(member=check)

    return build


def _veteran_flag(prepared: Prepared) -> SystemCheck:
    def check(member: Any, ctx: SystemContext) -> Sequence[Defect]:
        if member.hardship is None or member.hardship.veteran_without_work is not True:
            return OK
        joined = ctx.facts.joined
        if joined is None or joined < FOUNDING:
            return OK
        return (Defect("hardship.veteran_without_work", True, WRONG,
                       f"入党日期 {joined} 在1949年10月1日以后，不能是建国前入党没有工作老党员"),)

    return SystemCheck(member=check)


def _new_entry_date(prepared: Prepared) -> SystemCheck:
    is_new = tag_test(prepared.tables["entry_type"], "new")

    def check(member: Any, ctx: SystemContext) -> Sequence[Defect]:
        relation = member.relation
        if relation is None or not is_new(relation.entry_type):
            return OK
        entered, joined = ctx.facts.entered, ctx.facts.joined
        if entered is None or joined is None or entered == joined:
            return OK
        return (Defect("relation.entered_on", entered, WRONG,
                       f"进入支部类型为新发展，进入支部日期 {entered} 应与入党日期 {joined} 相同"),)

    return SystemCheck(member=check)


def _entered_before_joining(prepared: Prepared) -> SystemCheck:
    is_new = tag_test(prepared.tables["entry_type"], "new")

    def check(member: Any, ctx: SystemContext) -> Sequence[Defect]:
        entered, joined = ctx.facts.entered, ctx.facts.joined
        if entered is None or joined is None or entered >= joined or is_new(member.relation.entry_type):
            return OK  # a 新发展 entry on another day is MEM906's finding
        return (Defect("relation.entered_on", entered, WRONG, f"进入支部日期 {entered} 早于入党日期 {joined}"),)

    return SystemCheck(member=check)


def _id_checksum(prepared: Prepared) -> SystemCheck:
    def check(member: Any, ctx: SystemContext) -> Sequence[Defect]:
        number = ctx.facts.id_number
        if number is None or ctx.facts.id_checked is not None:
            return OK
        return (Defect("basic.id_number", member.basic.id_number, WRONG,
                       f"公民身份号码「{number}」的校验码错误（应为 {ric.calc_check_digit(number)}）"),)

    return SystemCheck(member=check)


def _id_birth_date(prepared: Prepared) -> SystemCheck:
    def check(member: Any, ctx: SystemContext) -> Sequence[Defect]:
        number = ctx.facts.id_checked
        if number is None:
            return OK
        try:
            embedded = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
        except ValueError:
            return (Defect("basic.id_number", member.basic.id_number, WRONG,
                           f"公民身份号码「{number}」中的出生日期 {number[6:14]} 不是真实日期"),)
        born = usable_date(member.basic.born_on, ctx.as_of)  # not facts.born: any usable birth date can disagree
        if born is None or born == embedded:
            return OK
        return (Defect("basic.id_number", member.basic.id_number, WRONG,
                       f"公民身份号码中的出生日期 {embedded} 与出生日期 {born} 不一致"),)

    return SystemCheck(member=check)


def _id_gender(prepared: Prepared) -> SystemCheck:
    genders = prepared.tables["gender"]

    def check(member: Any, ctx: SystemContext) -> Sequence[Defect]:
        number = ctx.facts.id_checked
        gender = member.basic.gender if member.basic is not None else None
        if number is None or gender is None:
            return OK
        resolution = genders.resolve(str(gender))
        if resolution is None or resolution.entry.code not in ("1", "2"):
            return OK
        odd = int(number[16]) % 2 == 1
        if odd == (resolution.entry.code == "1"):
            return OK
        said = "男" if odd else "女"
        return (Defect("basic.id_number", member.basic.id_number, WRONG,
                       f"公民身份号码第17位表示{said}性，与性别「{gender}」不一致"),)

    return SystemCheck(member=check)


def _id_duplicate(prepared: Prepared) -> SystemCheck:
    """Each member's identity number (``None`` when it has none) and name in findings are noted in the order
    read, with the value as recorded where it is written otherwise; the repeats are found at the end."""

    def check(member: Any, ctx: SystemContext) -> Sequence[Defect]:
        number = ctx.facts.id_number
        numbers = noted(ctx, "MEM911-ids")
        if number is not None and member.basic.id_number != number:
            ctx.scratch.setdefault("MEM911-ids-written", {})[len(numbers)] = member.basic.id_number
        numbers.append(number)
        noted(ctx, "MEM911-keys").append(ctx.record_key)
        return OK

    def finish(ctx: SystemContext) -> Iterable[tuple[str | None, Defect]]:
        numbers, keys = list(noted(ctx, "MEM911-ids")), list(noted(ctx, "MEM911-keys"))
        written = ctx.scratch.get("MEM911-ids-written", {})
        for i, first in repeats(numbers):
            number = numbers[i]
            yield keys[i], Defect("basic.id_number", written.get(i, number), WRONG,
                                  f"公民身份号码「{number}」与党员「{keys[first]}」重复")

    return SystemCheck(member=check, finish=finish)


def member_system_rules() -> list[Rule]:
    """The member's system rules, in code order."""
    M = Entity.MEMBER
    return [
        system_rule("MEM901", "member-branch-exists", "所在党支部不存在", M, ("relation.branch",),
                    branch_exists("relation", "所在党支部"), item=16, group="relation",
                    what="党员的所在党支部代码是库中一个党组织的代码。", why="党员必须隶属于一个党支部。",
                    source=f"{MEMBER}#relation; {ORGANIZATION}#tree",
                    fails=[doc("党支部不存在", members__0__relation__branch="009009009")], passes=[doc("存在")]),
        system_rule("MEM902", "member-branch-is-branch", "所在党组织不是党支部", M, ("relation.branch",),
                    branch_is_branch("relation", "所在党支部"), item=16, group="relation",
                    what="党员的所在党支部是党支部、联合党支部或其临时形式，而不是党委或党总支。",
                    why="每个党员都编入一个党支部。", source=f"{ORGANIZATION}#tree",
                    fails=[doc("挂在党总支", members__0__relation__branch="001001")], passes=[doc("党支部")]),
        system_rule("MEM903", "member-joined-adult", "入党时未满十八岁", M, ("standing.joined_on", "basic.born_on"),
                    _joined_age(False), item=16, group="standing",
                    what="1949年10月1日以后入党的，入党日期时已年满十八岁。", why="党章：年满十八岁的中国工人……可以申请加入中国共产党。",
                    source=f"{PERSON}#age",
                    fails=[doc("十六岁入党", members__0__basic__born_on="1985-05-12")], passes=[doc("成年入党")]),
        system_rule("MEM904", "member-joined-adult-before-1949", "建国前入党时未满十八岁", M,
                    ("standing.joined_on", "basic.born_on"), _joined_age(True), item=16, group="standing",
                    status=RuleStatus.PREVIEW,
                    what="1949年10月1日以前入党的，入党日期时已年满十八岁。",
                    why="早期党章的年龄规定不同，只作提示（preview）。", source=f"{PERSON}#age",
                    fails=[doc("建国前十六岁入党", members__0__basic__born_on="1930-01-01",
                               members__0__standing__joined_on="1946-05-01",
                               members__0__standing__full_member_on="1947-05-01",
                               members__0__relation__entered_on="1946-05-01")],
                    passes=[doc("建国前成年入党", members__0__basic__born_on="1925-01-01",
                                members__0__standing__joined_on="1946-05-01",
                                members__0__standing__full_member_on="1947-05-01",
                                members__0__relation__entered_on="1946-05-01")]),
        system_rule("MEM905", "member-veteran-flag", "建国后入党却标为建国前老党员", M,
                    ("hardship.veteran_without_work", "standing.joined_on"), _veteran_flag, item=16, group="hardship",
                    what="「建国前入党没有工作老党员」为「是」的，入党日期早于1949年10月1日。", why="建国前入党指1949年10月1日以前入党。",
                    source=f"{MEMBER}#hardship",
                    fails=[doc("建国后入党却标为老党员", members__0__hardship__veteran_without_work=True)],
                    passes=[doc("否")]),
        system_rule("MEM906", "member-new-entry-date", "新发展党员进入支部日期与入党日期不同", M,
                    ("relation.entered_on", "standing.joined_on", "relation.entry_type"), _new_entry_date, item=16,
                    group="relation",
                    what="进入支部类型为新发展的，进入支部日期与入党日期相同。", why="新发展党员在入党之日进入支部。",
                    source=f"{MEMBER}#relation",
                    fails=[doc("日期不同", members__0__relation__entered_on="2001-09-01")], passes=[doc("相同")]),
        system_rule("MEM907", "member-entered-after-joining", "进入支部早于入党", M,
                    ("relation.entered_on", "standing.joined_on"), _entered_before_joining, item=16, group="relation",
                    what="进入支部日期不早于入党日期。", why="入党之后才有组织关系。", source=f"{MEMBER}#relation",
                    fails=[doc("转入早于入党", members__0__relation__entry_type="31",
                               members__0__relation__entered_on="2000-01-01")],
                    passes=[doc("转入晚于入党", members__0__relation__entry_type="31",
                                members__0__relation__entered_on="2005-01-01")]),
        system_rule("MEM908", "member-id-check-digit", "公民身份号码校验码错误", M, ("basic.id_number",), _id_checksum,
                    item=16, group="basic",
                    what="公民身份号码的第18位校验码正确（GB 11643）。", why="校验码错误说明号码录入有误。", source=f"{PERSON}#id-number",
                    fails=[doc("校验码错", members__0__basic__id_number="610102198005120018")],
                    passes=[doc("校验码对", members__0__basic__id_number="610102198005120019")]),
        system_rule("MEM909", "member-id-birth-date", "身份证号码与出生日期不一致", M, ("basic.id_number", "basic.born_on"),
                    _id_birth_date, item=16, group="basic",
                    what="公民身份号码第7–14位的出生日期与出生日期一致。", why="出生日期须与身份证一致。", source=f"{PERSON}#id-number",
                    fails=[doc("日期不一致", members__0__basic__id_number="610102198005130014")],
                    passes=[doc("一致", members__0__basic__id_number="610102198005120019")]),
        system_rule("MEM910", "member-id-gender", "身份证号码与性别不一致", M, ("basic.id_number", "basic.gender"),
                    _id_gender, item=16, group="basic",
                    what="公民身份号码第17位的奇偶与性别一致（奇数为男，偶数为女）。", why="性别须与身份证一致。",
                    source=f"{PERSON}#id-number",
                    fails=[doc("女性号码", members__0__basic__id_number="610102198005120027")],
                    passes=[doc("男性号码", members__0__basic__id_number="610102198005120019")]),
        system_rule("MEM911", "member-id-unique", "公民身份号码重复", M, ("basic.id_number",), _id_duplicate,
                    item=16, group="basic",
                    what="两个党员记录的公民身份号码不相同（第二条及以后的记录各计一处）。", why="一人一条记录。",
                    source=f"{MEMBER}#duplicates",
                    fails=[doc("重复", members__0__basic__id_number="610102198005120019",
                               members__1__basic__id_number="610102198005120019"),
                           doc("写法不同的同一号码", members__0__basic__id_number="610102198005120019",
                               members__1__basic__id_number="610102 198005120019")],
                    passes=[doc("不重复", members__0__basic__id_number="610102198005120019")]),
        system_rule("MEM912", "member-id-key", "人员编号未填写或重复", M, ("id",), record_key(M, "党员", "MEM912-keys"), item=16,
                    what="每个党员记录有人员编号，且不重复。", why="人员编号是党员记录的唯一标识。", source=f"{GENERAL}#record-key",
                    fails=[doc("编号重复", members__1__id="M0001"), doc("编号未填写", members__1__id="")],
                    passes=[doc("编号唯一")]),
        system_rule("MEM913", "member-id-address-code", "公民身份号码地址码不存在", M, ("basic.id_number",),
                    id_address(M), item=16, group="basic",
                    what="公民身份号码的前六位地址码是检查日期以前曾经存在过的 GB/T 2260 行政区划代码（已撤销的也有效）。",
                    why="GB 11643：地址码是发号时常住户口所在县的行政区划代码，而不是出生那年的代码；"
                        "从未存在、或检查日期以后才设立的地址码说明号码有误。",
                    source=f"{PERSON}#id-address",
                    fails=[doc("地址码从未存在（校验码正确）", members__0__basic__id_number="999999198005120015"),
                           doc("地址码从未存在（619999）", members__0__basic__id_number="61999919800512001X"),
                           doc("地址码2016年才设立（鄠邑区），2011年检查",
                               members__0__basic__id_number="61011819800512001X")],
                    passes=[doc("户县的地址码（1983年设立，持证人出生于1980年）",
                                members__0__basic__id_number="610125198005120013"),
                            doc("户县的地址码（1983年设立）发给1970年出生的人", members__0__basic__id_number="610125197005120019",
                                members__0__basic__born_on="1970-05-12")]),
    ]
