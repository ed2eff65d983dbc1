"""``cpcinfo region``: inspect a whole region or system — every unit, the province's sample, the verdict, the
region report and the draft work report (建库工作总结)."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from cpcinfo.cli._common import EXIT_FINDINGS, EXIT_OK, FORMATS, Usage, as_of, seed, write
from cpcinfo.cli._help import describe, tr

_WORK_REPORT_FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}


def register(sub: Any) -> None:
    p = sub.add_parser("region", help=tr("检查验收一个地区（系统）的全部基层党委，给出建库率、建库合格率和结论",
                                         "inspect a whole region: every unit, the rates and the verdict"))
    describe(p, zh="读取地区目录（每个单位一个目录，含建库情况和信息库；可有 region.json 索引，见 docs/region.md），"
                   "审核每个已建库单位，抽取省委组织部抽查名单（不少于基层党委总数的5%），计算建库率和建库合格率，"
                   "给出结论和汇总报告，并可写出建库工作总结草稿。\n"
                   "退出码：0 地区合格；1 不合格或无法判定；2 输入或用法错误。",
             en="Read a region folder (a folder per unit with its inspection file and database; optionally a "
                "region.json index, see docs/region.md), audit every built unit, draw the province's spot-check "
                "list (at least 5% of the committees), compute the building and pass rates and the verdict, and "
                "write the region report and, if asked, the draft work report.\n"
                "Exit codes: 0 the region passed, 1 failed or undetermined, 2 bad input or usage.",
             examples=[("cpcinfo region 宝鸡市/ --as-of 2011-05-31", "在终端上看结论和各单位情况",
                        "the verdict and the table of units"),
                       ("cpcinfo region 宝鸡市/ --workers 2 --format html -o 汇总.html --work-report 总结.md",
                        "两个进程审核，写出 HTML 汇总和工作总结草稿",
                        "two processes, an HTML report and the draft work report"),
                       ("cpcinfo region 宝鸡市/ --previous 汇总-上次.json", "与上次的 JSON 汇总比较",
                        "compare with the last JSON report")])
    p.add_argument("directory", metavar="DIR", help=tr("地区目录", "the region folder"))
    p.add_argument("--seed", help=tr("地区的随机种子（默认取 region.json 中的种子，否则为 1）；"
                                     "各单位的种子由它和单位代码派生",
                                     "the region's seed (default: region.json's, else 1); each unit's seed is "
                                     "derived from it and the unit's code"))
    p.add_argument("--as-of", metavar="DATE", help=tr("检查日期 YYYY-MM-DD（默认今天）",
                                                      "date of the check, YYYY-MM-DD (default: today)"))
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help=tr("同时审核的进程数（默认 1）", "processes auditing at once (default: 1)"))
    p.add_argument("--province-sample", type=int, metavar="N",
                   help=tr("省委组织部抽查的单位数（不少于基层党委总数的5%%，默认即最低数）",
                           "units in the province's spot check (at least 5%% of the committees, the default)"))
    p.add_argument("--format", choices=sorted([*FORMATS, "xlsx"]), default="text",
                   help=tr("汇总报告的格式（默认 text；xlsx 需 -o 和 cpcinfo[excel]，pdf 需 -o 和 cpcinfo[pdf]）",
                           "format of the region report (default: text; xlsx needs -o and cpcinfo[excel], "
                           "pdf needs -o and cpcinfo[pdf])"))
    p.add_argument("-o", "--output", metavar="FILE",
                   help=tr("汇总报告写入文件而不是标准输出", "write the region report to FILE, not stdout"))
    p.add_argument("--work-report", metavar="FILE", help=tr("同时写出建库工作总结草稿（.md 或 .html）",
                                                            "also write the draft work report (.md or .html)"))
    p.add_argument("--previous", metavar="REPORT",
                   help=tr("上次的地区汇总 JSON（--format json 的输出），用于比较",
                           "the last region report in JSON (--format json), to compare with"))
    p.add_argument("--ruleset", choices=["shaanxi-2011", "current"], default="shaanxi-2011",
                   help=tr("规则集（默认 shaanxi-2011）", "rule set (default: shaanxi-2011)"))
    p.add_argument("--tables", metavar="FILE", nargs="+", default=(),
                   help=tr("替换内置代码表的本省正式代码表（JSON）", "official code tables replacing the bundled ones"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from cpcinfo.acceptance.region import RegionStatus
    from cpcinfo.acceptance.regional import compare_regions
    from cpcinfo.io import InputError, load_json
    from cpcinfo.region_io import inspect_region
    from cpcinfo.report.region import render_region, units_from_region_dict
    from cpcinfo.report.work_report import render_work_report

    if args.format in ("xlsx", "pdf") and not args.output:
        raise Usage(tr(f"--format {args.format} 须用 -o 指定输出文件", f"--format {args.format} needs -o FILE"))
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
    sources = [args.previous, str(args.directory)]
    if args.format == "xlsx":
        from cpcinfo.report.region import region_workbook
        from cpcinfo.tabular import MissingExtra

        try:
            report: str | bytes = region_workbook(result, changes=changes)
        except MissingExtra as exc:
            raise Usage(str(exc)) from None
    elif args.format == "pdf":  # the HTML document laid out by its own print stylesheet, as the score sheet is
        from cpcinfo.report.pdf import PdfUnavailable, document_pdf

        try:
            report = document_pdf(render_region(result, "html", changes=changes))
        except PdfUnavailable as exc:
            raise Usage(str(exc)) from None
    else:
        report = render_region(result, FORMATS[args.format], changes=changes)
    write(report, args.output, inputs=sources)
    if args.work_report and work_format:
        write(render_work_report(result, work_format), args.work_report, inputs=[*sources, args.output])
    return EXIT_OK if result.verdict.status is RegionStatus.PASSED else EXIT_FINDINGS
