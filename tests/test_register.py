"""Retention: a public item stays for a year; the register remembers across clones."""
from datetime import date

import pytest

from lscp_kit.rules import register as reg
from lscp_kit.rules.decisions import decide
from lscp_kit.rules.items import Embargo, Item, Withdrawal

P = date(2026, 3, 2)


def item(ident="reviews/x", **kw) -> Item:
    base = dict(id=ident, source=f"{ident}.md", path=f"content/{ident}.md", section="reviews", title="X",
                status="published", type="scr", date=P, summary="s")
    base.update(kw)
    return Item(**base)


def check(x: Item | None, day: date, first: date = P) -> list[str]:
    items = {x.id: x} if x else {}
    return [str(p) for p in reg.retention_problems({"reviews/x": reg.Entry(first)}, items, day)]


def test_retention_end_and_first_day_it_may_go():
    assert reg.retention_end(P) == date(2027, 3, 2) and reg.may_go_from(P) == date(2027, 3, 3)
    assert reg.retention_end(date(2028, 2, 29)) == date(2029, 3, 1)
    assert reg.may_go_from(date(2028, 2, 29)) == date(2029, 3, 2)


@pytest.mark.parametrize("change, key", [
    (None, "file"),
    (dict(status="draft"), "status"),
    (dict(embargo=Embargo(date(2026, 12, 1), "new trial")), "embargo"),
    (dict(embargo=Embargo(None, "inquest")), "embargo"),
    (dict(date=date(2026, 4, 1)), "date"),
    (dict(status="withdrawn", withdrawn=Withdrawal(date(2027, 3, 2), "asked")), "withdrawn.date"),
    (dict(remove_after=date(2027, 3, 2)), "remove_after"),
    (dict(type="rapid-review"), "type"),
])
def test_each_early_exit_is_refused_with_item_p_and_first_allowed_day(change, key):
    x = None if change is None else item(**change)
    found = check(x, date(2026, 6, 1))
    assert len(found) == 1
    text = found[0]
    assert f": {key}: " in text and "reviews/x" in text
    assert "2026-03-02" in text and "2027-03-03" in text


def test_withdrawal_and_removal_on_the_first_allowed_day_are_fine():
    assert check(item(status="withdrawn", withdrawn=Withdrawal(date(2027, 3, 3), "asked")), date(2026, 6, 1)) == []
    assert check(item(remove_after=date(2027, 3, 3)), date(2026, 6, 1)) == []


def test_after_the_year_anything_goes():
    assert check(None, date(2027, 3, 3)) == []
    assert check(item(status="draft"), date(2027, 3, 3)) == []
    assert check(None, date(2027, 3, 2)) != []  # the last day of the year still counts


def test_29_february_item_may_go_from_2_march_next_year():
    leap = date(2028, 2, 29)
    x = item(date=leap, status="withdrawn", withdrawn=Withdrawal(date(2029, 3, 1), "asked"))
    found = check(x, date(2028, 6, 1), first=leap)
    assert found and "2029-03-02" in found[0] and "2028-02-29" in found[0]
    ok = item(date=leap, status="withdrawn", withdrawn=Withdrawal(date(2029, 3, 2), "asked"))
    assert check(ok, date(2028, 6, 1), first=leap) == []


def test_before_p_a_scheduled_item_may_change_freely():
    assert check(None, date(2026, 3, 1)) == []
    assert check(item(date=date(2026, 5, 1)), date(2026, 3, 1)) == []


def test_an_old_embargo_that_lifted_on_p_is_not_new():
    assert check(item(date=date(2026, 1, 5), embargo=Embargo(P, "trial")), date(2026, 6, 1)) == []


def updated(items: list[Item], old: reg.Register, day: date) -> reg.Register:
    return reg.updated(old, {i.id: decide(i, day) for i in items}, day)


def test_register_records_public_and_scheduled_items_and_drops_unscheduled_ones():
    public, scheduled = item("reviews/a"), item("reviews/b", date=date(2026, 9, 1))
    draft = item("reviews/c", status="draft")
    new = updated([public, scheduled, draft], {}, date(2026, 6, 1))
    assert new == {"reviews/a": reg.Entry(P), "reviews/b": reg.Entry(date(2026, 9, 1))}
    later = updated([public], new, date(2026, 6, 2))  # b deleted before its day
    assert later == {"reviews/a": reg.Entry(P)}


def test_register_dates_what_went_after_its_year():
    gone = item("reviews/a", status="withdrawn", withdrawn=Withdrawal(date(2027, 4, 1), "asked"))
    new = updated([gone], {"reviews/a": reg.Entry(P)}, date(2027, 5, 1))
    assert new == {"reviews/a": reg.Entry(P, gone=date(2027, 4, 1))}
    deleted = updated([], {"reviews/a": reg.Entry(P)}, date(2027, 5, 1))
    assert deleted == {"reviews/a": reg.Entry(P, gone=date(2027, 5, 1))}


def test_a_fixed_first_public_day_does_not_move():
    moved_earlier = item("reviews/a", date=date(2026, 1, 1))
    assert updated([moved_earlier], {"reviews/a": reg.Entry(P)}, date(2026, 6, 1)) == {"reviews/a": reg.Entry(P)}


def test_dump_and_parse_round_trip_in_stable_order():
    register = reg.Register({"reviews/b": reg.Entry(P), "learning/a": reg.Entry(P, gone=date(2027, 5, 1))})
    register.last_build = date(2027, 5, 2)
    text = reg.dump(register)
    assert text.index("learning/a") < text.index("reviews/b")
    assert reg.parse(text) == (register, []) and reg.parse(text)[0].last_build == date(2027, 5, 2)
    assert text.index("last_production_build: 2027-05-02") < text.index("learning/a")
    assert reg.dump(reg.parse(text)[0]) == text


def test_a_damaged_register_is_an_error():
    register, problems = reg.parse("reviews/a:\n  first_public: 2026-02-30\n")
    assert problems and "publication-register.yml" in str(problems[0])


def test_verify_finds_missing_disagreeing_and_stale_entries():
    a, b = item("reviews/a"), item("reviews/b", date=date(2026, 9, 1))
    day = date(2026, 6, 1)
    decisions = {i.id: decide(i, day) for i in (a, b)}
    items = {a.id: a, b.id: b}
    assert reg.verify_problems({"reviews/a": reg.Entry(P), "reviews/b": reg.Entry(date(2026, 9, 1))},
                               items, decisions, day) == []
    missing = reg.verify_problems({"reviews/a": reg.Entry(P)}, items, decisions, day)
    assert len(missing) == 1 and "make site" in missing[0].message and "reviews/b" in missing[0].message
    wrong = reg.verify_problems({"reviews/a": reg.Entry(P), "reviews/b": reg.Entry(date(2026, 8, 1))},
                                items, decisions, day)
    assert len(wrong) == 1 and "2026-08-01" in wrong[0].message
    stale = reg.verify_problems({"reviews/a": reg.Entry(P), "reviews/b": reg.Entry(date(2026, 9, 1)),
                                 "reviews/c": reg.Entry(date(2026, 7, 1))}, items, decisions, day)
    assert len(stale) == 1 and "no longer scheduled" in stale[0].message
