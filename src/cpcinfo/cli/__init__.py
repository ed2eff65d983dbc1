"""The ``cpcinfo`` command: the edge where files, the clock and the terminal meet the core.

One module per subcommand (``audit``, ``check``, ``demo``, ``region``, ``diff``, ``reference`` for
``rules``/``codes``/``sample-size``),
each with ``register(subparsers)``; :data:`COMMANDS` lists them in the order ``--help`` shows them. Shared
options and helpers live in :mod:`cpcinfo.cli._common`.

Exit codes:

- ``0`` — done; for ``audit`` the grade is 合格 or 优秀, for ``check`` nothing counted was found; ``demo``
  always (its unit fails on purpose: it is a demonstration, not a verdict);
- ``1`` — ``audit``: the grade is 不合格; ``check``: findings that count were found; ``region``: the region is
  不合格 or 无法判定; ``diff``: new findings appeared;
- ``2`` — bad input or usage: a missing file, broken JSON, a document of the wrong shape, an unknown option.
  The message on stderr names the file and the place; there is never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from cpcinfo.cli import audit, check, demo, diff, reference, region
from cpcinfo.cli._common import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, Usage, version
from cpcinfo.cli._help import Parser, choose_language, speaking, tr

__all__ = ["COMMANDS", "EXIT_BAD_INPUT", "EXIT_FINDINGS", "EXIT_OK", "main"]

COMMANDS = (demo, audit, check, region, diff, reference)
"""The subcommand modules, each with ``register(subparsers)``."""


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    with speaking(choose_language(argv)):
        args = _parser().parse_args(argv)
    from cpcinfo.io import InputError

    try:
        result: int = args.run(args)
        return result
    except InputError as exc:
        print(f"cpcinfo: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Usage as exc:
        print(f"cpcinfo: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        print("cpcinfo: 已中断", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    """The whole command, in the language of :func:`cpcinfo.cli._help.speaking`."""
    parser = Parser(
        prog="cpcinfo",
        description=tr("党员信息库检查验收：按陕组办字〔2011〕10号抽样、评分、定等次。",
                       "Checking and acceptance of a party member database under Shaanxi's notice of 2011: "
                       "sample, score, grade."),
        epilog=tr("退出码：0 正常；1 不合格或发现计分问题；2 输入或用法错误。\n"
                  "每个子命令的说明和示例：cpcinfo 子命令 -h（如 cpcinfo audit -h）。",
                  "Exit codes: 0 fine; 1 failed or findings that count; 2 bad input or usage.\n"
                  "Each command's description and examples: cpcinfo COMMAND -h (e.g. cpcinfo audit -h)."),
    )
    parser.add_argument("--version", action="version", version=f"cpcinfo {version()}",
                        help=tr("显示版本号并退出", "show the version and exit"))
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                title=tr("子命令", "commands"))
    for command in COMMANDS:
        command.register(sub)
    return parser
