"""Reading and writing single values for :mod:`cpcinfo.convert` (private).

Each field kind of the glossary has a structure hook (JSON value → value as recorded) and an unstructure
hook (value as recorded → JSON value). The structure hooks accept every JSON scalar and ``None``; anything
else (a list or an object where one value belongs) raises :class:`ShapeError`, which the converter collects
into a :class:`cpcinfo.errors.DocumentError`.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Mapping
from typing import Any

from cpcinfo.errors import CpcinfoError
from cpcinfo.values import Unparsed

__all__ = [
    "ShapeError",
    "as_list",
    "as_object",
    "describe",
    "expected",
    "parse_date",
    "parse_date_cached",
    "structure_date",
    "structure_flag",
    "structure_name",
    "structure_text",
    "unstructure_date",
    "unstructure_flag_en",
    "unstructure_flag_zh",
    "unstructure_text",
]

_date = datetime.date
_date_isoformat = datetime.date.isoformat
# YYYY-MM-DD, YYYYMMDD or YYYY.MM.DD: the same separator (or none) twice, ASCII digits only.
_DATE = re.compile(r"([0-9]{4})([-.]?)([0-9]{2})\2([0-9]{2})").fullmatch

YES = "是"
NO = "否"


class ShapeError(CpcinfoError):
    """A value of the wrong shape; ``message`` says what was expected and what was found (in Chinese)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


_KINDS: Mapping[type, str] = {
    dict: "对象",
    list: "列表",
    tuple: "列表",
    str: "文本",
    bool: "布尔值",
    int: "数字",
    float: "数字",
}


def describe(value: object) -> str:
    """What a value is, in Chinese, for messages: 对象, 列表, 文本, 数字, 布尔值, 空值 (null) ..."""
    if value is None:
        return "空值（null）"
    for cls in type(value).__mro__:
        kind = _KINDS.get(cls)
        if kind is not None:
            return kind
    if isinstance(value, Mapping):
        return "对象"
    return f"不支持的值（{type(value).__name__}）"


def expected(what: str, value: object) -> ShapeError:
    """The error for a value that is not ``what`` (对象, 列表, 单个值)."""
    return ShapeError(f"应为{what}，实际为{describe(value)}")


def as_object(value: object) -> dict[Any, Any]:
    """The value as a dict, or a :class:`ShapeError` when it is not an object."""
    if isinstance(value, dict):
        return value
    if isinstance(value, Mapping):
        return dict(value)
    raise expected("对象", value)


def as_list(value: object) -> list[Any] | tuple[Any, ...]:
    """The value as a list (a tuple is accepted from Python callers), or a :class:`ShapeError`."""
    if isinstance(value, list | tuple):
        return value
    raise expected("列表", value)


def _scalar(value: object, what: str = "单个值") -> Unparsed:
    if isinstance(value, int | float):  # bool is an int
        return Unparsed(value)
    raise expected(what, value)


def structure_text(value: Any, _type: object = None) -> Any:
    """A text, code, key, org-code or id-number field: a str as written, another scalar as Unparsed."""
    cls = value.__class__
    if cls is str or value is None:
        return value
    if cls is int or cls is float or cls is bool:
        return Unparsed(value)
    if isinstance(value, str):
        return value
    return _scalar(value)


def structure_name(value: Any, _type: object = None) -> Any:
    """One element of a list of names (培养人): like a text field, but ``null`` is not a name."""
    if value is None:
        raise expected("文本", value)
    return structure_text(value)


def parse_date(text: str) -> _date | Unparsed:
    """A date in ``YYYY-MM-DD``, ``YYYYMMDD`` or ``YYYY.MM.DD`` that exists; anything else as Unparsed.

    >>> parse_date("1985.06.01"), parse_date("19850601")
    (datetime.date(1985, 6, 1), datetime.date(1985, 6, 1))
    >>> parse_date("2010-02-30"), parse_date("1985年6月")
    (Unparsed('2010-02-30'), Unparsed('1985年6月'))
    """
    match = _DATE(text)
    if match is not None:
        year, _, month, day = match.groups()
        try:
            return _date(int(year), int(month), int(day))
        except ValueError:
            pass
    return Unparsed(text)


# Dates repeat a lot in a database (a province has far fewer distinct dates than members); both results are
# immutable, so a bounded memo is safe and makes the common case a dictionary lookup.
parse_date_cached = functools.lru_cache(maxsize=1 << 16)(parse_date)


def structure_date(value: Any, _type: object = None) -> Any:
    """A date field: a standard date text or a ``datetime.date`` as a date, another scalar as Unparsed."""
    if value.__class__ is str:
        return parse_date_cached(value)
    if value is None or value.__class__ is _date:
        return value
    if isinstance(value, _date):
        return None if value != value else value  # pandas.NaT is a datetime that equals nothing: no date
    if isinstance(value, str):
        return parse_date(str(value))
    return _scalar(value)


def structure_flag(value: Any, _type: object = None) -> Any:
    """A flag: JSON true/false or 是/否 as a bool, another scalar as Unparsed."""
    if value is True or value is False or value is None:
        return value
    if isinstance(value, str):
        if value == YES:
            return True
        if value == NO:
            return False
        return Unparsed(value)
    return _scalar(value)


def unstructure_text(value: Any) -> Any:
    """A text value back to JSON: a str as is, an Unparsed as its raw scalar."""
    return value.raw if value.__class__ is Unparsed else value


def unstructure_date(value: Any) -> Any:
    """A date back to JSON in the canonical ``YYYY-MM-DD`` form; an Unparsed as its raw scalar."""
    if isinstance(value, _date):
        return _date_isoformat(value)
    return value.raw if value.__class__ is Unparsed else value


def unstructure_flag_en(value: Any) -> Any:
    """A flag for an English-keyed document: JSON true/false."""
    return value.raw if value.__class__ is Unparsed else value


def unstructure_flag_zh(value: Any) -> Any:
    """A flag for a Chinese-keyed document: 是/否."""
    if value is True:
        return YES
    if value is False:
        return NO
    return value.raw if value.__class__ is Unparsed else value
