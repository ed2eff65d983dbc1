"""The command's help in Chinese or English, descriptions with examples, and the nearest-name suggestions.

argparse writes its own words (``usage:``, ``options:``, ``positional arguments:``, ``show this help message
and exit``, its error messages) through ``gettext``; :func:`speaking` swaps that lookup for the chosen
language while the parser is built, parses and prints, so no English heading is left around Chinese help.
The language is Chinese when ``--lang zh`` is given, or when no ``--lang`` is given and the locale
(``LC_ALL``, ``LC_MESSAGES``, ``LANG``, else the system's, which is how Windows tells it) is Chinese;
English otherwise. Help strings are written once in each language with :func:`tr`.

:class:`Parser` is the parser of the command and of every subcommand: its ``-h`` and ``--lang`` are its own,
an unknown subcommand, choice or option gets the nearest known one suggested, and every error ends with
how to get the help.
"""

from __future__ import annotations

import argparse
import contextlib
import contextvars
import difflib
import locale
import os
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Final, NoReturn

from cpcinfo.sanitize import terminal_safe

LANGUAGES: Final = ("zh", "en")

_LANGUAGE: contextvars.ContextVar[str] = contextvars.ContextVar("cpcinfo_cli_language", default="zh")

ARGPARSE_ZH: Final[Mapping[str, str]] = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "须给出以下参数之一：%s",
    "expected one argument": "需要一个值",
    "expected at most one argument": "至多一个值",
    "expected at least one argument": "至少需要一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是：%(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "多余的值 %r",
    "invalid %(type)s value: %(value)r": "「%(value)s」不是有效的 %(type)s 值",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择「%(value)s」（可选：%(choices)s）",
    "unexpected option string: %s": "意外的选项：%s",
}
"""argparse's own words in Chinese (the message ids of Python 3.11–3.13)."""


def tr(zh: str, en: str) -> str:
    """``zh`` or ``en``, whichever the help is being written in."""
    return en if _LANGUAGE.get() == "en" else zh


def language() -> str:
    """The language the help is being written in: ``"zh"`` or ``"en"``."""
    return _LANGUAGE.get()


def _is_chinese(name: str | None) -> bool:
    return bool(name) and str(name).lower().startswith(("zh", "chinese"))


