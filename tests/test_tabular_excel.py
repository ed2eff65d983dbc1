"""The 采集表 workbook in and the correction workbook out (the ``excel`` extra: python-calamine, openpyxl)."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

openpyxl = pytest.importorskip("openpyxl")
pytest.importorskip("python_calamine")

from cpcinfo.checking import check  # noqa: E402
from cpcinfo.cli import main  # noqa: E402
from cpcinfo.convert import structure  # noqa: E402
from cpcinfo.demo import university  # noqa: E402
from cpcinfo.io import load_database  # noqa: E402
from cpcinfo.tabular import FINDINGS_COLUMNS, findings_table, read_workbook  # noqa: E402
from cpcinfo.tabular._write import cell_text, write_workbook  # noqa: E402
from cpcinfo.tabular.correction import FINDINGS_SHEET, HIGHLIGHT, correction_workbook  # noqa: E402
from cpcinfo.testing.strategies import documents  # noqa: E402

AS_OF = datetime.date(2011, 6, 30)


@pytest.fixture(scope="module")
def demo() -> Any:
    return university()


@pytest.fixture(scope="module")
def text_book(demo: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("book") / "采集表.xlsx"
    write_workbook(demo.infobase, path, roster=demo.roster, waivers=demo.waivers)
    return path


@pytest.fixture(scope="module")
def small_book(demo: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tenth of the demo (every organization, the first members and applicants), for the slow writers."""
    from cpcinfo.infobase import InfoBase

    base = demo.infobase
    small = InfoBase(organizations=base.organizations, members=base.members[:150], applicants=base.applicants[:30])
    path = tmp_path_factory.mktemp("small") / "采集表.xlsx"
    write_workbook(small, path, roster=demo.roster)
    return path


def _triples(findings: Any) -> set[tuple[str, str | None, str]]:
    return {(f.rule, f.key, f.field) for f in findings}


def _floating_gaps(base: Any, findings: Any) -> set[tuple[str, str | None, str]]:
    return {t for t in _triples(findings) if t[0] == "MEM701" and base.member(t[1]).floating.flow_type is None}


def test_the_demo_as_text_cells_reads_back_to_the_findings_of_its_json(demo: Any, text_book: Path) -> None:
    database = read_workbook(text_book)
    expected = check(demo.infobase, as_of=AS_OF)
    got = check(database.infobase, as_of=AS_OF)
    assert _triples(got.findings) == _triples(expected.findings) - _floating_gaps(demo.infobase, expected.findings)
    assert database.roster == demo.roster
    assert set(database.waivers) == set(demo.waivers)


def test_the_demo_as_typed_cells_differs_only_by_the_zeros_the_typing_lost(demo: Any, tmp_path: Path) -> None:
    path = tmp_path / "typed.xlsx"
    write_workbook(demo.infobase, path, typed=True)
    database = read_workbook(path)
    expected = check(demo.infobase, as_of=AS_OF)
    got = check(database.infobase, as_of=AS_OF)
    extra = [f for f in got.findings if (f.rule, f.key, f.field) not in _triples(expected.findings)]
    assert extra  # the typing made some findings true ...
    for finding in extra:  # ... and each is a lost leading zero, with the code as recorded in JSON suggested
        assert finding.kind.label == "不规范" and "缺少开头的 0" in finding.message
        assert str(finding.suggestion).lstrip("0") == finding.value
    assert _triples(got.findings) - {(f.rule, f.key, f.field) for f in extra} == \
        _triples(expected.findings) - _floating_gaps(demo.infobase, expected.findings)
    assert database.normalised  # the date cells were read as dates, and counted


def test_every_finding_names_its_cell_and_the_correction_workbook_highlights_exactly_those(
        demo: Any, text_book: Path) -> None:
    database = read_workbook(text_book)
    result = check(database.infobase, as_of=AS_OF, roster=database.roster, waivers=database.waivers)
    read = {f for f in result.findings if f.key is None or database.infobase.organization(f.key) is not None
            or f.entity.value != "organization"}
    unlocated = [f for f in result.findings if database.locate(f) is None]
    assert all(f.rule == "ORG503" for f in unlocated)  # an organization of the roster missing from the data
    assert all(database.locate(f) is not None for f in read)
    located = {database.locate(f) for f in result.findings} - {None}
    cells = {(where.sheet, f"{where.column}{where.row}") for where in located}  # type: ignore[union-attr]
    wb = correction_workbook(result, database)
    marked = set()
    for sheet in ("党组织", "党员", "申请入党人", "党组织-班子成员", "党组织-组织奖惩", "党员-学历学位信息",
                  "党员-奖惩信息", "申请入党人-学历学位信息"):
        for row in wb[sheet].iter_rows():
            for cell in row:
                highlighted = cell.fill is not None and cell.fill.fgColor.rgb.endswith(HIGHLIGHT)
                assert highlighted == (cell.comment is not None)
                if highlighted:
                    marked.add((sheet, cell.coordinate))
    assert marked == cells


