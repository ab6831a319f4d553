"""Events: the schema, London times in GMT and BST, events.ics, the events page, feeds, and the
comms team's calendar and annual report duty."""
import subprocess
import sys
from datetime import date, datetime, timezone

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar

from helpers import EXAMPLE_AS_OF, REPO, Project, example_project, learning, review
from lscp_kit.rules import annual
from lscp_kit.rules import catalogue
from lscp_kit.rules.items import parse_item

SITE = "https://safeguarding.wealdmouth.example.org/"


def event_item(kind="event", **event):
    meta = {"start": "2026-12-03T09:30", "end": "2026-12-03T17:00", "location": "Town Hall", **event}
    return learning(kind, title="Conference", event={k: v for k, v in meta.items() if v is not None})


def problems_of(meta: dict) -> list[str]:
    import yaml
    text = "---\n" + yaml.safe_dump(meta, sort_keys=False) + "---\n"
    item, found = parse_item("learning/events/x.md", text, frozenset({"learning/events/x.md"}))
    return [str(p) for p in found]


@pytest.mark.parametrize("event, key, words", [
    ({"end": "2026-12-03T09:00"}, "event.end", "is not after event.start"),
    ({"end": "2026-12-03T09:30"}, "event.end", "is not after event.start"),
    ({"start": "2026-02-30T10:00"}, "event.start", "not a real date and time"),
    ({"start": "2026-12-03T25:00"}, "event.start", "not a real date and time"),
    ({"start": "2026-12-03 09:30"}, "event.start", "must be a London time written YYYY-MM-DDTHH:MM"),
    ({"start": "2027-03-28T01:30", "end": "2027-03-28T03:00"}, "event.start", "does not exist in London"),
    ({"start": "2026-10-25T01:30", "end": "2026-10-25T03:00"}, "event.start", "happens twice in London"),
    ({"booking": "ftp://example.org/book"}, "event.booking", "must be a web address"),
    ({"booking": "book with Jo"}, "event.booking", "must be a web address"),
    ({"location": None}, "event.location", "missing"),
    ({"start": None}, "event.start", "missing"),
])
def test_event_schema_errors(event, key, words):
    found = problems_of(event_item(**event))
    assert any(p.startswith(f"content/learning/events/x.md: {key}: ") and words in p for p in found), found


def test_event_is_required_for_events_allowed_on_webinars_refused_elsewhere():
    meta = learning("event", title="Workshop")
    assert problems_of(meta) == ["content/learning/events/x.md: event: missing: an event needs event: "
                                 "{start: YYYY-MM-DDTHH:MM, end: YYYY-MM-DDTHH:MM, location: ...} (London times)"]
    assert problems_of(event_item("webinar", location="online")) == []
    assert problems_of(learning("webinar")) == []
    guide = event_item("one-minute-guide")
    assert problems_of(guide)[0].startswith("content/learning/events/x.md: event: only allowed for type event or webinar")
    assert problems_of(event_item(surprise="x"))[0].startswith("content/learning/events/x.md: event.surprise: unknown key")


def test_event_times_are_london_times_in_gmt_and_bst():
    winter, _ = parse_item("learning/a.md", _text(event_item()), frozenset())
    summer, _ = parse_item("learning/a.md", _text(event_item(start="2027-06-15T10:00", end="2027-06-15T12:00")),
                           frozenset())
    assert winter.event.start.astimezone(timezone.utc) == datetime(2026, 12, 3, 9, 30, tzinfo=timezone.utc)
    assert summer.event.start.astimezone(timezone.utc) == datetime(2027, 6, 15, 9, 0, tzinfo=timezone.utc)


