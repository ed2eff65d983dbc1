"""The glossary is the single source of the field vocabulary: the types and the converters agree with it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import attrs
import pytest

from cpcinfo.entity import Entity
from cpcinfo.fields import GROUP_CLASSES, RECORD_CLASSES, REPEATED_GROUPS, glossary

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_COPY = ROOT / "src" / "cpcinfo" / "glossary.tsv"
SHARED_SPEC = ROOT.parent / "shared" / "spec" / "glossary.tsv"


def attributes(cls: type) -> set[str]:
    return {a.name for a in attrs.fields(cls)} - {"extras"}


def test_package_copy_equals_the_shared_spec() -> None:
    if not SHARED_SPEC.exists():
        pytest.skip(f"{SHARED_SPEC} is not there (outside the project workspace)")
    assert PACKAGE_COPY.read_text(encoding="utf-8") == SHARED_SPEC.read_text(encoding="utf-8")


@pytest.mark.parametrize("entity", list(Entity), ids=lambda e: e.value)
def test_every_glossary_field_is_an_attribute_and_back(entity: Entity) -> None:
    g = glossary()
    record_cls = RECORD_CLASSES[entity]
    record_level = {f.name for f in g.record_fields(entity)}
    groups = {group.name for group in g.groups(entity)}
    assert attributes(record_cls) == record_level | groups
    for group in g.groups(entity):
        cls = GROUP_CLASSES[(entity, group.name)]
        assert group.cls is cls
        assert {f.name for f in group.fields} == attributes(cls), f"{entity.value}.{group.name}"
        assert group.repeated == ((entity, group.name) in REPEATED_GROUPS)


def test_every_group_class_is_in_the_glossary() -> None:
    g = glossary()
    assert {(group.entity, group.name) for e in Entity for group in g.groups(e)} == set(GROUP_CLASSES)


def test_applicant_basic_has_the_id_number_like_the_member() -> None:
    g = glossary()
    member, applicant = g.field(Entity.MEMBER, "basic.id_number"), g.field(Entity.APPLICANT, "basic.id_number")
    assert (applicant.label, applicant.kind) == (member.label, member.kind) == ("公民身份号码", member.kind)


@pytest.mark.parametrize("entity", list(Entity), ids=lambda e: e.value)
def test_labels_are_unique_within_each_group_and_record(entity: Entity) -> None:
    g = glossary()
    for group in g.groups(entity):
        labels = Counter(f.label for f in group.fields)
        assert [label for label, n in labels.items() if n > 1] == [], f"{entity.value}.{group.name}"
        names = Counter(f.name for f in group.fields)
        assert [name for name, n in names.items() if n > 1] == []
    record_keys = Counter([f.label for f in g.record_fields(entity)] + [gr.label for gr in g.groups(entity)])
    assert [label for label, n in record_keys.items() if n > 1] == []


def test_a_class_shared_by_two_groups_has_the_same_labels_in_both() -> None:
    g = glossary()
    seen: dict[type, dict[str, str]] = {}
    for entity in Entity:
        for group in g.groups(entity):
            labels = {f.name: f.label for f in group.fields}
            assert seen.setdefault(group.cls, labels) == labels, group.cls.__name__
