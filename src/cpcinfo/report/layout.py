"""Layout for plain text: display width, padding, CJK line wrapping, one-line cells and aligned tables.

A terminal gives a Chinese character two columns; every text report, listing (``cpcinfo rules``,
``cpcinfo codes``) and help screen measures and breaks its lines here.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import Final

from cpcinfo.errors import InvalidArgumentError
from cpcinfo.sanitize import one_line


@functools.lru_cache(maxsize=4096)
def char_width(ch: str) -> int:
    """The columns one character takes in a terminal: 2 for East Asian wide and full-width characters
    (``W``, ``F``), 0 for combining marks and invisible format characters, else 1."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    """The columns ``text`` takes in a terminal (Chinese characters count 2).

    >>> display_width("abc"), display_width("党员"), display_width("（M1）")
    (3, 4, 6)
    """
    if text.isascii():
        return len(text)
    return sum(char_width(ch) for ch in text)


def pad(text: str, width: int, *, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` display columns (on the left when ``right``).

    >>> pad("党员", 6) + "|", pad("12", 4, right=True) + "|"
    ('党员  |', '  12|')
    """
    fill = " " * max(0, width - display_width(text))
    return fill + text if right else text + fill


_NO_LINE_START: Final = frozenset("、，。：；！？）」』》〉】,.;:!?)]%")
_NO_LINE_END: Final = frozenset("（「『《〈【([")


_MEASURE_WORDS: Final = frozenset("处条项分人个名年月日")


def _tokens(text: str) -> list[str]:
    """Break opportunities: each space, each wide character, and each run of narrow non-space characters
    (with the measure word that follows a number: 「3处」)."""
    tokens: list[str] = []
    word = ""
    for ch in text:
        if ch in _MEASURE_WORDS and word[-1:].isdigit():  # 「3处」「1分」 stay on one line
            tokens.append(word + ch)
            word = ""
        elif ch.isspace() or char_width(ch) == 2 or ch in _NO_LINE_START or ch in _NO_LINE_END:
            if word:
                tokens.append(word)
                word = ""
            tokens.append(ch)
        else:
            word += ch
    if word:
        tokens.append(word)
    return tokens


def wrap(text: str, width: int) -> list[str]:
    """``text`` broken into lines of at most ``width`` display columns.

    Chinese text breaks between any two characters, except that closing punctuation does not start a line
    and opening punctuation does not end one; a run of narrow characters (a record key, a code, a date)
    is kept whole unless it is wider than the line. Line feeds in ``text`` start a new line.

    >>> wrap("每存在一处未填写、填写错误或不规范的扣1分，扣完为止", 20)
    ['每存在一处未填写、填', '写错误或不规范的扣', '1分，扣完为止']
    >>> wrap("M0001、M0002、M0003", 12)
    ['M0001、', 'M0002、M0003']
    """
    if width < 4:
        raise InvalidArgumentError(f"wrap width must be at least 4, not {width}")
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, width))
    return lines


def _wrap_paragraph(text: str, width: int) -> list[str]:
    if display_width(text) <= width:
        return [text]
    lines: list[list[str]] = []
    line: list[str] = []
    used = 0  # the display width of ``line``

    def flush() -> None:
        nonlocal line, used
        while line and line[-1].isspace():
            line.pop()
        carried: list[str] = []
        while len(line) > 1 and line[-1] in _NO_LINE_END:
            carried.insert(0, line.pop())
        lines.append(line)
        line = carried
        used = sum(display_width(t) for t in line)

    def add(token: str, w: int) -> None:
        nonlocal used
        line.append(token)
        used += w

    def start(token: str, w: int) -> None:
        """Begin a new line with ``token`` (after what the last line carried over, if that still fits)."""
        nonlocal line, used
        flush()
        if line and used + w > width:
            lines.append(line)
            line, used = [], 0
        add(token, w)

    for token in _tokens(text):
        w = display_width(token)
        if token.isspace() and not line and lines:  # a line break swallows the spaces at it
            continue
        if used + w <= width:
            add(token, w)
            continue
        if token.isspace():
            flush()
            continue
        if w > width:  # a narrow run wider than the line: fill the line, then break it by characters
            for ch in token:
                cw = char_width(ch)
                if used + cw > width:
                    start(ch, cw)
                else:
                    add(ch, cw)
            continue
        if (token in _NO_LINE_START and len(line) > 1 and not line[-1].isspace()
                and display_width(line[-1]) + w <= width):
            # closing punctuation does not start a line: it takes the last token of this line along
            moved = line.pop()
            used -= display_width(moved)
            start(moved, display_width(moved))
            if used + w > width:  # what the line carried over leaves no room: break before the token
                start(token, w)
            else:
                add(token, w)
            continue
        start(token, w)
    if line or not lines:
        lines.append(line)
    return ["".join(tokens) for tokens in lines]


printable = one_line
"""``text`` with control characters shown as escapes (``\\t``, ``\\n``, ``\\x07``), for one-line cells."""


def table(rows: list[list[str]], header: list[str]) -> str:
    """Rows aligned in columns by display width (Chinese characters take two columns), under a rule.

    >>> print(table([["MEM102", "性别"]], ["规则", "名称"]))
    规则    名称
    ------  ----
    MEM102  性别
    """
    widths = [max(display_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(pad(cell, w) for cell, w in zip(header, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    return "\n".join(lines)
