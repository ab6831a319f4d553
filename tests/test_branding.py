"""A partnership's branding in one place (mkdocs.yml `extra:`), read strictly, and what the public
sees of it on a phone and a desktop: colours, names, tap-to-call numbers, feeds worth subscribing
to, calendar links."""
import functools
import http.server
import re
import threading

import pytest
import yaml
from icalendar import Calendar

from helpers import Project, learning, review
from lscp_kit import colours, settings

NAME, SHORT = "Northbridge Safeguarding Children Partnership", "Northbridge SCP"
EXTRA = {
    "partnership": {"name": NAME, "short_name": SHORT, "partners": ["Northbridge Council", "Northbridge Police"],
                    "email": "hello@northbridge.example.org", "phone": "01632 961 000",
                    "front_door": "01632 961 111", "out_of_hours": "01632 961 222",
                    "opening_hours": "Monday to Thursday, 8am to 4pm", "feedback": "about/",
                    "feedback_email": "web@northbridge.example.org", "logo": "assets/partnership-mark.svg"},
    "brand": {"primary": "#5a2d82", "accent": "#7a3400"},
    "feeds": {"limit": 20, "channels": ["reviews", "learning", "podcasts", "one-minute-guides"],
              "titles": {"reviews": "Practice reviews"}, "descriptions": {"reviews": "Every new Northbridge review."}},
}


def extra(**changes) -> dict:
    return {"partnership": {"name": "P"}, **changes}


def problems_of(extra_: dict) -> list[str]:
    return [str(p) for p in settings.read("P", None, extra_)[1]]


# Settings, read strictly ------------------------------------------------------------------------

def test_a_light_primary_colour_is_a_plain_contrast_error():
    assert problems_of(extra(brand={"primary": "#ffcc00"})) == [
        "mkdocs.yml: extra.brand.primary: #ffcc00 has a contrast of 1.5:1 with white text; WCAG AA needs "
        "4.5:1: choose a darker colour"]


def test_a_near_miss_is_rounded_down_never_up_to_a_pass():
    grey = "#777777"  # 4.48:1 with white
    assert 4.45 < colours.contrast(grey) < 4.5
    assert "has a contrast of 4.4:1 with a white background" in problems_of(extra(brand={"accent": grey}))[0]


@pytest.mark.parametrize("key, value, words", [
    ("brand", {"primary": "purple"}, "extra.brand.primary: 'purple' is not a colour"),
    ("brand", {"primray": "#000000"}, "extra.brand.primray: is not a setting the kit knows (did you mean primary?)"),
    ("feeds", {"limit": "fifty"}, "extra.feeds.limit: 'fifty' is not a whole number from 1 to 1000"),
    ("feeds", {"channels": ["reviews", "podcast"]}, "extra.feeds.channels: ['reviews', 'podcast'] is not a list of feeds"),
    ("feeds", {"titles": {"review": "R"}}, "extra.feeds.titles.review: is not a setting the kit knows (did you mean reviews?)"),
    ("partnership", {"name": "P", "logo": "../secret/logo.png"}, "extra.partnership.logo: '../secret/logo.png' is not an image under assets/"),
])
def test_a_wrong_setting_is_a_plain_error_naming_it(key, value, words):
    found = problems_of(extra(**{key: value}))
    assert len(found) == 1 and found[0].startswith("mkdocs.yml: " + words), found


def test_the_example_colours_pass_and_a_phone_number_taps_to_call():
    read, problems = settings.read("P", None, EXTRA)
    assert problems == []
    brand = read.brand()
    assert brand["front_door"] == {"label": "Front door", "number": "01632 961 111", "tel": "tel:+441632961111"}
    assert "--md-primary-fg-color:#5a2d82;" in brand["colours"] and "--md-accent-fg-color:#7a3400;" in brand["colours"]


# One branded build --------------------------------------------------------------------------------

