"""Date arithmetic for the hot path: whole years and months without building relativedelta objects.

``dateutil.relativedelta`` is exact but slow to add; the rules add the same few spans to millions of dates.
These functions give the same results (a day past the end of the month is clamped to its last day, as
relativedelta does: 2008-02-29 plus one year is 2009-02-28). A result beyond the calendar that ``datetime``
can hold saturates at ``date.max`` or ``date.min`` instead of raising: the rules compare such dates (a junk
date in the year 9999 plus a probation year) and must never crash on them.
"""

from __future__ import annotations

import calendar
import datetime


def span_text(months: int) -> str:
    """A span of months in Chinese words: 一年, 六个月, 一年六个月.

    >>> span_text(12), span_text(6), span_text(18), span_text(24)
    ('一年', '六个月', '一年六个月', '两年')
    """
    years, rest = divmod(months, 12)
    parts = []
    if years:
        parts.append(f"{chinese_count(years)}年")
    if rest or not years:
        parts.append(f"{chinese_count(rest)}个月")
    return "".join(parts)


def chinese_count(n: int) -> str:
    """A small count in Chinese numerals (两 for 2, as counts are said); other numbers as digits."""
    words = {0: "零", 1: "一", 2: "两", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九", 10: "十",
             11: "十一", 12: "十二"}
    return words.get(n, str(n))


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` plus a whole number of months (negative to go back), clamped to the month's last day."""
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    if year > datetime.MAXYEAR:
        return datetime.date.max
    if year < datetime.MINYEAR:
        return datetime.date.min
    try:
        return day.replace(year=year, month=month)
    except ValueError:
        return day.replace(year=year, month=month, day=calendar.monthrange(year, month)[1])


def add_years(day: datetime.date, years: int) -> datetime.date:
    """``day`` plus whole years; 29 February becomes 28 February in a common year."""
    if not datetime.MINYEAR <= day.year + years <= datetime.MAXYEAR:
        return datetime.date.max if years > 0 else datetime.date.min
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
