"""Writing workbooks and CSV (openpyxl, the ``excel`` extra).

openpyxl writes what the correction workbook and the template need — data validation drop-downs, comments,
fills, frozen panes, auto-filters, text number formats — and reads back what it wrote in the tests; xlsxwriter
writes faster but cannot read, and calamine only reads.

Every text that could start a formula (``=``, ``+``, ``-``, ``@``, tab, CR) is written as a text cell with
Excel's quote prefix, so that Excel shows it as text and never evaluates it; in CSV it is written after an
apostrophe, as OWASP recommends.
"""

from __future__ import annotations

import csv
import datetime
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from cpcinfo.checking.waivers import Waiver, waivers_to_json
from cpcinfo.infobase import InfoBase
from cpcinfo.org.roster import Roster
from cpcinfo.tabular._extras import require
from cpcinfo.tabular._layout import (
    CODE_LIKE_KINDS,
    ROSTER_COLUMNS,
    ROSTER_SHEET,
    WAIVER_COLUMNS,
    WAIVER_SHEET,
    SheetLayout,
)
from cpcinfo.tabular._rows import could_be_formula, sheet_rows

TEXT_FORMAT = "@"

_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def cell_text(text: str) -> str:
    """A text as a worksheet can hold it: the control characters XML forbids shown as their control
    pictures (U+2400 …), so a clerk sees where they are.

    >>> cell_text("王\x01芳")
    '王␁芳'
    """
    return _ILLEGAL.sub(lambda m: chr(0x2400 + ord(m.group(0))), text)


def safe_csv(value: Any) -> Any:
    """A value for a CSV cell: a text that could start a formula gets a leading apostrophe."""
    return "'" + value if could_be_formula(value) else value


def put(ws: Any, row: int, column: int, value: Any) -> Any:
    """Write one cell (1-based), a formula-like text as quoted text; returns the cell."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, datetime.datetime | datetime.date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd" if type(value) is datetime.date else "yyyy-mm-dd hh:mm:ss"
        return cell
    if isinstance(value, str):
        value = cell_text(value)
    cell.value = value
    if isinstance(value, str) and (could_be_formula(value) or cell.data_type == "f"):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def _header_style(ws: Any, columns: int) -> None:
    styles = require("openpyxl.styles", "excel")
    bold = styles.Font(bold=True)
    fill = styles.PatternFill("solid", fgColor="DDEBF7")
    for column in range(1, columns + 1):
        cell = ws.cell(row=1, column=column)
        cell.font = bold
        cell.fill = fill
    ws.freeze_panes = "A2"


def write_sheet(ws: Any, headers: Sequence[str], rows: Iterable[Sequence[Any]], *, text_columns: Iterable[int] = (),
                widths: Sequence[int] | None = None) -> None:
    """A plain sheet: a bold frozen header with a filter, then the rows."""
    utils = require("openpyxl.utils", "excel")
    for column, header in enumerate(headers, start=1):
        put(ws, 1, column, header)
    count = 1
    for count, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            if value is not None:
                put(ws, count, column, value)
    for column in text_columns:
        ws.column_dimensions[utils.get_column_letter(column)].number_format = TEXT_FORMAT
        for r in range(2, count + 1):
            cell = ws.cell(row=r, column=column)
            if cell.value is not None and not isinstance(cell.value, int | float | datetime.date):
                cell.number_format = TEXT_FORMAT
    _header_style(ws, len(headers))
    if headers:
        ws.auto_filter.ref = f"A1:{utils.get_column_letter(len(headers))}{max(count, 1)}"
    for column, header in enumerate(headers, start=1):
        width = widths[column - 1] if widths else max(8, min(40, 2 * len(str(header)) + 2))
        ws.column_dimensions[utils.get_column_letter(column)].width = width


def text_columns(layout: SheetLayout) -> list[int]:
    """The 1-based columns formatted as text: codes, keys, organization codes, identity numbers."""
    return [i for i, c in enumerate(layout.columns, start=1) if c.kind in CODE_LIKE_KINDS]


def data_workbook(infobase: InfoBase, *, typed: bool = False, roster: Roster | None = None,
                  waivers: Sequence[Waiver] = ()) -> Any:
    """The database in the 采集表 layout as an openpyxl workbook (every sheet, empty ones too)."""
    openpyxl = require("openpyxl", "excel")
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for layout, rows in sheet_rows(infobase, typed=typed):
        ws = wb.create_sheet(layout.name)
        write_sheet(ws, [c.label for c in layout.columns], rows, text_columns=[] if typed else text_columns(layout))
    if roster is not None:
        ws = wb.create_sheet(ROSTER_SHEET)
        write_sheet(ws, [label for _, label in ROSTER_COLUMNS],
                    ([getattr(e, name) for name, _ in ROSTER_COLUMNS] for e in roster.entries),
                    text_columns=(1, 3, 4))
    if waivers:
        ws = wb.create_sheet(WAIVER_SHEET)
        write_sheet(ws, [label for _, label in WAIVER_COLUMNS],
                    ([w.get(name) for name, _ in WAIVER_COLUMNS] for w in waivers_to_json(waivers)))
    return wb


def write_workbook(infobase: InfoBase, path: str | os.PathLike[str], *, typed: bool = False,
                   roster: Roster | None = None, waivers: Sequence[Waiver] = ()) -> None:
    """Write the database as a 采集表 ``.xlsx`` (text cells, or ``typed`` as a clerk's General cells)."""
    data_workbook(infobase, typed=typed, roster=roster, waivers=waivers).save(os.fspath(path))


def write_csv_folder(infobase: InfoBase, folder: str | os.PathLike[str], *, encoding: str = "utf-8-sig",
                     roster: Roster | None = None) -> list[Path]:
    """Write each sheet of the layout as ``<sheet>.csv`` in ``folder`` (sheets without rows left out,
    except the entities' own). Returns the files written."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for layout, rows in sheet_rows(infobase):
        if not rows and layout.group is not None:
            continue
        written.append(_write_csv(out / f"{layout.name}.csv", [c.label for c in layout.columns], rows, encoding))
    if roster is not None:
        written.append(_write_csv(out / f"{ROSTER_SHEET}.csv", [label for _, label in ROSTER_COLUMNS],
                                  [[getattr(e, n) for n, _ in ROSTER_COLUMNS] for e in roster.entries], encoding))
    return written


def _write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]], encoding: str) -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        for row in rows:
            writer.writerow(["" if v is None else safe_csv(v) for v in row])
    return path