def branded(root, extra_: dict) -> Project:
    project = Project(root)
    config = yaml.safe_load((project.root / "mkdocs.yml").read_text())
    config["site_name"], config["copyright"] = NAME, NAME
    config["site_url"] = "https://safeguarding.northbridge.example.org/"
    config["extra"] = {"generator": False, "statistics_from": 2025, **extra_}
    (project.root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    return project


EVENT = {"start": "2026-07-08T09:30", "end": "2026-07-08T12:00", "location": "Northbridge Town Hall"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = branded(tmp_path_factory.mktemp("brand") / "p", EXTRA)
    project.item("reviews/2026-child-n.md", **review("scr", title="Child N: a serious case review", child="Child N"))
    project.item("learning/events/summer-conference.md", **learning("event", title="Summer conference", event=EVENT))
    project.item("learning/events/secret-workshop.md", **learning(
        "event", title="Quokka workshop", event=EVENT, embargo={"until": "2026-09-01", "reason": "not announced"}))
    result = project.build("2026-06-01")
    assert result.returncode == 0, result.output
    return project


def page(site: Project, path: str) -> str:
    return (site.site / path).read_text()


def test_every_page_carries_the_brand_colours_in_its_head(site):
    for path in ("index.html", "reviews/index.html", "404.html", "subscribe/index.html"):
        head = page(site, path).split("</head>")[0]
        assert "<style>:root{--md-primary-fg-color:#5a2d82;" in head, path


def test_the_footer_and_404_come_from_settings_with_tap_to_call_numbers(site):
    for path in ("index.html", "404.html", "learning/events/summer-conference/index.html"):
        footer = page(site, path).split('<footer class="md-footer lscp-footer">')[1]
        assert "Wealdmouth" not in footer and "01632 960" not in footer, path
        assert f"Contact {SHORT}" in footer and "Monday to Thursday, 8am to 4pm" in footer
        for number, tel in (("01632 961 000", "+441632961000"), ("01632 961 111", "+441632961111"),
                            ("01632 961 222", "+441632961222")):
            assert f'<a href="tel:{tel}">{number}</a>' in footer, (path, number)
    body = page(site, "404.html").split("<footer")[0]
    assert '<a href="tel:+441632961111">01632 961 111</a>' in body and '<a href="tel:999">999</a>' in body


def test_no_phone_number_on_any_page_is_without_its_tap_to_call_link(site):
    for path, text in site.outputs().items():
        if path.endswith(".html"):
            for number in re.findall(r"\b0\d{4} \d{3} \d{3}\b", re.sub(r"<[^>]+>", " ", text)):
                assert f'tel:+44{number[1:].replace(" ", "")}' in text, (path, number)


def test_the_header_names_the_partnership_by_its_short_name_for_phones(site):
    header = page(site, "reviews/index.html").split("</header>")[0]
    assert f'<span class="md-ellipsis lscp-name-short">{SHORT}</span>' in header
    assert f'<span class="md-ellipsis lscp-name-long">{NAME}</span>' in header
    assert 'src="/assets/partnership-mark.svg"' in header or 'src="../assets/partnership-mark.svg"' in header


def test_only_chosen_feeds_with_public_items_are_advertised(site):
    subscribe, head = page(site, "subscribe/index.html"), page(site, "index.html").split("</head>")[0]
    assert "feeds/reviews.xml" in subscribe and "feeds/learning.xml" in subscribe
    for slug in ("podcasts", "one-minute-guides", "newsletters"):  # empty, empty, not chosen
        assert f"feeds/{slug}." not in subscribe and f"feeds/{slug}." not in head, slug
    assert (site.site / "feeds/podcasts.xml").exists() and not (site.site / "feeds/newsletters.xml").exists()
    assert f"{NAME}: Practice reviews" in subscribe and "Every new Northbridge review." in subscribe
    assert f"<title>{NAME}: Practice reviews</title>" in page(site, "feeds/reviews.xml")
    assert "--lscp-primary: #5a2d82" in page(site, "feeds/feed.xsl")


def test_the_events_calendar_subscribes_in_one_click(site):
    webcal = 'href="webcal://safeguarding.northbridge.example.org/feeds/events.ics"'
    assert webcal in page(site, "events/index.html") and webcal in page(site, "subscribe/index.html")


def test_each_public_event_has_its_own_calendar_file_and_a_hidden_one_none(site):
    data = (site.site / "learning/events/summer-conference/event.ics").read_bytes()
    events = Calendar.from_ical(data).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Summer conference"]
    assert '<a href="event.ics">Add to your calendar' in page(site, "learning/events/summer-conference/index.html")
    assert not (site.site / "learning/events/secret-workshop").exists()
    assert not [p for p, text in site.outputs().items() if "Quokka" in text or "secret-workshop" in text]


def test_nothing_public_means_no_empty_latest_heading_and_no_feed_advertised(tmp_path):
    project = branded(tmp_path / "empty", EXTRA)
    result = project.build("2026-06-01")
    assert result.returncode == 0, result.output
    home = page(project, "index.html")
    assert "Latest publications" not in home
    assert 'rel="alternate feed"' not in home and "feeds/reviews.xml" not in page(project, "subscribe/index.html")


# The phone and the browser -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def base(site):
    class Handler(http.server.SimpleHTTPRequestHandler):
        # As the kit's web-server settings say: feeds as application/xml, which Chromium styles
        # with feed.xsl (application/atom+xml it shows as plain text)
        extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".atom": "application/xml"}

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    yield context.new_page()
    context.close()


@pytest.mark.browser
def test_the_phone_header_shows_the_short_name_uncut(phone, base):
    phone.goto(base + "reviews/")
    short = phone.locator(".md-header__topic .lscp-name-short").first
    assert short.is_visible() and short.inner_text() == SHORT
    assert not phone.locator(".md-header__topic .lscp-name-long").first.is_visible()
    assert short.evaluate("e => e.scrollWidth <= e.clientWidth")


@pytest.mark.browser
def test_the_statistics_table_is_readable_at_375_px(phone, base):
    phone.goto(base + "statistics/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    cut = phone.evaluate("""[...document.querySelectorAll('.lscp-stats tbody th, .lscp-stats td')]
        .filter(c => c.scrollWidth > c.clientWidth + 1 || c.getBoundingClientRect().right > 375).length""")
    assert cut == 0
    labels = phone.evaluate("""[...document.querySelectorAll('.lscp-stats tbody tr:first-child td')]
        .map(td => getComputedStyle(td, '::before').content)""")
    assert '"Referred to the Panel"' in labels and '"Median working days of notice"' in labels


@pytest.mark.browser
def test_worried_about_a_child_is_at_full_text_size(phone, base):
    phone.goto(base)
    box = phone.locator(".admonition", has_text="Worried about a child?")
    body = phone.evaluate("getComputedStyle(document.querySelector('.md-content p')).fontSize")
    assert box.evaluate("e => getComputedStyle(e.querySelector('p:last-child')).fontSize") == body
    footer = phone.locator(".lscp-worried").evaluate("e => getComputedStyle(e).fontSize")
    assert float(footer.removesuffix("px")) >= float(body.removesuffix("px"))


@pytest.mark.browser
@pytest.mark.parametrize("feed", ["feeds/reviews.atom", "feeds/reviews.xml"])
def test_a_feed_opened_in_chromium_reads_as_a_page(phone, base, feed):
    phone.goto(base + feed)
    assert phone.locator("h1").inner_text() == f"{NAME}: Practice reviews"
    assert phone.locator("ol.items h3 a").all_inner_texts() == ["Child N: a serious case review"]
    assert "new Outlook or Outlook on the web" in phone.locator("main").inner_text()
