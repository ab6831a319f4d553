"""The build summary: what is public, what changed since the last production build, what next."""
from __future__ import annotations

from datetime import date, timedelta

from lscp_kit.rules import register as reg
from lscp_kit.rules.catalogue import Catalogue
from lscp_kit.clock import format_day
from lscp_kit.rules.decisions import EMBARGOED, PUBLIC, SCHEDULED


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def public_at(register: reg.Register, day: date) -> set[str]:
    """Items the register records as public on `day`."""
    return {ident for ident, e in register.items()
            if e.first_public <= day and (e.gone is None or e.gone > day)}


def changes(cat: Catalogue, old: reg.Register) -> tuple[date, list[str], list[str]]:
    """(day compared with, ids that became public since, ids that left since)."""
    since = old.last_build or (cat.day - timedelta(days=1))
    before = public_at(old, since)
    now = {i.id for i in cat.public}
    return since, sorted(now - before), sorted(before - now)


def next_change(cat: Catalogue) -> tuple[date, str] | None:
    """The soonest day after the build day on which the public site will change, and how."""
    found: list[tuple[date, str]] = []
    for ident, item in cat.items.items():
        d = cat.decisions[ident]
        if d.state in (SCHEDULED, EMBARGOED) and d.public_from:
            found.append((d.public_from, f"{ident} goes public"))
        if d.state == PUBLIC:
            for when, what in ((item.withdrawn and item.withdrawn.date, "is withdrawn"),
                               (item.remove_after, "is removed")):
                if when and when > cat.day:
                    found.append((when, f"{ident} {what}"))
    if not found:
        return None
    first = min(day for day, _ in found)
    return first, "; ".join(sorted(what for day, what in found if day == first))


def lines(cat: Catalogue, old: reg.Register, preview: bool = False, as_of_build: bool = False) -> list[str]:
    """The summary in plain words, a sentence a line."""
    public = cat.public
    reviews = sum(i.section == "reviews" for i in public)
    out = []
    if preview:
        out.append(f"Preview built as of {format_day(cat.day)}: it shows {_plural(len(cat.items), 'item')}, "
                   f"{len(public)} of them public. Never deploy it.")
    else:
        kind = "As-of build (do not deploy)" if as_of_build else "Published"
        out.append(f"{kind} as of {format_day(cat.day)}: {_plural(len(public), 'item')} public "
                   f"({_plural(reviews, 'review')}, {len(public) - reviews} learning).")
    since, came, went = changes(cat, old)
    label = (f"since the last production build ({since.isoformat()})" if old.last_build else
             f"since yesterday ({since.isoformat()}: no production build is recorded before this one)")
    out.append(f"Became public {label}: " + (", ".join(came) if came else "nothing") + ".")
    out.append(f"Left the site {label}: " + (", ".join(went) if went else "nothing") + ".")
    upcoming = next_change(cat)
    if upcoming:
        day, what = upcoming
        out.append(f"Next scheduled change: {day.isoformat()} ({format_day(day)}): {what}.")
    else:
        out.append("Next scheduled change: none scheduled.")
    return out
