"""``cpcinfo region``: inspect a whole region or system — every unit, the province's sample, the verdict, the
region report and the draft work report (建库工作总结)."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from cpcinfo.cli._common import EXIT_FINDINGS, EXIT_OK, FORMATS, Usage, as_of, seed, write

_WORK_REPORT_FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}


def register(sub: Any) -> None:
    p = sub.add_parser("region", help="检查验收一个地区（系统）的全部基层党委，给出建库率、建库合格率和结论",
                       description="读取地区目录（每个单位一个目录，含建库情况和信息库；可有 region.json 索引），"
                                   "审核每个已建库单位，抽取省委组织部抽查名单，计算建库率、建库合格率并给出结论。")
    p.add_argument("directory", metavar="DIR", help="地区目录")
    p.add_argument("--seed", help="地区的随机种子（默认取 region.json 中的种子，否则为 1）；"
                                  "各单位的种子由它和单位代码派生")
    p.add_argument("--as-of", metavar="DATE", help="检查日期 YYYY-MM-DD（默认今天）")
    p.add_argument("--workers", type=int, default=1, metavar="N", help="同时审核的进程数（默认 1）")
    p.add_argument("--province-sample", type=int, metavar="N",
                   help="省委组织部抽查的单位数（不少于基层党委总数的5%，默认即最低数）")
    p.add_argument("--format", choices=sorted(FORMATS), default="text", help="汇总报告的格式（默认 text）")
    p.add_argument("-o", "--output", metavar="FILE", help="汇总报告写入文件而不是标准输出")
    p.add_argument("--work-report", metavar="FILE", help="同时写出建库工作总结草稿（.md 或 .html）")
    p.add_argument("--previous", metavar="REPORT", help="上次的地区汇总 JSON（--format json 的输出），用于比较")
    p.add_argument("--ruleset", choices=["shaanxi-2011", "current"], default="shaanxi-2011",
                   help="规则集（默认 shaanxi-2011）")
    p.add_argument("--tables", metavar="FILE", nargs="+", default=(), help="替换内置代码表的本省正式代码表（JSON）")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from cpcinfo.acceptance.region import RegionStatus
    from cpcinfo.acceptance.regional import compare_regions
    from cpcinfo.io import InputError, load_json
    from cpcinfo.region_io import inspect_region
    from cpcinfo.report.region import render_region, units_from_region_dict
    from cpcinfo.report.work_report import render_work_report

    if args.workers < 1:
        raise Usage(f"--workers 须为正整数，实际为 {args.workers}")
    work_format = None
    if args.work_report:
        work_format = _WORK_REPORT_FORMATS.get(os.path.splitext(args.work_report)[1].lower())
        if work_format is None:
            raise Usage(f"--work-report「{args.work_report}」的扩展名应为 .md 或 .html")
    previous = None
    if args.previous:
        try:
            previous = units_from_region_dict(load_json(args.previous))
        except ValueError as exc:
            raise InputError(args.previous, str(exc)) from None
    if sys.stderr.isatty():
        sys.stderr.write(f"正在检查验收地区目录 {args.directory}……\n")
    try:
        result = inspect_region(args.directory, as_of=as_of(args.as_of),
                                seed=seed(args.seed) if args.seed is not None else None, workers=args.workers,
                                province_sample_size=args.province_sample, ruleset=args.ruleset,
                                table_paths=tuple(args.tables))
    except ValueError as exc:  # a province sample below the minimum or above the units there are
        raise Usage(str(exc)) from None
    changes = compare_regions(previous, result) if previous is not None else None
    write(render_region(result, FORMATS[args.format], changes=changes), args.output)
    if args.work_report and work_format:
        write(render_work_report(result, work_format), args.work_report)
    return EXIT_OK if result.verdict.status is RegionStatus.PASSED else EXIT_FINDINGS
