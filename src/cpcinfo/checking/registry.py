"""The built-in registry, assembled from the entity packages.

Every entity package owns its rules (:mod:`cpcinfo.org.rules`, :mod:`cpcinfo.org.tree_rules`,
:mod:`cpcinfo.org.system_rules`, :mod:`cpcinfo.member.rules`, :mod:`cpcinfo.member.system_rules`,
:mod:`cpcinfo.applicant.rules`, :mod:`cpcinfo.applicant.system_rules`); here they are put in one
:class:`~cpcinfo.rules.registry.Registry`, in the order of the score sheet's entities: the field rules of
organizations, members and applicants, then the system rules.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import MappingProxyType

from cpcinfo.applicant import system_rules as applicant_system
from cpcinfo.applicant.rules import applicant_rules
from cpcinfo.member import system_rules as member_system
from cpcinfo.member.rules import member_rules
from cpcinfo.org import system_rules as org_system
from cpcinfo.org.rules import org_rules
from cpcinfo.org.tree_rules import tree_rules
from cpcinfo.rules import system as system_toolkit
from cpcinfo.rules.registry import Registry


@functools.cache
def registry() -> Registry:
    """The registry of every built-in rule (built on first use)."""
    return Registry((*org_rules(), *member_rules(), *applicant_rules(), *tree_rules(),
                     *org_system.org_system_rules(), *member_system.member_system_rules(),
                     *applicant_system.applicant_system_rules()))


@functools.cache
def scratch_crossing() -> Mapping[str, str]:
    """How what each system rule keeps crosses the parts of a partitioned check, gathered from the modules of
    system rules (see :data:`cpcinfo.rules.system.SCRATCH_CROSSING`)."""
    tables = (system_toolkit.SCRATCH_CROSSING, org_system.SCRATCH_CROSSING, member_system.SCRATCH_CROSSING,
              applicant_system.SCRATCH_CROSSING)
    crossing: dict[str, str] = {}
    for table in tables:
        for name, kind in table.items():
            if name in crossing:
                raise ValueError(f"the scratch name {name!r} is declared twice")
            crossing[name] = kind
    return MappingProxyType(crossing)


__all__ = ["registry", "scratch_crossing"]
