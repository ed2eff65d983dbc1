"""``cpcinfo template``: write the empty 采集表 workbook to fill in."""

from __future__ import annotations

import argparse
from typing import Any

from cpcinfo.cli._common import EXIT_OK, Usage, guard_io, tables


def register(sub: Any) -> None:
    template = sub.add_parser("template", help="生成空白的采集表工作簿（表头、填写说明、代码下拉列表）")
    template.add_argument("output", metavar="FILE", help="要写入的 .xlsx 文件，如 采集表.xlsx")
    template.add_argument("--tables", metavar="FILE", nargs="+", default=(),
                          help="用本省的正式代码表（JSON）替换内置的同名代码表，下拉列表随之改变")
    template.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from cpcinfo.tabular.template import write_template

    if not args.output.lower().endswith(".xlsx"):
        raise Usage(f"{args.output}: 采集表应写成 .xlsx 文件")
    guard_io(lambda: write_template(args.output, tables(args.tables)), args.output)
    return EXIT_OK
