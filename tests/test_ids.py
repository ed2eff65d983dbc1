"""cpcinfo.ids: identity numbers and organization codes agree with python-stdnum, ``to_18`` keeps the number,
and every function is total (any input: a result or the documented error, never another exception)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from stdnum.cn import ric as stdnum_ric

from cpcinfo.errors import (
    CpcinfoError,
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidIdentifier,
    InvalidLength,
)
from cpcinfo.ids import org_code, ric

DIGITS = st.text(alphabet="0123456789", min_size=17, max_size=17)
# Characters that look like an identity number's and are not: full-width and other Unicode digits (which
# str.isdigit() accepts and int() may not), spaces of every kind, x and X, letters, signs.
NEAR_ID = st.text(alphabet=st.sampled_from("0123456789Xx ０１９Ｘｘ\u3000\u200b\u00b2\u0661\u096f-+a"), max_size=22)
ANY_TEXT = st.one_of(NEAR_ID, st.text(max_size=25))
ANY_VALUE = st.one_of(ANY_TEXT, st.none(), st.integers(), st.floats(), st.binary(max_size=20), st.lists(st.none()))


def _real_birth_dates() -> st.SearchStrategy[str]:
    return st.dates(datetime.date(1900, 1, 1), datetime.date(2099, 12, 31)).map(lambda d: d.strftime("%Y%m%d"))


@st.composite
def valid_numbers(draw: st.DrawFn) -> str:
    body = draw(st.text(alphabet="0123456789", min_size=6, max_size=6)) + draw(_real_birth_dates()) + draw(
        st.text(alphabet="0123456789", min_size=3, max_size=3))
    return body + stdnum_ric.calc_check_digit(body + "0")


# -- agreement with python-stdnum ---------------------------------------------------------------------------

def test_the_check_character_table_is_stdnum_for_every_remainder() -> None:
    for remainder in range(11):
        body = next(f"{n:017d}" for n in range(1000) if int(f"{n:017d}", 13) % 11 == remainder)
        assert ric.CHECK_CHARACTERS[remainder] == stdnum_ric.calc_check_digit(body + "0")
    assert sorted(ric.CHECK_CHARACTERS) == sorted("0123456789X")


@given(body=DIGITS)
def test_the_check_character_agrees_with_stdnum(body: str) -> None:
    assert ric.check_character(body) == stdnum_ric.calc_check_digit(body + "0")
    assert ric.check_character(body + "7") == ric.check_character(body)


@given(number=valid_numbers())
def test_a_number_with_stdnum_s_check_digit_and_a_real_date_is_valid(number: str) -> None:
    assert ric.validate(number) == number and ric.is_valid(number)
    assert ric.birth_date(number) == stdnum_ric.get_birth_date(number)


@given(number=valid_numbers(), wrong=st.sampled_from("0123456789X"))
def test_any_other_check_character_is_a_checksum_error(number: str, wrong: str) -> None:
    if wrong == number[17]:
        return
    with pytest.raises(InvalidChecksum, match="校验码错误"):
        ric.validate(number[:17] + wrong)


@given(number=st.one_of(valid_numbers(), NEAR_ID))
@example("610102198005120019")
@example("11010519491231002X")
def test_what_stdnum_validates_cpcinfo_validates_the_same(number: str) -> None:
    try:
        expected = stdnum_ric.validate(number)
    except Exception:  # stdnum's validate also judges the address code by the birth year, and can raise KeyError
        return
    assert ric.validate(number) == expected


@given(number=st.one_of(valid_numbers(), NEAR_ID, st.text(alphabet="0123456789X", min_size=18, max_size=18)))
def test_is_valid_is_stdnum_s_form_checksum_and_date(number: str) -> None:
    compact = ric.compact(number)
    agrees = (len(compact) == 18 and ric.FORM.fullmatch(compact) is not None
              and stdnum_ric.calc_check_digit(compact) == compact[17])
    if agrees:
        try:
            stdnum_ric.get_birth_date(compact)
        except Exception:
            agrees = False
    assert ric.is_valid(number) is agrees


def test_the_questions_are_asked_in_order() -> None:
    with pytest.raises(InvalidLength):
        ric.validate("61010219800512001")
    with pytest.raises(InvalidFormat):
        ric.validate("6101021980051200A9")
    with pytest.raises(InvalidChecksum):
        ric.validate("610102198005120018")
    with pytest.raises(InvalidComponent, match="不是真实日期"):  # 30 February, with its right check character
        ric.validate("61010219800230001" + ric.check_character("61010219800230001"))


def test_compact_folds_what_hands_type() -> None:
    assert ric.compact("６１０１０２ 19800512001x\u3000") == "61010219800512001X"
    assert ric.validate("６１０１０２ 19800512001９") == "610102198005120019"


# -- the 15-digit form -----------------------------------------------------------------------------------------

@given(digits=st.text(alphabet="0123456789", min_size=15, max_size=15))
def test_to_18_keeps_the_number_and_gives_the_right_check_character(digits: str) -> None:
    eighteen = ric.to_18(digits)
    assert eighteen[:6] == digits[:6] and eighteen[6:8] == "19" and eighteen[8:17] == digits[6:]
    assert eighteen[17] == stdnum_ric.calc_check_digit(eighteen)
    assert ric.to_18(eighteen) == eighteen  # the 18-character form is its own


@given(number=valid_numbers().filter(lambda n: n[6:8] == "19"))
def test_to_18_round_trips_a_first_generation_number(number: str) -> None:
    first_generation = number[:6] + number[8:17]
    assert ric.to_18(first_generation) == number
    assert ric.is_valid(ric.to_18(first_generation))


def test_to_18_of_a_first_generation_example() -> None:
    assert ric.to_18("610102800512001") == "610102198005120019"
    with pytest.raises(InvalidFormat):
        ric.to_18("6101028005120")


# -- total functions -------------------------------------------------------------------------------------------

@given(value=ANY_VALUE)
def test_every_identity_number_function_is_total(value: Any) -> None:
    for function in (ric.compact, ric.validate, ric.to_18, ric.birth_date, ric.check_character):
        try:
            result = function(value)
        except InvalidIdentifier as exc:
            assert isinstance(exc, CpcinfoError) and isinstance(exc, ValueError) and str(exc)
        else:
            assert isinstance(result, str | datetime.date)
    assert ric.is_valid(value) in (True, False)


@given(value=ANY_VALUE)
def test_every_organization_code_function_is_total(value: Any) -> None:
    for function in (org_code.compact, org_code.validate):
        try:
            result = function(value)
        except InvalidIdentifier as exc:
            assert isinstance(exc, ValueError) and str(exc)
        else:
            assert isinstance(result, str)
    assert org_code.is_valid(value) in (True, False)


@given(text=ANY_TEXT)
def test_a_valid_identity_number_is_valid_in_its_compact_form(text: str) -> None:
    if ric.is_valid(text):
        assert ric.FORM.fullmatch(ric.validate(text)) and ric.validate(ric.validate(text)) == ric.validate(text)


# -- organization codes ----------------------------------------------------------------------------------------

@given(code=st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=30))
def test_digits_and_upper_case_letters_are_an_organization_code(code: str) -> None:
    assert org_code.validate(code) == code and org_code.is_valid(code)


@given(code=st.text(alphabet="0123456789", min_size=1, max_size=12), noise=st.sampled_from((" ", "\u3000", "\u200b")))
def test_spaces_and_full_width_digits_compact_away(code: str, noise: str) -> None:
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in code)
    assert org_code.compact(noise + full_width + noise) == code
    assert org_code.validate(f"{code[:1]}{noise}{code[1:]}") == code


def test_what_is_not_an_organization_code() -> None:
    with pytest.raises(InvalidLength):
        org_code.validate(" ")
    for wrong in ("001a", "党委", "001-002"):
        with pytest.raises(InvalidFormat, match="不是党组织代码"):
            org_code.validate(wrong)
