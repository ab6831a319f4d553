"""Working days in England: Monday to Friday less England's bank holidays (from `holidays`)."""
from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from typing import Iterable, Mapping

_known: dict[int, frozenset[date]] = {}  # bank holidays by year: remembered, or worked out here
_worked_out: set[int] = set()
_calendar = None


def _england():
    """England's calendar from `holidays`, imported only when a year is not already known (the
    library loads every country's rules: a tenth of a second)."""
    global _calendar
    if _calendar is None:
        import holidays
        _calendar = holidays.country_holidays("GB", subdiv="ENG")  # years are added as asked
    return _calendar


def _bank_holidays(year: int) -> frozenset[date]:
    found = _known.get(year)
    if found is None:
        calendar = _england()
        date(year, 1, 1) in calendar  # noqa: B015 - a look-up adds the year to the calendar
        found = _known[year] = frozenset(d for d in calendar if d.year == year)
        _worked_out.add(year)
    return found


def remember(years: Mapping[int, Iterable[date]]) -> None:
    """Take bank holidays that the same version of `holidays` worked out before (an adapter's
    cache between builds), so this process need not load the library for those years."""
    for year, days in years.items():
        if year not in _known:
            _known[year] = frozenset(days)


def worked_out() -> dict[int, list[date]]:
    """The years this process worked out with `holidays` itself, for an adapter to keep."""
    return {year: sorted(_known[year]) for year in sorted(_worked_out)}


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
