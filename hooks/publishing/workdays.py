"""Working days in England: Monday to Friday less England's bank holidays."""
from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays


_ENGLAND = holidays.country_holidays("GB", subdiv="ENG")  # one calendar, years added as asked


@lru_cache(maxsize=None)
def _bank_holidays(year: int) -> frozenset[date]:
    date(year, 1, 1) in _ENGLAND  # noqa: B015 - a look-up adds the year to the calendar
    return frozenset(d for d in _ENGLAND if d.year == year)


def is_bank_holiday(day: date) -> bool:
    """True on a bank holiday in England (substitute days included)."""
    return day in _bank_holidays(day.year)


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a bank holiday in England."""
    return day.weekday() < 5 and not is_bank_holiday(day)


def _weekdays_through(day: date) -> int:
    """Monday-to-Friday days from an epoch Monday through `day` (a running count)."""
    weeks, rest = divmod(day.toordinal() - 1, 7)  # ordinal 1 (1 Jan 0001) is a Monday
    return weeks * 5 + min(rest + 1, 5)


@lru_cache(maxsize=None)
def _weekday_holidays(year: int) -> tuple[date, ...]:
    return tuple(sorted(d for d in _bank_holidays(year) if d.weekday() < 5))


def count_between(start: date, end: date) -> int:
    """Working days d with start < d <= end (negative when end is before start)."""
    if end < start:
        return -count_between(end, start)
    n = _weekdays_through(end) - _weekdays_through(start)
    for year in range(start.year, end.year + 1):
        n -= sum(start < d <= end for d in _weekday_holidays(year))
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
