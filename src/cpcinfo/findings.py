"""Findings: one defect of one value, named by rule, record, field and kind."""

from __future__ import annotations

import functools
import unicodedata
from typing import Any, Final

import attrs

from cpcinfo.entity import Entity
from cpcinfo.labelled import LabelledEnum
from cpcinfo.masking import Masker, is_id_field
from cpcinfo.values import as_text

SHARED_SPECS: Final = 2**14
"""How many distinct fixed parts of findings are kept for sharing (a memo; beyond it, parts are still shared
by the findings made while they are kept). Most findings say one of a few hundred things; a message that
quotes its value is new each time and costs what it always did."""


class DefectKind(LabelledEnum):
    """The three kinds of defect every score-sheet item deducts for (「未填写、填写错误或不规范」); ``label`` is
    未填写, 填写错误 or 不规范."""

    MISSING = "missing", "未填写"
    WRONG = "wrong", "填写错误"
    NONSTANDARD = "nonstandard", "不规范"


class FindingStatus(LabelledEnum):
    """What became of a finding in a check or an audit: whether it counts on the score sheet, and if not, why;
    the ``label`` is 计入, 未抽中不计分, 已豁免不计分, 试行规则不计分 or 豁免报告不计分.

    The result that holds a finding decides its status, once
    (:meth:`~cpcinfo.checking.result.CheckResult.status`, :meth:`~cpcinfo.acceptance.audit.AuditResult.status`);
    every report and the findings table read it there.
    """

    COUNTED = "counted", "计入"
    NOT_SAMPLED = "not_sampled", "未抽中不计分"
    WAIVED = "waived", "已豁免不计分"
    PREVIEW = "preview", "试行规则不计分"
    WAIVER_REPORT = "waiver_report", "豁免报告不计分"


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


@attrs.frozen
class FindingSpec:
    """The fixed parts of a finding — what the rule found, where in a record, and how it said so — shared by
    every finding that has them (see :class:`Finding`)."""

    rule: str
    entity: Entity
    field: str
    label: str
    kind: DefectKind
    item: int
    message: str


@functools.lru_cache(maxsize=SHARED_SPECS)
def finding_spec(rule: str, entity: Entity, field: str, label: str, kind: DefectKind, item: int,
                 message: str) -> FindingSpec:
    """The one :class:`FindingSpec` with these parts (a memo: the same parts give an equal spec whether or
    not it was shared, so sharing is invisible but for memory)."""
    return FindingSpec(rule, entity, field, label, kind, item, message)


class Finding:
    """One defect.

    ``key`` is the record's key — or, in a whole-database check, ``#n`` for a record without a usable key
    (see :func:`record_locator`). ``field`` is a path in glossary attribute names (``basic.gender``,
    ``education[1].enrolled_on``), or the empty string for a finding about a whole record; ``label`` is that
    field's Chinese label. ``value`` is the value exactly as recorded; ``suggestion`` is the standard value
    where one is certain, else ``None``.

    Stored compactly: a database where every record has several findings holds millions of them, and most
    say the same thing about different records (「性别未填写」). A finding keeps its own ``key``, ``value`` and
    ``suggestion``; its fixed parts — ``rule``, ``entity``, ``field``, ``label``, ``kind``, ``item`` and
    ``message`` — live in a :class:`FindingSpec` shared by every finding with the same parts, so that a
    finding costs a small object, not its strings again. Immutable, equal and hashed by all its parts, as an
    attrs class would be. (A further attribute, such as a source location, is one more slot with a default.)
    """

    __slots__ = ("_spec", "key", "suggestion", "value")

    _spec: FindingSpec
    key: str | None
    value: Any
    suggestion: Any

    def __init__(self, *, rule: str, entity: Entity, key: str | None, field: str, label: str, value: Any,
                 kind: DefectKind, item: int, message: str, suggestion: Any = None) -> None:
        _set(self, "_spec", finding_spec(rule, entity, field, label, kind, item, message))
        _set(self, "key", key)
        _set(self, "value", value)
        _set(self, "suggestion", suggestion)

    @classmethod
    def of(cls, spec: FindingSpec, key: str | None, value: Any, suggestion: Any = None) -> Finding:
        """A finding with fixed parts already shared."""
        finding = cls.__new__(cls)
        _set(finding, "_spec", spec)
        _set(finding, "key", key)
        _set(finding, "value", value)
        _set(finding, "suggestion", suggestion)
        return finding

    @property
    def spec(self) -> FindingSpec:
        return self._spec

    @property
    def rule(self) -> str:
        return self._spec.rule

    @property
    def entity(self) -> Entity:
        return self._spec.entity

    @property
    def field(self) -> str:
        return self._spec.field

    @property
    def label(self) -> str:
        return self._spec.label

    @property
    def kind(self) -> DefectKind:
        return self._spec.kind

    @property
    def item(self) -> int:
        return self._spec.item

    @property
    def message(self) -> str:
        return self._spec.message

    def with_key(self, key: str | None) -> Finding:
        """The same finding about the record named ``key``."""
        return Finding.of(self._spec, key, self.value, self.suggestion)

    def _parts(self) -> tuple[Any, ...]:
        return (self._spec, self.key, self.value, self.suggestion)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Finding)
        return self._parts() == other._parts()

    def __hash__(self) -> int:
        return hash(self._parts())

    def __setattr__(self, name: str, value: Any) -> None:
        raise attrs.exceptions.FrozenInstanceError()

    def __delattr__(self, name: str) -> None:
        raise attrs.exceptions.FrozenInstanceError()

    def __reduce__(self) -> tuple[Any, ...]:
        return (Finding.of, self._parts())

    def __repr__(self) -> str:
        """A short line a notebook may show and save: identity numbers masked (:mod:`cpcinfo.masking`), as
        in every report, and long values cut."""
        s = self._spec
        masker = Masker([self])
        id_field = is_id_field(s.field)
        parts = [s.rule, f"key={masker.optional(self.key)!r}", f"field={s.field!r}", f"kind={s.kind.value}",
                 f"value={_cut(masker.value_text(self.value, id_field=id_field))!r}"]
        if self.suggestion is not None:
            parts.append(f"suggestion={_cut(masker.value_text(self.suggestion, id_field=id_field))!r}")
        parts.append(f"message={_cut(masker.text(s.message))!r}")
        return f"<Finding {' '.join(parts)}>"

    @property
    def value_text(self) -> str:
        """The recorded value as a reader sees it."""
        return as_text(self.value)

    def sort_key(self) -> tuple[int, str, str, str, str]:
        """A stable order for reports: item, entity, record key, field, rule."""
        s = self._spec
        return (s.item, s.entity.value, self.key or "", s.field, s.rule)


_set = object.__setattr__

_REPR_TEXT_WIDTH: Final = 60


def _cut(text: str) -> str:
    return text if len(text) <= _REPR_TEXT_WIDTH else text[:_REPR_TEXT_WIDTH - 1] + "…"
