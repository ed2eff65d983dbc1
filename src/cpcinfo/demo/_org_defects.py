"""Field defects of organizations (items 1–4), planted in branches: one value broken, one finding."""

from __future__ import annotations

import datetime
import random
from typing import Any

import attrs

from cpcinfo.codes import CodeTables
from cpcinfo.demo._field_defects import FieldDefect
from cpcinfo.org import Organization, OrgAward
from cpcinfo.values import Unparsed

Planted = tuple[Organization, str, str] | None

AWARD_DAY = datetime.date(2010, 6, 28)
"""The day of the award added to a branch that had none, to carry a broken name or date."""


def _basic(org: Organization, **changes: Any) -> Organization:
    assert org.basic is not None
    return attrs.evolve(org, basic=attrs.evolve(org.basic, **changes))


def _wrong_suffix(org: Organization, rng: random.Random, tables: CodeTables) -> Planted:
    assert org.basic is not None
    name = str(org.basic.name)
    if not name.endswith("支部委员会"):
        return None
    wrong = name.removesuffix("支部委员会") + "委员会"
    return _basic(org, name=wrong), "basic.name", f"党支部的名称「{wrong}」以「委员会」结尾，与组织类别不符"


def _category_label(org: Organization, rng: random.Random, tables: CodeTables) -> Planted:
    assert org.basic is not None
    entry = tables["org_category"].get(str(org.basic.category))
    assert entry is not None
    return _basic(org, category=entry.label), "basic.category", f"组织类别填写了名称「{entry.label}」而不是代码"


def _no_unit(org: Organization, rng: random.Random, tables: CodeTables) -> Planted:
    if org.unit is not None:
        return None
    return (_basic(org, unit_relation=None), "unit",
            "党组织所在单位情况未填（不是「与上级党组织相同」），也没有单位信息")


def _two_secretaries(org: Organization, rng: random.Random, tables: CodeTables) -> Planted:
    leaders = org.leaders or ()
    if len(leaders) < 2:
        return None
    index = len(leaders) - 1
    changed = (*leaders[:index], attrs.evolve(leaders[index], title="001A"))
    return attrs.evolve(org, leaders=changed), f"leaders[{index}].title", "班子中有两名书记"


def _elected_month(org: Organization, rng: random.Random, tables: CodeTables) -> Planted:
    assert org.basic is not None and isinstance(org.basic.elected_on, datetime.date)
    day = org.basic.elected_on
    written = Unparsed(f"{day.year}年{day.month}月")
    return _basic(org, elected_on=written), "basic.elected_on", f"领导班子当选日期只写到月「{written}」"


def _title_label(org: Organization, rng: random.Random, tables: CodeTables) -> Planted:
    leaders = org.leaders or ()
    if not leaders:
        return None
    label = tables["leader_title"].get(str(leaders[0].title))
    assert label is not None
    changed = (attrs.evolve(leaders[0], title=label.label), *leaders[1:])
    return attrs.evolve(org, leaders=changed), "leaders[0].title", f"职务名称填写了名称「{label.label}」而不是代码"


def _award_day(org: Organization) -> datetime.date:
    """:data:`AWARD_DAY`, or the day after the organization was founded if it was founded later."""
    founded = org.basic.founded_on if org.basic is not None else None
    if isinstance(founded, datetime.date) and founded >= AWARD_DAY:
        return founded + datetime.timedelta(days=1)
    return AWARD_DAY


def _award(field: str, value: Any, what: str) -> Any:
    def plant(org: Organization, rng: random.Random, tables: CodeTables) -> Planted:
        awards = org.awards or (OrgAward(name="11", date=_award_day(org)),)
        changed = (attrs.evolve(awards[0], **{field: value}), *awards[1:])
        return attrs.evolve(org, awards=changed), f"awards[0].{field}", what
    return plant


def _locality_missing(org: Organization, rng: random.Random, tables: CodeTables) -> Planted:
    return _basic(org, locality=""), "basic.locality", "党组织属地关系未填写"


def _unknown_title(org: Organization, rng: random.Random, tables: CodeTables) -> Planted:
    leaders = org.leaders or ()
    if len(leaders) < 2:
        return None
    changed = (*leaders[:-1], attrs.evolve(leaders[-1], title="039U"))
    return attrs.evolve(org, leaders=changed), f"leaders[{len(leaders) - 1}].title", "职务名称代码「039U」不存在"


def _unit(field: str, what: str, value: Any = None) -> Any:
    def plant(org: Organization, rng: random.Random, tables: CodeTables) -> Planted:
        if org.unit is None or org.basic is None:
            return None
        changes: dict[str, Any] = {field: org.basic.name if value is None else value}
        return attrs.evolve(org, unit=attrs.evolve(org.unit, **changes)), f"unit.{field}", what
    return plant


def organization_defects() -> tuple[FieldDefect[Organization], ...]:
    """The field defects of branches, items 1–4, in the order they are handed out."""
    return (
        FieldDefect("org-name", 1, _wrong_suffix),
        FieldDefect("org-category", 1, _category_label),
        FieldDefect("unit-present", 4, _no_unit),
        FieldDefect("leaders-one-secretary", 2, _two_secretaries),
        FieldDefect("org-elected-on", 1, _elected_month),
        FieldDefect("leader-title", 2, _title_label),
        FieldDefect("org-award-name", 3, _award("name", "先进基层党组织",
                                        "组织奖惩名称填写了名称「先进基层党组织」而不是代码")),
        FieldDefect("unit-name", 4, _unit("name", "单位名称填写成了党组织名称")),
        FieldDefect("org-award-date", 3, _award("date", Unparsed("2010.7"), "组织奖惩日期只写到月「2010.7」")),
        FieldDefect("unit-legal-entity", 4, _unit("legal_entity", "法人单位标识写成「Y」", Unparsed("Y"))),
        FieldDefect("org-locality", 1, _locality_missing),
        FieldDefect("leader-title", 2, _unknown_title),
        FieldDefect("unit-industry", 4, _unit("industry", "单位所属行业代码「99」不存在", "99")),
    )
