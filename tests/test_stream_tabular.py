"""A 采集表 read one row at a time: the same check, findings, locations and errors as the whole-table reader."""

from __future__ import annotations

import datetime
import json
import weakref
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from cpcinfo import convert
from cpcinfo.checking import check, check_stream
from cpcinfo.cli import main
from cpcinfo.demo import university
from cpcinfo.entity import Entity
from cpcinfo.infobase import InfoBase
from cpcinfo.io import InputError, load_database
from cpcinfo.stream import TabularSource, open_source
from cpcinfo.tabular._csv import detect_encoding
from cpcinfo.tabular._layout import group_sheet_layout, sheet_layout
from cpcinfo.tabular._stream import SheetOpener, TabularStream, checked_encoding
from cpcinfo.tabular._write import write_csv_folder
from cpcinfo.testing import strategies as s

AS_OF = datetime.date(2011, 6, 30)
SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture]


def _whole(path: Path, **options: Any) -> tuple[Any, Any]:
    database = load_database(path, **options)
    return check(database.infobase, as_of=AS_OF, roster=database.roster, waivers=database.waivers), database


def _streamed(path: Path, **options: Any) -> tuple[Any, Any]:
    source = open_source(path, **options)
    assert isinstance(source, TabularSource)
    result = check_stream(source.organizations, source.members, source.applicants, as_of=AS_OF,
                          roster=source.roster, waivers=source.waivers)
    return result, source.database(source.roster, source.waivers)


def _same(path: Path, **options: Any) -> Any:
    """Check ``path`` read whole and streamed; assert every part of the outcome equal — or the same error
    when the whole reader refuses the input; the result."""
    try:
        whole, database = _whole(path, **options)
    except InputError as exc:
        assert _error(lambda: _consumed(path, **options)) == str(exc)
        return None
    streamed, located = _streamed(path, **options)
    assert streamed == whole
    assert streamed.counts == whole.counts
    for finding in (*whole.findings, *whole.waiver_reports):
        assert located.locate(finding) == database.locate(finding), finding
    assert located.inputs == database.inputs
    assert located.normalised == database.normalised
    assert located.roster == database.roster and located.waivers == database.waivers
    return whole


@settings(max_examples=40, suppress_health_check=SLOW, deadline=None)
@given(document=s.documents(junk=True))
def test_a_streamed_csv_folder_checks_as_the_whole_folder(document: dict[str, Any], tmp_path_factory: Any) -> None:
    base = convert.structure(document)
    if not (base.organizations or base.members or base.applicants):
        return
    folder = tmp_path_factory.mktemp("csv")
    write_csv_folder(base, folder, encoding="gb18030")
    _same(folder)


@settings(max_examples=12, suppress_health_check=SLOW, deadline=None)
@given(document=s.documents(junk=True, keys="zh"))
def test_a_streamed_workbook_checks_as_the_whole_workbook(document: dict[str, Any], tmp_path_factory: Any) -> None:
    pytest.importorskip("python_calamine")
    from cpcinfo.tabular._write import write_workbook

    base = convert.structure(document, keys="zh")
    if not (base.organizations or base.members or base.applicants):
        return
    path = tmp_path_factory.mktemp("xlsx") / "db.xlsx"
    write_workbook(base, path)
    _same(path)


@pytest.fixture(scope="module")
def demo() -> Any:
    return university()


def test_the_demo_unit_streams_to_the_same_findings_in_the_same_cells(demo: Any, tmp_path: Path) -> None:
    pytest.importorskip("python_calamine")
    from cpcinfo.tabular._write import write_workbook

    base = demo.infobase
    small = InfoBase(organizations=base.organizations, members=base.members[:150], applicants=base.applicants[:30])
    write_workbook(small, tmp_path / "采集表.xlsx", roster=demo.roster, waivers=demo.waivers)
    result = _same(tmp_path / "采集表.xlsx")
    assert result.findings
    write_csv_folder(base, tmp_path / "csv", roster=demo.roster)
    result = _same(tmp_path / "csv")
    assert any("[" in f.field for f in result.findings)  # findings on subrecords, located on their group rows
    _same(tmp_path / "csv" / "党员.csv")  # one file: its sheet alone


