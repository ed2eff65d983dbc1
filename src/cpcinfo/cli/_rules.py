"""Users' rules on the command line: ``--rules MODULE[:ATTR]`` and the ``cpcinfo.rules`` entry points.

``check``, ``audit`` and ``rules`` run (or list) the built-in rules and the user's:

- ``--rules MODULE[:ATTR]`` (several may be given): ``MODULE`` is a module's import name (looked for in
  the current directory too, as ``python -m`` does) or the path of a ``.py`` file; ``ATTR`` names a rule,
  a list of rules or a function without arguments that returns them; without ``ATTR``, the module's
  ``RULES``;
- every entry point of the group ``cpcinfo.rules`` of the installed packages (``[project.entry-points.
  "cpcinfo.rules"] sx = "sx_rules:RULES"`` in a province's ``pyproject.toml``), loaded the same way.

A module that cannot be imported, or that declares a rule wrongly, is a usage error (exit 2) naming it.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.metadata
import importlib.util
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from cpcinfo.cli._common import Usage
from cpcinfo.sanitize import one_line

ENTRY_POINT_GROUP = "cpcinfo.rules"
"""The entry-point group whose entries name users' rules (``MODULE:ATTR``)."""


def add_rules_option(p: argparse.ArgumentParser) -> None:
    from cpcinfo.cli._help import tr

    p.add_argument("--rules", nargs="+", metavar="MODULE[:ATTR]", default=(),
                   help=tr("另外运行这些模块中的用户规则（模块名或 .py 文件；无 :ATTR 时读模块的 RULES）；"
                           f"已安装的 {ENTRY_POINT_GROUP} 入口点中的规则总是加载",
                           "also run the users' rules of these modules (a module name or a .py file; "
                           f"without :ATTR, the module's RULES); rules of installed {ENTRY_POINT_GROUP} "
                           "entry points are always loaded"))


def user_rules(args: argparse.Namespace) -> tuple[Any, ...]:
    """The users' rules of this command: the installed entry points', then those of ``--rules``."""
    rules: list[Any] = []
    for entry in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        try:
            loaded = entry.load()
        except Exception as exc:  # a broken plugin is named, never a traceback
            raise Usage(f"无法加载入口点 {ENTRY_POINT_GROUP}「{entry.name} = {entry.value}」：{_error(exc)}") from None
        rules += _rules_of(loaded, f"入口点「{entry.name} = {entry.value}」")
    for spec in getattr(args, "rules", ()) or ():
        rules += load_rules(spec)
    from cpcinfo.rules.user import RuleDeclarationError, check_user_rules

    try:
        return check_user_rules(rules)
    except RuleDeclarationError as exc:
        raise Usage(f"--rules：{exc}") from None


def load_rules(spec: str) -> list[Any]:
    """The rules ``MODULE[:ATTR]`` names (see the module's documentation)."""
    where, _, attribute = spec.rpartition(":") if _has_attribute(spec) else (spec, "", "")
    module = _import(where, spec)
    name = attribute or "RULES"
    if not hasattr(module, name):
        raise Usage(f"--rules「{one_line(spec)}」：模块 {module.__name__} 中没有 {name}"
                    f"{'' if attribute else '（不写 :ATTR 时读取模块的 RULES 列表）'}")
    return _rules_of(getattr(module, name), f"--rules「{one_line(spec)}」")


def _has_attribute(spec: str) -> bool:
    # ``C:\rules\sx.py`` is a path, not MODULE:ATTR: a colon counts only when what follows it is a name.
    head, colon, tail = spec.rpartition(":")
    return bool(colon and head and tail.isidentifier())


def _import(where: str, spec: str) -> Any:
    shown = one_line(spec)
    try:
        if where.endswith(".py") or os.sep in where or "/" in where:
            path = Path(where)
            if not path.is_file():
                raise Usage(f"--rules「{shown}」：找不到文件 {one_line(where)}")
            name = f"cpcinfo_user_rules_{path.stem}"
            found = importlib.util.spec_from_file_location(name, path)
            if found is None or found.loader is None:
                raise Usage(f"--rules「{shown}」：{one_line(where)} 不是 Python 模块")
            module = importlib.util.module_from_spec(found)
            sys.modules[name] = module  # so that its rules can be pickled for the workers
            found.loader.exec_module(module)
            return module
        if "" not in sys.path and os.getcwd() not in sys.path:
            sys.path.insert(0, os.getcwd())  # a module beside the data, as ``python -m`` finds it
        return importlib.import_module(where)
    except Usage:
        raise
    except Exception as exc:  # any error of the user's module at import is its author's to fix
        raise Usage(f"--rules「{shown}」：无法导入模块：{_error(exc)}") from None


def _rules_of(value: Any, source: str) -> list[Any]:
    from cpcinfo.rules import Rule

    if callable(value) and not isinstance(value, Rule):
        try:
            value = value()
        except Exception as exc:
            raise Usage(f"{source}：生成规则时出错：{_error(exc)}") from None
    if isinstance(value, Rule):
        return [value]
    if isinstance(value, Iterable) and not isinstance(value, str | bytes):
        found = list(value)
        if all(isinstance(rule, Rule) for rule in found):
            return found
    raise Usage(f"{source}：应为规则（cpcinfo.rules.field_rule/system_rule 声明的 Rule）或规则的列表，"
                f"得到 {type(value).__name__}")


def _error(exc: BaseException) -> str:
    return one_line(f"{type(exc).__name__}: {exc}")[:300]


__all__ = ["ENTRY_POINT_GROUP", "add_rules_option", "load_rules", "user_rules"]
