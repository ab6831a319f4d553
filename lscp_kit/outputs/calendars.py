"""iCalendar files (RFC 5545), built with the `icalendar` library.

`events_ics`: the site's `feeds/events.ics`, one VEVENT per public event or webinar with an
`event:` block, at its London times with the Europe/London VTIMEZONE. Nothing in it comes from
the clock (DTSTAMP is the item's first public day), so rebuilds are byte-identical.

`report_ics`: the comms team's own calendar (`make report ARGS="--format ics"`), never on the
site: for each scheduled or dated-embargo review the last day to send the report, the
publication day and the end of its retention year; and when the next annual report is due.
"""
from __future__ import annotations

from datetime import date, timedelta, timezone
from typing import Iterable
from urllib.parse import urlsplit

from icalendar import Calendar, Event, Timezone

from lscp_kit.rules import annual
from lscp_kit.rules.catalogue import Catalogue
from lscp_kit.clock import LONDON, format_day, london_midnight
from lscp_kit.rules.decisions import EMBARGOED, SCHEDULED
from lscp_kit.rules.events import with_events
from lscp_kit.rules.items import Item
from lscp_kit.rules.register import may_go_from, retention_end
from lscp_kit.rules.timelines import NOTICE_WORKING_DAYS, last_send_day

PRODID = "-//Safeguarding partnership publishing kit//EN"
EVENT_FILE = "event.ics"  # "add to calendar": one event, beside its page


def _calendar(name: str, description: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-caldesc", description)
    cal.add("x-wr-timezone", "Europe/London")
    return cal


def _london_timezone(years: Iterable[int]) -> Timezone:
    """The Europe/London VTIMEZONE, covering the years the calendar's events fall in."""
    years = sorted(set(years))
    return Timezone.from_tzinfo(LONDON, tzid="Europe/London", first_date=date(years[0], 1, 1),
                                last_date=date(years[-1] + 1, 1, 1))


def events_ics(cat: Catalogue, site_url: str, name: str) -> bytes:
    """`feeds/events.ics`: every public event, soonest first; public items only."""
    base = site_url.rstrip("/") + "/"
    cal = _calendar(f"{name}: events", "Workshops, conferences, training and webinars for practitioners.")
    items = sorted(with_events(cat.public), key=lambda i: (i.event.start, i.id))
    if items:
        cal.add_component(_london_timezone(y for i in items for y in (i.event.start.year, i.event.end.year)))
    for item in items:
        cal.add_component(_event(item, base, cat.first_public[item.id]))
    return cal.to_ical()


def event_files(cat: Catalogue, site_url: str) -> dict[str, bytes]:
    """One calendar file per public event (item id -> bytes), to add that event alone."""
    base = site_url.rstrip("/") + "/"
    out = {}
    for item in with_events(cat.public):
        cal = _calendar(item.title, item.summary or item.title)
        cal.add_component(_london_timezone((item.event.start.year, item.event.end.year)))
        cal.add_component(_event(item, base, cat.first_public[item.id]))
        out[item.id] = cal.to_ical()
    return out


def _event(item: Item, base: str, first_public: date) -> Event:
    url = base + item.url
    event = Event()
    event.add("uid", f"{item.id}@{urlsplit(base).hostname or 'localhost'}")
    event.add("dtstamp", london_midnight(first_public).astimezone(timezone.utc))
    event.add("dtstart", item.event.start)
    event.add("dtend", item.event.end)
    event.add("summary", item.title)
    event.add("location", item.event.place)
    event.add("description", "\n\n".join(p for p in (item.summary, _booking(item), url) if p))
    event.add("url", url)
    return event


def _booking(item: Item) -> str | None:
    return f"Book a place: {item.event.booking}" if item.event.booking else None


def report_ics(cat: Catalogue, name: str = "Publication plan") -> bytes:
    """The comms team's calendar as of the catalogue's day: all-day reminders, never published."""
    cal = _calendar(f"{name} (private: never publish)", "Publication deadlines of reviews, including "
                    "embargoed ones: keep this calendar inside the partnership.")
    stamp = london_midnight(cat.day).astimezone(timezone.utc)
    for ident in sorted(cat.items):
        item, decision = cat.items[ident], cat.decisions[ident]
        first = cat.first_public_of(ident)
        if item.section != "reviews" or decision.state not in (SCHEDULED, EMBARGOED) or not first:
            continue
        for key, day, summary, description in _review_days(item, first):
            cal.add_component(_day_event(f"{ident}/{key}", day, summary, description, stamp))
    d = annual.duty(cat)
    due = d.due or cat.day
    words = (f"The last annual report ({d.last_id}) went public on {d.last_public}; publish the next by "
             f"{format_day(due)}." if d.due else "No annual report is public yet: publish one now.")
    cal.add_component(_day_event("annual-report/due", due, "Annual report due" +
                                 (" (OVERDUE)" if d.overdue else ""), words, stamp))
    return cal.to_ical()


def _review_days(item: Item, first: date) -> list[tuple[str, date, str, str]]:
    """(key, day, summary, description) of a scheduled review's send-by, publication and retention end."""
    label = item.child or item.title
    days = []
    if item.type == "lcspr":
        last = last_send_day(first)
        sent = item.timeline.report_sent
        done = f"Sent on {sent}." if sent else "Not sent yet: record timeline.report_sent once it has gone."
        days.append(("send-by", last, f"{label}: last day to send the report" + (" (sent)" if sent else ""),
                     f"Send the final report to the National Panel, Ofsted and the DfE by "
                     f"{format_day(last)}, {NOTICE_WORKING_DAYS} working days before publication. {done}"))
    days.append(("publication", first, f"{label}: publication day",
                 f"{item.title} goes public on {format_day(first)} ({item.path})."))
    end = retention_end(first)
    days.append(("retention-end", end, f"{label}: end of its retention year",
                 f"Last day it must stay public; it may leave from {format_day(may_go_from(first))}."))
    return days


def _day_event(uid: str, day: date, summary: str, description: str, stamp) -> Event:
    event = Event()
    event.add("uid", f"{uid}@publication-plan")
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")
    return event
