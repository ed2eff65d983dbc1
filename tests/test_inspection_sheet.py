"""The inspection file as a 建库情况 sheet: CSV always, a workbook with the ``excel`` extra."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

import pytest

from cpcinfo.acceptance.inspection import MaintenanceRules, ResponsiblePerson, Software, inspection_findings
from cpcinfo.acceptance.inspection_doc import InspectionDocumentError
from cpcinfo.acceptance.inspection_sheet import ITEMS, inspection_from_rows
from cpcinfo.io import InputError
from cpcinfo.region_io import load_inspection

ROWS = [
    ("项目", "内容"), ("单位代码", "610302001"), ("单位名称", "中共某镇委员会"), ("所属地区系统", "宝鸡市"),
    ("是否建库", "是"), ("建库日期", "2010-12-01"), ("建库软件", "中国共产党基本信息管理系统2005"),
    ("软件版本", "V2.0"), ("设备配置", "计算机2台"), ("设备是否符合要求", "是"),
    ("负责人姓名", "王芳", "李强"), ("负责人职务", "组织委员", "干事"),
    ("负责人联系方式", "0917-1234567", "0917-7654321"),
    ("规章制度", "是"), ("规章制度名称", "党员信息库维护管理制度"), ("规章制度制定日期", "2010-11-20"),
]


def test_the_template_names_every_item() -> None:
    assert [r[0] for r in ROWS[1:]] == list(ITEMS)


def test_a_complete_sheet() -> None:
    file = inspection_from_rows(ROWS)
    assert file.unit_code == "610302001" and file.built and file.built_on == datetime.date(2010, 12, 1)
    assert file.software == Software(name="中国共产党基本信息管理系统2005", version="V2.0")
    assert file.responsible == (ResponsiblePerson(name="王芳", post="组织委员", contact="0917-1234567"),
                                ResponsiblePerson(name="李强", post="干事", contact="0917-7654321"))
    assert file.rules == MaintenanceRules(present=True, title="党员信息库维护管理制度",
                                          adopted_on=datetime.date(2010, 11, 20))
    assert inspection_findings(file) == ()


@pytest.mark.parametrize(("dropped", "code"), [("负责人姓名", "INS301"), ("规章制度", None), ("软件版本", "INS103")])
def test_a_missing_row_is_its_finding(dropped: str, code: str | None) -> None:
    rows = [r for r in ROWS if r[0] != dropped]
    assert [f.code for f in inspection_findings(inspection_from_rows(rows))] == ([code] if code else [])


def test_no_rules_row_at_all() -> None:
    rows = [r for r in ROWS if not r[0].startswith("规章制度")]
    assert [f.code for f in inspection_findings(inspection_from_rows(rows))] == ["INS401"]


@pytest.mark.parametrize(("rows", "message"), [
    ([("单位代码", "1"), ("单位地址", "某地")], "第2行：未知的项目「单位地址」"),
    ([("单位代码", "1"), ("单位代码", "2")], "第2行：「单位代码」与第1行重复"),
    ([("单位代码", "1", "2")], "只能填一个值"),
    ([(3, "1")], "第1行：未知的项目「3」"),
    ([(True, "1")], "第一列应为项目名称"),
])
def test_a_sheet_of_the_wrong_shape_names_the_row(rows: list[tuple[object, ...]], message: str) -> None:
    with pytest.raises(InspectionDocumentError, match=message):
        inspection_from_rows(rows)


def test_cells_as_a_workbook_gives_them() -> None:
    file = inspection_from_rows([("单位代码", 610302001.0), ("是否建库", "是"),
                                 ("建库日期", datetime.datetime(2010, 12, 1, 0, 0))])
    assert file.unit_code == "610302001" and file.built_on == datetime.date(2010, 12, 1)


def test_a_csv(tmp_path: Path) -> None:
    path = tmp_path / "建库情况.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(ROWS)
    assert load_inspection(path) == inspection_from_rows(ROWS)


def test_a_workbook(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "说明"
    sheet = book.create_sheet("建库情况")
    for row in ROWS:
        sheet.append(list(row))
    sheet["B6"] = datetime.date(2010, 12, 1)  # 建库日期 as a date cell
    path = tmp_path / "建库情况.xlsx"
    book.save(path)
    assert load_inspection(path) == inspection_from_rows(ROWS)


def test_a_broken_workbook_is_named(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    path = tmp_path / "建库情况.xlsx"
    path.write_bytes(b"not a zip")
    with pytest.raises(InputError, match="不是可读取的 xlsx 工作簿"):
        load_inspection(path)
