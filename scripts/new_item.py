#!/usr/bin/env python3
"""`make new`: scaffold a review or learning item as a draft, never overwriting anything.

    make new KIND=review SLUG=2026-child-m            a review (LCSPR by default)
    make new KIND=scr SLUG=2016-family-g              a legacy serious case review
    make new KIND=one-minute-guide SLUG=safer-sleep   learning: one-minute-guide, newsletter,
                                                      podcast, webinar, briefing, annual-report, event
    make new KIND=newsletter SLUG=2026-12             titled "Newsletter: December 2026"
    make new KIND=event SLUG=2027-03-dsl-forum        an event (start, end and location to fill in)
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import _setup

from lscp_kit.rules import schema
from lscp_kit.rules.items import LEARNING_TYPES, REVIEW_TYPES

FOLDERS = {"one-minute-guide": "one-minute-guides", "newsletter": "newsletters", "podcast": "podcasts",
           "webinar": "webinars", "briefing": "briefings", "annual-report": "annual-reports", "event": "events"}
KINDS = ["review", *REVIEW_TYPES, *LEARNING_TYPES]
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")

HEAD = """\
---
# {what}, created as a draft: nothing is published until status is "published".
title: "{title}"
status: draft            # draft, published or withdrawn
type: {kind}{type_note}
"""
REVIEW_NOTE = "             # lcspr, scr, learning-review or rapid-review (never published)"
REVIEW_BODY = ("{scaffold}: what happened, what the review found and what has changed. Save the "
               "report PDF in this folder and name it under `report:` above.\n")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def target(kind: str, slug: str) -> tuple[Path, Path]:
    """(file to write, the other form of the same item that must not exist either)."""
    if kind in REVIEW_TYPES or kind == "review":
        base = Path("reviews")
    else:
        base = Path("learning") / FOLDERS[kind]
    return base / slug / "index.md", base / f"{slug}.md"


def title_words(slug: str) -> str:
    """A readable title from a slug: ``2026-12`` -> December 2026, ``2026-winter`` -> Winter 2026,
    ``2026-child-m`` -> Child M, ``safer-sleep`` -> Safer sleep."""
    month = re.fullmatch(r"(\d{4})-(\d{2})", slug)
    if month and 1 <= int(month.group(2)) <= 12:
        return f"{MONTHS[int(month.group(2)) - 1]} {month.group(1)}"
    year = re.fullmatch(r"(\d{4})-([a-z-]+)", slug)
    if year and year.group(2) in ("spring", "summer", "autumn", "winter"):
        return f"{year.group(2).title()} {year.group(1)}"
    words = (year.group(2) if year else slug).replace("-", " ")
    return words.title() if year else words.capitalize()


def skeleton(kind: str, slug: str) -> str:
    """The draft's text: front matter from the schema's table, commented until filled in."""
    words = title_words(slug)
    if kind == "review" or kind in REVIEW_TYPES:
        kind = "lcspr" if kind == "review" else kind
        head = HEAD.format(what="A new review", title=f"{words}: a {REVIEW_TYPES[kind].lower()}", kind=kind,
                           type_note=REVIEW_NOTE)
        lines = schema.template_lines("reviews", kind, slug=slug, child=words)
        body = REVIEW_BODY.format(scaffold=schema.SCAFFOLD_BODY.format(what="review's summary page"))
    else:
        head = HEAD.format(what=f"A new {LEARNING_TYPES[kind].lower()}", title=f"{LEARNING_TYPES[kind]}: {words}",
                           kind=kind, type_note="")
        need = "required to publish" if kind == "event" else "optional for a webinar"
        lines = schema.template_lines("learning", kind, slug=slug, event_need=need)
        body = schema.SCAFFOLD_BODY.format(what=LEARNING_TYPES[kind].lower()) + ".\n"
    return head + "\n".join(lines) + "\n---\n\n" + body


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
