"""Records added, removed and changed between two versions of a database, field by field, by record key.

A record is named by its key (organization code, 人员编号); a record without a usable key by its position
(``#n``, see :func:`~cpcinfo.findings.record_locator`), and the second record of a duplicated key by
``KEY#2``. Fields are compared in their canonical written form (:mod:`cpcinfo.convert`), flattened to paths
in glossary attribute names, the way findings name them (``basic.name``, ``education[1].degree``).

>>> from cpcinfo import InfoBase, Member, Person
>>> old = InfoBase(members=(Member(id="M1", basic=Person(name="王芳")), Member(id="M2")))
>>> new = InfoBase(members=(Member(id="M1", basic=Person(name="王 芳")), Member(id="M3")))
>>> d = diff_records(old, new)
>>> [str(r) for r in d.added], [str(r) for r in d.removed]
(['党员 M3'], ['党员 M2'])
>>> d.changed[0].fields
(FieldChange(path='basic.name', old='王芳', new='王 芳'),)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Final

import attrs

from cpcinfo.convert import unstructure_applicant, unstructure_member, unstructure_organization
from cpcinfo.entity import Entity
from cpcinfo.findings import record_locator
from cpcinfo.infobase import InfoBase

_UNSTRUCTURE: Final[dict[Entity, Callable[[Any], dict[str, Any]]]] = {
    Entity.ORGANIZATION: unstructure_organization, Entity.MEMBER: unstructure_member,
    Entity.APPLICANT: unstructure_applicant}
_RECORDS: Final = {Entity.ORGANIZATION: "organizations", Entity.MEMBER: "members", Entity.APPLICANT: "applicants"}


@attrs.frozen(order=True)
class RecordRef:
    """A record of one version: its entity and the name :func:`keyed` gives it."""

    entity: Entity = attrs.field(order=lambda e: list(Entity).index(e))
    key: str

    def __str__(self) -> str:
        return f"{self.entity.label} {self.key}"


@attrs.frozen
class FieldChange:
    """One field of one record: its path and its value in each version (``None`` where absent)."""

    path: str
    old: Any
    new: Any


@attrs.frozen
class RecordChange:
    """A record in both versions whose fields differ, every differing field in path order."""

    record: RecordRef
    fields: tuple[FieldChange, ...]


@attrs.frozen(kw_only=True)
class RecordDiff:
    """Added, removed and changed records, each in (entity, key) order."""

    added: tuple[RecordRef, ...]
    removed: tuple[RecordRef, ...]
    changed: tuple[RecordChange, ...]

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def counts(self, entity: Entity) -> tuple[int, int, int]:
        """(added, removed, changed) records of one entity."""
        return (sum(r.entity is entity for r in self.added), sum(r.entity is entity for r in self.removed),
                sum(c.record.entity is entity for c in self.changed))


def keyed(records: Sequence[Any]) -> dict[str, Any]:
    """The records of one list by the name a diff gives them (key, ``#n`` or ``KEY#2``)."""
    named: dict[str, Any] = {}
    seen: dict[str, int] = {}
    for position, record in enumerate(records, start=1):
        name = record_locator(record.key, position)
        if not name.startswith("#"):
            seen[name] = seen.get(name, 0) + 1
            if seen[name] > 1:
                name = f"{name}#{seen[name]}"
        named[name] = record
    return named


def flatten(value: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """The leaves of a written record as ``(path, value)``; an empty group or list is a leaf of its own.

    >>> list(flatten({"basic": {"name": "王芳"}, "education": [{"degree": "4"}], "awards": []}))
    [('basic.name', '王芳'), ('education[0].degree', '4'), ('awards', [])]
    """
    if isinstance(value, Mapping) and value:
        for key, item in value.items():
            yield from flatten(item, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(value, list) and value:
        for index, item in enumerate(value):
            yield from flatten(item, f"{prefix}[{index}]")
    else:
        yield prefix, value


def _field_changes(entity: Entity, old: Any, new: Any) -> tuple[FieldChange, ...]:
    write = _UNSTRUCTURE[entity]
    before, after = dict(flatten(write(old))), dict(flatten(write(new)))
    paths = sorted(set(before) | set(after))
    return tuple(FieldChange(p, before.get(p), after.get(p)) for p in paths if before.get(p) != after.get(p))


def diff_records(old: InfoBase, new: InfoBase) -> RecordDiff:
    """Every record added, removed or changed from ``old`` to ``new``."""
    added: list[RecordRef] = []
    removed: list[RecordRef] = []
    changed: list[RecordChange] = []
    for entity in Entity:
        before = keyed(getattr(old, _RECORDS[entity]))
        after = keyed(getattr(new, _RECORDS[entity]))
        added += [RecordRef(entity, k) for k in sorted(set(after) - set(before))]
        removed += [RecordRef(entity, k) for k in sorted(set(before) - set(after))]
        for key in sorted(set(before) & set(after)):
            if before[key] != after[key]:  # equal records need not be written out
                fields = _field_changes(entity, before[key], after[key])
                if fields:
                    changed.append(RecordChange(RecordRef(entity, key), fields))
    return RecordDiff(added=tuple(added), removed=tuple(removed), changed=tuple(changed))
