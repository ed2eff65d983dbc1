"""Whole-database check throughput and memory on a generated province.

Run by hand: ``python benchmarks/bench_check.py [ORGS] [MEMBERS] [APPLICANTS]`` (defaults 100,000 / 2,000,000 /
200,000). Prints the tree build-and-check time; the throughput of field validation alone and of the streaming
check over the same database (records/s: organizations, members and applicants; members alone too); and the
process's peak resident memory. Members and applicants are generated one at a time, streamed, and kept by
nothing; the time spent generating them is measured as they are produced and taken out of both figures.
"""

from __future__ import annotations

import datetime
import gc
import resource
import sys
import time
from collections.abc import Iterable, Iterator
from typing import TypeVar

from cpcinfo import applicant, member, org
from cpcinfo.checking import check_stream
from cpcinfo.codes import default_tables
from cpcinfo.demo import province_applicants, province_members, province_organizations
from cpcinfo.org.tree import OrgTree

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


def main() -> None:
    numbers = [int(a) for a in sys.argv[1:] if a.isdigit()]
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
    faults = tree.faults
    print(f"tree: {len(organizations):,} organizations built and checked in {time.perf_counter() - start:.2f} s "
          f"({len(faults)} faults)")

    for record in province_members(organizations, n=1_000, seed=1):  # compile the validators, warm the caches
        member.validate(record, as_of=AS_OF)

    # Field validation alone, of the same database the check reads: every organization, member and applicant.
    members = Timed(province_members(organizations, n=n_members, seed=3))
    applicants = Timed(province_applicants(organizations, n=n_applicants, seed=4))
    start = time.perf_counter()
    for unit in organizations:
        org.validate(unit, as_of=AS_OF)
    org_time = time.perf_counter() - start
    for record in members:
        member.validate(record, as_of=AS_OF)
    member_time = time.perf_counter() - start - org_time - members.spent
    for candidate in applicants:
        applicant.validate(candidate, as_of=AS_OF)
    field_time = time.perf_counter() - start - members.spent - applicants.spent
    records = n_orgs + n_members + n_applicants
    print(f"field validation alone: {records / field_time:,.0f} records/s ({field_time:.1f} s for {n_orgs:,} "
          f"organizations, {n_members:,} members, {n_applicants:,} applicants; members alone "
          f"{n_members / member_time:,.0f}/s; generation excluded)")

    members = Timed(province_members(organizations, n=n_members, seed=3))
    applicants = Timed(province_applicants(organizations, n=n_applicants, seed=4))
    start = time.perf_counter()
    result = check_stream(organizations, members, applicants, as_of=AS_OF)
    check_time = time.perf_counter() - start - members.spent - applicants.spent
    assert result.counts.members + result.counts.applicants + result.counts.organizations == records
    print(f"streaming check: {records / check_time:,.0f} records/s ({check_time:.1f} s, generation excluded: "
          f"{field_time / check_time:.0%} of the throughput of field validation alone); "
          f"{len(result.findings):,} findings")
    print(f"peak memory: {peak_mib():,.0f} MiB")


if __name__ == "__main__":
    main()
