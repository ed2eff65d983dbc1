"""A unit's inspection file (建库情况): what a committee hands in besides its data.

陕组办字〔2011〕10号 附1 lists, as acceptance content beside the records themselves:
「建库软件是否统一使用《中国共产党基本信息管理系统2005》；建库设备是否符合有关配置要求，并能够顺畅运行；……
是否有专人负责信息库的建立与维护工作；是否建立了信息库维护与管理的规章制度」, and the unit hands in
「负责信息库维护与管理人员基本情况；党员信息库软件、硬件设备配置情况；党员信息库维护与管理的规章制度」.

:class:`UnitInspection` is that file as a typed record; :func:`inspection_findings` lists its gaps, each a
finding of its own kind with a stable code (:data:`INSPECTION_RULES`). These findings are not on the
100-point sheet, which scores the data: they are reported beside it.

>>> file = UnitInspection(unit_code="001", unit_name="中共某镇委员会", built=True,
...                       built_on=datetime.date(2010, 12, 1),
...                       software=Software(name="某某党建系统", version="1.0"))
>>> [f.code for f in inspection_findings(file)]
['INS102', 'INS201', 'INS301', 'INS401']
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from typing import Final

import attrs

from cpcinfo.errors import InvalidArgumentError

PRESCRIBED_SOFTWARE: Final = "中国共产党基本信息管理系统2005"
"""「建库软件是否统一使用《中国共产党基本信息管理系统2005》」."""

PRESCRIBED_VERSION: Final = "V2.0"
"""The version the province distributed; any other version is a finding (INS103)."""


def _text(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"须为文本，得到 {type(value).__name__}: {value!r}")
    return value.strip() or None


def _optional_bool(value: object) -> bool | None:
    if value is not None and not isinstance(value, bool):
        raise TypeError(f"须为是/否，得到 {type(value).__name__}: {value!r}")
    return value


def _optional_date(value: object) -> datetime.date | None:
    if value is not None and type(value) is not datetime.date:
        raise TypeError(f"须为日期，得到 {type(value).__name__}: {value!r}")
    return value


@attrs.frozen(kw_only=True)
class Software:
    """建库软件: its name and version as the unit wrote them."""

    name: str | None = attrs.field(default=None, converter=_text)
    version: str | None = attrs.field(default=None, converter=_text)


@attrs.frozen(kw_only=True)
class Equipment:
    """建库设备: what the unit has (「计算机2台、打印机1台」) and whether it meets the requirements and runs
    smoothly (「符合有关配置要求，并能够顺畅运行」); ``adequate`` is ``None`` when the file does not say."""

    description: str | None = attrs.field(default=None, converter=_text)
    adequate: bool | None = attrs.field(default=None, converter=_optional_bool)


@attrs.frozen(kw_only=True)
class ResponsiblePerson:
    """One person responsible for building and keeping the database (专人负责): name, post, contact."""

    name: str | None = attrs.field(default=None, converter=_text)
    post: str | None = attrs.field(default=None, converter=_text)
    contact: str | None = attrs.field(default=None, converter=_text)


@attrs.frozen(kw_only=True)
class MaintenanceRules:
    """信息库维护与管理的规章制度: whether there are any, their title and the date they were adopted."""

    present: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))
    title: str | None = attrs.field(default=None, converter=_text)
    adopted_on: datetime.date | None = attrs.field(default=None, converter=_optional_date)


def _people(value: Iterable[ResponsiblePerson]) -> tuple[ResponsiblePerson, ...]:
    return tuple(value)


def _code(value: object) -> str:
    text = _text(value)
    if text is None:
        raise InvalidArgumentError("单位代码不能为空")
    return text


@attrs.frozen(kw_only=True)
class UnitInspection:
    """The inspection file of one base-level committee (基层党委).

    ``unit_code`` identifies the unit in its region (the province's sample and every seed are derived from
    it); ``region`` is the 地区 or 系统 it belongs to; ``built`` whether it has built its database and
    ``built_on`` when. A part the file leaves out is ``None`` (or no person): it is a finding, not an error.
    """

    unit_code: str = attrs.field(converter=_code)
    unit_name: str | None = attrs.field(default=None, converter=_text)
    region: str | None = attrs.field(default=None, converter=_text)
    built: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))
    built_on: datetime.date | None = attrs.field(default=None, converter=_optional_date)
    software: Software | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Software)))
    equipment: Equipment | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Equipment)))
    responsible: tuple[ResponsiblePerson, ...] = attrs.field(default=(), converter=_people)
    rules: MaintenanceRules | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(MaintenanceRules)))

    def __attrs_post_init__(self) -> None:
        for person in self.responsible:
            if not isinstance(person, ResponsiblePerson):
                raise TypeError(f"负责人须为 ResponsiblePerson，得到 {type(person).__name__}")

    @property
    def label(self) -> str:
        """「名称（代码）」, or the code alone."""
        return f"{self.unit_name}（{self.unit_code}）" if self.unit_name else self.unit_code


@attrs.frozen
class InspectionRule:
    """One kind of gap in an inspection file: a stable code, the part of the acceptance content it belongs
    to, and its title."""

    code: str
    part: str
    title: str


INSPECTION_RULES: Final[tuple[InspectionRule, ...]] = (
    InspectionRule("INS001", "建库情况", "已建库但未填写建库日期"),
    InspectionRule("INS002", "建库情况", "建库日期晚于检查日期"),
    InspectionRule("INS101", "建库软件", "未填写建库软件"),
    InspectionRule("INS102", "建库软件", f"建库软件不是《{PRESCRIBED_SOFTWARE}》"),
    InspectionRule("INS103", "建库软件", f"建库软件版本不是 {PRESCRIBED_VERSION}"),
    InspectionRule("INS201", "建库设备", "未填写建库设备配置情况"),
    InspectionRule("INS202", "建库设备", "建库设备不符合配置要求或不能顺畅运行"),
    InspectionRule("INS301", "专人负责", "没有负责信息库建立与维护的专人"),
    InspectionRule("INS302", "专人负责", "负责人的姓名、职务或联系方式未填写"),
    InspectionRule("INS401", "规章制度", "没有信息库维护与管理的规章制度"),
    InspectionRule("INS402", "规章制度", "规章制度未写明名称或制定日期"),
)
"""Every kind of gap, in the order of the notice's acceptance content. Codes are never reused."""

