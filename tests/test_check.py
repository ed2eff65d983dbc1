"""The whole-database check: its streaming form agrees, every record is counted, waivers work."""

from __future__ import annotations

import datetime

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from cpcinfo import InfoBase, convert
from cpcinfo.checking import (
    EXPIRED_WAIVER,
    UNUSED_WAIVER,
    Waiver,
    WaiverError,
    check,
    check_stream,
    waivers_from_json,
    waivers_to_json,
)
from cpcinfo.examples import BASE_DOCUMENT
from cpcinfo.rules.builders import with_value
from cpcinfo.testing import strategies as s

AS_OF = datetime.date(2011, 6, 30)


def _defective_document() -> dict:
    data = with_value(BASE_DOCUMENT, "members.0.basic.gender", "男")
    data = with_value(data, "members.1.relation.branch", "009")
    data = with_value(data, "members.1.basic.born_on", "1995-01-01")
    return data


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(base=s.infobases())
def test_streaming_agrees_with_check_and_counts_every_record(base: InfoBase) -> None:
    whole = check(base, as_of=AS_OF)
    streamed = check_stream(list(base.organizations), iter(base.members), iter(base.applicants), as_of=AS_OF)
    assert whole == streamed
    assert whole.counts == base.counts
    assert whole.findings == ()


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(document=s.documents(junk=True))
def test_junk_databases_check_without_raising_and_streaming_agrees(document: dict) -> None:
    base = convert.structure(document)
    whole = check(base, as_of=AS_OF)
    streamed = check_stream(base.organizations, iter(base.members), iter(base.applicants), as_of=AS_OF)
    assert whole == streamed
    assert whole.counts == base.counts


def test_defects_are_found_and_counted() -> None:
    result = check(convert.structure(_defective_document()), as_of=AS_OF)
    # One defect, one finding: 张伟 (M0002) sits in a branch that does not exist (MEM901), and is too young
    # (MEM104). The organizations he leads and the applicant he mentors are not reported again (his place
    # in the tree is unknown), nor is his age at joining (his birth date is already wrong).
    assert sorted((f.rule, f.key, f.field) for f in result.counted) == [
        ("MEM102", "M0001", "basic.gender"),
        ("MEM104", "M0002", "basic.born_on"),
        ("MEM901", "M0002", "relation.branch"),
    ]


def test_a_waiver_hides_exactly_the_findings_it_names() -> None:
    base = convert.structure(_defective_document())
    plain = check(base, as_of=AS_OF)
    waiver = Waiver(rule="MEM901", key="M0002", reason="该支部已撤销，组织关系正在转接")
    waived = check(base, as_of=AS_OF, waivers=[waiver])
    assert waived.findings == plain.findings  # a waived finding stays in the result
    hidden = [f for f, _ in waived.waived]
    assert hidden and all(f.rule == "MEM901" and f.key == "M0002" for f in hidden)
    assert set(waived.counted) == set(plain.counted) - set(hidden)
    assert waived.waiver_reports == ()


def test_a_waiver_for_one_field_does_not_cover_another() -> None:
    base = convert.structure(_defective_document())
    waiver = Waiver(rule="MEM901", key="M0002", field="basic.name", reason="测试")
    result = check(base, as_of=AS_OF, waivers=[waiver])
    assert result.waived == ()
    assert [r.rule for r in result.waiver_reports] == [UNUSED_WAIVER]


def test_unused_and_expired_waivers_are_reported() -> None:
    base = convert.structure(BASE_DOCUMENT)
    unused = Waiver(rule="MEM903", key="M0001", reason="战时特批")
    expired = Waiver(rule="MEM901", reason="过渡期", expires_on=datetime.date(2011, 1, 1))
    result = check(base, as_of=AS_OF, waivers=[unused, expired])
    assert [(r.rule, r.key) for r in result.waiver_reports] == [(UNUSED_WAIVER, "M0001"), (EXPIRED_WAIVER, None)]
    assert result.counted == ()


def test_an_expired_waiver_does_not_waive() -> None:
    base = convert.structure(_defective_document())
    expired = Waiver(rule="MEM901", reason="过渡期", expires_on=datetime.date(2011, 1, 1))
    result = check(base, as_of=AS_OF, waivers=[expired])
    assert result.waived == ()
    assert any(f.rule == "MEM901" for f in result.counted)


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_a_waiver_without_a_reason_is_refused(reason) -> None:
    with pytest.raises(WaiverError, match="理由"):
        Waiver(rule="MEM901", reason=reason)


def test_a_waiver_for_an_unknown_rule_is_refused() -> None:
    with pytest.raises(WaiverError, match="XYZ001"):
        check(convert.structure(BASE_DOCUMENT), as_of=AS_OF, waivers=[Waiver(rule="XYZ001", reason="x")])


