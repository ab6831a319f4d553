"""The generated URL space in one table: pages the build writes that no content file holds,
and the folders of machine-readable outputs. Every other module asks here."""
from __future__ import annotations

from dataclasses import dataclass

STATISTICS = "statistics.md"
EVENTS = "events/index.md"
FEEDS = "feeds"
OPEN_DATA = "open-data"
REVIEW_TYPE = "reviews/type/{slug}.md"
REVIEW_THEME = "reviews/theme/{slug}.md"
LEARNING_THEME = "learning/theme/{slug}.md"

# Where generated pages and outputs live: content may not claim these paths.
GENERATED_PREFIXES = (STATISTICS, "events/", "reviews/type/", "reviews/theme/", "learning/theme/",
                      FEEDS + "/", OPEN_DATA + "/")
# Top-level content pages whose address a generated page or output folder takes.
TAKEN_PAGES = {STATISTICS: "statistics", "events.md": "events", FEEDS + ".md": "feeds",
               OPEN_DATA + ".md": "open data"}
# Item slugs that would share an address with a generated folder.
RESERVED_SLUGS = frozenset({"type", "theme", "year", FEEDS, OPEN_DATA})


@dataclass(frozen=True)
class Route:
    """A generated page: its kind (review-type, review-theme, learning-theme, statistics,
    events), its title and the type or theme slug it lists."""

    kind: str
    title: str
    slug: str | None = None


def url_of(src: str) -> str:
    """The site-relative URL of a staged page: ``reviews/type/lcspr.md`` -> ``reviews/type/lcspr/``."""
    if src.endswith("/index.md"):
        return src[: -len("index.md")]
    return src[: -len(".md")] + "/" if src.endswith(".md") else src


def review_type_url(slug: str) -> str:
    return url_of(REVIEW_TYPE.format(slug=slug))


def feed_path(slug: str, atom: bool = False) -> str:
    return f"{FEEDS}/{slug}.{'atom' if atom else 'xml'}"


def open_data_path(name: str) -> str:
    return f"{OPEN_DATA}/{name}"


def generated_pages(review_types: list[dict], review_themes: list[dict],
                    learning_themes: list[dict]) -> dict[str, Route]:
    """Listing pages by type and theme (filters without JavaScript), statistics and events, by
    staged path; each list holds ``{"slug", "label"}`` dicts as the views give them."""
    pages = {REVIEW_TYPE.format(slug=k["slug"]): Route("review-type", f"{k['label']}s", k["slug"])
             for k in review_types}
    pages.update({REVIEW_THEME.format(slug=t["slug"]): Route("review-theme", f"Reviews about {t['label'].lower()}",
                                                             t["slug"]) for t in review_themes})
    pages.update({LEARNING_THEME.format(slug=t["slug"]): Route("learning-theme",
                                                               f"Learning about {t['label'].lower()}", t["slug"])
                  for t in learning_themes})
    pages[STATISTICS] = Route("statistics", "Statistics")
    pages[EVENTS] = Route("events", "Events")
    return pages