_RULES: Final = {rule.code: rule for rule in INSPECTION_RULES}


def inspection_rule(code: str) -> InspectionRule:
    """The rule of ``code`` (KeyError for an unknown code)."""
    return _RULES[code]


@attrs.frozen(kw_only=True)
class InspectionFinding:
    """One gap of one unit's inspection file: the rule's code, the unit, and what exactly is missing."""

    code: str
    unit_code: str
    message: str

    @property
    def rule(self) -> InspectionRule:
        return _RULES[self.code]


def _compact(text: str) -> str:
    return re.sub(r"[\s《》〈〉<>\"“”'‘’]", "", text)


def is_prescribed_software(name: str) -> bool:
    """Whether ``name`` is 《中国共产党基本信息管理系统2005》, with or without the book-title marks and spaces.

    >>> is_prescribed_software("《中国共产党基本信息管理系统2005》"), is_prescribed_software("党建通")
    (True, False)
    """
    return _compact(name) == PRESCRIBED_SOFTWARE


def is_prescribed_version(version: str) -> bool:
    """Whether ``version`` is V2.0, written 「V2.0」「v2.0」「2.0」 or 「V 2.0」.

    >>> [is_prescribed_version(v) for v in ("V2.0", "2.0", "v 2.0", "V1.5", "V2.01")]
    [True, True, True, False, False]
    """
    return re.fullmatch(r"[Vv]?\s*2\.0", version.strip()) is not None


def _software_findings(file: UnitInspection) -> list[tuple[str, str]]:
    software = file.software
    if software is None or software.name is None:
        return [("INS101", "建库情况中没有填写所用软件")]
    found = []
    if not is_prescribed_software(software.name):
        found.append(("INS102", f"所用软件为「{software.name}」，应为《{PRESCRIBED_SOFTWARE}》"))
    elif software.version is None or not is_prescribed_version(software.version):
        shown = f"「{software.version}」" if software.version else "未填写"
        found.append(("INS103", f"软件版本{shown}，应为 {PRESCRIBED_VERSION}"))
    return found


def _equipment_findings(file: UnitInspection) -> list[tuple[str, str]]:
    equipment = file.equipment
    if equipment is None or (equipment.description is None and equipment.adequate is None):
        return [("INS201", "建库情况中没有填写设备配置")]
    if equipment.adequate is False:
        return [("INS202", f"设备「{equipment.description or '未写明'}」不符合配置要求或不能顺畅运行")]
    return []


_PERSON_PARTS: Final = (("name", "姓名"), ("post", "职务"), ("contact", "联系方式"))


def _people_findings(file: UnitInspection) -> list[tuple[str, str]]:
    if not any(person.name for person in file.responsible):
        return [("INS301", "没有写明负责信息库建立与维护的人员")]
    found = []
    for number, person in enumerate(file.responsible, start=1):
        missing = [label for attribute, label in _PERSON_PARTS if getattr(person, attribute) is None]
        if missing:
            who = person.name or f"第{number}位负责人"
            found.append(("INS302", f"{who}的{'、'.join(missing)}未填写"))
    return found


def _rules_findings(file: UnitInspection) -> list[tuple[str, str]]:
    rules = file.rules
    if rules is None or not rules.present:
        return [("INS401", "没有信息库维护与管理的规章制度")]
    missing = [label for value, label in ((rules.title, "名称"), (rules.adopted_on, "制定日期")) if value is None]
    if missing:
        return [("INS402", f"规章制度的{'、'.join(missing)}未写明")]
    return []


def _building_findings(file: UnitInspection, as_of: datetime.date | None) -> list[tuple[str, str]]:
    if not file.built:
        return []
    if file.built_on is None:
        return [("INS001", "已建库，但没有填写建库日期")]
    if as_of is not None and file.built_on > as_of:
        return [("INS002", f"建库日期 {file.built_on} 晚于检查日期 {as_of}")]
    return []


def inspection_findings(file: UnitInspection, *, as_of: datetime.date | None = None) -> tuple[InspectionFinding, ...]:
    """Every gap of the file, one finding each, in the order of :data:`INSPECTION_RULES`.

    A unit that has not built its database is still asked for its software, people and rules: the notice
    asks every unit for them, and a unit about to build needs them first.
    """
    found = [*_building_findings(file, as_of), *_software_findings(file), *_equipment_findings(file),
             *_people_findings(file), *_rules_findings(file)]
    return tuple(InspectionFinding(code=code, unit_code=file.unit_code, message=message) for code, message in found)
