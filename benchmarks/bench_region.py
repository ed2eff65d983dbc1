"""The inspection of a whole region: units per second, peak memory, 1 process against 2.

Run by hand: ``python benchmarks/bench_region.py [UNITS] [MEMBERS_PER_UNIT] [--rounds=N] [--dir=PATH]``
(defaults 200 units × 2,000 members and 200 applicants each — 400,000 members in all — one round). It writes
the region once (the time is printed, not counted), then, round by round and side by side in one run:

- ``units``: every unit read and audited one after another in one process, each timed alone — the sum of
  the unit audits, the cost a region run cannot go below;
- ``region×1``: ``cpcinfo.region_io.inspect_region`` with one process (the whole run: reading the layout, the
  inspection files, every audit, the province's sample, the verdict);
- ``region×2``: the same with a pool of two processes (``concurrent.futures.ProcessPoolExecutor``).

Each measurement runs in a fresh interpreter so that its peak resident memory (its own, and its pool
workers' largest) is its own. The target is ``region×1 ≤ 1.10 × units`` and ``region×2`` close to half of
``region×1`` on two free cores. This machine is shared and its speed drifts by 30 % within minutes: the
ratios are taken within one round, and several rounds show how far one ratio can be trusted.
"""

from __future__ import annotations

import datetime
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

AS_OF = datetime.date(2011, 6, 30)


def _peaks() -> dict[str, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"peak_mib": own, "worker_peak_mib": children}


def measure(mode: str, root: str) -> dict[str, float]:
    """One measurement, in this interpreter (called in a fresh one by :func:`main`)."""
    from cpcinfo.acceptance import audit
    from cpcinfo.acceptance.regional import unit_seed
    from cpcinfo.region_io import inspect_region, load_database, read_region

    start = time.perf_counter()
    if mode == "units":
        layout = read_region(root)
        seed = layout.seed if layout.seed is not None else 1
        total = 0.0
        for files in layout.units:
            if files.database is None:
                continue
            one = time.perf_counter()
            base = load_database(files.database)
            audit(base, as_of=AS_OF, seed=unit_seed(seed, files.name))
            total += time.perf_counter() - one
        return {"seconds": total, "wall": time.perf_counter() - start, **_peaks()}
    workers = int(mode.removeprefix("region×"))
    result = inspect_region(root, as_of=AS_OF, workers=workers)
    assert all(u.inspected for u in result.units), [u.reason for u in result.units if not u.inspected]
    return {"seconds": time.perf_counter() - start, "wall": time.perf_counter() - start, **_peaks()}


def write(root: Path, units: int, members: int) -> float:
    from cpcinfo.demo._region_units import UnitPlan, region_units
    from cpcinfo.region_io import write_region

    start = time.perf_counter()
    plan = UnitPlan(members=members, applicants=members // 10, defect_rate=0.05)
    made = ((u.inspection, u.infobase) for u in region_units([plan] * units, seed=2011))
    write_region(root, made, region="基准市", seed=2011)
    return time.perf_counter() - start


def _run(mode: str, root: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "--measure", mode, str(root)], check=True, capture_output=True,
                         text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main(argv: list[str]) -> None:
    if argv[:1] == ["--measure"]:
        print(json.dumps(measure(argv[1], argv[2])))
        return
    numbers = [a for a in argv if not a.startswith("--")]
    options = dict(a.removeprefix("--").split("=", 1) for a in argv if a.startswith("--"))
    units = int(numbers[0]) if numbers else 200
    members = int(numbers[1]) if len(numbers) > 1 else 2000
    rounds = int(options.get("rounds", 1))
    with tempfile.TemporaryDirectory(dir=options.get("dir")) as scratch:
        root = Path(scratch) / "region"
        written = write(root, units, members)
        size = sum(p.stat().st_size for p in root.rglob("*.json")) / 2**20
        print(f"region: {units} units × {members:,} members (+{members // 10:,} applicants) = {units * members:,} "
              f"members; written in {written:.1f} s, {size:,.0f} MiB of JSON; cpus: {os.cpu_count()}")
        ratios: dict[str, list[float]] = {"region×1/units": [], "region×2/region×1": []}
        for number in range(1, rounds + 1):
            got = {mode: _run(mode, root) for mode in ("units", "region×1", "region×2")}
            for mode, m in got.items():
                print(f"round {number} {mode:9}: {m['seconds']:7.1f} s  {units / m['seconds']:6.2f} units/s  "
                      f"peak {m['peak_mib']:6.0f} MiB (workers {m['worker_peak_mib']:.0f} MiB)")
            ratios["region×1/units"].append(got["region×1"]["seconds"] / got["units"]["seconds"])
            ratios["region×2/region×1"].append(got["region×2"]["seconds"] / got["region×1"]["seconds"])
            print(f"round {number} ratios: region×1/units {ratios['region×1/units'][-1]:.3f} (target ≤ 1.10), "
                  f"region×2/region×1 {ratios['region×2/region×1'][-1]:.3f} (0.5 on two free cores)")
        if rounds > 1:
            for name, values in ratios.items():
                print(f"median {name}: {statistics.median(values):.3f} (from {min(values):.3f} to {max(values):.3f})")


if __name__ == "__main__":
    main(sys.argv[1:])
