"""The field rules as properties: valid records are clean, one broken field gives exactly its finding,
junk never raises and every finding keeps the value as recorded."""

from __future__ import annotations

import datetime
import re
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cpcinfo import applicant, convert, member, org
from cpcinfo.codes import default_tables
from cpcinfo.entity import Entity
from cpcinfo.fields import FieldKind, glossary
from cpcinfo.findings import DefectKind
from cpcinfo.rules import RuleScope, registry
from cpcinfo.testing import strategies as s
from cpcinfo.values import Unparsed

AS_OF = s.DEFAULT_AS_OF
VALIDATE = {Entity.ORGANIZATION: org.validate, Entity.MEMBER: member.validate, Entity.APPLICANT: applicant.validate}
RECORDS = {Entity.ORGANIZATION: s.organizations(), Entity.MEMBER: s.members(), Entity.APPLICANT: s.applicants()}

# Fields that are required in every valid record, so emptying one must give a 未填写 finding. Fields that are
# required only in some states (转正日期, the later stages of development, mentors) are covered by worked
# examples instead.
BREAKABLE: dict[Entity, tuple[str, ...]] = {
    Entity.MEMBER: ("basic.name", "basic.gender", "basic.ethnicity", "basic.born_on", "basic.native_place",
                    "basic.unit_name", "education[0].level", "education[0].enrolled_on", "education[0].graduated_on",
                    "work.post", "work.frontline", "standing.joined_on", "standing.join_type",
                    "standing.probation_outcome", "relation.branch", "relation.entered_on", "relation.entry_type",
                    "hardship.veteran_without_work", "hardship.special_care_subsidy"),
    Entity.APPLICANT: ("basic.name", "basic.gender", "basic.ethnicity", "basic.born_on", "basic.native_place",
                       "basic.unit_name", "education[0].level", "education[0].enrolled_on",
                       "education[0].graduated_on", "development.branch", "development.applied_on"),
    Entity.ORGANIZATION: ("basic.code", "basic.name", "basic.category", "basic.locality", "basic.elected_on",
                          "basic.term_ends_on", "leaders[0].name", "leaders[0].title"),
}

_STEP = re.compile(r"(\w+)(?:\[(\d+)\])?")


def get_path(record: Any, path: str) -> Any:
    node = record
    for part in path.split("."):
        name, index = _STEP.fullmatch(part).groups()  # type: ignore[union-attr]
        node = getattr(node, name)
        if index is not None:
            node = node[int(index)]
    return node


def set_path(record: Any, path: str, value: Any) -> Any:
    head, _, rest = path.partition(".")
    name, index = _STEP.fullmatch(head).groups()  # type: ignore[union-attr]
    if index is not None:
        items = list(getattr(record, name))
        items[int(index)] = set_path(items[int(index)], rest, value) if rest else value
        return attrs.evolve(record, **{name: tuple(items)})
    if not rest:
        return attrs.evolve(record, **{name: value})
    return attrs.evolve(record, **{name: set_path(getattr(record, name), rest, value)})


def field_of(entity: Entity, path: str) -> Any:
    return glossary().field(entity, re.sub(r"\[\d+\]", "", path))


def rule_for(entity: Entity, path: str) -> set[str]:
    """The codes of the field rules that govern this field (a value rule, or a group rule naming it)."""
    group, _, name = re.sub(r"\[\d+\]", "", path).partition(".")
    return {r.code for r in registry().of(entity, RuleScope.FIELD) if r.group == group and name in r.fields}


