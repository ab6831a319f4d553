"""Feeds for practitioners (RSS 2.0 and Atom 1.0, and a podcast feed), built with feedgen.

Public items only, newest first, GUID = absolute URL, date = first public day at London
midnight. The feed's own date is its newest entry's, so the same content and as-of moment give
byte-identical feeds.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator
from lxml import etree

from lscp_kit.rules.catalogue import Catalogue
from lscp_kit.clock import london_midnight
from lscp_kit.rules.items import Item
from lscp_kit.outputs.views import file_kind


@dataclass(frozen=True)
class Channel:
    slug: str
    title: str
    description: str
    section: str
    types: tuple[str, ...] = ()
    full_content: bool = False

    def includes(self, item: Item) -> bool:
        return item.section == self.section and (not self.types or item.type in self.types)


CHANNELS = (
    Channel("one-minute-guides", "One-minute guides", "Short practical guides for practitioners.",
            "learning", ("one-minute-guide",), True),
    Channel("newsletters", "Newsletters", "The partnership's quarterly newsletter.", "learning",
            ("newsletter",), True),
    Channel("learning", "Learning", "Every new one-minute guide, newsletter, podcast, webinar, "
            "event, briefing and annual report.", "learning"),
    Channel("reviews", "Reviews", "Newly published child safeguarding practice reviews and other "
            "reviews.", "reviews"),
    Channel("podcasts", "Podcast", "The partnership's podcast for practitioners.", "learning",
            ("podcast",)),
)
FULL_CONTENT_TYPES = frozenset(t for c in CHANNELS if c.full_content for t in c.types)
ATOM = "http://www.w3.org/2005/Atom"
CHANNEL_BY_TYPE = {"one-minute-guide": "one-minute-guides", "newsletter": "newsletters",
                   "podcast": "podcasts"}
STYLESHEET = "feed.xsl"  # beside the feeds: a feed opened in a browser reads as a page
_STYLESHEET_PI = f'<?xml-stylesheet type="text/xsl" href="{STYLESHEET}"?>\n'.encode()
_URL_ATTR = re.compile(r"""(\s(?:href|src|poster)=)(["'])(.*?)\2""", re.I)


@dataclass(frozen=True)
class Site:
    """What the feeds need to know about the site."""

    url: str
    name: str
    email: str
    limit: int = 50
    podcast_image: str | None = None
    podcast_category: str = "Education"


def stylesheet() -> bytes:
    """The XSL stylesheet every feed names, written to ``feeds/feed.xsl``."""
    return Path(__file__).with_name(STYLESHEET).read_bytes()


def with_stylesheet(xml: bytes) -> bytes:
    """The feed with the stylesheet's processing instruction after its XML declaration."""
    declaration, rest = xml.split(b"\n", 1) if xml.startswith(b"<?xml ") else (b"", xml)
    return (declaration + b"\n" if declaration else b"") + _STYLESHEET_PI + rest


def absolute_html(html: str, page_url: str) -> str:
    """Every href and src in `html` made absolute against `page_url`."""
    def fix(match: re.Match) -> str:
        target = match.group(3)
        if target.startswith(("mailto:", "tel:", "data:")):
            return match.group(0)
        return f"{match.group(1)}{match.group(2)}{urljoin(page_url, target)}{match.group(2)}"
    return _URL_ATTR.sub(fix, html)


def _entries(cat: Catalogue, channel: Channel, limit: int) -> list[Item]:
    return [i for i in cat.public if channel.includes(i)][:limit]


def build(cat: Catalogue, channel: Channel, site: Site, html: dict[str, str],
          sizes: dict[str, int]) -> tuple[bytes, bytes]:
    """(RSS, Atom) bytes of one channel. `html` maps item ids to rendered page HTML."""
    base = site.url.rstrip("/") + "/"
    entries = _entries(cat, channel, site.limit)
    newest = cat.first_public[entries[0].id] if entries else cat.day
    fg = FeedGenerator()
    podcast = channel.slug == "podcasts"
    if podcast:
        fg.load_extension("podcast")
        _podcast_channel(fg, channel, site, base)
    feed_url = f"{base}feeds/{channel.slug}"
    fg.id(feed_url + ".atom")
    fg.title(f"{site.name}: {channel.title}")
    fg.subtitle(channel.description)
    fg.description(channel.description)
    fg.author({"name": site.name, "email": site.email})
    alternate = {"href": base, "rel": "alternate"}
    fg.language("en-GB")
    fg.generator("Safeguarding partnership publishing kit")
    fg.updated(london_midnight(newest))
    fg.lastBuildDate(london_midnight(newest))
    for item in entries:
        _entry(fg.add_entry(order="append"), cat, item, channel, base, html, sizes, podcast)
    fg.link([{"href": feed_url + ".xml", "rel": "self"}, alternate], replace=True)  # RSS uses the last
    rss = fg.rss_str(pretty=True)
    fg.link([{"href": feed_url + ".atom", "rel": "self"}, alternate], replace=True)
    atom = _repair_atom_links(fg.atom_str(pretty=True), fg.entry())
    return with_stylesheet(rss), with_stylesheet(atom)


def _repair_atom_links(atom: bytes, entries: list) -> bytes:
    """Put back the rel, type and length feedgen 1.0.0 drops from entry links.

    Its ``FeedEntry.atom_entry`` rebinds the loop variable ``link`` to the new element, so only
    ``href`` is written: without ``rel="enclosure"`` a reader takes the audio for the page link.
    """
    tree = etree.fromstring(atom)
    for element, entry in zip(tree.findall(f"{{{ATOM}}}entry"), entries):
        by_href = {link["href"]: link for link in entry.link()}
        for node in element.findall(f"{{{ATOM}}}link"):
            for attr in ("rel", "type", "length"):
                value = by_href.get(node.get("href"), {}).get(attr)
                if value:
                    node.set(attr, value)
    return etree.tostring(tree, pretty_print=True, encoding="UTF-8", xml_declaration=True)


def _podcast_channel(fg: FeedGenerator, channel: Channel, site: Site, base: str) -> None:
    fg.podcast.itunes_author(site.name)
    fg.podcast.itunes_category(site.podcast_category)
    fg.podcast.itunes_summary(channel.description)
    fg.podcast.itunes_explicit("no")
    fg.podcast.itunes_owner(name=site.name, email=site.email)
    if site.podcast_image:
        fg.podcast.itunes_image(base + site.podcast_image)


def _entry(fe, cat: Catalogue, item: Item, channel: Channel, base: str, html: dict[str, str],
           sizes: dict[str, int], podcast: bool) -> None:
    url = base + item.url
    when = london_midnight(cat.first_public[item.id])
    fe.id(url)
    fe.guid(url, permalink=True)
    fe.link(href=url, rel="alternate")
    fe.title(item.title)
    fe.published(when)
    fe.updated(when)
    fe.summary(item.summary)
    fe.description(item.summary)
    for theme in item.themes:
        fe.category(term=theme, label=theme)
    if channel.full_content and item.id in html:
        fe.content(absolute_html(html[item.id], url), type="html")
    if podcast and item.audio:
        fe.enclosure(base + item.audio, str(sizes.get(item.audio, 0)), file_kind(item.audio)[1])
        fe.podcast.itunes_duration(item.duration)
        fe.podcast.itunes_summary(item.summary)

