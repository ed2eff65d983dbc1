"""The field registry, read from the glossary (``glossary.tsv``, package data).

The glossary is the single source of the field vocabulary: every field's entity, group, attribute name,
Chinese label, kind, code table and scoring item. The types, the converters, the rules and the reports all
take their names and labels from here.

>>> g = glossary()
>>> f = g.field(Entity.MEMBER, "basic.gender")
>>> f.label, f.code_table, f.item
('性别', 'gender', 8)
>>> g.group(Entity.ORGANIZATION, "leaders").repeated
True
"""

from __future__ import annotations

import enum
import functools
import importlib.resources
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from cpcinfo.applicant import Applicant, Development
from cpcinfo.entity import Entity
from cpcinfo.errors import NotFoundError
from cpcinfo.member import Floating, Hardship, Member, MemberAward, Relation, Standing, Work
from cpcinfo.org import Leader, Organization, OrgAward, OrgBasic, Unit
from cpcinfo.person import Education, Person


class FieldKind(enum.Enum):
    """What a field holds, as the glossary's ``kind`` column says."""

    TEXT = "text"
    CODE = "code"
    DATE = "date"
    FLAG = "flag"
    ORG_CODE = "org-code"
    KEY = "key"
    ID_NUMBER = "id-number"
    NAMES = "names"


class Scope(enum.Enum):
    """Why a field is in the model."""

    SEED = "seed"  # one of the items the seed notice requires
    EXTRA = "extra"  # optional, modelled beyond the seed's list
    STRUCTURE = "structure"  # a record key or link, not a collected item


@attrs.frozen(kw_only=True)
class Field:
    """One field of the glossary."""

    entity: Entity
    group: str | None
    name: str
    label: str
    kind: FieldKind
    code_table: str | None
    item: int | None
    scope: Scope
    notes: str

    @property
    def path(self) -> str:
        """The field's path in attribute names: ``basic.gender``, or ``parent`` for a record-level field."""
        return self.name if self.group is None else f"{self.group}.{self.name}"


@attrs.frozen(kw_only=True)
class Group:
    """A group (信息集) of an entity, with its fields in glossary order."""

    entity: Entity
    name: str
    label: str
    item: int
    repeated: bool
    fields: tuple[Field, ...]
    cls: type[Any]

    def field(self, name: str) -> Field:
        """The field of this group with this attribute name."""
        for f in self.fields:
            if f.name == name:
                return f
        raise NotFoundError(f"{self.entity.value}.{self.name} has no field {name!r}")


RECORD_CLASSES: Mapping[Entity, type[Any]] = MappingProxyType(
    {Entity.ORGANIZATION: Organization, Entity.MEMBER: Member, Entity.APPLICANT: Applicant}
)
"""The record type of each entity."""

GROUP_CLASSES: Mapping[tuple[Entity, str], type[Any]] = MappingProxyType(
    {
        (Entity.ORGANIZATION, "basic"): OrgBasic,
        (Entity.ORGANIZATION, "leaders"): Leader,
        (Entity.ORGANIZATION, "awards"): OrgAward,
        (Entity.ORGANIZATION, "unit"): Unit,
        (Entity.MEMBER, "basic"): Person,
        (Entity.MEMBER, "education"): Education,
        (Entity.MEMBER, "work"): Work,
        (Entity.MEMBER, "awards"): MemberAward,
        (Entity.MEMBER, "standing"): Standing,
        (Entity.MEMBER, "relation"): Relation,
        (Entity.MEMBER, "floating"): Floating,
        (Entity.MEMBER, "hardship"): Hardship,
        (Entity.APPLICANT, "basic"): Person,
        (Entity.APPLICANT, "education"): Education,
        (Entity.APPLICANT, "development"): Development,
    }
)
"""The type of one (sub)record of each group."""

REPEATED_GROUPS = frozenset(
    {
        (Entity.ORGANIZATION, "leaders"),
        (Entity.ORGANIZATION, "awards"),
        (Entity.MEMBER, "education"),
        (Entity.MEMBER, "awards"),
        (Entity.APPLICANT, "education"),
    }
)
"""Groups recorded as a list of subrecords rather than one object."""

# The member's 基本信息 carries id_number, an extra the glossary lists only for members; the applicant shares
# the Person type, so the attribute exists there too and is converted under the same label.
_SHARED_EXTRAS = {(Entity.APPLICANT, "basic"): ("member", "basic", ("id_number",))}


