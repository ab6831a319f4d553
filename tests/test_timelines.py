"""The LCSPR notice rule (7 working days) and the reported timings."""
from datetime import date

import pytest

from lscp_kit.rules.decisions import decide
from lscp_kit.rules.items import Embargo, Item, Timeline
from lscp_kit.rules.timelines import earliest_publication, notice_problem, timings


def lcspr(published: date, sent: date | None, **kw) -> Item:
    return Item(id="reviews/x", source="reviews/x.md", path="content/reviews/x.md", section="reviews",
                title="X", status="published", type="lcspr", date=published, summary="s",
                timeline=Timeline(report_sent=sent), **kw)


def problem(x: Item, day: date):
    d = decide(x, day)
    return notice_problem(x, d, d.first_public_day)


def test_seven_working_days_is_enough_six_is_not():
    # publication Wednesday 9 December 2026
    assert problem(lcspr(date(2026, 12, 9), date(2026, 11, 30)), date(2026, 12, 9)) is None
    found = problem(lcspr(date(2026, 12, 9), date(2026, 12, 1)), date(2026, 12, 9))
    assert found.key == "timeline.report_sent" and "6 working days" in found.message
    assert "2026-11-30" in found.message  # the latest day it could have been sent


def test_short_only_because_of_a_bank_holiday_is_an_error():
    # Publication Tuesday 1 June 2027. Monday 31 May 2027 is the spring bank holiday.
    # Sent Monday 24 May: 24,25,26,27,28 May = 5 working days (31 May does not count).
    # Without the holiday 24 May .. 31 May would be 6; the same for sending on 21 May: 7 vs 6.
    found = problem(lcspr(date(2027, 6, 1), date(2027, 5, 21)), date(2027, 6, 1))
    assert found is not None and "6 working days" in found.message
    assert problem(lcspr(date(2027, 6, 1), date(2027, 5, 20)), date(2027, 6, 1)) is None


def test_missing_report_sent_blocks_a_public_lcspr_but_not_a_scheduled_one():
    assert "missing" in problem(lcspr(date(2026, 5, 1), None), date(2026, 6, 1)).message
    assert problem(lcspr(date(2026, 7, 1), None), date(2026, 6, 1)) is None


def test_a_scheduled_lcspr_with_a_late_report_is_an_error_before_its_day():
    assert problem(lcspr(date(2026, 7, 1), date(2026, 6, 29)), date(2026, 6, 1)) is not None


def test_notice_counts_from_the_first_public_day_after_an_embargo():
    x = lcspr(date(2026, 1, 5), date(2026, 3, 2), embargo=Embargo(date(2026, 3, 20), "trial"))
    assert problem(x, date(2026, 6, 1)) is None


def test_other_review_types_need_no_notice():
    x = Item(id="reviews/x", source="reviews/x.md", path="p", section="reviews", title="X",
             status="published", type="scr", date=date(2026, 1, 5), summary="s")
    assert notice_problem(x, decide(x, date(2026, 6, 1)), date(2026, 1, 5)) is None


def test_earliest_publication():
    assert earliest_publication(date(2026, 11, 30)) == date(2026, 12, 9)
    assert earliest_publication(date(2026, 11, 28)) == date(2026, 12, 9)  # sent on a Saturday


@pytest.mark.parametrize("notified, sent, n, late", [
    (date(2026, 4, 14), date(2026, 5, 5), 14, False),   # over the early May bank holiday
    (date(2026, 4, 14), date(2026, 5, 7), 16, True),
    (date(2026, 4, 14), date(2026, 5, 6), 15, False),
])
def test_rapid_review_timing(notified, sent, n, late):
    x = Item(id="reviews/x", source="s", path="p", section="reviews", title="X", status="published",
             type="rapid-review", timeline=Timeline(incident_notified=notified, rapid_review_sent=sent))
    t = timings(x, None)
    assert t.rapid_review_working_days == n and t.rapid_review_late is late