def test_group_rows_out_of_order_and_owners_repeated_join_as_the_whole_reader_joins(tmp_path: Path) -> None:
    (tmp_path / "党员.csv").write_text("人员编号,姓名\nM2,王芳\nM1,李明\nM2,张三\n,无号\n", encoding="utf-8")
    (tmp_path / "党员-学历学位信息.csv").write_text(
        "人员编号,学历\nM1,21\nM2,11\nM1,\nM1,99\nM2,31\n", encoding="utf-8")
    result = _same(tmp_path)
    assert result.counts.members == 4


# -- read once, never held whole ----------------------------------------------------------------------------------


class _Row(list[Any]):
    """A row that can be watched: the test counts the rows still alive."""

    __slots__ = ("__weakref__",)
    __hash__ = object.__hash__  # type: ignore[assignment]


def _watched(header: Sequence[str], rows: Sequence[Sequence[Any]], alive: weakref.WeakSet[_Row],
             opened: list[str], name: str) -> Any:
    def read() -> Iterator[Sequence[Any]]:
        assert name not in opened, f"{name} was read twice"
        opened.append(name)
        yield list(header)
        for row in rows:
            watched = _Row(row)
            alive.add(watched)
            yield watched
    return read


def test_every_row_is_read_once_and_the_rows_are_never_held(tmp_path: Path) -> None:
    members = [[f"M{n:05}", "王芳", "2"] for n in range(300)]
    education = [[f"M{n:05}", "21"] for n in range(300)]
    alive: weakref.WeakSet[_Row] = weakref.WeakSet()
    opened: list[str] = []
    member_sheet, education_sheet = sheet_layout(Entity.MEMBER), group_sheet_layout(Entity.MEMBER, "education")
    sheets = [
        SheetOpener(member_sheet.name, "db", _watched(["人员编号", "姓名", "性别"], members, alive, opened, "m")),
        SheetOpener(education_sheet.name, "db", _watched(["人员编号", "学历"], education, alive, opened, "e")),
    ]
    stream = TabularStream(sheets, file="db")
    source = TabularSource(stream)
    most = 0
    count = 0
    for member in source.members:
        most = max(most, len(alive))  # the rows still alive while a record is handed over
        count += 1
        assert member.education
    assert count == 300 and most <= 2
    assert sorted(opened) == ["e", "m"]
    assert list(source.applicants) == []


# -- bad input: the same error as the whole reader ----------------------------------------------------------------


def _members(folder: Path, text: str, name: str = "党员.csv", encoding: str = "utf-8") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding=encoding)
    return folder


BAD_FOLDERS = {
    "unknown owner": {"党员.csv": "人员编号,姓名\nM1,王芳\n", "党员-学历学位信息.csv": "人员编号,学历\nM1,21\nM9,21\n"},
    "owner not filled": {"党员.csv": "人员编号,姓名\nM1,王芳\n", "党员-学历学位信息.csv": "人员编号,学历\n,21\n"},
    "owner sheet missing": {"党组织.csv": "党组织代码,党组织名称\n001,党委\n",
                            "党员-奖惩信息.csv": "人员编号,奖惩名称\nM1,表彰\n"},
    "unknown column": {"党员.csv": "人员编号,性另\nM1,1\n"},
    "the same field twice": {"党员.csv": "人员编号,姓名,name\nM1,王芳,王芳\n"},
    "unheaded column filled": {"党员.csv": "人员编号,姓名\nM1,王芳,多余\n"},
    "empty sheet": {"党员.csv": ""},
    "no key column": {"党员.csv": "姓名\n王芳\n"},
    "NUL": {"党员.csv": "人员编号,姓名\nM1,王\x00芳\n"},
    "field too long": {"党员.csv": "人员编号,姓名\nM1,\"" + "王" * 140_000 + "\"\n"},
    "not a sheet's name": {"党员.csv": "人员编号\nM1\n", "名单.csv": "a\n1\n"},
    "only a roster": {"实际党组织名单.csv": "党组织代码,党组织名称\n001,党委\n"},
    "a bad roster": {"党员.csv": "人员编号\nM1\n", "实际党组织名单.csv": "党组织代码,颜色\n001,红\n"},
    "a bad waiver": {"党员.csv": "人员编号\nM1\n", "豁免.csv": "规则,记录\nXYZ,M1\n"},
}


