#!/usr/bin/env python3
"""`make new`: scaffold a review or learning item as a draft, never overwriting anything.

    make new KIND=review SLUG=2026-child-m            a review (LCSPR by default)
    make new KIND=scr SLUG=2016-family-g              a legacy serious case review
    make new KIND=one-minute-guide SLUG=safer-sleep   learning: one-minute-guide, newsletter,
                                                      podcast, webinar, briefing, annual-report
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import _setup

from lscp_kit.rules.items import LEARNING_TYPES, REVIEW_TYPES

FOLDERS = {"one-minute-guide": "one-minute-guides", "newsletter": "newsletters", "podcast": "podcasts",
           "webinar": "webinars", "briefing": "briefings", "annual-report": "annual-reports", "event": "events"}
KINDS = ["review", *REVIEW_TYPES, *LEARNING_TYPES]
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")

REVIEW = """\
---
# A new review, created as a draft: nothing is published until status is "published".
title: "{title}"
status: draft            # draft, published or withdrawn
type: {kind}             # lcspr, scr, learning-review or rapid-review (never published)
child: "{child}"         # the pseudonym the report uses: never a real name
# date: YYYY-MM-DD       # publication date; a future date schedules it
# summary: >-            # one or two sentences for listings and feeds
#   What happened, and what the partnership has changed.
# themes: [neglect]      # short labels; each gets its own listing page
# report: {slug}-report.pdf        # the full report, saved beside this file
# briefing: {slug}-briefing.pdf    # a practitioner briefing, saved beside this file
# embargo:               # hold it back, e.g. until criminal proceedings end
#   until: YYYY-MM-DD    # leave out until: to hold it with no end date
#   reason: criminal trial listed for ...
# endorsed: YYYY-MM-DD  # LCSPR: the day the safeguarding partners endorsed the final report
# timeline:              # never published as dates: only working-day figures are
#   incident_notified: YYYY-MM-DD   # serious incident notified to the National Panel
#   rapid_review_sent: YYYY-MM-DD   # rapid review sent to the National Panel
#   report_sent: YYYY-MM-DD         # LCSPR: final report to Panel, Ofsted and DfE,
#                                   # at least 7 working days before publication
---

Write the review's summary page here: what happened, what the review found and what has
changed. Save the report PDF in this folder and name it under `report:` above.
"""

LEARNING = """\
---
# New learning, created as a draft: nothing is published until status is "published".
title: "{title}"
status: draft            # draft, published or withdrawn
type: {kind}
# date: YYYY-MM-DD       # publication date; a future date schedules it
# summary: >-            # one or two sentences for listings and feeds
#   What practitioners will learn.
# themes: [neglect]
# reviews: [2021-child-l]          # reviews this draws on: their folder names under reviews/
{podcast}{event}---

Write the {label} here.
"""

EVENT = """\
# event:                 # {required}: the times are London times
#   start: YYYY-MM-DDTHH:MM
#   end: YYYY-MM-DDTHH:MM
#   location: online     # or the venue's name and address
#   booking: https://... # optional: where to book a place
"""

PODCAST = """\
# audio: {slug}.mp3       # required to publish: the audio file, saved beside this file
# duration: "00:30:00"    # required to publish: the length as HH:MM:SS, in quotes
"""


def target(kind: str, slug: str) -> tuple[Path, Path]:
    """(file to write, the other form of the same item that must not exist either)."""
    if kind in REVIEW_TYPES or kind == "review":
        base = Path("reviews")
    else:
        base = Path("learning") / FOLDERS[kind]
    return base / slug / "index.md", base / f"{slug}.md"


def skeleton(kind: str, slug: str) -> str:
    words = slug.split("-", 1)[-1].replace("-", " ") if re.match(r"^\d{4}-", slug) else slug.replace("-", " ")
    if kind == "review" or kind in REVIEW_TYPES:
        kind = "lcspr" if kind == "review" else kind
        return REVIEW.format(title=f"{words.title()}: a {REVIEW_TYPES[kind].lower()}", kind=kind,
                             child=words.title(), slug=slug)
    label = LEARNING_TYPES[kind].lower()
    podcast = PODCAST.format(slug=slug) if kind == "podcast" else ""
    event = EVENT.format(required="required to publish" if kind == "event" else "optional for a webinar") \
        if kind in ("event", "webinar") else ""
    return LEARNING.format(title=f"{LEARNING_TYPES[kind]}: {words}", kind=kind, podcast=podcast, event=event,
                           label=label)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", nargs="?", help=", ".join(KINDS))
    parser.add_argument("slug", nargs="?", help="folder name: lower-case letters, digits and hyphens")
    parser.add_argument("--content", type=Path, default=_setup.ROOT / "content", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.kind not in KINDS or not args.slug:
        print(f"usage: make new KIND=<{'|'.join(KINDS)}> SLUG=<name>, e.g. make new KIND=review "
              "SLUG=2026-child-m", file=sys.stderr)
        return 2
    if not SLUG.match(args.slug):
        print(f"error: SLUG {args.slug!r}: use lower-case letters, digits and hyphens only", file=sys.stderr)
        return 2
    path, other = target(args.kind, args.slug)
    for existing in (path, other):
        if (args.content / existing).exists():
            print(f"error: content/{existing} already exists: nothing was written. Choose another SLUG "
                  "or edit that file.", file=sys.stderr)
            return 1
    (args.content / path).parent.mkdir(parents=True, exist_ok=True)
    (args.content / path).write_text(skeleton(args.kind, args.slug), encoding="utf-8")
    print(f"Created content/{path} as a draft. Edit it, then run `make preview` to see it.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
