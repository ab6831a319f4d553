"""Statutory timelines (Working Together): the notice rule that blocks, the timings reported."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from lscp_kit.rules import workdays
from lscp_kit.clock import format_day
from lscp_kit.rules.decisions import EMBARGOED, PUBLIC, SCHEDULED, Decision
from lscp_kit.rules.items import Item
from lscp_kit.problems import Problem

NOTICE_WORKING_DAYS = 7
RAPID_REVIEW_WORKING_DAYS = 15


@dataclass(frozen=True)
class Timings:
    """Working-day figures of one review; None where a date is missing."""

    rapid_review_working_days: int | None = None
    notice_working_days: int | None = None

    @property
    def rapid_review_late(self) -> bool:
        n = self.rapid_review_working_days
        return n is not None and n > RAPID_REVIEW_WORKING_DAYS

    @property
    def notice_short(self) -> bool:
        n = self.notice_working_days
        return n is not None and n < NOTICE_WORKING_DAYS


def timings(item: Item, first_public: date | None) -> Timings:
    """Rapid review sent n working days after notification; report sent n before publication."""
    t = item.timeline
    rapid = None
    if t.incident_notified and t.rapid_review_sent:
        rapid = workdays.days_after(t.incident_notified, t.rapid_review_sent)
    notice = None
    if t.report_sent and first_public:
        notice = workdays.days_before(t.report_sent, first_public)
    return Timings(rapid, notice)


def earliest_publication(report_sent: date) -> date:
    """The first day an LCSPR may go public when its report was sent on `report_sent`."""
    return workdays.add(report_sent - timedelta(days=1), NOTICE_WORKING_DAYS) + timedelta(days=1)


def notice_problem(item: Item, decision: Decision, first_public: date | None) -> Problem | None:
    """An LCSPR may not be public without its report sent 7 working days before (SPEC rule 4)."""
    if item.type != "lcspr" or decision.state not in (PUBLIC, SCHEDULED, EMBARGOED):
        return None
    sent = item.timeline.report_sent
    if sent is None:
        if decision.state != PUBLIC:
            return None
        return Problem(item.path, "timeline.report_sent", "missing: an LCSPR can be public only once "
                       "its final report has gone to the National Panel, Ofsted and the DfE at least "
                       f"{NOTICE_WORKING_DAYS} working days before (first public day {first_public}). "
                       "Add the date it was sent, or set status: draft.")
    n = workdays.days_before(sent, first_public)
    if n >= NOTICE_WORKING_DAYS:
        return None
    latest = last_send_day(first_public)
    return Problem(item.path, "timeline.report_sent", f"{sent} is {n} working days before the first "
                   f"public day {first_public} ({format_day(first_public)}); the report must go to the "
                   f"National Panel, Ofsted and the DfE no later than {latest}, {NOTICE_WORKING_DAYS} "
                   "working days before (bank holidays in England do not count). Move the "
                   f"publication to {earliest_publication(sent)} or later.")


def last_send_day(first_public: date) -> date:
    """The last day the final report may go to the Panel, Ofsted and the DfE for `first_public`."""
    return workdays.subtract(first_public, NOTICE_WORKING_DAYS)


def send_by(item: Item, decision: Decision, first_public: date | None) -> date | None:
    """For a scheduled or embargoed LCSPR whose report has not gone yet: the last day to send it."""
    if (item.type == "lcspr" and decision.state in (SCHEDULED, EMBARGOED) and first_public
            and item.timeline.report_sent is None):
        return last_send_day(first_public)
    return None


def send_by_reminder(item: Item, decision: Decision, first_public: date | None) -> str | None:
    """A heads-up for the comms team, before the day the build would refuse to publish."""
    day = send_by(item, decision, first_public)
    if day is None:
        return None
    return (f"{item.path}: timeline.report_sent: not set yet. Send the final report to the National "
            f"Panel, Ofsted and the DfE by {day} ({format_day(day)}) and record the date, or the "
            f"build will refuse to publish it on {first_public}.")


def endorsement_problem(item: Item, decision: Decision, first_public: date | None) -> Problem | None:
    """An LCSPR may be public only once the safeguarding partners have endorsed it, on or
    before its first public day."""
    if item.type != "lcspr" or decision.state not in (PUBLIC, SCHEDULED, EMBARGOED):
        return None
    endorsed = item.endorsed
    if endorsed is None:
        if decision.state != PUBLIC:
            return None
        return Problem(item.path, "endorsed", "missing: an LCSPR can be public only once the "
                       "safeguarding partners have formally endorsed the final report (first public "
                       f"day {first_public}). Add the date they endorsed it, or set status: draft.")
    if first_public and endorsed > first_public:
        return Problem(item.path, "endorsed", f"{endorsed} is after the first public day {first_public}: "
                       "the partners endorse the final report before it is published. Check the date, "
                       "or move the publication after the endorsement.")
    return None


def future_date_problems(item: Item, day: date) -> list[Problem]:
    """Dates of things done (report sent, endorsed) cannot be after the build day."""
    done = {"timeline.report_sent": item.timeline.report_sent, "endorsed": item.endorsed}
    return [Problem(item.path, key, f"{when} is after today ({day}): it has not happened yet. "
                    "Record the date once it has happened, or correct it.")
            for key, when in done.items() if when and when > day]


def timeline_problems(item: Item, decision: Decision, first_public: date | None, day: date) -> list[Problem]:
    """Every statutory-timeline problem of one item as of `day`: notice, endorsement, future dates."""
    found = [notice_problem(item, decision, first_public), endorsement_problem(item, decision, first_public)]
    return [p for p in found if p] + future_date_problems(item, day)


def endorsement_reminder(item: Item, decision: Decision, first_public: date | None) -> str | None:
    """A heads-up for a scheduled or embargoed LCSPR not yet endorsed."""
    if (item.type != "lcspr" or decision.state not in (SCHEDULED, EMBARGOED) or not first_public
            or item.endorsed is not None):
        return None
    return (f"{item.path}: endorsed: not set yet. The safeguarding partners must formally endorse the "
            f"final report by {first_public} ({format_day(first_public)}); record the date, or the "
            "build will refuse to publish it on that day.")


def reminders(item: Item, decision: Decision, first_public: date | None) -> list[str]:
    """Everything the comms team must still do before a scheduled LCSPR's day."""
    found = [send_by_reminder(item, decision, first_public), endorsement_reminder(item, decision, first_public)]
    return [r for r in found if r]
