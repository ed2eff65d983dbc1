"""Sheets of rows → a database, the roster and the waivers, with the source of every record.

The readers (:mod:`._xlsx`, :mod:`._csv`, :mod:`._frames`) hand over :class:`RawSheet` s — a name, the file, the
header row and the data rows — and this module does the rest once for all of them: it matches the headers
to the layout (Chinese labels, English attribute names, or a column map), normalises each typed value
(:mod:`._normalise`), joins the group sheets to their records by key and builds the document that
:func:`cpcinfo.convert.structure` reads.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from cpcinfo.checking.waivers import Waiver, WaiverError, waivers_from_json
from cpcinfo.codes import default_tables
from cpcinfo.convert import structure
from cpcinfo.entity import Entity
from cpcinfo.errors import CpcinfoError, DocumentError
from cpcinfo.fields import FieldKind, glossary
from cpcinfo.infobase import InfoBase
from cpcinfo.org.roster import Roster, RosterEntry
from cpcinfo.tabular._layout import (
    ENGLISH_SHEETS,
    NOTE_SHEETS,
    ROSTER_COLUMNS,
    ROSTER_SHEET,
    WAIVER_COLUMNS,
    WAIVER_SHEET,
    Column,
    SheetLayout,
    all_sheets,
    sheet_by_name,
)
from cpcinfo.tabular._normalise import normalise
from cpcinfo.tabular._sources import SourceMap, column_letter

ColumnMap = Mapping[str, "str | None"]
"""Header → field path (``basic.id_number``; on a group sheet relative to the subrecord: ``level``), or
``None`` to ignore the column."""


class TabularError(CpcinfoError):
    """A file that is not a 采集表: ``str()`` names the file, the sheet and the row where it can."""

    def __init__(self, file: str, message: str, *, sheet: str | None = None, row: int | None = None) -> None:
        self.file, self.sheet, self.row, self.message = file, sheet, row, message
        where = file
        if sheet is not None:
            where += f"：工作表「{sheet}」"
        if row is not None:
            where += f"第 {row} 行"
        super().__init__(f"{where}：{message}")


@attrs.frozen
class RawSheet:
    """A sheet as a reader found it: the header (row ``header_row``) and the rows below it."""

    name: str
    file: str
    header: Sequence[Any]
    rows: Iterable[Sequence[Any]]
    header_row: int = 1


@attrs.frozen(kw_only=True)
class InputFile:
    """A file read, with the encoding it was read in (``None`` for a workbook)."""

    path: str
    format: str
    encoding: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {"path": self.path, "format": self.format, "encoding": self.encoding}


@attrs.frozen(kw_only=True)
class TabularData:
    """What the sheets held: the database, the roster and waivers if given, where each record came from,
    and how many values of each kind the loader read from their types (``normalised``: (sheet, column
    label, what) → count)."""

    infobase: InfoBase
    sources: SourceMap
    roster: Roster | None = None
    waivers: tuple[Waiver, ...] = ()
    normalised: Mapping[tuple[str, str, str], int] = attrs.field(factory=dict)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


IGNORED = Column("", "", glossary().field(Entity.MEMBER, "id"))
"""The column of a header that the column map ignores."""


def _match_columns(raw: RawSheet, layout: SheetLayout, column_map: ColumnMap) -> list[Column | None]:
    accepted = layout.headers()
    by_path = {c.path: c for c in layout.columns}
    matched: list[Column | None] = []
    seen: dict[str, str] = {}
    for index, cell in enumerate(raw.header):
        header = _text(cell)
        column: Column | None
        if header in column_map:
            target = column_map[header]
            if target is None:
                matched.append(IGNORED)
                continue
            column = by_path.get(target) or accepted.get(target)
            if column is None:
                raise TabularError(raw.file, f"列对照表把「{header}」对应到「{target}」，但本表没有这个字段",
                                   sheet=raw.name, row=raw.header_row)
        elif not header:
            matched.append(None)  # an unheaded column: only allowed when empty (checked row by row)
            continue
        else:
            column = accepted.get(header)
            if column is None:
                near = difflib.get_close_matches(header, [c.label for c in layout.columns], n=1, cutoff=0.4)
                labels = "、".join(c.label for c in layout.columns)
                hint = f"，是否应为「{near[0]}」？" if near else f"；本表的列为：{labels}"
                raise TabularError(raw.file, f"第 {column_letter(index)} 列的表头「{header}」不是本表的字段{hint}",
                                   sheet=raw.name, row=raw.header_row)
        if column.path in seen:
            raise TabularError(raw.file, f"表头「{header}」与「{seen[column.path]}」是同一字段（{column.label}）",
                               sheet=raw.name, row=raw.header_row)
        seen[column.path] = header
        matched.append(column)
    if "" not in seen and layout.columns[0].path not in seen:
        raise TabularError(raw.file, f"缺少第一列「{layout.columns[0].label}」", sheet=raw.name, row=raw.header_row)
    return matched


def _blank(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, float) and value != value)


class RowReader:
    """Reads the rows of one sheet, one at a time: each non-empty row's key value and its other values
    nested by group (``{"basic": {"gender": "1"}, "id": "M1"}``), normalised. The plan of each column —
    where its value goes, whether a plain text needs more than a look — is made once."""

    def __init__(self, raw: RawSheet, columns: list[Column | None], counts: Counter[tuple[str, str, str]],
                 key_path: str) -> None:
        self.raw, self.columns, self.counts, self.key_path = raw, columns, counts, key_path
        self.width = len(columns)
        self.plan: list[tuple[str | None, str, FieldKind, bool, Column] | None] = []
        for column in columns:
            if column is None or column is IGNORED:
                self.plan.append(None)
                continue
            prefix, _, last = column.path.rpartition(".")
            plain = column.kind is not FieldKind.NAMES and column.kind is not FieldKind.CODE
            self.plan.append((prefix or None, last, column.kind, plain, column))

    def read(self, number: int, row: Sequence[Any]) -> tuple[Any, dict[str, Any]] | None:
        """The key and the values of row ``number``, or ``None`` for an empty row."""
        raw, columns, plan, width, counts, key_path = (self.raw, self.columns, self.plan, self.width, self.counts,
                                                       self.key_path)
        nested: dict[str, Any] = {}
        key: Any = None
        found = False
        for index, cell in enumerate(row):
            step = plan[index] if index < width else None
            if step is None:
                if (index >= width or columns[index] is None) and not _blank(cell):
                    raise TabularError(raw.file, f"第 {column_letter(index)} 列没有表头，却填了「{_text(cell)}」",
                                       sheet=raw.name, row=number)
                continue
            group, name, kind, plain, column = step
            if cell.__class__ is str and plain:
                if not cell:
                    continue
                value: Any = cell
            else:
                value, how = normalise(cell, kind)
                if kind is FieldKind.CODE and value.__class__ is str and " " in value:
                    value, how = _picked(value, column, how)
                if how is not None:
                    counts[(raw.name, column.label, how)] += 1
                if value is None:
                    continue
            found = True
            if column.path == key_path:
                key = value
                if not key_path:
                    continue
            if group is None:
                nested[name] = value
            else:
                holder = nested.get(group)
                if holder is None:
                    nested[group] = holder = {}
                holder[name] = value
        return (key, nested) if found else None


def _rows(raw: RawSheet, columns: list[Column | None], counts: Counter[tuple[str, str, str]], key_path: str
          ) -> Iterable[tuple[int, Any, dict[str, Any]]]:
    """Each non-empty row: its number, the value of its key column, and its other values (:class:`RowReader`)."""
    read = RowReader(raw, columns, counts, key_path).read
    for number, row in enumerate(raw.rows, start=raw.header_row + 1):
        found = read(number, row)
        if found is not None:
            yield number, found[0], found[1]


def _picked(value: str, column: Column, how: str | None) -> tuple[str, str | None]:
    """「01 汉族」 as the template's drop-down writes it: the code, when code and label are the table's."""
    code, _, label = value.partition(" ")
    name = column.field.code_table
    tables = default_tables()
    if name is None or name not in tables:
        return value, how
    entry = tables[name].get(code)
    return (code, "picked-from-list") if entry is not None and entry.label == label else (value, how)


def _key_text(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def read_sheets(sheets: Iterable[RawSheet], *, column_map: ColumnMap | None = None, file: str = "") -> TabularData:
    """Read the sheets of a 采集表 (in any order; unknown sheet names are an error naming the known ones)."""
    column_map = dict(column_map or {})
    sources = SourceMap()
    counts: Counter[tuple[str, str, str]] = Counter()
    records: dict[Entity, list[dict[str, Any]]] = {e: [] for e in Entity}
    group_sheets: list[tuple[RawSheet, SheetLayout]] = []
    roster: Roster | None = None
    waivers: tuple[Waiver, ...] = ()
    found_any = False
    for raw in sheets:
        if raw.name.strip() in NOTE_SHEETS:
            continue
        layout = sheet_by_name(raw.name)
        if raw.name.strip() == ROSTER_SHEET:
            roster = _read_roster(raw)
            continue
        if raw.name.strip() == WAIVER_SHEET:
            waivers = _read_waivers(raw)
            continue
        if layout is None:
            raise unknown_sheet(raw.file, raw.name)
        found_any = True
        if layout.group is not None:
            group_sheets.append((raw, layout))
            continue
        columns = _match_columns(raw, layout, column_map)
        sheet_index = sources.add_sheet(raw.name, raw.file, _positions(columns, key_path=layout.columns[0].path))
        key_path = layout.columns[0].path
        mine = records[layout.entity]
        add_record = sources.add_record
        for number, key, values in _rows(raw, columns, counts, key_path):
            add_record(layout.entity, _key_text(key), sheet_index, number)
            mine.append(values)
    if not found_any:
        raise no_data_sheet(file)
    for raw, layout in group_sheets:
        _join_group(raw, layout, column_map, records[layout.entity], sources, counts)
    document = {ENGLISH_SHEETS[e]: records[e] for e in Entity}
    try:
        infobase = structure(document, keys="en")
    except DocumentError as exc:  # the normalised values are scalars: a bug if it happens, named anyway
        raise TabularError(file, str(exc)) from None
    return TabularData(infobase=infobase, sources=sources, roster=roster, waivers=waivers, normalised=dict(counts))


def unknown_sheet(file: str, name: str) -> TabularError:
    """The error for a sheet whose name is none of the layout's, naming the nearest."""
    known = "、".join([s.name for s in all_sheets()] + [ROSTER_SHEET, WAIVER_SHEET])
    near = difflib.get_close_matches(name, [s.name for s in all_sheets()], n=1, cutoff=0.4)
    hint = f"是否应为「{near[0]}」？" if near else f"可用的工作表：{known}"
    return TabularError(file, f"不是采集表的工作表；{hint}", sheet=name)