def test_waivers_load_from_json_in_either_language() -> None:
    data = [
        {"rule": "MEM901", "key": "M0002", "reason": "支部撤销", "approved_by": "组织部", "expires_on": "2011-12-31"},
        {"规则": "MEM903", "记录": "M0001", "理由": "战时特批入党"},
    ]
    waivers = waivers_from_json({"waivers": data})
    assert waivers[0] == Waiver(rule="MEM901", key="M0002", reason="支部撤销", approved_by="组织部",
                                expires_on=datetime.date(2011, 12, 31))
    assert waivers[1].rule == "MEM903" and waivers[1].reason == "战时特批入党"
    assert waivers_from_json(waivers_to_json(waivers)) == waivers


@pytest.mark.parametrize("bad", [{"rule": "MEM901"}, {"rule": "MEM901", "reason": "x", "expires_on": "明年"},
                                 {"rule": "MEM901", "reason": "x", "color": "red"}, "MEM901"])
def test_bad_waiver_documents_are_refused_with_the_waiver_named(bad) -> None:
    with pytest.raises(WaiverError, match="第1条"):
        waivers_from_json([bad])


def test_check_result_counts_equal_the_infobase_even_with_keyless_records() -> None:
    base = convert.structure(BASE_DOCUMENT)
    keyless = attrs.evolve(base.members[0], id=None)
    bigger = InfoBase(organizations=base.organizations, members=(*base.members, keyless, keyless),
                      applicants=base.applicants)
    result = check(bigger, as_of=AS_OF)
    assert result.counts == bigger.counts
    assert sum(1 for f in result.findings if f.rule == "MEM912") == 2


@pytest.mark.parametrize("extreme", [datetime.date.max, datetime.date.min, datetime.date(9999, 6, 1)])
def test_dates_at_the_ends_of_the_calendar_never_crash(extreme: datetime.date) -> None:
    data = BASE_DOCUMENT
    for path in ("members.0.basic.born_on", "members.0.standing.joined_on", "members.0.standing.full_member_on",
                 "members.0.relation.entered_on", "applicants.0.development.activist_on",
                 "applicants.0.development.branch_meeting_on", "applicants.0.basic.born_on",
                 "organizations.0.basic.elected_on", "organizations.0.basic.term_ends_on"):
        data = with_value(data, path, extreme.isoformat())
    data = with_value(data, "applicants.0.development.approved_on", extreme.isoformat())
    result = check(convert.structure(data), as_of=AS_OF)
    assert result.findings



def _roster_of_base():
    from cpcinfo.org.roster import Roster, RosterEntry

    return Roster([RosterEntry(code=o["basic"]["code"], name=o["basic"]["name"], category=o["basic"]["category"],
                               parent=o.get("parent")) for o in BASE_DOCUMENT["organizations"]])


@pytest.mark.parametrize("with_roster", [False, True], ids=["no roster", "roster"])
@pytest.mark.parametrize(("path", "value", "expected"), [
    ("members.0.relation.branch", "001001009", [("MEM901", "M0001", "relation.branch")]),
    ("members.0.relation.branch", "", [("MEM601", "M0001", "relation.branch")]),
    ("members.0.basic.name", "", [("MEM101", "M0001", "basic.name")]),
    ("members.0.basic.name", "王 建国", [("MEM101", "M0001", "basic.name")]),
    ("members.1.standing.full_member_on", "1900-01-01", [("MEM503", "M0002", "standing.full_member_on")]),
    ("members.0.basic.born_on", "1999-01-01", [("MEM104", "M0001", "basic.born_on")]),
    ("members.0.basic.id_number", "610102198005130019", [("MEM908", "M0001", "basic.id_number")]),
    ("members.0.relation.entered_on", "1970-01-01", [("MEM602", "M0001", "relation.entered_on")]),
    ("organizations.1.basic.term_ends_on", "1970-01-01", [("ORG106", "001001", "basic.term_ends_on")]),
    ("organizations.0.unit.party_setup", "1", [("ORG407", "001", "unit.party_setup")]),
    ("organizations.2.parent", "001009", [("ORG603", "001001001", "parent")]),
    ("organizations.2.basic.category", "621", [("ORG102", "001001001", "basic.name")]),
    ("organizations.1.basic.category", "631", [("ORG102", "001001", "basic.name")]),
    ("applicants.0.development.branch", "", [("APP301", "A0001", "development.branch")]),
    ("applicants.0.basic.born_on", "1995-01-01", [("APP104", "A0001", "basic.born_on")]),
    ("applicants.0.development.activist_on", "1900-01-01", [("APP303", "A0001", "development.activist_on")]),
])
def test_one_defect_is_one_finding_across_every_rule(path: str, value: str, expected: list, with_roster: bool) -> None:
    """One wrong value gives one finding, whatever the other rules that depend on it
    (docs/domain/acceptance.md#defect-kinds).
    With a roster, a wrong category is also a structural difference from reality (item 6)."""
    roster = _roster_of_base() if with_roster else None
    result = check(convert.structure(with_value(BASE_DOCUMENT, path, value)), as_of=AS_OF, roster=roster)
    found = [(f.rule, f.key, f.field) for f in result.counted]
    if with_roster and path.endswith("basic.category"):
        expected = [*expected, ("ORG612", expected[0][1], "basic.category")]
    assert sorted(found) == sorted(expected)


