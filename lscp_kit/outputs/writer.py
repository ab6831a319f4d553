"""The production build's machine-readable outputs, written into the built site: feeds, the
events calendar and open data. What they hold is decided by `feeds`, `calendars` and `opendata`;
the paths come from `routes`."""
from __future__ import annotations

from pathlib import Path

from lscp_kit import routes
from lscp_kit.outputs import calendars, feeds, opendata
from lscp_kit.outputs.views import Views
from lscp_kit.rules.catalogue import Catalogue
from lscp_kit.rules.items import is_item_source
from lscp_kit.settings import Settings

AUTODISCOVERED = ("learning", "reviews")


def feed_site(settings: Settings) -> feeds.Site:
    return feeds.Site(url=settings.site_url, name=settings.name, email=settings.email, limit=settings.feed_limit,
                      podcast_image=settings.podcast_image, podcast_category=settings.podcast_category)


def feed_links(settings: Settings) -> list[dict]:
    """Every feed, in both formats, for the Subscribe page."""
    base = settings.site_url.rstrip("/") + "/"
    out = []
    for c in feeds.CHANNELS:
        rss, atom = routes.feed_path(c.slug), routes.feed_path(c.slug, atom=True)
        out.append({"slug": c.slug, "title": f"{settings.name}: {c.title}", "description": c.description,
                    "rss": rss, "atom": atom, "rss_absolute": base + rss, "atom_absolute": base + atom})
    return out


def autodiscovery(settings: Settings) -> list[dict]:
    """The feeds every page's head advertises: learning and reviews, RSS and Atom."""
    links = []
    for feed in feed_links(settings):
        if feed["slug"] in AUTODISCOVERED:
            links.append({"title": feed["title"] + " (RSS)", "path": feed["rss"], "mime": "application/rss+xml"})
            links.append({"title": feed["title"] + " (Atom)", "path": feed["atom"], "mime": "application/atom+xml"})
    return links


def section_feed(settings: Settings, src: str, cat: Catalogue) -> dict | None:
    """The feed of a page's own section (one-minute guides, newsletters, podcasts)."""
    ident = cat.owners.owner(src) if is_item_source(src) else None
    slug = feeds.CHANNEL_BY_TYPE.get(cat.items[ident].type) if ident in cat.items else None
    if slug is None:
        return None
    feed = next(f for f in feed_links(settings) if f["slug"] == slug)
    return {"title": feed["title"], "path": feed["rss"]}


def wants_html(cat: Catalogue, ident: str | None) -> bool:
    """Whether an item's rendered page goes into a feed in full."""
    return ident in cat.items and cat.items[ident].type in feeds.FULL_CONTENT_TYPES


def write_all(site: Path, settings: Settings, cat: Catalogue, views: Views, html: dict[str, str], rows: list[dict],
              counted: list[opendata.Counted]) -> None:
    """Feeds and open data into `site`; `html` maps item ids to their rendered page body; `rows`
    and `counted` are the open-data records and the reviews ever public, computed once."""
    fsite = feed_site(settings)
    (site / routes.FEEDS).mkdir(exist_ok=True)
    (site / routes.FEEDS / feeds.STYLESHEET).write_bytes(feeds.stylesheet())
    for channel in feeds.CHANNELS:
        rss, atom = feeds.build(cat, channel, fsite, html, views.sizes)
        (site / routes.feed_path(channel.slug)).write_bytes(rss)
        (site / routes.feed_path(channel.slug, atom=True)).write_bytes(atom)
    (site / routes.FEEDS / "events.ics").write_bytes(calendars.events_ics(cat, fsite.url, fsite.name))
    (site / routes.OPEN_DATA).mkdir(exist_ok=True)
    (site / routes.open_data_path("reviews.json")).write_text(opendata.to_json(rows), encoding="utf-8")
    (site / routes.open_data_path("reviews.csv")).write_text(opendata.to_csv(rows), encoding="utf-8", newline="")
    stats = opendata.statistics_json(counted, cat.day, settings.statistics_from)
    (site / routes.open_data_path("statistics.json")).write_text(stats, encoding="utf-8")
