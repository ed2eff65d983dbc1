"""One error root: every exception class cpcinfo defines derives from ``CpcinfoError``, keeps the standard base
its callers catch, and ``except CpcinfoError`` catches each public failure mode."""

from __future__ import annotations

import ast
import importlib
import inspect
import pathlib
from collections.abc import Callable
from typing import Any

import pytest

import cpcinfo
from cpcinfo.errors import CpcinfoError, DocumentError, InvalidArgumentError, NotFoundError, UnknownRuleError

SRC = pathlib.Path(cpcinfo.__file__).parent

# The CLI's wrapper of an exception nobody expected (exit 3): a bug, which the root deliberately does not cover.
NOT_FAILURE_MODES = {"cpcinfo.cli._common.Bug"}


def _module_name(path: pathlib.Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _defined_exception_classes() -> dict[str, type[BaseException]]:
    """Every class of a ``src/cpcinfo`` module whose bases make it an exception, found by reading the source
    (so that no module is missed) and then imported (so that the real bases are checked)."""
    found: dict[str, type[BaseException]] = {}
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "__main__.py":
            continue
        module_name = _module_name(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and node.bases:
                module = importlib.import_module(module_name)
                cls = getattr(module, node.name, None)
                if inspect.isclass(cls) and issubclass(cls, BaseException):
                    found[f"{module_name}.{node.name}"] = cls
    return found


EXCEPTIONS = _defined_exception_classes()


def test_the_source_defines_the_exceptions_we_know_of() -> None:
    # A floor, so that the walk above cannot silently find nothing.
    for name in ("cpcinfo.errors.DocumentError", "cpcinfo.codes._errors.CodeError", "cpcinfo.io.InputError",
                 "cpcinfo.checking.waivers.WaiverError", "cpcinfo.rules.registry.SelectionError",
                 "cpcinfo.acceptance.sampling.SampleSizeError", "cpcinfo.acceptance.audit.EmptyInfoBaseError",
                 "cpcinfo.errors.UnknownRuleError", "cpcinfo.cli._common.Bug"):
        assert name in EXCEPTIONS
    assert len(EXCEPTIONS) >= 25


@pytest.mark.parametrize("name", sorted(set(EXCEPTIONS) - NOT_FAILURE_MODES))
def test_every_error_class_derives_from_the_root(name: str) -> None:
    assert issubclass(EXCEPTIONS[name], CpcinfoError), f"{name} is not a CpcinfoError"


def test_the_bug_wrapper_is_not_a_failure_mode() -> None:
    assert not issubclass(EXCEPTIONS["cpcinfo.cli._common.Bug"], CpcinfoError)


STANDARD_BASES = {
    "cpcinfo.errors.DocumentError": ValueError,
    "cpcinfo.errors.InvalidArgumentError": ValueError,
    "cpcinfo.errors.NotFoundError": KeyError,
    "cpcinfo.errors.UnknownRuleError": KeyError,
    "cpcinfo.codes._errors.CodeError": LookupError,
    "cpcinfo.codes._errors.UnknownTable": KeyError,
    "cpcinfo.codes._errors.InvalidTable": ValueError,
    "cpcinfo.checking.waivers.WaiverError": ValueError,
    "cpcinfo.rules.registry.SelectionError": ValueError,
    "cpcinfo.acceptance.sampling.SampleSizeError": ValueError,
    "cpcinfo.acceptance.audit.EmptyInfoBaseError": ValueError,
    "cpcinfo.acceptance.inspection_doc.InspectionDocumentError": ValueError,
    "cpcinfo.tabular._extras.MissingExtra": ImportError,
    "cpcinfo.report.pdf.PdfUnavailable": RuntimeError,
}


@pytest.mark.parametrize(("name", "base"), sorted(STANDARD_BASES.items()))
def test_the_standard_bases_are_kept(name: str, base: type[BaseException]) -> None:
    assert issubclass(EXCEPTIONS[name], base)


def _failures() -> list[tuple[str, Callable[[], Any], type[BaseException]]]:
    import datetime

    from cpcinfo import InfoBase, Organization, OrgBasic, Waiver, audit
    from cpcinfo.acceptance import draw_sample, grade, item, mean_score, required_sample_size
    from cpcinfo.codes import CodeError, default_tables
    from cpcinfo.convert import read_document, structure
    from cpcinfo.entity import Entity
    from cpcinfo.fields import glossary
    from cpcinfo.io import InputError, load_infobase
    from cpcinfo.org.tree import OrgTree
    from cpcinfo.report import render_check
    from cpcinfo.rules import registry

    def check_result() -> Any:
        return cpcinfo.check(InfoBase(), as_of=datetime.date(2011, 6, 30))

    return [
        ("a document of the wrong shape", lambda: read_document([1]), DocumentError),
        ("an unknown rule code", lambda: registry()["XYZ999"], UnknownRuleError),
        ("a selector that selects nothing", lambda: registry().select(["NOPE"]), ValueError),
        ("an unknown code", lambda: default_tables()["gender"].lookup("7"), CodeError),
        ("an unknown code table", lambda: default_tables()["no_such_table"], KeyError),
        ("a waiver without a reason", lambda: Waiver(rule="MEM901", key="M1", reason=" "), ValueError),
        ("a database with nothing to audit", lambda: audit(InfoBase(), as_of=datetime.date(2011, 6, 30), seed=1),
         ValueError),
        ("a sample below the minimum", lambda: draw_sample([f"K{i}" for i in range(60)], 5, seed=1), ValueError),
        ("a negative population", lambda: required_sample_size(-1), InvalidArgumentError),
        ("a score above 100", lambda: grade(101), InvalidArgumentError),
        ("no scores to average", lambda: mean_score([]), InvalidArgumentError),
        ("an item the sheet does not have", lambda: item(21), InvalidArgumentError),
        ("a file that is not there", lambda: load_infobase("/nonexistent/cpcinfo.json"), InputError),
        ("an unknown key language", lambda: structure({}, keys="fr"), InvalidArgumentError),  # type: ignore[arg-type]
        ("an unknown glossary field", lambda: glossary().field(Entity.MEMBER, "basic.no_such"), NotFoundError),
        ("an organization not in the tree",
         lambda: OrgTree.build([Organization(basic=OrgBasic(code="001"))]).node("002"), NotFoundError),
        ("an unknown report format", lambda: render_check(check_result(), "docx"), InvalidArgumentError),
    ]


FAILURES = _failures()


@pytest.mark.parametrize(("what", "fail", "expected"), FAILURES, ids=[what for what, _, _ in FAILURES])
def test_except_cpcinfo_error_catches_each_failure_mode(what: str, fail: Callable[[], Any],
                                                         expected: type[BaseException]) -> None:
    with pytest.raises(CpcinfoError) as caught:
        fail()
    assert isinstance(caught.value, expected), f"{what}: {type(caught.value).__name__}"


def test_an_unknown_rule_is_still_a_key_error_with_the_same_message() -> None:
    from cpcinfo.rules import registry

    with pytest.raises(KeyError) as caught:
        registry()["XYZ999"]
    assert caught.type is UnknownRuleError
    assert str(caught.value) == "\"no rule 'XYZ999'\""


def test_not_found_is_a_key_error_and_invalid_argument_a_value_error() -> None:
    assert issubclass(NotFoundError, KeyError) and issubclass(UnknownRuleError, NotFoundError)
    assert issubclass(InvalidArgumentError, ValueError) and issubclass(DocumentError, ValueError)