@pytest.mark.parametrize(("path", "value", "expected"), [
    ("applicants.0.development.applied_on", "2011-06-30", [("APP308", "A0001", "development.activist_on")]),
    ("organizations.1.basic.unit_relation", "x", [("ORG109", "001001", "basic.unit_relation")]),
    ("members.0.relation.branch", "x", [("MEM601", "M0001", "relation.branch")]),
    ("applicants.0.development.branch", "x", [("APP301", "A0001", "development.branch")]),
    ("organizations.2.basic.category", "9", [("ORG103", "001001001", "basic.category")]),
    ("members.0.relation.branch", "001001", [("MEM902", "M0001", "relation.branch")]),
    ("organizations.1.parent", ..., [("ORG605", "001001", "parent")]),
])
def test_one_defect_is_one_finding_found_by_the_second_review(path: str, value: object, expected: list) -> None:
    result = check(convert.structure(with_value(BASE_DOCUMENT, path, value)), as_of=AS_OF)
    assert sorted((f.rule, f.key, f.field) for f in result.counted) == sorted(expected)


def test_repeated_identity_numbers_and_keys_name_the_first_record_and_keep_the_value_as_written() -> None:
    """MEM911 and MEM912 note values in lists and find repeats at the end: each later record is reported,
    with its own value as recorded, and MEM911 names the first record with that number."""
    number = "610102198005120019"
    document = dict(BASE_DOCUMENT)
    member = BASE_DOCUMENT["members"][0]
    document["members"] = [
        with_value(member, "basic.id_number", number),
        with_value(with_value(member, "id", "M0002"), "basic.id_number", "610102 198005120019"),
        with_value(with_value(member, "id", "M0003"), "basic.id_number", None),
        with_value(with_value(member, "id", "M0004"), "basic.id_number", None),
        with_value(with_value(member, "id", "M0002"), "basic.id_number", number),
    ]
    result = check(convert.structure(document), as_of=AS_OF, select=["MEM911", "MEM912"])
    assert sorted((f.rule, f.key, f.value, f.message) for f in result.findings) == [
        ("MEM911", "M0002", "610102 198005120019", f"公民身份号码「{number}」与党员「M0001」重复"),
        ("MEM911", "M0002", number, f"公民身份号码「{number}」与党员「M0001」重复"),
        ("MEM912", "M0002", "M0002", "人员编号「M0002」重复"),
    ]


def test_a_result_pickles_with_its_statuses_and_rules() -> None:
    """A check and an audit pickle (to a worker, a notebook cache): equal, with the same statuses — which are
    kept by the identity of each finding, so they are made anew for the unpickled findings — and the rules."""
    import pickle

    from cpcinfo import audit
    from cpcinfo.demo import university

    unit = university()
    first = next(f for f in check(unit.infobase, as_of=AS_OF).findings if f.key is not None)
    waivers = (Waiver(rule=first.rule, key=first.key, reason="测试：允许存在"),
               Waiver(rule="MEM903", key="NO-SUCH-MEMBER", reason="测试：不匹配任何记录"))
    checked = check(unit.infobase, as_of=AS_OF, roster=unit.roster, waivers=waivers)
    assert checked.waived and checked.waiver_reports  # every status is there to be kept
    audited = audit(unit.infobase, as_of=AS_OF, roster=unit.roster, seed=7, checked=checked)
    for result, again in ((checked, pickle.loads(pickle.dumps(checked))),
                          (audited, pickle.loads(pickle.dumps(audited)))):
        assert again == result
        findings = (*result.findings, *result.waiver_reports) if result is checked else result.check.findings
        found_again = ((*again.findings, *again.waiver_reports) if result is checked else again.check.findings)
        assert [result.status(f) for f in findings] == [again.status(f) for f in found_again]
    assert [r.code for r in pickle.loads(pickle.dumps(checked)).registry] == [r.code for r in checked.registry]
    assert pickle.loads(pickle.dumps(audited)).counted == audited.counted
