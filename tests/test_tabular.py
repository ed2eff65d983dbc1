"""Real data in: value normalisation, CSV reading, locations and the findings table (no optional extra)."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from cpcinfo.checking import check
from cpcinfo.cli import main
from cpcinfo.convert import unstructure
from cpcinfo.demo import university
from cpcinfo.entity import Entity
from cpcinfo.fields import FieldKind
from cpcinfo.io import InputError, load_database
from cpcinfo.member import validate
from cpcinfo.tabular import findings_csv, findings_table, normalise, read_csv, read_sheets
from cpcinfo.tabular._read import RawSheet, TabularError
from cpcinfo.tabular._write import write_csv_folder

AS_OF = datetime.date(2011, 6, 30)


def _member(**basic: object) -> list[RawSheet]:
    header = ["人员编号", *basic]
    return [RawSheet(name="党员", file="t.xlsx", header=header, rows=[["M1", *basic.values()]])]


def _finding(cell: object, label: str = "出生日期") -> tuple[object, list[tuple[str, str, object]]]:
    """What a member's cell reads as, and the findings on that field."""
    data = read_sheets(_member(**{label: cell}))
    member = data.infobase.members[0]
    path = {"出生日期": "basic.born_on", "民族": "basic.ethnicity", "籍贯": "basic.native_place",
            "性别": "basic.gender"}[label]
    group, name = path.split(".")
    value = getattr(getattr(member, group), name) if getattr(member, group) is not None else None
    found = [(f.rule, f.kind.label, f.suggestion) for f in validate(member, as_of=AS_OF) if f.field == path]
    return value, found


# -- typed values: what each reads as and what finding it gives -----------------------------------------------


def test_a_date_cell_is_a_date_and_gives_no_finding() -> None:
    assert _finding(datetime.date(1980, 5, 12)) == (datetime.date(1980, 5, 12), [])


def test_a_datetime_at_midnight_is_a_date() -> None:
    assert _finding(datetime.datetime(1980, 5, 12)) == (datetime.date(1980, 5, 12), [])


def test_a_datetime_with_a_time_of_day_stays_a_defect() -> None:
    value, found = _finding(datetime.datetime(1980, 5, 12, 10, 30))
    assert value == datetime.datetime(1980, 5, 12, 10, 30)
    assert found == [("MEM104", "不规范", datetime.date(1980, 5, 12))]


@pytest.mark.parametrize("blank", [None, "", float("nan")])
def test_blanks_are_not_filled_in(blank: object) -> None:
    value, found = _finding(blank)
    assert value is None
    assert [kind for _, kind, _ in found] == ["未填写"]


def test_an_integer_code_is_its_text() -> None:
    assert _finding(1, "性别") == ("1", [])
    assert _finding(610102, "籍贯") == ("610102", [])


def test_a_float_code_is_the_text_of_its_integer() -> None:
    assert _finding(1.0, "性别") == ("1", [])


def test_a_code_that_lost_its_leading_zero_is_nonstandard_with_the_code_suggested() -> None:
    value, found = _finding(1, "民族")
    assert value == "1"
    assert found == [("MEM103", "不规范", "01")]


def test_an_excel_serial_in_a_date_column_is_kept_and_the_finding_suggests_the_date() -> None:
    for cell in (29353, 29353.0, "29353"):
        value, found = _finding(cell)
        assert value in (29353, "29353") or str(value) == "29353"
        assert found == [("MEM104", "填写错误", datetime.date(1980, 5, 12))], cell


def test_a_four_digit_number_is_not_taken_for_an_excel_serial() -> None:
    _, found = _finding("1980")
    assert [s for _, _, s in found] == [None]


def test_normalise_reports_what_it_did() -> None:
    assert normalise(datetime.datetime(1980, 5, 12), FieldKind.DATE) == (datetime.date(1980, 5, 12),
                                                                         "datetime-at-midnight")
    assert normalise(7, FieldKind.KEY) == ("7", "number-as-text")
    assert normalise("张三、李四", FieldKind.NAMES) == (["张三", "李四"], None)
    assert normalise(True, FieldKind.FLAG) == (True, None)
    assert normalise(datetime.date(2001, 2, 3), FieldKind.CODE) == ("2001-02-03", "date-as-text")


