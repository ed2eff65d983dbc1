"""Peak memory per record of reading, checking and reporting a database, as the command does it.

Run by hand: ``python benchmarks/bench_memory.py [MEMBERS] [BARE]`` (defaults 20,000 and 200,000). Three
databases are written to JSON files first; then each is read (``load_infobase``), checked (``check``) and
rendered as a text and a JSON report in a fresh process, which prints the peak of the memory Python
allocated from the start of reading (``tracemalloc``; the one-time setup — code tables, generated validators —
done before), divided by the number of records, and the process's peak resident memory:

- ``clean``: generated members (``province_members``, no defects) of a small generated tree;
- ``worst``: the same members, each with ten fields removed, so that every member has ten or more findings;
- ``bare``: MEMBERS members that are nothing but ``{"id": …}`` (eighteen findings each, issue 10's case),
  and ``bare-big``: BARE of them, checked without rendering (the text and JSON reports of a database with
  millions of findings are themselves gigabytes: rendering is measured on the smaller databases).

Memory is a property of the design, not of the machine's speed, so one run is enough; the figures are
per record, so that a small run predicts a large one (the point: linear in records, a small constant).
"""

from __future__ import annotations

import datetime
import gc
import json
import resource
import subprocess
import sys
import tempfile
import tracemalloc
from pathlib import Path

AS_OF = datetime.date(2011, 6, 30)
REMOVED = ("gender", "ethnicity", "born_on", "native_place", "education_level", "unit_name", "id_number",
           "joined_on", "full_member_on", "join_type")


def peak_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def traced_peak_kib() -> int:
    return tracemalloc.get_traced_memory()[1] // 1024


def write_databases(folder: Path, members: int, bare: int) -> dict[str, Path]:
    from cpcinfo.convert import unstructure
    from cpcinfo.demo import province_members, province_organizations
    from cpcinfo.infobase import InfoBase

    organizations = province_organizations(n=200)
    people = tuple(province_members(organizations, n=members, defect_rate=0.0, as_of=AS_OF))
    clean = unstructure(InfoBase(organizations=organizations, members=people, applicants=()))
    worst = json.loads(json.dumps(clean, ensure_ascii=False))
    for record in worst["members"]:
        for group in ("basic", "standing", "relation"):
            for field in REMOVED:
                record.get(group, {}).pop(field, None)
        record.pop("education", None)
    databases = {"clean": clean, "worst": worst,
                 "bare": {"organizations": clean["organizations"][:1],
                          "members": [{"id": f"M{i:07d}"} for i in range(members)]},
                 "bare-big": {"organizations": clean["organizations"][:1],
                              "members": [{"id": f"M{i:07d}"} for i in range(bare)]}}
    paths = {}
    for name, document in databases.items():
        paths[name] = folder / f"{name}.json"
        paths[name].write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return paths


def measure(path: str, render: bool) -> None:
    """In a fresh process: read, check and render one database; print records, findings and peak KiB."""
    from cpcinfo.checking import check
    from cpcinfo.io import load_infobase
    from cpcinfo.report import render_check

    check(load_infobase(path, max_bytes=2**40).infobase, as_of=AS_OF)  # one-time setup: tables, validators
    gc.collect()
    tracemalloc.start()
    infobase = load_infobase(path, max_bytes=2**40).infobase
    result = check(infobase, as_of=AS_OF)
    checked = traced_peak_kib()
    for format in ("text", "json") if render else ():
        render_check(result, format)
    counts = infobase.counts
    records = counts.organizations + counts.members + counts.applicants
    print(json.dumps({"records": records, "findings": len(result.findings), "check_kib": checked,
                      "report_kib": traced_peak_kib(), "rss_kib": peak_kib()}))


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--measure":
        measure(argv[1], render=argv[2] == "render")
        return 0
    members = int(argv[0]) if argv else 20_000
    bare = int(argv[1]) if len(argv) > 1 else 200_000
    with tempfile.TemporaryDirectory() as folder:
        paths = write_databases(Path(folder), members, bare)
        print(f"{'database':<8} {'records':>9} {'findings':>10} {'per rec':>8} {'bytes/rec':>10} {'bytes/rec':>10}"
              f" {'total':>9}")
        print(f"{'':<8} {'':>9} {'':>10} {'':>8} {'(check)':>10} {'(+report)':>10} {'RSS MiB':>9}")
        for name, path in paths.items():
            render = "check-only" if name == "bare-big" else "render"
            done = subprocess.run([sys.executable, __file__, "--measure", str(path), render], capture_output=True,
                                  text=True, check=False)
            if done.returncode:
                print(f"{name}: {done.stderr.strip().splitlines()[-1]}")
                continue
            figures = json.loads(done.stdout)
            n = figures["records"]
            report = "—" if render == "check-only" else f"{figures['report_kib'] * 1024 / n:,.0f}"
            print(f"{name:<8} {n:>9,} {figures['findings']:>10,} {figures['findings'] / n:>8.1f} "
                  f"{figures['check_kib'] * 1024 / n:>10,.0f} {report:>10} {figures['rss_kib'] / 1024:>9,.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
