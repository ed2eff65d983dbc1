"""``cpcinfo check``: every record of a database, no sample, every finding."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from cpcinfo.cli._common import (
    EXIT_FINDINGS,
    EXIT_OK,
    Usage,
    add_reading_options,
    add_reporting_options,
    add_table_options,
    as_of,
    load_input,
    progress,
    ruleset,
    stage,
    tables,
    write_report,
)
from cpcinfo.cli._help import describe, tr
from cpcinfo.cli._rules import add_rules_option, user_rules
from cpcinfo.cli._scale import (
    add_scale_options,
    check_in_parts,
    check_streamed,
    open_streamed,
    parallel,
    parts_folder,
    streamed_database,
    streams,
)


def register(sub: Any) -> None:
    check = sub.add_parser("check", help=tr("检查整个信息库的每条记录（不抽样），列出全部问题",
                                            "check every record of a database (no sample), list every finding"))
    describe(check, zh="检查信息库的每一条记录（不抽样、不评分），列出全部问题，供单位在迎检前自查整改。\n"
                       "退出码：0 没有计入的问题；1 有计入的问题；2 输入或用法错误。",
             en="Check every record of a database (no sample, no score) and list every finding, for a unit "
                "to clean its data before the inspection.\nExit codes: 0 nothing counted, 1 findings that "
                "count, 2 bad input or usage.",
             examples=[("cpcinfo check 信息库.json", "列出全部问题", "list every finding"),
                       ("cpcinfo check 信息库.json --select MEM1 --format md -o 党员问题.md",
                        "只运行 MEM1 开头的规则，写成 Markdown", "only the rules MEM1…, as Markdown")])
    check.add_argument("data", metavar="DATA",
                       help=tr("信息库：JSON 文件、采集表 .xlsx、CSV 文件或 CSV 目录；大库用 JSON Lines（.jsonl）"
                               "或分块目录（organizations.jsonl 与各块的 members.jsonl）",
                               "the database: JSON, a .xlsx workbook, CSV or a CSV folder; for big ones JSON "
                               "Lines (.jsonl) or a folder of parts"))
    check.add_argument("--roster", metavar="FILE",
                       help=tr("实际党组织名单 JSON（默认用采集表中的「实际党组织名单」表）",
                               "roster of the organizations (default: the workbook's)"))
    check.add_argument("--waivers", metavar="FILE", help=tr("豁免 JSON（默认用采集表中的「豁免」表）",
                                                            "waivers, a JSON file (default: the workbook's)"))
    check.add_argument("--select", nargs="+", metavar="CODE",
                       help=tr("只运行这些规则（代码或前缀；可选中预览规则）",
                               "run only these rules (codes or prefixes; may select preview rules)"))
    check.add_argument("--ignore", nargs="+", metavar="CODE",
                       help=tr("不运行这些规则（代码或前缀）", "do not run these rules (codes or prefixes)"))
    add_rules_option(check)
    add_reporting_options(check)
    add_table_options(check)
    add_reading_options(check)
    add_scale_options(check)
    check.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from cpcinfo.checking import WaiverError, check_stream
    from cpcinfo.io import InputError, load_roster, load_waivers
    from cpcinfo.rules import SelectionError

    day = as_of(args.as_of)
    in_parts, streamed = parallel(args), streams(args.data)
    extra_rules = user_rules(args)
    source = None
    with stage("读取输入"):
        if in_parts and parts_folder(args.data):
            database = None  # read record by record by each worker
            roster = load_roster(args.roster) if args.roster else None
            waivers = load_waivers(args.waivers) if args.waivers else ()
        elif streamed and not in_parts:
            database = None  # read record by record by this process
            source = open_streamed(args)
            roster = load_roster(args.roster) if args.roster else source.roster
            waivers = load_waivers(args.waivers) if args.waivers else source.waivers
        else:
            database = load_input(args)
            base, roster, waivers = database.infobase, database.roster, database.waivers
        settings = dict(as_of=day, tables=tables(args.tables), ruleset=ruleset(args.ruleset), select=args.select,
                        ignore=args.ignore, rules=extra_rules, waivers=waivers, roster=roster)
    try:
        with stage("检查"):
            if source is not None:
                result = check_streamed(source, args.data, **settings)
            elif database is None:
                result = check_in_parts(args.data, args, **settings)
            elif in_parts:
                result = check_in_parts(base, args, **settings)
            else:
                result = check_stream(base.organizations, progress(base.members, "党员", sys.stderr),
                                      progress(base.applicants, "申请入党人", sys.stderr), **settings)
    except Exception as exc:
        cause = exc.__cause__ if exc.__cause__ is not None else exc
        if isinstance(cause, SelectionError):
            raise Usage(f"--select/--ignore：{cause}") from None
        if isinstance(cause, WaiverError):
            raise InputError(args.waivers or args.data, str(cause)) from None
        raise
    if database is None:
        database = source.database(roster, waivers) if source is not None else streamed_database(roster, waivers)
    write_report(result, args, database)
    return EXIT_FINDINGS if result.counted else EXIT_OK
