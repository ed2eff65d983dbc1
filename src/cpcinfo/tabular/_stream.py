"""A 采集表 workbook or CSV read one row at a time, for the streaming check (:func:`cpcinfo.stream.open_source`).

The whole-table reader (:func:`cpcinfo.tabular.read_workbook`, :func:`~cpcinfo.tabular.read_csv`) holds every
row and every record at once. Here the organizations are read first (the tree needs them all), then the
applicants and the members are read, structured and handed to the check one row at a time. Every row goes
through the whole reader's own code (:class:`~cpcinfo.tabular._read.RowReader`, the column matching, the
roster and waiver sheets), so a row is read, refused or counted exactly as there.

Repeated groups (党员-学历学位信息 …) are joined to their owners by a first pass over each group sheet of an
entity, just before that entity's records stream: each group row is kept as a tuple of its normalised
values under its owner's key, then handed to the owner when the owner's row is read (the first record with
that key, as the whole reader joins). A group row whose owner never comes is refused at the end, naming its
sheet and row as the whole reader does.

Where each record was read is kept compactly (:class:`~cpcinfo.tabular._sources.CompactSourceMap`), so that
findings name their cells (``党员!F17``) exactly as after a whole read.

A workbook is read with python-calamine's ``iter_rows``, a sheet at a time: calamine holds the one sheet it
reads in its own (Rust) memory, about 1.6 KB a member row, while the Python side holds one row. openpyxl's
read-only mode holds less but read a 214,000-row workbook 16× slower (90.6 s against 5.7 s, peak RSS 49 MiB
against 203 MiB) — see the commit that brought this module. A CSV file is decoded and parsed from the open
file; its encoding is detected, and the text checked, by a first pass over its bytes in chunks.
"""

from __future__ import annotations

import codecs
import csv
import itertools
import os
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from cpcinfo.checking.waivers import Waiver
from cpcinfo.convert import structure_applicant, structure_member, structure_organization
from cpcinfo.entity import Entity
from cpcinfo.errors import DocumentError
from cpcinfo.org.roster import Roster
from cpcinfo.tabular._csv import _BOMS, sheet_files
from cpcinfo.tabular._layout import NOTE_SHEETS, ROSTER_SHEET, WAIVER_SHEET, SheetLayout, sheet_by_name
from cpcinfo.tabular._read import (
    ColumnMap,
    InputFile,
    RawSheet,
    RowReader,
    TabularError,
    _key_text,
    _match_columns,
    _positions,
    _read_roster,
    _read_waivers,
    no_data_sheet,
    unknown_sheet,
)
from cpcinfo.tabular._sources import CompactSourceMap
from cpcinfo.tabular._xlsx import open_workbook, short_error

_STRUCTURE: dict[Entity, Callable[..., Any]] = {Entity.ORGANIZATION: structure_organization,
                                                Entity.MEMBER: structure_member,
                                                Entity.APPLICANT: structure_applicant}
CHUNK_BYTES = 1 << 20


@attrs.frozen
class SheetOpener:
    """A sheet that can be read from its first row: ``rows()`` gives every row, the header first (nothing
    for a workbook's empty sheet; a CSV file's empty text is a sheet with an empty header)."""

    name: str
    file: str
    rows: Callable[[], Iterator[Sequence[Any]]]
    empty_is_sheet: bool = False


def _opened(sheet: SheetOpener) -> tuple[RawSheet, Iterator[Sequence[Any]]] | None:
    """The sheet's header as a :class:`RawSheet` (without rows) and the iterator of its data rows; ``None``
    for an empty sheet, which the whole reader leaves out."""
    rows = sheet.rows()
    header = next(rows, None)
    if header is None:
        if not sheet.empty_is_sheet:
            return None
        header = []
    return RawSheet(name=sheet.name, file=sheet.file, header=header, rows=()), rows


_Group = tuple[str, int, int, tuple[Any, ...] | None]
"""A group row kept for its owner: the group, the sheet's index in the source map, the row, the values."""


