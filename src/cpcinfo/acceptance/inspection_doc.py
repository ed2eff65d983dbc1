"""The inspection file as a document: a JSON-ready ``dict`` in English or Chinese keys, and back.

Pure conversion (no file is read here): the edge parses the JSON or the sheet and hands the value over.
The Chinese keys are the ones a clerk writes::

    {"单位代码": "001", "单位名称": "中共某镇委员会", "所属地区系统": "宝鸡市",
     "是否建库": "是", "建库日期": "2010-12-01",
     "建库软件": {"名称": "中国共产党基本信息管理系统2005", "版本": "V2.0"},
     "建库设备": {"配置": "计算机2台、打印机1台", "符合要求": "是"},
     "负责人": [{"姓名": "王芳", "职务": "组织委员", "联系方式": "0917-1234567"}],
     "规章制度": {"是否建立": "是", "名称": "党员信息库维护管理制度", "制定日期": "2010-11-20"}}

Yes/no values are ``true``/``false`` or 「是」「否」「有」「无」; dates are ``YYYY-MM-DD`` or 「2010年12月1日」.
A value of the wrong shape is an :class:`InspectionDocumentError` naming the key and the value.

>>> file = inspection_from_dict({"单位代码": "001", "是否建库": "否"})
>>> file.unit_code, file.built
('001', False)
>>> inspection_from_dict({"单位代码": "001", "是否建库": "也许"})
Traceback (most recent call last):
...
cpcinfo.acceptance.inspection_doc.InspectionDocumentError: 是否建库：应为「是」或「否」，实际为「也许」
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Any, Final, Literal

from cpcinfo.acceptance.inspection import (
    Equipment,
    MaintenanceRules,
    ResponsiblePerson,
    Software,
    UnitInspection,
)
from cpcinfo.errors import CpcinfoError


class InspectionDocumentError(CpcinfoError, ValueError):
    """An inspection document of the wrong shape; ``str()`` names the key and the value."""


Keys = Literal["en", "zh"]

_TOP: Final = (("unit_code", "单位代码"), ("unit_name", "单位名称"), ("region", "所属地区系统"),
               ("built", "是否建库"), ("built_on", "建库日期"), ("software", "建库软件"),
               ("equipment", "建库设备"), ("responsible", "负责人"), ("rules", "规章制度"))
_SOFTWARE: Final = (("name", "名称"), ("version", "版本"))
_EQUIPMENT: Final = (("description", "配置"), ("adequate", "符合要求"))
_PERSON: Final = (("name", "姓名"), ("post", "职务"), ("contact", "联系方式"))
_RULES: Final = (("present", "是否建立"), ("title", "名称"), ("adopted_on", "制定日期"))

_YES: Final = frozenset({"是", "有", "已建", "已建库", "yes", "true", "y"})
_NO: Final = frozenset({"否", "无", "没有", "未建", "未建库", "no", "false", "n"})
_CN_DATE: Final = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?")


def _fail(path: str, message: str) -> InspectionDocumentError:
    return InspectionDocumentError(f"{path}：{message}")


def _group(data: object, path: str, names: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    """The group's values by English name, whichever key language it uses; unknown keys are an error."""
    if not isinstance(data, Mapping):
        raise _fail(path, f"应为对象，实际为 {type(data).__name__}")
    by_key = {key: english for english, chinese in names for key in (english, chinese)}
    values: dict[str, Any] = {}
    for key, value in data.items():
        english = by_key.get(str(key))
        if english is None:
            known = "、".join(chinese for _, chinese in names)
            raise _fail(f"{path}.{key}" if path else str(key), f"未知的键（可用：{known}）")
        if english in values:
            raise _fail(f"{path}.{key}" if path else str(key), "同一项写了两次（中文键和英文键）")
        values[english] = value
    return values


