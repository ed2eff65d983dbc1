"""Every rule code is written out once in the source, so that a search for ``MEM102`` finds its rule.

A code counts where a string constant is the whole code (``"MEM102"``); a code inside a docstring or a
message (``"MEM505's one finding"``) does not. No code may be built by formatting (``f"{prefix}102"``,
``f"APP30{number}"``, ``"MEM" + number``, ``"%s102" % prefix``, ``"{}102".format(prefix)``): a template
whose fixed parts, with anything in the gaps, can spell a registered code is refused — unless it fixes fewer
than two of the code's characters (``f"M{number:06d}"`` makes a record key, ``body + "0"`` an identity
number: with a gap that long, any code fits).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

import cpcinfo
from cpcinfo.rules import registry

SRC = Path(cpcinfo.__file__).parent

EXEMPT = {
    "engine/fast_paths.py":
        "the engine's table of fast-path (quiet) tests is an index keyed by rule code, not where a rule is "
        "written; its own test holds its keys to the registry",
}
"""Modules (relative to the package) whose code literals do not count, each with the reason."""

CODES = frozenset(rule.code for rule in registry())

Location = tuple[str, int]


def _sources() -> Iterator[tuple[str, str]]:
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC).as_posix()
        if relative not in EXEMPT:
            yield relative, path.read_text(encoding="utf-8")


def _gap(parts: Iterable[str | None]) -> re.Pattern[str] | None:
    """A pattern of fixed text (``str``) and gaps (``None``), or None when less than two characters are fixed."""
    parts = list(parts)
    if len("".join(part for part in parts if part is not None)) < 2:
        return None
    return re.compile("".join(".+" if part is None else re.escape(part) for part in parts), re.DOTALL)


def _between(texts: list[str]) -> Iterator[str | None]:
    """The fixed texts of a template with a gap between each two."""
    for i, text in enumerate(texts):
        if i:
            yield None
        yield text


def _added(node: ast.expr) -> list[ast.expr]:
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return [*_added(node.left), *_added(node.right)]
    return [node]


def _templates(tree: ast.AST) -> Iterator[tuple[int, re.Pattern[str]]]:
    """Every string that is made rather than written: f-strings, ``+`` with text, ``%`` and ``.format``."""
    for node in ast.walk(tree):
        pattern = None
        if isinstance(node, ast.JoinedStr):
            pattern = _gap(v.value if isinstance(v, ast.Constant) else None for v in node.values)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            terms = _added(node)
            if any(isinstance(t, ast.Constant) and isinstance(t.value, str) for t in terms):
                pattern = _gap(t.value if isinstance(t, ast.Constant) and isinstance(t.value, str) else None
                               for t in terms)
        elif (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and isinstance(node.left, ast.Constant)
              and isinstance(node.left.value, str)):
            pattern = _gap(_between(re.split(r"%[^a-zA-Z%]*[a-zA-Z]", node.left.value)))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"
              and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str)):
            pattern = _gap(_between(re.split(r"\{[^{}]*\}", node.func.value.value)))
        if pattern is not None:
            yield getattr(node, "lineno", 0), pattern


def code_literals(sources: Iterable[tuple[str, str]], codes: frozenset[str]) -> dict[str, list[Location]]:
    """Where each code is written as a whole string constant."""
    found: dict[str, list[Location]] = {code: [] for code in codes}
    for name, text in sources:
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in found:
                found[node.value].append((name, node.lineno))
    return found


def formatted_codes(sources: Iterable[tuple[str, str]], codes: frozenset[str]) -> list[tuple[Location, str]]:
    """The templates that can spell a code, with one code each spells."""
    found = []
    for name, text in sources:
        for line, pattern in _templates(ast.parse(text)):
            spelled = sorted(code for code in codes if pattern.fullmatch(code))
            if spelled:
                found.append(((name, line), spelled[0]))
    return found


def test_every_registered_code_is_written_out_exactly_once() -> None:
    wrong = {code: where for code, where in code_literals(_sources(), CODES).items() if len(where) != 1}
    assert not wrong, f"codes written other than once (where): {wrong}"


def test_no_rule_code_is_built_by_formatting() -> None:
    assert formatted_codes(_sources(), CODES) == []


def test_the_exempt_modules_are_named_with_a_reason() -> None:
    for module, reason in EXEMPT.items():
        assert module.endswith(".py") and len(reason) > 40


SOME = frozenset({"MEM101", "MEM102", "APP302", "APP303"})


@pytest.mark.parametrize("source", [
    'def rules(prefix):\n    return [rule(f"{prefix}102")]\n',
    'for number, field in enumerate(CHAIN, start=2):\n    rule(f"APP30{number}")\n',
    'code = "MEM" + str(102)\n',
    'code = "MEM" + "102"\n',
    'code = "%s102" % prefix\n',
    'code = "{}102".format(prefix)\n',
    'code = f"{entity}{group}02"\n',
])
def test_a_computed_code_is_caught(source: str) -> None:
    assert formatted_codes([("m.py", source)], SOME) != []


def test_a_repeated_or_missing_code_is_caught_and_a_mention_is_not_counted() -> None:
    source = ('"""MEM101 and MEM102 in a docstring do not count."""\n'
              'RULES = [rule("MEM101"), rule("MEM102")]\n'
              'DEMO = {"planted": "MEM102"}\n'
              'MESSAGE = "MEM101 reports it"\n'
              'written = f"{keys}-written"\n'
              'key = f"M{number:06d}"\n')
    found = code_literals([("m.py", source)], SOME)
    assert found["MEM101"] == [("m.py", 2)]
    assert sorted(found["MEM102"]) == [("m.py", 2), ("m.py", 3)]
    assert found["APP302"] == []
    assert formatted_codes([("m.py", source)], SOME) == []
