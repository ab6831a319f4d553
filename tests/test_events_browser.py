"""The events page in real Chromium: upcoming versus past around an event's end, and axe."""
import sys

import pytest

from helpers import REPO, Project, learning

sys.path.insert(0, str(REPO / "scripts"))
from linkcheck import serve  # noqa: E402

playwright = pytest.importorskip("playwright.sync_api")
from axe_playwright_python.sync_playwright import Axe  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]




@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Project:
    project = Project(tmp_path_factory.mktemp("events-browser") / "p")
    project.item("learning/events/conference.md", **learning(
        "event", title="Winter conference", date="2026-09-14",
        event={"start": "2026-12-03T09:30", "end": "2026-12-03T17:00", "location": "The Assembly Rooms",
               "booking": "https://book.example.org/conference"}))
    project.item("learning/webinars/fathers.md", **learning(
        "webinar", title="Fathers webinar", date="2026-03-12",
        event={"start": "2026-03-12T12:30", "end": "2026-03-12T13:30", "location": "online"}))
    return project


def sections(browser, project: Project, as_of: str) -> dict[str, list[str]]:
    result = project.build(as_of)
    assert result.returncode == 0, result.output
    server = serve(project.site)
    try:
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/events/")
        found = {h: page.locator(f"h2#{h} + ul > li > a").all_inner_texts() for h in ("upcoming-events", "past-events")}
        violations = [v["id"] for v in Axe().run(page).response["violations"]]
        assert violations == [], violations
        page.close()
    finally:
        server.shutdown()
    return found


def test_an_event_is_upcoming_until_it_ends_then_past(browser, project):
    # 17:00 on 3 December 2026 in London is 17:00 UTC (GMT).
    assert sections(browser, project, "2026-12-03T16:59+00:00") == {
        "upcoming-events": ["Winter conference"], "past-events": ["Fathers webinar"]}
    assert sections(browser, project, "2026-12-03T17:01+00:00") == {
        "upcoming-events": [], "past-events": ["Winter conference", "Fathers webinar"]}


def test_the_example_events_and_event_pages_are_axe_clean(browser, tmp_path_factory):
    from helpers import EXAMPLE_AS_OF, example_project
    example = example_project(tmp_path_factory.mktemp("events-example") / "example")
    assert example.build(EXAMPLE_AS_OF).returncode == 0
    server = serve(example.site)
    try:
        page = browser.new_page()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        for path in ("events/", "learning/events/safeguarding-conference-2026/",
                     "learning/webinars/working-with-fathers/", ""):
            page.goto(base + path)
            violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in Axe().run(page).response["violations"]]
            assert violations == [], (path, violations)
        page.goto(base + "events/")
        assert page.locator("h2#upcoming-events + ul > li > a").first.inner_text().startswith("Wealdmouth safeguarding conference")
        page.close()
    finally:
        server.shutdown()
