"""When an item is public: each state, its reason, and every date boundary."""
from datetime import date

import pytest

from lscp_kit.rules.decisions import decide, first_public_day, state_words
from lscp_kit.rules.items import Embargo, Item, Withdrawal


def item(**kw) -> Item:
    base = dict(id="reviews/x", source="reviews/x.md", path="content/reviews/x.md", section="reviews",
                title="X", status="published", type="scr", date=date(2026, 3, 2), summary="s")
    base.update(kw)
    return Item(**base)


D = date(2026, 6, 1)


@pytest.mark.parametrize("kw, state, words", [
    ({}, "public", "public"),
    ({"status": "draft"}, "draft", "draft"),
    ({"type": "rapid-review"}, "rapid-review", "never public - rapid review"),
    ({"date": date(2026, 6, 2)}, "scheduled", "scheduled for 2026-06-02"),
    ({"embargo": Embargo(date(2026, 7, 1), "trial")}, "embargoed", "embargoed until 2026-07-01"),
    ({"embargo": Embargo(None, "inquest")}, "held", "held, no end date"),
    ({"status": "withdrawn", "withdrawn": Withdrawal(date(2026, 5, 1), "asked")}, "withdrawn", "withdrawn on 2026-05-01"),
    ({"status": "withdrawn", "withdrawn": Withdrawal(date(2026, 6, 2), "asked")}, "public", "public"),
    ({"remove_after": date(2026, 6, 1)}, "removed", "removed on 2026-06-01"),
    ({"remove_after": date(2026, 6, 2)}, "public", "public"),
])
def test_states(kw, state, words):
    decision = decide(item(**kw), D)
    assert decision.state == state
    assert state_words(decision) == words
    assert decision.public is (state == "public")


def test_rapid_review_marked_published_is_never_public_even_years_later():
    assert not decide(item(type="rapid-review", status="published"), date(2040, 1, 1)).public


def test_embargo_last_day_and_the_day_it_lifts():
    x = item(embargo=Embargo(date(2026, 7, 1), "trial"))
    assert not decide(x, date(2026, 6, 30)).public
    assert decide(x, date(2026, 7, 1)).public
    assert first_public_day(x) == date(2026, 7, 1)


def test_first_public_day_is_the_later_of_date_and_embargo():
    assert first_public_day(item(date=date(2026, 8, 1), embargo=Embargo(date(2026, 7, 1), "t"))) == date(2026, 8, 1)
    assert decide(item(date=date(2026, 8, 1), embargo=Embargo(date(2026, 7, 1), "t")), D).state == "scheduled"
    assert first_public_day(item(embargo=Embargo(None, "t"))) is None


def test_scheduled_on_29_february():
    x = item(date=date(2028, 2, 29))
    assert not decide(x, date(2028, 2, 28)).public
    assert decide(x, date(2028, 2, 29)).public


def test_reasons_say_when_it_would_be_public():
    d = decide(item(embargo=Embargo(date(2027, 2, 15), "criminal trial")), D)
    assert "15 February 2027" in d.reason and "criminal trial" in d.reason
    assert d.public_from == date(2027, 2, 15)
    assert "held" in decide(item(embargo=Embargo(None, "inquest")), D).reason.lower()


def test_a_withdrawal_dated_before_publication_is_called_out():
    x = item(date=date(2026, 7, 1), status="withdrawn", withdrawn=Withdrawal(date(2026, 6, 15), "x"))
    assert "never shows" in decide(x, D).reason
