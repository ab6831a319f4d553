"""Moments and days in Europe/London. The core has no clock: callers pass `now`."""
from __future__ import annotations

import calendar
import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class AsOfError(ValueError):
    """SITE_AS_OF is not a date or an ISO 8601 datetime with an offset."""


_MONTHS = {name.lower(): n for n in range(1, 13)
           for name in (calendar.month_name[n], calendar.month_abbr[n], calendar.month_abbr[n] + ".")}
_NUMERIC = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$|^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z.]+),?\s+(\d{4})$|^([a-z.]+)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$",
                    re.I)


def _real(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def date_hint(text: str) -> tuple[date, int] | None:
    """What a date written another way means, and the impossible month it was written with when its
    day and month were swapped (0 when they were not):
    ``15/03/2027``, ``15 March 2027`` and ``2027-3-15`` are 15 March 2027; ``2027-15-03`` and
    ``03/15/2027`` are too, with the day and month swapped. None when it is not a date at all."""
    text = text.strip()
    numeric, words = _NUMERIC.match(text), _WORDS.match(text)
    if numeric:
        iso = numeric.group(1) is not None
        year, first, second = (int(numeric.group(i)) for i in ((1, 2, 3) if iso else (6, 5, 4)))
        swapped = first > 12 >= second  # (month, day) as written, for either order
        found = _real(year, second, first) if swapped else _real(year, first, second)
        return (found, first if swapped else 0) if found else None
    if words:
        day, month, year = words.group(1, 2, 3) if words.group(1) else (words.group(5), words.group(4), words.group(6))
        found = _real(int(year), _MONTHS.get(month.lower(), 0), int(day)) if month.lower() in _MONTHS else None
        return (found, 0) if found else None
    return None


def parse_day(text: str) -> date:
    """Parse an exact ``YYYY-MM-DD``; raise ValueError with a plain reason otherwise, saying how
    to write a date written another way (``15/03/2027``: write it 2027-03-15)."""
    if not isinstance(text, str):
        raise ValueError("must be a date written YYYY-MM-DD")
    hint = date_hint(text)
    if hint and hint[1]:
        raise ValueError(f"{text.strip()} is not a real date: there is no month {hint[1]}, so the day and "
                         f"month look swapped: write it {hint[0].isoformat()}")
    if not _DAY.match(text):
        raise ValueError("must be a date written YYYY-MM-DD" + (f": write it {hint[0].isoformat()}" if hint else ""))
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

