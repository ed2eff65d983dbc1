"""The house's import rules, read from the source with ``ast``: a module goes through another package's public
face, never into its private (``_x``) modules or private names. A module may import its own package's private
modules (``cpcinfo.tabular._read`` from ``cpcinfo.tabular``); a subpackage's module reaching its parent's
private module (``cpcinfo.member`` → ``cpcinfo._validate_api``) is a reach-in like any other.

Every import counts, including those inside functions (the lazy ones)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import attrs

import cpcinfo

SRC = Path(cpcinfo.__file__).resolve().parent.parent

# Reach-ins that belong to files another helper of issue 12 still has un-landed; each says whose it is. The
# second test fails when one of them is gone, so that the list only shrinks: the landing that removes a
# reach-in deletes its line here.
KNOWN_REACH_INS: dict[tuple[str, str], str] = {}


@attrs.frozen
class Import:
    importer: str
    """The importing module, dotted."""
    line: int
    target: str
    """The imported module, or ``module.name`` for a name imported from a module."""


def _module_of(path: Path) -> tuple[str, str]:
    """The dotted name of the module at ``path`` and of the package it belongs to."""
    parts = path.relative_to(SRC).with_suffix("").parts
    if parts[-1] == "__init__":
        name = ".".join(parts[:-1])
        return name, name
    return ".".join(parts), ".".join(parts[:-1])


def imports(root: Path = SRC / "cpcinfo") -> Iterator[Import]:
    """Every import of a cpcinfo module in the source under ``root``, relative ones resolved."""
    for path in sorted(root.rglob("*.py")):
        name, package = _module_of(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    module = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    module = node.module or ""
                targets = [module, *(f"{module}.{alias.name}" for alias in node.names)]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                continue
            for target in targets:
                if target == "cpcinfo" or target.startswith("cpcinfo."):
                    yield Import(name, node.lineno, target)


def _is_package(dotted: str) -> bool:
    return (SRC / dotted.replace(".", "/")).is_dir()


def private_owner(target: str) -> tuple[str, str] | None:
    """For a target that names something private, the private module or name and the package that owns it."""
    parts = target.split(".")
    for i, part in enumerate(parts):
        if part.startswith("_") and not part.startswith("__"):
            holder = ".".join(parts[:i])
            package = holder if _is_package(holder) else holder.rpartition(".")[0]
            return ".".join(parts[: i + 1]), package
    return None


def _package_of(module: str) -> str:
    return module if _is_package(module) else module.rpartition(".")[0]


def reach_ins(found: Iterator[Import]) -> dict[tuple[str, str], int]:
    """``(importer, private module or name) → line`` for every import of another package's private part."""
    result: dict[tuple[str, str], int] = {}
    for imp in found:
        owner = private_owner(imp.target)
        if owner is None:
            continue
        private, package = owner
        if package != _package_of(imp.importer):
            result.setdefault((imp.importer, private), imp.line)
    return result


REACH_INS = reach_ins(imports())


def test_no_module_reaches_into_another_package_s_private_modules() -> None:
    unexpected = {key: line for key, line in REACH_INS.items() if key not in KNOWN_REACH_INS}
    assert not unexpected, "\n".join(
        f"{importer} (line {line}) imports {private}: go through the package's public face"
        for (importer, private), line in sorted(unexpected.items()))


def test_every_known_reach_in_is_still_there() -> None:
    gone = sorted(set(KNOWN_REACH_INS) - set(REACH_INS))
    assert not gone, f"fixed, so take them off KNOWN_REACH_INS: {gone}"


def test_the_walk_sees_imports_and_tells_own_package_from_another(tmp_path: Path) -> None:
    # The rule itself, on a planted package: it must catch a reach-in and let a package use its own modules.
    assert private_owner("cpcinfo.member._types.Member") == ("cpcinfo.member._types", "cpcinfo.member")
    assert private_owner("cpcinfo.io._StrictReader") == ("cpcinfo.io._StrictReader", "cpcinfo")
    assert private_owner("cpcinfo.member.Member") is None
    planted = [Import("cpcinfo.convert", 1, "cpcinfo.member._types"),
               Import("cpcinfo.convert", 2, "cpcinfo.convert._codec"),
               Import("cpcinfo.member._types", 3, "cpcinfo._planted"),
               Import("cpcinfo.stream", 4, "cpcinfo.io._StrictReader"),
               Import("cpcinfo.tabular._read", 5, "cpcinfo.tabular._layout.TEXT_KINDS")]
    assert reach_ins(iter(planted)) == {("cpcinfo.convert", "cpcinfo.member._types"): 1,
                                        ("cpcinfo.member._types", "cpcinfo._planted"): 3}
    assert any(imp.target == "cpcinfo.convert._codec" for imp in imports(SRC / "cpcinfo" / "convert"))