def test_the_findings_sheet_is_filterable_with_a_frozen_header(demo: Any, text_book: Path) -> None:
    database = read_workbook(text_book)
    result = check(database.infobase, as_of=AS_OF)
    ws = correction_workbook(result, database)[FINDINGS_SHEET]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
    assert [c.value for c in ws[1]] == [label for _, label in FINDINGS_COLUMNS]


def _sheet_rows(ws: Any) -> list[list[Any]]:
    return [["" if v is None else str(v) for v in row] for row in ws.iter_rows(min_row=2, values_only=True)]


def _table_rows(rows: list[dict[str, Any]]) -> list[list[Any]]:
    return [["" if row[n] is None else cell_text(str(row[n])) for n, _ in FINDINGS_COLUMNS] for row in rows]


@settings(max_examples=8, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents(junk=True))
def test_the_findings_sheet_equals_the_findings_of_the_check(document: dict[str, Any]) -> None:
    base = structure(document)
    result = check(base, as_of=AS_OF)
    wb = correction_workbook(result, base)
    assert _sheet_rows(wb[FINDINGS_SHEET]) == _table_rows(findings_table(result, _located(result, base)))
    assert len(_sheet_rows(wb[FINDINGS_SHEET])) == len(result.findings) + len(result.waiver_reports)


def _located(result: Any, base: Any) -> Any:
    """A JSON-born database as the correction workbook lays it out: its sheets are where its findings are."""
    from cpcinfo.tabular import Database
    from cpcinfo.tabular.correction import _source_rows

    return Database(infobase=base, inputs=(), sources=_source_rows(base)[1])


def test_identity_numbers_are_masked_unless_shown(small_book: Path) -> None:
    database = read_workbook(small_book)
    result = check(database.infobase, as_of=AS_OF)
    some_id = next(m.basic.id_number for m in database.infobase.members if m.basic and m.basic.id_number)
    for mask, present in ((True, False), (False, True)):
        wb = correction_workbook(result, database, mask_ids=mask)
        values = {str(c) for ws in wb for row in ws.iter_rows(values_only=True) for c in row if c is not None}
        assert (some_id in values) is present


def test_formula_like_text_is_written_as_text(tmp_path: Path) -> None:
    from cpcinfo.convert import structure_member
    from cpcinfo.infobase import InfoBase

    member = structure_member({"id": "=HYPERLINK(\"x\")", "basic": {"name": "+王芳", "unit_name": "@单位"}})
    path = tmp_path / "f.xlsx"
    write_workbook(InfoBase(members=(member,)), path)
    ws = openpyxl.load_workbook(path)["党员"]
    for cell in (ws["A2"], ws["B2"], ws["G2"]):
        assert cell.data_type == "s" and cell.quotePrefix
    result = check(read_workbook(path).infobase, as_of=AS_OF)
    wb = correction_workbook(result, read_workbook(path))
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f"


# -- the command ---------------------------------------------------------------------------------------------------


