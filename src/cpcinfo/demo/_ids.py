"""公民身份号码 (GB 11643) that are valid and unique by construction.

A number is six digits of county code, eight of birth date, a three-digit sequence whose last digit is odd
for men and even for women, and a check digit. The issuer hands out the sequences of each birth date and
gender in turn, so two numbers it issues never share date and sequence, whatever their county: uniqueness
costs one counter per birth date instead of a set of every number issued. Members and applicants draw from
disjoint sequence ranges (:data:`MEMBER_SEQUENCES`, :data:`APPLICANT_SEQUENCES`), so two issuers — one per
population — never collide either.
"""

from __future__ import annotations

import array
import datetime
from typing import Final, Protocol

from cpcinfo.ids.ric import CHECK_CHARACTERS, check_character

MEMBER_SEQUENCES: Final = (0, 800)
"""The sequence numbers (from, to) given to members: 400 men and 400 women per birth date."""

APPLICANT_SEQUENCES: Final = (800, 1000)
"""The sequence numbers given to applicants: 100 men and 100 women per birth date."""


def wrong_check_digit(number: str) -> str:
    """``number`` with a check digit that is not the right one (the next digit, cyclically)."""
    right = check_character(number)
    wrong = "0" if right == "X" else str((int(right) + 1) % 10)
    return number[:17] + wrong


class Issuer(Protocol):
    """What a stream asks of an issuer of identity numbers."""

    def issue(self, county: str, born: int, male: bool) -> tuple[int, str]: ...


class _CheckParts:
    """The parts of the check digit, cached: the number read in base 13 (as GB 11643's weights amount to)
    is the sum of its county, date and sequence parts, each taken modulo 11 once."""

    def __init__(self) -> None:
        self._dates: dict[int, tuple[str, int]] = {}
        self._counties: dict[str, int] = {}
        self._sequences = tuple((f"{s:03d}", int(f"{s:03d}", 13) % 11) for s in range(1000))

    def number(self, county: str, born: int, sequence_number: int) -> str:
        date = self._dates.get(born)
        if date is None:
            day = datetime.date.fromordinal(born)
            digits = f"{day.year:04d}{day.month:02d}{day.day:02d}"
            date = self._dates[born] = (digits, int(digits, 13) * 13**3 % 11)
        place = self._counties.get(county)
        if place is None:
            place = self._counties[county] = int(county, 13) * 13**11 % 11
        sequence, rest = self._sequences[sequence_number]
        return county + date[0] + sequence + CHECK_CHARACTERS[(place + date[1] + rest) % 11]


class CountyIdIssuer:
    """Issues numbers from one sequence range, counting per county, birth date and gender: unique as long as
    one issuer serves every record (the nation's members, province after province), and with room for a
    nation (400 men and 400 women per county and birth date) where :class:`IdIssuer` has room for a
    province. The counts are a compact array per county (two bytes a day and gender)."""

    def __init__(self, sequences: tuple[int, int], first_day: int, last_day: int) -> None:
        self._first = sequences[0]
        self._per_gender = (sequences[1] - sequences[0]) // 2
        self._first_day = first_day
        self._days = last_day - first_day + 1 + 366  # a date full up moves on: room past the last day
        self._counts: dict[str, array.array[int]] = {}
        self._parts = _CheckParts()

    def issue(self, county: str, born: int, male: bool) -> tuple[int, str]:
        """A number for a person born on the ordinal ``born``, from ``first_day`` on: (birth ordinal,
        number); the birth date moves on by a day while every sequence of that date, county and gender is
        taken."""
        counts = self._counts.get(county)
        if counts is None:
            counts = self._counts[county] = array.array("H", bytes(4 * self._days))
        slot = (born - self._first_day) * 2 + male
        while counts[slot] >= self._per_gender:
            born += 1
            slot += 2
        count = counts[slot]
        counts[slot] = count + 1
        return born, self._parts.number(county, born, self._first + 2 * count + male)


class IdIssuer:
    """Issues numbers from one sequence range; owned by one generator run (it counts what it issued, per
    birth date and gender: unique whatever the county)."""

    def __init__(self, sequences: tuple[int, int]) -> None:
        self._first = sequences[0]
        self._per_gender = (sequences[1] - sequences[0]) // 2
        self._issued: dict[int, int] = {}
        self._parts = _CheckParts()

    def issue(self, county: str, born: int, male: bool) -> tuple[int, str]:
        """A number for a person born on the ordinal ``born``: (birth ordinal, number).

        When every sequence of that date and gender is taken, the birth date moves on by a day: the returned
        ordinal is the birth date the number encodes, and the caller records that one.
        """
        issued = self._issued
        key = born * 2 + male
        count = issued.get(key, 0)
        while count >= self._per_gender:
            born += 1
            key = born * 2 + male
            count = issued.get(key, 0)
        issued[key] = count + 1
        return born, self._parts.number(county, born, self._first + 2 * count + male)
