"""Careful reading of recorded values: blanks and placeholders, dates written the wrong way, yes and no.

These helpers decide what a recorded value *means*; the checks decide whether that is a defect.
They never read the clock: a date with missing parts is reported as incomplete, never completed from today.
"""

from __future__ import annotations

import datetime
import enum
import re
import warnings

import attrs
from dateutil import parser as date_parser

from cpcinfo.codes import clean
from cpcinfo.values import Unparsed

PLACEHOLDERS = frozenset(
    {"无", "—", "——", "-", "--", "－", "/", "／", "\\", "不详", "未知", "暂无", "空", "某某", "null", "NULL",
     "None", "none", "N/A", "n/a", "NA", "#N/A", "?", "？", "…", "..."}
)
"""Texts that stand for "nothing was written" (「无」「—」「/」 on the paper form; docs/domain/general.md#blanks)."""

SENTINEL_DATES = frozenset(
    {datetime.date(1900, 1, 1), datetime.date(1970, 1, 1), datetime.date(1899, 12, 30), datetime.date(1, 1, 1)}
)
"""Dates that systems write when nothing was entered (docs/domain/general.md#dates): read as 未填写."""


def is_blank(value: object) -> bool:
    """True for ``None``, empty or white-space text, and placeholders, as a string or an :class:`Unparsed`."""
    if value is None:
        return True
    if isinstance(value, Unparsed):
        value = value.raw
    if isinstance(value, str):
        if value.isalnum() and value.isascii():
            return value in PLACEHOLDERS  # the common case: a code or an id, one scan
        stripped = value.strip()
        return not stripped or stripped in PLACEHOLDERS or clean(stripped) in PLACEHOLDERS
    return False


class DateReading(enum.Enum):
    """What a careful reading of a non-standard date text found."""

    DATE = "date"  # one certain date, written the wrong way
    INCOMPLETE = "incomplete"  # a year and month, or a year only
    IMPOSSIBLE = "impossible"  # the shape of a date, but no such day (2010-02-30)
    NOT_A_DATE = "not-a-date"


@attrs.frozen
class ReadDate:
    reading: DateReading
    date: datetime.date | None = None


_YMD = re.compile(r"(\d{4})\s*[-./年\s]\s*(\d{1,2})\s*[-./月\s]\s*(\d{1,2})\s*日?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_YM = re.compile(r"(\d{4})\s*(?:[-./年\s]\s*(\d{1,2})\s*月?)?\s*年?")
_LETTERS = re.compile(r"[A-Za-z]")
_MONTH_NAME = re.compile(r"(?i)(?<![a-z])(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?![a-z])")
# A time of day after the date, as spreadsheets export dates ("1980-05-12 00:00:00", "1980-05-12T00:00").
_TIME_OF_DAY = re.compile(r"[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
# Two defaults that differ in every part: a date parsed equally under both had every part written out.
_DEFAULT_A = datetime.datetime(2000, 1, 1)
_DEFAULT_B = datetime.datetime(2001, 2, 2)


def _ymd(year: str, month: str, day: str) -> ReadDate:
    try:
        return ReadDate(DateReading.DATE, datetime.date(int(year), int(month), int(day)))
    except ValueError:
        return ReadDate(DateReading.IMPOSSIBLE)


def read_date(text: str) -> ReadDate:
    """Read a date that was not written in a standard form.

    >>> read_date("1985年6月1日")
    ReadDate(reading=<DateReading.DATE: 'date'>, date=datetime.date(1985, 6, 1))
    >>> [read_date(text).reading.value for text in ("1985年6月", "2010-02-30", "不是日期")]
    ['incomplete', 'impossible', 'not-a-date']
    """
    spaced = text.translate(_FULL_WIDTH).strip()
    time_of_day = _TIME_OF_DAY.search(spaced)
    if time_of_day is not None and time_of_day.start() > 0:
        return read_date(spaced[: time_of_day.start()])
    folded = clean(text)
    match = _YMD.fullmatch(folded) or _COMPACT.fullmatch(folded)
    if match:
        return _ymd(*match.groups())
    match = _YM.fullmatch(folded)
    if match:
        month = match.group(2)
        if month is None or 1 <= int(month) <= 12:
            return ReadDate(DateReading.INCOMPLETE)
        return ReadDate(DateReading.IMPOSSIBLE)
    if _LETTERS.search(folded) and _MONTH_NAME.search(spaced):
        # Month names ("1 June 1985"): dateutil reads them; the two defaults expose a missing part.
        # dateutil warns about text it takes for a time zone: that is not ours to print.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                a = date_parser.parse(spaced, default=_DEFAULT_A)
                b = date_parser.parse(spaced, default=_DEFAULT_B)
            except (ValueError, OverflowError, TypeError, LookupError):
                return ReadDate(DateReading.NOT_A_DATE)
        if a.date() == b.date():
            return ReadDate(DateReading.DATE, a.date())
        return ReadDate(DateReading.INCOMPLETE)
    return ReadDate(DateReading.NOT_A_DATE)


_YES = frozenset({"是", "Y", "y", "YES", "Yes", "yes", "1", "true", "True", "TRUE", "T", "√", "有"})
_NO = frozenset({"否", "N", "n", "NO", "No", "no", "0", "false", "False", "FALSE", "F", "×", "没有"})


def read_flag(value: object) -> bool | None:
    """A yes or no written some other way (「Y」「1」「√」), or ``None`` when it is neither."""
    raw = value.raw if isinstance(value, Unparsed) else value
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float) and raw in (0, 1):
        return bool(raw)
    if isinstance(raw, str):
        text = clean(raw)
        if text in _YES:
            return True
        if text in _NO:
            return False
    return None


def usable_date(value: object, as_of: datetime.date) -> datetime.date | None:
    """The date a relation between fields may be judged on: a real date that its own field rule accepts
    (not a sentinel, not after the date of the check). Anything else has its own finding already, and
    judging a relation on it would report that one defect twice."""
    if type(value) is datetime.date and value <= as_of and value not in SENTINEL_DATES:
        return value
    return None


def usable_date_test(name: str) -> str:
    """:func:`usable_date`'s test as a Python expression on the variable ``name``, for compiled code (with
    ``date``, ``as_of`` and ``SENTINEL_DATES`` in its namespace)."""
    return f"type({name}) is date and {name} <= as_of and {name} not in SENTINEL_DATES"
