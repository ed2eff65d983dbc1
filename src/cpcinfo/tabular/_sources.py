"""Where each record and value came from: a file, a sheet, a row and a column (``党员!F17``).

A :class:`SourceMap` is carried beside the database (not copied into each finding): a finding names its
entity, record key and field path, and :meth:`SourceMap.locate` turns those into a :class:`Location`.
"""

from __future__ import annotations

import bisect
import re
from array import array
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


class _Locating:
    """How a finding's record, subrecord and field become a cell, whatever holds the rows: the record by
    its key (the first record with it) or by ``#n``; a subrecord by its group's rows; the field's column,
    else the key column."""

    sheets: list[SheetSource]

    def _position_of_key(self, entity: Entity, key: str) -> int | None:
        raise NotImplementedError

    def _record_row(self, entity: Entity, position: int) -> tuple[int, int] | None:
        raise NotImplementedError

    def _subrecord_row(self, entity: Entity, position: int, group: str, index: int) -> tuple[int, int] | None:
        raise NotImplementedError

    def position(self, entity: Entity, key: str | None) -> int | None:
        """The 0-based position of the record a finding names (its key, or ``#n``)."""
        if key is None:
            return None
        found = self._position_of_key(entity, key)
        if found is not None:
            return found
        if key.startswith("#") and key[1:].isdigit():
            return int(key[1:]) - 1
        return None

    def locate(self, entity: Entity, key: str | None, field: str) -> Location | None:
        """The cell of a record's field, the record's key cell for a finding on the whole record, or
        ``None`` for a record not read from a sheet."""
        position = self.position(entity, key)
        found = self._record_row(entity, position) if position is not None and position >= 0 else None
        if found is None:
            return None
        assert position is not None
        sheet_index, row = found
        path = field
        match = _SUBRECORD.fullmatch(field)
        if match is not None:
            group, index, name = match.group(1), int(match.group(2)), match.group(3)
            sub = self._subrecord_row(entity, position, group, index)
            if sub is not None:
                sheet_index, row = sub
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


@attrs.define
class SourceMap(_Locating):
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

    def _position_of_key(self, entity: Entity, key: str) -> int | None:
        return self.keys.get(entity, {}).get(key)

    def _record_row(self, entity: Entity, position: int) -> tuple[int, int] | None:
        rows = self.records.get(entity, [])
        return rows[position] if position < len(rows) else None

    def _subrecord_row(self, entity: Entity, position: int, group: str, index: int) -> tuple[int, int] | None:
        rows = self.groups.get((entity, position, group), [])
        return rows[index] if index < len(rows) else None


class _GroupRows:
    """The rows of one repeated group's subrecords, owner by owner in the order the owners were read: the
    owners' positions (ascending), where each one's rows start, and the rows."""

    __slots__ = ("owners", "rows", "sheets", "starts")

    def __init__(self) -> None:
        self.owners, self.starts, self.rows, self.sheets = array("I"), array("I"), array("I"), array("H")

    def add(self, position: int, sheet: int, row: int) -> None:
        if not self.owners or self.owners[-1] != position:
            self.owners.append(position)
            self.starts.append(len(self.rows))
        self.rows.append(row)
        self.sheets.append(sheet)

    def at(self, position: int, index: int) -> tuple[int, int] | None:
        slot = bisect.bisect_left(self.owners, position)
        if slot == len(self.owners) or self.owners[slot] != position:
            return None
        start = self.starts[slot]
        end = self.starts[slot + 1] if slot + 1 < len(self.starts) else len(self.rows)
        return (self.sheets[start + index], self.rows[start + index]) if index < end - start else None


class CompactSourceMap(_Locating):
    """A :class:`SourceMap` for a sheet read one row at a time (:mod:`cpcinfo.tabular._stream`): the same
    locations, kept in arrays — a sheet and a row number per record (6 bytes), per subrecord (6 bytes) and
    per owner of a group (8 bytes) — beside the first position of each key, so that a province's rows are
    not millions of tuples. Records are added in the order read, owner by owner with their subrecords."""

    def __init__(self) -> None:
        self.sheets: list[SheetSource] = []
        self._rows: dict[Entity, tuple[array[int], array[int]]] = {}
        self._keys: dict[Entity, dict[str, int]] = {}
        self._groups: dict[tuple[Entity, str], _GroupRows] = {}

    def add_sheet(self, name: str, file: str, columns: Mapping[str, int]) -> int:
        self.sheets.append(SheetSource(name, file, dict(columns)))
        return len(self.sheets) - 1

    def add_record(self, entity: Entity, key: str | None, sheet: int, row: int) -> tuple[int, bool]:
        """The record's position, and whether it is the first record with its key (its subrecords' owner)."""
        found = self._rows.get(entity)
        if found is None:
            found = self._rows[entity] = (array("H"), array("I"))
        sheets, rows = found
        position = len(rows)
        sheets.append(sheet)
        rows.append(row)
        if key is None:
            return position, False
        keys = self._keys.setdefault(entity, {})
        first = keys.setdefault(key, position) == position
        return position, first

    def add_subrecord(self, entity: Entity, position: int, group: str, sheet: int, row: int) -> None:
        rows = self._groups.get((entity, group))
        if rows is None:
            rows = self._groups[(entity, group)] = _GroupRows()
        rows.add(position, sheet, row)

    def count(self, entity: Entity) -> int:
        found = self._rows.get(entity)
        return len(found[1]) if found is not None else 0

    def _position_of_key(self, entity: Entity, key: str) -> int | None:
        return self._keys.get(entity, {}).get(key)

    def _record_row(self, entity: Entity, position: int) -> tuple[int, int] | None:
        found = self._rows.get(entity)
        if found is None or position >= len(found[1]):
            return None
        return found[0][position], found[1][position]

    def _subrecord_row(self, entity: Entity, position: int, group: str, index: int) -> tuple[int, int] | None:
        rows = self._groups.get((entity, group))
        return rows.at(position, index) if rows is not None else None


def locate_all(sources: SourceMap | CompactSourceMap | None, findings: Sequence[Finding]) -> list[Location | None]:
    """The location of each finding (``None`` where unknown)."""
    if sources is None:
        return [None] * len(findings)
    return [sources.locate_finding(f) for f in findings]
