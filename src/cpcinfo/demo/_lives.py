"""Plausible lives for the demo university's people: birth, schooling, work and joining the Party, by kind.

Each function draws one life from a random stream; all dates are real dates no later than ``as_of`` and in
the order the rules ask for (schooling in order, joined at 18 or older, 入学 before 毕业 …).
"""

from __future__ import annotations

import datetime
import random
from types import MappingProxyType
from typing import Final

import attrs

from cpcinfo.demo._campus_plan import Kind
from cpcinfo.person import Education
from cpcinfo.rules.dates import add_years
from cpcinfo.rules.reading import SENTINEL_DATES

ADULT_YEARS: Final = 18
"""The age to join the Party, and the usual age at entering university or college."""
SCHOOL_AGE: Final = 15
"""The usual age at entering 普通高中 or 中等专科."""
EXAM_RESTART_YEAR: Final = 1977
"""The national university entrance examination restarted in 1977: older staff enrolled from then on."""

YEARS_OF_STUDY: Final = MappingProxyType({"81": 6, "71": 3, "61": 3, "41": 3, "47": 3, "22": 3, "21": 4, "12": 3,
                                          "11": 3})
"""Length of each course by education code: 小学, 初中, 普通高中, 中等专科, 技工学校, 大专, 大学, 硕士, 博士."""

MASTER_SHARE: Final = 0.75
"""Teachers with a master's degree; of them :data:`DOCTOR_SHARE` go on to a doctorate."""
DOCTOR_SHARE: Final = 0.55
JOINED_AS_STUDENT_SHARE: Final = 0.55
"""Staff who joined the Party as students elsewhere and came to the university by transfer."""
GRADUATE_JOINED_EARLIER_SHARE: Final = 0.7
"""Graduate students who joined as undergraduates and transferred in when they enrolled."""
ENTRY_FROM_OUTSIDE_SHARE: Final = 0.2
"""Of the transfers, those from outside the system (32) rather than inside it (31)."""
ENROLMENT_AGES: Final = ((17, 15), (18, 70), (19, 15))
"""Age at entering university, with weights."""
STUDENT_MALE_SHARE: Final = 0.5
STAFF_MALE_SHARE: Final = 0.6
RETIRED_MALE_SHARE: Final = 0.6
TEACHER_SHARE: Final = 0.85
"""Members of staff and school branches who teach; the others administer."""
SERVICE_WORKER_SHARE: Final = 0.7
"""Members of the service branch in 工勤 posts; the others administer."""
STAFF_FIRST_DEGREE_SHARE: Final = 0.7
"""Administrators whose first course was 大学 rather than 大专."""
RESEARCH_SHARE: Final = 0.2
"""Teachers in departments whose frontline is research (科研第一线) rather than teaching."""
PRESS_EDITOR_SHARE: Final = 0.7
RETIREE_EDUCATION: Final = (("21", 60), ("22", 15), ("41", 15), ("61", 10))
"""The one course of a retiree, with weights: 大学, 大专, 中等专科, 普通高中."""
STUDENT_BIRTH_YEARS: Final = (1987, 1993)
STAFF_BIRTH_YEARS: Final = (1950, 1984)
RETIRED_BIRTH_YEARS: Final = (1930, 1950)
RETIREMENT_AGE: Final = MappingProxyType({True: 60, False: 55})
"""Retirement age of men (True) and women."""

NEW: Final = "12"
TRANSFER_INSIDE: Final = "31"
TRANSFER_OUTSIDE: Final = "32"


@attrs.frozen(kw_only=True)
class Life:
    """What a member's or applicant's record says besides names and codes of place."""

    male: bool
    born: datetime.date
    education: tuple[Education, ...]
    post: str
    frontline: str
    joined: datetime.date | None = None  # members only
    entry_type: str = NEW
    entered: datetime.date | None = None
    available: datetime.date | None = None  # applicants: the earliest day they could apply


AVOIDED_DAYS: Final = frozenset(
    day.toordinal() for sentinel in SENTINEL_DATES if sentinel.year > 1 for day in (sentinel, add_years(sentinel, -1))
)
"""Days never drawn: the dates systems write for "nothing entered" (read as 未填写), and the days a year
before them (a 转正日期 one year after such a day would be one)."""