def no_data_sheet(file: str) -> TabularError:
    """The error for a workbook or folder without any sheet of data."""
    known = "、".join(s.name for s in all_sheets() if s.group is None)
    return TabularError(file, f"没有采集表的工作表（应有 {known} 中的至少一张）")


def _positions(columns: Sequence[Column | None], *, key_path: str) -> dict[str, int]:
    out = {c.path: i for i, c in enumerate(columns) if c is not None and c is not IGNORED}
    if key_path in out:
        out[""] = out[key_path]
    return out


def _join_group(raw: RawSheet, layout: SheetLayout, column_map: ColumnMap, owners: list[dict[str, Any]],
                sources: SourceMap, counts: Counter[tuple[str, str, str]]) -> None:
    entity, group = layout.entity, layout.group
    assert group is not None
    columns = _match_columns(raw, layout, column_map)
    sheet_index = sources.add_sheet(raw.name, raw.file, _positions(columns, key_path=""))
    keys = sources.keys.get(entity, {})
    owner_label = layout.columns[0].label
    for number, raw_key, values in _rows(raw, columns, counts, ""):
        key = _key_text(raw_key)
        if key is None:
            raise TabularError(raw.file, f"「{owner_label}」未填写，不知道这一行属于哪条记录",
                               sheet=raw.name, row=number)
        position = keys.get(key)
        if position is None:
            raise TabularError(raw.file, f"{owner_label}「{key}」在「{entity.label}」表中没有记录",
                               sheet=raw.name, row=number)
        if not values:
            continue
        owners[position].setdefault(group, []).append(values)
        sources.groups.setdefault((entity, position, group), []).append((sheet_index, number))


