"""Findings: one defect of one value, named by rule, record, field and kind."""

from __future__ import annotations

import enum
import unicodedata
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


def usable_key(key: str | None) -> bool:
    """Whether a record key can name the record in reports and samples: written, printable, UTF-8."""
    if key is None or not key.strip() or key.startswith("#"):
        return False
    if key.isascii() and key.isprintable():
        return True
    if any(unicodedata.category(ch) == "Cc" for ch in key):
        return False
    try:
        key.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def record_locator(key: str | None, position: int) -> str:
    """How findings and samples name a record: its key, or ``#n`` — its position in its list, counted from
    1 — when it has no usable key (none, blank, or with control characters). Such a record is still checked,
    counted and sampled; its missing or broken key is a finding of its own (ORG101, MEM912, APP907)."""
    return key if key is not None and usable_key(key) else f"#{position}"


@attrs.frozen(kw_only=True)
class Finding:
    """One defect.

    ``key`` is the record's key — or, in a whole-database check, ``#n`` for a record without a usable key
    (see :func:`record_locator`). ``field`` is a path in glossary attribute names (``basic.gender``,
    ``education[1].enrolled_on``), or the empty string for a finding about a whole record; ``label`` is that
    field's Chinese label. ``value`` is the value exactly as recorded; ``suggestion`` is the standard value
    where one is certain, else ``None``.
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
