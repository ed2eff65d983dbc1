"""The correction workbook (整改清单) a branch secretary can act on.

- 问题清单: every finding (:func:`~cpcinfo.tabular.findings_table`), filterable, header frozen;
- one sheet per branch with that branch's findings (a 党委's or 党总支's own findings on its own sheet;
  findings on no branch on 「未归属党支部」);
- a copy of each source sheet, every cell with a finding filled and commented (rule, message, suggestion).

:func:`write_branch_workbooks` writes one such workbook per branch, named ``<组织代码>-<组织名称>.xlsx``,
holding only that branch's findings and rows. Identity numbers are masked unless ``mask_ids=False``; every
text that could start a formula is written as text (:func:`cpcinfo.tabular._write.put`).
"""

from __future__ import annotations

import io
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from cpcinfo.acceptance.audit import AuditResult
from cpcinfo.checking.result import CheckResult
from cpcinfo.entity import Entity
from cpcinfo.fields import FieldKind
from cpcinfo.infobase import InfoBase
from cpcinfo.masking import Masker, mask_id
from cpcinfo.tabular._database import Database
from cpcinfo.tabular._extras import require
from cpcinfo.tabular._layout import sheet_by_name
from cpcinfo.tabular._read import RawSheet, read_sheets
from cpcinfo.tabular._rows import sheet_rows
from cpcinfo.tabular._sources import SourceMap
from cpcinfo.tabular._table import FINDINGS_COLUMNS, findings_table, listed_findings
from cpcinfo.tabular._write import put, write_sheet

FINDINGS_SHEET = "问题清单"
NO_BRANCH = "未归属党支部"
HIGHLIGHT = "FFC7CE"
"""The fill of a cell with a finding (Excel's light red)."""

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_FILE_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def _sheet_title(text: str, taken: set[str]) -> str:
    base = _SHEET_FORBIDDEN.sub("_", text).strip("'")[:31] or "Sheet"
    title, n = base, 2
    while title.lower() in taken:
        suffix = f"({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.lower())
    return title


def _infobase(database: Database | InfoBase) -> InfoBase:
    return database.infobase if isinstance(database, Database) else database


def _source_rows(database: Database | InfoBase) -> tuple[list[RawSheet], SourceMap]:
    """The source sheets as read (re-read from the file for a workbook or CSV), and where each record is
    in them. A JSON document is laid out in the 采集表 layout first."""
    if isinstance(database, Database) and isinstance(database.sources, SourceMap):
        sheets = []
        for source in database.sources.sheets:
            sheets.append(_reread(source.file, source.name))
        return sheets, database.sources
    raws = []
    for layout, rows in sheet_rows(_infobase(database)):
        raws.append(RawSheet(name=layout.name, file="", header=[c.label for c in layout.columns], rows=rows))
    data = read_sheets(raws)
    shown = [raw for raw in raws if any(s.name == raw.name for s in data.sources.sheets)]
    return shown, data.sources


def _reread(file: str, sheet: str) -> RawSheet:
    if file.lower().endswith((".xlsx", ".xlsm")):
        from cpcinfo.tabular._xlsx import read_xlsx

        for raw in read_xlsx(file):
            if raw.name == sheet:
                return RawSheet(name=raw.name, file=file, header=raw.header, rows=list(raw.rows))
        return RawSheet(name=sheet, file=file, header=[], rows=[])
    if file.lower().endswith(".csv"):
        from cpcinfo.tabular._csv import read_csv_file

        raw, _ = read_csv_file(file, sheet=sheet)
        return RawSheet(name=raw.name, file=file, header=raw.header, rows=list(raw.rows))
    return RawSheet(name=sheet, file=file, header=[], rows=[])  # a DataFrame: nothing to copy


def _record_rows(sources: SourceMap, infobase: InfoBase) -> dict[tuple[str, int], str | None]:
    """(sheet, row) → the branch of the record in that row (its subrecords' rows included)."""
    records: dict[Entity, Sequence[Any]] = {Entity.ORGANIZATION: infobase.organizations,
                                            Entity.MEMBER: infobase.members, Entity.APPLICANT: infobase.applicants}
    owners: dict[tuple[Entity, int], str | None] = {}
    out: dict[tuple[str, int], str | None] = {}
    for entity, rows in sources.records.items():
        for position, (sheet_index, row) in enumerate(rows):
            record = records[entity][position] if position < len(records[entity]) else None
            branch: Any = None
            if record is not None:
                if entity is Entity.ORGANIZATION:
                    branch = record.key
                else:
                    group = record.relation if entity is Entity.MEMBER else record.development
                    branch = getattr(group, "branch", None) if group is not None else None
            branch = branch if isinstance(branch, str) and branch else None
            owners[(entity, position)] = branch
            out[(sources.sheets[sheet_index].name, row)] = branch
    for (entity, position, _group), sub_rows in sources.groups.items():
        for sub_sheet, sub_row in sub_rows:
            out[(sources.sheets[sub_sheet].name, sub_row)] = owners.get((entity, position))
    return out


