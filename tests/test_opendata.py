"""Open data and the statistics page: public reviews only, one computation, no incident dates."""
import csv
import io
import json
import re

import pytest

from helpers import PDF, Project, learning, review

BASE = "https://safeguarding.wealdmouth.example.org/"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Project:
    p = Project(tmp_path_factory.mktemp("data") / "p")
    p.item("reviews/2025-a/index.md", files={"a.pdf": PDF}, **review(
        "lcspr", title="A", date="2025-06-02", report="a.pdf", themes=["neglect", "exploitation"],
        timeline={"incident_notified": "2024-03-04", "rapid_review_sent": "2024-03-22", "report_sent": "2025-05-19"}))
    p.item("reviews/2025-b.md", **review("scr", title="B", date="2025-09-01"))
    p.item("reviews/2026-c.md", **review("learning-review", title="C", date="2026-02-02", timeline={
        "incident_notified": "2025-10-06", "rapid_review_sent": "2025-11-07"}))
    p.item("reviews/2026-d.md", **review("lcspr", title="D", date="2026-03-02", timeline={
        "incident_notified": "2025-01-06", "rapid_review_sent": "2025-01-24", "report_sent": "2026-02-03"}))
    p.item("reviews/2026-hidden.md", **review("lcspr", title="Held review of Child Z", embargo={"reason": "trial"}, timeline={
        "incident_notified": "2025-02-03", "rapid_review_sent": "2025-02-21", "report_sent": "2025-12-01"}))
    p.item("reviews/2026-rapid.md", **review("rapid-review", title="Rapid review of Child Y", timeline={
        "incident_notified": "2026-01-05", "rapid_review_sent": "2026-01-23"}))
    p.item("learning/guide.md", **learning())
    result = p.build("2026-06-01")
    assert result.returncode == 0, result.output
    return p


def test_json_record_fields(site):
    data = json.loads((site.site / "open-data/reviews.json").read_text())
    assert [r["id"] for r in data] == ["2026-d", "2026-c", "2025-b", "2025-a"]
    a = data[-1]
    assert a == {"id": "2025-a", "title": "A", "type": "lcspr", "child": None, "published": "2025-06-02",
                 "year": 2025, "url": f"{BASE}reviews/2025-a/", "report_url": f"{BASE}reviews/2025-a/a.pdf",
                 "themes": ["neglect", "exploitation"], "referred_to_panel": True,
                 "rapid_review_working_days": 14, "notice_working_days": 9}  # 26 May 2025 is a bank holiday
    b = data[2]
    assert b["referred_to_panel"] is False and b["rapid_review_working_days"] is None and b["report_url"] is None
    assert data[1]["rapid_review_working_days"] == 24  # over 15: reported, not blocking


def test_csv_matches_json(site):
    data = json.loads((site.site / "open-data/reviews.json").read_text())
    rows = list(csv.DictReader(io.StringIO((site.site / "open-data/reviews.csv").read_text())))
    assert [r["id"] for r in rows] == [r["id"] for r in data]
    assert rows[-1]["themes"] == "neglect; exploitation" and rows[-1]["referred_to_panel"] == "true"
    assert rows[2]["notice_working_days"] == ""


def test_no_raw_incident_date_anywhere(site):
    dates = ["2024-03-04", "2024-03-22", "2025-05-19", "2025-10-06", "2025-11-07", "2025-01-06",
             "2025-01-24", "2026-02-03", "2025-02-03", "2026-01-05"]
    for path, text in site.outputs().items():
        for d in dates:
            assert d not in text, (path, d)
    stats = (site.site / "statistics/index.html").read_text()
    for words in ("4 March 2024", "22 March 2024", "19 May 2025", "6 October 2025"):
        assert words not in stats


def cells(html: str, row: str) -> list[str]:
    match = re.search(rf'<th scope="row">{row}</th>(.*?)</tr>', html, re.S)
    return re.findall(r"<td[^>]*>(.*?)</td>", match.group(1))


def test_statistics_page_counts_reviews_and_matches_open_data(site):
    html = (site.site / "statistics/index.html").read_text()
    assert "1 June 2026" in html  # the date the figures are as of
    # lcspr, scr, learning-review; all, referred, still online; median rapid review, median notice
    assert cells(html, "2026") == ["1", "0", "1", "2", "2", "2", "19", "19"]  # median(24, 14); D only
    assert cells(html, "2025")[:6] == ["1", "1", "0", "2", "1", "2"]
    assert cells(html, "Total since 2020")[:6] == ["2", "1", "1", "4", "3", "4"]
    assert "open-data/reviews.csv" in html and "open-data/reviews.json" in html
    assert "open-data/statistics.json" in html
    data = json.loads((site.site / "open-data/reviews.json").read_text())
    assert len(data) == int(cells(html, "Total since 2020")[3])
    assert ("In <strong>2026</strong> we published 2 reviews: 1 local child safeguarding practice review "
            "and 1 learning review. Both followed a serious incident notification") in html
    assert "In <strong>2025</strong> we published 2 reviews: 1 local child safeguarding practice review and " \
           "1 serious case review. 1 of them followed" in html


def test_statistics_json_matches_the_page(site):
    data = json.loads((site.site / "open-data/statistics.json").read_text())
    empty = {"published": 0, "by_type": {"lcspr": 0, "scr": 0, "learning-review": 0}, "referred_to_panel": 0,
             "still_online": 0}
    assert data == {"as_of": "2026-06-01", "years": [
        *({"year": y, **empty} for y in range(2020, 2025)),  # mkdocs.yml: statistics_from: 2020
        {"year": 2025, "published": 2, "by_type": {"lcspr": 1, "scr": 1, "learning-review": 0},
         "referred_to_panel": 1, "still_online": 2},
        {"year": 2026, "published": 2, "by_type": {"lcspr": 1, "scr": 0, "learning-review": 1},
         "referred_to_panel": 2, "still_online": 2}]}
    assert_page_matches_json(site)


def assert_page_matches_json(project: Project) -> None:
    html = (project.site / "statistics/index.html").read_text()
    data = json.loads((project.site / "open-data/statistics.json").read_text())
    for year in data["years"]:
        expected = [*map(str, year["by_type"].values()), str(year["published"]),
                    str(year["referred_to_panel"]), str(year["still_online"])]
        assert cells(html, str(year["year"]))[:6] == expected
    assert re.findall(r'<th scope="row">(\d{4})</th>', html) == [str(y["year"]) for y in data["years"]]
