"""FOI statistics: every review ever public counts in its first public year, for good."""
import re
import json
from datetime import date

import pytest

from helpers import Project, review
from lscp_kit import settings
from lscp_kit.outputs import opendata
from lscp_kit.rules.catalogue import load
from lscp_kit.rules.register import Entry
from test_opendata import assert_page_matches_json, cells

ZERO = {"lcspr": 0, "scr": 0, "learning-review": 0}


def year(y, published=0, referred=0, online=0, **by_type):
    return {"year": y, "published": published, "by_type": dict(ZERO, **by_type),
            "referred_to_panel": referred, "still_online": online}


def withdrawn(meta: dict, day: str, reason: str = "A factual error.") -> dict:
    return dict(meta, status="withdrawn", withdrawn={"date": day, "reason": reason})


TIMELINE_2021 = {"incident_notified": "2020-03-02", "rapid_review_sent": "2020-03-20", "report_sent": "2021-02-01"}


def front(meta: dict) -> str:
    import yaml
    return "---\n" + yaml.safe_dump(meta, sort_keys=False) + "---\n\nBody.\n"


def catalogue(day: date, register=None, **sources):
    texts = {f"reviews/{k}.md": front(v) for k, v in sources.items()}
    cat, problems = load(texts, frozenset(texts), day, register or {})
    assert problems == []
    return cat


def test_every_source_of_ever_public_and_never_rapid_reviews():
    cat = catalogue(
        date(2026, 6, 1),
        {"reviews/2020-deleted": Entry(date(2020, 6, 1), date(2021, 7, 1)),
         "reviews/2021-a": Entry(date(2021, 3, 1)),
         "reviews/2027-later": Entry(date(2027, 1, 4))},
        **{"2021-a": review("lcspr", date="2021-03-01", timeline=TIMELINE_2021),
           "2022-w": withdrawn(review("scr", date="2022-02-07"), "2023-03-06"),
           "2022-never": withdrawn(review("scr", date="2022-05-02"), "2022-05-02"),
           "2024-rapid": review("rapid-review", date="2024-01-08"),
           "2026-b": review("learning-review", date="2026-01-12"),
           "2026-draft": dict(review("scr", date="2026-01-12"), status="draft")})
    found = {c.id: (c.type, c.first_public, c.referred, c.online) for c in opendata.ever_public(cat)}
    assert found == {
        "reviews/2020-deleted": (None, date(2020, 6, 1), False, False),
        "reviews/2021-a": ("lcspr", date(2021, 3, 1), True, True),
        "reviews/2022-w": ("scr", date(2022, 2, 7), False, False),  # from its front matter
        "reviews/2026-b": ("learning-review", date(2026, 1, 12), False, True)}
    years = opendata.yearly(opendata.ever_public(cat), cat.day)
    assert years == [year(2020, 1), year(2021, 1, 1, 1, lcspr=1), year(2022, 1, scr=1),
                     year(2023), year(2024), year(2025), year(2026, 1, 0, 1, **{"learning-review": 1})]
    assert [y["year"] for y in opendata.yearly(opendata.ever_public(cat), cat.day, 2018)][:3] == [2018, 2019, 2020]
    page = opendata.statistics([], opendata.ever_public(cat), cat.day)
    assert page["total"]["published"] == 4 and page["total"]["deleted"] == 1
    assert page["years"][3]["words"] == "we published no reviews."
    assert "It is no longer online (withdrawn or removed)." in page["years"][2]["words"]


def test_no_review_ever_gives_no_years():
    cat = catalogue(date(2026, 6, 1), **{"2026-rapid": review("rapid-review", date="2026-01-12")})
    assert opendata.yearly(opendata.ever_public(cat), cat.day) == []
    assert opendata.yearly(opendata.ever_public(cat), cat.day, 2025) == [year(2025), year(2026)]


@pytest.mark.parametrize("value, expected", [(2020, 2020), ("2020", 2020), (date(2020, 1, 1), 2020),
                                             ("2020-01-01", 2020), (None, None)])
def test_statistics_from_accepts_a_year_or_a_day(value, expected):
    read, problems = settings.read("P", None, {"partnership": {"name": "P"}, "statistics_from": value})
    assert (read.statistics_from, problems) == (expected, [])


def test_statistics_from_rejects_anything_else():
    read, problems = settings.read("P", None, {"partnership": {"name": "P"}, "statistics_from": "since 2020"})
    assert read.statistics_from is None
    assert str(problems[0]).startswith("mkdocs.yml: extra.statistics_from: 'since 2020' is not a year")


def set_statistics_from(p: Project, value: str | None) -> None:
    config = re.sub(r"\n  statistics_from: .*", "", (p.root / "mkdocs.yml").read_text())
    config = config.replace("\nextra:\n", "\nextra:\n  statistics_from: XX\n", 1)
    if value is None:
        config = config.replace("  statistics_from: XX\n", "")
    (p.root / "mkdocs.yml").write_text(config.replace("XX", value or ""))


def statistics(p: Project) -> dict:
    assert_page_matches_json(p)
    return json.loads((p.site / "open-data/statistics.json").read_text())


def test_withdrawing_a_review_never_changes_a_past_year(tmp_path):
    p = Project(tmp_path / "p")
    set_statistics_from(p, "2019")
    p.item("reviews/2021-a.md", **review("lcspr", title="Review of Child A", date="2021-03-01", timeline=TIMELINE_2021))
    p.item("reviews/2022-w.md", **withdrawn(review("scr", title="Review of Child W", date="2022-02-07"), "2023-03-06"))
    p.item("reviews/2024-rapid.md", **review("rapid-review", title="Review of Child Q", date="2024-01-08"))
    p.item("reviews/2026-b.md", **review("learning-review", title="B", date="2026-01-12"))
    result = p.build("2026-06-01")
    assert result.returncode == 0, result.output
    before = statistics(p)
    assert before == {"as_of": "2026-06-01", "years": [
        year(2019), year(2020), year(2021, 1, 1, 1, lcspr=1), year(2022, 1, scr=1), year(2023), year(2024),
        year(2025), year(2026, 1, 0, 1, **{"learning-review": 1})]}
    html = (p.site / "statistics/index.html").read_text()
    assert "since 2019" in html and cells(html, "Total since 2019")[:6] == ["1", "1", "1", "3", "1", "2"]

    p.item("reviews/2021-a.md", **withdrawn(review("lcspr", title="Review of Child A", date="2021-03-01",
                                                    timeline=TIMELINE_2021), "2026-06-01"))
    result = p.build("2026-06-01")
    assert result.returncode == 0, result.output
    after = statistics(p)
    assert after["years"][2] == year(2021, 1, 1, 0, lcspr=1)  # still counted; no longer online
    assert [y for y in after["years"] if y["year"] != 2021] == [y for y in before["years"] if y["year"] != 2021]
    assert json.loads((p.site / "open-data/reviews.json").read_text())[0]["id"] == "2026-b"
    later = (p.site / "statistics/index.html").read_text()
    assert cells(html, "2021")[6:8] == cells(later, "2021")[6:8] != ["no data", "no data"]  # medians kept

    set_statistics_from(p, None)  # the default: the first year a review was public
    result = p.build("2026-06-01")
    assert result.returncode == 0, result.output
    assert [y["year"] for y in statistics(p)["years"]] == [2021, 2022, 2023, 2024, 2025, 2026]

    set_statistics_from(p, "twenty twenty")
    result = p.build("2026-06-01")
    assert result.returncode == 1
    assert "mkdocs.yml: extra.statistics_from: 'twenty twenty' is not a year" in result.output
