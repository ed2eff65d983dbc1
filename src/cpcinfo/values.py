"""Values as recorded.

cpcinfo keeps every value a user gave, defects included, because finding defects is the library's job.
A field therefore holds one of:

- ``None`` — the field was absent or ``null``;
- for text and code fields, the ``str`` exactly as written (a code, a label or junk);
- for date fields, a :class:`datetime.date` when the text was a standard date;
- for flags, a ``bool`` when the value was yes or no;
- otherwise an :class:`Unparsed` that wraps the original scalar exactly (the text ``"1985年6月"`` in a date
  field, the number ``1`` in a code field, ``"Y"`` in a flag).
"""

from __future__ import annotations

import datetime
import enum
import math
from collections.abc import Mapping
from typing import Any, Final, TypeAlias

import attrs

Scalar: TypeAlias = str | int | float | bool
"""A JSON scalar, the only thing a field can have been written as."""


_INT_TEXT_BITS: Final = 4000 * 3  # well inside Python's 4,300-digit limit on int-to-text conversion


def int_text(number: int) -> str:
    """An integer as text, or how long it is when it is too long to print (Python refuses to turn an integer
    of more than 4,300 digits into text, and no recorded value needs one).

    >>> int_text(19850601), int_text(10 ** 5000)
    ('19850601', '（超长整数，约5001位）')
    """
    if number.bit_length() <= _INT_TEXT_BITS:
        return str(number)
    digits = int(number.bit_length() * math.log10(2)) + 1
    return f"（超长整数，约{digits}位）"


class LongInt(int):
    """An integer too long for Python to print (more than 4,300 digits), kept as the number it is but shown
    by its length (:func:`int_text`), so that a message or a report about it cannot fail.

    >>> n = LongInt(10 ** 5000)
    >>> n == 10 ** 5000, str(n), f"{n}"
    (True, '（超长整数，约5001位）', '（超长整数，约5001位）')
    """

    __slots__ = ()

    def __str__(self) -> str:
        return int_text(int(self))

    __repr__ = __str__

    def __format__(self, spec: str) -> str:
        return str(self)


def _printable_scalar(raw: Scalar) -> Scalar:
    if type(raw) is int and raw.bit_length() > _INT_TEXT_BITS:
        return LongInt(raw)
    return raw


@attrs.frozen
class Unparsed:
    """A recorded value that could not be read as its field's kind, kept verbatim (an integer too long to
    print becomes a :class:`LongInt`, equal to it).

    >>> Unparsed("1985年6月")
    Unparsed('1985年6月')
    >>> str(Unparsed(19850601))
    '19850601'
    """

    raw: Scalar = attrs.field(converter=_printable_scalar)

    def __str__(self) -> str:
        if isinstance(self.raw, str):
            return self.raw
        if isinstance(self.raw, int) and not isinstance(self.raw, bool):
            return int_text(self.raw)
        return repr(self.raw)

    def __repr__(self) -> str:
        if isinstance(self.raw, int) and not isinstance(self.raw, bool):
            return f"Unparsed({int_text(self.raw)})"
        return f"Unparsed({self.raw!r})"


Text: TypeAlias = str | Unparsed
"""A text or code field: the string as written, or a non-string scalar kept as :class:`Unparsed`."""

DateValue: TypeAlias = datetime.date | Unparsed
"""A date field: a real date, or the text that was not a standard date."""

Flag: TypeAlias = bool | Unparsed
"""A yes/no field: a bool, or the value that was neither yes nor no."""


def as_text(value: object) -> str:
    """The value as a reader sees it, for messages and reports (``""`` for ``None``)."""
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return int_text(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, tuple | list):  # a repeated group or the mentors: its items, or nothing
        return "、".join(as_text(item) for item in value)
    return str(value)


def json_value(value: Any) -> Any:
    """A recorded value as JSON: dates in ISO form, an :class:`Unparsed` as its raw value, sequences as
    lists, a non-finite number or an integer too long to print as its text.

    >>> json_value(datetime.date(1985, 6, 1)), json_value(Unparsed("1985年6月")), json_value(Unparsed(19850601))
    ('1985-06-01', '1985年6月', 19850601)
    """
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return value if value.bit_length() <= _INT_TEXT_BITS else int_text(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else repr(value)
    if isinstance(value, Unparsed):
        return json_value(value.raw)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return json_value(value.value)
    if isinstance(value, Mapping):
        return {as_text(k): json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple | frozenset | set):
        return [json_value(v) for v in value]
    return str(value)