def test_json_text_one_for_a_two_digit_code_is_nonstandard_too() -> None:
    """The same rule judges the same value whatever the source: 「1」 in JSON is 不规范 with 01 suggested."""
    from cpcinfo.convert import structure_member

    member = structure_member({"id": "M1", "basic": {"ethnicity": "1"}})
    [found] = [f for f in validate(member, as_of=AS_OF) if f.field == "basic.ethnicity"]
    assert (found.kind.label, found.suggestion) == ("不规范", "01")


# -- sheets: headers, groups, errors ----------------------------------------------------------------------------


def test_english_attribute_names_are_accepted_as_headers() -> None:
    data = read_sheets([RawSheet(name="members", file="t", header=["id", "gender", "basic.name"],
                                 rows=[["M1", "1", "王芳"]])])
    assert data.infobase.members[0].basic.gender == "1"
    assert data.infobase.members[0].basic.name == "王芳"


def test_a_column_map_reads_another_layout() -> None:
    sheet = RawSheet(name="党员", file="t", header=["编号", "身份证号", "备注"],
                     rows=[["M1", "610102198005120019", "x"]])
    data = read_sheets([sheet], column_map={"编号": "id", "身份证号": "basic.id_number", "备注": None})
    assert data.infobase.members[0].basic.id_number == "610102198005120019"


def test_a_wrong_header_is_named_with_the_nearest_known_one() -> None:
    with pytest.raises(TabularError) as caught:
        read_sheets(_member(出生年月="1980-05-12"))
    assert "「出生年月」" in str(caught.value) and "出生日期" in str(caught.value)
    assert "第 1 行" in str(caught.value) and "工作表「党员」" in str(caught.value)


def test_group_rows_join_their_record_by_key_and_an_unknown_owner_is_an_error() -> None:
    members = RawSheet(name="党员", file="t", header=["人员编号"], rows=[["M1"], ["M2"]])
    education = RawSheet(name="党员-学历学位信息", file="t", header=["人员编号", "学历", "入学日期"],
                         rows=[["M2", "21", "1999-09-01"], ["M2", "", ""], ["M2", "11", None]])
    data = read_sheets([education, members])
    assert not data.infobase.members[0].education
    assert [e.level for e in data.infobase.members[1].education] == ["21", "11"]
    assert data.sources.locate(Entity.MEMBER, "M2", "education[1].level").cell == "'党员-学历学位信息'!B4"
    orphan = RawSheet(name="党员-学历学位信息", file="t", header=["人员编号", "学历"], rows=[["M9", "21"]])
    with pytest.raises(TabularError, match="M9"):
        read_sheets([members, orphan])


def test_a_group_whose_every_column_is_empty_is_absent() -> None:
    data = read_sheets(_member(流动类型=None, 姓名="王芳"))
    assert data.infobase.members[0].floating is None


def test_mentors_are_names_joined_by_the_enumeration_comma() -> None:
    sheet = RawSheet(name="申请入党人", file="t", header=["人员编号", "培养人"], rows=[["A1", "王芳、李强"]])
    assert read_sheets([sheet]).infobase.applicants[0].development.mentors == ("王芳", "李强")


def test_an_empty_roster_sheet_means_no_roster_and_a_filled_one_is_read() -> None:
    members = RawSheet(name="党员", file="t", header=["人员编号"], rows=[["M1"]])
    empty = RawSheet(name="实际党组织名单", file="t", header=["党组织代码", "党组织名称"], rows=[])
    assert read_sheets([members, empty]).roster is None
    filled = RawSheet(name="实际党组织名单", file="t", header=["党组织代码", "党组织名称", "组织类别"],
                      rows=[["001", "中共某委员会", "611"]])
    roster = read_sheets([members, filled]).roster
    assert roster is not None and roster["001"].name == "中共某委员会"


