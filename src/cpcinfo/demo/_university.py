"""The demo university: a clean unit, or the same unit with defects planted and recorded."""

from __future__ import annotations

import datetime
from typing import Any, Final

from cpcinfo.applicant import Applicant
from cpcinfo.codes import CodeTables, default_tables
from cpcinfo.demo._campus import build_campus, stream
from cpcinfo.demo._campus_defects import clean_roster, plant_defects
from cpcinfo.demo._model import DEFAULT_AS_OF, DemoUnit
from cpcinfo.infobase import InfoBase
from cpcinfo.member import Member
from cpcinfo.org import Organization

DEFAULT_SEED: Final = 2011


def university(*, seed: int = DEFAULT_SEED, as_of: datetime.date = DEFAULT_AS_OF, defects: bool = True,
               tables: CodeTables | None = None) -> DemoUnit:
    """A university party committee (中共西北某大学委员会) with its 党总支, branches, members and applicants.

    The same ``seed`` and ``as_of`` give the same unit on any machine. With ``defects=False`` every record
    passes the field rules and the database-wide rules; with ``defects=True`` the same unit carries the
    defects listed in :attr:`DemoUnit.planted`, and its roster names one organization the database lacks.
    ``tables`` (default: the bundled code tables) give the labels written instead of codes.
    """
    if type(as_of) is not datetime.date:
        raise TypeError(f"as_of must be a datetime.date, not {type(as_of).__name__}")
    campus = build_campus(seed, as_of)
    if not defects:
        base = _infobase(campus.organizations, campus.members, campus.applicants)
        return DemoUnit(infobase=base, roster=clean_roster(campus), waivers=(), planted=(), as_of=as_of, seed=seed)
    planted = plant_defects(campus, stream(seed, "defects"), as_of, tables if tables is not None else default_tables())
    base = _infobase(planted.organizations, planted.members, planted.applicants)
    return DemoUnit(infobase=base, roster=planted.roster, waivers=(), planted=planted.planted, as_of=as_of, seed=seed)


def _infobase(organizations: tuple[Organization, ...], members: tuple[Member, ...],
              applicants: tuple[Applicant, ...]) -> InfoBase:
    # Passed as a mapping: mypy's attrs plugin cannot type InfoBase's ``converter=tuple`` arguments.
    records: dict[str, Any] = {"organizations": organizations, "members": members, "applicants": applicants}
    return InfoBase(**records)
