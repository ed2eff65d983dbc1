"""What the subcommands share: exit codes, the reporting options, reading the options, the stages of a run.

Writing the output and the messages is :mod:`cpcinfo.cli._output`'s (:func:`write` is re-exported here).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TextIO, TypeVar

from cpcinfo.cli._output import OutputError, os_error, say, write
from cpcinfo.sanitize import one_line

__all__ = [
    "EARLIEST_CHECK_DATE", "EXIT_BAD_INPUT", "EXIT_BUG", "EXIT_FINDINGS", "EXIT_OK", "FORMATS", "Bug", "Usage",
    "add_reading_options", "add_reporting_options", "as_of", "inputs", "is_terminal", "os_error", "progress",
    "report_unknown_keys", "ruleset", "say", "seed", "stage", "tables", "version", "write",
]

EARLIEST_CHECK_DATE = datetime.date(1921, 7, 1)
"""No database can be checked as of a day before the Party was founded."""

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_BAD_INPUT = 2
EXIT_BUG = 3

FORMATS = {"text": "text", "md": "markdown", "markdown": "markdown", "html": "html", "json": "json", "pdf": "pdf"}

_T = TypeVar("_T")


class Usage(Exception):
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
    p.add_argument("--format", choices=sorted(FORMATS), default="text",
                   help=tr("输出格式（默认 text）", "output format (default: text)"))
    p.add_argument("-o", "--output", metavar="FILE", help=tr("写入文件而不是标准输出", "write to FILE, not stdout"))
    p.add_argument("--show-ids", action="store_true",
                   help=tr("报告中显示完整的公民身份号码（默认遮蔽）",
                           "show identity numbers in full (masked by default)"))
    p.add_argument("--ruleset", choices=["shaanxi-2011", "current"], default="shaanxi-2011",
                   help=tr("规则集（默认 shaanxi-2011）", "rule set (default: shaanxi-2011)"))
    p.add_argument("--tables", metavar="FILE", nargs="+", default=(),
                   help=tr("用本省的正式代码表（JSON，与内置表同样格式）替换内置的同名代码表",
                           "replace built-in code tables by the province's official ones (JSON, same shape)"))


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
    if not paths:
        return None
    from cpcinfo.io import load_code_tables

    return load_code_tables(*paths)


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