def _text(meta: dict) -> str:
    import yaml
    return "---\n" + yaml.safe_dump(meta, sort_keys=False) + "---\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = Project(tmp_path_factory.mktemp("events") / "p")
    events = {
        "winter": ("Walnut winter conference", "2026-12-03T09:30", "2026-12-03T17:00", "The Assembly Rooms"),
        "summer": ("Sycamore summer training", "2027-06-15T10:00", "2027-06-15T12:00", "online"),
        "spring": ("Spruce spring workshop", "2027-03-02T13:00", "2027-03-02T15:00", "Civic Centre"),
        "later": ("Larch later workshop", "2027-09-01T10:00", "2027-09-01T11:00", "Civic Centre"),
        "past": ("Poplar past workshop", "2026-05-12T09:30", "2026-05-12T12:30", "Civic Centre"),
        "older": ("Oak older workshop", "2025-11-04T09:30", "2025-11-04T12:30", "Civic Centre"),
    }
    for slug, (title, start, end, place) in events.items():
        project.item(f"learning/events/{slug}.md", **learning(
            "event", title=title, date="2026-05-01",
            event={"start": start, "end": end, "location": place, "booking": f"https://book.example.org/{slug}"}))
    project.item("learning/webinars/hazel-webinar.md", **learning(
        "webinar", title="Hazel webinar", date="2026-05-01",
        event={"start": "2026-04-10T12:30", "end": "2026-04-10T13:30", "location": "online"}))
    project.item("learning/events/quince-draft.md", **dict(
        title="Quince draft event", status="draft", type="event",
        event={"start": "2026-12-01T10:00", "end": "2026-12-01T11:00", "location": "Quince Hall"}))
    project.item("learning/events/rowan-embargoed.md", **learning(
        "event", title="Rowan embargoed event", embargo={"until": "2026-07-01", "reason": "not announced"},
        event={"start": "2026-12-02T10:00", "end": "2026-12-02T11:00", "location": "Rowan Hall"}))
    result = project.build("2026-06-01")
    assert result.returncode == 0, result.output
    first = (project.site / "feeds/events.ics").read_bytes()
    again = project.build("2026-06-01T15:45+01:00")
    assert again.returncode == 0, again.output
    return project, first


def parsed_ics(data: bytes) -> dict[str, object]:
    cal = Calendar.from_ical(data)
    return {str(e["summary"]): e for e in cal.walk("VEVENT")}


def test_events_ics_is_byte_identical_across_rebuilds(built):
    project, first = built
    assert (project.site / "feeds/events.ics").read_bytes() == first


def test_events_ics_holds_public_events_at_their_london_times(built):
    project, _ = built
    data = (project.site / "feeds/events.ics").read_bytes()
    cal = Calendar.from_ical(data)
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/London"]
    events = parsed_ics(data)
    assert set(events) == {"Walnut winter conference", "Sycamore summer training", "Spruce spring workshop",
                           "Larch later workshop", "Poplar past workshop", "Oak older workshop", "Hazel webinar"}
    winter, summer = events["Walnut winter conference"], events["Sycamore summer training"]
    assert b"DTSTART;TZID=Europe/London:20261203T093000" in data
    assert b"DTSTART;TZID=Europe/London:20270615T100000" in data
    assert winter["dtstart"].params["TZID"] == "Europe/London"
    assert winter["dtstart"].dt.astimezone(timezone.utc) == datetime(2026, 12, 3, 9, 30, tzinfo=timezone.utc)
    assert summer["dtstart"].dt.astimezone(timezone.utc) == datetime(2027, 6, 15, 9, 0, tzinfo=timezone.utc)
    assert summer["dtend"].dt.astimezone(timezone.utc) == datetime(2027, 6, 15, 11, 0, tzinfo=timezone.utc)
    assert str(winter["uid"]) == "learning/events/winter@safeguarding.wealdmouth.example.org"
    assert str(winter["url"]) == SITE + "learning/events/winter/"
    assert str(winter["location"]) == "The Assembly Rooms" and str(summer["location"]) == "Online"
    assert winter["dtstamp"].dt == datetime(2026, 4, 30, 23, 0, tzinfo=timezone.utc)  # 1 May, London midnight
    assert "https://book.example.org/winter" in str(winter["description"])


def test_a_hidden_event_leaves_no_trace(built):
    project, _ = built
    outputs = project.outputs()
    for name in ("feeds/events.ics", "events/index.html", "feeds/learning.xml", "feeds/learning.atom",
                 "index.html", "learning/index.html"):
        for trace in ("Quince", "quince-draft", "Rowan", "rowan-embargoed"):
            assert trace not in outputs[name], (name, trace)
    assert not (project.site / "learning/events/rowan-embargoed").exists()


