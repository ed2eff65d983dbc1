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
from typing import TypeAlias

import attrs

Scalar: TypeAlias = str | int | float | bool
"""A JSON scalar, the only thing a field can have been written as."""


@attrs.frozen
class Unparsed:
    """A recorded value that could not be read as its field's kind, kept verbatim.

    >>> Unparsed("1985年6月")
    Unparsed('1985年6月')
    >>> str(Unparsed(19850601))
    '19850601'
    """

    raw: Scalar

    def __str__(self) -> str:
        if isinstance(self.raw, str):
            return self.raw
        try:
            return repr(self.raw)
        except ValueError:  # an integer too long for Python to print (sys.get_int_max_str_digits)
            return "（超长整数）"

    def __repr__(self) -> str:
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
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, tuple | list):  # a repeated group or the mentors: its items, or nothing
        return "、".join(as_text(item) for item in value)
    return str(value)
