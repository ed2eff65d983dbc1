"""Field validation with the built-in rules: the validator for a selection of the registry, memoised.

The engine's :class:`~cpcinfo.engine.runner.Validator` runs whatever rules it is given; here the registry's
selection is looked up once per setting (``None`` means the defaults) and its validator kept, so that
validating record after record with the same settings compiles nothing again.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable
from typing import Any

from cpcinfo.codes import CodeTables, default_tables
from cpcinfo.engine.runner import Validator
from cpcinfo.entity import Entity
from cpcinfo.findings import Finding
from cpcinfo.rules.model import Prepared
from cpcinfo.rules.registry import as_selectors, registry
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
) -> tuple[Finding, ...]:
    """The findings of the field rules on one record of ``entity``."""
    if type(as_of) is not datetime.date:
        raise TypeError(f"as_of must be a datetime.date, not {type(as_of).__name__}")
    run = validator(entity, tables, ruleset, as_selectors(select), as_selectors(ignore))
    return run(record, as_of)


__all__ = ["validate", "validator"]
