"""``cpcinfo audit``: sample, score and grade one unit's database (and the run shared with ``demo``)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from cpcinfo.cli._common import (
    EXIT_FINDINGS,
    EXIT_OK,
    Usage,
    add_reporting_options,
    as_of,
    load_input,
    ruleset,
    seed,
    tables,
    write_report,
)


def register(sub: Any) -> None:
    audit = sub.add_parser("audit", help="抽样审核一个单位的信息库并输出评分表")
    audit.add_argument("data", metavar="DATA",
                       help="信息库：JSON 文件（英文或中文键，自动识别）、采集表 .xlsx、CSV 文件或 CSV 目录")
    audit.add_argument("--roster", metavar="FILE",
                       help="实际党组织名单 JSON（用于第5、6项；默认用采集表中的「实际党组织名单」表）")
    audit.add_argument("--waivers", metavar="FILE", help="允许存在的情况（豁免）JSON（默认用采集表中的「豁免」表）")
    audit.add_argument("--seed", default="1", help="抽样种子（默认 1）；同一种子总是抽到同样的样本")
    for population in ("branches", "members", "applicants"):
        audit.add_argument(f"--{population}", type=int, metavar="N",
                           help=f"{population} 抽样数量（不少于规定的最低数量）")
    add_reporting_options(audit)
    audit.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    database = load_input(args)
    sizes = {p: getattr(args, p) for p in ("branches", "members", "applicants") if getattr(args, p) is not None}
    return run_audit(database.infobase, args, database.roster, database.waivers, sizes or None, source=args.data,
                     database=database)


def run_audit(infobase: Any, args: argparse.Namespace, roster: Any, waivers: Any,
              sizes: dict[str, int] | None = None, source: str = "", database: Any = None) -> int:
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
    write_report(result, args, database if database is not None else infobase)
    return EXIT_FINDINGS if result.sheet.grade is Grade.FAIL else EXIT_OK
