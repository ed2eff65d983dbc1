"""Enums whose members carry a Chinese label beside their value.

A member is written with its value and its label, so that the two cannot drift apart::

    class Grade(LabelledEnum):
        EXCELLENT = "excellent", "优秀"

>>> class Colour(LabelledEnum):
...     RED = "red", "红"
>>> Colour.RED.value, Colour.RED.label, Colour("red") is Colour.RED
('red', '红', True)
>>> Colour.RED
<Colour.RED: 'red'>
"""

from __future__ import annotations

import enum
from typing import Self

__all__ = ["LabelledEnum"]


class LabelledEnum(enum.Enum):
    """An enum of text values, each member with its ``label`` (in Chinese); ``Enum(value)`` looks a member up
    by its value as usual, and the label plays no part in equality, hashing or pickling."""

    _value_: str
    label: str
    """The member's Chinese name, as reports and messages print it."""

    # Called with both when the class is made; ``Enum(value)`` afterwards is a lookup (the enum machinery
    # does not call this then), which is what the optional ``label`` tells the type checker.
    def __new__(cls, value: str, label: str | None = None) -> Self:
        if label is None:
            raise TypeError(f"a {cls.__name__} member is written with its value and its label")
        member = object.__new__(cls)
        member._value_ = value
        member.label = label
        return member
