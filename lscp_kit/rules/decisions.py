"""When an item is public: one decision per item and day, with the reason in words."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lscp_kit.clock import format_day
from lscp_kit.rules.items import Item

PUBLIC = "public"
SCHEDULED = "scheduled"
EMBARGOED = "embargoed"
HELD = "held"
DRAFT = "draft"
RAPID_REVIEW = "rapid-review"
WITHDRAWN = "withdrawn"
REMOVED = "removed"


@dataclass(frozen=True)
class Decision:
    """Whether an item is public on a day, why, and from when it would be."""

    state: str
    reason: str
    first_public_day: date | None
    public_from: date | None = None
    gone_on: date | None = None

    @property
    def public(self) -> bool:
        return self.state == PUBLIC


def first_public_day(item: Item) -> date | None:
    """The later of `date` and `embargo.until`; None when it has no date or an open embargo."""
    if item.date is None or item.type == "rapid-review":
        return None
    if item.embargo is None:
        return item.date
    if item.embargo.until is None:
        return None
    return max(item.date, item.embargo.until)


def decide(item: Item, day: date) -> Decision:
    """Is `item` public on London day `day`? SPEC "When an item is public", in one place."""
    first = first_public_day(item)
    if item.type == "rapid-review":
        return Decision(RAPID_REVIEW, "Rapid review: never published (Working Together).", None)
    if item.status == "draft":
        return Decision(DRAFT, "Draft: set status: published, a date and a summary to publish it.", None)
    if item.withdrawn and item.withdrawn.date <= day:
        return Decision(WITHDRAWN, f"Withdrawn on {format_day(item.withdrawn.date)}: "
                                   f"{item.withdrawn.reason}", first, gone_on=item.withdrawn.date)
    if item.remove_after and item.remove_after <= day:
        return Decision(REMOVED, f"Removed on {format_day(item.remove_after)} (remove_after).", first,
                        gone_on=item.remove_after)
    ends = _ends(item, first)
    if item.embargo and item.embargo.until is None:
        return Decision(HELD, f"Held by an embargo with no end date ({item.embargo.reason}): it stays "
                              "hidden until the embargo is removed.", None)
    if item.embargo and item.embargo.until > day and item.embargo.until >= item.date:
        return Decision(EMBARGOED, f"Embargoed until {format_day(item.embargo.until)} "
                                   f"({item.embargo.reason}): public from that day{ends}.", first, first)
    if item.date > day:
        return Decision(SCHEDULED, f"Scheduled: public from {format_day(first)}{ends}.", first, first)
    return Decision(PUBLIC, "Public.", first)


def _ends(item: Item, first: date | None) -> str:
    """A warning when a withdrawal or removal would end it before it starts."""
    stops = [d for d in (item.withdrawn and item.withdrawn.date, item.remove_after) if d]
    if first and stops and min(stops) <= first:
        return f", but it leaves again on {format_day(min(stops))} so it never shows"
    return ""


def state_words(decision: Decision) -> str:
    """The report's short state: public; scheduled for D; embargoed until D; ..."""
    d = decision
    if d.state == SCHEDULED:
        return f"scheduled for {d.public_from.isoformat()}"
    if d.state == EMBARGOED:
        return f"embargoed until {d.public_from.isoformat()}"
    return {
        PUBLIC: "public",
        HELD: "held, no end date",
        DRAFT: "draft",
        RAPID_REVIEW: "never public - rapid review",
        WITHDRAWN: "withdrawn",
        REMOVED: "removed",
    }[d.state] + (f" on {d.gone_on.isoformat()}" if d.gone_on else "")