class TabularStream:
    """The sheets of one 采集表, read for one streaming check. :meth:`records` reads an entity's records one
    row at a time; each may be called once, in any order of the entities."""

    def __init__(self, sheets: Sequence[SheetOpener], *, file: str, column_map: ColumnMap | None = None,
                 inputs: tuple[InputFile, ...] = (), close: Callable[[], None] | None = None) -> None:
        self.file, self.column_map, self.inputs = file, dict(column_map or {}), inputs
        self.sources = CompactSourceMap()
        self.counts: Counter[tuple[str, str, str]] = Counter()
        self.roster: Roster | None = None
        self.waivers: tuple[Waiver, ...] = ()
        self.owner_sheets: dict[Entity, list[tuple[SheetOpener, SheetLayout]]] = {e: [] for e in Entity}
        self.group_sheets: dict[Entity, list[tuple[SheetOpener, SheetLayout]]] = {e: [] for e in Entity}
        self.found_any = False
        self._close = close
        self._names: dict[int, tuple[str, ...]] = {}  # a group sheet's value names, by its index in the map
        self._streaming = {Entity.APPLICANT, Entity.MEMBER}  # the entities whose records are still to come
        for sheet in sheets:  # what the whole reader does per sheet, but reading only the small ones
            name = sheet.name.strip()
            if name in NOTE_SHEETS:
                continue
            if name in (ROSTER_SHEET, WAIVER_SHEET):
                opened = _opened(sheet)
                if opened is not None:
                    raw = attrs.evolve(opened[0], rows=opened[1])
                    if name == ROSTER_SHEET:
                        self.roster = _read_roster(raw)
                    else:
                        self.waivers = _read_waivers(raw)
                continue
            layout = sheet_by_name(sheet.name)
            if layout is None:
                if _opened(sheet) is not None:
                    raise unknown_sheet(sheet.file, sheet.name)
                continue
            (self.owner_sheets if layout.group is None else self.group_sheets)[layout.entity].append((sheet, layout))
        if not any(self.owner_sheets.values()) and not any(self.group_sheets.values()):
            raise no_data_sheet(file)

    def records(self, entity: Entity) -> Iterator[Any]:
        """The entity's records in the order of its sheets and rows, each with its subrecords."""
        owed = self._group_rows(entity)
        structure = _STRUCTURE[entity]
        sources = self.sources
        for sheet, layout in self.owner_sheets[entity]:
            opened = _opened(sheet)
            if opened is None:
                continue
            raw, rows = opened
            self.found_any = True
            columns = _match_columns(raw, layout, self.column_map)
            key_path = layout.columns[0].path
            sheet_index = sources.add_sheet(raw.name, raw.file, _positions(columns, key_path=key_path))
            read = RowReader(raw, columns, self.counts, key_path).read
            for number, row in enumerate(rows, start=raw.header_row + 1):
                found = read(number, row)
                if found is None:
                    continue
                key, values = _key_text(found[0]), found[1]
                position, first = sources.add_record(entity, key, sheet_index, number)
                if first and owed and key is not None:
                    for group, group_sheet, group_row, cells in owed.pop(key, ()):
                        if cells is None:
                            continue
                        names = self._names[group_sheet]
                        values.setdefault(group, []).append({n: v for n, v in zip(names, cells, strict=True)
                                                             if v is not None})
                        sources.add_subrecord(entity, position, group, group_sheet, group_row)
                try:
                    record = structure(values, keys="en")
                except DocumentError as exc:  # the normalised values are scalars: a bug if it happens, named anyway
                    raise TabularError(raw.file, str(exc), sheet=raw.name, row=number) from None
                yield record
        if owed:
            self._refuse_orphan(entity, owed)
        self._streaming.discard(entity)
        if not self._streaming:
            self._finish()

    def _group_rows(self, entity: Entity) -> dict[str, list[_Group]]:
        """The first pass: every group row of the entity under its owner's key, in the order of the sheets
        and rows (the order the whole reader appends them in)."""
        owed: dict[str, list[_Group]] = {}
        for sheet, layout in self.group_sheets[entity]:
            opened = _opened(sheet)
            if opened is None:
                continue
            raw, rows = opened
            self.found_any = True
            group = layout.group
            assert group is not None
            columns = _match_columns(raw, layout, self.column_map)
            sheet_index = self.sources.add_sheet(raw.name, raw.file, _positions(columns, key_path=""))
            names = tuple(c.path for c in layout.columns if c.path)  # a group sheet's paths are bare names
            self._names[sheet_index] = names
            owner_label = layout.columns[0].label
            read = RowReader(raw, columns, self.counts, "").read
            for number, row in enumerate(rows, start=raw.header_row + 1):
                found = read(number, row)
                if found is None:
                    continue
                key = _key_text(found[0])
                if key is None:
                    raise TabularError(raw.file, f"「{owner_label}」未填写，不知道这一行属于哪条记录",
                                       sheet=raw.name, row=number)
                values = found[1]
                cells = tuple(values.get(n) for n in names) if values else None
                owed.setdefault(key, []).append((group, sheet_index, number, cells))
        return owed

    def _refuse_orphan(self, entity: Entity, owed: dict[str, list[_Group]]) -> None:
        """The first group row (by sheet, then row) whose owner was not read, refused as the whole reader
        refuses it."""
        key, (_, sheet_index, number, _) = min(((k, row) for k, rows in owed.items() for row in rows),
                                               key=lambda item: (item[1][1], item[1][2]))
        sheet = self.sources.sheets[sheet_index]
        layout = sheet_by_name(sheet.name)
        assert layout is not None
        raise TabularError(sheet.file, f"{layout.columns[0].label}「{key}」在「{entity.label}」表中没有记录",
                           sheet=sheet.name, row=number)

    def _finish(self) -> None:
        """After the last record of the last entity: the workbook closed, and one without any sheet of data
        refused as the whole reader refuses it."""
        if self._close is not None:
            self._close()
            self._close = None
        if not self.found_any:
            raise no_data_sheet(self.file)


# -- workbooks ------------------------------------------------------------------------------------------------


