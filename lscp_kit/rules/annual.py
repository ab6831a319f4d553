"""The annual report duty: one annual report public in every 12-month period (Working Together).

The next one is due a year after the last public annual report's first public day; builds
warn from `WARN_DAYS` days before, and past the day it is overdue.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lscp_kit.rules.catalogue import Catalogue
from lscp_kit.clock import anniversary, format_day
from lscp_kit.rules.decisions import EMBARGOED, SCHEDULED

WARN_DAYS = 30
TYPE = "annual-report"


@dataclass(frozen=True)
class Duty:
    """The last public annual report, when the next is due, and any one already scheduled."""

    day: date
    last_id: str | None
    last_public: date | None
    due: date | None  # None: no annual report has been public yet, so one is due now
    scheduled: date | None = None

    @property
    def overdue(self) -> bool:
        return self.due is None or self.day > self.due

    @property
    def days_left(self) -> int | None:
        return None if self.due is None else (self.due - self.day).days

    @property
    def warn(self) -> bool:
        """From WARN_DAYS days before the due day, and every day after it."""
        return self.overdue or self.days_left <= WARN_DAYS

    def words(self) -> str:
        """One line for `make report`: when the next is due, DUE SOON or OVERDUE."""
        planned = f"; one is scheduled for {self.scheduled}" if self.scheduled else ""
        if self.due is None:
            return f"Annual report: none is public yet: OVERDUE, publish one now{planned}."
        last = f"last {self.last_id}, public since {self.last_public}"
        if self.overdue:
            return (f"Annual report: next was due by {self.due} ({last}): OVERDUE by "
                    f"{-self.days_left} days{planned}.")
        soon = f": DUE SOON, in {self.days_left} days" if self.warn else ""
        return f"Annual report: next due by {self.due} ({last}){soon}{planned}."


def duty(cat: Catalogue) -> Duty:
    """The annual report duty as of the catalogue's day."""
    public = [(cat.first_public[i.id], i.id) for i in cat.public if i.type == TYPE]
    ahead = sorted(cat.first_public[i.id] for i in cat.items.values() if i.type == TYPE
                   and cat.decisions[i.id].state in (SCHEDULED, EMBARGOED) and i.id in cat.first_public)
    scheduled = ahead[0] if ahead else None
    if not public:
        return Duty(cat.day, None, None, None, scheduled)
    last_public, last_id = max(public)
    return Duty(cat.day, last_id, last_public, anniversary(last_public), scheduled)


def warning(cat: Catalogue) -> str | None:
    """The build's warning from WARN_DAYS days before the next annual report is due; else None."""
    d = duty(cat)
    if not d.warn:
        return None
    planned = f" One is scheduled for {d.scheduled}." if d.scheduled else ""
    if d.due is None:
        return ("No annual report is public: the partnership must publish one in every 12-month "
                f"period (Working Together). Add one under content/learning/ with type: annual-report.{planned}")
    if d.overdue:
        return (f"The annual report is OVERDUE: the last ({d.last_id}) went public on {d.last_public}, so "
                f"the next was due by {d.due} ({format_day(d.due)}). Publish it as soon as you can.{planned}")
    return (f"The next annual report is due by {d.due} ({format_day(d.due)}), in {d.days_left} days: "
            f"the last ({d.last_id}) went public on {d.last_public}.{planned}")