def _error(action: Any) -> str:
    with pytest.raises(InputError) as caught:
        action()
    return str(caught.value)


def _consumed(path: Path, **options: Any) -> None:
    source = open_source(path, **options)
    for _ in source.applicants:
        pass
    for _ in source.members:
        pass
    from cpcinfo.io import refuse_empty

    if not (source.organizations or source.stream.sources.count(Entity.MEMBER)
            or source.stream.sources.count(Entity.APPLICANT)):
        refuse_empty(InfoBase(), path)


@pytest.mark.parametrize("case", sorted(BAD_FOLDERS))
def test_bad_tables_are_refused_as_the_whole_reader_refuses_them(tmp_path: Path, case: str) -> None:
    for name, text in BAD_FOLDERS[case].items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    whole = _error(lambda: load_database(tmp_path))
    assert _error(lambda: _consumed(tmp_path)) == whole


@pytest.mark.parametrize(("data", "encoding"), [
    ("人员编号,姓名\nM1,王芳\n".encode("gbk"), "utf-8"),            # GBK read as UTF-8 by mistake
    (b"\xe4\xba\xba,\xff\xfe\n" * 3, None),                          # neither UTF-8 nor GB18030: line 1
    ("人员编号,姓名\n".encode() + b"M1," + b"\x81" * 3 + b"\n", None),  # a broken GB18030 sequence
    (b"x" * (1 << 20) + "党".encode()[:2] + b"\n", "utf-8"),          # cut across the chunk boundary
    ("人员编号,姓名\nM1,王芳\n".encode(), "no-such-codec"),
])
def test_text_in_the_wrong_encoding_is_refused_with_the_same_byte_and_line(tmp_path: Path, data: bytes,
                                                                          encoding: str | None) -> None:
    file = tmp_path / "党员.csv"
    file.write_bytes(data)
    whole = _error(lambda: load_database(file, encoding=encoding))
    assert _error(lambda: _consumed(file, encoding=encoding)) == whole


def test_encodings_are_detected_as_the_whole_reader_detects_them(tmp_path: Path) -> None:
    for encoding in ("utf-8-sig", "utf-8", "gbk", "utf-16"):
        folder = _members(tmp_path / encoding, "人员编号,姓名\nM1,王芳\n", encoding=encoding)
        _same(folder)
    # The first byte that is not UTF-8 is 3 MB in, past the first chunks.
    for tail, expected in (("李明", "gb18030"), ("", "utf-8")):
        late = tmp_path / f"late{expected}.csv"
        late.write_bytes(b"M1,x\n" * 600_000 + tail.encode("gbk"))
        assert checked_encoding(late, None) == detect_encoding(late.read_bytes()) == expected