def _text(value: object, path: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise _fail(path, f"应为文本，实际为 {value!r}")
    return str(value)


def _flag(value: object, path: str) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        folded = value.strip().lower()
        if folded in _YES:
            return True
        if folded in _NO:
            return False
        if not folded:
            return None
    raise _fail(path, f"应为「是」或「否」，实际为「{value}」")


def _date(value: object, path: str) -> datetime.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        match = _CN_DATE.fullmatch(text)
        try:
            if match:
                return datetime.date(*(int(part) for part in match.groups()))
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                return datetime.date.fromisoformat(text)
        except ValueError:
            raise _fail(path, f"不是有效的日期：「{value}」") from None
    raise _fail(path, f"应为 YYYY-MM-DD 或「2010年12月1日」格式的日期，实际为「{value}」")


def _software(data: object, path: str) -> Software | None:
    if data is None:
        return None
    if isinstance(data, str):  # just the name
        return Software(name=data)
    v = _group(data, path, _SOFTWARE)
    return Software(name=_text(v.get("name"), f"{path}.名称"), version=_text(v.get("version"), f"{path}.版本"))


def _equipment(data: object, path: str) -> Equipment | None:
    if data is None:
        return None
    if isinstance(data, str):
        return Equipment(description=data)
    v = _group(data, path, _EQUIPMENT)
    return Equipment(description=_text(v.get("description"), f"{path}.配置"),
                     adequate=_flag(v.get("adequate"), f"{path}.符合要求"))


def _people(data: object, path: str) -> tuple[ResponsiblePerson, ...]:
    if data is None:
        return ()
    if isinstance(data, Mapping):
        data = [data]
    if not isinstance(data, list):
        raise _fail(path, "应为负责人的列表")
    people = []
    for number, item in enumerate(data):
        where = f"{path}[{number}]"
        v = _group(item, where, _PERSON)
        people.append(ResponsiblePerson(**{name: _text(v.get(name), f"{where}.{label}") for name, label in _PERSON}))
    return tuple(people)


def _rules(data: object, path: str) -> MaintenanceRules | None:
    if data is None:
        return None
    if isinstance(data, bool) or (isinstance(data, str) and data.strip().lower() in _YES | _NO):
        return MaintenanceRules(present=bool(_flag(data, path)))
    if isinstance(data, str):  # just the title
        return MaintenanceRules(present=True, title=data)
    v = _group(data, path, _RULES)
    present = _flag(v.get("present"), f"{path}.是否建立")
    title = _text(v.get("title"), f"{path}.名称")
    adopted = _date(v.get("adopted_on"), f"{path}.制定日期")
    # A title or a date given without 是否建立 means there are rules.
    return MaintenanceRules(present=present if present is not None else bool(title or adopted),
                            title=title, adopted_on=adopted)


def inspection_from_dict(data: object) -> UnitInspection:
    """The inspection file of a parsed JSON document (English or Chinese keys, even mixed)."""
    v = _group(data, "", _TOP)
    code = _text(v.get("unit_code"), "单位代码")
    if code is None or not code.strip():
        raise _fail("单位代码", "未填写：每个单位须有代码，抽样种子由它派生")
    built = _flag(v.get("built"), "是否建库")
    try:
        return UnitInspection(
            unit_code=code, unit_name=_text(v.get("unit_name"), "单位名称"),
            region=_text(v.get("region"), "所属地区系统"),
            built=bool(built), built_on=_date(v.get("built_on"), "建库日期"),
            software=_software(v.get("software"), "建库软件"), equipment=_equipment(v.get("equipment"), "建库设备"),
            responsible=_people(v.get("responsible"), "负责人"), rules=_rules(v.get("rules"), "规章制度"))
    except (TypeError, ValueError) as exc:
        if isinstance(exc, InspectionDocumentError):
            raise
        raise InspectionDocumentError(str(exc)) from None


def _named(pairs: tuple[tuple[str, str], ...], values: Mapping[str, Any], keys: Keys) -> dict[str, Any]:
    return {(english if keys == "en" else chinese): values[english] for english, chinese in pairs}


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def inspection_to_dict(file: UnitInspection, *, keys: Keys = "zh") -> dict[str, Any]:
    """The JSON-ready document of a file; :func:`inspection_from_dict` reads it back to an equal file."""
    software = None if file.software is None else _named(
        _SOFTWARE, {"name": file.software.name, "version": file.software.version}, keys)
    equipment = None if file.equipment is None else _named(
        _EQUIPMENT, {"description": file.equipment.description, "adequate": file.equipment.adequate}, keys)
    people = [_named(_PERSON, {"name": p.name, "post": p.post, "contact": p.contact}, keys) for p in file.responsible]
    rules = None if file.rules is None else _named(
        _RULES, {"present": file.rules.present, "title": file.rules.title,
                 "adopted_on": _iso(file.rules.adopted_on)}, keys)
    return _named(_TOP, {"unit_code": file.unit_code, "unit_name": file.unit_name, "region": file.region,
                         "built": file.built, "built_on": _iso(file.built_on), "software": software,
                         "equipment": equipment, "responsible": people, "rules": rules}, keys)
