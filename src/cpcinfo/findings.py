"""Findings: one defect of one value, named by rule, record, field and kind."""

from __future__ import annotations

import enum
from typing import Any

import attrs

from cpcinfo.entity import Entity
from cpcinfo.values import as_text


class DefectKind(enum.Enum):
    """The three kinds of defect every score-sheet item deducts for (「未填写、填写错误或不规范」)."""

    MISSING = "missing"
    WRONG = "wrong"
    NONSTANDARD = "nonstandard"

    @property
    def label(self) -> str:
        """未填写, 填写错误 or 不规范."""
        return _KIND_LABELS[self]


_KIND_LABELS = {DefectKind.MISSING: "未填写", DefectKind.WRONG: "填写错误", DefectKind.NONSTANDARD: "不规范"}


@attrs.frozen(kw_only=True)
class Finding:
    """One defect.

    ``field`` is a path in glossary attribute names (``basic.gender``, ``education[1].enrolled_on``), or the
    empty string for a finding about a whole record; ``label`` is that field's Chinese label. ``value`` is the
    value exactly as recorded; ``suggestion`` is the standard value where one is certain, else ``None``.
    """

    rule: str
    entity: Entity
    key: str | None
    field: str
    label: str
    value: Any
    kind: DefectKind
    item: int
    message: str
    suggestion: Any = None

    @property
    def value_text(self) -> str:
        """The recorded value as a reader sees it."""
        return as_text(self.value)

    def sort_key(self) -> tuple[int, str, str, str, str]:
        """A stable order for reports: item, entity, record key, field, rule."""
        return (self.item, self.entity.value, self.key or "", self.field, self.rule)
