"""The templates' data for each page of the site, by what the page is: an item, a listing, the
home page, events, statistics, the accessibility statement, Subscribe."""
from __future__ import annotations

from typing import TYPE_CHECKING

from lscp_kit.clock import format_day
from lscp_kit.outputs import opendata, writer
from lscp_kit.rules.items import is_item_source

if TYPE_CHECKING:
    from lscp_kit.build import Build

CONTENT = "content"


def view(build: Build, src: str) -> dict:
    """The data the templates show on the page staged at `src`."""
    views, cat = build.views, build.cat
    route = build.routes.get(src)
    if is_item_source(src) and route is None:
        return {"item": views.item(cat.items[cat.owners.owner(src)])}
    kind = route.kind if route else None
    if src == "reviews/index.md" or kind in ("review-type", "review-theme"):
        return {"listing": views.reviews_by_year(route.slug if kind == "review-type" else None,
                                                 route.slug if kind == "review-theme" else None),
                "filters": views.review_filters, "current": src, "section": "reviews"}
    if src == "learning/index.md" or kind == "learning-theme":
        return {"listing": views.learning_by_type(route.slug if route else None), "section": "learning",
                "filters": {"themes": views.themes("learning")}, "current": src}
    if src == "index.md":
        return {"latest": views.latest(), "next_events": views.next_events()}
    if kind == "events":
        return {"events": views.events()}
    if kind == "statistics":
        return {"statistics": opendata.statistics(records(build), counted(build), cat.day,
                                                  build.settings.statistics_from),
                "as_of": format_day(cat.day), "preview": build.preview}
    if src == "accessibility.md":
        return {"documents": [{"path": n.path.removeprefix(CONTENT + "/"), "page": n.page, "notes": list(n.notes)}
                              for n in build.checked_attachments().accessibility]}
    if src == "subscribe.md":
        return {"feeds": [] if build.preview else writer.feed_links(build.settings, build.cat)}
    return {}


def records(build: Build) -> list[dict]:
    """Open-data records, computed once for the statistics page and the files."""
    if build.cached_records is None:
        build.cached_records = opendata.records(build.cat, build.settings.site_url)
    return build.cached_records


def counted(build: Build) -> list:
    """Every review ever public, computed once for the statistics page and statistics.json."""
    if build.cached_counted is None:
        build.cached_counted = opendata.ever_public(build.cat)
    return build.cached_counted
