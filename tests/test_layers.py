"""The layers of the house (docs/architecture.md): no module imports from a layer above its own.

The layers, lowest first, are :data:`LAYERS`; a module belongs to the layer whose longest prefix names it
or a package above it, and everything else is the edge. Every ``import`` counts — at module level and
inside functions — except imports under ``if TYPE_CHECKING:``, which name a type for the annotations and do
not make a module depend on another to run. The few upward imports that are there on purpose are
:data:`ALLOWED`, each with its reason; an entry that no longer matches an import fails too, so the list only
shrinks.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"

LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("kernel", (
        "cpcinfo.entity", "cpcinfo.values", "cpcinfo.labelled", "cpcinfo.fields", "cpcinfo.findings",
        "cpcinfo.codes", "cpcinfo.errors", "cpcinfo.ids", "cpcinfo.sanitize", "cpcinfo.masking",
        "cpcinfo.extras", "cpcinfo.person", "cpcinfo.infobase",
        # The entity types and the organization tree as a data structure (no rule, no message).
        "cpcinfo.org._types", "cpcinfo.member._types", "cpcinfo.applicant._types",
        "cpcinfo.org.tree", "cpcinfo.org.roster",
    )),
    # The toolkit, with what a rule's hooks are written against: the engine's per-run context and its repeats
    # (they import only the kernel and the rule set), which the shared helpers of system rules
    # (``rules.system``) use as the entities' system rules do.
    ("rules", ("cpcinfo.rules", "cpcinfo.engine.context", "cpcinfo.engine.repeats")),
    ("engine", ("cpcinfo.engine",)),
    # The base database of the examples is built from the three entities' base records.
    ("entity", ("cpcinfo.org", "cpcinfo.member", "cpcinfo.applicant", "cpcinfo.examples")),
    ("checking", ("cpcinfo.checking",)),
    ("acceptance", ("cpcinfo.acceptance",)),
)
"""The layers below the edge, lowest first."""

EDGE = len(LAYERS)

FACES_OF_TYPES = frozenset({"cpcinfo.org", "cpcinfo.member", "cpcinfo.applicant"})
"""The faces of the entity packages are in the kernel: they export the types (what the kernel's glossary and
database need); the knowledge of each entity is in the package's modules, a layer higher."""

ALLOWED: dict[tuple[str, str], str] = {
    # The Jupyter hooks: a result shows itself as HTML by asking the report layer, when it is displayed.
    ("cpcinfo.checking.result", "cpcinfo.report"): "the documented lazy Jupyter hook (_repr_html_)",
    ("cpcinfo.acceptance.audit", "cpcinfo.report"): "the documented lazy Jupyter hook (_repr_html_)",
    ("cpcinfo.acceptance.sheet", "cpcinfo.report"): "the documented lazy Jupyter hook (_repr_html_)",
    # The faces keep what users call by the old names, imported on first use (the lazy import is commented).
    ("cpcinfo.org", "cpcinfo.checking.validation"): "org.validate, the field rules of one record",
    ("cpcinfo.member", "cpcinfo.checking.validation"): "member.validate, the field rules of one record",
    ("cpcinfo.applicant", "cpcinfo.checking.validation"): "applicant.validate, the field rules of one record",
    ("cpcinfo.rules", "cpcinfo.engine.runner"): "rules.Validator, the engine's validator, by its old name",
    ("cpcinfo.rules", "cpcinfo.checking"): "rules.registry() and rules.validate(), the built-in rules",
    # The findings as a DataFrame: a convenience of the results that needs the pandas extra, imported on call.
    ("cpcinfo.checking.result", "cpcinfo.tabular"): "findings_frame(), the findings as a pandas DataFrame",
    ("cpcinfo.acceptance.audit", "cpcinfo.tabular"): "findings_frame(), the findings as a pandas DataFrame",
}
"""(importing module, imported module) pairs that point upward on purpose, with the reason."""


def layer_of(module: str) -> int:
    """The index of the layer of a module (``EDGE`` for the edge): the layer of the longest prefix naming it."""
    if module in FACES_OF_TYPES:
        return 0
    best, layer = -1, EDGE
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, layer = len(prefix), index
    return layer


