"""The robustness suite (issue 10), in the style of python-stdnum's: every public entry point fed junk of
every kind, asserting only what must hold whatever the input:

- no exception but the documented ones (``DocumentError`` from the converters, ``InputError`` from the
  loaders, exit codes 0/1/2 from the command — never 3, never a traceback);
- records in = records checked (the counts of a check are the lengths of the lists read);
- no identity number of the input in any output or message (masking is on by default);
- no raw control character in terminal output (text reports and stderr);
- no formula-looking cell in any spreadsheet output (CSV/xlsx: checked on every such format the command
  offers; none exists yet, so the check is written for them and runs on what there is).

Bounded for CI by the hypothesis profile (``HYPOTHESIS_PROFILE=ci``: 50 examples a test); the long run is
``scripts/robustness.sh`` (many thousands of examples).
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpcinfo import check
from cpcinfo.cli import main
from cpcinfo.cli._common import FORMATS as CLI_FORMATS
from cpcinfo.convert import read_document, structure_applicant, structure_member, structure_organization
from cpcinfo.errors import DocumentError
from cpcinfo.examples import BASE_DOCUMENT
from cpcinfo.io import InputError, load_code_tables, load_infobase, load_roster, load_waivers, parse_json
from cpcinfo.report import FORMATS, render_audit, render_check
from cpcinfo.testing.strategies import documents

AS_OF = datetime.date(2011, 6, 30)
ID = "610102198005120019"
SLOW = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture], deadline=None)

# Junk of every kind: every JSON type, hostile text (controls, escapes, surrogates, bidi overrides, markup,
# formula prefixes, identity numbers glued to letters or split by separators), huge and tiny numbers.
HOSTILE_TEXT = st.sampled_from([
    "", " ", "\x00", "\x1b[2J", "\x1b]0;title\x07", "\ncpcinfo: 检查通过", "\ud800", "\udfff\ud800", "\u202e",
    "\u200b", "<script>alert(1)</script>", "=HYPERLINK(\"x\")", "+1+1", "-1", "@SUM(A1)", "\t=1",
    f"P{ID}", f"ID{ID}", f"{ID[:6]} {ID[6:14]} {ID[14:]}", f"{ID[:6]}-{ID[6:]}", f"{ID[:9]}\u200b{ID[9:]}", ID,
    "x" * 5000, "男", "1", "2011-06-30", "NULL", "None", "#1", "\\", "\"", "'",
]) | st.text(max_size=30)
# (5,000-digit integers are test_hostile_input's: hypothesis itself cannot print them.)
SCALARS = (st.none() | st.booleans() | st.integers()
           | st.floats(allow_nan=False, allow_infinity=False) | HOSTILE_TEXT)
JUNK = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(HOSTILE_TEXT, inner, max_size=4), max_leaves=12)
TOP_KEYS = st.sampled_from(["organizations", "members", "applicants", "党组织", "党员", "申请入党人", "Members",
                            "APPLICANTS", "党员 ", "extra"])


def junk_documents() -> st.SearchStrategy[Any]:
    """Documents with the right top-level keys and junk inside, junk documents, and real documents with junk
    grafted into records."""
    records = st.lists(st.dictionaries(st.sampled_from(["id", "basic", "code", "parent", "education", "人员编号",
                                                        "基本信息", "unit", "leaders"]) | HOSTILE_TEXT,
                                       JUNK, max_size=5), max_size=4)
    shaped = st.dictionaries(TOP_KEYS, records | JUNK, max_size=4)
    return shaped | JUNK | documents(junk=True)


_ID_DIGITS = re.compile(r"\d{15}")


def assert_no_identity_number(text: str) -> None:
    digits_only = re.sub(r"[\s\-\u200b]", "", text)
    assert ID not in digits_only, "an identity number reached the output"


def assert_terminal_safe(text: str) -> None:
    bad = [ch for ch in text if ch != "\n" and (ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F
                                               or 0xD800 <= ord(ch) <= 0xDFFF or ch == "\u202e")]
    assert not bad, f"raw control characters in terminal output: {bad[:5]!r}"


_FORMULA = re.compile(r"^[=+\-@\t\r]")


def assert_no_formula_cells(data: bytes, format: str) -> None:
    """No cell of a spreadsheet output starts like a formula (=, +, -, @, tab, CR) unless quoted as text."""
    if format == "csv":
        for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))):
            assert not [cell for cell in row if _FORMULA.match(cell) and not _is_number(cell)], row
    elif format == "xlsx":
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.load_workbook(io.BytesIO(data))
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


# -- the converters and the check ------------------------------------------------------------------------

@SLOW
@given(junk_documents())
def test_read_check_render_never_fails_but_as_documented(data: Any) -> None:
    try:
        loaded = read_document(data)
    except DocumentError as error:
        str(error)  # the message itself must render
        return
    infobase = loaded.infobase
    result = check(infobase, as_of=AS_OF)
    assert result.counts.organizations == len(infobase.organizations)
    assert result.counts.members == len(infobase.members)
    assert result.counts.applicants == len(infobase.applicants)
    for format in FORMATS:
        out = render_check(result, format)
        assert_no_identity_number(out)
        out.encode("utf-8", "backslashreplace")
    assert_terminal_safe(render_check(result, "text"))


@SLOW
@given(JUNK)
def test_one_record_converters_refuse_only_with_document_errors(data: Any) -> None:
    for structure in (structure_organization, structure_member, structure_applicant):
        try:
            structure(data)
            structure(data, keys="zh")
        except DocumentError:
            pass


@SLOW
@given(st.binary(max_size=200) | JUNK.map(lambda v: json.dumps(v).encode()))
def test_parse_json_refuses_only_with_input_errors(data: bytes) -> None:
    try:
        parse_json(data)
    except InputError as error:
        assert_no_identity_number(str(error)) if ID not in data.decode("utf-8", "replace") else None


# -- every loader ----------------------------------------------------------------------------------------

LOADERS = [load_infobase, load_roster, load_waivers, load_code_tables]


@SLOW
@given(content=st.binary(max_size=100) | JUNK.map(lambda v: json.dumps(v, ensure_ascii=False).encode(
    "utf-8", "surrogatepass")) | junk_documents().map(lambda v: json.dumps(v).encode()))
def test_every_loader_refuses_only_with_input_errors(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "input.json"
    path.write_bytes(content)
    for loader in LOADERS:
        try:
            loader(path)
        except InputError as error:
            assert str(path) in str(error)


# -- every command -----------------------------------------------------------------------------------------

@SLOW
@given(document=junk_documents(), format=st.sampled_from(sorted(CLI_FORMATS)))
def test_every_command_exits_0_1_or_2_with_clean_output(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes],
                                                       document: Any, format: str) -> None:
    path = tmp_path / "input.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8", errors="surrogatepass")
    for command in ("check", "audit"):
        code = main([command, str(path), "--as-of", "2011-06-30", "--format", format])
        captured = capsysbinary.readouterr()
        assert code in (0, 1, 2), captured.err.decode("utf-8", "replace")
        err = captured.err.decode("utf-8")  # always valid UTF-8
        if format == "pdf":  # a PDF into a pipe is the document's bytes; into a terminal it is refused
            assert captured.out.startswith(b"%PDF-") if captured.out else code == 2, captured.out[:40]
            out = ""
        else:
            out = captured.out.decode("utf-8")  # always valid UTF-8
        assert "Traceback" not in err
        assert_no_identity_number(out)
        assert_no_identity_number(err)
        assert_terminal_safe(err)
        if format == "text":
            assert_terminal_safe(out)
        if format in ("csv", "xlsx"):
            assert_no_formula_cells(captured.out, format)


@SLOW
@given(st.lists(HOSTILE_TEXT | st.sampled_from(["--", "-o", "--seed", "--as-of", "--format", "--select",
                                                 "--members", "--max-bytes", "-h", "--debug", "=--"]),
                max_size=6))
def test_any_command_line_exits_with_a_documented_code(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       argv: list[str]) -> None:
    data = tmp_path / "clean.json"
    if not data.exists():
        data.write_text(json.dumps(BASE_DOCUMENT, ensure_ascii=False), encoding="utf-8")
    for command in (["check", str(data)], ["audit", str(data)], ["rules"], ["codes"], ["sample-size"]):
        args = [*command, *argv]
        if any(a in ("-o", "--output") or a.startswith(("-o=", "--output=")) for a in args):
            continue  # writing files named by junk is not this test's business
        try:
            code = main(args)
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 2
        captured = capsys.readouterr()
        assert code in (0, 1, 2), (args, captured.err)
        assert "Traceback" not in captured.err


def test_audit_render_of_a_hostile_database_in_every_format() -> None:
    from cpcinfo import audit
    from cpcinfo.rules.builders import with_value

    data = with_value(BASE_DOCUMENT, "members.0.id", f"P{ID}\x1b[2J")
    data = with_value(data, "organizations.0.unit.name", f"=HYPERLINK(\"{ID}\")\ud800")
    result = audit(read_document(data).infobase, as_of=AS_OF, seed="\u202e")
    for format in FORMATS:
        assert_no_identity_number(render_audit(result, format))
    assert_terminal_safe(render_audit(result, "text"))
