"""The built-in registry, assembled from the entity packages, and the base database of their examples.

Every entity package owns its rules (:mod:`cpcinfo.org.rules`, :mod:`cpcinfo.org.system_rules`,
:mod:`cpcinfo.member.rules`, :mod:`cpcinfo.member.system_rules`, :mod:`cpcinfo.applicant.rules`,
:mod:`cpcinfo.applicant.system_rules`, and the tree and roster rules); here they are put in one
:class:`~cpcinfo.rules.registry.Registry`, in the order of the score sheet's entities: the field rules of
organizations, members and applicants, then the system rules.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from cpcinfo.applicant import system_rules as applicant_system
from cpcinfo.applicant.rules import BASE_APPLICANT, applicant_rules
from cpcinfo.member import system_rules as member_system
from cpcinfo.member.rules import BASE_MEMBER, member_rules
from cpcinfo.org import system_rules as org_system
from cpcinfo.org.rules import BASE_ORGANIZATION, org_rules
from cpcinfo.rules import system as system_toolkit
from cpcinfo.rules._tree import tree_rules
from cpcinfo.rules.builders import example, with_value
from cpcinfo.rules.registry import Registry

BASE_DOCUMENT: dict[str, Any] = {
    "organizations": [
        {"basic": {"code": "001", "name": "中共西北大学委员会", "category": "611", "locality": "1",
                   "elected_on": "2008-06-01", "term_ends_on": "2013-06-01"},
         "leaders": [{"name": "王建国", "title": "001A"}],
         "unit": {"name": "西北大学", "affiliation": "20", "nature": "9", "industry": "84", "legal_entity": True,
                  "party_setup": "11", "grassroots_type": "9"}},
        {"parent": "001",
         "basic": {"code": "001001", "name": "中共西北大学化学系总支部委员会", "category": "621", "locality": "1",
                   "elected_on": "2010-06-01", "term_ends_on": "2013-06-01", "unit_relation": "1"},
         "leaders": [{"name": "张伟", "title": "001A"}]},
        with_value(with_value(BASE_ORGANIZATION, "unit", ...), "basic.unit_relation", "1"),
    ],
    "members": [
        BASE_MEMBER,
        with_value(with_value(with_value(BASE_MEMBER, "id", "M0002"), "basic.name", "张伟"),
                   "basic.born_on", "1978-11-02"),
    ],
    "applicants": [BASE_APPLICANT],
}
"""A valid database: a 党委, a 党总支 and a 党支部 with two members and one applicant."""

doc = functools.partial(example, BASE_DOCUMENT)
"""An example database: the base database with changes at paths like ``members__0__basic__born_on``."""


@functools.cache
def registry() -> Registry:
    """The registry of every built-in rule (built on first use)."""
    return Registry((*org_rules(), *member_rules(), *applicant_rules(), *tree_rules(doc, BASE_DOCUMENT),
                     *org_system.org_system_rules(doc), *member_system.member_system_rules(doc),
                     *applicant_system.applicant_system_rules(doc)))


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


__all__ = ["BASE_DOCUMENT", "doc", "registry", "scratch_crossing"]
