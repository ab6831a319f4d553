"""When an item is public: one decision per item and day, with the reason in words."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from lscp_kit.clock import format_day
from lscp_kit.rules.items import Item

class State(str, Enum):
    """What an item is on a day. A str, so it reads and compares as its value."""

    PUBLIC = "public"
    SCHEDULED = "scheduled"
    EMBARGOED = "embargoed"
    HELD = "held"
    DRAFT = "draft"
    RAPID_REVIEW = "rapid-review"
    WITHDRAWN = "withdrawn"
    REMOVED = "removed"

    def __str__(self) -> str:
        return self.value


PUBLIC, SCHEDULED, EMBARGOED, HELD = State.PUBLIC, State.SCHEDULED, State.EMBARGOED, State.HELD
DRAFT, RAPID_REVIEW, WITHDRAWN, REMOVED = State.DRAFT, State.RAPID_REVIEW, State.WITHDRAWN, State.REMOVED

# The one words map: each state as the report writes it and as a preview banner or listing
# says it; {day} is the day it goes public or left, the fallback when there is none.
WORDS: dict[State, tuple[str, str | None, str]] = {
    PUBLIC: ("public", None, ""),
    SCHEDULED: ("scheduled for {day}", "scheduled for {day}", "scheduled"),
    EMBARGOED: ("embargoed until {day}", "embargoed until {day}", "embargoed"),
    HELD: ("held, no end date", "held by an embargo with no end date", ""),
    DRAFT: ("draft", "draft", ""),
    RAPID_REVIEW: ("never public - rapid review", "rapid review, never published", ""),
    WITHDRAWN: ("withdrawn on {day}", "withdrawn on {day}", "withdrawn"),
    REMOVED: ("removed on {day}", "removed on {day}", "removed"),
}


@dataclass(frozen=True)
class Decision:
    """Whether an item is public on a day, why, and from when it would be."""

    state: State
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


def describe(decision: Decision, long: bool = False) -> str | None:
    """The state in words: short with ISO days for the report (``scheduled for 2026-06-08``),
    long with days in words for previews (``scheduled for 8 June 2026``; None when public)."""
    short, words, bare = WORDS[decision.state]
    text = words if long else short
    day = decision.public_from or decision.gone_on
    if text is None or "{day}" not in text:
        return text
    if day is None:
        return bare or text.replace(" {day}", "")
    return text.format(day=format_day(day) if long else day.isoformat())


def state_words(decision: Decision) -> str:
    """The report's short state: public; scheduled for D; embargoed until D; ..."""
    return describe(decision)
