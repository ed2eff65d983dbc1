"""cpcinfo.convert: documents in both key languages, values as recorded, shape errors, and the strategies."""

from __future__ import annotations

import contextlib
import copy
import datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cpcinfo.applicant import Applicant
from cpcinfo.codes import default_tables
from cpcinfo.convert import (
    DocumentError,
    Keys,
    UnknownKey,
    detect_keys,
    entity_key,
    read_document,
    structure,
    structure_applicant,
    structure_member,
    structure_organization,
    unstructure,
    unstructure_applicant,
    unstructure_member,
    unstructure_organization,
)
from cpcinfo.entity import Entity
from cpcinfo.errors import Problem
from cpcinfo.fields import FieldKind, glossary
from cpcinfo.infobase import InfoBase
from cpcinfo.member import Member
from cpcinfo.rules.ruleset import SHAANXI_2011
from cpcinfo.testing.strategies import (
    DEFAULT_AS_OF,
    applicants,
    documents,
    id_number_holds,
    infobases,
    json_values,
    junk_values,
    members,
    organizations,
)
from cpcinfo.values import Unparsed

KEYS: list[Keys] = ["en", "zh"]

# -- round trips ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("keys", KEYS)
@given(data=st.data())
def test_a_canonical_document_round_trips(keys: Keys, data: st.DataObject) -> None:
    document = data.draw(documents(keys=keys))
    original = copy.deepcopy(document)
    assert unstructure(structure(document, keys=keys), keys=keys) == original
    assert document == original  # reading does not change the input


@pytest.mark.parametrize("keys", KEYS)
@given(data=st.data())
def test_a_document_with_junk_and_unknown_keys_round_trips(keys: Keys, data: st.DataObject) -> None:
    document = data.draw(documents(keys=keys, junk=True))
    assert unstructure(structure(document, keys=keys), keys=keys) == document
    # Junk may put a list of objects under an unknown top-level key, which reading refuses unless allowed
    # (a misspelt 「members」 must not pass as a clean database); allowed, it is kept like any other extra.
    loaded = read_document(document, allow_unknown=True)
    assert loaded.keys == keys or not any(entity_key(e, keys=keys) in document for e in Entity)


@given(base=infobases())
def test_a_database_round_trips(base: InfoBase) -> None:
    for keys in KEYS:
        assert structure(unstructure(base, keys=keys), keys=keys) == base


@given(member=members(), organization=organizations(), applicant=applicants())
def test_single_records_round_trip(member: Any, organization: Any, applicant: Any) -> None:
    for keys in KEYS:
        assert structure_member(unstructure_member(member, keys=keys), keys=keys) == member
        assert structure_organization(unstructure_organization(organization, keys=keys), keys=keys) == organization
        assert structure_applicant(unstructure_applicant(applicant, keys=keys), keys=keys) == applicant


# -- worked examples: values as recorded ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1985-06-01", datetime.date(1985, 6, 1)),
        ("1985.06.01", datetime.date(1985, 6, 1)),
        ("19850601", datetime.date(1985, 6, 1)),
        ("2012-02-29", datetime.date(2012, 2, 29)),
        ("1985年6月", Unparsed("1985年6月")),
        ("2010-02-30", Unparsed("2010-02-30")),
        ("1985-06.01", Unparsed("1985-06.01")),
        ("1985.6.1", Unparsed("1985.6.1")),
        ("１９８５-０６-０１", Unparsed("１９８５-０６-０１")),
        (" 1985-06-01", Unparsed(" 1985-06-01")),
        ("", Unparsed("")),
        (19850601, Unparsed(19850601)),
        (True, Unparsed(True)),
        (datetime.date(1985, 6, 1), datetime.date(1985, 6, 1)),
        (None, None),
    ],
)
def test_date_fields(raw: Any, expected: Any) -> None:
    member = structure_member({"basic": {"born_on": raw}})
    assert member.basic is not None
    assert member.basic.born_on == expected
    assert type(member.basic.born_on) is type(expected)


