"""A plain aligned table for listings (``cpcinfo rules``, ``cpcinfo codes``), aligned by display width."""

from __future__ import annotations

from cpcinfo.report._common import display_width, pad


def table(rows: list[list[str]], header: list[str]) -> str:
    """Rows aligned in columns by display width (Chinese characters take two columns), under a rule."""
    widths = [max(display_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(pad(cell, w) for cell, w in zip(header, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    return "\n".join(lines)