def layer_name(index: int) -> str:
    return LAYERS[index][0] if index < EDGE else "edge"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def runtime_imports(tree: ast.AST, package: str) -> Iterator[tuple[str, int]]:
    """Every cpcinfo module a module imports to run, with the line (``from x import y`` names ``x`` and,
    where ``x.y`` is a module, ``x.y``)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _type_checking_only(node):
            for statement in node.orelse:  # the body only names types; an else branch runs
                yield from runtime_imports(ast.Module(body=[statement], type_ignores=[]), package)
            continue
        if isinstance(node, ast.Import):
            yield from ((alias.name, node.lineno) for alias in node.names if alias.name.startswith("cpcinfo"))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                base = ".".join(anchor[: len(anchor) - node.level + 1] + ([base] if base else []))
            if base.startswith("cpcinfo"):
                yield base, node.lineno
                for alias in node.names:
                    candidate = f"{base}.{alias.name}"
                    if _is_module(candidate):
                        yield candidate, node.lineno
        else:
            yield from runtime_imports(node, package)


def _is_module(name: str) -> bool:
    path = SRC.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def _modules() -> list[Path]:
    return sorted((SRC / "cpcinfo").rglob("*.py"))


def upward_imports() -> list[tuple[str, str, int]]:
    found = []
    for path in _modules():
        module = module_name(path)
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for imported, line in runtime_imports(ast.parse(path.read_text(encoding="utf-8")), package):
            if layer_of(imported) > layer_of(module):
                found.append((module, imported, line))
    return found


def _allowed(module: str, imported: str) -> bool:
    return any(module == a and (imported == b or imported.startswith(b + ".")) for a, b in ALLOWED)


def test_no_layer_imports_a_higher_one() -> None:
    wrong = [f"{module} ({layer_name(layer_of(module))}) imports {imported} ({layer_name(layer_of(imported))}), "
             f"line {line}" for module, imported, line in upward_imports() if not _allowed(module, imported)]
    assert not wrong, "imports that point up a layer:\n" + "\n".join(wrong)


def test_every_allowed_upward_import_is_still_there() -> None:
    used = {(a, b) for a, b in ALLOWED for module, imported, _ in upward_imports()
            if module == a and (imported == b or imported.startswith(b + "."))}
    assert set(ALLOWED) == used, f"stale entries in ALLOWED: {sorted(set(ALLOWED) - used)}"


def test_the_core_never_imports_the_command() -> None:
    offenders = [(module, imported) for module, imported, _ in upward_imports()
                 if layer_of(module) < EDGE and imported.startswith("cpcinfo.cli")]
    assert not offenders


@pytest.mark.parametrize(("module", "expected"), [
    ("cpcinfo.values", "kernel"), ("cpcinfo.org.tree", "kernel"), ("cpcinfo.org._types", "kernel"),
    ("cpcinfo.org", "kernel"), ("cpcinfo.org.rules", "entity"), ("cpcinfo.member.system_rules", "entity"),
    ("cpcinfo.rules.model", "rules"), ("cpcinfo.rules.system", "rules"), ("cpcinfo.engine.context", "rules"),
    ("cpcinfo.engine.fast_paths", "engine"), ("cpcinfo.examples", "entity"),
    ("cpcinfo.engine.runner", "engine"), ("cpcinfo.org.tree_checks", "entity"),
    ("cpcinfo.checking.result", "checking"), ("cpcinfo.acceptance.audit", "acceptance"),
    ("cpcinfo.report.views", "edge"), ("cpcinfo.cli", "edge"), ("cpcinfo", "edge"),
])
def test_layer_of_names_the_layer(module: str, expected: str) -> None:
    assert layer_name(layer_of(module)) == expected


def test_the_test_sees_an_upward_import(tmp_path: Path) -> None:
    source = "from cpcinfo.report import render_check\nif TYPE_CHECKING:\n    from cpcinfo.cli import main\n"
    seen = [name for name, _ in runtime_imports(ast.parse(source), "cpcinfo.values")]
    assert seen[0] == "cpcinfo.report" and "cpcinfo.cli" not in seen
    assert layer_of("cpcinfo.report") > layer_of("cpcinfo.values")
