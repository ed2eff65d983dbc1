"""What each column of the layout holds, in words, for the template's 填写说明 and ``docs/input.md``
(generated from the glossary and the code tables: one source of truth)."""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from cpcinfo.codes import CodeTable, CodeTables, default_tables
from cpcinfo.fields import FieldKind
from cpcinfo.tabular._layout import MENTOR_SEPARATOR, Column, SheetLayout, all_sheets

KIND_TEXT = {
    FieldKind.TEXT: "文本",
    FieldKind.CODE: "代码：从下拉列表选择，或填写代码本身（文本，保留开头的 0）",
    FieldKind.DATE: "日期：日期单元格，或文本 YYYY-MM-DD",
    FieldKind.FLAG: "是 / 否",
    FieldKind.ORG_CODE: "党组织代码（文本，保留开头的 0）",
    FieldKind.KEY: "人员编号（文本）",
    FieldKind.ID_NUMBER: "18 位公民身份号码（文本，可不填）",
    FieldKind.NAMES: f"姓名，多人用「{MENTOR_SEPARATOR}」分隔",
}

GENERAL_NOTES = (
    "每个工作表的第一行是表头，不要改动；每条记录一行。表头也可以用英文属性名（如 basic.gender）。",
    "「党组织」「党员」「申请入党人」三张表各有一条记录一行；学历、奖惩、班子成员等可有多条的信息，"
    "在各自的工作表（如「党员-学历学位信息」）中一条一行，第一列填所属记录的党组织代码或人员编号。",
    "代码列已设为文本格式并带下拉列表；选择「01 汉族」这样的项，读取时按代码 01 处理。",
    "日期用日期单元格或 YYYY-MM-DD 文本；不要填写时间。",
    "一个信息组（如流动党员）的各列都空着，表示没有这项信息。",
    "「实际党组织名单」和「豁免」两张表可选；名单表为空表示没有提供名单。",
)


@attrs.frozen
class ColumnNote:
    sheet: str
    header: str
    path: str
    kind: str
    table: str
    required: str


def pick_text(table: CodeTable, code: str) -> str:
    """How a drop-down shows an entry: 「01 汉族」."""
    entry = table.get(code)
    return f"{code} {entry.label}" if entry is not None else code


def offered(table: CodeTable) -> list[str]:
    """The codes a drop-down offers: the entries a record may hold (the leaves where the table wants one),
    current ones only (historical codes are still read, but not offered)."""
    return [e.code for e in table.entries
            if (not table.leaf_required or table.is_leaf(e.code)) and e.valid_to is None]


def column_notes(tables: CodeTables | None = None) -> Iterator[ColumnNote]:
    """One note per column of every sheet of the layout."""
    tables = tables or default_tables()
    for sheet in all_sheets():
        for column in sheet.columns:
            yield _note(sheet, column, tables)


def _note(sheet: SheetLayout, column: Column, tables: CodeTables) -> ColumnNote:
    field = column.field
    table = ""
    if field.code_table is not None and field.code_table in tables:
        t = tables[field.code_table]
        table = f"{t.title}（{t.standard}）"
    if column is sheet.columns[0]:
        required = "键"
    elif field.name == "parent":
        required = "顶层党组织不填"
    else:
        required = "选填" if field.scope.value == "extra" else "必填"
    path = column.path or f"（所属记录的{column.label}）"
    return ColumnNote(sheet=sheet.name, header=column.label, path=path, kind=KIND_TEXT[field.kind], table=table,
                      required=required)
