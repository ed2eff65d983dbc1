"""Two versions of cpcinfo side by side: field validation and the streaming check, round by round.

Run by hand: ``python benchmarks/bench_versions.py OTHER_PYTHON [ORGS] [MEMBERS] [--rounds=N]`` (defaults
2,000 organizations, 60,000 members, 5 rounds). ``OTHER_PYTHON`` is the interpreter of another checkout's
environment (say, the code before a refactor: ``git worktree add ../baseline <commit>``, a venv there with
``pip install -e ../baseline``). Each round runs the same measurement once in this interpreter and once in
the other, alternately, in fresh processes; it prints each figure and, at the end, the median of the
per-round ratios (this version / the other), which is what to read: this machine's speed drifts by 30 % in
minutes, so only figures taken side by side compare. The measurement uses only what both versions offer
(``cpcinfo.demo``'s province generators, ``member.validate`` and friends, ``checking.check_stream``).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys

MEASURE = r"""
import datetime, json, sys, time
from cpcinfo import applicant, member, org
from cpcinfo.checking import check_stream
from cpcinfo.codes import default_tables
from cpcinfo.demo import province_applicants, province_members, province_organizations

n_orgs, n_members = int(sys.argv[1]), int(sys.argv[2])
as_of = datetime.date(2011, 6, 30)
default_tables()["region"]
organizations = province_organizations(n=n_orgs, seed=1)
members = list(province_members(organizations, n=n_members, seed=3))
applicants = list(province_applicants(organizations, n=n_members // 10, seed=4))
for record in members[:1000]:
    member.validate(record, as_of=as_of)
records = len(organizations) + len(members) + len(applicants)
start = time.perf_counter()
for unit in organizations:
    org.validate(unit, as_of=as_of)
for record in members:
    member.validate(record, as_of=as_of)
for record in applicants:
    applicant.validate(record, as_of=as_of)
validation = time.perf_counter() - start
start = time.perf_counter()
result = check_stream(organizations, iter(members), iter(applicants), as_of=as_of)
checking = time.perf_counter() - start
print(json.dumps({"validation": records / validation, "check": records / checking,
                  "findings": len(result.findings)}))
"""


def run(python: str, n_orgs: int, n_members: int) -> dict[str, float]:
    done = subprocess.run([python, "-c", MEASURE, str(n_orgs), str(n_members)], check=True,
                          capture_output=True, text=True)
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    other = sys.argv[1]
    numbers = [int(a) for a in sys.argv[2:] if a.isdigit()]
    rounds = next((int(a[9:]) for a in sys.argv[2:] if a.startswith("--rounds=")), 5)
    n_orgs = numbers[0] if numbers else 2_000
    n_members = numbers[1] if len(numbers) > 1 else 60_000
    ratios: dict[str, list[float]] = {"validation": [], "check": [], "check/validation": []}
    for round_number in range(1, rounds + 1):
        # Alternate which goes first, so that a drift within a round favours neither.
        pair = [("this", sys.executable), ("other", other)]
        if round_number % 2 == 0:
            pair.reverse()
        got = {name: run(python, n_orgs, n_members) for name, python in pair}
        this, that = got["this"], got["other"]
        if this["findings"] != that["findings"]:
            print(f"round {round_number}: the versions disagree: {this['findings']} findings against "
                  f"{that['findings']}")
        ratios["validation"].append(this["validation"] / that["validation"])
        ratios["check"].append(this["check"] / that["check"])
        ratios["check/validation"].append((this["check"] / this["validation"])
                                          / (that["check"] / that["validation"]))
        print(f"round {round_number}: validation {this['validation']:,.0f} against {that['validation']:,.0f} "
              f"records/s; check {this['check']:,.0f} against {that['check']:,.0f} records/s "
              f"({this['findings']:,} findings)")
    for name, values in ratios.items():
        print(f"{name}: this / other = {statistics.median(values):.3f} (median of {len(values)}; "
              f"{min(values):.3f}–{max(values):.3f})")


if __name__ == "__main__":
    main()