def _comment_text(row: dict[str, Any]) -> str:
    text = f"{row['rule']} {row['kind']}：{row['message']}"
    if row["suggestion"]:
        text += f"\n建议：{row['suggestion']}"
    return text


class _Book:
    """One correction workbook being written."""

    def __init__(self) -> None:
        openpyxl = require("openpyxl", "excel")
        self.openpyxl = openpyxl
        self.wb = openpyxl.Workbook()
        self.wb.remove(self.wb.active)
        self.taken: set[str] = set()

    def findings_sheet(self, title: str, rows: Sequence[dict[str, Any]]) -> None:
        ws = self.wb.create_sheet(_sheet_title(title, self.taken))
        widths = [8, 16, 6, 8, 12, 12, 22, 14, 24, 8, 60, 16, 12, 16, 30, 16, 6, 6]
        write_sheet(ws, [label for _, label in FINDINGS_COLUMNS],
                    ([row[name] for name, _ in FINDINGS_COLUMNS] for row in rows), text_columns=(5, 6, 9, 12),
                    widths=widths)

    def source_sheet(self, raw: RawSheet, keep: Iterable[int] | None, marks: dict[int, dict[int, list[str]]],
                     masker: Masker, id_columns: set[int]) -> None:
        styles = require("openpyxl.styles", "excel")
        comments = require("openpyxl.comments", "excel")
        fill = styles.PatternFill("solid", fgColor=HIGHLIGHT)
        ws = self.wb.create_sheet(_sheet_title(raw.name, self.taken))
        headers = [("" if h is None else str(h)) for h in raw.header]
        for column, header in enumerate(headers, start=1):
            put(ws, 1, column, header)
        wanted = None if keep is None else set(keep)
        out_row = 1
        for number, row in enumerate(raw.rows, start=raw.header_row + 1):
            if wanted is not None and number not in wanted:
                continue
            out_row += 1
            for column, value in enumerate(row):
                if value is None or value == "":
                    cell = ws.cell(row=out_row, column=column + 1)
                else:
                    if isinstance(value, str):
                        value = mask_id(value) if column in id_columns and masker.enabled else masker.text(value)
                    elif column in id_columns and masker.enabled and isinstance(value, int | float):
                        value = mask_id(str(int(value)) if isinstance(value, float) else str(value))
                    cell = put(ws, out_row, column + 1, value)
                notes = marks.get(number, {}).get(column)
                if notes:
                    cell.fill = fill
                    comment = comments.Comment("\n\n".join(notes), "cpcinfo")
                    comment.width, comment.height = 360, 40 + 40 * len(notes)
                    cell.comment = comment
        write_sheet_style(ws, len(headers), out_row)

    def save(self, path: str | os.PathLike[str]) -> None:
        self.wb.save(os.fspath(path))


def write_sheet_style(ws: Any, columns: int, rows: int) -> None:
    utils = require("openpyxl.utils", "excel")
    styles = require("openpyxl.styles", "excel")
    for column in range(1, columns + 1):
        ws.cell(row=1, column=column).font = styles.Font(bold=True)
        ws.column_dimensions[utils.get_column_letter(column)].width = 14
    ws.freeze_panes = "B2"
    if columns:
        ws.auto_filter.ref = f"A1:{utils.get_column_letter(columns)}{max(rows, 1)}"


def _id_columns(raw: RawSheet) -> set[int]:
    layout = sheet_by_name(raw.name)
    if layout is None:
        return set()
    headers = layout.headers()
    return {i for i, h in enumerate(raw.header)
            if (c := headers.get(str(h).strip() if h is not None else "")) is not None
            and c.kind is FieldKind.ID_NUMBER}


def _marks(result: CheckResult | AuditResult, database: Database | InfoBase, sources: SourceMap,
           table: Sequence[dict[str, Any]]) -> dict[str, dict[int, dict[int, list[str]]]]:
    """sheet → row → 0-based column → the comments of the findings there."""
    findings = listed_findings(result)
    out: dict[str, dict[int, dict[int, list[str]]]] = defaultdict(lambda: defaultdict(dict))
    for finding, row in zip(findings, table, strict=True):
        where = sources.locate_finding(finding)
        if where is None or where.row is None or where.column is None or where.sheet is None:
            continue
        column = _column_index(where.column)
        out[where.sheet][where.row].setdefault(column, []).append(_comment_text(row))
    return out


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + (ord(ch) - 64)
    return index - 1


_ALL = object()


