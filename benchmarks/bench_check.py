"""Whole-database check throughput and memory on a generated province.

Run by hand: ``python benchmarks/bench_check.py [ORGS] [MEMBERS] [APPLICANTS] [--rounds=N] [--freeze]
[--ignore=CODE,...]`` (defaults 100,000 / 2,000,000 / 200,000, one round). Prints the tree build-and-check
time; then, round by round, the throughput of field validation alone and of the streaming check over the same
database (records/s over organizations, members and applicants) and their ratio; and the peak resident memory.
Members and applicants are generated one at a time, streamed, and kept by nothing; the time spent generating
them is measured as they are produced and taken out of both figures. This machine's speed drifts by 10–20 %
from minute to minute: several rounds, alternating the two, show how far a single ratio can be trusted.
"""

from __future__ import annotations

import datetime
import gc
import resource
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

from cpcinfo import applicant, member, org
from cpcinfo.checking import check_stream
from cpcinfo.codes import default_tables
from cpcinfo.demo import province_applicants, province_members, province_organizations
from cpcinfo.org import Organization
from cpcinfo.org.tree import OrgTree
from cpcinfo.org.tree_checks import tree_faults

AS_OF = datetime.date(2011, 6, 30)
T = TypeVar("T")


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Timed(Iterator[T]):
    """An iterator that adds up the time spent producing its items (generating the records), so that it can
    be taken out of the check's time exactly rather than estimated from another run."""

    def __init__(self, items: Iterable[T]) -> None:
        self._items = iter(items)
        self.spent = 0.0

    def __next__(self) -> T:
        start = time.perf_counter()
        try:
            return next(self._items)
        finally:
            self.spent += time.perf_counter() - start


class CollectorClock:
    """The time the cyclic garbage collector runs, by generation (gc.callbacks), between two readings."""

    def __init__(self) -> None:
        self.spent = [0.0, 0.0, 0.0]
        self._started = 0.0
        gc.callbacks.append(self._tick)

    def _tick(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.spent[info["generation"]] += time.perf_counter() - self._started

    def reading(self) -> str:
        figures = ", ".join(f"{s:.1f}" for s in self.spent)
        self.spent = [0.0, 0.0, 0.0]
        return f"garbage collection {figures} s by generation"


def field_validation(organizations: Sequence[Organization], n_members: int, n_applicants: int) -> float:
    """Seconds of field validation of every record of the database the check reads, generation excluded."""
    members = Timed(province_members(organizations, n=n_members, seed=3))
    applicants = Timed(province_applicants(organizations, n=n_applicants, seed=4))
    start = time.perf_counter()
    for unit in organizations:
        org.validate(unit, as_of=AS_OF)
    for record in members:
        member.validate(record, as_of=AS_OF)
    for candidate in applicants:
        applicant.validate(candidate, as_of=AS_OF)
    return time.perf_counter() - start - members.spent - applicants.spent


def main() -> None:
    numbers = [int(a) for a in sys.argv[1:] if a.isdigit()]
    # --ignore=CODE,CODE leaves rules out of the check (to see what they cost).
    ignore = [code for a in sys.argv[1:] if a.startswith("--ignore=") for code in a[9:].split(",")]
    rounds = next((int(a[9:]) for a in sys.argv[1:] if a.startswith("--rounds=")), 1)
    n_orgs = numbers[0] if numbers else 100_000
    n_members = numbers[1] if len(numbers) > 1 else 2_000_000
    n_applicants = numbers[2] if len(numbers) > 2 else n_members // 10
    default_tables()["region"]  # load the tables outside the timings

    organizations = province_organizations(n=n_orgs, seed=1)
    if "--freeze" in sys.argv:
        # The organizations live for the whole run: keep the cyclic collector from rescanning them.
        gc.freeze()
    start = time.perf_counter()
    tree = OrgTree.build(organizations)
    faults = tree_faults(tree)
    print(f"tree: {len(organizations):,} organizations built and checked in {time.perf_counter() - start:.2f} s "
          f"({len(faults)} faults)")

    for record in province_members(organizations, n=1_000, seed=1):  # compile the validators, warm the caches
        member.validate(record, as_of=AS_OF)

    collector = CollectorClock()
    records = n_orgs + n_members + n_applicants
    best_field = best_check = float("inf")
    for round_number in range(1, rounds + 1):
        field_time = field_validation(organizations, n_members, n_applicants)
        print(f"round {round_number}: field validation alone: {records / field_time:,.0f} records/s "
              f"({field_time:.1f} s; {collector.reading()})")
        members = Timed(province_members(organizations, n=n_members, seed=3))
        applicants = Timed(province_applicants(organizations, n=n_applicants, seed=4))
        start = time.perf_counter()
        result = check_stream(organizations, members, applicants, as_of=AS_OF, ignore=ignore)
        check_time = time.perf_counter() - start - members.spent - applicants.spent
        assert result.counts.members + result.counts.applicants + result.counts.organizations == records
        print(f"round {round_number}: streaming check: {records / check_time:,.0f} records/s ({check_time:.1f} s; "
              f"{field_time / check_time:.0%} of the throughput of field validation alone; "
              f"{len(result.findings):,} findings; {collector.reading()})")
        best_field, best_check = min(best_field, field_time), min(best_check, check_time)
        del result
    if rounds > 1:
        print(f"best of {rounds} rounds: field validation alone {records / best_field:,.0f} records/s, check "
              f"{records / best_check:,.0f} records/s: {best_field / best_check:.0%}")
    print(f"peak memory: {peak_mib():,.0f} MiB")


if __name__ == "__main__":
    main()
