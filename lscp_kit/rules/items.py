"""Items: reviews and learning, read from their front matter and checked against the schema.

Every error is collected, never raised one at a time, so a build reports them all at once.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date
from typing import Any, Iterable, Mapping

from lscp_kit.rules.events import EVENT_TYPES, Event, parse_event
from lscp_kit.rules.fields import Fields, empty_keys, without_empty
from lscp_kit.rules.frontmatter import FrontMatterError, split, unknown_key
from lscp_kit.problems import Problem
from lscp_kit.routes import RESERVED_SLUGS
from lscp_kit.rules.schema import NESTED_KEYS, SCAFFOLD, SECTION_KEYS

SECTIONS = ("reviews", "learning")
SECTION_PAGES = frozenset({"reviews/index.md", "learning/index.md"})
STATUSES = ("draft", "published", "withdrawn")
REVIEW_TYPES = {
    "lcspr": "Local child safeguarding practice review",
    "scr": "Serious case review",
    "learning-review": "Learning review",
    "rapid-review": "Rapid review",
}
LEARNING_TYPES = {
    "one-minute-guide": "One-minute guide",
    "newsletter": "Newsletter",
    "podcast": "Podcast",
    "webinar": "Webinar",
    "briefing": "Briefing",
    "annual-report": "Annual report",
    "event": "Event",
}
TYPE_LABELS = {**REVIEW_TYPES, **LEARNING_TYPES}
_EMPTY = ("has no value: fill it in or delete the line. An empty key is never taken to mean "
          "\"none\": a misread embargo or withdrawal could publish the item")
_DURATION = re.compile(r"^\d{2}:[0-5]\d:[0-5]\d$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Embargo:
    """Held from the public until `until` (or until removed, when None)."""

    until: date | None
    reason: str


@dataclass(frozen=True)
class Withdrawal:
    """Withdrawn from the site on `date`, for `reason`."""

    date: date
    reason: str


@dataclass(frozen=True)
class Timeline:
    """Statutory dates of a review: never published raw."""

    incident_notified: date | None = None
    rapid_review_sent: date | None = None
    report_sent: date | None = None


@dataclass(frozen=True)
class Item:
    """A review or a learning item, as its front matter describes it."""

    id: str
    source: str
    path: str
    section: str
    title: str
    status: str
    type: str
    date: date | None = None
    summary: str | None = None
    embargo: Embargo | None = None
    withdrawn: Withdrawal | None = None
    remove_after: date | None = None
    themes: tuple[str, ...] = ()
    child: str | None = None
    report: str | None = None
    briefing: str | None = None
    timeline: Timeline = field(default_factory=Timeline)
    endorsed: date | None = None
    reviews: tuple[str, ...] = ()
    audio: str | None = None
    duration: str | None = None
    event: Event | None = None
    files: tuple[str, ...] = ()
    body: str = ""

    @property
    def url(self) -> str:
        """The site-relative URL: ``reviews/2022-baby-x/``."""
        return self.id + "/"

    @property
    def slug(self) -> str:
        """The last part of the id; a review is referred to by its path under ``reviews/``."""
        return self.id.split("/", 1)[1]

    @property
    def type_label(self) -> str:
        return TYPE_LABELS[self.type]

    @property
    def attachments(self) -> tuple[str, ...]:
        """Named downloads, in the order report, briefing, audio."""
        return tuple(p for p in (self.report, self.briefing, self.audio) if p)


def is_item_source(src: str) -> bool:
    """True for a Markdown file under reviews/ or learning/ other than the section pages."""
    return (
        src.endswith(".md")
        and src.split("/", 1)[0] in SECTIONS
        and "/" in src
        and src not in SECTION_PAGES
    )


def item_id(src: str) -> str:
    """``reviews/x.md`` and ``reviews/x/index.md`` are both ``reviews/x``."""
    if src.endswith("/index.md"):
        return src[: -len("/index.md")]
    return src[: -len(".md")]


@lru_cache(maxsize=4096)
def slugify(label: str) -> str:
    """A URL-safe form of a theme label: ``Domestic abuse`` -> ``domestic-abuse``."""
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


def parse_item(src: str, text: str, files: frozenset[str], root: str = "content",
               folders: Mapping[str, list[str]] | None = None) -> tuple[Item | None, list[Problem]]:
    """Parse one item file (`src` relative to the content folder) into an Item and problems.

    `folders` is `folder_index(files)`; a caller parsing many items builds it once."""
    path = f"{root}/{src}"
    try:
        doc = split(text)
    except FrontMatterError as err:
        return None, [Problem(path, err.key, str(err))]
    if doc.meta is None:
        return None, [Problem(path, "front matter", "missing: every review and learning item "
                              "starts with front matter between --- lines (see README)")]
    section = src.split("/", 1)[0]
    empty = empty_keys(doc.meta)
    f = Fields(path, without_empty(doc.meta, empty))
    for key in sorted(map(str, doc.meta)):
        if key not in SECTION_KEYS[section]:
            f.problem(key, unknown_key(key, SECTION_KEYS[section], f" for {section}"))
    title = f.text("title", required=True)
    status = f.choice("status", STATUSES)
    kinds = REVIEW_TYPES if section == "reviews" else LEARNING_TYPES
    kind = f.choice("type", kinds)
    draft = status == "draft"
    values: dict[str, Any] = {
        "date": f.day("date", required=not draft),
        "summary": f.text("summary", required=not draft),
        "remove_after": f.day("remove_after", required=False),
        "themes": _themes(f),
        "embargo": _embargo(f),
        "withdrawn": _withdrawal(f, status),
    }
    if section == "reviews":
        values["child"] = f.text("child", required=False)
        values["report"] = _attachment(f, "report", src, files)
        values["briefing"] = _attachment(f, "briefing", src, files)
        values["timeline"] = _timeline(f)
        values["endorsed"] = f.day("endorsed", required=False)
    else:
        podcast = kind == "podcast" and not draft
        values["reviews"] = f.text_list("reviews")
        values["audio"] = _attachment(f, "audio", src, files, required=podcast)
        values["duration"] = _duration(f, required=podcast)
        values["event"] = _event(f, kind, required=kind == "event" and not draft)
    _embargo_sense(f, values["embargo"], values["date"], values.get("endorsed"))
    scaffold = None if draft else SCAFFOLD.search(doc.body)
    if scaffold:
        f.problem("page", f"still has the template text ({scaffold.group(0)!r}): replace it "
                          "with the page itself before publishing")
    problems = [Problem(path, key, _EMPTY) for key in sorted(empty)]
    problems += [p for p in f.problems if p.key not in empty] + _layout_problems(src, path, files)
    if problems or title is None or status is None or kind is None:
        return None, problems
    item = Item(id=item_id(src), source=src, path=path, section=section, title=title,
                status=status, type=kind, body=doc.body, **values)
    return _with_files(item, folder_index(files) if folders is None else folders), []


def _themes(f: Fields) -> tuple[str, ...]:
    themes = f.text_list("themes")
    for theme in themes:
        if not slugify(theme):
            f.problem("themes", f"{theme!r} needs at least one letter or digit")
    return themes


def _embargo(f: Fields) -> Embargo | None:
    node = f.mapping("embargo")
    if node is None:
        return None
    until = f.day("embargo.until", required=False, mapping=node)
    reason = f.text("embargo.reason", required=True, mapping=node)
    return Embargo(until, reason or "")


def _embargo_sense(f: Fields, embargo: Embargo | None, day: date | None, endorsed: date | None) -> None:
    """An embargo that ends before the item's date or its endorsement is a typo (2017 for 2027)."""
    for label, other in (("date", day), ("endorsed date", endorsed)):
        if embargo and embargo.until and other and embargo.until < other:
            f.problem("embargo.until", f"{embargo.until.isoformat()} is before the item's {label} {other.isoformat()}: "
                      "an embargo that ends before publication holds nothing back — check the year, "
                      "or remove the embargo")