def titles(html: str, heading: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    section = soup.find("h2", id=heading).find_next_sibling("ul")
    return [a.get_text() for a in section.select(":scope > li > a")]


def test_events_page_upcoming_soonest_first_then_past_newest_first(built):
    project, _ = built
    html = (project.site / "events/index.html").read_text()
    assert titles(html, "upcoming-events") == ["Walnut winter conference", "Spruce spring workshop",
                                               "Sycamore summer training", "Larch later workshop"]
    assert titles(html, "past-events") == ["Poplar past workshop", "Hazel webinar", "Oak older workshop"]
    assert "https://book.example.org/winter" in html and "https://book.example.org/past" not in html


def test_home_page_shows_the_next_three_events(built):
    project, _ = built
    html = (project.site / "index.html").read_text()
    assert titles(html, "upcoming-events") == ["Walnut winter conference", "Spruce spring workshop",
                                               "Sycamore summer training"]


def test_event_page_shows_date_time_place_and_booking(built):
    project, _ = built
    soup = BeautifulSoup((project.site / "learning/events/summer/index.html").read_text(), "html.parser")
    facts = {dt.get_text(): dt.find_next_sibling("dd") for dt in soup.select(".lscp-facts dt")}
    assert facts["When"].get_text(" ", strip=True) == "Tuesday 15 June 2027, 10am to 12 noon (UK time)"
    assert facts["When"].time["datetime"] == "2027-06-15T10:00:00+01:00"
    assert facts["Where"].get_text() == "Online"
    assert facts["Booking"].a["href"] == "https://book.example.org/summer"


def test_events_are_in_the_learning_feed(built):
    project, _ = built
    feed = (project.site / "feeds/learning.xml").read_text()
    assert "Walnut winter conference" in feed and SITE + "learning/events/winter/" in feed


def run_report(root, *args):
    return subprocess.run([sys.executable, str(REPO / "scripts/report.py"), *args, "--project", str(root)],
                          capture_output=True, text=True)


def test_the_report_calendar(project: Project):
    scheduled = review("lcspr", title="Child S review", child="Child S", date="2026-12-10")
    scheduled["timeline"]["report_sent"] = "2026-11-20"
    scheduled["endorsed"] = "2026-11-09"
    project.item("reviews/2026-child-s.md", **scheduled)
    project.item("reviews/2025-child-p.md", **review("scr", title="Child P review", child="Child P",
                                                     embargo={"until": "2027-02-15", "reason": "trial"}))
    project.item("reviews/2026-child-k.md", **review("scr", title="Child K review", embargo={"reason": "inquest"}))
    project.item("learning/annual-report.md", **learning("annual-report", title="Annual report", date="2025-09-29"))
    result = subprocess.run([sys.executable, str(REPO / "scripts/report.py"), "--format", "ics", "--as-of",
                             "2026-11-23", "--project", str(project.root)], capture_output=True)
    assert result.returncode == 0, result.stderr
    events = {str(e["summary"]): e["dtstart"].dt for e in Calendar.from_ical(result.stdout).walk("VEVENT")}
    assert events == {
        "Child S: last day to send the report (sent)": date(2026, 12, 1),
        "Child S: publication day": date(2026, 12, 10),
        "Child S: end of its retention year": date(2027, 12, 10),
        "Child P: publication day": date(2027, 2, 15),
        "Child P: end of its retention year": date(2028, 2, 15),
        "Annual report due (OVERDUE)": date(2026, 9, 29),
    }
    assert b"Child K" not in result.stdout  # held with no end date: nothing to plan yet


def duty_on(day: date, published: str = "2026-09-28"):
    text = f"---\ntitle: AR\nstatus: published\ntype: annual-report\ndate: {published}\nsummary: s\n---\n"
    cat, problems = catalogue.load({"learning/ar.md": text}, frozenset({"learning/ar.md"}), day)
    assert problems == []
    return annual.duty(cat), annual.warning(cat)


def test_annual_report_due_a_year_after_the_last_with_a_30_day_warning():
    quiet, none = duty_on(date(2027, 8, 28))
    assert quiet.due == date(2027, 9, 28) and not quiet.warn and none is None
    assert "next due by 2027-09-28" in quiet.words() and "DUE SOON" not in quiet.words()
    soon, text = duty_on(date(2027, 8, 29))
    assert soon.warn and not soon.overdue and "due by 2027-09-28" in text and "in 30 days" in text
    last, text = duty_on(date(2027, 9, 28))
    assert not last.overdue and "in 0 days" in text
    late, text = duty_on(date(2027, 9, 29))
    assert late.overdue and "OVERDUE" in text and "OVERDUE by 1 days" in late.words()


def test_no_annual_report_at_all_is_overdue():
    cat, _ = catalogue.load({}, frozenset(), date(2026, 11, 23))
    assert annual.duty(cat).overdue and "No annual report is public" in annual.warning(cat)


def test_report_fits_120_columns_and_shows_the_plan_and_the_annual_report(tmp_path):
    example = example_project(tmp_path / "example").root
    result = run_report(example, "--as-of", EXAMPLE_AS_OF)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert max(map(len, lines)) <= 120, max(lines, key=len)
    plan = next(line for line in lines if line.startswith("2026-child-s ") and "2026-11-09" in line)
    assert "2026-11-20" in plan and "14 wd" in plan
    assert "Annual report: next due by 2027-09-28" in result.stdout
    wide = run_report(example, "--as-of", EXAMPLE_AS_OF, "--wide")
    assert max(map(len, wide.stdout.splitlines())) > 120 and "reviews/2026-child-s" in wide.stdout
