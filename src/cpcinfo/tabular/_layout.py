"""The 采集表 layout, generated from the glossary (the one source of the field vocabulary).

Each entity has its sheet (党组织, 党员, 申请入党人): the record key first, then every field of its single
groups, headed by the glossary's Chinese labels. Each repeated group has a sheet of its own, named
``<entity>-<group>`` (党员-学历学位信息), whose first column is the owning record's key under its own label
(党组织代码, 人员编号). 培养人 is one cell, names joined by 「、」.

>>> [c.label for c in sheet_layout(Entity.MEMBER).columns[:3]]
['人员编号', '姓名', '性别']
>>> owner = group_sheet_layout(Entity.ORGANIZATION, "leaders")
>>> owner.name, [c.label for c in owner.columns]
('党组织-班子成员', ['党组织代码', '姓名', '职务名称'])
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import attrs

from cpcinfo.entity import Entity
from cpcinfo.fields import Field, FieldKind, glossary

MENTOR_SEPARATOR = "、"
"""How the names of the 培养人 are joined in one cell."""

ROSTER_SHEET = "实际党组织名单"
WAIVER_SHEET = "豁免"
INSTRUCTIONS_SHEET = "填写说明"
CODE_TABLE_SHEET = "代码表"
"""The template's hidden sheet of drop-down lists."""
NOTE_SHEETS = frozenset({INSTRUCTIONS_SHEET, CODE_TABLE_SHEET})
"""Sheets of the template that hold no data: skipped when read."""

ROSTER_COLUMNS = (("code", "党组织代码"), ("name", "党组织名称"), ("category", "组织类别"),
                  ("parent", "上级党组织代码"))
WAIVER_COLUMNS = (("rule", "规则"), ("key", "记录"), ("field", "字段"), ("reason", "理由"), ("approved_by", "批准人"),
                  ("expires_on", "到期日期"))

ENGLISH_SHEETS: Mapping[Entity, str] = {Entity.ORGANIZATION: "organizations", Entity.MEMBER: "members",
                                        Entity.APPLICANT: "applicants"}

TEXT_KINDS = frozenset({FieldKind.CODE, FieldKind.KEY, FieldKind.ORG_CODE, FieldKind.ID_NUMBER, FieldKind.TEXT})
"""Kinds whose cells are text: a number there is the text of its digits."""

CODE_LIKE_KINDS = frozenset({FieldKind.CODE, FieldKind.KEY, FieldKind.ORG_CODE, FieldKind.ID_NUMBER})
"""Kinds whose column the template formats as text, so that Excel keeps leading zeros."""


@attrs.frozen
class Column:
    """One column of a sheet: the field it holds (``path`` in attribute names, relative to the record or,
    on a group sheet, to the subrecord) and its header."""

    path: str
    label: str
    field: Field

    @property
    def kind(self) -> FieldKind:
        return self.field.kind


@attrs.frozen
class SheetLayout:
    """A sheet of the layout: the entity, the repeated group it holds (``None`` for the entity's own sheet),
    its name and its columns, the key first."""

    entity: Entity
    group: str | None
    name: str
    columns: tuple[Column, ...]

    @property
    def english_name(self) -> str:
        base = ENGLISH_SHEETS[self.entity]
        return base if self.group is None else f"{base}-{self.group}"

    def headers(self) -> dict[str, Column]:
        """Every header this sheet accepts: the Chinese label, the attribute path, and the bare attribute
        name where no other column of the sheet has it."""
        out: dict[str, Column] = {}
        names: dict[str, list[Column]] = {}
        for column in self.columns:
            out[column.label] = column
            out[column.path] = column
            names.setdefault(column.path.rsplit(".", 1)[-1], []).append(column)
        for name, columns in names.items():
            if len(columns) == 1:
                out.setdefault(name, columns[0])
        return out


def key_field(entity: Entity) -> Field:
    """The field that keys an entity's records: 党组织代码 (``basic.code``) or 人员编号 (``id``)."""
    g = glossary()
    return g.field(entity, "basic.code" if entity is Entity.ORGANIZATION else "id")


@functools.cache
def sheet_layout(entity: Entity) -> SheetLayout:
    """The entity's own sheet: the key, the record-level fields, then every single group's fields."""
    g = glossary()
    key = key_field(entity)
    columns = [Column(key.path, key.label, key)]
    columns += [Column(f.path, f.label, f) for f in g.record_fields(entity) if f is not key]
    for group in g.groups(entity):
        if group.repeated:
            continue
        columns += [Column(f.path, f.label, f) for f in group.fields if f is not key]
    return SheetLayout(entity, None, entity.label, tuple(columns))


@functools.cache
def group_sheet_layout(entity: Entity, group: str) -> SheetLayout:
    """A repeated group's sheet: the owner's key, then the group's fields (paths relative to a subrecord)."""
    g = glossary().group(entity, group)
    key = key_field(entity)
    columns = [Column("", key.label, key)] + [Column(f.name, f.label, f) for f in g.fields]
    return SheetLayout(entity, group, f"{entity.label}-{g.label}", tuple(columns))


@functools.cache
def all_sheets() -> tuple[SheetLayout, ...]:
    """Every data sheet of the layout, in workbook order."""
    out = []
    for entity in Entity:
        out.append(sheet_layout(entity))
        out += [group_sheet_layout(entity, gr.name) for gr in glossary().groups(entity) if gr.repeated]
    return tuple(out)


def sheet_by_name(name: str) -> SheetLayout | None:
    """The layout sheet with this Chinese or English name (surrounding spaces ignored)."""
    wanted = name.strip()
    for sheet in all_sheets():
        if wanted in (sheet.name, sheet.english_name):
            return sheet
    return None
