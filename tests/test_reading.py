"""Careful reading of recorded values, and the date arithmetic of the rules."""

from __future__ import annotations

import datetime
import warnings

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from cpcinfo.rules.dates import add_months, add_years
from cpcinfo.rules.reading import SENTINEL_DATES, DateReading, is_blank, read_date, read_flag
from cpcinfo.values import Unparsed


@pytest.mark.parametrize(("text", "expected"), [
    ("1985年6月1日", datetime.date(1985, 6, 1)),
    ("1985/6/1", datetime.date(1985, 6, 1)),
    ("1985-6-1", datetime.date(1985, 6, 1)),
    ("１９８５．０６．０１", datetime.date(1985, 6, 1)),
    (" 1985 06 01 ", datetime.date(1985, 6, 1)),
    ("1 June 1985", datetime.date(1985, 6, 1)),
    ("May 12 1980", datetime.date(1980, 5, 12)),
    ("1980-05-12 00:00:00", datetime.date(1980, 5, 12)),  # as a spreadsheet exports it
    ("1980-05-12T08:30", datetime.date(1980, 5, 12)),
])
def test_a_careful_reading_finds_one_date(text: str, expected: datetime.date) -> None:
    reading = read_date(text)
    assert reading.reading is DateReading.DATE and reading.date == expected


@pytest.mark.parametrize(("text", "kind"), [
    ("1985年6月", DateReading.INCOMPLETE),
    ("1985.6", DateReading.INCOMPLETE),
    ("1985年", DateReading.INCOMPLETE),
    ("June 1985", DateReading.INCOMPLETE),
    ("2010-02-30", DateReading.IMPOSSIBLE),
    ("2010-13-01", DateReading.IMPOSSIBLE),
    ("1985年13月", DateReading.IMPOSSIBLE),
    ("不是日期", DateReading.NOT_A_DATE),
    ("去年", DateReading.NOT_A_DATE),
    ("abc", DateReading.NOT_A_DATE),
    ("3a5F", DateReading.NOT_A_DATE),
    ("00:00:00", DateReading.NOT_A_DATE),
])
def test_what_is_not_one_date(text: str, kind: DateReading) -> None:
    assert read_date(text).reading is kind


@given(st.text() | st.from_regex(r"[0-9a-zA-Z :./-]{1,20}", fullmatch=True))
def test_reading_never_raises_nor_warns(text: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        read_date(text)
        is_blank(text)
        read_flag(text)


@pytest.mark.parametrize("value", [None, "", "   ", "无", "—", "/", "不详", "\u3000", Unparsed("无"), "ｎｕｌｌ"])
def test_blanks_and_placeholders(value: object) -> None:
    assert is_blank(value)


@pytest.mark.parametrize("value", ["0", "男", Unparsed(0), "01", "无锡"])
def test_values_that_are_not_blank(value: object) -> None:
    assert not is_blank(value)


def test_sentinel_dates_are_named() -> None:
    assert datetime.date(1900, 1, 1) in SENTINEL_DATES and datetime.date(1970, 1, 1) in SENTINEL_DATES


@pytest.mark.parametrize(("value", "meaning"), [
    ("Y", True), ("1", True), (Unparsed(1), True), ("√", True), ("否", False), ("N", False), (Unparsed(0), False),
    ("也许", None), (Unparsed(2), None),
])
def test_flags_written_another_way(value: object, meaning: bool | None) -> None:
    assert read_flag(value) is meaning


@given(day=st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31)),
       months=st.integers(-1200, 1200))
def test_add_months_agrees_with_relativedelta(day: datetime.date, months: int) -> None:
    try:
        expected = day + relativedelta(months=months)
    except ValueError:  # beyond the calendar: saturate rather than raise
        expected = datetime.date.max if months > 0 else datetime.date.min
    assert add_months(day, months) == expected


@given(day=st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31)),
       years=st.integers(0, 2000))
def test_add_years_agrees_with_relativedelta(day: datetime.date, years: int) -> None:
    try:
        expected = day + relativedelta(years=years)
    except ValueError:
        expected = datetime.date.max
    assert add_years(day, years) == expected


def test_module_doctests() -> None:
    import doctest

    from cpcinfo.rules import dates, reading

    assert doctest.testmod(dates).failed == 0 and doctest.testmod(reading).failed == 0