def test_a_date_is_written_in_the_canonical_form() -> None:
    member = structure_member({"basic": {"born_on": "19850601"}, "standing": {"joined_on": "2010.07.01"}})
    out = unstructure_member(member)
    assert out["basic"]["born_on"] == "1985-06-01"
    assert out["standing"]["joined_on"] == "2010-07-01"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("男", "男"), ("1", "1"), ("", ""), (" 1 ", " 1 "), (1, Unparsed(1)), (1.5, Unparsed(1.5)),
     (False, Unparsed(False)), (None, None)],
)
def test_text_and_code_fields_keep_what_was_written(raw: Any, expected: Any) -> None:
    member = structure_member({"id": raw, "basic": {"gender": raw}, "relation": {"branch": raw}})
    assert member.basic is not None and member.relation is not None
    assert member.id == member.basic.gender == member.relation.branch == expected
    assert type(member.basic.gender) is type(expected)
    if raw is not None:
        assert unstructure_member(member)["basic"]["gender"] == raw


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(True, True), (False, False), ("是", True), ("否", False), ("Y", Unparsed("Y")), (1, Unparsed(1)),
     ("", Unparsed("")), (None, None)],
)
def test_flags(raw: Any, expected: Any) -> None:
    member = structure_member({"hardship": {"special_care_subsidy": raw}})
    assert member.hardship is not None
    assert member.hardship.special_care_subsidy == expected
    assert type(member.hardship.special_care_subsidy) is type(expected)


def test_flags_are_written_true_false_in_english_and_是否_in_chinese() -> None:
    member = structure_member({"hardship": {"veteran_without_work": "否", "special_care_subsidy": True}})
    assert unstructure_member(member)["hardship"] == {"veteran_without_work": False, "special_care_subsidy": True}
    assert unstructure_member(member, keys="zh")["困难党员"] == {
        "建国前入党没有工作老党员": "否",
        "是否享受优抚对象抚恤补助": "是",
    }


def test_mentors_are_a_tuple_of_names_as_written() -> None:
    applicant = structure_applicant({"development": {"mentors": ["王建国", 12, ""]}})
    assert applicant.development is not None
    assert applicant.development.mentors == ("王建国", Unparsed(12), "")
    assert unstructure_applicant(applicant)["development"]["mentors"] == ["王建国", 12, ""]


def test_null_and_absent_read_as_none_and_are_not_written() -> None:
    member = structure_member({"id": None, "basic": {"name": None, "gender": "1"}, "work": None})
    assert member == Member(basic=structure_member({"basic": {"gender": "1"}}).basic)
    assert unstructure_member(member) == {"basic": {"gender": "1"}}


def test_empty_groups_stay_empty() -> None:
    doc = {"id": "M1", "basic": {}, "education": [], "awards": []}
    member = structure_member(doc)
    assert member.basic is not None and member.basic.name is None
    assert member.education == () and member.awards == ()
    assert unstructure_member(member) == doc


def test_python_dates_are_kept() -> None:
    day = datetime.date(2001, 7, 1)
    member = structure_member({"standing": {"joined_on": day}})
    assert member.standing is not None and member.standing.joined_on is day


def test_the_applicant_basic_group_has_the_id_number() -> None:
    applicant = structure_applicant({"基本信息": {"公民身份号码": "610102197503020018"}}, keys="zh")
    assert applicant.basic is not None and applicant.basic.id_number == "610102197503020018"


