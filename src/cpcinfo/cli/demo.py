"""``cpcinfo demo``: audit the bundled demonstration unit (a university's party committee)."""

from __future__ import annotations

import argparse
from typing import Any

from cpcinfo.cli._common import EXIT_OK, add_reporting_options
from cpcinfo.cli._help import describe, tr
from cpcinfo.cli._listing import add_listing_options

DEMO_AS_OF = "2011-06-30"
"""The demonstration unit's date of inspection (``cpcinfo.demo.university().as_of``; a test keeps them equal)."""


def register(sub: Any) -> None:
    demo = sub.add_parser("demo", help=tr("审核内置的示例单位（某大学党委）并输出评分表",
                                          "audit the bundled demonstration unit (a university)"))
    describe(demo, zh="审核内置的示例单位（某大学党委，约1,500名党员，含有意设置的问题），"
                      "不需要任何输入文件，用来看看评分表和问题清单是什么样子。总是以退出码 0 结束。",
             en="Audit the bundled demonstration unit (a university's party committee, about 1,500 members, "
                "with defects planted on purpose); no input file is needed. Always exits 0.",
             examples=[("cpcinfo demo", "在终端上看示例单位的评分表", "the demo unit's score sheet"),
                       ("cpcinfo demo --findings all", "逐条列出全部问题", "list every finding"),
                       ("cpcinfo demo --format html -o 示例.html", "写成可在浏览器中打开、打印的 HTML 文件",
                        "write an HTML file to open and print in a browser")])
    add_reporting_options(demo, as_of_default=DEMO_AS_OF)
    demo.add_argument("--seed", default="2011", help=tr("抽样种子（默认 2011）", "sampling seed (default: 2011)"))
    add_listing_options(demo)
    demo.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from cpcinfo.cli.audit import run_audit
    from cpcinfo.demo import university

    unit = university()
    args.as_of = args.as_of or unit.as_of.isoformat()
    run_audit(unit.infobase, args, unit.roster, unit.waivers)
    return EXIT_OK
