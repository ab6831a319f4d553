"""The front-matter schema in one table: which keys each section's items take, the keys inside
each group, and how `make new` writes each one into a draft. The reader (`items`), the
scaffold (`make new`) and the check for left-over template text all read this table."""
from __future__ import annotations

import re
from dataclasses import dataclass

BOTH = ("reviews", "learning")


@dataclass(frozen=True)
class Field:
    """One front-matter key: the sections that take it, its keys if it is a group, and the
    commented lines a new draft shows for it (``{slug}`` is filled in)."""

    key: str
    sections: tuple[str, ...] = BOTH
    nested: tuple[str, ...] = ()
    template: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()  # types whose drafts show it; empty: every type of its sections


FIELDS: tuple[Field, ...] = (
    Field("title"),
    Field("status"),
    Field("type"),
    Field("date", template=("# date: YYYY-MM-DD       # publication date; a future date schedules it",)),
    Field("summary", template=("# summary: >-            # one or two sentences for listings and feeds",
                               "#   What happened, and what has changed for practitioners.")),
    Field("themes", template=("# themes: [neglect]      # short labels; each gets its own listing page",)),
    Field("child", ("reviews",), template=("child: \"{child}\"         # the pseudonym the report uses: "
                                           "never a real name",)),
    Field("report", ("reviews",), template=("# report: {slug}-report.pdf        # the full report, saved "
                                            "beside this file",)),
    Field("briefing", ("reviews",), template=("# briefing: {slug}-briefing.pdf    # a practitioner briefing, "
                                              "saved beside this file",)),
    Field("embargo", nested=("until", "reason"),
          template=("# embargo:               # hold it back, e.g. until criminal proceedings end",
                    "#   until: YYYY-MM-DD    # leave out until: to hold it with no end date",
                    "#   reason: criminal trial listed for ...")),
    Field("endorsed", ("reviews",), kinds=("lcspr",),
          template=("# endorsed: YYYY-MM-DD  # LCSPR: the day the safeguarding partners endorsed the final "
                    "report",)),
    Field("timeline", ("reviews",), nested=("incident_notified", "rapid_review_sent", "report_sent"),
          template=("# timeline:              # never published as dates: only working-day figures are",
                    "#   incident_notified: YYYY-MM-DD   # serious incident notified to the National Panel",
                    "#   rapid_review_sent: YYYY-MM-DD   # rapid review sent to the National Panel",
                    "#   report_sent: YYYY-MM-DD         # LCSPR: final report to Panel, Ofsted and DfE,",
                    "#                                   # at least 7 working days before publication")),
    Field("reviews", ("learning",), template=("# reviews: [2026-child-x]          # reviews this draws on: "
                                              "their folder names under reviews/",)),
    Field("audio", ("learning",), kinds=("podcast",),
          template=("# audio: {slug}.mp3       # required to publish: the audio file, saved beside this file",)),
    Field("duration", ("learning",), kinds=("podcast",),
          template=("# duration: \"00:30:00\"    # required to publish: the length as HH:MM:SS, in quotes",)),
    Field("event", ("learning",), nested=("start", "end", "location", "booking"), kinds=("event", "webinar"),
          template=("# event:                 # {event_need}: the times are London times",
                    "#   start: YYYY-MM-DDTHH:MM",
                    "#   end: YYYY-MM-DDTHH:MM",
                    "#   location: online     # or the venue's name and address",
                    "#   booking: https://... # optional: where to book a place")),
    Field("withdrawn", nested=("date", "reason")),
    Field("remove_after"),
)

SECTION_KEYS = {section: frozenset(f.key for f in FIELDS if section in f.sections) for section in BOTH}
NESTED_KEYS = {f.key: frozenset(f.nested) for f in FIELDS if f.nested}

# The body a new draft starts with; publishing with it still there is an error.
SCAFFOLD_BODY = "Write the {what} here"
SCAFFOLD = re.compile(r"^Write the [a-z' -]+ here\b.*$", re.M)


def template_lines(section: str, kind: str, **values: str) -> list[str]:
    """The commented lines of a new draft of `kind` in `section`, in the table's order."""
    lines = []
    for f in FIELDS:
        if f.template and section in f.sections and (not f.kinds or kind in f.kinds):
            lines += [line.format(**values) for line in f.template]
    return lines
