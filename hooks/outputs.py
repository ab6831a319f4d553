"""Writes the production build's machine-readable outputs: feeds and open data.

A thin adapter: the core (`lscp_kit.outputs.feeds`, `lscp_kit.outputs.opendata`) decides the content;
this module only reads settings from mkdocs.yml and writes files.
"""
from __future__ import annotations

from pathlib import Path

from lscp_kit.outputs import calendars
from lscp_kit.outputs import feeds
from lscp_kit.outputs import opendata
from lscp_kit.rules.catalogue import Catalogue
from lscp_kit.rules.items import is_item_source
from lscp_kit.outputs.views import Views

AUTODISCOVERED = ("learning", "reviews")


def site_settings(config) -> feeds.Site:
    extra = config.extra
    partnership, options = extra.get("partnership", {}), extra.get("feeds", {})
    podcast = options.get("podcast", {})
    return feeds.Site(url=config.site_url or "http://127.0.0.1:8000/", name=partnership.get("name", config.site_name),
                      email=partnership.get("email", ""), limit=int(options.get("limit", 50)),
                      podcast_image=podcast.get("image"), podcast_category=podcast.get("category", "Education"))


def feed_links(config) -> list[dict]:
    """Every feed, in both formats, for the Subscribe page."""
    base = (config.site_url or "").rstrip("/") + "/"
    name = site_settings(config).name
    return [{"slug": c.slug, "title": f"{name}: {c.title}", "description": c.description,
             "rss": f"feeds/{c.slug}.xml", "atom": f"feeds/{c.slug}.atom",
             "rss_absolute": f"{base}feeds/{c.slug}.xml", "atom_absolute": f"{base}feeds/{c.slug}.atom"}
            for c in feeds.CHANNELS]


def autodiscovery(config) -> list[dict]:
    """The feeds every page's head advertises: learning and reviews, RSS and Atom."""
    links = []
    for feed in feed_links(config):
        if feed["slug"] in AUTODISCOVERED:
            links.append({"title": feed["title"] + " (RSS)", "path": feed["rss"], "mime": "application/rss+xml"})
            links.append({"title": feed["title"] + " (Atom)", "path": feed["atom"], "mime": "application/atom+xml"})
    return links


def section_feed(config, src: str, cat: Catalogue) -> dict | None:
    """The feed of a page's own section (one-minute guides, newsletters, podcasts)."""
    ident = cat.owners.owner(src) if is_item_source(src) else None
    slug = feeds.CHANNEL_BY_TYPE.get(cat.items[ident].type) if ident in cat.items else None
    if slug is None:
        return None
    feed = next(f for f in feed_links(config) if f["slug"] == slug)
    return {"title": feed["title"], "path": feed["rss"]}


def records(config, cat: Catalogue) -> list[dict]:
    """The open-data records, with absolute URLs on the site's address."""
    return opendata.records(cat, site_settings(config).url)


def statistics_start(config) -> tuple[int | None, list]:
    """The first year of the statistics (``extra.statistics_from``), and any problem with it."""
    return opendata.statistics_from(config.extra.get("statistics_from"))


def statistics_view(config, cat: Catalogue, rows: list[dict], counted: list[opendata.Counted]) -> dict:
    """The statistics page's data: every year's counts (`counted`: `opendata.ever_public`)."""
    return opendata.statistics(rows, counted, cat.day, statistics_start(config)[0])


def wants_html(cat: Catalogue, ident: str | None) -> bool:
    """Whether an item's rendered page goes into a feed in full."""
    return ident in cat.items and cat.items[ident].type in feeds.FULL_CONTENT_TYPES


def write_all(site: Path, config, cat: Catalogue, views: Views, html: dict[str, str], rows: list[dict],
              counted: list[opendata.Counted]) -> None:
    """Feeds and open data into `site`; `html` maps item ids to their rendered page body; `rows`
    and `counted` are the open-data records and the reviews ever public, computed once."""
    settings = site_settings(config)
    (site / "feeds").mkdir(exist_ok=True)
    (site / "feeds" / feeds.STYLESHEET).write_bytes(feeds.stylesheet())
    for channel in feeds.CHANNELS:
        rss, atom = feeds.build(cat, channel, settings, html, views.sizes)
        (site / "feeds" / f"{channel.slug}.xml").write_bytes(rss)
        (site / "feeds" / f"{channel.slug}.atom").write_bytes(atom)
    (site / "feeds" / "events.ics").write_bytes(calendars.events_ics(cat, settings.url, settings.name))
    (site / "open-data").mkdir(exist_ok=True)
    (site / "open-data" / "reviews.json").write_text(opendata.to_json(rows), encoding="utf-8")
    (site / "open-data" / "reviews.csv").write_text(opendata.to_csv(rows), encoding="utf-8", newline="")
    stats = opendata.statistics_json(counted, cat.day, statistics_start(config)[0])
    (site / "open-data" / "statistics.json").write_text(stats, encoding="utf-8")
