"""The example site in real Chromium (Debian's), driven by Playwright: accessibility with
axe-core, privacy (no request leaves the site), filters without JavaScript, and search."""
import re
import sys

import pytest

from helpers import EXAMPLE_AS_OF, REPO, example_project

sys.path.insert(0, str(REPO / "scripts"))
from linkcheck import serve  # noqa: E402

playwright = pytest.importorskip("playwright.sync_api")
from axe_playwright_python.sync_playwright import Axe  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
PAGE_KINDS = {
    "home": "",
    "reviews listing": "reviews/",
    "review": "reviews/2024-baby-r/",
    "learning listing": "learning/",
    "one-minute guide": "learning/one-minute-guides/bruising-in-non-mobile-babies/",
    "podcast": "learning/podcasts/professional-curiosity/",
    "statistics": "statistics/",
    "subscribe": "subscribe/",
    "accessibility statement": "accessibility/",
    "404": "404.html",
    "filtered listing": "reviews/type/lcspr/",
}


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    project = example_project(tmp_path_factory.mktemp("browser") / "example")
    result = project.build(EXAMPLE_AS_OF)
    assert result.returncode == 0, result.output
    server = serve(project.site)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()




@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_axe_finds_no_violations(browser, base, kind):
    page = browser.new_page()
    page.goto(base + PAGE_KINDS[kind])
    results = Axe().run(page)
    violations = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]
    assert violations == [], violations
    page.close()


def test_every_page_is_british_english_with_a_skip_link(browser, base):
    page = browser.new_page()
    for path in PAGE_KINDS.values():
        page.goto(base + path)
        assert page.get_attribute("html", "lang") == "en-GB"
        assert page.locator("a.md-skip").count() == 1
    page.close()


@pytest.mark.parametrize("width", [1280, 375])
def test_no_request_leaves_the_site(browser, base, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    hosts = set()
    context.on("request", lambda r: hosts.add(re.sub(r"^[a-z]+://([^/]+).*", r"\1", r.url))
               if not r.url.startswith("data:") else None)
    page = context.new_page()
    for path in PAGE_KINDS.values():
        page.goto(base + path, wait_until="networkidle")
    assert hosts == {base.split("/")[2]}
    assert context.cookies() == []
    context.close()


def test_filters_work_without_javascript(browser, base):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "reviews/")
    all_titles = page.locator(".lscp-list > li > a").all_inner_texts()
    assert len(all_titles) == 4
    page.get_by_role("link", name=re.compile(r"^Serious case reviews")).click()
    assert page.url.endswith("/reviews/type/scr/")
    assert page.locator(".lscp-list > li > a").all_inner_texts() == ["Family D: a serious case review"]
    page.goto(base + "reviews/")
    page.get_by_role("link", name=re.compile(r"^neglect \(")).click()
    assert page.url.endswith("/reviews/theme/neglect/")
    assert page.locator(".lscp-list > li > a").all_inner_texts() == [
        "Child L: a local child safeguarding practice review"]
    context.close()


def search(browser, base, query):
    page = browser.new_page()
    page.goto(base, wait_until="networkidle")  # the search worker has loaded the index
    page.locator("input.md-search__input").click()
    page.keyboard.type(query, delay=20)
    page.wait_for_function("document.querySelector('.md-search-result__meta') && "
                           "!/Initializing|Type to start/.test(document.querySelector('.md-search-result__meta').innerText)")
    meta = page.locator(".md-search-result__meta").inner_text()
    html = page.locator(".md-search-result__list").inner_html()
    page.close()
    return meta, html


def test_search_finds_a_public_review(browser, base):
    meta, html = search(browser, base, "Baby R")
    assert "reviews/2024-baby-r/" in html and "matching document" in meta


@pytest.mark.parametrize("query, url", [("Child K", "2026-child-k"), ("Child P", "2025-child-p"),
                                        ("Young person J", "2026-young-person-j")])
def test_search_finds_nothing_of_a_hidden_review(browser, base, query, url):
    meta, html = search(browser, base, query)
    assert url not in html


def test_podcast_player_and_download(browser, base):
    page = browser.new_page()
    page.goto(base + "learning/podcasts/professional-curiosity/")
    audio = page.locator("audio[controls]")
    assert audio.count() == 1
    src = audio.get_attribute("src")
    response = page.request.get(page.url + src if not src.startswith("http") else src)
    assert response.ok and response.headers["content-type"] == "audio/mpeg"
    assert "Transcript" in page.locator("article").inner_text()
    page.close()


def test_a_review_prints_without_navigation(browser, base):
    page = browser.new_page()
    page.goto(base + "reviews/2024-baby-r/")
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".lscp-filters"):
        assert all(not el.is_visible() for el in page.locator(chrome).all()), chrome
    assert page.locator("article h1").is_visible()
    assert page.get_by_role("heading", name="What we found").is_visible()
    assert not page.locator(".md-sidebar--secondary").is_visible()
    page.close()


FEED = "feeds/reviews.xml"


@pytest.mark.parametrize("kind", [*PAGE_KINDS, "feed"])
def test_no_failed_request_and_no_console_error(browser, base, kind):
    """Material's script once fetched feeds/sitemap.xml (404) for each feed link of every page."""
    page = browser.new_page()
    failed, errors = [], []
    page.on("response", lambda r: failed.append((r.status, r.url)) if r.status >= 400 else None)
    page.on("requestfailed", lambda r: failed.append((r.failure, r.url)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + (FEED if kind == "feed" else PAGE_KINDS[kind]))
    page.wait_for_timeout(1500)  # Material's scripts fetch after load (sitemap, search index)
    assert (failed, errors) == ([], [])
    page.close()


def test_a_feed_opened_in_the_browser_reads_as_a_page(browser, base):
    page = browser.new_page()
    page.goto(base + FEED)
    assert page.locator("h1").inner_text() == "Wealdmouth Safeguarding Children Partnership: Reviews"
    items = page.locator("ol.items h3 a").all_inner_texts()
    assert "Baby R: a local child safeguarding practice review" in items
    assert not any(hidden in " ".join(items) for hidden in ("Child K", "Child P", "Young person J"))
    text = page.locator("main").inner_text()
    for words in ("This is a feed", "How to subscribe", "In a feed reader", "In Microsoft Outlook", "Copy the address"):
        assert words in text
    assert page.locator("input#address").input_value().endswith("/feeds/reviews.xml")
    # Chromium 156 adds its own banner (XSLT is deprecated), which fails axe by itself: not ours
    results = Axe().run(page, context={"exclude": [["xslt-warning-banner"]]})
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in results.response["violations"]] == []
    page.close()
