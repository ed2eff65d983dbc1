"""Field validation with the built-in rules: the validator for a selection of the registry, memoised, and
the ``validate`` of each entity package (``cpcinfo.member.validate`` …).

The engine's :class:`~cpcinfo.engine.runner.Validator` runs whatever rules it is given; here the registry's
selection is looked up once per setting (``None`` means the defaults) and its validator kept, so that
validating record after record with the same settings compiles nothing again.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

from cpcinfo.checking.registry import registry
from cpcinfo.codes import CodeTables, default_tables
from cpcinfo.engine.runner import Validator
from cpcinfo.entity import Entity
from cpcinfo.findings import Finding
from cpcinfo.rules.model import Prepared, Rule
from cpcinfo.rules.options import CheckOptions
from cpcinfo.rules.ruleset import SHAANXI_2011, RuleSet


@functools.lru_cache(maxsize=32)
def validator(
    entity: Entity,
    tables: CodeTables | None = None,
    ruleset: RuleSet | None = None,
    select: tuple[str, ...] | None = None,
    ignore: tuple[str, ...] | None = None,
) -> Validator:
    """The validator for these settings, prepared once and memoised (``None`` means the defaults)."""
    rules = registry().select(select, ignore)
    prepared = Prepared(tables=tables if tables is not None else default_tables(), ruleset=ruleset or SHAANXI_2011)
    return Validator(entity, rules, prepared)


def validate(
    entity: Entity,
    record: Any,
    *,
    as_of: datetime.date,
    tables: CodeTables | None = None,
    ruleset: RuleSet | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    rules: Iterable[Rule] | None = None,
    options: CheckOptions | None = None,
) -> tuple[Finding, ...]:
    """The findings of the field rules on one record of ``entity``.

    ``options`` (a :class:`~cpcinfo.rules.options.CheckOptions`) or its shorthand, the keyword arguments
    ``tables``, ``ruleset``, ``select``, ``ignore`` and ``rules`` (users' rules, run beside the built-in
    ones). A validator with users' rules is prepared at each call: for many records, prepare one with
    :func:`validator_for`.
    """
    if type(as_of) is not datetime.date:
        raise TypeError(f"as_of must be a datetime.date, not {type(as_of).__name__}")
    chosen = CheckOptions.of(options, tables=tables, ruleset=ruleset, select=select, ignore=ignore, rules=rules)
    return validator_for(entity, chosen)(record, as_of)


def validator_for(entity: Entity, options: CheckOptions) -> Validator:
    """The validator of these options: memoised (:func:`validator`) when they add no user's rule, else
    prepared now."""
    if not options.rules:
        return validator(entity, options.tables, options.ruleset, options.select, options.ignore)
    return Validator(entity, options.chosen(registry()), options.prepared())


R = TypeVar("R", contravariant=True)


class Validate(Generic[R]):
    """Field validation of one entity's records: ``validate(record, *, as_of, tables=None, ruleset=None,
    select=None, ignore=None, rules=None, options=None)`` returns the findings of the selected field rules.

    ``as_of`` is the date of the check (no rule reads the clock); ``tables`` and ``ruleset`` default to the
    bundled code tables and :data:`cpcinfo.rules.SHAANXI_2011`; ``select``/``ignore`` pick rules by code or
    prefix (preview rules run only when selected); ``rules`` adds users' rules. These keyword arguments are
    a shorthand for ``options``, a :class:`cpcinfo.rules.CheckOptions`.
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
        rules: Iterable[Rule] | None = None,
        options: CheckOptions | None = None,
    ) -> tuple[Finding, ...]:
        if tables is None and ruleset is None and select is None and ignore is None and rules is None \
                and options is None and type(as_of) is datetime.date:
            # The common call: the default validator, prepared once and kept (a memo, like functools.cache).
            run = self._default
            if run is None:
                run = self._default = validator(self.entity)
            return run(record, as_of)
        findings = validate(self.entity, record, as_of=as_of, tables=tables, ruleset=ruleset, select=select,
                            ignore=ignore, rules=rules, options=options)
        return findings

    def __repr__(self) -> str:
        return f"<cpcinfo validate for {self.entity.value}>"


@functools.cache
def validate_of(entity: Entity) -> Validate[Any]:
    """The ``validate`` of an entity package (one object per entity: ``cpcinfo.member.validate``)."""
    return Validate(entity)


__all__ = ["Validate", "validate", "validate_of", "validator", "validator_for"]