def _frozen_labels(labels: Mapping[tuple[Entity, str], str]) -> Mapping[tuple[Entity, str], str]:
    return MappingProxyType(dict(labels))


@attrs.frozen
class Glossary:
    """Every field, indexed by entity and path."""

    fields: tuple[Field, ...]
    group_labels: Mapping[tuple[Entity, str], str] = attrs.field(converter=_frozen_labels, eq=False)
    _by_path: Mapping[tuple[Entity, str], Field] = attrs.field(init=False, eq=False, repr=False)
    _groups: Mapping[Entity, tuple[Group, ...]] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_path", MappingProxyType({(f.entity, f.path): f for f in self.fields}))
        groups: dict[Entity, list[Group]] = {e: [] for e in Entity}
        seen: dict[tuple[Entity, str], list[Field]] = {}
        for f in self.fields:
            if f.group is not None:
                seen.setdefault((f.entity, f.group), []).append(f)
        for (entity, name), members in seen.items():
            first = members[0]
            assert first.item is not None and first.group is not None
            groups[entity].append(
                Group(
                    entity=entity,
                    name=name,
                    label=self.group_labels[(entity, name)],
                    item=first.item,
                    repeated=(entity, name) in REPEATED_GROUPS,
                    fields=tuple(members),
                    cls=GROUP_CLASSES[(entity, name)],
                )
            )
        object.__setattr__(self, "_groups", MappingProxyType({e: tuple(g) for e, g in groups.items()}))

    def field(self, entity: Entity, path: str) -> Field:
        """The field at ``path`` (``basic.gender``, ``parent``); a ``KeyError`` names both when unknown."""
        try:
            return self._by_path[(entity, path)]
        except KeyError:
            raise NotFoundError(f"the glossary has no {entity.value} field {path!r}") from None

    def groups(self, entity: Entity) -> tuple[Group, ...]:
        """The groups of an entity, in glossary order."""
        return self._groups[entity]

    def group(self, entity: Entity, name: str) -> Group:
        """One group of an entity."""
        for g in self._groups[entity]:
            if g.name == name:
                return g
        raise NotFoundError(f"the glossary has no {entity.value} group {name!r}")

    def record_fields(self, entity: Entity) -> tuple[Field, ...]:
        """The record-level fields of an entity (its key or link: ``parent``, ``id``)."""
        return tuple(f for f in self.fields if f.entity is entity and f.group is None)

    def of(self, entity: Entity) -> tuple[Field, ...]:
        """Every field of an entity, in glossary order."""
        return tuple(f for f in self.fields if f.entity is entity)


def parse_glossary(text: str) -> Glossary:
    """Read the glossary's TSV text (header row first). Raises ``ValueError`` naming the line on bad data."""
    lines = text.splitlines()
    header = lines[0].split("\t")
    fields: list[Field] = []
    group_labels: dict[tuple[Entity, str], str] = {}
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        row = dict(zip(header, line.split("\t"), strict=False))
        try:
            entity = Entity(row["entity"])
            group = None if row["group"] == "-" else row["group"]
            field = Field(
                entity=entity,
                group=group,
                name=row["field"],
                label=row["label_cn"],
                kind=FieldKind(row["kind"]),
                code_table=None if row["code_table"] in ("-", "") else row["code_table"],
                item=None if row["item"] == "-" else int(row["item"]),
                scope=Scope(row["scope"]),
                notes=row.get("notes", "") or "",
            )
        except (KeyError, ValueError) as exc:
            raise ValueError(f"glossary line {number}: {exc}: {line!r}") from None
        if group is not None:
            group_labels.setdefault((entity, group), row["group_cn"])
        fields.append(field)
    for key, (entity_name, group_name, names) in _SHARED_EXTRAS.items():
        entity, group = key
        for name in names:
            if not any(f.entity is entity and f.group == group and f.name == name for f in fields):
                source = next(f for f in fields if f.entity.value == entity_name and f.group == group_name
                              and f.name == name)
                item = next(f.item for f in fields if f.entity is entity and f.group == group)
                fields.append(attrs.evolve(source, entity=entity, item=item))
    return Glossary(tuple(fields), group_labels)


@functools.cache
def glossary() -> Glossary:
    """The bundled glossary (read from package data on first use, then memoised)."""
    text = (importlib.resources.files("cpcinfo") / "glossary.tsv").read_text(encoding="utf-8")
    return parse_glossary(text)
