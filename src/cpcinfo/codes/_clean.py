"""Folding of hand-typed values before a second lookup.

Values typed into 系统2005 and exported to spreadsheets carry full-width digits and letters
(``０１``), ideographic spaces (U+3000), ordinary and non-breaking spaces and, from copy and paste,
zero-width characters. :func:`clean` removes that noise so that a value can be matched once more;
a match found only after cleaning is reported as such (``Match.CODE_UNCLEAN`` / ``Match.ALIAS``),
because the validation layer reports it as 不规范.
"""

from __future__ import annotations

__all__ = ["clean", "clean_code"]

# Full-width ASCII variants U+FF01..U+FF5E map to U+0021..U+007E.
_FOLD: dict[int, int | None] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
# Zero-width characters are not whitespace for str.split() but are just as invisible.
_FOLD.update({cp: None for cp in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF)})


def clean(value: str) -> str:
    """Fold full-width ASCII to ASCII and remove all whitespace.

    >>> clean(" ０１\\u3000")
    '01'
    >>> clean("县（市、区、旗）")
    '县(市、区、旗)'
    """
    return "".join(value.translate(_FOLD).split())


def clean_code(value: str) -> str:
    """:func:`clean`, then upper-case letters: the form codes are compared in.

    >>> clean_code(" ００１ａ")
    '001A'
    """
    return clean(value).upper()
