"""公民身份号码: the address code judged as "existed at some time up to the date of the check", 15-digit
numbers judged by the date of the check, and the generated data free of the birth-year reading."""

from __future__ import annotations

import datetime

import attrs
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from stdnum.cn import ric

from cpcinfo import InfoBase
from cpcinfo.checking import check
from cpcinfo.codes import default_tables
from cpcinfo.findings import DefectKind
from cpcinfo.ids.ric import to_18
from cpcinfo.rules.checks import id_number_form_check
from cpcinfo.testing import strategies as s

AS_OF = datetime.date(2011, 6, 30)
NEVER_EXISTED = ("999999", "619999", "000000", "990101")


def _with_address(number: str, address: str) -> str:
    body = address + number[6:17]
    return body + ric.calc_check_digit(body + "0")


def test_the_never_existing_codes_never_existed() -> None:
    region = default_tables()["region"]
    assert all(code not in region for code in NEVER_EXISTED)


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(base=s.infobases(), address=st.sampled_from(NEVER_EXISTED), data=st.data())
def test_a_never_existing_address_code_gives_exactly_one_finding_on_that_field(
        base: InfoBase, address: str, data: st.DataObject) -> None:
    numbered = [i for i, m in enumerate(base.members) if m.basic is not None and m.basic.id_number]
    assume(numbered)
    i = data.draw(st.sampled_from(numbered))
    member = base.members[i]
    broken = _with_address(member.basic.id_number, address)
    members = list(base.members)
    members[i] = attrs.evolve(member, basic=attrs.evolve(member.basic, id_number=broken))
    assert check(base, as_of=AS_OF).findings == ()
    findings = check(attrs.evolve(base, members=tuple(members)), as_of=AS_OF).findings
    assert [(f.rule, f.key, f.field, f.kind) for f in findings] == [
        ("MEM913", member.id, "basic.id_number", DefectKind.WRONG)]


@settings(max_examples=50)
@given(member=s.members())
def test_generated_numbers_carry_codes_that_existed_by_the_date_of_the_check(member) -> None:
    """The strategies no longer give a number the code of the birth year: every code existed by as_of, and
    a number whose county code came after the birth year is possible (python-stdnum would refuse it)."""
    number = member.basic.id_number
    assume(number is not None)
    entry = default_tables()["region"].get(number[:6])
    assert entry is not None and (entry.valid_from is None or entry.valid_from <= s.DEFAULT_AS_OF.year)


def test_python_stdnum_is_never_asked_about_user_numbers() -> None:
    """The reasons: the birth-year reading refuses a real 户县 number, and is_valid may raise."""
    real = "610125197005120019"  # 户县's code from 1983, holder born 1970
    assert not ric.is_valid(real)
    check_form = id_number_form_check("id_number", "公民身份号码")
    assert check_form(real, AS_OF) is None


def test_a_15_digit_number_is_nonstandard_before_2013_and_wrong_from_then() -> None:
    check_form = id_number_form_check("id_number", "公民身份号码")
    before = check_form("610102800512001", datetime.date(2012, 12, 31))
    after = check_form("610102800512001", datetime.date(2013, 1, 1))
    assert before is not None and before.kind is DefectKind.NONSTANDARD
    assert before.suggestion == "610102198005120019"
    assert after is not None and after.kind is DefectKind.WRONG


@given(digits=st.text(alphabet="0123456789", min_size=15, max_size=15))
def test_the_suggested_18_digit_form_keeps_the_number_and_has_a_right_check_digit(digits: str) -> None:
    eighteen = to_18(digits)
    assert eighteen[:6] == digits[:6] and eighteen[6:8] == "19" and eighteen[8:17] == digits[6:]
    assert eighteen[17] == ric.calc_check_digit(eighteen)
