"""What the province's member and applicant streams share: the kinds of branch and of people, the
branches read from the organizations, and the per-run tables that make a record cheap.

Speed matters more here than in the demo university (two million members at 100,000 a second or more), so
everything that can be shared is made once per run: every day from the earliest birth to ``as_of`` as a
date, its year and its digits; county pools by year; education tuples by course and birth year. Draws are
ordinals. The only state that grows is one counter per birth date in the identity-number issuer.
"""

from __future__ import annotations

import datetime
import random
import re
from collections.abc import Sequence
from types import MappingProxyType
from typing import Any, Final

import attrs

from cpcinfo.codes import CodeTables, default_tables
from cpcinfo.demo._field_defects import FieldDefect, R
from cpcinfo.demo._ids import Issuer
from cpcinfo.demo._lives import AVOIDED_DAYS, course
from cpcinfo.demo._names import NameMaker
from cpcinfo.demo._regions import issue_year, regions_in
from cpcinfo.errors import InvalidArgumentError
from cpcinfo.org import Organization
from cpcinfo.person import Education

BRANCH_CATEGORIES: Final = frozenset({"631", "632", "931", "932"})
EARLIEST_BIRTH_YEAR: Final = 1925
ADULT_DAYS: Final = 18 * 365 + 6
"""Days from birth to a day on which anyone is past their eighteenth birthday (18 years hold at most 5 leap
days)."""
SHAANXI_SHARE: Final = 0.9
HAN_SHARE: Final = 0.995
ID_NUMBER_SHARE: Final = 0.97
MALE_SHARE: Final = 0.72
DEFECT_DRAWS: Final = 50
"""How many kinds of defect are drawn for one record before giving up (every record takes most kinds)."""

# Education templates: (course, age at which it starts), in order.
TEMPLATES: Final = MappingProxyType({
    "primary": (("81", 7),), "junior": (("71", 13),), "senior": (("61", 16),), "technical": (("41", 16),),
    "skilled": (("47", 16),), "college": (("22", 18),), "university": (("21", 18),),
    "master": (("21", 18), ("12", 22)),
})


@attrs.frozen
class Role:
    """A kind of member in a kind of branch: post, frontline, birth years, education templates, weight."""

    post: str
    frontline: str
    births: tuple[int, int]
    templates: tuple[str, ...]
    weight: int


RETIRED: Final = Role("402", "9", (EARLIEST_BIRTH_YEAR, 1955), ("senior", "technical", "college", "university"), 20)
PROFILES: Final = MappingProxyType({
    "village": (Role("101", "02", (1940, 1990), ("junior", "junior", "senior", "primary"), 70),
                Role("103", "9", (1970, 1990), ("junior", "senior"), 10), RETIRED),
    "school": (Role("0104", "03", (1951, 1985), ("university", "college", "master"), 80), RETIRED),
    "hospital": (Role("0104", "9", (1951, 1985), ("university", "college", "master"), 80), RETIRED),
    "enterprise": (Role("0107", "01", (1951, 1985), ("senior", "technical", "skilled"), 50),
                   Role("0106", "01", (1951, 1985), ("college", "university"), 20),
                   Role("0105", "9", (1951, 1985), ("university", "college"), 10), RETIRED),
    "office": (Role("0101", "05", (1951, 1985), ("university", "college", "master"), 70),
               Role("0102", "9", (1951, 1985), ("university", "college"), 10), RETIRED),
})
"""The people of each kind of branch (the kind is read from the branch's name); the first role of each is
the one leaders have."""
_PROFILE_WORDS: Final = (("村支部", "village"), ("中学", "school"), ("医院", "hospital"), ("有限公司", "enterprise"))
_SUFFIX: Final = re.compile(r"(第[一二三四五六七八九\d]+)?(支部委员会|党支部|支部)$")


@attrs.frozen
class Roles:
    """The roles of one kind of branch, ready to draw from."""

    weighted: tuple[Role, ...]  # one entry per weight unit: an index drawn uniformly picks a role by weight
    working: tuple[Role, ...]  # the roles of people who are not retired (applicants, leaders)


@attrs.frozen
class Branch:
    """A branch as the streams need it: code, the unit its people belong to, roles, leaders' names."""

    code: str
    unit_name: str
    roles: Roles
    leaders: tuple[str, ...]