@pytest.mark.parametrize("entity", list(Entity), ids=lambda e: e.value)
@settings(suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_valid_records_have_no_findings(entity: Entity, data: st.DataObject) -> None:
    record = data.draw(RECORDS[entity])
    assert VALIDATE[entity](record, as_of=AS_OF) == ()


@pytest.mark.parametrize("entity", list(Entity), ids=lambda e: e.value)
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data())
def test_break_exactly_one_field(entity: Entity, data: st.DataObject) -> None:
    record = data.draw(RECORDS[entity])
    path = data.draw(st.sampled_from(BREAKABLE[entity]))
    field = field_of(entity, path)
    original = get_path(record, path)
    corruptions: list[tuple[str, Any, DefectKind]] = [("empty", "", DefectKind.MISSING)]
    if field.kind is FieldKind.CODE:
        table = default_tables()[field.code_table]
        entry = table.get(original)
        assert entry is not None
        resolved = table.resolve(entry.label)
        if resolved is not None and resolved.entry.code == original and entry.label != original:
            corruptions.append(("label", entry.label, DefectKind.NONSTANDARD))
        corruptions.append(("unknown code", "ZZ99", DefectKind.WRONG))
    if field.kind is FieldKind.DATE:
        corruptions.append(("non-date", Unparsed("不是日期"), DefectKind.WRONG))
    name, value, kind = data.draw(st.sampled_from(corruptions))
    broken = set_path(record, path, value)
    findings = VALIDATE[entity](broken, as_of=AS_OF)
    assert len(findings) == 1, (name, path, [(f.rule, f.field, f.message) for f in findings])
    (finding,) = findings
    assert finding.field == path
    assert finding.kind is kind
    assert finding.rule in rule_for(entity, path)
    assert finding.value == value
    if name == "label":
        assert finding.suggestion == original


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(document=s.documents(junk=True))
def test_junk_never_raises_and_findings_keep_the_recorded_value(document: dict[str, Any]) -> None:
    base = convert.structure(document)
    for entity, records in ((Entity.ORGANIZATION, base.organizations), (Entity.MEMBER, base.members),
                            (Entity.APPLICANT, base.applicants)):
        for record in records:
            for finding in VALIDATE[entity](record, as_of=AS_OF):
                assert finding.entity is entity and 1 <= finding.item <= 20
                if finding.field:
                    assert finding.value == get_path(record, finding.field)


@given(value=s.junk_values(), path=st.sampled_from(BREAKABLE[Entity.MEMBER]), record=s.members())
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_any_junk_in_any_member_field_is_reported_with_its_value(value: Any, path: str, record: Any) -> None:
    stored = value if isinstance(value, str) else Unparsed(value)
    assume(stored != get_path(record, path))
    broken = set_path(record, path, stored)
    findings = member.validate(broken, as_of=AS_OF)
    for finding in findings:
        assert finding.value == get_path(broken, finding.field)
    if isinstance(stored, Unparsed):  # a number or a bool is never the standard form of any field
        assert any(f.field == path for f in findings), (path, stored)


def test_as_of_must_be_a_date() -> None:
    with pytest.raises(TypeError):
        member.validate(member.Member(), as_of=datetime.datetime(2011, 6, 30))  # type: ignore[arg-type]


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_break_one_member_field_in_a_whole_database_gives_exactly_one_finding(data: st.DataObject) -> None:
    """The same property over the whole check: no system rule, tree rule or relation reports the broken
    value a second time, whoever the member is (a leader, a mentor, the only member of a branch)."""
    from cpcinfo import InfoBase, check

    base = data.draw(s.infobases())
    assume(base.members)
    index = data.draw(st.integers(0, len(base.members) - 1))
    record = base.members[index]
    path = data.draw(st.sampled_from((*BREAKABLE[Entity.MEMBER], "relation.branch")))
    field = field_of(Entity.MEMBER, path)
    choices: list[Any] = ["", "ZZ99"] if field.kind is FieldKind.CODE else [""]
    if field.kind is FieldKind.DATE:
        choices.append(Unparsed("不是日期"))
    if path == "relation.branch":
        choices.append("999999999")  # a branch that does not exist
    value = data.draw(st.sampled_from(choices))
    broken = InfoBase(organizations=base.organizations,
                      members=(*base.members[:index], set_path(record, path, value), *base.members[index + 1:]),
                      applicants=base.applicants)
    found = check(broken, as_of=AS_OF).counted
    assert len(found) == 1, [(f.rule, f.key, f.field, f.message) for f in found]
    assert found[0].key == record.key and found[0].field == path
