"""Where each record and value came from: a file, a sheet, a row and a column (``党员!F17``).

A :class:`SourceMap` is carried beside the database (not copied into each finding): a finding names its
entity, record key and field path, and :meth:`SourceMap.locate` turns those into a :class:`Location`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import attrs

from cpcinfo.entity import Entity
from cpcinfo.findings import Finding


def column_letter(index: int) -> str:
    """The spreadsheet letters of a 0-based column index.

    >>> column_letter(0), column_letter(25), column_letter(26), column_letter(701)
    ('A', 'Z', 'AA', 'ZZ')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _quoted_sheet(name: str) -> str:
    return name if re.fullmatch(r"[\w\u3400-\u9fff-]+", name) and "-" not in name else f"'{name}'"


@attrs.frozen(kw_only=True)
class Location:
    """Where a finding is: the file, and a sheet, row (1-based) and column letter for a workbook or a CSV,
    or the JSON path for a JSON document."""

    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    path: str | None = None

    @property
    def cell(self) -> str:
        """「党员!F17」 (the sheet quoted as Excel does when it has a hyphen), 「党员!17」 for a whole row, or the
        JSON path."""
        if self.sheet is None:
            return self.path or ""
        where = f"{self.column or ''}{self.row or ''}"
        return f"{_quoted_sheet(self.sheet)}!{where}"

    def to_dict(self) -> dict[str, object]:
        return {"file": self.file, "sheet": self.sheet, "row": self.row, "column": self.column,
                "path": self.path, "cell": self.cell}


@attrs.define
class SheetSource:
    """One sheet as read: its name, the file it is in, and the column of each field path."""

    name: str
    file: str
    columns: dict[str, int]


_SUBRECORD = re.compile(r"([a-z_]+)\[(\d+)\](?:\.([a-z_]+))?")


@attrs.define
class SourceMap:
    """The rows of every record read from sheets, and the column of every field.

    ``records[entity]`` lists, for each record in the order read, ``(sheet index, row)``; ``groups`` maps
    ``(entity, record position, group)`` to the rows of its subrecords in order.
    """

    sheets: list[SheetSource] = attrs.field(factory=list)
    records: dict[Entity, list[tuple[int, int]]] = attrs.field(factory=dict)
    keys: dict[Entity, dict[str, int]] = attrs.field(factory=dict)
    groups: dict[tuple[Entity, int, str], list[tuple[int, int]]] = attrs.field(factory=dict)

    def add_sheet(self, name: str, file: str, columns: Mapping[str, int]) -> int:
        self.sheets.append(SheetSource(name, file, dict(columns)))
        return len(self.sheets) - 1

    def add_record(self, entity: Entity, key: str | None, sheet: int, row: int) -> int:
        rows = self.records.setdefault(entity, [])
        rows.append((sheet, row))
        if key is not None:
            self.keys.setdefault(entity, {}).setdefault(key, len(rows) - 1)
        return len(rows) - 1

    def position(self, entity: Entity, key: str | None) -> int | None:
        """The 0-based position of the record a finding names (its key, or ``#n``)."""
        if key is None:
            return None
        found = self.keys.get(entity, {}).get(key)
        if found is not None:
            return found
        if key.startswith("#") and key[1:].isdigit():
            return int(key[1:]) - 1
        return None

    def locate(self, entity: Entity, key: str | None, field: str) -> Location | None:
        """The cell of a record's field, the record's key cell for a finding on the whole record, or
        ``None`` for a record not read from a sheet."""
        position = self.position(entity, key)
        rows = self.records.get(entity, [])
        if position is None or not 0 <= position < len(rows):
            return None
        sheet_index, row = rows[position]
        path = field
        match = _SUBRECORD.fullmatch(field)
        if match is not None:
            group, index, name = match.group(1), int(match.group(2)), match.group(3)
            sub_rows = self.groups.get((entity, position, group), [])
            if index < len(sub_rows):
                sheet_index, row = sub_rows[index]
                path = name or ""
        sheet = self.sheets[sheet_index]
        column = sheet.columns.get(path)
        if column is None:
            column = sheet.columns.get(path.split("[", 1)[0])
        if column is None:
            column = sheet.columns.get("")  # the key column
        return Location(file=sheet.file, sheet=sheet.name, row=row,
                        column=column_letter(column) if column is not None else None)

    def locate_finding(self, finding: Finding) -> Location | None:
        return self.locate(finding.entity, finding.key, finding.field)


def locate_all(sources: SourceMap | None, findings: Sequence[Finding]) -> list[Location | None]:
    """The location of each finding (``None`` where unknown)."""
    if sources is None:
        return [None] * len(findings)
    return [sources.locate_finding(f) for f in findings]
