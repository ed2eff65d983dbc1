"""``cpcinfo template 采集表.xlsx``: the empty 采集表, generated from the glossary and the code tables.

Every sheet of the layout with its headers, a 填写说明 sheet (every column: what it holds, its code table),
the code, key and identity columns formatted as text (Excel keeps their leading zeros), and a drop-down on
every code column listing 「01 汉族」-style entries of the code tables in use (kept on a hidden 代码表 sheet;
a value not in the list is warned about, not refused, since historical codes are valid). Flags get 是/否.
"""

from __future__ import annotations

import os
from typing import Any

from cpcinfo.codes import CodeTables, default_tables
from cpcinfo.fields import FieldKind
from cpcinfo.tabular._describe import GENERAL_NOTES, column_notes, offered, pick_text
from cpcinfo.tabular._extras import require
from cpcinfo.tabular._layout import (
    CODE_LIKE_KINDS,
    CODE_TABLE_SHEET,
    INSTRUCTIONS_SHEET,
    ROSTER_COLUMNS,
    ROSTER_SHEET,
    WAIVER_COLUMNS,
    WAIVER_SHEET,
    all_sheets,
)
from cpcinfo.tabular._write import TEXT_FORMAT, put, write_sheet

TEMPLATE_ROWS = 20_000
"""How many rows of each sheet carry the text format and the drop-downs."""


def template_workbook(tables: CodeTables | None = None, *, rows: int = TEMPLATE_ROWS) -> Any:
    """The empty 采集表 as an openpyxl workbook."""
    openpyxl = require("openpyxl", "excel")
    validation = require("openpyxl.worksheet.datavalidation", "excel")
    utils = require("openpyxl.utils", "excel")
    tables = tables or default_tables()
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = INSTRUCTIONS_SHEET
    lists = wb.create_sheet(CODE_TABLE_SHEET)
    list_ranges: dict[str, str] = {}
    used = sorted({name for s in all_sheets() for c in s.columns
                   if c.kind is FieldKind.CODE and (name := c.field.code_table) is not None and name in tables})
    for index, name in enumerate(used, start=1):
        table = tables[name]
        letter = utils.get_column_letter(index)
        put(lists, 1, index, table.title)
        codes = offered(table)
        for row, code in enumerate(codes, start=2):
            put(lists, row, index, pick_text(table, code))
        list_ranges[name] = f"'{CODE_TABLE_SHEET}'!${letter}$2:${letter}${len(codes) + 1}"
    lists.sheet_state = "hidden"
    for sheet in all_sheets():
        ws = wb.create_sheet(sheet.name)
        write_sheet(ws, [c.label for c in sheet.columns], [])
        for index, column in enumerate(sheet.columns, start=1):
            letter = utils.get_column_letter(index)
            cells = f"{letter}2:{letter}{rows + 1}"
            if column.kind in CODE_LIKE_KINDS:  # the column's style: every cell typed in later is text
                ws.column_dimensions[letter].number_format = TEXT_FORMAT
            source = list_ranges.get(column.field.code_table or "") if column.kind is FieldKind.CODE else None
            if column.kind is FieldKind.FLAG:
                source = '"是,否"'
            if source is not None:
                dv = validation.DataValidation(type="list", formula1=source, allow_blank=True, errorStyle="warning",
                                               error=f"「{column.label}」应从列表中选择", errorTitle="不在代码表中",
                                               prompt=f"从列表中选择{column.label}", showDropDown=False)
                dv.showErrorMessage = True
                dv.add(cells)
                ws.add_data_validation(dv)
    for title, names in ((ROSTER_SHEET, ROSTER_COLUMNS), (WAIVER_SHEET, WAIVER_COLUMNS)):
        write_sheet(wb.create_sheet(title), [label for _, label in names], [], text_columns=(1,))
    _instructions(notes, tables)
    return wb


def _instructions(ws: Any, tables: CodeTables) -> None:
    styles = require("openpyxl.styles", "excel")
    put(ws, 1, 1, "党员信息库采集表填写说明").font = styles.Font(bold=True, size=14)
    row = 2
    for line in GENERAL_NOTES:
        put(ws, row, 1, line)
        row += 1
    row += 1
    headers = ["工作表", "列（表头）", "英文属性名", "填写内容", "代码表", "必填"]
    for column, header in enumerate(headers, start=1):
        put(ws, row, column, header).font = styles.Font(bold=True)
    for note in column_notes(tables):
        row += 1
        for column, value in enumerate((note.sheet, note.header, note.path, note.kind, note.table, note.required),
                                       start=1):
            put(ws, row, column, value)
    for letter, width in zip("ABCDEF", (22, 24, 22, 48, 40, 8), strict=True):
        ws.column_dimensions[letter].width = width


def template_bytes(tables: CodeTables | None = None) -> bytes:
    """The empty 采集表 as ``.xlsx`` bytes."""
    from cpcinfo.tabular.correction import workbook_bytes

    return workbook_bytes(template_workbook(tables))


def write_template(path: str | os.PathLike[str], tables: CodeTables | None = None) -> None:
    """Write the empty 采集表 to ``path``."""
    template_workbook(tables).save(os.fspath(path))
