"""公民身份号码 (GB 11643) that are valid and unique by construction.

A number is six digits of county code, eight of birth date, a three-digit sequence whose last digit is odd
for men and even for women, and a check digit. The issuer hands out the sequences of each birth date and
gender in turn, so two numbers it issues never share date and sequence, whatever their county: uniqueness
costs one counter per birth date instead of a set of every number issued. Members and applicants draw from
disjoint sequence ranges (:data:`MEMBER_SEQUENCES`, :data:`APPLICANT_SEQUENCES`), so two issuers — one per
population — never collide either.
"""

from __future__ import annotations

import datetime
from typing import Final

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


class IdIssuer:
    """Issues numbers from one sequence range; owned by one generator run (it counts what it issued).

    The check digit is looked up from cached parts: the number read in base 13 (as GB 11643's weights
    amount to) is the sum of its county, date and sequence parts, each taken modulo 11 once, and the sum
    modulo 11 indexes :data:`cpcinfo.ids.ric.CHECK_CHARACTERS`.
    """

    def __init__(self, sequences: tuple[int, int]) -> None:
        self._first = sequences[0]
        self._per_gender = (sequences[1] - sequences[0]) // 2
        self._issued: dict[int, int] = {}
        self._dates: dict[int, tuple[str, int]] = {}
        self._counties: dict[str, int] = {}
        self._sequences = tuple((f"{s:03d}", int(f"{s:03d}", 13) % 11) for s in range(1000))

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
        date = self._dates.get(born)
        if date is None:
            day = datetime.date.fromordinal(born)
            digits = f"{day.year:04d}{day.month:02d}{day.day:02d}"
            date = self._dates[born] = (digits, int(digits, 13) * 13**3 % 11)
        place = self._counties.get(county)
        if place is None:
            place = self._counties[county] = int(county, 13) * 13**11 % 11
        sequence, rest = self._sequences[self._first + 2 * count + male]
        return born, county + date[0] + sequence + CHECK_CHARACTERS[(place + date[1] + rest) % 11]
