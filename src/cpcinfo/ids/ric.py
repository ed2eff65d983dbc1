"""公民身份号码 (GB 11643-1999, the citizen identity number), in the style of python-stdnum.

An 18-character number is six digits of address code (GB/T 2260), eight of birth date (``YYYYMMDD``), three of
sequence (the last odd for a man, even for a woman) and a check character, ``0``–``9`` or ``X`` (ISO 7064
MOD 11-2). A first-generation card carries 15 digits: the year in two digits and no check character;
:func:`to_18` gives its 18-character form.

This module is the one place where the check character is computed, and it wraps ``stdnum.cn.ric`` safely:
every function takes any text and raises nothing but :class:`~cpcinfo.errors.InvalidIdentifier` (or returns
``False``). ``stdnum.cn.ric.validate`` also wants the address code to be in force in the birth year — a
reading that refuses real numbers, and that can raise ``KeyError`` — so :func:`validate` here judges the form,
the check character and the birth date; whether the address code existed is a question of the code tables
and the date of the check, which the rules (MEM913, APP908) answer.

>>> compact(" 6101０2 19800512001x ")
'61010219800512001X'
>>> validate("610102198005120019")
'610102198005120019'
>>> is_valid("610102198005120018"), is_valid("not a number"), is_valid("610102198002300015")
(False, False, False)
>>> check_character("61010219800512001")
'9'
>>> to_18("610102800512001")
'610102198005120019'
"""

from __future__ import annotations

import datetime
import re
from typing import Final

from stdnum.cn import ric as _stdnum_ric

from cpcinfo.codes import clean_code
from cpcinfo.errors import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength
from cpcinfo.ids._validity import accepts

__all__ = [
    "CHECK_CHARACTERS",
    "FIRST_GENERATION_FORM",
    "FORM",
    "birth_date",
    "check_character",
    "compact",
    "is_valid",
    "to_18",
    "validate",
]

FORM: Final = re.compile(r"[0-9]{17}[0-9X]")
"""The form of a compact 18-character number (ASCII digits only)."""

FIRST_GENERATION_FORM: Final = re.compile(r"[0-9]{15}")
"""The 15-digit number of a first-generation card: no check character, the birth year in two digits."""

_BODY: Final = re.compile(r"[0-9]{17}")


def _check_characters() -> str:
    # ISO 7064 MOD 11-2: the weights 2**k and 13**k agree modulo 11, so the check character depends only on
    # the first 17 digits read in base 13, modulo 11. Each remainder's character is stdnum's own answer for a
    # number of that remainder, so that this table and stdnum cannot disagree.
    characters = {}
    for n in range(100):  # 17-digit numbers of every remainder
        body = f"{n:017d}"
        characters[int(body, 13) % 11] = _stdnum_ric.calc_check_digit(body + "0")
    return "".join(characters[r] for r in range(11))


CHECK_CHARACTERS: Final = _check_characters()
"""The check character by remainder: ``CHECK_CHARACTERS[int(number[:17], 13) % 11]``. A sum of parts of the
number, each read in base 13 and taken modulo 11, indexes it too: the hot paths (the generated facts, the demo's
issuer) look it up in line, without a call."""


def compact(number: str) -> str:
    """The number without spaces (ASCII, ideographic, zero-width), full-width characters folded, ``x`` upper.

    Raises :class:`~cpcinfo.errors.InvalidFormat` for a value that is not text.
    """
    if not isinstance(number, str):
        raise InvalidFormat(f"公民身份号码应为文本，不是 {type(number).__name__}")
    return clean_code(number)


def check_character(number: str) -> str:
    """The check character of the first 17 digits of ``number`` (given with or without its own).

    Raises :class:`~cpcinfo.errors.InvalidFormat` when the number does not begin with 17 ASCII digits.
    """
    if not isinstance(number, str) or not _BODY.match(number):
        raise InvalidFormat(f"公民身份号码的前17位应为数字：{number!r}")
    return CHECK_CHARACTERS[int(number[:17], 13) % 11]


def birth_date(number: str) -> datetime.date:
    """The birth date an 18-character number carries.

    Raises :class:`~cpcinfo.errors.InvalidFormat` for a number not of the 18-character form and
    :class:`~cpcinfo.errors.InvalidComponent` when its eight digits are no real date.
    """
    number = compact(number)
    if not FORM.fullmatch(number):
        raise InvalidFormat(f"不是18位公民身份号码：{number!r}")
    try:
        return datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise InvalidComponent(f"公民身份号码「{number}」中的出生日期 {number[6:14]} 不是真实日期") from None


def validate(number: str) -> str:
    """The compact number, when it is 18 characters of the form with the right check character and a real
    birth date; else :class:`~cpcinfo.errors.InvalidLength`, :class:`~cpcinfo.errors.InvalidFormat`,
    :class:`~cpcinfo.errors.InvalidChecksum` or :class:`~cpcinfo.errors.InvalidComponent` (in that order
    of questions). The address code is not judged (see the module's text)."""
    number = compact(number)
    if len(number) != 18:
        raise InvalidLength(f"公民身份号码应为18位，「{number}」是{len(number)}位")
    if not FORM.fullmatch(number):
        raise InvalidFormat(f"公民身份号码应为17位数字和一位数字或X：「{number}」")
    right = CHECK_CHARACTERS[int(number[:17], 13) % 11]
    if number[17] != right:
        raise InvalidChecksum(f"公民身份号码「{number}」的校验码错误（应为 {right}）")
    birth_date(number)
    return number


def is_valid(number: object) -> bool:
    """Whether :func:`validate` accepts ``number``; ``False`` for anything else, whatever it is."""
    return accepts(validate, number)


def to_18(number: str) -> str:
    """The 18-character form of a 15-digit first-generation number: ``19`` before the two-digit year, and
    the check character. The digits are kept as they are (an impossible birth date stays impossible:
    :func:`validate` of the result says so); an 18-character number is given back compact.

    Raises :class:`~cpcinfo.errors.InvalidFormat` for anything that is neither 15 digits nor of the
    18-character form.
    """
    number = compact(number)
    if FORM.fullmatch(number):
        return number
    if not FIRST_GENERATION_FORM.fullmatch(number):
        raise InvalidFormat(f"不是15位或18位公民身份号码：「{number}」")
    body = number[:6] + "19" + number[6:]
    return body + CHECK_CHARACTERS[int(body, 13) % 11]
