"""Feeds parsed as a feed reader would: order, GUIDs, absolute URLs, podcast, hidden items."""
from pathlib import Path

import feedparser
from bs4 import BeautifulSoup
import pytest

from helpers import MP3, PDF, Project, learning, review

BASE = "https://safeguarding.wealdmouth.example.org/"
CHANNELS = ("one-minute-guides", "newsletters", "learning", "reviews", "podcasts")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Project:
    p = Project(tmp_path_factory.mktemp("feeds") / "p")
    p.item("reviews/2026-child-a/index.md", files={"a.pdf": PDF},
           **review("scr", title="Child A review", date="2026-01-12", report="a.pdf", themes=["neglect"]))
    p.item("reviews/2026-child-h.md", **review("scr", title="Child H held review", embargo={"reason": "trial"}))
    p.item("learning/guides/old.md", **learning(title="Old guide", date="2025-03-03", themes=["neglect", "exploitation"]))
    p.item("learning/guides/new.md", body="See [Child A](../../reviews/2026-child-a/index.md) and "
           "![mark](../../assets/partnership-mark.svg)\n", **learning(title="New guide", date="2026-04-06"))
    p.item("learning/guides/soon.md", **learning(title="Soon guide", date="2026-06-08"))
    p.item("learning/news/spring.md", body="## In this issue\n\nNews.\n",
           **learning("newsletter", title="Spring newsletter", date="2026-03-02"))
    p.item("learning/pods/ep1/index.md", files={"ep1.mp3": MP3},
           **learning("podcast", title="Episode one", date="2026-05-18", audio="ep1.mp3", duration="00:00:08"))
    p.item("learning/drafts/d.md", **dict(title="Draft guide", status="draft", type="one-minute-guide"))
    result = p.build("2026-06-01")
    assert result.returncode == 0, result.output
    return p


def parse(site: Project, name: str):
    feed = feedparser.parse((site.site / "feeds" / name).read_bytes())
    assert not feed.bozo, feed.bozo_exception
    return feed


@pytest.mark.parametrize("channel", CHANNELS)
def test_every_channel_in_both_formats(site, channel):
    rss, atom = parse(site, f"{channel}.xml"), parse(site, f"{channel}.atom")
    assert rss.version == "rss20" and atom.version == "atom10"
    assert [e.link for e in rss.entries] == [e.link for e in atom.entries]
    for feed in (rss, atom):
        dates = [e.published_parsed for e in feed.entries]
        assert dates == sorted(dates, reverse=True)
        for entry in feed.entries:
            assert entry.link.startswith(BASE) and entry.id == entry.link
        titles = {e.title for e in feed.entries}
        assert not titles & {"Child H held review", "Soon guide", "Draft guide"}


def test_learning_feed_content_and_order(site):
    feed = parse(site, "learning.xml")
    assert [e.title for e in feed.entries] == ["Episode one", "New guide", "Spring newsletter", "Old guide"]
    assert feed.feed.title.startswith("Wealdmouth Safeguarding Children Partnership")
    assert feed.feed.updated == "Mon, 18 May 2026 00:00:00 +0100"  # newest entry, not build time
    old = next(e for e in feed.entries if e.title == "Old guide")
    assert [t.term for t in old.tags] == ["neglect", "exploitation"]
    assert old.published == "Mon, 03 Mar 2025 00:00:00 +0000"


def test_entry_date_is_london_midnight_of_the_first_public_day(site):
    new = next(e for e in parse(site, "learning.atom").entries if e.title == "New guide")
    assert new.published == "2026-04-06T00:00:00+01:00"


def test_guides_carry_full_html_with_absolute_links(site):
    for name in ("one-minute-guides.xml", "one-minute-guides.atom"):
        new = next(e for e in parse(site, name).entries if e.title == "New guide")
        html = new.content[0].value
        assert f'href="{BASE}reviews/2026-child-a/"' in html
        assert f'src="{BASE}assets/partnership-mark.svg"' in html
    assert "In this issue" in parse(site, "newsletters.xml").entries[0].content[0].value


def test_podcast_feed(site):
    feed = parse(site, "podcasts.xml")
    text = (site.site / "feeds/podcasts.xml").read_text()
    assert "<itunes:explicit>no</itunes:explicit>" in text
    assert feed.feed.author.startswith("Wealdmouth")
    (episode,) = feed.entries
    (enclosure,) = episode.enclosures
    assert enclosure.href == f"{BASE}learning/pods/ep1/ep1.mp3"
    assert int(enclosure.length) == len(MP3) and enclosure.type == "audio/mpeg"
    assert episode.itunes_duration == "00:00:08"
    (atom_episode,) = parse(site, "podcasts.atom").entries
    assert atom_episode.link == f"{BASE}learning/pods/ep1/"
    assert int(atom_episode.enclosures[0].length) == len(MP3)
    assert "<itunes:category text=" in text and f"{BASE}assets/podcast-cover.png" in text


