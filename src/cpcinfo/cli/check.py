"""``cpcinfo check``: every record of a database, no sample, every finding."""

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
    progress,
    ruleset,
    tables,
    write_report,
)


def register(sub: Any) -> None:
    check = sub.add_parser("check", help="检查整个信息库的每条记录（不抽样），列出全部问题")
    check.add_argument("data", metavar="DATA", help="信息库：JSON 文件、采集表 .xlsx、CSV 文件或 CSV 目录")
    check.add_argument("--roster", metavar="FILE", help="实际党组织名单 JSON（默认用采集表中的「实际党组织名单」表）")
    check.add_argument("--waivers", metavar="FILE", help="豁免 JSON（默认用采集表中的「豁免」表）")
    check.add_argument("--select", nargs="+", metavar="CODE", help="只运行这些规则（代码或前缀；可选中预览规则）")
    check.add_argument("--ignore", nargs="+", metavar="CODE", help="不运行这些规则（代码或前缀）")
    add_reporting_options(check)
    check.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from cpcinfo.checking import WaiverError, check_stream

    database = load_input(args)
    base = database.infobase
    try:
        result = check_stream(base.organizations, progress(base.members, "党员", sys.stderr),
                              progress(base.applicants, "申请入党人", sys.stderr), as_of=as_of(args.as_of),
                              tables=tables(args.tables), ruleset=ruleset(args.ruleset), select=args.select,
                              ignore=args.ignore, waivers=database.waivers, roster=database.roster)
    except (WaiverError, ValueError) as exc:
        raise Usage(str(exc)) from None
    write_report(result, args, database)
    return EXIT_FINDINGS if result.counted else EXIT_OK
