"""System rules of the applicant (申请入党人): item 20.

The applicants are read before the members: the rules that relate them (an applicant who is already a
member, mentors who must be full members) index the applicants and look each member up as it streams past.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from cpcinfo.engine.context import SystemContext
from cpcinfo.entity import Entity
from cpcinfo.examples import doc
from cpcinfo.org.rules import BASE_ORGANIZATION
from cpcinfo.rules.builders import OK, with_value
from cpcinfo.rules.checks import comparable_name
from cpcinfo.rules.cite import APPLICANT, GENERAL, ORGANIZATION, PERSON
from cpcinfo.rules.dates import add_months, add_years
from cpcinfo.rules.model import Defect, Prepared, Rule, RuleStatus, SystemCheck
from cpcinfo.rules.reading import is_blank, usable_date
from cpcinfo.rules.system import (
    WRONG,
    People,
    branch_exists,
    branch_is_branch,
    id_address,
    mentor_names,
    record_key,
    system_rule,
)

SCRATCH_CROSSING: Mapping[str, str] = {
    "APP907-keys": "noted", "APP907-keys-written": "written",
    "APP904-index": "index", "APP904-matches": "first",
    "APP906-mentors": "ordered", "APP909-mentors": "ordered",
    "APP906-people": "people", "APP909-people": "people",
}
"""How what these rules keep crosses the parts of a check (see :data:`cpcinfo.rules.system.SCRATCH_CROSSING`)."""

SECOND_BRANCH: dict[str, Any] = with_value(with_value(BASE_ORGANIZATION, "basic.code", "001001002"), "basic.name",
                                            "中共西北大学化学系第二学生支部委员会")
"""A second branch under the 党总支, for examples that need one."""


def _applied_age(prepared: Prepared) -> SystemCheck:
    min_age = prepared.ruleset.min_age_years

    def check(applicant: Any, ctx: SystemContext) -> Sequence[Defect]:
        applied, born = ctx.facts.applied, ctx.facts.born
        if applied is None or born is None or applied >= add_years(born, min_age):
            return OK
        return (Defect("development.applied_on", applied, WRONG,
                       f"申请入党日期 {applied} 时未满{min_age}周岁（出生日期 {born}）"),)

    return SystemCheck(applicant=check)


def _already_member(prepared: Prepared) -> SystemCheck:
    """Applicants are indexed by identity number and by name with birth date; members are matched against
    the index as they stream past, so only the applicants' index is held."""

    def applicant(record: Any, ctx: SystemContext) -> Sequence[Defect]:
        # Tuples, not lists: the cyclic collector stops looking at a tuple of text and dates once it has seen
        # it, but would walk hundreds of thousands of lists at every full collection.
        # An applicant is noted with its position, so that the parts of a partitioned check merge in order.
        index: dict[tuple[str, Any], tuple[tuple[int, str | None, Any], ...]] = ctx.scratch.setdefault("APP904-index", {})
        here = (ctx.record_position, ctx.record_key, record.id)
        number = ctx.facts.id_number
        if number is not None:
            index[("id", number)] = (*index.get(("id", number), ()), here)
        if record.basic is not None and type(record.basic.name) is str and usable_date(record.basic.born_on, ctx.as_of):
            person = ("person", (record.basic.name, record.basic.born_on))
            index[person] = (*index.get(person, ()), here)
        return OK

    def member(record: Any, ctx: SystemContext) -> Sequence[Defect]:
        index = ctx.scratch.get("APP904-index")
        if not index:
            return OK
        number = ctx.facts.id_number
        found = list(index.get(("id", number), ())) if number is not None else []
        if record.basic is not None and type(record.basic.name) is str:
            found += index.get(("person", (record.basic.name, record.basic.born_on)), ())
        for applicant_here in found:
            # The first member (by position, whatever order a part reads them in) that is the applicant.
            matches: dict[tuple[int, str | None, Any], tuple[int, str]] = ctx.scratch.setdefault("APP904-matches", {})
            earlier = matches.get(applicant_here)
            if earlier is None or ctx.record_position < earlier[0]:
                matches[applicant_here] = (ctx.record_position, str(ctx.record_key))
        return OK

    def finish(ctx: SystemContext) -> Iterable[tuple[str | None, Defect]]:
        matches: dict[tuple[int, str | None, Any], tuple[int, str]] = ctx.scratch.get("APP904-matches", {})
        for here in sorted(matches, key=lambda here: (here[1] or "", here[0])):  # by key, then as read
            _, key, recorded = here
            yield key, Defect("id", recorded, WRONG,
                              f"申请入党人已是党员（与党员「{matches[here][1]}」是同一人）", label="人员编号")

    return SystemCheck(applicant=applicant, member=member, finish=finish)