def test_a_hand_written_chinese_document_with_junk() -> None:
    document: dict[str, Any] = {
        "党组织": [
            {
                "基本信息": {"党组织代码": "001", "党组织名称": "中共西北大学委员会", "组织类别": 611,
                         "领导班子当选日期": "2010.06.01"},
                "班子成员": [{"姓名": "王建国", "职务名称": "书记", "备注": "兼任"}],
                "单位信息": {"单位名称": "西北大学", "法人单位标识": "是"},
            }
        ],
        "党员": [
            {
                "人员编号": "M0001",
                "基本信息": {"姓名": "王建国", "性别": "男", "出生日期": "不详", "籍贯": 610102,
                         "备注": "调入人员"},
                "学历学位信息": [],
                "党籍信息": {"加入中共组织日期": "2001-06-20", "加入中共组织类型": "0"},
                "困难党员": {"建国前入党没有工作老党员": "否", "是否享受优抚对象抚恤补助": "不详"},
            }
        ],
        "申请入党人": [
            {"人员编号": "A0001", "培养发展信息": {"培养人": ["王建国"], "申请入党日期": "2010年3月"}}
        ],
        "备注": {"导出时间": "2011-06-30", "导出人": ["张伟"]},
    }
    original = copy.deepcopy(document)
    assert detect_keys(document) == "zh"
    loaded = read_document(document)
    assert loaded.keys == "zh"
    base = loaded.infobase
    member = base.members[0]
    assert member.basic is not None and member.hardship is not None and member.standing is not None
    assert member.basic.gender == "男"
    assert member.basic.born_on == Unparsed("不详")
    assert member.basic.native_place == Unparsed(610102)
    assert member.basic.extras == (("备注", "调入人员"),)
    assert member.standing.joined_on == datetime.date(2001, 6, 20)
    assert member.hardship.veteran_without_work is False
    assert member.hardship.special_care_subsidy == Unparsed("不详")
    org = base.organizations[0]
    assert org.basic is not None and org.leaders is not None and org.unit is not None
    assert org.basic.category == Unparsed(611)
    assert org.basic.elected_on == datetime.date(2010, 6, 1)
    assert org.leaders[0].title == "书记"
    assert org.unit.legal_entity is True
    assert base.applicants[0].development is not None
    assert base.applicants[0].development.applied_on == Unparsed("2010年3月")
    assert base.extras == (("备注", {"导出时间": "2011-06-30", "导出人": ["张伟"]}),)
    assert base.organization("001") is org and base.member("M0001") is member

    assert loaded.unknown_keys == (
        UnknownKey(entity=None, index=None, record_key=None, path="备注", key="备注"),
        UnknownKey(
            entity=Entity.ORGANIZATION, index=0, record_key="001", path="党组织[0].班子成员[0].备注", key="备注"
        ),
        UnknownKey(entity=Entity.MEMBER, index=0, record_key="M0001", path="党员[0].基本信息.备注", key="备注"),
    )
    # Round trip: the only change is the canonical date form.
    written = unstructure(base, keys="zh")
    assert document == original
    expected = copy.deepcopy(original)
    expected["党组织"][0]["基本信息"]["领导班子当选日期"] = "2010-06-01"
    assert written == expected
    assert unstructure(structure(written, keys="zh"), keys="zh") == written


def test_unknown_keys_are_written_back_in_either_key_language() -> None:
    base = structure({"党员": [{"人员编号": "M1", "基本信息": {"姓名": "王芳", "备注": 1}}], "x": [None]}, keys="zh")
    out = unstructure(base, keys="en")
    assert out == {"organizations": [], "members": [{"id": "M1", "basic": {"name": "王芳", "备注": 1}}],
                   "applicants": [], "x": [None]}
    assert structure(out) == base


def test_an_english_key_in_a_chinese_document_is_unknown() -> None:
    loaded = read_document({"党员": [{"id": "M1", "人员编号": "M2"}]})
    assert loaded.infobase.members[0].id == "M2"
    assert [(u.path, u.key, u.record_key) for u in loaded.unknown_keys] == [("党员[0].id", "id", "M2")]


def test_detect_keys() -> None:
    assert detect_keys({"党组织": [], "党员": []}) == "zh"
    assert detect_keys({"organizations": []}) == "en"
    assert detect_keys({"党员": [], "members": [], "applicants": []}) == "en"
    assert detect_keys({}) == "en"
    assert detect_keys([1, 2]) == "en"
    with pytest.raises(DocumentError):  # the other language's entity key would drop records silently
        read_document({"members": []}, keys="zh")


def test_an_empty_document() -> None:
    assert structure({}) == InfoBase()
    assert unstructure(InfoBase(), keys="zh") == {"党组织": [], "党员": [], "申请入党人": []}
    assert structure({"members": None}) == InfoBase()


def test_bad_keys_argument() -> None:
    with pytest.raises(ValueError, match="keys"):
        structure({}, keys="fr")  # type: ignore[arg-type]


# -- wrong shape ----------------------------------------------------------------------------------------------