def test_waivers_are_read_from_their_sheet() -> None:
    members = RawSheet(name="党员", file="t", header=["人员编号"], rows=[["M1"]])
    sheet = RawSheet(name="豁免", file="t", header=["规则", "记录", "理由", "到期日期"],
                     rows=[["MEM903", "M1", "特批", datetime.date(2030, 1, 1)]])
    [waiver] = read_sheets([members, sheet]).waivers
    assert (waiver.rule, waiver.key, waiver.expires_on) == ("MEM903", "M1", datetime.date(2030, 1, 1))


# -- CSV ----------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo() -> object:
    return university()


def _triples(findings: object) -> set[tuple[str, str | None, str]]:
    return {(f.rule, f.key, f.field) for f in findings}  # type: ignore[attr-defined]


def test_gb18030_csv_reads_back_to_the_findings_of_the_json(demo: object, tmp_path: Path) -> None:
    base = demo.infobase  # type: ignore[attr-defined]
    write_csv_folder(base, tmp_path, encoding="gb18030")
    database = read_csv(tmp_path)
    assert {f.encoding for f in database.inputs} == {"gb18030"}
    expected = check(base, as_of=AS_OF)
    got = check(database.infobase, as_of=AS_OF)
    # A floating member without 流动类型 exists only in JSON: a row with every column of a group empty is absent.
    floating_gaps = {t for t in _triples(expected.findings) if t[0] == "MEM701"
                     and base.member(t[1]).floating.flow_type is None}
    assert floating_gaps
    assert _triples(got.findings) == _triples(expected.findings) - floating_gaps
    located = [database.locate(f) for f in got.findings]
    assert all(where is not None and where.sheet and where.row and where.column for where in located)


def test_csv_encodings_are_detected_and_can_be_overridden(tmp_path: Path) -> None:
    for encoding, expected in (("utf-8-sig", "utf-8-sig"), ("utf-8", "utf-8"), ("gbk", "gb18030")):
        file = tmp_path / encoding / "党员.csv"
        file.parent.mkdir()
        file.write_text("人员编号,姓名\nM1,王芳\n", encoding=encoding)
        database = load_database(file)
        assert database.inputs[0].encoding == expected
        assert database.infobase.members[0].basic.name == "王芳"
    with pytest.raises(InputError, match="不是 utf-8 编码"):
        load_database(tmp_path / "gbk" / "党员.csv", encoding="utf-8")


def test_findings_table_has_a_row_per_finding_with_branch_and_cell(demo: object, tmp_path: Path) -> None:
    write_csv_folder(demo.infobase, tmp_path)  # type: ignore[attr-defined]
    database = read_csv(tmp_path)
    result = check(database.infobase, as_of=AS_OF)
    rows = findings_table(result, database)
    assert len(rows) == len(result.findings) + len(result.waiver_reports)
    member_rows = [r for r in rows if r["entity"] == "党员"]
    member = database.infobase.member(member_rows[0]["key"])
    assert member_rows[0]["branch"] == member.relation.branch
    assert all(r["cell"] for r in rows)
    text = findings_csv(rows)
    assert text.splitlines()[0].startswith("规则,规则名称,评分项")
    assert len(text.splitlines()) == len(rows) + 1 or text.count("\r\n") == len(rows) + 1


def test_formula_like_text_is_quoted_in_csv() -> None:
    from cpcinfo.tabular._write import safe_csv

    assert [safe_csv(v) for v in ("=1+1", "+86", "-3", "@x", "\tA", "\rA", "王芳", 3)] == \
        ["'=1+1", "'+86", "'-3", "'@x", "'\tA", "'\rA", "王芳", 3]


def test_json_findings_name_their_json_path(tmp_path: Path) -> None:
    doc = {"党员": [{"人员编号": "M1", "基本信息": {"姓名": "王芳", "出生日期": "1980年5月12日"}}]}
    file = tmp_path / "a.json"
    file.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    database = load_database(file)
    result = check(database.infobase, as_of=AS_OF)
    [born] = [f for f in result.findings if f.field == "basic.born_on"]
    assert database.locate(born).cell == "党员[0].基本信息.出生日期"


# -- the command ----------------------------------------------------------------------------------------------------


