"""Events: workshops, conferences, training and webinars, at their London times.

An `event:` block gives London local start and end times (``YYYY-MM-DDTHH:MM``), a location
(``online`` allowed) and an optional booking link. Times become aware datetimes in
Europe/London. A time that does not exist in London (clocks go forward) or happens twice
(clocks go back) is refused rather than guessed. An event is past once it has ended, as of
the build moment.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Iterable
from urllib.parse import urlsplit

from lscp_kit.clock import LONDON, format_day

if TYPE_CHECKING:
    from .items import Item

EVENT_TYPES = ("event", "webinar")
KEYS = frozenset({"start", "end", "location", "booking"})
_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$")


@dataclass(frozen=True)
class Event:
    """When and where an event happens; `start` and `end` are aware, in Europe/London."""

    start: datetime
    end: datetime
    location: str
    booking: str | None = None

    @property
    def online(self) -> bool:
        return self.location.strip().lower() == "online"

    @property
    def place(self) -> str:
        """``Online``, or the location as written."""
        return "Online" if self.online else self.location

    def past(self, moment: datetime) -> bool:
        """Whether the event has ended at `moment` (an aware datetime)."""
        return moment >= self.end


def london_time(text: object) -> tuple[datetime | None, str | None]:
    """(aware London datetime, None) for ``YYYY-MM-DDTHH:MM``; (None, what is wrong) otherwise."""
    if not isinstance(text, str) or not _TIME.match(text):
        return None, f"{text!r} must be a London time written YYYY-MM-DDTHH:MM, e.g. 2026-12-03T09:30"
    try:
        naive = datetime.fromisoformat(text)
    except ValueError:
        return None, f"{text} is not a real date and time: check the calendar and the clock"
    early, late = naive.replace(tzinfo=LONDON), naive.replace(tzinfo=LONDON, fold=1)
    if early.astimezone(timezone.utc).astimezone(LONDON).replace(tzinfo=None) != naive:
        return None, (f"{text} does not exist in London (the clocks go forward that night): "
                      "choose a time outside 01:00 to 02:00")
    if early.utcoffset() != late.utcoffset():
        return None, (f"{text} happens twice in London (the clocks go back that night): "
                      "choose a time outside 01:00 to 02:00")
    return early, None


def parse_event(node: dict) -> tuple[Event | None, list[tuple[str, str]]]:
    """An Event from an `event:` block, or the (key, message) problems that stop it."""
    problems: list[tuple[str, str]] = []
    times = {}
    for key in ("start", "end"):
        if node.get(key) is None:
            problems.append((f"event.{key}", "missing: add the London time as YYYY-MM-DDTHH:MM"))
            continue
        times[key], wrong = london_time(node[key])
        if wrong:
            problems.append((f"event.{key}", wrong))
    start, end = times.get("start"), times.get("end")
    if start and end and end <= start:
        problems.append(("event.end", f"{node['end']} is not after event.start {node['start']}: check both"))
    location = node.get("location")
    if location is None:
        problems.append(("event.location", "missing: add the venue's name and address, or online"))
    elif not isinstance(location, str) or not location.strip():
        problems.append(("event.location", "must be text: the venue's name and address, or online"))
    booking = node.get("booking")
    if booking is not None and not _web_address(booking):
        problems.append(("event.booking", f"{booking!r} must be a web address starting https:// or http://"))
    if problems or not (start and end):
        return None, problems
    return Event(start, end, location.strip(), booking.strip() if booking else None), []


def _web_address(value: object) -> bool:
    if not isinstance(value, str) or any(c.isspace() for c in value.strip()):
        return False
    parts = urlsplit(value.strip())
    return parts.scheme in ("http", "https") and bool(parts.hostname) and "." in parts.hostname


def _clock(moment: datetime) -> str:
    """``9:30am``, ``1pm``, ``12 noon``: GOV.UK times."""
    if moment.hour == 12 and moment.minute == 0:
        return "12 noon"
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes}{'am' if moment.hour < 12 else 'pm'}"


def when_words(event: Event) -> str:
    """``Thursday 3 December 2026, 9:30am to 5pm`` (London time)."""
    start, end = event.start, event.end
    if start.date() == end.date():
        return f"{start.strftime('%A')} {format_day(start.date())}, {_clock(start)} to {_clock(end)}"
    return (f"{start.strftime('%A')} {format_day(start.date())}, {_clock(start)} to "
            f"{end.strftime('%A')} {format_day(end.date())}, {_clock(end)}")


def with_events(items: Iterable[Item]) -> list[Item]:
    """The items that are events: type event, or a webinar with an `event:` block."""
    return [i for i in items if i.type in EVENT_TYPES and i.event is not None]


def upcoming(items: Iterable[Item], moment: datetime) -> list[Item]:
    """Events not yet ended at `moment`, soonest first."""
    found = [i for i in with_events(items) if not i.event.past(moment)]
    return sorted(found, key=lambda i: (i.event.start, i.event.end, i.title, i.id))


def past(items: Iterable[Item], moment: datetime) -> list[Item]:
    """Events that have ended at `moment`, newest first."""
    found = [i for i in with_events(items) if i.event.past(moment)]
    return sorted(found, key=lambda i: (-i.event.start.timestamp(), i.title, i.id))
