"""党组织: the organization record and its groups."""

from __future__ import annotations

from collections.abc import Iterable as _Iterable
from datetime import date as _date
from typing import TYPE_CHECKING

from cpcinfo.entity import Entity as _Entity
from cpcinfo.org._types import Leader, Organization, OrgAward, OrgBasic, Unit

if TYPE_CHECKING:
    from cpcinfo.codes import CodeTables as _CodeTables
    from cpcinfo.findings import Finding as _Finding
    from cpcinfo.rules.ruleset import RuleSet as _RuleSet

__all__ = ["Leader", "OrgAward", "OrgBasic", "Organization", "Unit", "validate"]


def validate(
    org: Organization,
    *,
    as_of: _date,
    tables: _CodeTables | None = None,
    ruleset: _RuleSet | None = None,
    select: _Iterable[str] | None = None,
    ignore: _Iterable[str] | None = None,
) -> tuple[_Finding, ...]:
    """The findings of the field rules on one organization record.

    ``as_of`` is the date of the check (no rule reads the clock); ``tables`` and ``ruleset`` default to the
    bundled code tables and :data:`cpcinfo.rules.SHAANXI_2011`; ``select``/``ignore`` pick rules by code or prefix.
    """
    # Imported here: the rules import this package's types, so a module-level import would be circular.
    from cpcinfo.rules.runner import validate as _validate

    return _validate(_Entity.ORGANIZATION, org, as_of=as_of, tables=tables, ruleset=ruleset,
                     select=select, ignore=ignore)
