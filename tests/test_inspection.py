"""The inspection file (建库情况): the record, its gaps as findings, its document in two key languages."""

from __future__ import annotations

import datetime
import doctest
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cpcinfo.acceptance import inspection, inspection_doc
from cpcinfo.acceptance.inspection import (
    INSPECTION_RULES,
    PRESCRIBED_SOFTWARE,
    Equipment,
    MaintenanceRules,
    ResponsiblePerson,
    Software,
    UnitInspection,
    inspection_findings,
)
from cpcinfo.acceptance.inspection_doc import InspectionDocumentError, inspection_from_dict, inspection_to_dict
from cpcinfo.io import InputError
from cpcinfo.region_io import load_inspection

AS_OF = datetime.date(2011, 6, 30)
COMPLETE = UnitInspection(
    unit_code="610302001", unit_name="中共某镇委员会", region="宝鸡市", built=True,
    built_on=datetime.date(2010, 12, 1), software=Software(name=f"《{PRESCRIBED_SOFTWARE}》", version="V2.0"),
    equipment=Equipment(description="计算机2台、打印机1台", adequate=True),
    responsible=(ResponsiblePerson(name="王芳", post="组织委员", contact="0917-1234567"),),
    rules=MaintenanceRules(present=True, title="党员信息库维护管理制度", adopted_on=datetime.date(2010, 11, 20)))


def codes(file: UnitInspection) -> list[str]:
    return [f.code for f in inspection_findings(file, as_of=AS_OF)]


def test_doctests() -> None:
    assert doctest.testmod(inspection).failed == 0
    assert doctest.testmod(inspection_doc).failed == 0


def test_a_complete_file_has_no_finding() -> None:
    assert codes(COMPLETE) == []


@pytest.mark.parametrize(("change", "code"), [
    ({"built_on": None}, "INS001"),
    ({"built_on": datetime.date(2011, 7, 1)}, "INS002"),
    ({"software": None}, "INS101"),
    ({"software": Software(version="V2.0")}, "INS101"),
    ({"software": Software(name="某某党建管理系统", version="V2.0")}, "INS102"),
    ({"software": Software(name=PRESCRIBED_SOFTWARE, version="V1.5")}, "INS103"),
    ({"software": Software(name=PRESCRIBED_SOFTWARE)}, "INS103"),
    ({"equipment": None}, "INS201"),
    ({"equipment": Equipment(description="计算机1台", adequate=False)}, "INS202"),
    ({"responsible": ()}, "INS301"),
    ({"responsible": (ResponsiblePerson(post="组织委员"),)}, "INS301"),
    ({"responsible": (ResponsiblePerson(name="王芳"),)}, "INS302"),
    ({"rules": None}, "INS401"),
    ({"rules": MaintenanceRules(present=False)}, "INS401"),
    ({"rules": MaintenanceRules(present=True, title="制度")}, "INS402"),
])
def test_each_missing_part_is_exactly_one_finding(change: dict[str, object], code: str) -> None:
    broken = attrs.evolve(COMPLETE, **change)
    assert codes(broken) == [code]
    (finding,) = inspection_findings(broken, as_of=AS_OF)
    assert finding.unit_code == COMPLETE.unit_code and finding.message


def test_every_rule_has_a_distinct_code_and_is_tested() -> None:
    listed = [rule.code for rule in INSPECTION_RULES]
    assert len(listed) == len(set(listed))
    source = Path(__file__).read_text(encoding="utf-8")
    assert all(f'"{code}"' in source for code in listed)


def test_an_unbuilt_unit_is_asked_for_nothing_about_its_build_date() -> None:
    assert codes(attrs.evolve(COMPLETE, built=False, built_on=None)) == []


def test_the_parts_are_independent() -> None:
    bare = UnitInspection(unit_code="001")
    assert codes(bare) == ["INS101", "INS201", "INS301", "INS401"]


def test_the_prescribed_software_is_recognised_however_written() -> None:
    for name in (PRESCRIBED_SOFTWARE, f"《{PRESCRIBED_SOFTWARE}》", f" 《 {PRESCRIBED_SOFTWARE} 》"):
        assert "INS102" not in codes(attrs.evolve(COMPLETE, software=Software(name=name, version="2.0")))


texts = st.one_of(st.none(), st.text(alphabet="王芳组织委员0917-", min_size=1, max_size=6))
dates = st.one_of(st.none(), st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2011, 6, 30)))


@st.composite
def files(draw: st.DrawFn) -> UnitInspection:
    people = draw(st.lists(st.builds(ResponsiblePerson, name=texts, post=texts, contact=texts), max_size=3))
    return UnitInspection(
        unit_code=draw(st.text(alphabet="0123456789", min_size=1, max_size=9)), unit_name=draw(texts),
        region=draw(texts), built=draw(st.booleans()), built_on=draw(dates),
        software=draw(st.one_of(st.none(), st.builds(Software, name=texts, version=texts))),
        equipment=draw(st.one_of(st.none(), st.builds(Equipment, description=texts,
                                                      adequate=st.one_of(st.none(), st.booleans())))),
        responsible=tuple(people),
        rules=draw(st.one_of(st.none(), st.builds(MaintenanceRules, present=st.booleans(), title=texts,
                                                  adopted_on=dates))))


@given(files(), st.sampled_from(["zh", "en"]))
def test_the_document_round_trips(file: UnitInspection, keys: str) -> None:
    data = json.loads(json.dumps(inspection_to_dict(file, keys=keys)))  # type: ignore[arg-type]
    assert inspection_from_dict(data) == file


def test_a_clerks_document() -> None:
    file = inspection_from_dict({
        "单位代码": "610302001", "单位名称": "中共某镇委员会", "是否建库": "是", "建库日期": "2010年12月1日",
        "建库软件": PRESCRIBED_SOFTWARE, "建库设备": {"配置": "计算机2台", "符合要求": "是"},
        "负责人": {"姓名": "王芳", "职务": "组织委员", "联系方式": "0917-1234567"},
        "规章制度": "党员信息库维护管理制度"})
    assert file.built_on == datetime.date(2010, 12, 1)
    assert file.responsible == (ResponsiblePerson(name="王芳", post="组织委员", contact="0917-1234567"),)
    assert file.rules == MaintenanceRules(present=True, title="党员信息库维护管理制度")
    assert codes(file) == ["INS103", "INS402"]


@pytest.mark.parametrize(("data", "message"), [
    ({"单位名称": "某"}, "单位代码：未填写"),
    ({"单位代码": "1", "是否建库": 3}, "是否建库：应为「是」或「否」"),
    ({"单位代码": "1", "建库日期": "2010/13/01"}, "建库日期：应为 YYYY-MM-DD"),
    ({"单位代码": "1", "建库日期": "2010-02-30"}, "建库日期：不是有效的日期"),
    ({"单位代码": "1", "负责人": [{"名字": "王"}]}, "负责人[0].名字：未知的键"),
    ({"单位代码": "1", "unit_code": "2"}, "同一项写了两次"),
    ({"单位代码": "1", "建库设备": ["计算机"]}, "建库设备：应为对象"),
    ([], "应为对象"),
])
def test_a_document_of_the_wrong_shape_is_named(data: object, message: str) -> None:
    with pytest.raises(InspectionDocumentError, match=message.replace("[", r"\[").replace("]", r"\]")):
        inspection_from_dict(data)


def test_loading_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "建库情况.json"
    path.write_text('{"单位代码": "1", "是否建库": "也许"}', encoding="utf-8")
    with pytest.raises(InputError, match=r"建库情况\.json: 是否建库"):
        load_inspection(path)
