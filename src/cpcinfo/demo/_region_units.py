"""A demo region: base-level committees cut from a province tree, each with its inspection file.

Each unit is one 基层党委 (611) of :func:`~cpcinfo.demo.province_organizations` with its subtree (the unit's
root has no parent: it is the top of its own database), its members and applicants made by the province
streams from a seed of the unit's own, and a complete inspection file. The plan of each unit says whether it
has built its database, handed it in, and how clean it is (``defect_rate`` of its members and applicants),
so that a test can plant a region's state exactly.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from typing import Any, Final

import attrs

from cpcinfo.acceptance.inspection import (
    PRESCRIBED_SOFTWARE,
    PRESCRIBED_VERSION,
    Equipment,
    MaintenanceRules,
    ResponsiblePerson,
    Software,
    UnitInspection,
)
from cpcinfo.demo._model import DEFAULT_AS_OF
from cpcinfo.demo._province_applicants import province_applicants
from cpcinfo.demo._province_members import province_members
from cpcinfo.demo._province_orgs import province_organizations
from cpcinfo.infobase import InfoBase
from cpcinfo.org import Organization

ORGS_PER_COMMITTEE: Final = 45
"""About this many organizations per base-level committee in the province tree (to size the tree)."""
MEMBERS_PER_ORGANIZATION: Final = 4
"""A unit has at least this many members per organization, so that every leader can be one of them."""
FAILING_DEFECT_RATE: Final = 1.0
"""A unit planted to fail: this share of its members and applicants carry a field defect."""


@attrs.frozen(kw_only=True)
class UnitPlan:
    """What to make of one unit: built or not, handed in or not, its people and how clean they are."""

    built: bool = True
    submitted: bool = True
    members: int = 120
    applicants: int = 20
    defect_rate: float = 0.0


@attrs.frozen(kw_only=True)
class DemoRegionUnit:
    """One unit of the demo region: its inspection file and, when built and handed in, its database."""

    inspection: UnitInspection
    infobase: InfoBase | None


def _committees(n: int, seed: int, as_of: datetime.date) -> list[list[Organization]]:
    size = max(200, n * ORGS_PER_COMMITTEE)
    while True:
        orgs = province_organizations(n=size, seed=seed, as_of=as_of)
        roots = [i for i, o in enumerate(orgs) if o.basic is not None and o.basic.category == "611"]
        if len(roots) >= n:
            break
        size *= 2
    committees = []
    for index in roots[:n]:
        root = orgs[index]
        code = str(root.basic.code) if root.basic is not None else ""
        subtree = [attrs.evolve(root, parent=None)]
        for org in orgs[index + 1:]:  # depth-first order: the subtree follows its root
            if org.basic is None or not str(org.basic.code).startswith(code):
                break
            subtree.append(org)
        committees.append(subtree)
    return committees


def _inspection(root: Organization, plan: UnitPlan, region: str, as_of: datetime.date) -> UnitInspection:
    basic = root.basic
    assert basic is not None
    leader = root.leaders[0].name if root.leaders else "王芳"
    return UnitInspection(
        unit_code=str(basic.code), unit_name=str(basic.name), region=region, built=plan.built,
        built_on=datetime.date(as_of.year - 1, 12, 1) if plan.built else None,
        software=Software(name=PRESCRIBED_SOFTWARE, version=PRESCRIBED_VERSION),
        equipment=Equipment(description="计算机1台、打印机1台", adequate=True),
        responsible=(ResponsiblePerson(name=str(leader), post="组织委员", contact="0917-1234567"),),
        rules=MaintenanceRules(present=True, title="党员信息库维护管理制度",
                               adopted_on=datetime.date(as_of.year - 1, 11, 20)))


def region_units(plans: Sequence[UnitPlan], *, seed: int = 1, region: str = "示范市",
                 as_of: datetime.date = DEFAULT_AS_OF) -> Iterator[DemoRegionUnit]:
    """One unit per plan, in order, made as they are consumed (a database at a time in memory)."""
    for number, (plan, orgs) in enumerate(zip(plans, _committees(len(plans), seed, as_of), strict=True)):
        file = _inspection(orgs[0], plan, region, as_of)
        base = None
        if plan.built and plan.submitted:
            unit_seed = seed * 1000 + number
            # Every leader must be one of the unit's members: at least a few people per organization.
            people = max(plan.members, MEMBERS_PER_ORGANIZATION * len(orgs))
            members = province_members(orgs, n=people, seed=unit_seed, defect_rate=plan.defect_rate, as_of=as_of)
            applicants = province_applicants(orgs, n=plan.applicants, seed=unit_seed, defect_rate=plan.defect_rate,
                                             as_of=as_of)
            records: dict[str, Any] = {"organizations": orgs, "members": members, "applicants": applicants}
            base = InfoBase(**records)
        yield DemoRegionUnit(inspection=file, infobase=base)


PASSING_PLAN: Final = UnitPlan()
"""A clean unit: every record passes, it scores 100."""
FAILING_PLAN: Final = UnitPlan(defect_rate=FAILING_DEFECT_RATE, members=250, applicants=250)
"""A unit planted to fail: every record carries a field defect and each population is over 200, so the
sample of 20 finds 20 defects in each (it scores in the seventies)."""
