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
from cpcinfo.cli._help import describe, tr


def register(sub: Any) -> None:
    p = sub.add_parser("diff", help=tr("比较同一单位信息库的两个版本：记录的增删改，问题的整改、新增和仍存在",
                                       "compare two versions of a unit's database: records and findings"))
    describe(p, zh="比较同一单位信息库的新旧两个版本（动态更新）：新增、删除、修改的记录（按记录键，逐个字段），"
                   "以及已整改、新出现、仍存在的问题（按规则和按支部）；--audit 再比较两版的得分和等次。\n"
                   "退出码：0 没有新出现的问题；1 有新出现的问题；2 输入或用法错误。",
             en="Compare two versions of one unit's database: records added, removed and changed (field by field, "
                "by record key) and findings fixed, new and persisting (by rule and by branch); with --audit, the "
                "score and grade then and now.\nExit codes: 0 no new finding, 1 new findings, 2 bad input or usage.",
             examples=[("cpcinfo diff 信息库-3月.json 信息库-6月.json --as-of 2011-06-30",
                        "看改了什么、整改了哪些问题", "what changed and what was fixed"),
                       ("cpcinfo diff 旧.json 新.json --audit --format html -o 对比.html",
                        "同时比较得分，写入 HTML 文件", "with the scores, to an HTML file")])
    p.add_argument("old", metavar="OLD", help=tr("旧版信息库 JSON", "the old version (JSON)"))
    p.add_argument("new", metavar="NEW", help=tr("新版信息库 JSON", "the new version (JSON)"))
    p.add_argument("--audit", action="store_true", help=tr("同时抽样审核两个版本，比较得分和等次",
                                                           "also audit both versions and compare score and grade"))
    p.add_argument("--seed", default="1", help=tr("--audit 的抽样种子（默认 1，两版相同）",
                                                  "sampling seed of --audit (default: 1, the same for both)"))
    p.add_argument("--roster", metavar="FILE", help=tr("实际党组织名单 JSON（用于第5、6项）",
                                                       "roster of the organizations that exist (items 5, 6)"))
    p.add_argument("--waivers", metavar="FILE", help=tr("允许存在的情况（豁免）JSON", "waivers, a JSON file"))
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
          args.output, inputs=[args.old, args.new, args.roster, args.waivers])
    return EXIT_FINDINGS if diff.findings.new else EXIT_OK
