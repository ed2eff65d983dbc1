"""The rule registry: a table of rules indexed by code, and selection by code or prefix.

The built-in registry is assembled from the entity packages in :mod:`cpcinfo.checking.registry`.

Codes are stable and never reused: ``ORG1xx``–``ORG4xx`` are the organization's items 1–4, ``ORG5xx`` item 5,
``ORG6xx`` item 6 and ``ORG7xx`` item 7; ``MEM1xx``–``MEM8xx`` are the member's groups (items 8–15) in glossary
order and ``MEM9xx`` item 16; ``APP1xx``–``APP3xx`` the applicant's items 17–19 and ``APP9xx`` item 20.
A retired code stays in :data:`RETIRED` with the code that replaced it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

import attrs

from cpcinfo.entity import Entity
from cpcinfo.errors import InvalidArgumentError, UnknownRuleError
from cpcinfo.rules.model import Rule, RuleScope
from cpcinfo.sanitize import one_line


class SelectionError(InvalidArgumentError):
    """A rule selector (``select``/``ignore``) that selects nothing or matches no rule code."""


@attrs.frozen
class Registry:
    """Every rule, indexed by code."""

    rules: tuple[Rule, ...]
    _by_code: Mapping[str, Rule] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        by_code: dict[str, Rule] = {}
        for rule in self.rules:
            if rule.code in by_code:
                raise InvalidArgumentError(f"rule code {rule.code} is registered twice")
            by_code[rule.code] = rule
        object.__setattr__(self, "_by_code", MappingProxyType(by_code))

    def __getitem__(self, code: str) -> Rule:
        code = RETIRED.get(code, code)
        try:
            return self._by_code[code]
        except KeyError:
            raise UnknownRuleError(f"no rule {code!r}") from None

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and RETIRED.get(code, code) in self._by_code

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def of(self, entity: Entity, scope: RuleScope | None = None) -> tuple[Rule, ...]:
        """The rules of an entity (of one scope, if given), in registry order."""
        return tuple(r for r in self.rules if r.entity is entity and (scope is None or r.scope is scope))

    def select(
        self,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] | None = None,
    ) -> tuple[Rule, ...]:
        """The rules a check runs.

        With no ``select``, every stable rule; with ``select``, the rules whose code starts with one of the
        selectors (a full code or a prefix such as ``MEM`` or ``MEM5``) — preview rules run only when
        selected this way. ``ignore`` removes rules by code or prefix. An unknown selector is a ``ValueError``,
        so a typo cannot silently select nothing.
        """
        if isinstance(select, str):
            select = (select,)
        if isinstance(ignore, str):
            ignore = (ignore,)
        selectors = tuple(select) if select is not None else None
        ignores = tuple(ignore or ())
        if selectors == ():
            raise SelectionError("select 为空：不选择任何规则就什么也不会检查；要运行默认规则请不传 select")
        for s in (*(selectors or ()), *ignores):
            if not any(r.code.startswith(s) for r in self.rules):
                raise SelectionError(f"选择器「{one_line(s)}」不匹配任何规则代码")
        chosen = []
        for rule in self.rules:
            if selectors is None:
                if rule.is_preview:
                    continue
            elif not rule.code.startswith(selectors):
                continue
            if ignores and rule.code.startswith(ignores):
                continue
            chosen.append(rule)
        return tuple(chosen)


def as_selectors(value: Iterable[str] | str | None) -> tuple[str, ...] | None:
    """Selectors as a tuple (a single string is one selector, not its characters)."""
    if value is None:
        return None
    return (value,) if isinstance(value, str) else tuple(value)


RETIRED: Mapping[str, str] = MappingProxyType({})
"""Codes that were renamed, with the code that replaced them (none yet)."""
