"""``--findings`` and ``--width``: how much of the findings list a report prints, and how wide the text is.

On a terminal the sheet should not scroll away under hundreds of findings, so there the default lists none
(the counts stay, with a line on how to get the whole list); into a file or a pipe every finding is listed,
as before.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from typing import Final

from cpcinfo.cli._common import Usage, is_terminal
from cpcinfo.cli._help import tr
from cpcinfo.report import DEFAULT_WIDTH, LISTINGS

MIN_WIDTH: Final = 93
"""The narrowest text sheet (see :func:`cpcinfo.report.text.audit_text`)."""
MAX_TERMINAL_WIDTH: Final = 160
"""A wider terminal gets a sheet this wide: longer lines read badly."""


def add_listing_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--findings", choices=LISTINGS, default=None,
                   help=tr("逐条列出哪些问题：all 全部，counted 只列计入评分的，none 不逐条列出（只有计数）；"
                           "默认：在终端上 none，写入文件或管道时 all",
                           "which findings to list one by one: all, counted (only those that count), none "
                           "(counts only); default: none on a terminal, all into a file or a pipe"))
    p.add_argument("--width", type=int, metavar="N",
                   help=tr(f"文本报告的宽度（列数，至少 {MIN_WIDTH}；默认为终端宽度，否则 {DEFAULT_WIDTH}）",
                           f"width of the text report in columns (at least {MIN_WIDTH}; default: the "
                           f"terminal's, else {DEFAULT_WIDTH})"))


def _to_terminal(args: argparse.Namespace) -> bool:
    return args.output is None and is_terminal(sys.stdout)


def listing(args: argparse.Namespace) -> tuple[str, str]:
    """Which findings to list, and the hint printed where the list is cut."""
    if not hasattr(args, "findings"):  # a command without the option lists every finding
        return "all", ""
    which = args.findings or ("none" if _to_terminal(args) and args.format == "text" else "all")
    hint = ("加 --findings all 逐条列出全部问题，加 --findings counted 只列计入评分的；"
            "或写入文件（如 -o 报告.html），文件中列出全部")
    return which, hint


def width(args: argparse.Namespace) -> int:
    """The width of the text report: ``--width``, else the terminal's, else the default."""
    if getattr(args, "width", None) is not None:
        if args.width < MIN_WIDTH:
            raise Usage(f"--width {args.width} 太窄：评分表至少需要 {MIN_WIDTH} 列")
        return int(args.width)
    if _to_terminal(args):
        columns = shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
        return max(MIN_WIDTH, min(columns, MAX_TERMINAL_WIDTH))
    return DEFAULT_WIDTH
