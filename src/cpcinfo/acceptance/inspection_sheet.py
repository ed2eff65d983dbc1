"""The inspection file as a sheet (建库情况): two columns, 项目 and 内容, one row per item.

A clerk fills the sheet of the workbook (or a CSV of the same layout) like a form::

    项目              内容
    单位代码          610302001
    单位名称          中共某镇委员会
    所属地区系统      宝鸡市
    是否建库          是
    建库日期          2010-12-01
    建库软件          中国共产党基本信息管理系统2005
    软件版本          V2.0
    设备配置          计算机2台、打印机1台
    设备是否符合要求  是
    负责人姓名        王芳          李强
    负责人职务        组织委员      干事
    负责人联系方式    0917-1234567  0917-7654321
    规章制度          是
    规章制度名称      党员信息库维护管理制度
    规章制度制定日期  2010-11-20

Each responsible person takes a column of the three 负责人 rows. :func:`inspection_from_rows` turns the rows
(already read from the file by the edge) into the same document :func:`inspection_from_dict` reads, so the
two forms cannot disagree. An unknown 项目 is an error naming its row.

>>> file = inspection_from_rows([("项目", "内容"), ("单位代码", "001"), ("是否建库", "否")])
>>> file.unit_code, file.built
('001', False)
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any, Final

from cpcinfo.acceptance.inspection import UnitInspection
from cpcinfo.acceptance.inspection_doc import InspectionDocumentError, inspection_from_dict

SHEET_NAME: Final = "建库情况"
"""The name of the sheet in a workbook."""

HEADER: Final = ("项目", "内容")

_SINGLE: Final = {"单位代码": ("单位代码",), "单位名称": ("单位名称",), "所属地区系统": ("所属地区系统",),
                  "是否建库": ("是否建库",), "建库日期": ("建库日期",), "建库软件": ("建库软件", "名称"),
                  "软件版本": ("建库软件", "版本"), "设备配置": ("建库设备", "配置"),
                  "设备是否符合要求": ("建库设备", "符合要求"), "规章制度": ("规章制度", "是否建立"),
                  "规章制度名称": ("规章制度", "名称"), "规章制度制定日期": ("规章制度", "制定日期")}
_PEOPLE: Final = {"负责人姓名": "姓名", "负责人职务": "职务", "负责人联系方式": "联系方式"}

ITEMS: Final = ("单位代码", "单位名称", "所属地区系统", "是否建库", "建库日期", "建库软件", "软件版本", "设备配置",
                "设备是否符合要求", "负责人姓名", "负责人职务", "负责人联系方式", "规章制度", "规章制度名称",
                "规章制度制定日期")
"""Every 项目 of the sheet, in the order of the template."""
assert set(ITEMS) == set(_SINGLE) | set(_PEOPLE)


def _cell(value: object) -> object:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a code typed as a number
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str):
        return value.strip() or None
    return value


def _rows(rows: Iterable[Sequence[object]]) -> Iterable[tuple[int, str, list[object]]]:
    for number, row in enumerate(rows, start=1):
        cells = [_cell(c) for c in row]
        label = cells[0] if cells else None
        if label is None and not any(c is not None for c in cells):
            continue  # a blank row
        if number == 1 and tuple(cells[:2]) == HEADER:
            continue
        if not isinstance(label, str):
            raise InspectionDocumentError(f"第{number}行：第一列应为项目名称，实际为 {label!r}")
        yield number, label, cells[1:]


def inspection_from_rows(rows: Iterable[Sequence[object]]) -> UnitInspection:
    """The inspection file of a 建库情况 sheet (rows of cells: label, then value or values)."""
    document: dict[str, Any] = {}
    people: dict[int, dict[str, object]] = {}
    seen: dict[str, int] = {}
    for number, label, values in _rows(rows):
        if label in seen:
            raise InspectionDocumentError(f"第{number}行：「{label}」与第{seen[label]}行重复")
        seen[label] = number
        if label in _PEOPLE:
            for column, value in enumerate(values):
                if value is not None:
                    people.setdefault(column, {})[_PEOPLE[label]] = value
            continue
        if label not in _SINGLE:
            raise InspectionDocumentError(f"第{number}行：未知的项目「{label}」（可用：{'、'.join(ITEMS)}）")
        extra = [v for v in values[1:] if v is not None]
        if extra:
            raise InspectionDocumentError(f"第{number}行：「{label}」只能填一个值，多出 {extra!r}")
        value = values[0] if values else None
        if value is None:
            continue
        path = _SINGLE[label]
        if len(path) == 1:
            document[path[0]] = value
        else:
            document.setdefault(path[0], {})[path[1]] = value
    if people:
        document["负责人"] = [people[c] for c in sorted(people)]
    return inspection_from_dict(document)