def test_audit_takes_the_workbook_and_writes_the_correction_workbook(small_book: Path, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "问题清单.xlsx"
    folder = tmp_path / "branches"
    code = main(["audit", str(small_book), "--as-of", "2011-06-30", "--format", "xlsx", "-o", str(out),
                 "--split-by-branch", str(folder)])
    assert code in (0, 1)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == FINDINGS_SHEET
    files = sorted(p.name for p in folder.iterdir())
    assert files and all(name.endswith(".xlsx") for name in files)
    assert sum("-中共" in name for name in files) > len(files) / 2  # <组织代码>-<组织名称>.xlsx
    branch = openpyxl.load_workbook(folder / files[0])
    code_of_branch = files[0].split("-", 1)[0]
    assert {row[5] for row in branch[FINDINGS_SHEET].iter_rows(min_row=2, values_only=True)} == {code_of_branch}


def test_audit_of_the_workbook_reports_cells_in_json(text_book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["audit", str(text_book), "--as-of", "2011-06-30", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert report["inputs"] == [{"path": str(text_book), "format": "xlsx", "encoding": None}]
    assert all(f["location"] and "!" in f["location"]["cell"] for f in report["findings"] if f["rule"] != "ORG503")


def _one_line_error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    return err


def test_a_file_that_is_not_a_workbook_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fake = tmp_path / "采集表.xlsx"
    fake.write_text("not a workbook", encoding="utf-8")
    assert "采集表.xlsx" in _one_line_error(capsys, "check", str(fake))


def test_a_workbook_without_the_sheets_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "Sheet1"
    wb.active["A1"] = "x"
    wb.save(tmp_path / "b.xlsx")
    err = _one_line_error(capsys, "audit", str(tmp_path / "b.xlsx"))
    assert "Sheet1" in err and "党员" in err


def test_a_workbook_with_a_wrong_header_is_exit_2_naming_sheet_row_and_nearest(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "党员"
    ws.append(["人员编号", "姓名", "出身日期"])
    ws.append(["M1", "王芳", "1980-05-12"])
    wb.save(tmp_path / "c.xlsx")
    err = _one_line_error(capsys, "check", str(tmp_path / "c.xlsx"))
    assert "工作表「党员」第 1 行" in err and "「出身日期」" in err and "「出生日期」" in err


def test_xlsx_format_needs_an_output_file(text_book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "-o" in _one_line_error(capsys, "check", str(text_book), "--format", "xlsx")


# -- the template --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "采集表.xlsx"
    assert main(["template", str(path)]) == 0
    return path


def test_the_template_headers_equal_the_glossary(template: Path) -> None:
    from cpcinfo.fields import glossary
    from cpcinfo.tabular import all_sheets

    wb = openpyxl.load_workbook(template)
    for sheet in all_sheets():
        assert [c.value for c in wb[sheet.name][1]] == [c.label for c in sheet.columns]
    labels = {c.value for s in all_sheets() for c in wb[s.name][1]}
    assert {f.label for f in glossary().fields} <= labels


def test_the_template_has_a_drop_down_on_every_code_column_and_text_format_on_keys(template: Path) -> None:
    from cpcinfo.codes import default_tables
    from cpcinfo.fields import FieldKind
    from cpcinfo.tabular import all_sheets
    from cpcinfo.tabular._layout import CODE_LIKE_KINDS
    from cpcinfo.tabular._sources import column_letter

    wb = openpyxl.load_workbook(template)
    lists = wb["代码表"]
    for sheet in all_sheets():
        ws = wb[sheet.name]
        validations = {str(dv.sqref).split(":")[0]: dv for dv in ws.data_validations.dataValidation}
        for index, column in enumerate(sheet.columns):
            letter = column_letter(index)
            if column.kind is FieldKind.CODE:
                dv = validations[f"{letter}2"]
                assert dv.type == "list"
                ref = dv.formula1.split("!")[1].replace("$", "")
                first = lists[ref.split(":")[0]].value
                code, _, label = first.partition(" ")
                assert default_tables()[column.field.code_table].get(code).label == label
            if column.kind is FieldKind.FLAG:
                assert validations[f"{letter}2"].formula1 == '"是,否"'
            if column.kind in CODE_LIKE_KINDS:
                assert ws.column_dimensions[letter].number_format == "@"
    assert "填写说明" in wb.sheetnames and wb["代码表"].sheet_state == "hidden"


def test_a_filled_template_reads_back_with_picked_codes_as_codes(template: Path, tmp_path: Path) -> None:
    from cpcinfo.codes import default_tables
    from cpcinfo.tabular._describe import offered, pick_text

    education = default_tables()["education"]
    level = offered(education)[0]
    wb = openpyxl.load_workbook(template)
    ws = wb["党员"]
    ws.append(["M1", "王芳", "2 女", "01 汉族", datetime.date(1980, 5, 12)])
    wb["党员-学历学位信息"].append(["M1", pick_text(education, level), "1998-09-01", None])
    path = tmp_path / "filled.xlsx"
    wb.save(path)
    member = read_workbook(path).infobase.members[0]
    assert (member.basic.gender, member.basic.ethnicity, member.basic.born_on) == ("2", "01",
                                                                                  datetime.date(1980, 5, 12))
    assert member.education[0].level == level


def test_the_example_workbook_holds_the_example_json(capsys: pytest.CaptureFixture[str]) -> None:
    from cpcinfo.io import load_roster, load_waivers

    examples = Path(__file__).resolve().parent.parent / "examples"
    book = read_workbook(examples / "示例单位.xlsx")
    data = load_database(examples / "示例单位.json")
    assert _triples(check(book.infobase, as_of=AS_OF).findings) == _triples(check(data.infobase, as_of=AS_OF).findings)
    assert [m.basic for m in book.infobase.members] == [m.basic for m in data.infobase.members]
    assert book.roster == load_roster(examples / "实际党组织名单.json")
    assert book.waivers == load_waivers(examples / "豁免.json")
    assert main(["audit", str(examples / "示例单位.xlsx"), "--as-of", "2011-06-30"]) == 0
    assert "优秀" in capsys.readouterr().out