def _withdrawal(f: Fields, status: str | None) -> Withdrawal | None:
    node = f.mapping("withdrawn")
    if status == "withdrawn" and node is None and "withdrawn" not in f.meta:
        f.problem("withdrawn", "missing: status withdrawn needs a withdrawn block below it, with "
                               "date: YYYY-MM-DD and reason: on their own indented lines (see README, "
                               "\"Withdraw or remove an item\")")
    if node is None:
        return None
    if status not in (None, "withdrawn"):
        f.problem("withdrawn", f"only allowed with status: withdrawn (status is {status}): "
                               "set status: withdrawn or remove the withdrawn block")
    day = f.day("withdrawn.date", required=True, mapping=node)
    reason = f.text("withdrawn.reason", required=True, mapping=node)
    return Withdrawal(day, reason) if day else None


def _timeline(f: Fields) -> Timeline:
    node = f.mapping("timeline")
    if node is None:
        return Timeline()
    days = {k: f.day(f"timeline.{k}", required=False, mapping=node) for k in NESTED_KEYS["timeline"]}
    timeline = Timeline(**days)
    if timeline.incident_notified and timeline.rapid_review_sent \
            and timeline.rapid_review_sent < timeline.incident_notified:
        f.problem("timeline.rapid_review_sent", "is before timeline.incident_notified: check both dates")
    return timeline