def _one_line_error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    return err


def test_a_gbk_file_read_as_utf8_by_mistake_is_exit_2_in_one_line(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "党员.csv"
    file.write_bytes("人员编号,姓名\nM1,王芳\n".encode("gbk"))
    err = _one_line_error(capsys, "check", str(file), "--encoding", "utf-8")
    assert "党员.csv" in err and "--encoding" in err


def test_a_csv_with_a_wrong_header_is_exit_2_naming_the_nearest(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "党员.csv"
    file.write_text("人员编号,性另\nM1,1\n", encoding="utf-8")
    err = _one_line_error(capsys, "check", str(file))
    assert "「性另」" in err and "「性别」" in err


def test_a_folder_without_sheets_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "名单.csv").write_text("a\n1\n", encoding="utf-8")
    assert "名单.csv" in _one_line_error(capsys, "check", str(tmp_path))


def test_check_writes_the_findings_table_as_csv(demo: object, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "demo.json"
    doc.write_text(json.dumps(unstructure(demo.infobase, keys="zh"), ensure_ascii=False),  # type: ignore[attr-defined]
                   encoding="utf-8")
    out = tmp_path / "f.csv"
    assert main(["check", str(doc), "--as-of", "2011-06-30", "--format", "csv", "-o", str(out)]) == 1
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].split(",")[:3] == ["规则", "规则名称", "评分项"]
    assert "党员[" in out.read_text(encoding="utf-8")


def test_the_json_report_names_each_location_and_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "党员.csv"
    file.write_text("人员编号,姓名,出生日期\nM1,王芳,1980/5/12\n", encoding="gbk")
    assert main(["check", str(file), "--as-of", "2011-06-30", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["inputs"] == [{"path": str(file), "format": "csv", "encoding": "gb18030"}]
    [born] = [f for f in report["findings"] if f["field"] == "basic.born_on"]
    assert born["location"]["cell"] == "党员!C2"


# -- examples, docs, the README ---------------------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent


def test_the_readme_snippet_is_a_unit_that_passes() -> None:
    from cpcinfo.convert import structure

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    snippet = text.split("```json\n", 1)[1].split("```", 1)[0]
    result = check(structure(json.loads(snippet), keys="zh"), as_of=AS_OF)
    assert result.findings == ()


def test_the_example_unit_is_clean_apart_from_its_waived_situation(capsys: pytest.CaptureFixture[str]) -> None:
    examples = ROOT / "examples"
    code = main(["audit", str(examples / "示例单位.json"), "--as-of", "2011-06-30", "--format", "json",
                 "--roster", str(examples / "实际党组织名单.json"), "--waivers", str(examples / "豁免.json")])
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and report["grade"] == "excellent" and report["total"] == 100
    assert report["roster_checked"] is True
    assert [(f["rule"], f["status"]) for f in report["findings"]] == [("MEM903", "waived")]


def test_the_json_schema_names_every_glossary_field() -> None:
    from cpcinfo.fields import glossary

    schema = json.loads((ROOT / "docs" / "input.schema.json").read_text(encoding="utf-8"))
    text = json.dumps(schema, ensure_ascii=False)
    for field in glossary().fields:
        assert f'"{field.name}"' in text and f'"{field.label}"' in text
    assert set(schema["properties"]) == {"organizations", "members", "applicants", "党组织", "党员", "申请入党人"}


def test_the_command_takes_a_column_map(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "党员.csv"
    file.write_text("编号,名字,备注\nM1,王芳,调入\n", encoding="utf-8")
    columns = tmp_path / "columns.json"
    columns.write_text(json.dumps({"编号": "id", "名字": "basic.name", "备注": None}, ensure_ascii=False),
                       encoding="utf-8")
    main(["check", str(file), "--columns", str(columns), "--as-of", "2011-06-30", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert report["counts"]["members"] == 1
    assert not [f for f in report["findings"] if f["field"] == "basic.name"]
    columns.write_text("[1]", encoding="utf-8")
    assert "列对照表" in _one_line_error(capsys, "check", str(file), "--columns", str(columns))