SHAPE_EN: dict[str, Any] = {
    "organizations": [{"basic": {"code": "001"}, "leaders": {"name": "王建国"}}],
    "members": [
        {"id": "M0001", "basic": {"name": "王芳"}},
        {"id": "M0002", "basic": {"born_on": ["1985", "06"]}},
        {"id": "M0003", "education": [{"level": "21"}, "大学"], "work": "教师"},
    ],
}
SHAPE_ZH: dict[str, Any] = {
    "党组织": [{"基本信息": {"党组织代码": "001"}, "班子成员": {"姓名": "王建国"}}],
    "党员": [
        {"人员编号": "M0001", "基本信息": {"姓名": "王芳"}},
        {"人员编号": "M0002", "基本信息": {"出生日期": ["1985", "06"]}},
        {"人员编号": "M0003", "学历学位信息": [{"学历": "21"}, "大学"], "工作岗位": "教师"},
    ],
}


@pytest.mark.parametrize(
    ("keys", "document", "paths"),
    [
        ("en", SHAPE_EN, ["organizations[0].leaders", "members[1].basic.born_on", "members[2].education[1]",
                          "members[2].work"]),
        ("zh", SHAPE_ZH, ["党组织[0].班子成员", "党员[1].基本信息.出生日期", "党员[2].学历学位信息[1]",
                          "党员[2].工作岗位"]),
    ],
)
def test_every_shape_problem_is_reported_once(keys: Keys, document: dict[str, Any], paths: list[str]) -> None:
    with pytest.raises(DocumentError) as caught:
        structure(document, keys=keys)
    problems = caught.value.problems
    assert [p.path for p in problems] == paths
    assert [(p.entity, p.index, p.record_key) for p in problems] == [
        (Entity.ORGANIZATION, 0, "001"),
        (Entity.MEMBER, 1, "M0002"),
        (Entity.MEMBER, 2, "M0003"),
        (Entity.MEMBER, 2, "M0003"),
    ]
    assert [p.message for p in problems] == [
        "应为列表，实际为对象",
        "应为单个值，实际为列表",
        "应为对象，实际为文本",
        "应为对象，实际为文本",
    ]
    text = str(caught.value)
    lines = text.splitlines()
    assert len(lines) == 1 + len(paths)
    for line, path in zip(lines[1:], paths, strict=True):
        assert line.startswith(path)
    assert "M0002" in lines[2]
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        ([], Problem(entity=None, index=None, record_key=None, path="", message="应为对象，实际为列表")),
        ("x", Problem(entity=None, index=None, record_key=None, path="", message="应为对象，实际为文本")),
        ({"members": {}}, Problem(entity=Entity.MEMBER, index=None, record_key=None, path="members",
                                  message="应为列表，实际为对象")),
        ({"members": [None]}, Problem(entity=Entity.MEMBER, index=0, record_key=None, path="members[0]",
                                      message="应为对象，实际为空值（null）")),
        ({"applicants": [{"id": 7, "development": {"mentors": "王建国"}}]},
         Problem(entity=Entity.APPLICANT, index=0, record_key="7", path="applicants[0].development.mentors",
                 message="应为列表，实际为文本")),
        ({"applicants": [{"development": {"mentors": ["王建国", None]}}]},
         Problem(entity=Entity.APPLICANT, index=0, record_key=None, path="applicants[0].development.mentors[1]",
                 message="应为文本，实际为空值（null）")),
        ({"organizations": [{"basic": [], "unit": {"legal_entity": {}}}]},
         Problem(entity=Entity.ORGANIZATION, index=0, record_key=None, path="organizations[0].basic",
                 message="应为对象，实际为列表")),
    ],
)
def test_shape_problems(document: Any, problem: Problem) -> None:
    with pytest.raises(DocumentError) as caught:
        structure(document)
    assert caught.value.problems[0] == problem


def test_a_single_record_reports_paths_from_the_record() -> None:
    with pytest.raises(DocumentError) as caught:
        structure_member({"人员编号": "M9", "基本信息": [], "奖惩信息": [{"奖惩批准日期": {}}]}, keys="zh")
    assert [(p.path, p.index, p.record_key) for p in caught.value.problems] == [
        ("基本信息", None, "M9"),
        ("奖惩信息[0].奖惩批准日期", None, "M9"),
    ]
    with pytest.raises(DocumentError) as caught:
        structure_organization(["001"])
    assert str(caught.value).splitlines()[1] == "党组织：应为对象，实际为列表"


# -- fuzz: random JSON anywhere -------------------------------------------------------------------------------


