"""What the templates show: plain dictionaries built from the catalogue, nothing decided here."""
from __future__ import annotations

import posixpath
from collections import Counter
from datetime import date, datetime
from functools import cached_property
from typing import Iterable, Mapping

from lscp_kit.rules.catalogue import Catalogue
from lscp_kit.rules import events
from lscp_kit.clock import format_day, london_midnight
from lscp_kit import routes
from lscp_kit.rules.decisions import Decision, describe
from lscp_kit.rules.items import LEARNING_TYPES, REVIEW_TYPES, SECTIONS, Item, slugify

FILE_KINDS = {
    ".pdf": ("PDF", "application/pdf"),
    ".docx": ("Word document", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".odt": ("OpenDocument text", "application/vnd.oasis.opendocument.text"),
    ".mp3": ("MP3 audio", "audio/mpeg"),
    ".m4a": ("M4A audio", "audio/mp4"),
    ".ogg": ("Ogg audio", "audio/ogg"),
    ".wav": ("WAV audio", "audio/wav"),
    ".txt": ("Plain text", "text/plain"),
    ".csv": ("CSV", "text/csv"),
}
ATTACHMENT_LABELS = {"report": "Full report", "briefing": "Briefing note", "audio": "Audio file"}


def file_kind(path: str) -> tuple[str, str]:
    """(label, MIME type) of an attachment, from its extension."""
    ext = posixpath.splitext(path)[1].lower()
    return FILE_KINDS.get(ext, (ext.lstrip(".").upper() or "File", "application/octet-stream"))


def human_size(size: int) -> str:
    """``1.2 MB``, ``340 KB``: sizes as GOV.UK writes them."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def state_text(decision: Decision) -> str | None:
    """A hidden item's state for preview listings (``scheduled for 8 June 2026``); None if public."""
    return describe(decision, long=True)


def theme_url(section: str, label: str) -> str:
    pattern = routes.REVIEW_THEME if section == "reviews" else routes.LEARNING_THEME
    return routes.url_of(pattern.format(slug=slugify(label)))


def type_url(kind: str) -> str:
    return routes.review_type_url(kind)


class Views:
    """Builds template data for the items `shown` (public ones; every one in preview)."""

    def __init__(self, cat: Catalogue, shown: Iterable[str], sizes: Mapping[str, int],
                 moment: datetime | None = None):
        self.cat, self.shown, self.sizes = cat, frozenset(shown), sizes
        self.moment = moment or london_midnight(cat.day)  # events end during a day: the build moment
        self._rows: dict[str, dict] = {}

    def day_of(self, item: Item) -> date | None:
        return self.cat.first_public.get(item.id) or item.date

    def _sorted(self, items: Iterable[Item]) -> list[Item]:
        return sorted(items, key=lambda i: ((self.day_of(i) or date.min).toordinal(), i.title), reverse=True)

    def row(self, item: Item) -> dict:
        """An item as a line of a listing; made once per build (templates only read it)."""
        found = self._rows.get(item.id)
        if found is None:
            found = self._rows[item.id] = self._row(item)
        return found

    def _row(self, item: Item) -> dict:
        day = self.day_of(item)
        return {
            "id": item.id, "title": item.title, "url": item.url, "summary": item.summary or "",
            "type": item.type, "type_label": item.type_label, "child": item.child,
            "date": format_day(day) if day else "not dated", "iso": day.isoformat() if day else "",
            "public": self.cat.is_public(item.id), "state": state_text(self.cat.decisions[item.id]),
        }

    @cached_property
    def _shown(self) -> dict[str | None, list[Item]]:
        everything = self._sorted(self.cat.items[i] for i in self.shown if i in self.cat.items)
        by_section: dict[str | None, list[Item]] = {None: everything}
        for section in SECTIONS:
            by_section[section] = [i for i in everything if i.section == section]
        return by_section

    def shown_items(self, section: str | None = None) -> list[Item]:
        """Shown items (of one section), newest first; sorted once per build."""
        return self._shown[section]

    def item(self, item: Item) -> dict:
        """The header of an item's page: type, dates, themes, downloads, related items."""
        view = dict(self.row(item))
        view["themes"] = [{"label": t, "url": theme_url(item.section, t)} for t in item.themes]
        view["downloads"] = [self.download(key, getattr(item, key)) for key in ATTACHMENT_LABELS
                             if getattr(item, key)]
        view["duration"] = item.duration
        view["audio"] = self.download("audio", item.audio) if item.audio else None
        if item.section == "reviews":
            related = [i for i in self.cat.public_learning_about(item) if i.id in self.shown]
            if not self.cat.is_public(item.id):
                related = []
        else:
            related = [r for r in (self.cat.review(ref) for ref in item.reviews) if r and r.id in self.shown]
        view["related"] = [self.row(r) for r in self._sorted(related)]
        decision = self.cat.decisions[item.id]
        view["banner"] = None if decision.public else decision.reason
        view["event"] = self.event(item)
        return view

    def download(self, key: str, path: str) -> dict:
        label, mime = file_kind(path)
        size = self.sizes.get(path, 0)
        return {"label": ATTACHMENT_LABELS[key], "url": path, "name": posixpath.basename(path),
                "kind": label, "mime": mime, "size": human_size(size), "bytes": size}

    def reviews_by_year(self, kind: str | None = None, theme: str | None = None) -> list[dict]:
        """Reviews grouped by year of first public day, newest first, optionally filtered."""
        groups: dict[str, list[dict]] = {}
        for item in self.shown_items("reviews"):
            if (kind and item.type != kind) or (theme and theme not in map(slugify, item.themes)):
                continue
            day = self.day_of(item)
            groups.setdefault(str(day.year) if day else "Not dated", []).append(self.row(item))
        return [{"heading": year, "items": rows} for year, rows in groups.items()]

    def learning_by_type(self, theme: str | None = None) -> list[dict]:
        """Learning grouped by type, in the order of LEARNING_TYPES."""
        groups = []
        items = self.shown_items("learning")
        for kind, label in LEARNING_TYPES.items():
            rows = [self.row(i) for i in items
                    if i.type == kind and (not theme or theme in map(slugify, i.themes))]
            if rows:
                groups.append({"heading": label + "s" if not label.endswith("s") else label,
                               "items": rows, "type": kind})
        return groups

    @cached_property
    def review_filters(self) -> dict:
        """Links to every type and theme that has a shown review: filters without JavaScript."""
        reviews = self.shown_items("reviews")
        kinds = [{"label": REVIEW_TYPES[k], "url": type_url(k), "slug": k,
                  "count": sum(i.type == k for i in reviews)}
                 for k in REVIEW_TYPES if any(i.type == k for i in reviews)]
        return {"types": kinds, "themes": self.themes("reviews")}

    def themes(self, section: str) -> list[dict]:
        """Every theme of the section's shown items, with a count, by slug."""
        return self._themes[section]

    @cached_property
    def _themes(self) -> dict[str, list[dict]]:
        found = {}
        for section in SECTIONS:
            labels, counts = {}, Counter()
            for item in self.shown_items(section):
                for label in item.themes:
                    labels.setdefault(slugify(label), label)
                    counts[slugify(label)] += 1
            found[section] = [{"label": labels[slug], "slug": slug, "url": theme_url(section, labels[slug]),
                               "count": counts[slug]} for slug in sorted(counts)]
        return found

    def latest(self, n: int = 6) -> list[dict]:
        return [self.row(i) for i in self.shown_items()[:n]]

    def event(self, item: Item) -> dict | None:
        """When and where an event happens, for its page and the events listings."""
        event = item.event
        if event is None or item.type not in events.EVENT_TYPES:
            return None
        past = event.past(self.moment)
        return {"when": events.when_words(event), "start": event.start.isoformat(),
                "end": event.end.isoformat(), "day": format_day(event.start.date()),
                "place": event.place, "online": event.online, "past": past,
                "booking": None if past else event.booking}

    @cached_property
    def _events(self) -> tuple[list[Item], list[Item]]:
        shown = self.shown_items("learning")
        return events.upcoming(shown, self.moment), events.past(shown, self.moment)

    def events(self) -> dict:
        """The events page: upcoming ones soonest first, then past ones newest first."""
        upcoming, past = self._events
        return {"upcoming": [self.event_row(i) for i in upcoming], "past": [self.event_row(i) for i in past]}

    def next_events(self, n: int = 3) -> list[dict]:
        """The home page's next `n` upcoming events."""
        return [self.event_row(i) for i in self._events[0][:n]]

    def event_row(self, item: Item) -> dict:
        return {**self.row(item), "event": self.event(item)}
