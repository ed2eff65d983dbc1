"""The province's applicants, streamed one record at a time."""

from __future__ import annotations

import datetime
import itertools
import random
from collections.abc import Iterable, Iterator, Sequence
from typing import Final

from cpcinfo.applicant import Applicant
from cpcinfo.demo._campus_people import draw_development
from cpcinfo.demo._field_defects import applicant_defects
from cpcinfo.demo._ids import APPLICANT_SEQUENCES, IdIssuer
from cpcinfo.demo._model import DEFAULT_AS_OF
from cpcinfo.demo._names import NameKind
from cpcinfo.demo._province_common import (
    ADULT_DAYS,
    HAN_SHARE,
    ID_NUMBER_SHARE,
    MALE_SHARE,
    Branch,
    Run,
    avoid,
    branches_of,
    with_defect,
)
from cpcinfo.org import Organization
from cpcinfo.person import Person

APPLICANT_BIRTHS: Final = (1975, 1992)
READY_DAYS: Final = 30
"""Applicants apply at the earliest this many days after turning 18 and after leaving school."""


def _applicants(branches: list[Branch], n: int, seed: int, defect_rate: float,
                as_of: datetime.date) -> Iterator[Applicant]:
    rng = random.Random(f"cpcinfo.demo.province:{seed}:applicants")
    run = Run(rng, as_of, IdIssuer(APPLICANT_SEQUENCES))
    r, count = rng.random, len(branches)
    drawn = (branches[int(r() * count)] for _ in range(n))
    return applicant_records(run, drawn, (f"A{k:08d}" for k in itertools.count(1)), defect_rate)


def applicant_records(run: Run, branches: Iterable[Branch], ids: Iterator[str],
                      defect_rate: float) -> Iterator[Applicant]:
    """An applicant of each of ``branches`` in turn, each with the next of ``ids``."""
    rng, as_of = run.rng, run.as_of
    r = rng.random
    days, base = run.days, run.base
    catalogue = applicant_defects()
    for branch, key in zip(branches, ids, strict=False):  # the ids are endless: the branches end the loop
        working = branch.roles.working
        role = working[int(r() * len(working))]
        first, end = run.span((max(role.births[0], APPLICANT_BIRTHS[0]), min(role.births[1], APPLICANT_BIRTHS[1])))
        male = r() < MALE_SHARE
        born = avoid(first + int(r() * (end - first + 1)))
        year = days[born - base].year
        county = run.county(year)
        born, id_number = run.ids.issue(county, born, male)
        person = Person(name=run.names.name(NameKind.APPLICANT, male, year), gender="1" if male else "2",
                        ethnicity="01" if r() < HAN_SHARE else "03", born_on=days[born - base], native_place=county,
                        unit_name=branch.unit_name, id_number=id_number if r() < ID_NUMBER_SHARE else None)
        education = run.courses(role.templates[int(r() * len(role.templates))], year)
        graduated = education[-1].graduated_on
        assert isinstance(graduated, datetime.date)
        ready = min(max(born + ADULT_DAYS, graduated.toordinal()) + READY_DAYS, run.last)
        development = draw_development(rng, as_of, branch.code, days[ready - base], branch.leaders)
        applicant = Applicant(id=key, basic=person, education=education, development=development)
        yield with_defect(rng, applicant, catalogue, run.tables) if r() < defect_rate else applicant


def province_applicants(organizations: Sequence[Organization], *, n: int = 200_000, seed: int = 1,
                        defect_rate: float = 0.05, as_of: datetime.date = DEFAULT_AS_OF) -> Iterator[Applicant]:
    """``n`` applicants of the branches of ``organizations``, made one at a time (ids A00000001 …).

    Their mentors are leaders of their branch (anchors of :func:`province_members`); their names and
    identity numbers can never be a member's. A share ``defect_rate`` carries one field defect each; every
    other record is valid on ``as_of``. The same arguments give the same stream.
    """
    branches = branches_of(organizations, n, defect_rate, as_of)
    return _applicants(branches, n, seed, defect_rate, as_of)