def test_bad_workbooks_are_refused_as_the_whole_reader_refuses_them(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    pytest.importorskip("python_calamine")
    wb = openpyxl.Workbook()
    wb.active.title = "党员"  # empty: left out, so the workbook has no sheet of data
    wb.create_sheet("草稿")  # an unknown name on an empty sheet is no error
    wb.save(tmp_path / "empty.xlsx")
    wb = openpyxl.Workbook()
    wb.active.title = "党员"
    wb.active.append(["人员编号", "姓名"])
    wb.active.append(["M1", "王芳"])
    wb.create_sheet("名单").append(["a"])
    wb.save(tmp_path / "unknown.xlsx")
    wb = openpyxl.Workbook()
    wb.active.title = "党员"
    wb.active["C3"], wb.active["D3"], wb.active["C4"], wb.active["D4"] = "人员编号", "姓名", "M1", "王芳"
    wb.save(tmp_path / "offset.xlsx")
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    for name in ("empty.xlsx", "unknown.xlsx", "offset.xlsx", "broken.xlsx", "missing.xlsx"):
        whole = _error(lambda name=name: load_database(tmp_path / name))  # type: ignore[misc]
        assert _error(lambda name=name: _consumed(tmp_path / name)) == whole, name  # type: ignore[misc]


# -- the command --------------------------------------------------------------------------------------------------


@pytest.fixture
def always_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    import cpcinfo.cli._scale as scale

    monkeypatch.setattr(scale, "WORKBOOK_STREAM_ABOVE", 0)
    monkeypatch.setattr(scale, "CSV_STREAM_ABOVE", 0)


def test_big_tables_stream_and_small_ones_are_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import cpcinfo.cli._scale as scale

    folder = _members(tmp_path / "csv", "人员编号,姓名\nM1,王芳\n")
    (tmp_path / "a.xlsx").write_bytes(b"x" * 100)
    assert not any(scale.streams(str(p)) for p in (folder, folder / "党员.csv", tmp_path / "a.xlsx"))
    monkeypatch.setattr(scale, "WORKBOOK_STREAM_ABOVE", 50)
    monkeypatch.setattr(scale, "CSV_STREAM_ABOVE", 10)
    assert all(scale.streams(str(p)) for p in (folder, folder / "党员.csv", tmp_path / "a.xlsx"))
    assert not scale.streams(str(tmp_path / "nothing.csv"))


def _report(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(["check", *argv, "--as-of", "2011-06-30", "--format", "json"])
    return code, capsys.readouterr().out


def test_the_command_reports_the_same_whether_it_streams_or_not(demo: Any, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    write_csv_folder(demo.infobase, tmp_path / "csv", roster=demo.roster, encoding="gb18030")
    whole = _report(capsys, str(tmp_path / "csv"))
    import cpcinfo.cli._scale as scale

    monkeypatch.setattr(scale, "CSV_STREAM_ABOVE", 0)
    assert _report(capsys, str(tmp_path / "csv")) == whole
    report = json.loads(whole[1])
    assert report["findings"] and all(f["location"] for f in report["findings"] if f["rule"] != "ORG503")
    assert "--columns" and _report(capsys, str(tmp_path / "csv"), "--select", "MEM1")[0] in (0, 1)


@pytest.mark.usefixtures("always_stream")
def test_the_command_refuses_a_bad_streamed_table_in_one_line(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    for name, text in BAD_FOLDERS["unknown owner"].items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert main(["check", str(tmp_path), "--as-of", "2011-06-30"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "M9" in err and "党员-学历学位信息" in err and "第 3 行" in err
    empty = _members(tmp_path / "empty", "人员编号,姓名\n")
    assert main(["check", str(empty), "--as-of", "2011-06-30"]) == 2
    assert "没有任何记录" in capsys.readouterr().err


@pytest.mark.usefixtures("always_stream")
def test_the_command_takes_the_encoding_and_the_column_map_when_it_streams(tmp_path: Path,
                                                                            capsys: pytest.CaptureFixture[str]
                                                                            ) -> None:
    file = tmp_path / "党员.csv"
    file.write_bytes("编号,名字,出生日期\nM1,王芳,1980/5/12\n".encode("gbk"))
    columns = tmp_path / "columns.json"
    columns.write_text(json.dumps({"编号": "id", "名字": "basic.name"}, ensure_ascii=False), encoding="utf-8")
    code, out = _report(capsys, str(file), "--encoding", "gbk", "--columns", str(columns))
    report = json.loads(out)
    assert code == 1 and report["inputs"] == [{"path": str(file), "format": "csv", "encoding": "gbk"}]
    [born] = [f for f in report["findings"] if f["field"] == "basic.born_on"]
    assert born["location"]["cell"] == "党员!C2"


@pytest.mark.usefixtures("always_stream")
def test_the_correction_workbook_of_a_streamed_table_lists_its_findings(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    folder = _members(tmp_path / "csv", "人员编号,姓名,出生日期\nM1,王芳,1980/5/12\n")
    out = tmp_path / "问题清单.xlsx"
    assert main(["check", str(folder), "--as-of", "2011-06-30", "--format", "xlsx", "-o", str(out)]) == 1
    assert "Traceback" not in capsys.readouterr().err
    from cpcinfo.tabular.correction import FINDINGS_SHEET

    rows = list(openpyxl.load_workbook(out)[FINDINGS_SHEET].iter_rows(min_row=2, values_only=True))
    assert rows and all("M1" in row for row in rows)  # named by record; the rows are not copied