def test_autodiscovery_on_every_page(site):
    for page in ("index.html", "reviews/2026-child-a/index.html", "learning/guides/new/index.html"):
        html = (site.site / page).read_text()
        assert 'type="application/rss+xml"' in html and "feeds/learning.xml" in html and "feeds/reviews.xml" in html
        # readers take rel as words; Material's script only follows rel="alternate" exactly
        assert html.count('<link rel="alternate feed" type="application/') >= 4
        assert '<link rel="alternate" type="application/' not in html
        found = BeautifulSoup(html, "html.parser").find_all("link", rel="alternate", type="application/rss+xml")
        assert {"feeds/learning.xml", "feeds/reviews.xml"} <= {link["href"].rsplit("/", 2)[-2] + "/" +
                                                              link["href"].rsplit("/", 1)[-1] for link in found}
    assert "feeds/one-minute-guides.xml" in (site.site / "learning/guides/new/index.html").read_text()
    assert "feeds/podcasts.xml" in (site.site / "learning/pods/ep1/index.html").read_text()


def test_subscribe_page_lists_every_feed(site):
    html = (site.site / "subscribe/index.html").read_text()
    for channel in CHANNELS:
        assert f"{BASE}feeds/{channel}.xml" in html and f"{BASE}feeds/{channel}.atom" in html
    assert "Outlook" in html


def test_a_scheduled_item_enters_its_feed_on_its_day_and_first(site, tmp_path):
    result = site.build("2026-06-08")
    assert result.returncode == 0, result.output
    assert parse(site, "one-minute-guides.xml").entries[0].title == "Soon guide"
    assert parse(site, "learning.atom").entries[0].title == "Soon guide"
    assert site.build("2026-06-01").returncode == 0


def test_feeds_are_byte_identical_for_the_same_content_and_as_of(site):
    first = {p.name: p.read_bytes() for p in (site.site / "feeds").iterdir()}
    assert site.build("2026-06-01").returncode == 0
    assert {p.name: p.read_bytes() for p in (site.site / "feeds").iterdir()} == first


def test_feed_limit_is_configurable(site):
    config = (site.root / "mkdocs.yml").read_text()
    (site.root / "mkdocs.yml").write_text(config.replace("limit: 50", "limit: 2"))
    try:
        assert site.build("2026-06-01").returncode == 0
        assert len(parse(site, "learning.xml").entries) == 2
    finally:
        (site.root / "mkdocs.yml").write_text(config)
        assert site.build("2026-06-01").returncode == 0


@pytest.mark.parametrize("name", [f"{c}.{ext}" for c in CHANNELS for ext in ("xml", "atom")])
def test_every_feed_names_the_stylesheet_that_shows_it_as_a_page(site, name):
    from lxml import etree
    data = (site.site / "feeds" / name).read_bytes()
    assert data.split(b"\n")[1] == b'<?xml-stylesheet type="text/xsl" href="feed.xsl"?>'
    transform = etree.XSLT(etree.parse(str(site.site / "feeds/feed.xsl")))
    page = BeautifulSoup(str(transform(etree.fromstring(data))), "html.parser")
    feed = parse(site, name)
    assert page.h1.get_text() == feed.feed.title
    assert page.find("input", id="address")["value"] == f"{BASE}feeds/{name}"
    text = " ".join(page.get_text().split())
    for words in ("This is a feed", "How to subscribe", "In a feed reader", "In Microsoft Outlook",
                  "Add a New RSS Feed", "Copy the address"):
        assert words in text
    shown = [(h3.a.get_text(), h3.a["href"]) for h3 in page.select("ol.items h3")]
    assert shown == [(e.title, e.link) for e in feed.entries]  # what the feed holds, nothing else
    if feed.entries:
        assert page.select("ol.items .meta")[0].get_text().startswith("Published ")
    else:
        assert "Nothing is published in this feed yet." in text


def test_learning_feed_page_dates_read_the_same_in_both_formats(site):
    from lxml import etree
    transform = etree.XSLT(etree.parse(str(site.site / "feeds/feed.xsl")))
    dates = [[m.get_text() for m in BeautifulSoup(str(transform(etree.parse(str(site.site / "feeds" / n)))),
                                                "html.parser").select(".meta")] for n in ("learning.xml", "learning.atom")]
    assert dates[0] == dates[1] and dates[0][0] == "Published 18 May 2026"