def _not_moved(prepared: Prepared) -> SystemCheck:
    def check(applicant: Any, ctx: SystemContext) -> Sequence[Defect]:
        development = applicant.development
        if development is None or is_blank(development.branch_meeting_on) or is_blank(development.approved_on):
            return OK
        return (Defect("development.approved_on", development.approved_on, WRONG,
                       "支部大会已通过、上级组织已批准，应转入党员信息库而不再是申请入党人"),)

    return SystemCheck(applicant=check)


def _mentors(*, mentors: str, people: str, same_branch: bool) -> Callable[[Prepared], SystemCheck]:
    """Mentors' names are collected from the applicants; members stream past and the full members among
    them with one of those names leave their branch; then every mentor is looked up: anywhere in the
    database (APP906: the rule asks for 正式党员, not for the applicant's branch), or, for the preview rule,
    in the applicant's own branch. A member whose full membership cannot be read (转正日期 missing or
    unreadable after the probation year, which MEM503 reports) gives the benefit of the doubt. Each rule
    keeps its own scratch (the applicants' mentors under ``mentors``, the members of their names under
    ``people``), so either runs alone."""
    names = mentor_names(mentors)

    def build(prepared: Prepared) -> SystemCheck:
        probation = prepared.ruleset.probation_months

        def applicant(record: Any, ctx: SystemContext) -> Sequence[Defect]:
            development = record.development
            branch = ctx.facts.branch
            if development is None or not development.mentors or branch is None or branch not in ctx.tree:
                return OK  # no branch to look in: APP301 or APP901 reports it
            pending: list[tuple[int, str | None, str, int, Any, str]] = ctx.scratch.setdefault(mentors, [])
            for index, mentor in enumerate(development.mentors):
                name = comparable_name(mentor)
                if name is not None:
                    pending.append((ctx.record_position, ctx.record_key, branch, index, mentor, name))
            return OK

        def of_names(ctx: SystemContext) -> People:
            found: People | None = ctx.scratch.get(people)
            if found is None:
                found = ctx.scratch[people] = People(names(ctx))
            return found

        def member(record: Any, ctx: SystemContext) -> Sequence[Defect]:
            standing = record.standing
            if ctx.facts.full is not None:
                of_names(ctx).add(record, ctx)
                return OK
            joined = ctx.facts.joined
            still_probationary = joined is not None and add_months(joined, probation) > ctx.as_of \
                and (standing.full_member_on is None or is_blank(standing.full_member_on))
            # A probationary member is not a full member: a mentor of that name is a defect. A member whose
            # status cannot be read is doubtful.
            if not still_probationary:
                of_names(ctx).add(record, ctx, placed=False)
            return OK

        def finish(ctx: SystemContext) -> Iterable[tuple[str | None, Defect]]:
            known = of_names(ctx)
            branches = known.branches(ctx)
            for _, key, branch, index, mentor, name in ctx.scratch.get(mentors, []):
                if name in known.doubtful or branch in known.unnamed:
                    continue
                found = branches.get(name, ())
                if same_branch:
                    if not found or branch in found:
                        continue  # not a full member at all: APP906's finding
                    message = f"培养人「{mentor}」是其他党支部的正式党员，不在申请入党人所在党支部"
                elif found:
                    continue
                else:
                    message = f"培养人「{mentor}」不是信息库中的正式党员"
                yield key, Defect(f"development.mentors[{index}]", mentor, WRONG, message, label="培养人")

        return SystemCheck(applicant=applicant, member=member, finish=finish)

    return build


