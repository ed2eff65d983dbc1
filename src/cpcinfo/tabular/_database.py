"""A database as loaded from a file, with what is needed to say where each finding is."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from cpcinfo.checking.waivers import Waiver
from cpcinfo.convert import UnknownKey
from cpcinfo.entity import Entity
from cpcinfo.fields import glossary
from cpcinfo.findings import Finding
from cpcinfo.infobase import InfoBase
from cpcinfo.org.roster import Roster
from cpcinfo.tabular._read import InputFile
from cpcinfo.tabular._sources import CompactSourceMap, Location, SourceMap

_SUBRECORD = re.compile(r"([a-z_]+)\[(\d+)\](?:\.([a-z_]+))?")


@attrs.frozen(kw_only=True)
class JsonSources:
    """Where a record of a JSON document is: its index in its list, found by key; a finding's location is
    its JSON path in the document's own key language (``党员[3].基本信息.出生日期``)."""

    file: str
    keys: str
    positions: Mapping[Entity, Mapping[str, int]]

    @classmethod
    def of(cls, file: str, infobase: InfoBase, keys: str) -> JsonSources:
        positions: dict[Entity, dict[str, int]] = {}
        tables: tuple[tuple[Entity, Sequence[Any]], ...] = (
            (Entity.ORGANIZATION, infobase.organizations), (Entity.MEMBER, infobase.members),
            (Entity.APPLICANT, infobase.applicants))
        for entity, records in tables:
            mine = positions.setdefault(entity, {})
            for index, record in enumerate(records):
                if record.key is not None:
                    mine.setdefault(record.key, index)
        return cls(file=file, keys=keys, positions=positions)

    def locate(self, entity: Entity, key: str | None, field: str) -> Location | None:
        if key is None:
            return None
        index = self.positions.get(entity, {}).get(key)
        if index is None and key.startswith("#") and key[1:].isdigit():
            index = int(key[1:]) - 1
        if index is None:
            return None
        top = entity.label if self.keys == "zh" else {Entity.ORGANIZATION: "organizations",
                                                      Entity.MEMBER: "members", Entity.APPLICANT: "applicants"}[entity]
        path = f"{top}[{index}]"
        if field:
            path += "." + (_zh_path(entity, field) if self.keys == "zh" else field)
        return Location(file=self.file, path=path)

    def locate_finding(self, finding: Finding) -> Location | None:
        return self.locate(finding.entity, finding.key, finding.field)


def _zh_path(entity: Entity, field: str) -> str:
    g = glossary()
    parts = []
    for part in field.split("."):
        name, bracket, rest = part.partition("[")
        parts.append((name, bracket + rest))
    out = []
    group = None
    for position, (name, index) in enumerate(parts):
        label = name
        try:
            if position == 0 and len(parts) == 1:
                label = g.field(entity, name).label
            elif position == 0:
                group = name
                label = g.group(entity, name).label
            elif group is not None:
                label = g.group(entity, group).field(name).label
        except KeyError:
            pass
        out.append(label + index)
    return ".".join(out)


@attrs.frozen(kw_only=True)
class Database:
    """A database loaded by :func:`cpcinfo.io.load_database`: the records, the roster and the waivers the
    file carried (a workbook may hold them in sheets), the files read (with their encodings), where each
    record came from, and the unknown keys of a JSON document."""

    infobase: InfoBase
    inputs: tuple[InputFile, ...]
    sources: SourceMap | CompactSourceMap | JsonSources | None = None
    roster: Roster | None = None
    waivers: tuple[Waiver, ...] = ()
    unknown_keys: tuple[UnknownKey, ...] = ()
    normalised: Mapping[tuple[str, str, str], int] = attrs.field(factory=dict)

    def locate(self, finding: Finding) -> Location | None:
        """Where a finding is in the input (``None`` for a finding on no record read, like a roster's)."""
        return None if self.sources is None else self.sources.locate_finding(finding)
