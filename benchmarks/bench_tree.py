"""Benchmark: build and check the organization tree of a large database.

Run by hand (not a test)::

    .venv/bin/python benchmarks/bench_tree.py [--size 100000] [--repeat 5]

The generated database has a realistic fan-out: a county committee (地方党委) root, 二级党委 under it,
三级党委 under those, and under each of those 党总支 with several branches plus branches directly under
the committee. It prints the best of ``--repeat`` runs of ``OrgTree.build`` and ``tree_faults`` (the build,
and the build with the faults found), of the roster comparison, and of a 100,000-deep chain.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import TypeVar

from cpcinfo.codes import CodeTables, default_tables
from cpcinfo.org import Organization, OrgBasic
from cpcinfo.org.roster import Roster, RosterEntry
from cpcinfo.org.roster_checks import compare
from cpcinfo.org.tree import OrgTree
from cpcinfo.org.tree_checks import TreeFault, tree_faults

T = TypeVar("T")


def _org(code: str, category: str, parent: str | None, name: str) -> Organization:
    return Organization(parent=parent, basic=OrgBasic(code=code, name=name, category=category))


def realistic(size: int) -> list[Organization]:
    """About ``size`` organizations: root -> 二级党委 -> 三级党委 -> (党总支 -> 党支部) and 党支部."""
    records = [_org("610100", "1", None, "某县委")]
    second_count = 40
    seconds = [f"610100{k:03d}" for k in range(1, second_count + 1)]
    records.extend(_org(code, "611", "610100", f"第{k}二级党委") for k, code in enumerate(seconds, 1))
    k = 0
    while len(records) < size:
        second = seconds[k % second_count]
        third = f"{second}{k // second_count + 1:03d}"
        k += 1
        records.append(_org(third, "611", second, f"{third}党委"))
        for g in range(1, 6):  # five 党总支 with eight branches each
            general = f"{third}{g:03d}"
            records.append(_org(general, "621", third, f"{general}党总支"))
            records.extend(_org(f"{general}{b:03d}", "631", general, f"{general}{b:03d}党支部") for b in range(1, 9))
        records.extend(  # and ten branches directly under the committee
            _org(f"{third}{b:03d}", "632" if b % 3 == 0 else "631", third, f"{third}{b:03d}党支部")
            for b in range(6, 16)
        )
    return records


def chain(depth: int) -> list[Organization]:
    """A chain ``depth`` deep (codes cannot extend their parents', so every link is a preview fault)."""
    return [_org(f"{k:06d}", "611", f"{k - 1:06d}" if k else None, "链") for k in range(depth)]


def checked(records: list[Organization], tables: CodeTables) -> tuple[OrgTree, tuple[TreeFault, ...]]:
    """The tree of ``records`` and its faults."""
    tree = OrgTree.build(records, tables=tables)
    return tree, tree_faults(tree)


def best_of(repeat: int, run: Callable[[], T]) -> tuple[float, T]:
    """The best time of ``repeat`` runs, and the last result."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    tables = default_tables()
    tables["org_category"]  # load the table outside the timings

    records = realistic(args.size)
    seconds, tree = best_of(args.repeat, lambda: OrgTree.build(records, tables=tables))
    print(f"  build: {seconds * 1000:.0f} ms  ({len(records) / seconds:,.0f} nodes/s)")
    seconds, (tree, faults) = best_of(args.repeat, lambda: checked(records, tables))
    depth = max(tree.depth(code) for code in tree)
    print(f"realistic tree: {len(records):,} organizations, depth {depth}, {len(faults)} faults")
    print(f"  build + faults: {seconds * 1000:.0f} ms  ({len(records) / seconds:,.0f} nodes/s)")

    roster = Roster(
        RosterEntry(
            code=str(r.basic.code),
            name=str(r.basic.name),
            category=str(r.basic.category),
            parent=None if r.parent is None else str(r.parent),
        )
        for r in records
        if r.basic is not None
    )
    seconds, differences = best_of(args.repeat, lambda: compare(tree, roster))
    print(f"  roster compare: {seconds * 1000:.0f} ms  ({len(differences)} differences)")

    start = time.perf_counter()
    subtree = tree.subtree_codes("610100")
    branches = tree.branches_under("610100")
    print(
        f"  subtree_codes + branches_under of the root: {(time.perf_counter() - start) * 1000:.0f} ms "
        f"({len(subtree):,} / {len(branches):,})"
    )

    deep = chain(100_000)
    seconds, (_, deep_faults) = best_of(args.repeat, lambda: checked(deep, tables))
    print(f"chain 100,000 deep: build + faults {seconds * 1000:.0f} ms ({len(deep_faults):,} preview faults)")


if __name__ == "__main__":
    main()