def _positions(value: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) in a JSON tree."""
    out: list[tuple[Any, Any]] = []
    if isinstance(value, dict):
        for key, child in value.items():
            out.append((value, key))
            out.extend(_positions(child))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            out.append((value, index))
            out.extend(_positions(child))
    return out


def _structure_or_document_error(document: Any, keys: Keys) -> None:
    try:
        base = structure(document, keys=keys)
    except DocumentError as exc:
        assert exc.problems
        assert all(isinstance(p, Problem) and p.message for p in exc.problems)
        str(exc)
    else:
        unstructure(base, keys=keys)
        # What structure accepts, reading accepts once unknown top-level keys are allowed; without that, an
        # unknown key holding records is refused, and only with a DocumentError that says where.
        read_document(document, keys=keys, allow_unknown=True)
        try:
            read_document(document, keys=keys)
        except DocumentError as exc:
            assert exc.problems


@pytest.mark.parametrize("keys", KEYS)
@given(data=st.data())
def test_fuzz_random_values_placed_in_a_valid_document(keys: Keys, data: st.DataObject) -> None:
    document = data.draw(documents(keys=keys))
    for _ in range(data.draw(st.integers(1, 4))):
        positions = _positions(document)
        if not positions:
            break
        container, key = data.draw(st.sampled_from(positions))
        container[key] = data.draw(json_values())
    _structure_or_document_error(document, keys)


def _record_shaped(keys: Keys) -> st.SearchStrategy[dict[str, Any]]:
    """Records whose keys are mostly right and whose values are anything."""
    zh = keys == "zh"
    g = glossary()
    names = sorted({f.label if zh else f.name for e in Entity for f in g.of(e)}
                   | {gr.label if zh else gr.name for e in Entity for gr in g.groups(e)})
    known = st.sampled_from(names)
    groups = st.dictionaries(known, json_values(), max_size=4)
    values = json_values() | groups | st.lists(groups, max_size=2)
    return st.dictionaries(known | st.text(max_size=3), values, max_size=6)


@pytest.mark.parametrize("keys", KEYS)
@given(data=st.data())
def test_fuzz_records_of_random_shape(keys: Keys, data: st.DataObject) -> None:
    records = st.lists(_record_shaped(keys) | json_values(), max_size=3)
    tops = {entity_key(e, keys=keys): records | json_values() for e in Entity}
    document = data.draw(st.fixed_dictionaries({}, optional=tops) | json_values())
    _structure_or_document_error(document, keys)
    for entity, convert in ((Entity.MEMBER, structure_member), (Entity.ORGANIZATION, structure_organization),
                            (Entity.APPLICANT, structure_applicant)):
        record = data.draw(_record_shaped(keys) | json_values(), label=entity.value)
        with contextlib.suppress(DocumentError):
            convert(record, keys=keys)


# -- the strategies are valid by construction -----------------------------------------------------------------


def _dates(value: Any, skip: frozenset[str] = frozenset({"term_ends_on"})) -> list[datetime.date]:
    """Every date in a record, except the end of a running term."""
    import attrs

    out: list[datetime.date] = []
    if isinstance(value, tuple):
        for item in value:
            out.extend(_dates(item))
    elif attrs.has(type(value)):
        for a in attrs.fields(type(value)):
            if a.name in skip or a.name.startswith("_"):
                continue
            out.extend(_dates(getattr(value, a.name)))
    elif isinstance(value, datetime.date):
        out.append(value)
    return out


def _check_codes(entity: Entity, record: Any) -> None:
    tables = default_tables()
    g = glossary()
    for group in g.groups(entity):
        value = getattr(record, group.name)
        for sub in value if isinstance(value, tuple) else ([] if value is None else [value]):
            for f in group.fields:
                code = getattr(sub, f.name)
                if f.kind is FieldKind.CODE and code is not None:
                    table = tables[SHAANXI_2011.table(f.code_table or "")]  # the rule set's edition
                    assert isinstance(code, str) and code in table and table.is_leaf(code), (f.path, code)


@given(member=members(as_of=datetime.date(2005, 1, 1)))
def test_generated_members_are_careful(member: Member) -> None:
    as_of = datetime.date(2005, 1, 1)
    assert all(d <= as_of for d in _dates(member))
    _check_codes(Entity.MEMBER, member)
    basic, standing, relation = member.basic, member.standing, member.relation
    assert basic is not None and standing is not None and relation is not None
    assert isinstance(basic.born_on, datetime.date) and isinstance(standing.joined_on, datetime.date)
    assert isinstance(basic.name, str) and 2 <= len(basic.name) <= 4
    born = basic.born_on
    assert isinstance(born, datetime.date)
    assert standing.joined_on > datetime.date(1949, 10, 1)
    if basic.id_number is not None:
        assert isinstance(basic.id_number, str) and id_number_holds(basic.id_number, as_of)
        assert basic.id_number[6:14] == basic.born_on.strftime("%Y%m%d")
        assert int(basic.id_number[16]) % 2 == (1 if basic.gender == "1" else 0)
    for education in member.education or ():
        assert isinstance(education.enrolled_on, datetime.date) and isinstance(education.graduated_on, datetime.date)
        assert education.enrolled_on >= born.replace(year=born.year + 6, day=1)
        assert education.enrolled_on < education.graduated_on
    joined = standing.joined_on
    assert isinstance(joined, datetime.date)
    if standing.full_member_on is not None:
        assert isinstance(standing.full_member_on, datetime.date)
        assert standing.full_member_on.year == joined.year + 1 and standing.probation_outcome == "1"
    else:
        assert standing.probation_outcome == "6"
    if relation.entered_on != joined:
        assert isinstance(relation.entered_on, datetime.date) and relation.entered_on > joined


@given(base=infobases())
def test_generated_databases_hang_together(base: InfoBase) -> None:
    assert all(d <= DEFAULT_AS_OF for r in (*base.members, *base.applicants, *base.organizations) for d in _dates(r))
    for org in base.organizations:
        _check_codes(Entity.ORGANIZATION, org)
    for m in base.members:
        _check_codes(Entity.MEMBER, m)
    for a in base.applicants:
        _check_codes(Entity.APPLICANT, a)
    codes = [o.key for o in base.organizations]
    assert len(set(codes)) == len(codes)
    root = base.organizations[0]
    assert root.parent is None and root.basic is not None and root.basic.category == "611"
    branches = {o.key for o in base.organizations if o.basic is not None and o.basic.category == "631"}
    names = {m.basic.name: m for m in base.members if m.basic is not None}
    assert len(names) == len(base.members) == len(base.members_by_id)
    for org in base.organizations:
        assert org.parent is None or (org.key is not None and org.key[:-3] == org.parent)
        assert org.leaders and sum(1 for leader in org.leaders if leader.title == "001A") == 1
        for leader in org.leaders:
            member = names[leader.name]
            assert member.relation is not None and str(member.relation.branch).startswith(str(org.key))
    for m in base.members:
        assert m.relation is not None and m.relation.branch in branches
    person_keys = {(m.basic.name, m.basic.born_on) for m in base.members if m.basic is not None}
    people: list[Member | Applicant] = [*base.members, *base.applicants]
    id_numbers = [p.basic.id_number for p in people if p.basic is not None and p.basic.id_number is not None]
    assert len(set(id_numbers)) == len(id_numbers)
    for a in base.applicants:
        assert a.basic is not None and a.development is not None
        assert (a.basic.name, a.basic.born_on) not in person_keys
        assert a.development.branch in branches
        assert a.development.branch_meeting_on is None or a.development.approved_on is None
        assert bool(a.development.mentors) == (a.development.activist_on is not None)
        for mentor in a.development.mentors or ():
            member = names[mentor]
            assert member.relation is not None and member.relation.branch == a.development.branch
            assert member.standing is not None and member.standing.full_member_on is not None


@given(junk=junk_values())
def test_junk_is_kept_verbatim_in_a_code_field(junk: Any) -> None:
    member = structure_member({"basic": {"ethnicity": junk}})
    assert unstructure_member(member) == {"basic": {"ethnicity": junk}}


def test_a_document_mixing_key_languages_is_refused_rather_than_dropping_records() -> None:
    with pytest.raises(DocumentError, match="党员"):
        read_document({"members": [], "党员": [{"人员编号": "M1"}]})
    with pytest.raises(DocumentError, match="members"):
        structure({"党员": [], "members": [{"id": "M1"}]}, keys="zh")
