"""``cpcinfo rules``, ``cpcinfo codes`` and ``cpcinfo sample-size``: the reference the library carries."""

from __future__ import annotations

import argparse
from typing import Any

from cpcinfo.cli._common import EXIT_OK, Usage, write


def register(sub: Any) -> None:
    size = sub.add_parser("sample-size", help="最低抽样数量")
    size.add_argument("n", type=int, metavar="N", help="党支部、党员或申请入党人总数（或基层党委数）")
    size.add_argument("--committees", action="store_true", help="N 是基层党委总数：按不少于5%%计算")
    size.set_defaults(run=run_sample_size)

    rules = sub.add_parser("rules", help="列出全部规则，或解释一条规则及其示例")
    rules.add_argument("code", nargs="?", metavar="CODE")
    rules.set_defaults(run=run_rules)

    codes = sub.add_parser("codes", help="列出代码表，或列出一个代码表的全部代码")
    codes.add_argument("table", nargs="?", metavar="TABLE")
    codes.set_defaults(run=run_codes)


def run_sample_size(args: argparse.Namespace) -> int:
    from cpcinfo.acceptance import committee_sample_size, required_sample_size

    try:
        if args.committees:
            print(f"基层党委 {args.n} 个，抽查不少于 {committee_sample_size(args.n)} 个（不少于5%）")
        else:
            print(f"总数 {args.n}，抽查不少于 {required_sample_size(args.n)}")
    except ValueError as exc:
        raise Usage(str(exc)) from None
    return EXIT_OK


def run_rules(args: argparse.Namespace) -> int:
    from cpcinfo.reference import explain_rule, rule_table
    from cpcinfo.rules import registry

    if args.code is None:
        write(rule_table(registry()), None)
        return EXIT_OK
    try:
        rule = registry()[args.code.upper()]
    except KeyError:
        raise Usage(f"没有规则「{args.code}」；用 cpcinfo rules 列出全部规则") from None
    write(explain_rule(rule), None)
    return EXIT_OK


def run_codes(args: argparse.Namespace) -> int:
    from cpcinfo.codes import default_tables
    from cpcinfo.reference import code_table_listing, code_tables_listing

    tables = default_tables()
    if args.table is None:
        write(code_tables_listing(tables), None)
        return EXIT_OK
    if args.table not in tables:
        raise Usage(f"没有代码表「{args.table}」；可用的有：{', '.join(sorted(tables))}")
    write(code_table_listing(tables[args.table]), None)
    return EXIT_OK
