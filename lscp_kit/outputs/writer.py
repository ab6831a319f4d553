"""The production build's machine-readable outputs, written into the built site: feeds, the
events calendar and open data. What they hold is decided by `feeds`, `calendars` and `opendata`;
the paths come from `routes`."""
from __future__ import annotations

import dataclasses
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


def channels(settings: Settings) -> list[feeds.Channel]:
    """The feeds the partnership publishes, with its own titles and descriptions."""
    out = []
    for c in feeds.CHANNELS:
        if c.slug not in settings.channels:
            continue
        description = c.description
        if c.slug == "newsletters":
            description = f"The partnership's {settings.newsletter_frequency} newsletter."
        out.append(dataclasses.replace(c, title=settings.channel_text(c.slug, "titles") or c.title,
                                       description=settings.channel_text(c.slug, "descriptions") or description))
    return out


def feed_links(settings: Settings, cat: Catalogue) -> list[dict]:
    """The feeds worth subscribing to, in both formats, for the Subscribe page: a feed with no
    public item (an empty podcast) is written but never advertised."""
    base = settings.site_url.rstrip("/") + "/"
    out = []
    for c in channels(settings):
        if not any(c.includes(i) for i in cat.public):
            continue
        rss, atom = routes.feed_path(c.slug), routes.feed_path(c.slug, atom=True)
        out.append({"slug": c.slug, "title": f"{settings.name}: {c.title}", "description": c.description,
                    "rss": rss, "atom": atom, "rss_absolute": base + rss, "atom_absolute": base + atom})
    return out


def autodiscovery(settings: Settings, cat: Catalogue) -> list[dict]:
    """The feeds every page's head advertises: learning and reviews, RSS and Atom."""
    links = []
    for feed in feed_links(settings, cat):
        if feed["slug"] in AUTODISCOVERED:
            links.append({"title": feed["title"] + " (RSS)", "path": feed["rss"], "mime": "application/rss+xml"})
            links.append({"title": feed["title"] + " (Atom)", "path": feed["atom"], "mime": "application/atom+xml"})
    return links


def calendar_links(settings: Settings) -> dict:
    """The events calendar's address, and its `webcal:` form that calendar apps subscribe to in one click."""
    url = settings.site_url.rstrip("/") + "/" + routes.FEEDS + "/events.ics"
    return {"path": routes.FEEDS + "/events.ics", "url": url, "webcal": "webcal://" + url.split("://", 1)[-1]}


def section_feed(settings: Settings, src: str, cat: Catalogue) -> dict | None:
    """The feed of a page's own section (one-minute guides, newsletters, podcasts)."""
    ident = cat.owners.owner(src) if is_item_source(src) else None
    slug = feeds.CHANNEL_BY_TYPE.get(cat.items[ident].type) if ident in cat.items else None
    if slug is None:
        return None
    feed = next((f for f in feed_links(settings, cat) if f["slug"] == slug), None)
    return {"title": feed["title"], "path": feed["rss"]} if feed else None


def stylesheet(settings: Settings) -> bytes:
    """The feeds' XSL stylesheet in the partnership's colour, with its icon."""
    xsl = feeds.stylesheet().replace(b"--lscp-primary: #0b3d66", b"--lscp-primary: " + settings.primary.encode())
    favicon = settings.brand()["favicon"]
    if favicon:
        xsl = xsl.replace(b'href="../assets/images/favicon.png"', f'href="../{favicon}"'.encode())
    return xsl


def wants_html(cat: Catalogue, ident: str | None) -> bool:
    """Whether an item's rendered page goes into a feed in full."""
    return ident in cat.items and cat.items[ident].type in feeds.FULL_CONTENT_TYPES


def write_all(site: Path, settings: Settings, cat: Catalogue, views: Views, html: dict[str, str], rows: list[dict],
              counted: list[opendata.Counted]) -> None:
    """Feeds and open data into `site`; `html` maps item ids to their rendered page body; `rows`
    and `counted` are the open-data records and the reviews ever public, computed once."""
    fsite = feed_site(settings)
    (site / routes.FEEDS).mkdir(exist_ok=True)
    (site / routes.FEEDS / feeds.STYLESHEET).write_bytes(stylesheet(settings))
    for channel in channels(settings):
        rss, atom = feeds.build(cat, channel, fsite, html, views.sizes)
        (site / routes.feed_path(channel.slug)).write_bytes(rss)
        (site / routes.feed_path(channel.slug, atom=True)).write_bytes(atom)
    (site / routes.FEEDS / "events.ics").write_bytes(calendars.events_ics(cat, fsite.url, fsite.name))
    for ident, data in calendars.event_files(cat, fsite.url).items():  # "add to calendar", beside each page
        (site / cat.items[ident].url / calendars.EVENT_FILE).write_bytes(data)
    (site / routes.OPEN_DATA).mkdir(exist_ok=True)
    (site / routes.open_data_path("reviews.json")).write_text(opendata.to_json(rows), encoding="utf-8")
    (site / routes.open_data_path("reviews.csv")).write_text(opendata.to_csv(rows), encoding="utf-8", newline="")
    stats = opendata.statistics_json(counted, cat.day, settings.statistics_from)
    (site / routes.open_data_path("statistics.json")).write_text(stats, encoding="utf-8")
