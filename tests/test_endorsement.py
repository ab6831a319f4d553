"""Endorsement gates an LCSPR; dates of things done cannot be after the build day."""
from datetime import date

from helpers import Project, review
from lscp_kit.rules.decisions import decide
from lscp_kit.rules.items import Item, Timeline
from lscp_kit.rules.timelines import reminders, timeline_problems


def lcspr(published: date, endorsed: date | None, sent: date | None = date(2026, 11, 2)) -> Item:
    return Item(id="reviews/x", source="reviews/x.md", path="content/reviews/x.md", section="reviews",
                title="X", status="published", type="lcspr", date=published, summary="s",
                timeline=Timeline(report_sent=sent), endorsed=endorsed)


def problems(item: Item, day: date) -> list[str]:
    d = decide(item, day)
    return [str(p) for p in timeline_problems(item, d, d.first_public_day, day)]


def test_a_public_lcspr_without_endorsement_is_an_error():
    found = problems(lcspr(date(2026, 12, 10), None), date(2026, 12, 10))
    assert len(found) == 1 and found[0].startswith("content/reviews/x.md: endorsed: missing")


def test_endorsed_on_or_before_the_first_public_day_is_fine_after_it_is_not():
    assert problems(lcspr(date(2026, 12, 10), date(2026, 10, 1)), date(2026, 12, 10)) == []
    assert problems(lcspr(date(2026, 12, 10), date(2026, 11, 2)), date(2026, 12, 10)) == []
    late = problems(lcspr(date(2026, 12, 10), date(2026, 12, 11)), date(2026, 12, 14))
    assert late == ["content/reviews/x.md: endorsed: 2026-12-11 is after the first public day 2026-12-10: "
                    "the partners endorse the final report before it is published. Check the date, or move "
                    "the publication after the endorsement."]


def test_endorsed_after_the_build_day_is_an_error_even_while_scheduled():
    found = problems(lcspr(date(2026, 12, 10), date(2026, 12, 1)), date(2026, 11, 23))
    assert found == ["content/reviews/x.md: endorsed: 2026-12-01 is after today (2026-11-23): it has not "
                     "happened yet. Record the date once it has happened, or correct it."]


def test_report_sent_after_the_build_day_is_an_error():
    found = problems(lcspr(date(2026, 12, 10), date(2026, 10, 1), sent=date(2026, 11, 25)), date(2026, 11, 23))
    assert found == ["content/reviews/x.md: timeline.report_sent: 2026-11-25 is after today (2026-11-23): "
                     "it has not happened yet. Record the date once it has happened, or correct it."]


def test_a_scheduled_lcspr_without_endorsement_gets_a_reminder_not_an_error():
    item = lcspr(date(2026, 12, 10), None)
    d = decide(item, date(2026, 11, 23))
    assert problems(item, date(2026, 11, 23)) == []
    (note,) = reminders(item, d, d.first_public_day)
    assert note.startswith("content/reviews/x.md: endorsed: not set yet") and "by 2026-12-10" in note


def test_other_review_types_need_no_endorsement():
    item = Item(id="reviews/y", source="reviews/y.md", path="content/reviews/y.md", section="reviews",
                title="Y", status="published", type="scr", date=date(2026, 1, 5), summary="s")
    assert problems(item, date(2026, 6, 1)) == []


def test_build_reminds_before_the_day_and_refuses_on_the_day(project: Project):
    meta = review("lcspr", title="Child M review", date="2026-06-15")
    del meta["endorsed"]
    meta["timeline"]["report_sent"] = "2026-05-20"
    project.item("reviews/2026-child-m.md", **meta)
    before = project.build("2026-06-01")
    assert before.returncode == 0, before.output
    assert "content/reviews/2026-child-m.md: endorsed: not set yet" in before.output
    refused = project.build("2026-06-15")
    assert refused.returncode != 0
    assert "content/reviews/2026-child-m.md: endorsed: missing" in refused.output
    assert not (project.site / "reviews/2026-child-m").exists()
