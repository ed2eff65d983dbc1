"""What a typed cell already says, decided once when it is read (the rules keep judging what was typed).

A spreadsheet or a DataFrame hands over typed values, not the text a clerk typed: a date cell arrives as a
``datetime`` at midnight, a blank as ``None``, ``NaN`` or ``NaT``, a code as the number ``1``. The rules
would take these for what a person wrote (「不含时间」, 「nan」 填写错误), so the loader reads the source's types
first:

- ``None``, empty text, ``NaN``, ``NaT``, ``pandas.NA`` → ``None`` (未填写);
- a ``date``, or a ``datetime``/``pandas.Timestamp``/``numpy.datetime64`` at midnight → the ``date``; one with a
  time of day stays a ``datetime`` (a defect the rules name);
- a number in a code, key or text column → the text of the integer (``1.0`` → ``"1"``): a code that lost its
  leading zeros, like 民族 ``1``, is then judged 不规范 by the code rule, which suggests ``01``;
- a number in a date column (an Excel serial) is kept: the date rule suggests the date it encodes;
- NumPy scalars → the Python value.

>>> import datetime
>>> normalise(datetime.datetime(1980, 5, 12), FieldKind.DATE)
(datetime.date(1980, 5, 12), 'datetime-at-midnight')
>>> normalise(float("nan"), FieldKind.CODE), normalise("", FieldKind.TEXT)
((None, 'nan'), (None, None))
>>> normalise(1.0, FieldKind.CODE), normalise(29353.0, FieldKind.DATE)
(('1', 'number-as-text'), (29353, 'integral-float'))
"""

from __future__ import annotations

import datetime
import math
from typing import Any

from cpcinfo.fields import FieldKind
from cpcinfo.tabular._layout import MENTOR_SEPARATOR, TEXT_KINDS

_date = datetime.date
_datetime = datetime.datetime


def _at_midnight(value: datetime.datetime) -> bool:
    return (value.hour == value.minute == value.second == value.microsecond == 0
            and getattr(value, "nanosecond", 0) == 0)


def _python_value(value: Any) -> tuple[Any, str | None]:
    """NumPy and pandas scalars as plain Python values; the blanks of every library as ``None``."""
    name = type(value).__name__
    if name in ("NaTType", "NAType"):
        return None, "nat" if name == "NaTType" else "na"
    if name == "datetime64":  # numpy: NaT, or a day or an instant at some unit
        if value != value:
            return None, "nat"
        micro = value.astype("datetime64[us]").item()
        return (micro, "datetime64") if isinstance(micro, _date) else (str(value), "datetime64")
    module = type(value).__module__
    if module == "numpy" and hasattr(value, "item"):
        return value.item(), "numpy-scalar"
    return value, None


def normalise(value: Any, kind: FieldKind) -> tuple[Any, str | None]:
    """The value a field of this kind holds for a typed cell, and what was done (``None``: kept as is)."""
    cls = value.__class__
    if cls is str:
        if kind is FieldKind.NAMES:
            return (value.split(MENTOR_SEPARATOR), None) if value else (None, None)
        return (value, None) if value else (None, None)
    if value is None:
        return None, None
    how: str | None = None
    if cls not in (int, float, bool, _date, _datetime):
        value, how = _python_value(value)
        if value is None:
            return None, how
        cls = value.__class__
        if cls is str:
            return normalise(value, kind)[0], how
    if isinstance(value, float):
        if math.isnan(value):
            return None, "nan"
        if math.isinf(value):
            return (repr(value) if kind in TEXT_KINDS else value), how or "infinite"
        if value.is_integer():
            value, how = int(value), how or "integral-float"
    if isinstance(value, _datetime):
        if value != value:  # pandas.NaT is a datetime
            return None, "nat"
        if _at_midnight(value):
            value, how = _date(value.year, value.month, value.day), how or "datetime-at-midnight"
        elif type(value) is not _datetime:  # a pandas.Timestamp with a time of day
            value, how = _datetime(value.year, value.month, value.day, value.hour, value.minute, value.second,
                                   value.microsecond), how or "timestamp"
    if kind is FieldKind.DATE or kind is FieldKind.FLAG:
        return value, how
    if isinstance(value, bool):
        return value, how
    if isinstance(value, int | float):
        return str(value), "number-as-text"
    if isinstance(value, _date):  # a date cell where text belongs: its ISO text, kept visible to the rules
        text = value.isoformat(sep=" ") if isinstance(value, _datetime) else value.isoformat()
        return ([text] if kind is FieldKind.NAMES else text), "date-as-text"
    text = str(value)
    return ([text] if kind is FieldKind.NAMES else text), "other-as-text"
