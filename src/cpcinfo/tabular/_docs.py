"""``docs/input.md`` and ``docs/input.schema.json``, generated from the glossary and the code tables
(``python -m cpcinfo.reference docs``; a test holds the committed files equal to what this generates)."""

from __future__ import annotations

import json
from typing import Any

from cpcinfo.codes import default_tables
from cpcinfo.entity import Entity
from cpcinfo.fields import Field, FieldKind, glossary
from cpcinfo.tabular._describe import GENERAL_NOTES, KIND_TEXT, column_notes
from cpcinfo.tabular._layout import (
    ENGLISH_SHEETS,
    MENTOR_SEPARATOR,
    ROSTER_COLUMNS,
    ROSTER_SHEET,
    WAIVER_COLUMNS,
    WAIVER_SHEET,
)

SCHEMA_ID = "https://cpcinfo.invalid/schema/input.schema.json"


def input_markdown() -> str:
    """docs/input.md: the JSON document and the 采集表 layout, every column."""
    tables = default_tables()
    out = [
        "# 输入格式 (Input formats)", "",
        "Generated from the glossary and the code tables by `python -m cpcinfo.reference docs` — do not edit by "
        "hand. `cpcinfo audit` and `cpcinfo check` read a JSON document (`.json`), a 采集表 workbook (`.xlsx`), "
        "a CSV file named after its sheet (`党员.csv`) or a folder of such files; the JSON document is described "
        "by [`input.schema.json`](input.schema.json). A small clean unit in both forms is in `examples/`.", "",
        "## JSON", "",
        "One object with a list per entity: `organizations`/`党组织`, `members`/`党员`, `applicants`/`申请入党人`. "
        "A record holds its record-level fields and its groups; a group is an object of fields, a repeated group "
        "a list of them; 培养人 is a list of names. Keys are either the English attribute names or the Chinese "
        "labels below (one language per document). Dates are `YYYY-MM-DD`; flags `true`/`false` or 是/否. "
        "`NaN` and `Infinity` are not JSON.", "",
        "## 采集表 (workbook and CSV)", "",
    ]
    out += [f"- {note}" for note in GENERAL_NOTES]
    out += ["", f"- 培养人 is one cell, names joined by 「{MENTOR_SEPARATOR}」.",
            "- What the loader reads from a cell's type: a date cell (or a datetime at midnight) is a date; a "
            "time of day is kept and reported; an empty cell, `NaN` or `NaT` is 未填写; a number in a code, key "
            "or text column is the text of the integer (a code that lost its leading zero, 民族 `1`, is then "
            "不规范 with `01` suggested); a number in a date column is kept, and its finding suggests the date "
            "if it is an Excel serial.",
            "- CSV encodings: a byte-order mark, else UTF-8, else GB18030 (GBK); `--encoding` overrides.",
            "- A big 采集表 is read row by row: `cpcinfo check` streams a workbook over 16 MiB and a CSV file or "
            "folder over 24 MiB in all (about 100,000 members, as a JSON document over 64 MiB). The "
            "organizations are read first, then the applicants and the members one row at a time; each group "
            "sheet (党员-学历学位信息 …) is read in a "
            "first pass that keeps its rows, as tuples of values, under their owner's key until the owner's row "
            "comes. The findings, their cells and the errors are those of the whole read; only the correction "
            "workbook (`--format xlsx`) then lists the findings without copying the rows.", ""]
    sheet = None
    for note in column_notes(tables):
        if note.sheet != sheet:
            sheet = note.sheet
            out += ["", f"### {sheet}", "", "| 列（表头） | 英文属性名 | 填写内容 | 代码表 | 必填 |",
                    "|---|---|---|---|---|"]
        out.append(f"| {note.header} | `{note.path}` | {note.kind} | {note.table or '—'} | {note.required} |")
    for title, names in ((ROSTER_SHEET, ROSTER_COLUMNS), (WAIVER_SHEET, WAIVER_COLUMNS)):
        out += ["", f"### {title}（可选）", "", "| 列（表头） | 英文名 |", "|---|---|"]
        out += [f"| {label} | `{name}` |" for name, label in names]
    return "\n".join(out) + "\n"


def _value_schema(field: Field) -> dict[str, Any]:
    kind = field.kind
    if kind is FieldKind.DATE:
        schema: dict[str, Any] = {"type": ["string", "null"], "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    elif kind is FieldKind.FLAG:
        schema = {"type": ["boolean", "string", "null"], "enum": [True, False, "是", "否", None]}
    elif kind is FieldKind.NAMES:
        schema = {"type": ["array", "null"], "items": {"type": "string"}}
    else:
        schema = {"type": ["string", "null"]}
    description = KIND_TEXT[kind]
    if field.code_table is not None:
        table = default_tables()[field.code_table]
        description += f"；代码表 {table.name}（{table.title}，{table.standard}）"
    schema["description"] = f"{field.label}：{description}"
    return schema


def _both(names: dict[str, tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """Properties under the attribute name and the Chinese label alike."""
    out: dict[str, Any] = {}
    for name, (label, schema) in names.items():
        out[name] = schema
        out[label] = schema
    return out


def input_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of the JSON document, in either key language; unknown keys are allowed
    (they are kept and reported, not refused)."""
    g = glossary()
    defs: dict[str, Any] = {}
    top: dict[str, tuple[str, dict[str, Any]]] = {}
    for entity in Entity:
        record: dict[str, tuple[str, dict[str, Any]]] = {}
        for field in g.record_fields(entity):
            record[field.name] = (field.label, _value_schema(field))
        for group in g.groups(entity):
            fields = {f.name: (f.label, _value_schema(f)) for f in group.fields}
            name = f"{ENGLISH_SHEETS[entity]}.{group.name}"
            defs[name] = {"type": "object", "title": f"{entity.label}·{group.label}", "properties": _both(fields)}
            ref = {"$ref": f"#/$defs/{name}"}
            record[group.name] = (group.label, {"type": "array", "items": ref} if group.repeated
                                  else {"anyOf": [ref, {"type": "null"}]})
        defs[ENGLISH_SHEETS[entity]] = {"type": "object", "title": entity.label, "properties": _both(record)}
        top[ENGLISH_SHEETS[entity]] = (entity.label, {"type": "array",
                                                      "items": {"$ref": f"#/$defs/{ENGLISH_SHEETS[entity]}"}})
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "title": "党员信息库 (cpcinfo input document)",
            "description": "Generated from the glossary by `python -m cpcinfo.reference docs`.",
            "type": "object", "properties": _both(top), "$defs": defs}


def input_schema_json() -> str:
    return json.dumps(input_schema(), ensure_ascii=False, indent=2) + "\n"
