"""Working days in England: Monday to Friday less England's bank holidays."""
from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=None)
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_bank_holiday(day: date) -> bool:
    """True on a bank holiday in England (substitute days included)."""
    return day in _bank_holidays(day.year)


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a bank holiday in England."""
    return day.weekday() < 5 and not is_bank_holiday(day)


def count_between(start: date, end: date) -> int:
    """Working days d with start < d <= end (negative when end is before start)."""
    if end < start:
        return -count_between(end, start)
    n, day = 0, start + timedelta(days=1)
    while day <= end:
        n += is_working_day(day)
        day += timedelta(days=1)
    return n


def days_after(event: date, later: date) -> int:
    """n where `later` is n working days after `event` (working days in (event, later])."""
    return count_between(event, later)


def days_before(earlier: date, deadline: date) -> int:
    """n where `earlier` is n working days before `deadline` (working days in [earlier, deadline))."""
    return count_between(earlier - timedelta(days=1), deadline - timedelta(days=1))


def subtract(deadline: date, n: int) -> date:
    """The latest day that is still n working days before `deadline`."""
    day, left = deadline, n
    while left > 0:
        day -= timedelta(days=1)
        left -= is_working_day(day)
    return day


def add(start: date, n: int) -> date:
    """The n-th working day after `start`."""
    day, left = start, n
    while left > 0:
        day += timedelta(days=1)
        left -= is_working_day(day)
    return day
