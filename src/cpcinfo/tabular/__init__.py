"""Real data in and out: the 采集表 workbook, CSV, pandas DataFrames, and findings as a table.

The edge of cpcinfo for tabular data (the core does no I/O). The layout is generated from the glossary
(:mod:`._layout`); the readers hand sheets of rows to one builder (:mod:`._read`) that normalises the typed
values once (:mod:`._normalise`) and remembers the row of every record and the column of every field
(:mod:`._sources`), so that every finding can name its cell (``党员!F17``).

Reading ``.xlsx`` needs the ``excel`` extra (python-calamine; writing uses openpyxl), DataFrames the
``pandas`` extra; CSV needs nothing. :func:`cpcinfo.io.load_database` picks the reader by the path.
:func:`workbook_stream` and :func:`csv_stream` read the same files one row at a time for the streaming check
(:func:`cpcinfo.stream.open_source`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cpcinfo.tabular._database import Database, JsonSources
from cpcinfo.tabular._docs import input_markdown, input_schema_json
from cpcinfo.tabular._extras import MissingExtra, require
from cpcinfo.tabular._layout import (
    INSTRUCTIONS_SHEET,
    MENTOR_SEPARATOR,
    ROSTER_SHEET,
    WAIVER_SHEET,
    Column,
    SheetLayout,
    all_sheets,
    group_sheet_layout,
    sheet_layout,
)
from cpcinfo.tabular._normalise import normalise
from cpcinfo.tabular._read import ColumnMap, InputFile, RawSheet, TabularData, TabularError, read_sheets
from cpcinfo.tabular._sources import CompactSourceMap, Location, SourceMap, column_letter
from cpcinfo.tabular._stream import TabularStream, csv_stream, workbook_stream
from cpcinfo.tabular._table import FINDINGS_COLUMNS, branch_of, findings_csv, findings_frame, findings_table
from cpcinfo.tabular._write import write_sheet

__all__ = [
    "FINDINGS_COLUMNS",
    "INSTRUCTIONS_SHEET",
    "MENTOR_SEPARATOR",
    "ROSTER_SHEET",
    "WAIVER_SHEET",
    "Column",
    "ColumnMap",
    "CompactSourceMap",
    "Database",
    "InputFile",
    "JsonSources",
    "Location",
    "MissingExtra",
    "RawSheet",
    "SheetLayout",
    "SourceMap",
    "TabularData",
    "TabularError",
    "TabularStream",
    "all_sheets",
    "branch_of",
    "column_letter",
    "csv_stream",
    "findings_csv",
    "findings_frame",
    "findings_table",
    "from_frames",
    "group_sheet_layout",
    "input_markdown",
    "input_schema_json",
    "normalise",
    "read_csv",
    "read_sheets",
    "read_workbook",
    "require",
    "sheet_layout",
    "workbook_stream",
    "write_sheet",
]


def _database(data: TabularData, inputs: tuple[InputFile, ...]) -> Database:
    return Database(infobase=data.infobase, inputs=inputs, sources=data.sources, roster=data.roster,
                    waivers=data.waivers, normalised=data.normalised)


def read_workbook(path: str | os.PathLike[str], *, column_map: ColumnMap | None = None) -> Database:
    """A 采集表 workbook (``.xlsx``). Raises :class:`TabularError` naming the file, sheet and row."""
    from cpcinfo.tabular._xlsx import read_xlsx

    data = read_sheets(read_xlsx(path), column_map=column_map, file=str(path))
    return _database(data, (InputFile(path=str(path), format="xlsx"),))


def read_csv(path: str | os.PathLike[str], *, encoding: str | None = None,
             column_map: ColumnMap | None = None) -> Database:
    """One CSV file (its name is its sheet's: ``党员.csv``) or a folder of them; the encoding of each file
    is detected unless given, and named in :attr:`Database.inputs`."""
    from cpcinfo.tabular._csv import read_csv_file, read_csv_folder

    if Path(path).is_dir():
        pairs = list(read_csv_folder(path, encoding=encoding))
    else:
        pairs = [read_csv_file(path, encoding=encoding)]
    data = read_sheets((sheet for sheet, _ in pairs), column_map=column_map, file=str(path))
    return _database(data, tuple(f for _, f in pairs))


def from_frames(frames: Mapping[str, Any], *, column_map: ColumnMap | None = None) -> Database:
    """pandas DataFrames, one per sheet of the layout (``{"党员": members, "党员-学历学位信息": education}``),
    read exactly like a workbook: pandas' ``NaN``/``NaT``, integer codes and ``Timestamp`` s are normalised."""
    from cpcinfo.tabular._frames import frame_sheets

    data = read_sheets(frame_sheets(frames), column_map=column_map, file="<DataFrame>")
    return _database(data, tuple(InputFile(path=f"<DataFrame>[{name}]", format="dataframe") for name in frames))