def day_between(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    """A day drawn uniformly from ``first`` to ``last`` inclusive, never one of :data:`AVOIDED_DAYS`."""
    ordinal = rng.randint(first.toordinal(), last.toordinal())
    if ordinal in AVOIDED_DAYS:
        ordinal = ordinal + 1 if ordinal < last.toordinal() else ordinal - 1
    return datetime.date.fromordinal(ordinal)


def course(level: str, start_year: int) -> Education:
    """A course from 1 September of ``start_year`` to 1 July of its last year."""
    return Education(level=level, enrolled_on=datetime.date(start_year, 9, 1),
                     graduated_on=datetime.date(start_year + YEARS_OF_STUDY[level], 7, 1))


def _born_for_enrolment(rng: random.Random, year: int) -> datetime.date:
    """A birth date of someone who enrolled at university in ``year`` aged 17 to 19 (school year from 1 Sept)."""
    age = rng.choices([a for a, _ in ENROLMENT_AGES], weights=[w for _, w in ENROLMENT_AGES])[0]
    return day_between(rng, datetime.date(year - age - 1, 9, 1), datetime.date(year - age, 8, 31))


def _joined(rng: random.Random, born: datetime.date, first: datetime.date,
            last: datetime.date) -> datetime.date | None:
    """A day to join between ``first`` and ``last`` on which the person is at least 18, or None."""
    first = max(first, add_years(born, ADULT_YEARS) + datetime.timedelta(days=1))
    return day_between(rng, first, last) if first <= last else None


def student(rng: random.Random, kind: Kind, as_of: datetime.date, *, member: bool) -> Life:
    """An undergraduate or graduate student of ``as_of``; members joined at 18 or later."""
    while True:
        if kind is Kind.UNDERGRADUATE:
            enrolled = rng.randint(as_of.year - 4, as_of.year - 1)
            born = _born_for_enrolment(rng, enrolled)
            education = (course("61", enrolled - YEARS_OF_STUDY["61"]),)
            year = as_of.year - enrolled
            post = "305" if year == 1 else "304" if year == 4 else "306"
        else:
            enrolled = rng.randint(as_of.year - 3, as_of.year - 1)
            born = _born_for_enrolment(rng, enrolled - YEARS_OF_STUDY["21"])
            education = (course("21", enrolled - YEARS_OF_STUDY["21"]),)
            year = as_of.year - enrolled
            post = "302" if year == 1 else "301" if year == 3 else "303"
        if not STUDENT_BIRTH_YEARS[0] <= born.year <= STUDENT_BIRTH_YEARS[1]:
            continue
        start = datetime.date(enrolled, 9, 1)
        if not member:
            available = max(add_years(born, ADULT_YEARS), start) + datetime.timedelta(days=30)
            if available <= as_of:
                return Life(male=rng.random() < STUDENT_MALE_SHARE, born=born, education=education, post=post,
                            frontline="9", available=available)
            continue
        previous_start = education[0].enrolled_on
        assert isinstance(previous_start, datetime.date)
        if kind is Kind.GRADUATE and rng.random() < GRADUATE_JOINED_EARLIER_SHARE:
            joined = _joined(rng, born, previous_start + datetime.timedelta(days=150),
                             start - datetime.timedelta(days=60))
            if joined is None:
                continue
            entered = start + datetime.timedelta(days=rng.randint(0, 20))
            return Life(male=rng.random() < STUDENT_MALE_SHARE, born=born, education=education, post=post,
                        frontline="9", joined=joined, entry_type=TRANSFER_INSIDE, entered=entered)
        joined = _joined(rng, born, start + datetime.timedelta(days=150), as_of)
        if joined is None:
            continue
        return Life(male=rng.random() < STUDENT_MALE_SHARE, born=born, education=education, post=post,
                    frontline="9", joined=joined, entered=joined)


def _staff_education(rng: random.Random, born: datetime.date, teacher: bool, service: bool,
                     as_of: datetime.date) -> tuple[tuple[Education, ...], int]:
    """The courses of a member of staff and the year the last one ended."""
    if service:
        level = rng.choice(("61", "41", "22"))
        start = born.year + (ADULT_YEARS if level == "22" else SCHOOL_AGE) + rng.choice((0, 0, 1))
        return (course(level, start),), start + YEARS_OF_STUDY[level]
    start = born.year + ADULT_YEARS + rng.choice((0, 0, 1))
    if start < EXAM_RESTART_YEAR:
        start = EXAM_RESTART_YEAR + rng.randint(0, 1)
    first = "21" if teacher or rng.random() < STAFF_FIRST_DEGREE_SHARE else "22"
    courses = [course(first, start)]
    end = start + YEARS_OF_STUDY[first]
    if teacher:
        for level, share in (("12", MASTER_SHARE), ("11", DOCTOR_SHARE)):
            begin = end + rng.choice((0, 0, 1, 2))
            if rng.random() >= share or begin + YEARS_OF_STUDY[level] >= as_of.year:
                break
            courses.append(course(level, begin))
            end = begin + YEARS_OF_STUDY[level]
    return tuple(courses), end


def staff(rng: random.Random, kind: Kind, as_of: datetime.date, *, member: bool) -> Life:
    """A member of staff: teachers in departments and schools, administrators, service staff, editors."""
    while True:
        born = day_between(rng, datetime.date(STAFF_BIRTH_YEARS[0], 1, 1), datetime.date(STAFF_BIRTH_YEARS[1], 12, 31))
        male = rng.random() < STAFF_MALE_SHARE
        teacher = kind in (Kind.STAFF, Kind.SCHOOL) and rng.random() < TEACHER_SHARE
        service = kind is Kind.SERVICE and rng.random() < SERVICE_WORKER_SHARE
        education, finished = _staff_education(rng, born, teacher, service, as_of)
        hired = datetime.date(finished, 7, 15) + datetime.timedelta(days=rng.randint(0, 60))
        if hired >= as_of:
            continue
        post, frontline = _staff_post(rng, kind, teacher, service)
        if not member:
            available = hired + datetime.timedelta(days=90)
            if available <= as_of and born.year >= 1975:
                return Life(male=male, born=born, education=education, post=post, frontline=frontline,
                            available=available)
            continue
        school_start = education[0].enrolled_on
        assert isinstance(school_start, datetime.date)
        if rng.random() < JOINED_AS_STUDENT_SHARE:
            joined = _joined(rng, born, school_start + datetime.timedelta(days=150),
                             hired - datetime.timedelta(days=30))
            if joined is not None:
                entry = TRANSFER_OUTSIDE if rng.random() < ENTRY_FROM_OUTSIDE_SHARE else TRANSFER_INSIDE
                entered = hired + datetime.timedelta(days=rng.randint(1, 40))
                return Life(male=male, born=born, education=education, post=post, frontline=frontline,
                            joined=joined, entry_type=entry, entered=entered)
        joined = _joined(rng, born, hired + datetime.timedelta(days=365), as_of)
        if joined is None:
            continue
        return Life(male=male, born=born, education=education, post=post, frontline=frontline,
                    joined=joined, entered=joined)


def _staff_post(rng: random.Random, kind: Kind, teacher: bool, service: bool) -> tuple[str, str]:
    if teacher:
        return "0104", "04" if kind is Kind.STAFF and rng.random() < RESEARCH_SHARE else "03"
    if service:
        return "0109", "9"
    if kind is Kind.PRESS:
        return ("0106", "9") if rng.random() < PRESS_EDITOR_SHARE else ("0105", "9")
    if kind is Kind.LIBRARY:
        return "0104", "9"
    return "0103", "9"


def retiree(rng: random.Random, as_of: datetime.date) -> Life:
    """A retired member: joined after 1949, transferred to the retirees' branch when retiring."""
    while True:
        born = day_between(rng, datetime.date(RETIRED_BIRTH_YEARS[0], 1, 1),
                           datetime.date(RETIRED_BIRTH_YEARS[1], 12, 31))
        male = rng.random() < RETIRED_MALE_SHARE
        level = rng.choices([c for c, _ in RETIREE_EDUCATION], weights=[w for _, w in RETIREE_EDUCATION])[0]
        education = (course(level, born.year + ADULT_YEARS + rng.randint(0, 2)),)
        retired = datetime.date(born.year + RETIREMENT_AGE[male], rng.randint(1, 12), 1)
        joined = _joined(rng, born, max(add_years(born, 20), datetime.date(1950, 1, 1)),
                         min(add_years(born, 50), retired - datetime.timedelta(days=365)))
        if joined is None or retired > as_of:
            continue
        return Life(male=male, born=born, education=education, post="402", frontline="9", joined=joined,
                    entry_type=TRANSFER_INSIDE, entered=retired)


FOUNDING: Final = datetime.date(1949, 10, 1)
VETERAN_BIRTHS: Final = (datetime.date(1930, 1, 1), datetime.date(1931, 3, 31))


def veteran(rng: random.Random) -> Life:
    """A 离休干部 who joined before 1 October 1949, aged 18 or more, and studied at university after."""
    born = day_between(rng, *VETERAN_BIRTHS)
    joined = _joined(rng, born, born, FOUNDING - datetime.timedelta(days=1))
    assert joined is not None
    retired = datetime.date(born.year + RETIREMENT_AGE[True], rng.randint(1, 12), 1)
    return Life(male=True, born=born, education=(course("21", 1950),), post="401", frontline="9", joined=joined,
                entry_type=TRANSFER_INSIDE, entered=retired)
