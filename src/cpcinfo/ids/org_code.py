"""党组织代码 (the organization code), in the style of python-stdnum.

cpcinfo's reading (docs/domain/organization.md): a code is made of digits, or of the upper-case letters the
system uses, with no spaces and no full-width characters. A code written with spaces or full-width digits is
不规范 — :func:`compact` gives the form it should have — and anything else is not an organization code. Whether
a child's code begins with its parent's is not part of the form (the scheme is not confirmed).

Every function takes any text and raises nothing but :class:`~cpcinfo.errors.InvalidIdentifier`.

>>> compact(" ００１ 002")
'001002'
>>> validate("001002"), is_valid("001a"), is_valid("")
('001002', False, False)
"""

from __future__ import annotations

import re
from typing import Final

from cpcinfo.codes import clean
from cpcinfo.errors import InvalidFormat, InvalidLength
from cpcinfo.ids._validity import accepts

__all__ = ["FORM", "compact", "is_valid", "validate"]

FORM: Final = re.compile(r"[0-9A-Z]+")
"""The form of a compact organization code: ASCII digits and upper-case letters."""


def compact(code: str) -> str:
    """The code without spaces (ASCII, ideographic, zero-width) and with full-width characters folded; a
    lower-case letter stays lower-case (it is not one of the system's letters).

    Raises :class:`~cpcinfo.errors.InvalidFormat` for a value that is not text.
    """
    if not isinstance(code, str):
        raise InvalidFormat(f"党组织代码应为文本，不是 {type(code).__name__}")
    return clean(code)


def validate(code: str) -> str:
    """The compact code, when it has the form; else :class:`~cpcinfo.errors.InvalidLength` (empty) or
    :class:`~cpcinfo.errors.InvalidFormat`."""
    code = compact(code)
    if not code:
        raise InvalidLength("党组织代码为空")
    if not FORM.fullmatch(code):
        raise InvalidFormat(f"「{code}」不是党组织代码（应由数字组成）")
    return code


def is_valid(code: object) -> bool:
    """Whether :func:`validate` accepts ``code``; ``False`` for anything else, whatever it is."""
    return accepts(validate, code)
