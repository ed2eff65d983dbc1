"""What the subcommands share: exit codes, the reporting options, reading the options, the stages of a run.

Writing the output and the messages is :mod:`cpcinfo.cli._output`'s (:func:`write` is re-exported here).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO, TypeVar

from cpcinfo.cli._output import OutputError, os_error, say, write
from cpcinfo.errors import CpcinfoError
from cpcinfo.sanitize import one_line

__all__ = [
    "EARLIEST_CHECK_DATE", "EXIT_BAD_INPUT", "EXIT_BUG", "EXIT_FINDINGS", "EXIT_OK", "FORMATS", "Bug", "Usage",
    "add_reading_options", "add_reporting_options", "add_table_options", "as_of", "inputs", "is_terminal",
    "load_input", "os_error", "progress", "report_unknown_keys", "ruleset", "say", "seed", "stage", "tables",
    "version", "write", "write_report",
]

EARLIEST_CHECK_DATE = datetime.date(1921, 7, 1)
"""No database can be checked as of a day before the Party was founded."""

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2
EXIT_BUG = 3

FORMATS = {"text": "text", "md": "markdown", "markdown": "markdown", "html": "html", "json": "json", "pdf": "pdf"}
TABLE_FORMATS = ("csv", "xlsx")
"""The formats that write the findings as a table (the findings table; the correction workbook)."""

_T = TypeVar("_T")


class Usage(CpcinfoError):
    """A usage error found after parsing (a bad date, an unknown rule code …)."""


class Bug(Exception):
    """An exception nobody expected, raised in ``stage`` (its cause is the exception itself): exit 3."""

    def __init__(self, stage: str) -> None:
        super().__init__(stage)
        self.stage = stage


_EXPECTED: tuple[type[BaseException], ...] = (Usage, OutputError, Bug, KeyboardInterrupt)


@contextlib.contextmanager
def stage(name: str) -> Iterator[None]:
    """Run one stage of a command (「读取信息库」「检查」「生成报告」…): an unexpected exception in it
    becomes a :class:`Bug` that names the stage."""
    from cpcinfo.io import InputError

    expected: tuple[type[BaseException], ...] = (*_EXPECTED, InputError)
    try:
        yield
    except expected:
        raise
    except Exception as exc:
        raise Bug(name) from exc


def version() -> str:
    from cpcinfo import __version__

    return __version__


def add_reporting_options(p: argparse.ArgumentParser, *, as_of_default: str | None = None) -> None:
    """The options of every command that writes a report; ``as_of_default`` names the date used without
    ``--as-of`` when it is not today."""
    from cpcinfo.cli._help import tr

    day = as_of_default or tr("今天", "today")
    p.add_argument("--as-of", metavar="DATE", help=tr(f"检查日期 YYYY-MM-DD（默认{day}）",
                                                      f"date of the check, YYYY-MM-DD (default: {day})"))
    p.add_argument("--format", choices=sorted([*FORMATS, *TABLE_FORMATS]), default="text",
                   help=tr("输出格式（默认 text；csv 为问题清单表格，xlsx 为整改清单工作簿，须用 -o 指定文件）",
                           "output format (default: text; csv: the findings table; xlsx: the correction "
                           "workbook, needs -o)"))
    p.add_argument("-o", "--output", metavar="FILE", help=tr("写入文件而不是标准输出", "write to FILE, not stdout"))
    p.add_argument("--split-by-branch", metavar="DIR",
                   help=tr("另为每个党支部写一个整改清单工作簿到目录 DIR（<组织代码>-<组织名称>.xlsx）",
                           "also write one correction workbook per branch into DIR (<code>-<name>.xlsx)"))
    p.add_argument("--show-ids", action="store_true",
                   help=tr("报告中显示完整的公民身份号码（默认遮蔽）",
                           "show identity numbers in full (masked by default)"))
    p.add_argument("--ruleset", choices=["shaanxi-2011", "current"], default="shaanxi-2011",
                   help=tr("规则集（默认 shaanxi-2011）", "rule set (default: shaanxi-2011)"))
    p.add_argument("--tables", metavar="FILE", nargs="+", default=(),
                   help=tr("用本省的正式代码表（JSON，与内置表同样格式）替换内置的同名代码表",
                           "replace built-in code tables by the province's official ones (JSON, same shape)"))


def add_table_options(p: argparse.ArgumentParser) -> None:
    """The options of the commands that read a workbook or CSV: the encoding and the column map."""
    from cpcinfo.cli._help import tr

    p.add_argument("--encoding", metavar="NAME",
                   help=tr("CSV 输入的编码（默认自动识别：BOM、UTF-8，否则 GB18030）",
                           "encoding of CSV input (default: detected: BOM, UTF-8, else GB18030)"))
    p.add_argument("--columns", metavar="FILE",
                   help=tr("列对照表 JSON：{\"表头\": \"字段路径\"}（如 {\"身份证号\": \"basic.id_number\"}；"
                           "null 表示忽略该列），用于版式不同的工作簿或 CSV",
                           "column map, JSON {\"header\": \"field path\"} (null ignores the column), for workbooks "
                           "or CSV laid out otherwise"))


def add_reading_options(p: argparse.ArgumentParser) -> None:
    """The options of every command that reads a database."""
    from cpcinfo.io import DEFAULT_MAX_BYTES

    p.add_argument("--max-bytes", metavar="N", type=_byte_count, default=DEFAULT_MAX_BYTES,
                   help=f"输入文件的大小上限（字节，可写 500M、2G；默认 {DEFAULT_MAX_BYTES // 2**20}M）")
    p.add_argument("--allow-unknown", action="store_true",
                   help="允许顶层有字段表以外的键（默认：顶层未知键中有记录列表时报错，以免记录未被检查）")


_UNITS = {"": 1, "K": 2**10, "M": 2**20, "G": 2**30}


def _byte_count(text: str) -> int:
    match = re.fullmatch(r"([0-9]{1,15})([KMG]?)B?", text.strip().upper())
    if not match or int(match.group(1)) == 0:
        raise argparse.ArgumentTypeError(f"「{one_line(text)}」不是正的字节数（如 500M、2G）")
    return int(match.group(1)) * _UNITS[match.group(2)]


def as_of(text: str | None) -> datetime.date:
    today = datetime.date.today()  # the edge is the only place that reads the clock
    if text is None:
        return today
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError(text)
        day = datetime.date.fromisoformat(text)
    except ValueError:
        raise Usage(f"--as-of「{text}」不是 YYYY-MM-DD 格式的日期") from None
    if not EARLIEST_CHECK_DATE <= day <= today:
        raise Usage(f"--as-of {day} 不在 {EARLIEST_CHECK_DATE} 至今天（{today}）之间")
    return day


def seed(text: str) -> int | str:
    """The ``--seed``: an integer when written as one (ASCII digits, an optional minus), else the text."""
    if re.fullmatch(r"-?[0-9]{1,1000}", text):
        return int(text)
    if not text or one_line(text) != text or len(text) > 1000:
        raise Usage(f"--seed「{one_line(text[:50])}」不可用：种子应为整数或不含控制字符的文本")
    return text


def ruleset(name: str) -> Any:
    from cpcinfo.rules.ruleset import RULESETS

    return RULESETS[name]


def tables(paths: Sequence[str]) -> Any:
    """The code tables of ``--tables``; a replaced table that lacks tags the rules read is refused here,
    naming its file and the tags."""
    if not paths:
        return None
    from cpcinfo.io import InputError, load_code_tables, load_json
    from cpcinfo.rules.tags import missing_tags, require_tags

    loaded = load_code_tables(*paths)
    if missing := missing_tags(loaded):
        from cpcinfo.codes import CodeTable

        # Which file gave the first table that lacks tags (read again: this is the path of a refusal).
        named = [path for path in paths if CodeTable.from_json(load_json(path)).name in missing]
        try:
            require_tags(loaded)
        except ValueError as exc:
            raise InputError(named[0] if named else paths[0], str(exc)) from None
    return loaded


def is_terminal(stream: TextIO | None) -> bool:
    """Whether a stream is open on a terminal (a closed stream, ``None`` at start-up, is not)."""
    try:
        return stream is not None and stream.isatty()
    except (OSError, ValueError):
        return False


def progress(records: Iterable[_T], what: str, stream: TextIO | None, every: int = 20_000) -> Iterator[_T]:
    """Pass records through, reporting how many were read on a terminal (never into a pipe or a file)."""
    if stream is None or not is_terminal(stream):
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


def report_unknown_keys(loaded: Any) -> None:
    if loaded.unknown_keys:
        shown = "、".join(one_line(u.path) for u in loaded.unknown_keys[:5])
        more = f" 等 {len(loaded.unknown_keys)} 处" if len(loaded.unknown_keys) > 5 else ""
        say(f"提示：信息库中有字段表以外的键（已原样保留）：{shown}{more}")


def inputs(args: argparse.Namespace) -> list[str | None]:
    """The files a command reads, which ``-o`` may not overwrite."""
    return [getattr(args, "data", None), getattr(args, "roster", None), getattr(args, "waivers", None),
            *getattr(args, "tables", ())]


def load_input(args: argparse.Namespace) -> Any:
    """The database named on the command line (``.json``, ``.xlsx``, ``.csv`` or a folder of CSV), with the
    roster and waivers given by option, else those the workbook carries."""
    import attrs

    from cpcinfo.io import load_database, load_roster, load_waivers

    database = load_database(args.data, encoding=getattr(args, "encoding", None), max_bytes=args.max_bytes,
                             allow_unknown=args.allow_unknown, column_map=column_map(args))
    report_unknown_keys(database)
    roster = load_roster(args.roster) if args.roster else database.roster
    waivers = load_waivers(args.waivers) if args.waivers else database.waivers
    return attrs.evolve(database, roster=roster, waivers=waivers)


def column_map(args: argparse.Namespace) -> dict[str, str | None] | None:
    from cpcinfo.io import InputError, load_json

    if not getattr(args, "columns", None):
        return None
    data = load_json(args.columns)
    if not isinstance(data, dict) or not all(isinstance(k, str) and (v is None or isinstance(v, str))
                                             for k, v in data.items()):
        raise InputError(args.columns, "列对照表应为对象：{\"表头\": \"字段路径\" 或 null}")
    return data


def write_report(result: Any, args: argparse.Namespace, database: Any) -> None:
    """The report in the chosen format: text, Markdown, HTML and JSON (with each finding's location), the
    findings table as CSV, the correction workbook; and the per-branch workbooks of ``--split-by-branch``."""
    mask = not args.show_ids
    read = inputs(args)
    if args.split_by_branch:
        from cpcinfo.tabular.correction import branch_workbooks

        with stage("生成整改清单"):
            books = extra(lambda: branch_workbooks(result, database, mask_ids=mask))
        folder = Path(args.split_by_branch)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"{args.split_by_branch}: 无法创建目录：{os_error(exc)}") from None
        for name, data in books:
            write(data, str(folder / name), inputs=read)
    if args.format == "xlsx":
        if args.output is None:
            raise Usage("--format xlsx 需要用 -o 指定输出文件（如 -o 问题清单.xlsx）")
        from cpcinfo.tabular.correction import correction_bytes

        with stage("生成整改清单"):
            data = extra(lambda: correction_bytes(result, database, mask_ids=mask))
        write(data, args.output, inputs=read)
        return
    if args.format in ("csv", "json"):
        with stage("生成报告"):
            report = _render(result, args, database, mask)
        write(report, args.output, inputs=read)
        return
    from cpcinfo.cli._render import emit

    with stage("生成报告"):
        emit(result, args, audit=not hasattr(result, "findings"))


def _render(result: Any, args: argparse.Namespace, database: Any, mask: bool) -> str:
    """The findings table as CSV, or the JSON report with each finding's location."""
    if args.format == "csv":
        from cpcinfo.tabular import findings_csv, findings_table

        return findings_csv(findings_table(result, database, mask_ids=mask))
    from cpcinfo.tabular.report import located_json

    return located_json(result, database, mask_ids=mask)


def extra(action: Callable[[], _T]) -> _T:
    """Run what needs an optional library; a missing one is a usage error naming the extra to install."""
    from cpcinfo.tabular import MissingExtra

    try:
        return action()
    except MissingExtra as exc:
        raise Usage(str(exc)) from None
