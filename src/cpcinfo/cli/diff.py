"""``cpcinfo diff``: what changed between two versions of one unit's database, and which problems were fixed."""

from __future__ import annotations

import argparse
from typing import Any

from cpcinfo.cli._common import (
    EXIT_FINDINGS,
    EXIT_OK,
    FORMATS,
    Usage,
    add_reporting_options,
    as_of,
    ruleset,
    seed,
    tables,
    write,
)


def register(sub: Any) -> None:
    p = sub.add_parser("diff", help="比较同一单位信息库的两个版本：记录的增删改，问题的整改、新增和仍存在",
                       description="比较同一单位信息库的新旧两个版本（动态更新）。退出码：0 没有新出现的问题；"
                                   "1 有新出现的问题；2 输入错误。")
    p.add_argument("old", metavar="OLD", help="旧版信息库 JSON")
    p.add_argument("new", metavar="NEW", help="新版信息库 JSON")
    p.add_argument("--audit", action="store_true", help="同时抽样审核两个版本，比较得分和等次")
    p.add_argument("--seed", default="1", help="--audit 的抽样种子（默认 1，两版相同）")
    p.add_argument("--roster", metavar="FILE", help="实际党组织名单 JSON（用于第5、6项）")
    p.add_argument("--waivers", metavar="FILE", help="允许存在的情况（豁免）JSON")
    add_reporting_options(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from cpcinfo.history import diff_databases
    from cpcinfo.io import load_roster, load_waivers
    from cpcinfo.region_io import load_database
    from cpcinfo.report.diff import render_diff

    old, new = load_database(args.old), load_database(args.new)
    roster = load_roster(args.roster) if args.roster else None
    waivers = load_waivers(args.waivers) if args.waivers else ()
    try:
        diff = diff_databases(old, new, as_of=as_of(args.as_of), audited=args.audit, seed=seed(args.seed),
                              roster=roster, waivers=waivers, tables=tables(args.tables),
                              ruleset=ruleset(args.ruleset))
    except ValueError as exc:  # --audit of a database with no organization or member
        raise Usage(str(exc)) from None
    write(render_diff(diff, FORMATS[args.format], old_name=args.old, new_name=args.new, mask_ids=not args.show_ids),
          args.output)
    return EXIT_FINDINGS if diff.findings.new else EXIT_OK
