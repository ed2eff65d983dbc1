"""Terminal text: Chinese characters take two columns, so alignment is by display width, not length."""

from __future__ import annotations

import unicodedata


def display_width(text: str) -> int:
    """Columns the text takes in a terminal: wide and full-width characters count two.

    >>> display_width("党支部"), display_width("ab"), display_width("党a")
    (6, 2, 3)
    """
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def pad(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` display columns."""
    return text + " " * max(0, width - display_width(text))


def table(rows: list[list[str]], header: list[str]) -> str:
    """Rows aligned in columns by display width, with a rule under the header."""
    widths = [max(display_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(pad(cell, w) for cell, w in zip(header, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    return "\n".join(lines)
