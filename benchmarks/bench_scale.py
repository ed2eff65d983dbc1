"""`cpcinfo check` from disk in bounded memory, the check on 2 workers, and the figures of a national check.

Run by hand:

``python benchmarks/bench_scale.py e2e MEMBERS``
    Writes a generated province (MEMBERS members, a tenth as many applicants, an organization per 20
    members) as a JSON document and as JSON Lines, runs ``cpcinfo check`` on each as a clerk would (a child
    process: its wall time and its peak resident memory from ``wait4``), and, in this process, the check
    alone over the same records as the generator makes them (generation time taken out): the ratio
    end-to-end / check-only throughput (target ≥ 0.8) and the peak memory (target < 1 GiB).
``python benchmarks/bench_scale.py tables MEMBERS``
    The same province written as a 采集表 workbook (``bench_tabular.write_book``) and as a folder of CSV
    files (GB18030), each checked by ``cpcinfo check`` in a child process read whole and read row by row
    (the size thresholds of ``cpcinfo.cli._scale`` set so), side by side: wall time and peak resident
    memory, and whether the two JSON reports are the same.
``python benchmarks/bench_scale.py workers MEMBERS [--rounds=N]``
    A province written as a folder of parts (one per base-level committee), checked by
    ``check_parallel`` on 1 and on 2 local workers, alternating: the speed-up (target ≥ 1.7×) and the
    results compared.
``python benchmarks/bench_scale.py nation MEMBERS``
    The per-part cost (both steps of a part, per member), the cost of merging a part's partial state and of
    finishing, measured on the parts of a province; from them the wall time of a national check (99M
    members, 5M organizations) on a 16-core machine and on a 10-machine cluster (see docs/scale.md).
``python benchmarks/bench_scale.py generate MEMBERS``
    The generator's speed at MEMBERS/4, MEMBERS/2 and MEMBERS (side by side, to show it is linear): a
    province's organizations (one per 20 members) per second, its members and applicants per second
    (made, not written), and a nation of 2 provinces of that many members written as a folder of parts
    (``write_nation``: made and written as JSON Lines) in records per second.

This machine is shared and its speed drifts: read the ratios, taken side by side, not the absolute times.
"""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from cpcinfo import InfoBase, convert
from cpcinfo.checking import check_stream
from cpcinfo.checking.partition import PartitionedCheck, merge
from cpcinfo.demo import province_applicants, province_members, province_organizations
from cpcinfo.parallel import check_parallel, write_parts
from cpcinfo.stream import write_jsonl

AS_OF = datetime.date(2011, 6, 30)
NATION_MEMBERS, NATION_ORGANIZATIONS = 99_000_000, 5_000_000


class Timed(Iterator[Any]):
    """Items with the time spent producing them added up (generation, taken out of the check's time)."""

    def __init__(self, items: Iterable[Any]) -> None:
        self._items, self.spent = iter(items), 0.0

    def __next__(self) -> Any:
        start = time.perf_counter()
        try:
            return next(self._items)
        finally:
            self.spent += time.perf_counter() - start


