"""The ``cpcinfo`` command: the edge where files, the clock and the terminal meet the core.

Exit codes:

- ``0`` — done; for ``audit`` the grade is 合格 or 优秀, for ``check`` nothing counted was found; ``demo``
  always (its unit fails on purpose: it is a demonstration, not a verdict);
- ``1`` — ``audit``: the grade is 不合格; ``check``: findings that count were found;
- ``2`` — bad input or usage: a missing file, broken JSON, a document of the wrong shape, an unknown option.
  The message on stderr names the file and the place; there is never a traceback.
"""

from __future__ import annotations

import argparse
import datetime
import errno
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO, TypeVar

EARLIEST_CHECK_DATE = datetime.date(1921, 7, 1)
"""No database can be checked as of a day before the Party was founded."""

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2

FORMATS = {"text": "text", "md": "markdown", "markdown": "markdown", "html": "html", "json": "json"}

_T = TypeVar("_T")


class _Usage(Exception):
    """A usage error found after parsing (a bad date, an unknown rule code …)."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    from cpcinfo.io import InputError

    try:
        result: int = args.run(args)
        return result
    except InputError as exc:
        print(f"cpcinfo: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except _Usage as exc:
        print(f"cpcinfo: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        print("cpcinfo: 已中断", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cpcinfo",
        description="党员信息库检查验收：按陕组办字〔2011〕10号抽样、评分、定等次。",
        epilog="退出码：0 正常；1 不合格或发现计分问题；2 输入或用法错误。",
    )
    parser.add_argument("--version", action="version", version=f"cpcinfo {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def reporting(p: argparse.ArgumentParser) -> None:
        p.add_argument("--as-of", metavar="DATE", help="检查日期 YYYY-MM-DD（默认今天）")
        p.add_argument("--format", choices=sorted(FORMATS), default="text", help="输出格式（默认 text）")
        p.add_argument("-o", "--output", metavar="FILE", help="写入文件而不是标准输出")
        p.add_argument("--show-ids", action="store_true", help="报告中显示完整的公民身份号码（默认遮蔽）")
        p.add_argument("--ruleset", choices=["shaanxi-2011", "current"], default="shaanxi-2011",
                       help="规则集（默认 shaanxi-2011）")
        p.add_argument("--tables", metavar="FILE", nargs="+", default=(),
                       help="用本省的正式代码表（JSON，与内置表同样格式）替换内置的同名代码表")

    demo = sub.add_parser("demo", help="审核内置的示例单位（某大学党委）并输出评分表")
    reporting(demo)
    demo.add_argument("--seed", default="2011", help="抽样种子（默认 2011）")
    demo.set_defaults(run=_demo)

    audit = sub.add_parser("audit", help="抽样审核一个单位的信息库并输出评分表")
    audit.add_argument("data", metavar="DATA", help="信息库 JSON 文件（英文或中文键，自动识别）")
    audit.add_argument("--roster", metavar="FILE", help="实际党组织名单 JSON（用于第5、6项）")
    audit.add_argument("--waivers", metavar="FILE", help="允许存在的情况（豁免）JSON")
    audit.add_argument("--seed", default="1", help="抽样种子（默认 1）；同一种子总是抽到同样的样本")
    for population in ("branches", "members", "applicants"):
        audit.add_argument(f"--{population}", type=int, metavar="N",
                           help=f"{population} 抽样数量（不少于规定的最低数量）")
    reporting(audit)
    audit.set_defaults(run=_audit)

    check = sub.add_parser("check", help="检查整个信息库的每条记录（不抽样），列出全部问题")
    check.add_argument("data", metavar="DATA", help="信息库 JSON 文件")
    check.add_argument("--roster", metavar="FILE", help="实际党组织名单 JSON")
    check.add_argument("--waivers", metavar="FILE", help="豁免 JSON")
    check.add_argument("--select", nargs="+", metavar="CODE", help="只运行这些规则（代码或前缀；可选中预览规则）")
    check.add_argument("--ignore", nargs="+", metavar="CODE", help="不运行这些规则（代码或前缀）")
    reporting(check)
    check.set_defaults(run=_check)

    size = sub.add_parser("sample-size", help="最低抽样数量")
    size.add_argument("n", type=int, metavar="N", help="党支部、党员或申请入党人总数（或基层党委数）")
    size.add_argument("--committees", action="store_true", help="N 是基层党委总数：按不少于5%%计算")
    size.set_defaults(run=_sample_size)

    rules = sub.add_parser("rules", help="列出全部规则，或解释一条规则及其示例")
    rules.add_argument("code", nargs="?", metavar="CODE")
    rules.set_defaults(run=_rules)

    codes = sub.add_parser("codes", help="列出代码表，或列出一个代码表的全部代码")
    codes.add_argument("table", nargs="?", metavar="TABLE")
    codes.set_defaults(run=_codes)
    return parser


def _version() -> str:
    from cpcinfo import __version__

    return __version__


# ------------------------------------------------------------------------------------------------ helpers


def _as_of(text: str | None) -> datetime.date:
    today = datetime.date.today()  # the edge is the only place that reads the clock
    if text is None:
        return today
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError(text)
        day = datetime.date.fromisoformat(text)
    except ValueError:
        raise _Usage(f"--as-of「{text}」不是 YYYY-MM-DD 格式的日期") from None
    if not EARLIEST_CHECK_DATE <= day <= today:
        raise _Usage(f"--as-of {day} 不在 {EARLIEST_CHECK_DATE} 至今天（{today}）之间")
    return day


def _seed(text: str) -> int | str:
    return int(text) if text.lstrip("-").isdigit() else text


def _ruleset(name: str) -> Any:
    from cpcinfo.rules.ruleset import RULESETS

    return RULESETS[name]


def _tables(paths: Sequence[str]) -> Any:
    if not paths:
        return None
    from cpcinfo.io import load_code_tables

    return load_code_tables(*paths)


def _write(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    from cpcinfo.io import InputError

    try:
        Path(output).write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    except OSError as exc:
        raise InputError(output, f"无法写入：{_os_error(exc)}") from None


_OS_ERRORS = {errno.EISDIR: "是目录，不是文件", errno.EACCES: "没有写入权限", errno.ENOENT: "所在目录不存在",
              errno.ENOSPC: "磁盘已满", errno.EROFS: "只读文件系统"}


def _os_error(exc: OSError) -> str:
    return _OS_ERRORS.get(exc.errno or 0, exc.strerror or str(exc))


def _progress(records: Iterable[_T], what: str, stream: TextIO, every: int = 20_000) -> Iterator[_T]:
    """Pass records through, reporting how many were read on a terminal (never into a pipe or a file)."""
    if not stream.isatty():
        yield from records
        return
    count = 0
    for count, record in enumerate(records, start=1):
        if count % every == 0:
            stream.write(f"\r正在检查{what}：{count:,} 条")
            stream.flush()
        yield record
    if count >= every:
        stream.write(f"\r正在检查{what}：{count:,} 条，完成\n")


def _report_unknown_keys(loaded: Any) -> None:
    if loaded.unknown_keys:
        shown = "、".join(u.path for u in loaded.unknown_keys[:5])
        more = f" 等 {len(loaded.unknown_keys)} 处" if len(loaded.unknown_keys) > 5 else ""
        print(f"cpcinfo: 提示：信息库中有字段表以外的键（已原样保留）：{shown}{more}", file=sys.stderr)


# ------------------------------------------------------------------------------------------------ commands


def _run_audit(infobase: Any, args: argparse.Namespace, roster: Any, waivers: Any,
               sizes: dict[str, int] | None = None, source: str = "") -> int:
    from cpcinfo.acceptance import Grade, audit

    if sys.stderr.isatty():
        counts = infobase.counts
        sys.stderr.write(f"正在审核：党组织 {counts.organizations:,} 个、党员 {counts.members:,} 名、"
                         f"申请入党人 {counts.applicants:,} 名……\n")
    try:
        result = audit(infobase, as_of=_as_of(args.as_of), seed=_seed(args.seed), roster=roster, waivers=waivers,
                       sample_sizes=sizes, tables=_tables(args.tables), ruleset=_ruleset(args.ruleset))
    except ValueError as exc:
        raise _Usage(f"{source}: {exc}" if source else str(exc)) from None
    from cpcinfo.report import render_audit

    _write(render_audit(result, FORMATS[args.format], mask_ids=not args.show_ids), args.output)
    return EXIT_FINDINGS if result.sheet.grade is Grade.FAIL else EXIT_OK


def _demo(args: argparse.Namespace) -> int:
    from cpcinfo.demo import university

    unit = university()
    args.as_of = args.as_of or unit.as_of.isoformat()
    _run_audit(unit.infobase, args, unit.roster, unit.waivers)
    return EXIT_OK


def _audit(args: argparse.Namespace) -> int:
    from cpcinfo.io import load_infobase, load_roster, load_waivers

    loaded = load_infobase(args.data)
    _report_unknown_keys(loaded)
    roster = load_roster(args.roster) if args.roster else None
    waivers = load_waivers(args.waivers) if args.waivers else ()
    sizes = {p: getattr(args, p) for p in ("branches", "members", "applicants") if getattr(args, p) is not None}
    return _run_audit(loaded.infobase, args, roster, waivers, sizes or None, source=args.data)


def _check(args: argparse.Namespace) -> int:
    from cpcinfo.checking import WaiverError, check_stream
    from cpcinfo.io import load_infobase, load_roster, load_waivers

    loaded = load_infobase(args.data)
    _report_unknown_keys(loaded)
    base = loaded.infobase
    roster = load_roster(args.roster) if args.roster else None
    waivers = load_waivers(args.waivers) if args.waivers else ()
    try:
        result = check_stream(base.organizations, _progress(base.members, "党员", sys.stderr),
                              _progress(base.applicants, "申请入党人", sys.stderr), as_of=_as_of(args.as_of),
                              tables=_tables(args.tables), ruleset=_ruleset(args.ruleset), select=args.select,
                              ignore=args.ignore, waivers=waivers, roster=roster)
    except (WaiverError, ValueError) as exc:
        raise _Usage(str(exc)) from None
    from cpcinfo.report import render_check

    _write(render_check(result, FORMATS[args.format], mask_ids=not args.show_ids), args.output)
    return EXIT_FINDINGS if result.counted else EXIT_OK


def _sample_size(args: argparse.Namespace) -> int:
    from cpcinfo.acceptance import committee_sample_size, required_sample_size

    try:
        if args.committees:
            print(f"基层党委 {args.n} 个，抽查不少于 {committee_sample_size(args.n)} 个（不少于5%）")
        else:
            print(f"总数 {args.n}，抽查不少于 {required_sample_size(args.n)}")
    except ValueError as exc:
        raise _Usage(str(exc)) from None
    return EXIT_OK


def _rules(args: argparse.Namespace) -> int:
    from cpcinfo.reference import explain_rule, rule_table
    from cpcinfo.rules import registry

    if args.code is None:
        _write(rule_table(registry()), None)
        return EXIT_OK
    try:
        rule = registry()[args.code.upper()]
    except KeyError:
        raise _Usage(f"没有规则「{args.code}」；用 cpcinfo rules 列出全部规则") from None
    _write(explain_rule(rule), None)
    return EXIT_OK


def _codes(args: argparse.Namespace) -> int:
    from cpcinfo.codes import default_tables
    from cpcinfo.reference import code_table_listing, code_tables_listing

    tables = default_tables()
    if args.table is None:
        _write(code_tables_listing(tables), None)
        return EXIT_OK
    if args.table not in tables:
        raise _Usage(f"没有代码表「{args.table}」；可用的有：{', '.join(sorted(tables))}")
    _write(code_table_listing(tables[args.table]), None)
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
