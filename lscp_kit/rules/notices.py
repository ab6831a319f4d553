"""Warnings for the comms team that are not errors: an embargo about to lift by itself, and a
hidden review's pseudonym that is also ordinary words (the leak audit would stop on them)."""
from __future__ import annotations

from lscp_kit.clock import format_day
from lscp_kit.rules.catalogue import Catalogue
from lscp_kit.rules.decisions import EMBARGOED

EMBARGO_NOTICE_DAYS = 14
# Short words that follow "child" or "baby" in ordinary sentences ("give every child a voice")
ORDINARY = frozenset("a i an as at be by do go he if in is it me my no of on or so to up us we".split())


def embargo_reminders(cat: Catalogue) -> list[str]:
    """Each embargo with an end date that lifts within 14 days: the item goes public by itself."""
    found = []
    for ident, item in sorted(cat.items.items()):
        decision, until = cat.decisions[ident], item.embargo and item.embargo.until
        if decision.state != EMBARGOED or not until or decision.public_from != until:
            continue
        days = (until - cat.day).days
        if 0 < days <= EMBARGO_NOTICE_DAYS:
            what = "the trial outcome, the family and press lines" if item.section == "reviews" else \
                "that it can go public"
            found.append(f"The embargo on {ident} lifts on {format_day(until)} (in {days} day"
                         f"{'' if days == 1 else 's'}): confirm {what}, or extend embargo.until in {item.path}.")
    return found


def pseudonym_clashes(cat: Catalogue) -> list[str]:
    """A hidden review whose pseudonym is also ordinary words ("Child A" in "every child a chance")."""
    found = []
    for ident, item in sorted(cat.items.items()):
        words = (item.child or "").split() if item.section == "reviews" else []
        if cat.is_public(ident) or len(words) < 2 or not any(w.lower() in ORDINARY for w in words[1:]):
            continue
        phrase = " ".join(words).lower()
        found.append(f'{item.path}: child: "{item.child}" is also ordinary words: while this review is not '
                     f'public, the leak audit stops the build on any public page or file that says "{phrase}" '
                     "in an ordinary sentence. Reword such a sentence while the review is hidden.")
    return found