def province(members: int) -> tuple[Any, int, int]:
    organizations = province_organizations(n=max(100, members // 20), seed=1)
    return organizations, members, members // 10


def child(*args: str) -> tuple[float, float, int]:
    """Wall seconds, peak MiB and exit code of ``cpcinfo`` run with these arguments."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "cpcinfo", *args], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, process.returncode


def end_to_end(n: int) -> None:
    organizations, n_members, n_applicants = province(n)
    folder = Path(tempfile.mkdtemp(prefix="cpcinfo-scale-"))
    lines, document = folder / "province.jsonl", folder / "province.json"
    start = time.perf_counter()
    write_jsonl(lines, [*organizations, *province_applicants(organizations, n=n_applicants, seed=4)])
    with open(lines, "a", encoding="utf-8") as out:  # members one at a time: never all in memory
        for record in province_members(organizations, n=n_members, seed=3):
            out.write(json.dumps({"entity": "member", **convert.unstructure_member(record)}, ensure_ascii=False))
            out.write("\n")
    with open(document, "w", encoding="utf-8") as out, open(lines, encoding="utf-8") as source:
        out.write('{"organizations": [')
        tops = {"organization": [], "applicant": []}  # type: dict[str, list[str]]
        first_member = True
        for line in source:  # organizations, applicants, then members, as the lines are
            record = json.loads(line)
            kind = record.pop("entity")
            if kind == "member":
                if first_member:
                    out.write(",".join(tops["organization"]) + '], "applicants": [' + ",".join(tops["applicant"])
                              + '], "members": [')
                out.write(("" if first_member else ",") + json.dumps(record, ensure_ascii=False))
                first_member = False
            else:
                tops[kind].append(json.dumps(record, ensure_ascii=False))
        out.write("]}")
    print(f"{n_members:,} members, {n_applicants:,} applicants, {len(organizations):,} organizations written in "
          f"{time.perf_counter() - start:.0f} s: JSON {document.stat().st_size / 2**20:,.0f} MiB, "
          f"JSON Lines {lines.stat().st_size / 2**20:,.0f} MiB")
    records = len(organizations) + n_members + n_applicants

    members = Timed(province_members(organizations, n=n_members, seed=3))
    applicants = Timed(province_applicants(organizations, n=n_applicants, seed=4))
    start = time.perf_counter()
    check_stream(organizations, members, applicants, as_of=AS_OF)
    check_only = time.perf_counter() - start - members.spent - applicants.spent
    print(f"check only (records as generated): {records / check_only:,.0f} records/s ({check_only:.0f} s)")
    for label, path in (("JSON Lines", lines), ("JSON document", document)):
        wall, peak, code = child("check", str(path), "--as-of", str(AS_OF), "--format", "json", "-o",
                                 str(folder / "report.json"))
        print(f"cpcinfo check, {label}: {records / wall:,.0f} records/s ({wall:.0f} s, exit {code}), "
              f"peak {peak:,.0f} MiB; end-to-end / check-only throughput {check_only / wall:.2f}")


def child_reading(stream: bool, *args: str) -> tuple[float, float, int]:
    """:func:`child`, with every workbook and CSV read row by row (``stream``) or whole; the peak memory is
    the child's own high-water mark (``VmHWM``): a child forked from this process, which holds the
    generated province, would inherit this process's peak in ``ru_maxrss``."""
    limit = 0 if stream else 1 << 62
    peak_file = Path(tempfile.mkstemp(prefix="cpcinfo-peak-")[1])
    code = ("import sys; import cpcinfo.cli._scale as s; from cpcinfo.cli import main; "
            f"s.WORKBOOK_STREAM_ABOVE = s.CSV_STREAM_ABOVE = {limit}\n"
            "try:\n    code = main(sys.argv[1:])\nfinally:\n"
            "    status = open('/proc/self/status').read()\n"
            f"    open({str(peak_file)!r}, 'w').write(status.split('VmHWM:')[1].split()[0])\n"
            "sys.exit(code)")
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    process.wait()
    wall = time.perf_counter() - start
    peak = int(peak_file.read_text() or 0) / 1024
    peak_file.unlink()
    return wall, peak, process.returncode


def tables(n: int) -> None:
    from bench_tabular import write_book

    from cpcinfo.tabular._write import write_csv_folder

    organizations, n_members, n_applicants = province(n)
    base = InfoBase(organizations=organizations, members=tuple(province_members(organizations, n=n_members, seed=3)),
                    applicants=tuple(province_applicants(organizations, n=n_applicants, seed=4)))
    folder = Path(tempfile.mkdtemp(prefix="cpcinfo-tables-"))
    book, csv_folder = folder / "信息库.xlsx", folder / "csv"
    start = time.perf_counter()
    write_book(base, book)
    write_csv_folder(base, csv_folder, encoding="gb18030")
    size = sum(p.stat().st_size for p in csv_folder.iterdir())
    print(f"{n_members:,} members, {n_applicants:,} applicants, {len(organizations):,} organizations written in "
          f"{time.perf_counter() - start:.0f} s: workbook {book.stat().st_size / 2**20:,.1f} MiB, CSV "
          f"{size / 2**20:,.1f} MiB")
    del base
    records = len(organizations) + n_members + n_applicants
    for label, path in (("workbook", book), ("CSV folder", csv_folder)):
        figures = {}
        for stream in (False, True):
            report = folder / f"report-{label}-{stream}.json"
            figures[stream] = child_reading(stream, "check", str(path), "--as-of", str(AS_OF), "--format", "json",
                                            "-o", str(report))
        reports = [(folder / f"report-{label}-{stream}.json").read_bytes() for stream in (False, True)]
        same = reports[0] == reports[1]
        (whole_s, whole_mib, whole_code), (row_s, row_mib, row_code) = figures[False], figures[True]
        print(f"cpcinfo check, {label}: whole {whole_s:.0f} s, peak {whole_mib:,.0f} MiB (exit {whole_code}); "
              f"row by row {row_s:.0f} s, peak {row_mib:,.0f} MiB (exit {row_code}); memory row/whole "
              f"{row_mib / whole_mib:.2f}, time {row_s / whole_s:.2f}; {records / row_s:,.0f} records/s; "
              f"reports {'the same' if same else 'DIFFERENT'}")


def workers(n: int, rounds: int) -> None:
    organizations, n_members, n_applicants = province(n)
    base = InfoBase(organizations=organizations, members=tuple(province_members(organizations, n=n_members, seed=3)),
                    applicants=tuple(province_applicants(organizations, n=n_applicants, seed=4)))
    folder = Path(tempfile.mkdtemp(prefix="cpcinfo-parts-"))
    parts = write_parts(base, folder)
    del base
    print(f"{n_members:,} members in {parts:,} parts (base-level committees and the rest)")
    results = {}
    for r in range(rounds):
        for count in (1, 2):
            start = time.perf_counter()
            results[count] = check_parallel(folder, as_of=AS_OF, workers=count)
            print(f"round {r + 1}: {count} worker(s): {time.perf_counter() - start:.1f} s")
    print(f"results equal: {results[1] == results[2]}")


def nation(n: int) -> None:
    organizations, n_members, n_applicants = province(n)
    base = InfoBase(organizations=organizations, members=tuple(province_members(organizations, n=n_members, seed=3)),
                    applicants=tuple(province_applicants(organizations, n=n_applicants, seed=4)))
    from cpcinfo.checking.partition import base_committees, split

    PartitionedCheck(organizations, as_of=AS_OF).applicant_part(())  # once: the tables, the compiled code
    start = time.perf_counter()
    whole = PartitionedCheck(organizations, as_of=AS_OF)  # what a worker pays per organization: the tree
    prepare = time.perf_counter() - start
    whole.applicant_part(())
    parts = split(base, base_committees(whole.tree), tree=whole.tree)
    start = time.perf_counter()
    firsts = [whole.applicant_part(p.applicants, positions=p.applicant_positions, organizations=p.organizations)
              for p in parts]
    first_time = time.perf_counter() - start
    start = time.perf_counter()
    given = merge(*firsts)
    merge_first = time.perf_counter() - start
    start = time.perf_counter()
    seconds = [whole.member_part(p.members, positions=p.member_positions, given=given) for p in parts]
    second_time = time.perf_counter() - start
    start = time.perf_counter()
    merged = merge(given, *seconds)
    merge_time = time.perf_counter() - start
    start = time.perf_counter()
    result = whole.finish(merged)
    finish_time = time.perf_counter() - start
    start = time.perf_counter()
    single = check_stream(organizations, base.members, base.applicants, as_of=AS_OF)
    single_time = time.perf_counter() - start
    assert single == result
    records = len(organizations) + n_members + n_applicants
    unit = single_time / records  # this run's cost of one record in a single-process check
    parts_cost, merge_cost = (first_time + second_time) / records, (merge_first + merge_time) / records
    finish_cost, tree_cost = finish_time / records, prepare / len(organizations)
    print(f"{len(parts):,} parts, {records:,} records; the single-process check {unit * 1e6:.1f} µs a record "
          f"(results equal)")
    print(f"per record, as multiples of the single check's: partial checks {parts_cost / unit:.2f}, merge "
          f"{merge_cost / unit:.3f}, finish {finish_cost / unit:.3f}; tree {tree_cost / unit:.1f} a organization")
    # The nation, at this run's own single-process rate (the machine's speed is what it is today; issue 13
    # assumed 70,000 records/s, measured when the machine was faster).
    nominal = unit
    national = NATION_MEMBERS * 1.1 + NATION_ORGANIZATIONS
    tree_time = tree_cost / unit * nominal * NATION_ORGANIZATIONS
    merge_nation = merge_cost / unit * nominal * national
    finish_nation = finish_cost / unit * nominal * national
    for cores, label in ((16, "one 16-core machine"), (160, "ten 16-core machines")):
        spread = parts_cost / unit * nominal * national / cores
        merged = merge_nation  # counted as serial: the last merge of a tree reduction handles the whole state
        wall = tree_time + spread + merged + finish_nation
        print(f"nation on {label}: tree {tree_time:.0f} s + parts {spread:.0f} s + merge {merged:.0f} s + "
              f"finish {finish_nation:.0f} s = {wall / 60:.0f} min")


def generate(n: int) -> None:
    from cpcinfo.parallel import write_nation

    print(f"{'members':>10} {'orgs':>9} {'orgs/s':>9} {'members/s':>10} {'applicants/s':>12} {'nation records/s':>16}")
    for members in (n // 4, n // 2, n):
        size = max(100, members // 20)
        start = time.perf_counter()
        organizations = province_organizations(n=size, seed=1)
        orgs_rate = size / (time.perf_counter() - start)
        start = time.perf_counter()
        made = sum(1 for _ in province_members(organizations, n=members, seed=1))
        members_rate = made / (time.perf_counter() - start)
        start = time.perf_counter()
        made = sum(1 for _ in province_applicants(organizations, n=members // 10, seed=1))
        applicants_rate = made / (time.perf_counter() - start)
        with tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            done = write_nation(Path(folder) / "nation", provinces=2, members=members // 2, seed=1)
            spent = time.perf_counter() - start
        nation_rate = (done.organizations + done.members + done.applicants) / spent
        print(f"{members:>10,} {size:>9,} {orgs_rate:>9,.0f} {members_rate:>10,.0f} {applicants_rate:>12,.0f} "
              f"{nation_rate:>16,.0f}", flush=True)


def main() -> None:
    what = sys.argv[1] if len(sys.argv) > 1 else "e2e"
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 2_000_000
    rounds = next((int(a[9:]) for a in sys.argv[1:] if a.startswith("--rounds=")), 2)
    {"e2e": lambda: end_to_end(n), "tables": lambda: tables(n), "workers": lambda: workers(n, rounds),
     "nation": lambda: nation(n), "generate": lambda: generate(n)}[what]()


if __name__ == "__main__":
    main()
