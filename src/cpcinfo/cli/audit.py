"""``cpcinfo audit``: sample, score and grade one unit's database (and the run shared with ``demo``)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from cpcinfo.cli._common import (
    EXIT_FINDINGS,
    EXIT_OK,
    FORMATS,
    Usage,
    add_reporting_options,
    as_of,
    report_unknown_keys,
    ruleset,
    seed,
    tables,
    write,
)


def register(sub: Any) -> None:
    audit = sub.add_parser("audit", help="抽样审核一个单位的信息库并输出评分表")
    audit.add_argument("data", metavar="DATA", help="信息库 JSON 文件（英文或中文键，自动识别）")
    audit.add_argument("--roster", metavar="FILE", help="实际党组织名单 JSON（用于第5、6项）")
    audit.add_argument("--waivers", metavar="FILE", help="允许存在的情况（豁免）JSON")
    audit.add_argument("--seed", default="1", help="抽样种子（默认 1）；同一种子总是抽到同样的样本")
    for population in ("branches", "members", "applicants"):
        audit.add_argument(f"--{population}", type=int, metavar="N",
                           help=f"{population} 抽样数量（不少于规定的最低数量）")
    add_reporting_options(audit)
    audit.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from cpcinfo.io import load_infobase, load_roster, load_waivers

    loaded = load_infobase(args.data)
    report_unknown_keys(loaded)
    roster = load_roster(args.roster) if args.roster else None
    waivers = load_waivers(args.waivers) if args.waivers else ()
    sizes = {p: getattr(args, p) for p in ("branches", "members", "applicants") if getattr(args, p) is not None}
    return run_audit(loaded.infobase, args, roster, waivers, sizes or None, source=args.data)


def run_audit(infobase: Any, args: argparse.Namespace, roster: Any, waivers: Any,
              sizes: dict[str, int] | None = None, source: str = "") -> int:
    """Audit a database already read and write its report; the exit code follows the grade."""
    from cpcinfo.acceptance import Grade, audit

    if sys.stderr.isatty():
        counts = infobase.counts
        sys.stderr.write(f"正在审核：党组织 {counts.organizations:,} 个、党员 {counts.members:,} 名、"
                         f"申请入党人 {counts.applicants:,} 名……\n")
    try:
        result = audit(infobase, as_of=as_of(args.as_of), seed=seed(args.seed), roster=roster, waivers=waivers,
                       sample_sizes=sizes, tables=tables(args.tables), ruleset=ruleset(args.ruleset))
    except ValueError as exc:
        raise Usage(f"{source}: {exc}" if source else str(exc)) from None
    from cpcinfo.report import render_audit

    write(render_audit(result, FORMATS[args.format], mask_ids=not args.show_ids), args.output)
    return EXIT_FINDINGS if result.sheet.grade is Grade.FAIL else EXIT_OK
