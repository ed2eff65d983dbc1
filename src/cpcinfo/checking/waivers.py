"""Waivers: the situations that are allowed to exist (「允许存在的情况除外」).

A :class:`Waiver` names a rule, optionally a record and a field, and must say why. A finding it matches
stays in the result, marked waived, and counts toward no score. A waiver that matched nothing, or that has
expired by the date of the check, is itself reported — like ruff's unused ``noqa`` (RUF100) — as a finding
of rule ``WVR001`` (unused) or ``WVR002`` (expired), which is never scored.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from cpcinfo.entity import Entity
from cpcinfo.errors import CpcinfoError
from cpcinfo.findings import DefectKind, Finding

UNUSED_WAIVER = "WVR001"
"""The code of the finding that reports a waiver which matched nothing."""
EXPIRED_WAIVER = "WVR002"
"""The code of the finding that reports a waiver which has expired."""


class WaiverError(CpcinfoError, ValueError):
    """A waiver that cannot be accepted (no reason, unknown rule, a malformed waiver document)."""


def _reason(instance: Waiver, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise WaiverError(f"豁免「{instance.rule}」必须写明理由（reason）")


def _rule_code(instance: Waiver, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise WaiverError("豁免必须指明规则代码（rule）")


@attrs.frozen(kw_only=True)
class Waiver:
    """An allowed situation: findings of ``rule`` (for one record ``key`` and one ``field`` if given).

    >>> Waiver(rule="MEM903", key="M0001", reason="战时特批入党，有档案为证")
    Waiver(rule='MEM903', key='M0001', field=None, reason='战时特批入党，有档案为证', approved_by=None, expires_on=None)
    """

    rule: str = attrs.field(validator=_rule_code)
    key: str | None = None
    field: str | None = None
    reason: str = attrs.field(validator=_reason)
    approved_by: str | None = None
    expires_on: datetime.date | None = None

    def matches(self, finding: Finding) -> bool:
        """Whether this waiver covers the finding (same rule; same key and field when the waiver names them)."""
        return (
            finding.rule == self.rule
            and (self.key is None or finding.key == self.key)
            and (self.field is None or finding.field == self.field)
        )

    def expired(self, as_of: datetime.date) -> bool:
        """Whether the waiver no longer applies on the date of the check."""
        return self.expires_on is not None and self.expires_on < as_of

    def describe(self) -> str:
        """The waiver in a few Chinese words for messages."""
        parts = [f"规则 {self.rule}"]
        if self.key is not None:
            parts.append(f"记录「{self.key}」")
        if self.field is not None:
            parts.append(f"字段 {self.field}")
        return "、".join(parts)


@attrs.frozen
class WaiverOutcome:
    """What applying the waivers to a check's findings gave."""

    waived: tuple[tuple[Finding, Waiver], ...]
    reports: tuple[Finding, ...]


def apply_waivers(
    findings: Sequence[Finding],
    waivers: Sequence[Waiver],
    *,
    as_of: datetime.date,
    entity_of: Mapping[str, tuple[Entity, int]],
) -> WaiverOutcome:
    """Mark the findings each live waiver covers, and report the unused and the expired waivers.

    ``entity_of`` maps a rule code to its entity and item, for the reports about waivers. A finding covered
    by several waivers is waived by the first.
    """
    live = [w for w in waivers if not w.expired(as_of)]
    used: set[int] = set()
    waived: list[tuple[Finding, Waiver]] = []
    for finding in findings:
        for waiver in live:
            if waiver.matches(finding):
                waived.append((finding, waiver))
                used.add(id(waiver))
                break
    reports: list[Finding] = []
    for waiver in waivers:
        entity, item = entity_of.get(waiver.rule, (Entity.ORGANIZATION, 7))
        if waiver.expired(as_of):
            reports.append(_report(waiver, EXPIRED_WAIVER, entity, item,
                                   f"豁免（{waiver.describe()}）已于 {waiver.expires_on} 到期，不再适用"))
        elif id(waiver) not in used:
            reports.append(_report(waiver, UNUSED_WAIVER, entity, item,
                                   f"豁免（{waiver.describe()}）没有匹配任何问题，可以删除"))
    return WaiverOutcome(tuple(waived), tuple(reports))


def _report(waiver: Waiver, code: str, entity: Entity, item: int, message: str) -> Finding:
    return Finding(rule=code, entity=entity, key=waiver.key, field=waiver.field or "", label="豁免",
                   value=waiver.reason, kind=DefectKind.WRONG, item=item, message=message)


def waivers_from_json(data: Any) -> tuple[Waiver, ...]:
    """Waivers from a parsed JSON document: a list of objects (or ``{"waivers": [...]}``) with the keys
    ``rule``, ``key``, ``field``, ``reason``, ``approved_by``, ``expires_on`` (``YYYY-MM-DD``); Chinese keys
    规则/记录/字段/理由/批准人/到期日期 are read too. Raises :class:`WaiverError` naming the waiver."""
    if isinstance(data, Mapping):
        data = data.get("waivers", data.get("豁免"))
    if not isinstance(data, list):
        raise WaiverError("豁免文件应为列表，或含有「waivers」列表的对象")
    out = []
    for number, item in enumerate(data, start=1):
        if not isinstance(item, Mapping):
            raise WaiverError(f"第{number}条豁免应为对象")
        values: dict[str, Any] = {_KEYS.get(str(k), str(k)): v for k, v in item.items()}
        unknown = set(values) - set(_KEYS.values())
        if unknown:
            raise WaiverError(f"第{number}条豁免有未知的键：{', '.join(sorted(unknown))}")
        if not values.get("rule"):
            raise WaiverError(f"第{number}条豁免必须指明规则代码（rule）")
        if "reason" not in values:
            raise WaiverError(f"第{number}条豁免（{values['rule']}）必须写明理由（reason）")
        expires = values.get("expires_on")
        if expires is not None:
            try:
                values["expires_on"] = datetime.date.fromisoformat(str(expires))
            except ValueError:
                raise WaiverError(f"第{number}条豁免的到期日期「{expires}」不是 YYYY-MM-DD") from None
        for name in ("rule", "key", "field", "reason", "approved_by"):
            if values.get(name) is not None and not isinstance(values[name], str):
                raise WaiverError(f"第{number}条豁免的 {name} 应为文本")
        try:
            out.append(Waiver(**values))
        except WaiverError as exc:
            raise WaiverError(f"第{number}条豁免：{exc}") from None
        except TypeError as exc:
            raise WaiverError(f"第{number}条豁免：{exc}") from None
    return tuple(out)


def waivers_to_json(waivers: Iterable[Waiver]) -> list[dict[str, Any]]:
    """The inverse of :func:`waivers_from_json` (English keys, empty values left out)."""
    out = []
    for w in waivers:
        item = {k: v for k, v in attrs.asdict(w).items() if v is not None}
        if w.expires_on is not None:
            item["expires_on"] = w.expires_on.isoformat()
        out.append(item)
    return out


_KEYS = {
    "rule": "rule", "规则": "rule",
    "key": "key", "记录": "key",
    "field": "field", "字段": "field",
    "reason": "reason", "理由": "reason",
    "approved_by": "approved_by", "批准人": "approved_by",
    "expires_on": "expires_on", "到期日期": "expires_on",
}
