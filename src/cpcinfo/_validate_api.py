"""The ``validate`` function of each entity package (``cpcinfo.org.validate`` …), made once here."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from types import ModuleType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from cpcinfo.entity import Entity

if TYPE_CHECKING:
    from cpcinfo.codes import CodeTables
    from cpcinfo.findings import Finding
    from cpcinfo.rules.ruleset import RuleSet

R = TypeVar("R", contravariant=True)


class Validate(Generic[R]):
    """Field validation of one entity's records: ``validate(record, *, as_of, tables=None, ruleset=None,
    select=None, ignore=None)`` returns the findings of the selected field rules.

    ``as_of`` is the date of the check (no rule reads the clock); ``tables`` and ``ruleset`` default to the
    bundled code tables and :data:`cpcinfo.rules.SHAANXI_2011`; ``select``/``ignore`` pick rules by code or
    prefix (preview rules run only when selected).
    """

    def __init__(self, entity: Entity) -> None:
        self.entity = entity
        self._default: Callable[[Any, datetime.date], tuple[Finding, ...]] | None = None
        self.__doc__ = f"Validate one {entity.value} record ({entity.label}). " + (Validate.__doc__ or "")

    def __call__(
        self,
        record: R,
        *,
        as_of: datetime.date,
        tables: CodeTables | None = None,
        ruleset: RuleSet | None = None,
        select: Iterable[str] | None = None,
        ignore: Iterable[str] | None = None,
    ) -> tuple[Finding, ...]:
        if tables is None and ruleset is None and select is None and ignore is None and type(as_of) is datetime.date:
            # The common call: the default validator, prepared once and kept (a memo, like functools.cache).
            run = self._default
            if run is None:
                run = self._default = _runner().validator(self.entity)
            return run(record, as_of)
        findings: tuple[Finding, ...] = _runner().validate(self.entity, record, as_of=as_of, tables=tables,
                                                           ruleset=ruleset, select=select, ignore=ignore)
        return findings

    def __repr__(self) -> str:
        return f"<cpcinfo validate for {self.entity.value}>"


def _runner() -> ModuleType:
    # Imported on first use: the rules import the entity packages' types, so a module-level import would be
    # circular.
    from cpcinfo.checking import validation

    return validation
