"""What the subcommands share: exit codes, the reporting options, reading the options, writing the output."""

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


class Usage(Exception):
    """A usage error found after parsing (a bad date, an unknown rule code …)."""


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
    return int(text) if text.lstrip("-").isdigit() else text


def ruleset(name: str) -> Any:
    from cpcinfo.rules.ruleset import RULESETS

    return RULESETS[name]


def tables(paths: Sequence[str]) -> Any:
    if not paths:
        return None
    from cpcinfo.io import load_code_tables

    return load_code_tables(*paths)


def write(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    from cpcinfo.io import InputError

    try:
        Path(output).write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    except OSError as exc:
        raise InputError(output, f"无法写入：{os_error(exc)}") from None


_OS_ERRORS = {errno.EISDIR: "是目录，不是文件", errno.EACCES: "没有写入权限", errno.ENOENT: "所在目录不存在",
              errno.ENOSPC: "磁盘已满", errno.EROFS: "只读文件系统"}


def os_error(exc: OSError) -> str:
    return _OS_ERRORS.get(exc.errno or 0, exc.strerror or str(exc))


def progress(records: Iterable[_T], what: str, stream: TextIO, every: int = 20_000) -> Iterator[_T]:
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


def report_unknown_keys(loaded: Any) -> None:
    if loaded.unknown_keys:
        shown = "、".join(u.path for u in loaded.unknown_keys[:5])
        more = f" 等 {len(loaded.unknown_keys)} 处" if len(loaded.unknown_keys) > 5 else ""
        print(f"cpcinfo: 提示：信息库中有字段表以外的键（已原样保留）：{shown}{more}", file=sys.stderr)
