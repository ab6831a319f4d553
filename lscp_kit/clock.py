"""Moments and days in Europe/London. The core has no clock: callers pass `now`."""
from __future__ import annotations

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class AsOfError(ValueError):
    """SITE_AS_OF is not a date or an ISO 8601 datetime with an offset."""


def parse_day(text: str) -> date:
    """Parse an exact ``YYYY-MM-DD``; raise ValueError with a plain reason otherwise."""
    if not isinstance(text, str) or not _DAY.match(text):
        raise ValueError("must be a date written YYYY-MM-DD")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text} is not a real date") from None


def parse_as_of(value: str | None, now: datetime) -> datetime:
    """The build's moment: `value` (``YYYY-MM-DD`` or ISO datetime with offset) or `now`."""
    if value is None or value.strip() == "":
        if now.tzinfo is None:
            raise AsOfError("now must be timezone-aware")
        return now
    value = value.strip()
    if _DAY.match(value):
        try:
            return london_midnight(parse_day(value))
        except ValueError as err:
            raise AsOfError(f"SITE_AS_OF: {err}") from None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise AsOfError(
            f"SITE_AS_OF: {value!r} is not a date: write a day as YYYY-MM-DD (2027-02-15), or a date and "
            "time with its offset from UTC (2027-02-15T00:30+00:00)"
        ) from None
    if moment.tzinfo is None:
        raise AsOfError(f"SITE_AS_OF: {value!r} needs a UTC offset, e.g. {value}+00:00")
    return moment


def london_day(moment: datetime) -> date:
    """The calendar day in London at `moment` (23:30 UTC on 31 May in BST is 1 June)."""
    return moment.astimezone(LONDON).date()


def london_midnight(day: date) -> datetime:
    """The start of `day` in London, timezone-aware."""
    return datetime.combine(day, time(0), tzinfo=LONDON)


def anniversary(day: date) -> date:
    """The same date one year later; 29 February goes to 1 March."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return date(day.year + 1, 3, 1)


def format_day(day: date) -> str:
    """``14 June 2021``: the GOV.UK date style."""
    return f"{day.day} {day.strftime('%B %Y')}"