def _event(f: Fields, kind: str | None, required: bool) -> Event | None:
    """The `event:` block: required for an event, allowed on a webinar, refused elsewhere."""
    if f.meta.get("event") is None:
        if required:
            f.problem("event", "missing: an event needs event: {start: YYYY-MM-DDTHH:MM, "
                               "end: YYYY-MM-DDTHH:MM, location: ...} (London times)")
        return None
    if kind is not None and kind not in EVENT_TYPES:
        f.problem("event", f"only allowed for type event or webinar (type is {kind}): "
                           "remove the event block or change the type")
        return None
    node = f.mapping("event")
    if node is None:
        return None
    event, problems = parse_event(node)
    for key, message in problems:
        f.problem(key, message)
    return event


def _duration(f: Fields, required: bool) -> str | None:
    value = f.get("duration")
    if value is None:
        if required:
            f.problem("duration", "missing: a podcast needs its length as HH:MM:SS (in quotes)")
        return None
    if not isinstance(value, str) or not _DURATION.match(value):
        f.problem("duration", f"{value!r} must be HH:MM:SS, e.g. '00:42:10'")
        return None
    return value


def _attachment(f: Fields, key: str, src: str, files: frozenset[str], required: bool = False) -> str | None:
    value = f.text(key, required=required)
    if value is None:
        return None
    if "://" in value or value.startswith("/") or value.endswith(".md"):
        f.problem(key, f"{value!r} must be the relative path of a file beside the item (not a URL or page)")
        return None
    if not src.endswith("/index.md"):
        slug = item_id(src)
        f.problem(key, f"{value!r}: a single-file item has no folder for its files. Make it a folder: move "
                       f"content/{src} to content/{slug}/index.md and put the file beside it")
        return None
    target = posixpath.normpath(posixpath.join(posixpath.dirname(src), value))
    if not target.startswith(item_id(src) + "/"):
        f.problem(key, f"{value!r} points outside the item's folder content/{item_id(src)}/: keep its files "
                       "beside its index.md")
        return None
    if target not in files:
        f.problem(key, f"file {value!r} not found (looked for content/{target})")
        return None
    return target


def _layout_problems(src: str, path: str, files: frozenset[str]) -> list[Problem]:
    problems = []
    ident = item_id(src)
    slug = ident.split("/", 1)[1]
    if any(part in RESERVED_SLUGS for part in slug.split("/")) or not all(
        _SLUG.match(part) for part in slug.split("/")
    ):
        problems.append(Problem(path, "file name", f"{slug!r} must be lower-case letters, digits and "
                        f"hyphens, and not one of: {', '.join(sorted(RESERVED_SLUGS))}"))
    if src.endswith("/index.md") and f"{ident}.md" in files:
        problems.append(Problem(path, "file name", f"content/{ident}.md also exists: keep one of the two"))
    return problems


def _with_files(item: Item, folders: Mapping[str, list[str]]) -> Item:
    owned = set(item.attachments)
    if item.source.endswith("/index.md"):
        owned.update(folders.get(item.id, ()))
    owned.discard(item.source)
    return Item(**{**item.__dict__, "files": tuple(sorted(owned))})


def folder_index(files: Iterable[str]) -> dict[str, list[str]]:
    """Every folder, with every path anywhere below it."""
    index: dict[str, list[str]] = {}
    for path in files:
        parent = path
        while "/" in parent:
            parent = parent.rsplit("/", 1)[0]
            index.setdefault(parent, []).append(path)
    return index