def applicant_system_rules() -> list[Rule]:
    """The applicant's system rules, in code order."""
    A = Entity.APPLICANT
    return [
        system_rule("APP901", "applicant-branch-exists", "所在党支部不存在", A, ("development.branch",),
                    branch_exists("development", "所在党支部"), item=20, group="development",
                    what="申请入党人的所在党支部代码是库中一个党组织的代码。", why="申请入党人由党支部培养。", source=f"{APPLICANT}#development",
                    fails=[doc("党支部不存在", applicants__0__development__branch="009")], passes=[doc("存在")]),
        system_rule("APP902", "applicant-branch-is-branch", "所在党组织不是党支部", A, ("development.branch",),
                    branch_is_branch("development", "所在党支部"), item=20, group="development",
                    what="申请入党人的所在党支部是党支部类组织。", why="申请入党人由党支部培养。", source=f"{APPLICANT}#development; {ORGANIZATION}#tree",
                    fails=[doc("挂在党委", applicants__0__development__branch="001")], passes=[doc("党支部")]),
        system_rule("APP903", "applicant-applied-adult", "申请时未满十八岁", A,
                    ("development.applied_on", "basic.born_on"), _applied_age, item=20, group="development",
                    what="申请入党日期时已年满十八岁。", why="党章规定年满十八岁才能申请入党。", source=f"{PERSON}#age",
                    fails=[doc("十七岁申请", applicants__0__development__applied_on="2007-10-15")],
                    passes=[doc("成年申请")]),
        system_rule("APP904", "applicant-not-member", "申请入党人已是党员", A, ("basic.id_number", "basic.name"),
                    _already_member, item=20, group="basic",
                    what="申请入党人与任何党员不是同一人（公民身份号码相同，或姓名和出生日期都相同）。",
                    why="已入党的人应只在党员信息库中。", source=f"{APPLICANT}#development",
                    fails=[doc("与党员同名同生日", applicants__0__basic__name="王建国", applicants__0__basic__born_on="1980-05-12",
                               applicants__0__basic__gender="1")],
                    passes=[doc("不是党员")]),
        system_rule("APP905", "applicant-not-moved", "已批准未转入党员库", A,
                    ("development.branch_meeting_on", "development.approved_on"), _not_moved, item=20,
                    group="development",
                    what="支部大会通过日期和上级批准日期都已填写的，不再是申请入党人。", why="被批准的预备党员应转入党员信息库。",
                    source=f"{APPLICANT}#development",
                    fails=[doc("已批准", applicants__0__development__approved_on="2011-06-10")],
                    passes=[doc("尚未批准")]),
        system_rule("APP906", "applicant-mentors-full-members", "培养人不是正式党员", A, ("development.mentors",),
                    _mentors(mentors="APP906-mentors", people="APP906-people", same_branch=False), item=20, group="development",
                    what="每名培养人是信息库中的一名正式党员（已转正），可以是其他党支部的党员。",
                    why="细则：党组织指定一至两名正式党员作为培养联系人，并不要求是本支部党员（如教师党员培养学生）。",
                    source=f"{APPLICANT}#mentors",
                    fails=[doc("培养人不是党员", applicants__0__development__mentors=["王建国", "刘洋"])],
                    passes=[doc("两名本支部正式党员")]),
        system_rule("APP907", "applicant-id-key", "人员编号未填写或重复", A, ("id",), record_key(A, "申请入党人", "APP907-keys"),
                    item=20,
                    what="每个申请入党人记录有人员编号，且不重复。", why="人员编号是记录的唯一标识。", source=f"{GENERAL}#record-key",
                    fails=[doc("编号未填写", applicants__0__id="")], passes=[doc("有编号")]),
        system_rule("APP908", "applicant-id-address-code", "公民身份号码地址码不存在", A, ("basic.id_number",),
                    id_address(A), item=20, group="basic",
                    what="申请入党人的公民身份号码的前六位地址码是检查日期以前曾经存在过的 GB/T 2260 行政区划代码。",
                    why="GB 11643：地址码是发号时常住户口所在县的行政区划代码；从未存在的地址码说明号码有误。",
                    source=f"{PERSON}#id-address",
                    fails=[doc("地址码从未存在", applicants__0__basic__id_number="999999198005120015",
                               applicants__0__basic__born_on="1980-05-12", applicants__0__basic__gender="1")],
                    passes=[doc("已撤销的地址码（户县 610125，2016年撤销），2011年检查",
                                applicants__0__basic__id_number="610125198005120013",
                                applicants__0__basic__born_on="1980-05-12", applicants__0__basic__gender="1")]),
        system_rule("APP909", "applicant-mentors-same-branch", "培养人不是本支部党员", A, ("development.mentors",),
                    _mentors(mentors="APP909-mentors", people="APP909-people", same_branch=True), item=20, group="development", status=RuleStatus.PREVIEW,
                    what="培养人是申请入党人所在党支部的正式党员（只作提示：其他党支部的正式党员担任培养人并不违反规定）。",
                    why="多数培养联系人是本支部党员；跨支部培养可能是录错了党支部，值得核对。",
                    source=f"{APPLICANT}#mentors",
                    fails=[doc("培养人是其他党支部的正式党员（APP906 不报告）",
                               applicants__0__development__branch="001001002", organizations__3=SECOND_BRANCH)],
                    passes=[doc("两名本支部正式党员")]),
    ]