class _Prepared:
    """What every correction workbook of one result needs, computed once: the source sheets, where each
    finding is, the table and the comments."""

    def __init__(self, result: CheckResult | AuditResult, database: Database | InfoBase, mask_ids: bool) -> None:
        self.raws, self.sources = _source_rows(database)
        self.infobase = _infobase(database)
        located = database if isinstance(database, Database) and database.sources is self.sources else \
            Database(infobase=self.infobase, inputs=(), sources=self.sources)
        self.table = findings_table(result, located, mask_ids=mask_ids)
        self.findings = listed_findings(result)
        self.marks = _marks(result, database, self.sources, self.table)
        self.masker = Masker(self.findings, enabled=mask_ids)
        self._rows: dict[tuple[str, int], str | None] | None = None

    def branches(self) -> list[str | None]:
        return sorted({row["branch"] for row in self.table}, key=lambda c: (c is None, c or ""))

    def book(self, branch: object = _ALL) -> Any:
        book = _Book()
        everything = branch is _ALL
        chosen = self.table if everything else [r for r in self.table if r["branch"] == branch]
        book.findings_sheet(FINDINGS_SHEET, chosen)
        marks = self.marks
        keep_rows: dict[str, set[int]] | None = None
        if everything:
            by_branch: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
            for entry in self.table:
                by_branch[entry["branch"]].append(entry)
            for code in self.branches():
                book.findings_sheet(_branch_title(self.infobase, code), by_branch[code])
        else:
            if self._rows is None:
                self._rows = _record_rows(self.sources, self.infobase)
            keep_rows = defaultdict(set)
            for (sheet, row), owner in self._rows.items():
                if owner == branch:
                    keep_rows[sheet].add(row)
            for finding, entry in zip(self.findings, self.table, strict=True):
                if entry["branch"] == branch:
                    where = self.sources.locate_finding(finding)
                    if where is not None and where.row is not None and where.sheet is not None:
                        keep_rows[where.sheet].add(where.row)
            marks = {sheet: {r: cols for r, cols in rows.items() if r in keep_rows.get(sheet, set())}
                     for sheet, rows in marks.items()}
        for raw in self.raws:
            keep = None if keep_rows is None else keep_rows.get(raw.name, set())
            if keep is not None and not keep:
                continue
            book.source_sheet(raw, keep, marks.get(raw.name, {}), self.masker, _id_columns(raw))
        return book.wb


def correction_workbook(result: CheckResult | AuditResult, database: Database | InfoBase, *,
                        mask_ids: bool = True) -> Any:
    """The correction workbook as an openpyxl workbook (see the module docs)."""
    return _Prepared(result, database, mask_ids).book()


def _branch_title(infobase: InfoBase, code: str | None) -> str:
    if code is None:
        return NO_BRANCH
    org = infobase.organization(code)
    name = org.basic.name if org is not None and org.basic is not None and isinstance(org.basic.name, str) else ""
    return f"{code}-{name}" if name else code


def workbook_bytes(wb: Any) -> bytes:
    """An openpyxl workbook as the bytes of its ``.xlsx`` file (for a writer that replaces files whole)."""
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def correction_bytes(result: CheckResult | AuditResult, database: Database | InfoBase, *,
                     mask_ids: bool = True) -> bytes:
    """The correction workbook of a check or an audit as ``.xlsx`` bytes."""
    return workbook_bytes(correction_workbook(result, database, mask_ids=mask_ids))


def branch_workbooks(result: CheckResult | AuditResult, database: Database | InfoBase, *,
                     mask_ids: bool = True) -> list[tuple[str, bytes]]:
    """One correction workbook per branch with findings, as (file name, ``.xlsx`` bytes): the name is
    ``<组织代码>-<组织名称>.xlsx`` (``未归属党支部.xlsx`` for findings on no branch), the workbook holds only that
    branch's findings and rows."""
    prepared = _Prepared(result, database, mask_ids)
    return [(f"{_FILE_FORBIDDEN.sub('_', _branch_title(prepared.infobase, code))}.xlsx",
             workbook_bytes(prepared.book(code))) for code in prepared.branches()]


def write_correction_workbook(result: CheckResult | AuditResult, database: Database | InfoBase,
                              path: str | os.PathLike[str], *, mask_ids: bool = True) -> None:
    """Write the correction workbook of a check or an audit to ``path`` (``.xlsx``)."""
    Path(path).write_bytes(correction_bytes(result, database, mask_ids=mask_ids))


def write_branch_workbooks(result: CheckResult | AuditResult, database: Database | InfoBase,
                           folder: str | os.PathLike[str], *, mask_ids: bool = True) -> list[Path]:
    """:func:`branch_workbooks` written into ``folder``; returns the files written."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in branch_workbooks(result, database, mask_ids=mask_ids):
        (out / name).write_bytes(data)
        written.append(out / name)
    return written
