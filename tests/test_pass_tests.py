"""The pass tests of the value checks (cpcinfo.rules.checks.PassTest) are exact: what passes one passes its
check. The compiled field validator does not call a check for a value that passes its test, so a test that
let through one value the check refuses would hide that finding."""

from __future__ import annotations

import datetime
import functools
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cpcinfo.codes import default_tables
from cpcinfo.engine.runner import Validator
from cpcinfo.entity import Entity
from cpcinfo.rules import registry
from cpcinfo.rules.checks import PassTest, date_check, pass_test, with_pass_test
from cpcinfo.rules.model import Prepared, RuleScope
from cpcinfo.rules.reading import SENTINEL_DATES
from cpcinfo.rules.ruleset import SHAANXI_2011
from cpcinfo.testing.strategies import json_values, junk_values

PREPARED = Prepared(tables=default_tables(), ruleset=SHAANXI_2011)
AS_OF = datetime.date(2011, 6, 30)


def _tested() -> list[tuple[str, Any, PassTest]]:
    out = []
    for rule in registry():
        if rule.scope is RuleScope.FIELD and rule.build_value is not None:
            check = rule.build_value(PREPARED)
            test = pass_test(check)
            if test is not None:
                out.append((rule.code, check, test))
    return out


TESTED = _tested()
CODE_TESTED = [(code, check, test) for code, check, test in TESTED if "clean" in test.constants]


def _passes(test: PassTest, value: Any, as_of: datetime.date) -> bool:
    names = {name: f"c_{name}" for name in test.constants}
    namespace = {f"c_{name}": constant for name, constant in test.constants.items()}
    return bool(eval(test.expression("value", names), namespace, {"value": value, "as_of": as_of}))


def test_the_common_checks_have_pass_tests() -> None:
    codes = {code for code, _, _ in TESTED}
    # The code tables' fields, the plain dates and the flags of the member: the bulk of a province's values.
    assert {"MEM102", "MEM103", "MEM202", "MEM203", "MEM301", "MEM302", "MEM502", "MEM603", "MEM801"} <= codes


@pytest.mark.parametrize(("code", "check", "test"), CODE_TESTED, ids=[code for code, _, _ in CODE_TESTED])
def test_every_value_a_code_test_lets_through_passes_the_check(code: str, check: Any, test: PassTest) -> None:
    clean = test.constants["clean"]
    assert clean, code
    for value in sorted(clean):
        assert _passes(test, value, AS_OF)
        assert check(value, AS_OF) is None, (code, value)


_DATES = st.dates(datetime.date(1800, 1, 1), datetime.date(2100, 1, 1))
_VALUES = (json_values() | junk_values() | _DATES | st.sampled_from(sorted(SENTINEL_DATES))
           | st.datetimes() | st.sampled_from([True, False, None, "01", "1", "是"]))


@pytest.mark.parametrize(("code", "check", "test"), TESTED, ids=[code for code, _, _ in TESTED])
@given(value=_VALUES, as_of=_DATES)
def test_what_passes_the_test_passes_the_check(code: str, check: Any, test: PassTest, value: Any,
                                               as_of: datetime.date) -> None:
    if _passes(test, value, as_of):
        assert check(value, as_of) is None, (code, value)


def test_a_wrapper_does_not_inherit_the_test_of_what_it_wraps() -> None:
    plain = date_check("born_on", "出生日期")

    @functools.wraps(plain)
    def stricter(value: Any, as_of: datetime.date) -> Any:
        return plain(value, as_of) or ("too old" if value == datetime.date(1900, 1, 2) else None)

    assert pass_test(plain) is not None
    assert pass_test(stricter) is None  # functools.wraps copied the attribute; the owner tells


def test_the_validator_still_finds_what_a_value_outside_the_test_has() -> None:
    validator = Validator(Entity.MEMBER, tuple(registry().select(["MEM102", "MEM203"])), PREPARED)
    assert "pass_" in validator.source
    from cpcinfo.member import Member
    from cpcinfo.person import Education, Person

    good = Member(id="M1", basic=Person(gender="1"), education=(Education(enrolled_on=datetime.date(1990, 9, 1)),))
    assert validator(good, AS_OF) == ()
    bad = Member(id="M1", basic=Person(gender="男"),
                 education=(Education(enrolled_on=datetime.date(2012, 9, 1)),))
    assert [f.rule for f in validator(bad, AS_OF)] == ["MEM102", "MEM203"]


def test_a_check_marked_twice_keeps_the_last_test() -> None:
    check = with_pass_test(lambda value, as_of: None, "{value} is None")
    check = with_pass_test(check, "{value} == 1")
    assert pass_test(check) == PassTest("{value} == 1")


def _validators(entity: Entity, monkeypatch: pytest.MonkeyPatch) -> tuple[Validator, Validator]:
    """The validator as compiled, and one compiled without any pass test (every check called)."""
    import cpcinfo.engine.runner as runner

    rules = tuple(registry())
    with_tests = Validator(entity, rules, PREPARED)
    monkeypatch.setattr(runner, "pass_test", lambda check: None)
    without = Validator(entity, rules, PREPARED)
    monkeypatch.undo()
    assert "pass_" in with_tests.source and "pass_" not in without.source
    return with_tests, without


_ANY_VALUE = (junk_values() | _DATES | st.sampled_from(sorted(SENTINEL_DATES)) | st.none() | st.booleans()
              | st.sampled_from(["1", "2", "01", "11", "21", "0101", "001001", "是", "否"]))


def _perturbed(record: Any, data: st.DataObject, *, group: bool = False) -> Any:
    """The record with some single values of its groups and subrecords set to anything (a list of names
    stays a list: structuring never makes it anything else)."""
    import attrs

    changes = {}
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        if attrs.has(type(value)):
            changes[field.name] = _perturbed(value, data, group=True)
        elif isinstance(value, tuple) and value and attrs.has(type(value[0])):
            changes[field.name] = tuple(_perturbed(sub, data, group=True) for sub in value)
        elif group and field.name not in ("extras", "mentors") and not isinstance(value, tuple) \
                and data.draw(st.booleans(), label=field.name):
            changes[field.name] = data.draw(_ANY_VALUE, label=field.name)
    return attrs.evolve(record, **changes)


@pytest.mark.parametrize("entity", list(Entity))
@given(data=st.data())
def test_the_validator_finds_the_same_with_and_without_its_pass_tests(entity: Entity, data: st.DataObject,
                                                                     monkeypatch_module: Any) -> None:
    from cpcinfo.testing.strategies import applicants, members, organizations

    strategy = {Entity.MEMBER: members, Entity.APPLICANT: applicants, Entity.ORGANIZATION: organizations}[entity]
    record = _perturbed(data.draw(strategy()), data)
    as_of = data.draw(st.sampled_from([AS_OF, datetime.date(1990, 1, 1), datetime.date(2030, 1, 1)]))
    with_tests, without = monkeypatch_module[entity]
    assert with_tests(record, as_of) == without(record, as_of)


@pytest.fixture(scope="module")
def monkeypatch_module() -> Any:
    patch = pytest.MonkeyPatch()
    try:
        yield {entity: _validators(entity, patch) for entity in Entity}
    finally:
        patch.undo()
