"""``cpcinfo demo``: audit the bundled demonstration unit (a university's party committee)."""

from __future__ import annotations

import argparse
from typing import Any

from cpcinfo.cli._common import EXIT_OK, add_reporting_options


def register(sub: Any) -> None:
    demo = sub.add_parser("demo", help="审核内置的示例单位（某大学党委）并输出评分表")
    add_reporting_options(demo)
    demo.add_argument("--seed", default="2011", help="抽样种子（默认 2011）")
    demo.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from cpcinfo.cli.audit import run_audit
    from cpcinfo.demo import university

    unit = university()
    args.as_of = args.as_of or unit.as_of.isoformat()
    run_audit(unit.infobase, args, unit.roster, unit.waivers)
    return EXIT_OK
