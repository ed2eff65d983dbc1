"""The ``cpcinfo`` command: the edge where files, the clock and the terminal meet the core.

One module per subcommand (``audit``, ``check``, ``demo``, ``region``, ``diff``, ``reference`` for
``rules``/``codes``/``sample-size``),
each with ``register(subparsers)``; :data:`COMMANDS` lists them in the order ``--help`` shows them. Shared
options and helpers live in :mod:`cpcinfo.cli._common`; every report and message leaves through
:mod:`cpcinfo.cli._output`.

Exit codes:

- ``0`` — done; for ``audit`` the grade is 合格 or 优秀, for ``check`` nothing counted was found; ``demo``
  always (its unit fails on purpose: it is a demonstration, not a verdict);
- ``1`` — ``audit``: the grade is 不合格; ``check``: findings that count were found; ``region``: the region is
  不合格 or 无法判定; ``diff``: new findings appeared;
- ``2`` — bad input or usage: a missing file, broken JSON, a document of the wrong shape, an unknown option,
  a report that cannot be written. The message on stderr names the file and the place; there is never a
  traceback;
- ``3`` — a bug in cpcinfo: an exception nobody expected. One line on stderr says so and names the stage
  (reading, checking, rendering, …) and the innermost cpcinfo function and line where it happened — with
  the rule's code when that function is one rule's; ``--debug`` adds the traceback. A crash never exits 1,
  so a script can tell it from a failed audit.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence

from cpcinfo.cli import audit, check, demo, diff, reference, region, template
from cpcinfo.cli._common import EXIT_BAD_INPUT, EXIT_BUG, EXIT_FINDINGS, EXIT_OK, Bug, Usage, version
from cpcinfo.cli._help import Parser, choose_language, speaking, tr
from cpcinfo.cli._output import OutputError, say

__all__ = ["COMMANDS", "EXIT_BAD_INPUT", "EXIT_BUG", "EXIT_FINDINGS", "EXIT_OK", "main"]

COMMANDS = (demo, audit, check, template, region, diff, reference)
"""The subcommand modules, each with ``register(subparsers)``."""


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    with speaking(choose_language(argv)):
        parser = _parser()
        args = parser.parse_args(argv)
        _refuse_missing_values(parser, args)
        _refuse_unencodable(parser, argv)
    from cpcinfo.io import InputError

    try:
        result: int = args.run(args)
        return result
    except (InputError, Usage, OutputError) as exc:
        say(str(exc))
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        say("已中断")
        return 130
    except Bug as bug:
        return _report_bug(bug.stage, bug.__cause__ or bug, args)
    except Exception as exc:  # the last line of defence: no input may produce a traceback
        return _report_bug("运行命令", exc, args)


def _refuse_unencodable(parser: argparse.ArgumentParser, argv: Sequence[str]) -> None:
    """A usage error for an argument that no file name or text can hold: a lone surrogate that the
    operating system's own decoding (``surrogateescape``) cannot have made, as a caller of :func:`main` may
    pass. Every file function would fail on it far from here."""
    for argument in argv:
        try:
            argument.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            parser.error(tr(f"参数「{argument}」含有无法编码的字符", f"argument '{argument}' holds a character that "
                            "cannot be encoded"))


def _report_bug(stage: str, exc: BaseException, args: argparse.Namespace) -> int:
    if getattr(args, "debug", False):
        traceback.print_exception(exc, file=sys.stderr)
    where = _innermost_cpcinfo_frame(exc)
    detail = str(exc).splitlines()[0][:200] if str(exc) else ""
    say(f"内部错误（这是 cpcinfo 的缺陷，不是输入的问题，请报告）：{stage}时{where}出错："
        f"{type(exc).__name__}{': ' + detail if detail else ''}"
        f"{'' if getattr(args, 'debug', False) else '；加 --debug 可显示详细信息'}")
    return EXIT_BUG


def _innermost_cpcinfo_frame(exc: BaseException) -> str:
    """Where in cpcinfo the exception was raised: the innermost cpcinfo function and line, and the rule when
    that function belongs to exactly one rule."""
    frame = None
    tb = exc.__traceback__
    while tb is not None:
        if str(tb.tb_frame.f_globals.get("__name__", "")).startswith("cpcinfo"):
            frame = tb
        tb = tb.tb_next
    if frame is None:
        return ""
    module = frame.tb_frame.f_globals.get("__name__", "")
    name = frame.tb_frame.f_code.co_qualname
    rule = _rule_of(module, name)
    return f"（{f'规则 {rule}，' if rule else ''}{module}.{name} 第 {frame.tb_lineno} 行）"


def _rule_of(module: str, qualname: str) -> str | None:
    try:
        from cpcinfo.checking.registry import registry

        codes = [r.code for r in registry() if r.build.__module__ == module
                 and (qualname == r.build.__qualname__ or qualname.startswith(r.build.__qualname__ + ".<locals>"))]
    except Exception:  # the registry itself may be what broke
        return None
    return codes[0] if len(codes) == 1 else None


def _refuse_missing_values(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    # argparse drops a value written "--" (``--seed=--``), leaving an empty list where one value belongs;
    # refuse it here as the usage error it is rather than let a list reach the command.
    command = getattr(args, "command", None)
    subparsers = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    parsers = [parser] + [s.choices[command] for s in subparsers if command in s.choices]
    for each in parsers:
        for action in each._actions:
            value = getattr(args, action.dest, None)
            if not action.option_strings or not isinstance(value, list) or value:
                continue
            names = "/".join(action.option_strings)
            each.error(tr(f"选项 {names} 缺少取值（「--」不是取值）", f"option {names} needs a value ('--' is none)"))


def _parser() -> argparse.ArgumentParser:
    """The whole command, in the language of :func:`cpcinfo.cli._help.speaking`."""
    parser = Parser(
        prog="cpcinfo",
        description=tr("党员信息库检查验收：按陕组办字〔2011〕10号抽样、评分、定等次。",
                       "Checking and acceptance of a party member database under Shaanxi's notice of 2011: "
                       "sample, score, grade."),
        epilog=tr("退出码：0 正常；1 不合格或发现计分问题；2 输入或用法错误；3 cpcinfo 自身的缺陷（请报告）。\n"
                  "每个子命令的说明和示例：cpcinfo 子命令 -h（如 cpcinfo audit -h）。",
                  "Exit codes: 0 fine; 1 failed or findings that count; 2 bad input or usage; 3 a bug in cpcinfo "
                  "(please report it).\n"
                  "Each command's description and examples: cpcinfo COMMAND -h (e.g. cpcinfo audit -h)."),
    )
    parser.add_argument("--version", action="version", version=f"cpcinfo {version()}",
                        help=tr("显示版本号并退出", "show the version and exit"))
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                title=tr("子命令", "commands"))
    parser.add_argument("--debug", action="store_true",
                        help=tr("出现内部错误时显示完整的调用栈", "show the traceback of an internal error"))
    for command in COMMANDS:
        command.register(sub)
    for each in sub.choices.values():  # ``cpcinfo check x.json --debug`` works as well as before the command
        each.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    return parser
