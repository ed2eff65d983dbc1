"""``cpcinfo audit``: sample, score and grade one unit's database (and the run shared with ``demo``)."""

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
    is_terminal,
    load_input,
    ruleset,
    seed,
    stage,
    tables,
    write_report,
)
from cpcinfo.cli._help import describe, tr
from cpcinfo.cli._listing import add_listing_options
from cpcinfo.cli._rules import add_rules_option, user_rules
from cpcinfo.cli._scale import add_scale_options, check_in_parts, parallel

_POPULATIONS = {"branches": ("党支部", "branches"), "members": ("党员", "members"),
                "applicants": ("申请入党人", "applicants")}


def register(sub: Any) -> None:
    audit = sub.add_parser("audit", help=tr("抽样审核一个单位的信息库并输出评分表",
                                            "sample, score and grade one unit's database"))
    describe(audit, zh="按陕组办字〔2011〕10号审核一个单位的党员信息库：抽取党支部、党员、申请入党人样本，"
                       "对照113条规则检查，填写20项评分表并评定等次（优秀、合格、不合格）。\n"
                       "退出码：0 合格或优秀；1 不合格；2 输入或用法错误。",
             en="Audit one unit's party member database under Shaanxi's rules of 2011: draw the samples of "
                "branches, members and applicants, check them against the 113 rules, fill in the 20-item "
                "score sheet and grade it.\nExit codes: 0 passed, 1 failed, 2 bad input or usage.",
             examples=[("cpcinfo audit 信息库.json", "在终端上看评分表和问题计数", "the score sheet and the counts"),
                       ("cpcinfo audit 信息库.json --findings counted", "再逐条列出计入评分的问题",
                        "and list the findings that count"),
                       ("cpcinfo audit 信息库.json --roster 名单.json --as-of 2011-06-30 -o 评分表.html",
                        "比对实际党组织名单，把完整报告写入 HTML 文件",
                        "compare with the roster and write the whole report to an HTML file")])
    audit.add_argument("data", metavar="DATA",
                       help=tr("信息库：JSON 文件（英文或中文键，自动识别）、采集表 .xlsx、CSV 文件或 CSV 目录",
                               "the database: JSON (English or Chinese keys), a .xlsx workbook, CSV or a CSV folder"))
    audit.add_argument("--roster", metavar="FILE",
                       help=tr("实际党组织名单 JSON（用于第5、6项；默认用采集表中的「实际党组织名单」表）",
                               "roster of the organizations that exist (items 5, 6; default: the workbook's)"))
    audit.add_argument("--waivers", metavar="FILE",
                       help=tr("允许存在的情况（豁免）JSON（默认用采集表中的「豁免」表）",
                               "waivers, a JSON file (default: the workbook's)"))
    audit.add_argument("--seed", default="1", help=tr("抽样种子（默认 1）；同一种子总是抽到同样的样本",
                                                      "sampling seed (default: 1); a seed always draws the same"))
    for population, (zh, en) in _POPULATIONS.items():
        audit.add_argument(f"--{population}", type=int, metavar="N",
                           help=tr(f"{zh}抽样数量（不少于规定的最低数量）",
                                   f"how many {en} to sample (at least the required minimum)"))
    add_rules_option(audit)
    add_reporting_options(audit)
    add_table_options(audit)
    add_listing_options(audit)
    add_reading_options(audit)
    add_scale_options(audit)
    audit.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with stage("读取输入"):
        database = load_input(args)
    sizes = {p: getattr(args, p) for p in ("branches", "members", "applicants") if getattr(args, p) is not None}
    return run_audit(database.infobase, args, database.roster, database.waivers, sizes or None, source=args.data,
                     database=database)


def run_audit(infobase: Any, args: argparse.Namespace, roster: Any, waivers: Any,
              sizes: dict[str, int] | None = None, source: str = "", database: Any = None) -> int:
    """Audit a database already read and write its report; the exit code follows the grade."""
    from cpcinfo.acceptance import EmptyInfoBaseError, Grade, SampleSizeError, audit
    from cpcinfo.checking import WaiverError
    from cpcinfo.io import InputError

    day, chosen_seed = as_of(args.as_of), seed(args.seed)
    extra_rules = user_rules(args)
    with stage("读取选项"):
        chosen_tables, chosen_ruleset = tables(args.tables), ruleset(args.ruleset)
    if is_terminal(sys.stderr):
        counts = infobase.counts
        sys.stderr.write(f"正在审核：党组织 {counts.organizations:,} 个、党员 {counts.members:,} 名、"
                         f"申请入党人 {counts.applicants:,} 名……\n")
    try:
        with stage("审核（检查、抽样、评分）"):
            settings = dict(as_of=day, roster=roster, waivers=waivers, tables=chosen_tables, ruleset=chosen_ruleset,
                            rules=extra_rules)
            checked = check_in_parts(infobase, args, **settings) \
                if hasattr(args, "scheduler") and parallel(args) else None
            result = audit(infobase, seed=chosen_seed, sample_sizes=sizes, checked=checked, **settings)
    except Exception as exc:
        cause = exc.__cause__ if exc.__cause__ is not None else exc
        if isinstance(cause, SampleSizeError):
            raise Usage(f"--branches/--members/--applicants：{cause}") from None
        if isinstance(cause, EmptyInfoBaseError | WaiverError):
            raise InputError(source or "信息库", str(cause)) from None
        raise
    write_report(result, args, database if database is not None else infobase)
    return EXIT_FINDINGS if result.sheet.grade is Grade.FAIL else EXIT_OK
