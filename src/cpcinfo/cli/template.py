"""``cpcinfo template``: write the empty 采集表 workbook to fill in."""

from __future__ import annotations

import argparse
from typing import Any

from cpcinfo.cli._common import EXIT_OK, Usage, extra, inputs, stage, tables, write
from cpcinfo.cli._help import describe, tr


def register(sub: Any) -> None:
    template = sub.add_parser("template", help=tr("生成空白的采集表工作簿（表头、填写说明、代码下拉列表）",
                                                  "write the empty 采集表 workbook to fill in"))
    describe(template, zh="生成空白的采集表工作簿：每张工作表的表头取自字段表，附「填写说明」，代码、编号列设为"
                          "文本格式，代码列带代码表下拉列表（如「01 汉族」）。填好后可直接用 audit、check 审核。",
             en="Write the empty 采集表 workbook: every sheet's headers from the glossary, a 填写说明 sheet, code "
                "and key columns formatted as text, drop-downs from the code tables on the code columns. Once "
                "filled in, audit and check read it as it is.",
             examples=[("cpcinfo template 采集表.xlsx", "生成空白采集表", "write the empty workbook"),
                       ("cpcinfo template 采集表.xlsx --tables 本省民族.json", "下拉列表用本省的代码表",
                        "drop-downs from the province's own table")])
    template.add_argument("output", metavar="FILE", help=tr("要写入的 .xlsx 文件，如 采集表.xlsx",
                                                            "the .xlsx file to write"))
    template.add_argument("--tables", metavar="FILE", nargs="+", default=(),
                          help=tr("用本省的正式代码表（JSON）替换内置的同名代码表，下拉列表随之改变",
                                  "replace built-in code tables by the province's (JSON); the drop-downs follow"))
    template.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from cpcinfo.tabular.template import template_bytes

    if not args.output.lower().endswith(".xlsx"):
        raise Usage(f"{args.output}: 采集表应写成 .xlsx 文件")
    with stage("读取选项"):
        chosen = tables(args.tables)
    with stage("生成采集表"):
        data = extra(lambda: template_bytes(chosen))
    write(data, args.output, inputs=inputs(args))
    return EXIT_OK