def branches_of(organizations: Sequence[Organization], n: int, defect_rate: float,
                as_of: datetime.date) -> list[Branch]:
    """The branches of ``organizations``, after checking the arguments of a stream."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise InvalidArgumentError(f"n must be a non-negative integer, not {n!r}")
    if not 0.0 <= defect_rate <= 1.0:
        raise InvalidArgumentError(f"defect_rate must be between 0 and 1, not {defect_rate!r}")
    if type(as_of) is not datetime.date:
        raise TypeError(f"as_of must be a datetime.date, not {type(as_of).__name__}")
    kinds = {name: Roles(weighted=tuple(r for r in roles for _ in range(r.weight)),
                         working=tuple(r for r in roles if r is not RETIRED)) for name, roles in PROFILES.items()}
    found = []
    for org in organizations:
        basic = org.basic
        if basic is None or str(basic.category) not in BRANCH_CATEGORIES:
            continue
        name = str(basic.name)
        kind = next((k for word, k in _PROFILE_WORDS if word in name), "office")
        leaders = tuple(str(leader.name) for leader in org.leaders or () if isinstance(leader.name, str))
        found.append(Branch(code=str(basic.code), unit_name=_SUFFIX.sub("", name.removeprefix("中共")) or name,
                            roles=kinds[kind], leaders=leaders))
    if not found:
        raise InvalidArgumentError("the organizations hold no branch (党支部) for people to belong to")
    return found


class Run:
    """The random stream, tables and caches of one run of a stream."""

    def __init__(self, rng: random.Random, as_of: datetime.date, ids: Issuer) -> None:
        self.rng = rng
        self.as_of = as_of
        self.base = datetime.date(EARLIEST_BIRTH_YEAR, 1, 1).toordinal()
        self.last = as_of.toordinal()
        self.days = [datetime.date.fromordinal(o) for o in range(self.base, self.last + 1)]
        self.years = [day.year for day in self.days]
        # By birth year: the counties in force when a person born that year was given a number.
        self.pools = {year: regions_in(issue_year(year, as_of.year))
                      for year in range(EARLIEST_BIRTH_YEAR, as_of.year + 1)}
        self.ids = ids
        self.names = NameMaker(rng)
        self.education: dict[tuple[str, int], tuple[Education, ...]] = {}
        self.tables: CodeTables = default_tables()
        # Shared by the records of the run (see the streams): by join day, by role, by year.
        self.standings: list[Any] = [None] * len(self.days)
        self.works: dict[int, Any] = {}
        self.awards: dict[int, Any] = {}
        self.spans: dict[tuple[int, int], tuple[int, int]] = {}

    def span(self, years: tuple[int, int]) -> tuple[int, int]:
        """The first and last ordinal of a range of years."""
        return datetime.date(years[0], 1, 1).toordinal(), datetime.date(years[1], 12, 31).toordinal()

    def county(self, year: int) -> str:
        r = self.rng.random
        shaanxi, others = self.pools[year]
        pool = shaanxi if r() < SHAANXI_SHARE else others
        return pool[int(r() * len(pool))]

    def courses(self, template: str, born_year: int) -> tuple[Education, ...]:
        """The courses of ``template`` for someone born in ``born_year`` (shared tuples)."""
        key = (template, born_year)
        found = self.education.get(key)
        if found is None:
            found = self.education[key] = tuple(course(level, born_year + age) for level, age in TEMPLATES[template])
            assert all(isinstance(e.graduated_on, datetime.date) and e.graduated_on <= self.as_of for e in found)
        return found


def avoid(ordinal: int) -> int:
    """``ordinal``, or the next day if it is one of the days never drawn (see :data:`AVOIDED_DAYS`)."""
    return ordinal + 1 if ordinal in AVOIDED_DAYS else ordinal


def with_defect(rng: random.Random, record: R, catalogue: Sequence[FieldDefect[R]], tables: CodeTables) -> R:
    """``record`` with one field defect of a kind drawn from ``catalogue``, drawn again while the kind does
    not apply to the record (an award date for a member without awards); unchanged if none is found."""
    for _ in range(DEFECT_DRAWS):
        planted = catalogue[int(rng.random() * len(catalogue))].plant(record, rng, tables)
        if planted is not None:
            return planted[0]
    return record
