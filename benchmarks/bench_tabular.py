"""Reading a 采集表: workbook and CSV against the check of the same records, side by side in one run.

Run by hand: ``python benchmarks/bench_tabular.py [MEMBERS] [--rounds=N] [--raw]`` (default 200,000 members,
a tenth as many applicants, a province tree of 2,000 organizations; two rounds). Needs the ``excel`` extra.

Writes the generated unit once as a workbook in the layout (openpyxl's write-only mode) and as a folder of
CSV files, then, round by round and alternating, times reading each (``cpcinfo.tabular.read_workbook`` /
``read_csv``: parse, normalise, build the records and the source map) and the whole-database check of the
records read; prints members/s for reading alone and for read + check, and the ratio read / check (the
target: reading the workbook costs no more than the check). ``--raw`` adds the bare cell reading of
python-calamine against openpyxl's read-only mode. Memory: the peak traced allocation of reading a quarter
and all of the workbook (``tracemalloc``), which should grow linearly.
"""

from __future__ import annotations

import datetime
import functools
import gc
import sys
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from cpcinfo.checking import check
from cpcinfo.demo import province_applicants, province_members, province_organizations
from cpcinfo.infobase import InfoBase
from cpcinfo.tabular import read_csv, read_workbook
from cpcinfo.tabular._rows import sheet_rows
from cpcinfo.tabular._sources import column_letter
from cpcinfo.tabular._write import write_csv_folder

AS_OF = datetime.date(2011, 6, 30)


def unit(members: int) -> InfoBase:
    orgs = province_organizations(n=2_000, as_of=AS_OF)
    return InfoBase(organizations=orgs, members=tuple(province_members(orgs, n=members, as_of=AS_OF)),
                    applicants=tuple(province_applicants(orgs, n=max(1, members // 10), as_of=AS_OF)))


def _cell(column: int, row: int, value: object) -> str:
    if value is None:
        return ""
    return f'<c r="{column_letter(column)}{row}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


_PACKAGE = "http://schemas.openxmlformats.org/package/2006"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_HEAD = '<?xml version="1.0" encoding="UTF-8"?>'


def write_book(base: InfoBase, path: Path) -> None:
    """The unit as a minimal .xlsx of inline-string cells: what the benchmark reads, written in seconds
    rather than the many minutes openpyxl takes for 200,000 rows on this machine."""
    sheets = list(sheet_rows(base))
    numbers = range(1, len(sheets) + 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", f'{_HEAD}<Types xmlns="{_PACKAGE}/content-types">'
                   f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships'
                   f'+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                   f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPE}.sheet.main+xml"/>'
                   + "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_TYPE}.worksheet'
                             f'+xml"/>' for i in numbers) + "</Types>")
        z.writestr("_rels/.rels", f'{_HEAD}<Relationships xmlns="{_PACKAGE}/relationships"><Relationship Id="rId1" '
                   f'Type="{_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_RELS}"><sheets>' + "".join(
            f'<sheet name="{escape(layout.name)}" sheetId="{i}" r:id="rId{i}"/>'
            for i, (layout, _) in zip(numbers, sheets, strict=True)) + "</sheets></workbook>")
        z.writestr("xl/_rels/workbook.xml.rels", f'{_HEAD}<Relationships xmlns="{_PACKAGE}/relationships">' + "".join(
            f'<Relationship Id="rId{i}" Type="{_RELS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in numbers) + "</Relationships>")
        for i, (layout, rows) in zip(numbers, sheets, strict=True):
            lines = [f'{_HEAD}<worksheet xmlns="{_MAIN}"><sheetData>']
            for number, row in enumerate([[c.label for c in layout.columns], *rows], start=1):
                lines.append(f'<row r="{number}">' + "".join(_cell(c, number, v) for c, v in enumerate(row))
                             + "</row>")
            lines.append("</sheetData></worksheet>")
            z.writestr(f"xl/worksheets/sheet{i}.xml", "".join(lines))


def timed(action):  # type: ignore[no-untyped-def]
    gc.collect()
    start = time.perf_counter()
    value = action()
    return value, time.perf_counter() - start


def raw_readers(path: Path) -> None:
    import openpyxl
    from python_calamine import CalamineWorkbook

    def calamine() -> int:
        wb = CalamineWorkbook.from_path(str(path))
        return sum(len(wb.get_sheet_by_name(s).to_python(skip_empty_area=False)) for s in wb.sheet_names)

    def openpyxl_read_only() -> int:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            return sum(sum(1 for _ in ws.iter_rows(values_only=True)) for ws in wb.worksheets)
        finally:
            wb.close()

    rows, fast = timed(calamine)
    _, slow = timed(openpyxl_read_only)
    print(f"bare cells, {rows:,} rows: python-calamine {fast:.2f} s, openpyxl read-only {slow:.2f} s "
          f"(openpyxl / calamine = {slow / fast:.1f})")


def main(argv: list[str]) -> int:
    members = int(next((a for a in argv if a.isdigit()), "200000"))
    rounds = int(next((a.split("=", 1)[1] for a in argv if a.startswith("--rounds=")), "2"))
    base, seconds = timed(lambda: unit(members))
    counts = base.counts
    print(f"unit: {counts.organizations:,} organizations, {counts.members:,} members, {counts.applicants:,} "
          f"applicants (generated in {seconds:.1f} s)")
    with tempfile.TemporaryDirectory() as tmp:
        book, folder = Path(tmp) / "采集表.xlsx", Path(tmp) / "csv"
        _, seconds = timed(lambda: write_book(base, book))
        print(f"workbook written in {seconds:.1f} s ({book.stat().st_size / 2**20:.1f} MiB)")
        _, seconds = timed(lambda: write_csv_folder(base, folder, encoding="gb18030"))
        print(f"CSV (GB18030) written in {seconds:.1f} s")
        if "--raw" in argv:
            raw_readers(book)
        print(f"{'round':>5} {'source':>8} {'read s':>8} {'check s':>8} {'read/s':>10} {'read+check/s':>13} "
              f"{'read/check':>10}")
        for number in range(1, rounds + 1):
            for name, read in (("xlsx", lambda: read_workbook(book)), ("csv", lambda: read_csv(folder))):
                database, reading = timed(read)
                result, checking = timed(functools.partial(check, database.infobase, as_of=AS_OF))
                assert len(database.infobase.members) == members
                print(f"{number:>5} {name:>8} {reading:>8.2f} {checking:>8.2f} {members / reading:>10,.0f} "
                      f"{members / (reading + checking):>13,.0f} {reading / checking:>10.2f}")
                del database, result
        for name, read in (("xlsx", read_workbook), ("csv", read_csv)):
            peaks = []
            for share in (4, 1):
                part = unit(members // share) if share != 1 else base
                with tempfile.TemporaryDirectory() as sub:
                    target = Path(sub) / "采集表.xlsx" if name == "xlsx" else Path(sub) / "csv"
                    if name == "xlsx":
                        write_book(part, target)
                    else:
                        write_csv_folder(part, target)
                    gc.collect()
                    tracemalloc.start()
                    database = read(target)
                    peaks.append(tracemalloc.get_traced_memory()[1] / 2**20)
                    tracemalloc.stop()
                    del database
            print(f"memory, {name}: peak {peaks[0]:.0f} MiB for {members // 4:,} members, {peaks[1]:.0f} MiB for "
                  f"{members:,} (x{peaks[1] / peaks[0]:.2f} for x4 the members)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