def choose_language(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> str:
    """The language of the help for ``argv``: ``--lang`` wins, then the locale.

    >>> choose_language(["--lang", "en", "demo"], {"LANG": "zh_CN.UTF-8"})
    'en'
    >>> choose_language(["demo"], {"LANG": "zh_CN.UTF-8"}), choose_language(["demo"], {"LANG": "en_US.UTF-8"})
    ('zh', 'en')
    >>> choose_language(["demo", "--lang=zh"], {"LC_ALL": "C"})
    'zh'
    """
    for n, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and n + 1 < len(argv) and argv[n + 1] in LANGUAGES:
            return argv[n + 1]
        if arg.startswith("--lang=") and arg.removeprefix("--lang=") in LANGUAGES:
            return arg.removeprefix("--lang=")
    env = os.environ if environ is None else environ
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if env.get(variable):
            return "zh" if _is_chinese(env[variable]) else "en"
    if environ is None:
        with contextlib.suppress(ValueError):
            return "zh" if _is_chinese(locale.getlocale()[0]) else "en"
    return "en"


@contextlib.contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Within the block, :func:`tr` answers in ``lang`` and argparse speaks it too."""
    token = _LANGUAGE.set(lang)
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    if lang == "zh":
        argparse._ = lambda text: ARGPARSE_ZH.get(text, text)  # type: ignore[attr-defined]
        argparse.ngettext = lambda one, many, n: ARGPARSE_ZH.get(one if n == 1 else many,  # type: ignore
                                                                 one if n == 1 else many)
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]
        _LANGUAGE.reset(token)


def describe(parser: argparse.ArgumentParser, *, zh: str, en: str,
             examples: Sequence[tuple[str, str, str]]) -> None:
    """Give a subcommand its description and its examples: ``(command line, 中文说明, English note)``."""
    parser.description = tr(zh, en)
    lines = [tr("示例：", "Examples:")]
    for command, note_zh, note_en in examples:
        lines.append(f"  {command}")
        lines.append(f"      {tr(note_zh, note_en)}")
    parser.epilog = "\n".join(lines) if not parser.epilog else parser.epilog + "\n\n" + "\n".join(lines)


def nearest(word: str, choices: Sequence[str] | Any) -> str | None:
    """The known name closest to ``word``, if one is close enough.

    >>> nearest("adit", ["audit", "check", "demo"]), nearest("--fomat", ["--format", "--output"])
    ('audit', '--format')
    >>> nearest("zzz", ["audit"]) is None
    True
    """
    known = [str(c) for c in choices]
    folded = {c.lower(): c for c in known}
    if word.lower() in folded:
        return folded[word.lower()]
    prefixed = [c for c in known if c.startswith(word) and len(word) >= 2]
    if len(prefixed) == 1:
        return prefixed[0]
    close = difflib.get_close_matches(word.lower(), list(folded), n=1, cutoff=0.6)
    return folded[close[0]] if close else None


class Formatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the line breaks of descriptions and examples (the indented lines); wraps the rest by display
    width, so that Chinese text (two columns a character) breaks where the terminal would not."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        if language() != "zh":
            return super()._split_lines(text, width)
        from cpcinfo.report.layout import wrap

        return wrap(" ".join(text.split()), max(width, 20))

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        lines = []
        for line in text.splitlines():
            if line.startswith(" ") or not line:
                lines.append(indent + line)
            elif language() == "zh":
                from cpcinfo.report.layout import wrap

                lines.extend(indent + part for part in wrap(line, max(width, 20)))
            else:
                lines.extend(indent + part for part in super()._split_lines(line, width) or [""])
        return "\n".join(lines)

    def start_section(self, heading: str | None) -> None:
        # argparse puts an ASCII colon after a heading; Chinese headings take the full-width one.
        if heading and language() == "zh":
            heading = heading.rstrip(":：")
        super().start_section(heading)

    def format_help(self) -> str:
        text = super().format_help()
        if language() == "zh":
            text = re.sub(r"(?m)^(\S[^\x00-\x7f]*[^\x00-\x7f]):$", r"\1：", text)
        return text


class Parser(argparse.ArgumentParser):
    """The parser of ``cpcinfo`` and of each subcommand (see the module's docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help=tr("显示本帮助并退出", "show this help message and exit"))
        self.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS,
                          help=tr("帮助的语言：zh 中文，en 英文（默认按 LANG）",
                                  "language of the help: zh Chinese, en English (default: from LANG)"))

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        if action.choices is not None and value not in action.choices:
            guess = nearest(str(value), list(action.choices))
            what = tr("子命令", "command") if isinstance(action, argparse._SubParsersAction) else tr("取值", "choice")
            message = tr(f"未知的{what}「{value}」", f"unknown {what} '{value}'")
            if guess is not None:
                message += tr(f"；是不是「{guess}」？", f"; did you mean '{guess}'?")
            else:
                message += tr("；可选：", "; choose from: ") + ", ".join(map(str, action.choices))
            raise argparse.ArgumentError(action, message)

    def parse_known_args(self, args: Sequence[str] | None = None,  # type: ignore[override]
                         namespace: argparse.Namespace | None = None) -> tuple[argparse.Namespace, list[str]]:
        parsed, extras = super().parse_known_args(args, namespace)
        if extras and self._is_top():
            self._unrecognized(parsed, extras)
        return parsed, extras

    def _is_top(self) -> bool:
        return any(isinstance(a, argparse._SubParsersAction) for a in self._actions)

    def _chosen(self, parsed: argparse.Namespace) -> Parser:
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction):
                chosen = action.choices.get(getattr(parsed, action.dest or "", None) or "")
                if isinstance(chosen, Parser):
                    return chosen
        return self

    def _unrecognized(self, parsed: argparse.Namespace, extras: list[str]) -> NoReturn:
        parser = self._chosen(parsed)
        options = [s for a in parser._actions for s in a.option_strings]
        first = extras[0]
        message = tr(f"无法识别的参数：{' '.join(extras)}", f"unrecognized arguments: {' '.join(extras)}")
        if first.startswith("-"):
            guess = nearest(first.split("=", 1)[0], options)
            if guess is not None:
                message += tr(f"；是不是「{guess}」？", f"; did you mean '{guess}'?")
        parser.error(message)

    def error(self, message: str) -> NoReturn:
        # The message quotes the command line, which may hold anything: a lone surrogate (an argument that
        # was not UTF-8) cannot even be written to stderr, and a control character would reach the terminal.
        message = terminal_safe(message)
        self.print_usage(sys.stderr)
        hint = tr(f"用 {self.prog} -h 查看帮助", f"see {self.prog} -h")
        self.exit(2, tr(f"{self.prog}：错误：{message}\n{hint}\n", f"{self.prog}: error: {message}\n{hint}\n"))


def subcommand_parsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """The subcommands of ``parser`` by name."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}
