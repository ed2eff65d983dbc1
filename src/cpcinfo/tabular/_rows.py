"""A database as the rows of the layout's sheets (the inverse of :mod:`._read`), for the writers."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from cpcinfo.convert import unstructure
from cpcinfo.entity import Entity
from cpcinfo.fields import FieldKind
from cpcinfo.infobase import InfoBase
from cpcinfo.tabular._layout import ENGLISH_SHEETS, MENTOR_SEPARATOR, SheetLayout, all_sheets

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet read a text cell as a formula."""


def could_be_formula(value: object) -> bool:
    """Whether a text would be taken for a formula by Excel.

    >>> could_be_formula("=HYPERLINK(1)"), could_be_formula("-1"), could_be_formula("王芳")
    (True, True, False)
    """
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def _cell(value: Any, typed: bool, kind_is_date: bool, kind_is_code: bool = False) -> Any:
    if isinstance(value, bool) and not typed:
        return "是" if value else "否"
    if isinstance(value, list):
        return MENTOR_SEPARATOR.join(str(v) for v in value)
    if typed and kind_is_date and isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value
    if typed and kind_is_code and isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)  # what Excel makes of a code typed into a General column
    return value


def sheet_rows(infobase: InfoBase, *, typed: bool = False) -> Iterator[tuple[SheetLayout, list[list[Any]]]]:
    """Each sheet of the layout with its data rows (no header). ``typed`` writes what a spreadsheet would
    hold after a clerk typed the values into General cells: dates as dates, digit codes of the code tables
    as numbers (keys and organization codes stay text, as the template formats them)."""
    document = unstructure(infobase, keys="en")
    for layout in all_sheets():
        records = document[ENGLISH_SHEETS[layout.entity]]
        rows: list[list[Any]] = []
        dates = [c.kind is FieldKind.DATE for c in layout.columns]
        codes = [c.kind is FieldKind.CODE for c in layout.columns]
        for record in records:
            if layout.group is None:
                row = []
                for column, is_date, is_code in zip(layout.columns, dates, codes, strict=True):
                    group, _, name = column.path.rpartition(".")
                    holder = record.get(group) if group else record
                    value = holder.get(name) if isinstance(holder, dict) else None
                    row.append(_cell(value, typed, is_date, is_code))
                rows.append(row)
                continue
            key = record.get("basic", {}).get("code") if layout.entity is Entity.ORGANIZATION else record.get("id")
            for sub in record.get(layout.group) or ():
                row = [_cell(key, typed, False)]
                row += [_cell(sub.get(c.path), typed, d, k)
                        for c, d, k in zip(layout.columns[1:], dates[1:], codes[1:], strict=True)]
                rows.append(row)
        yield layout, rows