def workbook_stream(path: str | os.PathLike[str], *, column_map: ColumnMap | None = None) -> TabularStream:
    """An ``.xlsx`` 采集表 read a sheet at a time (python-calamine), each sheet a row at a time."""
    file = str(path)
    workbook = open_workbook(file)

    def rows_of(name: str) -> Callable[[], Iterator[Sequence[Any]]]:
        def rows() -> Iterator[Sequence[Any]]:
            try:
                sheet = workbook.get_sheet_by_name(name)
                start = sheet.start
                pad = [""] * start[1] if start is not None and start[1] else None
                for row in sheet.iter_rows():
                    # to_python(skip_empty_area=False), as the whole reader reads: from column A
                    yield pad + row if pad is not None else row
            except Exception as exc:
                raise TabularError(file, f"工作表无法读取：{short_error(exc)}", sheet=name) from None
        return rows

    sheets = [SheetOpener(name=name, file=file, rows=rows_of(name)) for name in workbook.sheet_names]
    return TabularStream(sheets, file=file, column_map=column_map, inputs=(InputFile(path=file, format="xlsx"),),
                         close=workbook.close)


# -- CSV ------------------------------------------------------------------------------------------------------


def csv_stream(path: str | os.PathLike[str], *, encoding: str | None = None,
               column_map: ColumnMap | None = None) -> TabularStream:
    """One CSV file (its name is its sheet's) or a folder of them, each read one row at a time."""
    where = Path(path)
    files = sheet_files(where) if where.is_dir() else [where]
    openers, inputs = [], []
    for file in files:
        chosen = checked_encoding(file, encoding)
        openers.append(SheetOpener(name=file.stem, file=str(file), rows=_csv_rows(file, chosen), empty_is_sheet=True))
        inputs.append(InputFile(path=str(file), format="csv", encoding=chosen))
    return TabularStream(openers, file=str(path), column_map=column_map, inputs=tuple(inputs))


def checked_encoding(path: Path, encoding: str | None) -> str:
    """The file's encoding — ``encoding``, else detected as :func:`~cpcinfo.tabular._csv.detect_encoding`
    detects it from the whole text — with the text checked as the whole reader checks it (text in that
    encoding, no NUL), reading the bytes a chunk at a time."""
    file = str(path)
    try:
        with open(path, "rb") as stream:
            head = stream.read(4)
    except OSError as exc:
        why = {FileNotFoundError: "文件不存在", IsADirectoryError: "是目录，不是文件"}.get(type(exc))
        raise TabularError(file, why or f"无法读取：{exc.strerror}") from None
    chosen = encoding
    failure: tuple[int, int] | None = None
    if chosen is None:
        chosen = next((name for bom, name in _BOMS if head.startswith(bom)), None)
        if chosen is None:
            failure = _decode_error(path, "utf-8")
            chosen = "gb18030" if failure is not None and failure[0] >= 0 else "utf-8"
    try:
        codecs.lookup(chosen)
    except LookupError:
        raise TabularError(file, f"未知的编码「{chosen}」") from None
    if chosen != "utf-8" or encoding is not None:  # UTF-8 by detection was checked while detecting
        failure = _decode_error(path, chosen)
    if failure is not None:
        start, line = failure
        if start < 0:
            raise TabularError(file, f"含有 NUL 字符，不是 {chosen} 编码的 CSV 文本")
        raise TabularError(file, f"不是 {chosen} 编码的文本（第 {line} 行，第 {start} 字节）；"
                                 "可用 --encoding 指定文件的编码", row=line)
    return chosen


def _decode_error(path: Path, encoding: str) -> tuple[int, int] | None:
    """The first byte that is not text in ``encoding`` and its line, as the whole reader counts them;
    ``(-1, 0)`` for text with a NUL; ``None`` for good text."""
    decoder = codecs.getincrementaldecoder(encoding)()
    offset = newlines = 0
    nul = False
    with open(path, "rb") as stream:
        while True:
            chunk = stream.read(CHUNK_BYTES)
            pending = decoder.getstate()[0]
            boundary = offset - len(pending)  # a character boundary: decoding may start again here
            try:
                text = decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError:
                window = pending + chunk
                try:
                    window.decode(encoding)
                except UnicodeDecodeError as exc:
                    start = boundary + exc.start
                    return start, newlines - pending.count(b"\n") + window[:exc.start].count(b"\n") + 1
                return boundary, newlines + 1  # pragma: no cover - the window fails where the decoder did
            nul = nul or "\x00" in text
            if not chunk:
                return (-1, 0) if nul else None
            offset += len(chunk)
            newlines += chunk.count(b"\n")


def _csv_rows(path: Path, encoding: str) -> Callable[[], Iterator[Sequence[Any]]]:
    def rows() -> Iterator[Sequence[Any]]:
        with open(path, encoding=encoding, newline="") as text:
            lines = iter(text)
            first = next(lines, "")
            try:
                yield from csv.reader(itertools.chain((first.removeprefix("\ufeff"),), lines))
            except csv.Error as exc:
                raise TabularError(str(path), f"CSV 格式错误：{exc}") from None
    return rows


__all__ = ["SheetOpener", "TabularStream", "csv_stream", "workbook_stream"]
