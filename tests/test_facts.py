"""The facts, written once as code and run in line, equal the facts read field by field with the helpers."""

from __future__ import annotations

import datetime
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum.cn import ric

from cpcinfo.codes import default_tables
from cpcinfo.engine.context import SystemContext
from cpcinfo.engine.facts import Facts, adult, applicant_facts, id_number, member_facts, plain_branch
from cpcinfo.entity import Entity
from cpcinfo.ids.ric import CHECK_CHARACTERS
from cpcinfo.org.tree import OrgTree
from cpcinfo.rules.checks import MAX_NAME_LENGTH, is_person_name, person_name_form, person_name_test
from cpcinfo.rules.reading import SENTINEL_DATES, usable_date, usable_date_test
from cpcinfo.rules.ruleset import SHAANXI_2011
from test_record_pass import near_records

AS_OF = datetime.date(2011, 6, 30)


def _reference(record: Any, entity: Entity, min_age: int) -> Facts:
    basic = record.basic
    number = id_number(record)
    name = basic.name if basic is not None else None
    facts = Facts(
        id_number=number,
        id_checked=number if number is not None and ric.calc_check_digit(number) == number[17] else None,
        born=adult(usable_date(basic.born_on, AS_OF), AS_OF, min_age) if basic is not None else None,
        name=name if type(name) is str and is_person_name(name) else None)
    if entity is Entity.MEMBER:
        relation, standing = record.relation, record.standing
        return attrs.evolve(
            facts, branch=plain_branch(relation.branch) if relation is not None else None,
            entered=usable_date(relation.entered_on, AS_OF) if relation is not None else None,
            joined=usable_date(standing.joined_on, AS_OF) if standing is not None else None,
            full=usable_date(standing.full_member_on, AS_OF) if standing is not None else None)
    development = record.development
    return attrs.evolve(facts, branch=plain_branch(development.branch) if development is not None else None,
                        applied=usable_date(development.applied_on, AS_OF) if development is not None else None)


_ODD_VALUES = {"basic.id_number": ["61010219800512001x", " 610102198005120019 ", "610102 198005120019", "", None,
                                   610102],
               "basic.name": ["王 丽", "", None, "A", "王丽丽丽丽丽丽丽丽丽丽丽丽丽丽丽丽丽丽丽丽丽丽"],
               "basic.born_on": [None, datetime.date(2011, 7, 1), datetime.date(1993, 6, 30), datetime.date(1993, 7, 1),
                                 *sorted(SENTINEL_DATES)],
               "relation.branch": [" 001 ", "", None, 1, "NULL", "党支部"],
               "development.branch": [" 001 ", "", None, "NULL"]}


@st.composite
def odd_records(draw: st.DrawFn, entity: Entity) -> Any:
    record = draw(near_records(entity))
    for _ in range(draw(st.integers(0, 2))):
        path = draw(st.sampled_from(sorted(p for p in _ODD_VALUES if hasattr(record, p.split(".")[0]))))
        group, field = path.split(".")
        if getattr(record, group) is not None:
            record = attrs.evolve(record, **{group: attrs.evolve(getattr(record, group),
                                                                 **{field: draw(st.sampled_from(_ODD_VALUES[path]))})})
    if draw(st.integers(0, 9)) == 0:  # a whole group missing
        group = draw(st.sampled_from(["basic", "relation", "standing"] if entity is Entity.MEMBER
                                     else ["basic", "development"]))
        record = attrs.evolve(record, **{group: None})
    return record


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), entity=st.sampled_from([Entity.MEMBER, Entity.APPLICANT]), min_age=st.sampled_from([18, 16, 20]))
def test_the_facts_in_line_are_the_facts_read_field_by_field(data: st.DataObject, entity: Entity, min_age: int) -> None:
    record = data.draw(odd_records(entity))
    ruleset = attrs.evolve(SHAANXI_2011, min_age_years=min_age)
    ctx = SystemContext(as_of=AS_OF, tree=OrgTree.build(()), tables=default_tables(), ruleset=ruleset)
    facts_of = member_facts if entity is Entity.MEMBER else applicant_facts
    assert facts_of(record, ctx) == _reference(record, entity, min_age)


@pytest.mark.parametrize("value", [datetime.date(2011, 6, 30), datetime.date(2011, 7, 1), datetime.datetime(2001, 1, 1),
                                   "2001-01-01", None, *sorted(SENTINEL_DATES)])
def test_the_usable_date_test_written_out_is_usable_date(value: Any) -> None:
    namespace = {"date": datetime.date, "as_of": AS_OF, "SENTINEL_DATES": SENTINEL_DATES, "v": value}
    assert eval(usable_date_test("v"), namespace) == (usable_date(value, AS_OF) is not None)


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_the_check_character_by_remainder_is_stdnums(body: str) -> None:
    assert CHECK_CHARACTERS[int(body, 13) % 11] == ric.calc_check_digit(body + "0")


_NAMES = ["王丽", "王", "阿依古丽·买买提", "王 丽", "王丽" * 11, "王丽" * 10]


@given(st.one_of(st.text(max_size=24), st.sampled_from(_NAMES)))
def test_the_person_name_test_written_out_is_is_person_name(name: str) -> None:
    namespace = {"person_name_form": person_name_form, "MAX_NAME_LENGTH": MAX_NAME_LENGTH, "v": name}
    assert eval(person_name_test("v"), namespace) == is_person_name(name)