def _plain_rows(raw: RawSheet, names: Sequence[tuple[str, str]]) -> list[tuple[int, dict[str, Any]]]:
    accepted = {label: name for name, label in names} | {name: name for name, _ in names}
    fields: list[str | None] = []
    for index, cell in enumerate(raw.header):
        header = _text(cell)
        if not header:
            fields.append(None)
            continue
        if header not in accepted:
            near = difflib.get_close_matches(header, [label for _, label in names], n=1, cutoff=0.4)
            hint = f"，是否应为「{near[0]}」？" if near else f"；可用的列：{'、'.join(label for _, label in names)}"
            raise TabularError(raw.file, f"第 {column_letter(index)} 列的表头「{header}」不是本表的字段{hint}",
                               sheet=raw.name, row=raw.header_row)
        fields.append(accepted[header])
    out = []
    for number, row in enumerate(raw.rows, start=raw.header_row + 1):
        values = {}
        for index, cell in enumerate(row):
            name = fields[index] if index < len(fields) else None
            if name is not None and not _blank(cell):
                values[name] = normalise(cell, _CODE)[0]
        if values:
            out.append((number, values))
    return out


def _read_roster(raw: RawSheet) -> Roster | None:
    entries = []
    for number, values in _plain_rows(raw, ROSTER_COLUMNS):
        try:
            entries.append(RosterEntry(**values))
        except (TypeError, ValueError) as exc:
            raise TabularError(raw.file, f"党组织名单这一行无法读取：{exc}", sheet=raw.name, row=number) from None
    if not entries:
        return None  # an empty roster sheet means no roster
    try:
        return Roster(entries)
    except ValueError as exc:
        raise TabularError(raw.file, str(exc), sheet=raw.name) from None


def _read_waivers(raw: RawSheet) -> tuple[Waiver, ...]:
    out: list[Waiver] = []
    for number, values in _plain_rows(raw, WAIVER_COLUMNS):
        try:
            out += waivers_from_json([values])
        except WaiverError as exc:
            raise TabularError(raw.file, str(exc).removeprefix("第1条豁免："), sheet=raw.name, row=number) from None
    return tuple(out)


_CODE = glossary().field(Entity.ORGANIZATION, "basic.code").kind
