"""Days in London and working days in England: every boundary the rules depend on."""
import json
from datetime import date, datetime, timezone
from importlib import metadata

import pytest

from lscp_kit.rules import holiday_cache
from lscp_kit.rules import workdays
from lscp_kit.clock import AsOfError, anniversary, format_day, london_day, parse_as_of, parse_day

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("value, day", [
    ("2027-05-31T23:30:00+00:00", date(2027, 6, 1)),   # BST: 00:30 on 1 June in London
    ("2027-05-31T22:59:59+00:00", date(2027, 5, 31)),
    ("2027-01-31T23:30:00+00:00", date(2027, 1, 31)),  # GMT: still 31 January
    ("2027-03-28T00:30:00+00:00", date(2027, 3, 28)),  # the morning the clocks go forward
    ("2026-10-24T23:30:00+00:00", date(2026, 10, 25)),  # BST ends on 25 October
    ("2026-06-01", date(2026, 6, 1)),
    ("2028-02-29", date(2028, 2, 29)),
])
def test_as_of_is_a_london_day(value, day):
    assert london_day(parse_as_of(value, NOW)) == day


def test_a_bare_date_is_the_start_of_that_day_in_london():
    moment = parse_as_of("2027-06-01", NOW)
    assert moment.isoformat() == "2027-06-01T00:00:00+01:00"


def test_no_as_of_means_now():
    assert parse_as_of(None, NOW) == NOW
    assert parse_as_of("", NOW) == NOW


@pytest.mark.parametrize("bad", ["2027-02-29", "tomorrow", "2027-06-01T10:00:00", "01/06/2027"])
def test_bad_as_of_is_refused(bad):
    with pytest.raises(AsOfError, match="SITE_AS_OF"):
        parse_as_of(bad, NOW)


@pytest.mark.parametrize("text", ["2027-02-29", "2026-13-01", "2026-04-31", "2026-4-1", "1 June 2026", ""])
def test_parse_day_refuses_impossible_or_loose_dates(text):
    with pytest.raises(ValueError):
        parse_day(text)


@pytest.mark.parametrize("day, end", [
    (date(2028, 2, 29), date(2029, 3, 1)),
    (date(2027, 2, 28), date(2028, 2, 28)),
    (date(2026, 12, 31), date(2027, 12, 31)),
])
def test_anniversary(day, end):
    assert anniversary(day) == end


def test_format_day_is_gov_uk_style():
    assert format_day(date(2021, 6, 14)) == "14 June 2021"
    assert format_day(date(2021, 6, 4)) == "4 June 2021"


@pytest.mark.parametrize("day, working", [
    (date(2026, 11, 23), True),    # Monday
    (date(2026, 11, 28), False),   # Saturday
    (date(2027, 3, 26), False),    # Good Friday
    (date(2027, 3, 29), False),    # Easter Monday
    (date(2026, 8, 31), False),    # summer bank holiday (England)
    (date(2026, 8, 3), True),      # Scotland's summer holiday is not England's
    (date(2027, 12, 27), False),   # Christmas Day on a Saturday: substitute day Monday
    (date(2027, 12, 28), False),   # Boxing Day on a Sunday: substitute day Tuesday
    (date(2027, 12, 29), True),
    (date(2027, 1, 1), False),     # New Year's Day
    (date(2028, 1, 3), False),     # New Year's Day on a Saturday: substitute Monday
    (date(2027, 1, 2), False),     # a Saturday (2 January is a holiday only in Scotland)
    (date(2027, 1, 4), True),
])
def test_working_days_in_england(day, working):
    assert workdays.is_working_day(day) is working


@pytest.mark.parametrize("start, end, n", [
    (date(2026, 11, 20), date(2026, 11, 23), 1),    # Friday to Monday: over a weekend
    (date(2027, 3, 25), date(2027, 3, 30), 1),      # over Easter: only Tuesday counts
    (date(2027, 12, 24), date(2027, 12, 31), 3),    # Christmas with substitute days
    (date(2026, 12, 31), date(2027, 1, 5), 2),      # over the year end and New Year's Day
    (date(2026, 8, 28), date(2026, 9, 1), 1),       # over the August bank holiday
    (date(2026, 11, 23), date(2026, 11, 23), 0),
])
def test_days_after(start, end, n):
    assert workdays.days_after(start, end) == n


def test_days_before_counts_the_sending_day_not_the_publication_day():
    # sent Monday 30 Nov 2026; publication Wednesday 9 Dec: 30 Nov .. 8 Dec = 7 working days
    assert workdays.days_before(date(2026, 11, 30), date(2026, 12, 9)) == 7
    assert workdays.days_before(date(2026, 12, 1), date(2026, 12, 9)) == 6


def test_subtract_and_add_are_inverse_over_holidays():
    assert workdays.subtract(date(2027, 4, 6), 7) == date(2027, 3, 24)   # Easter in between
    for start in (date(2027, 3, 20), date(2027, 12, 20), date(2026, 8, 25)):
        assert workdays.days_after(start, workdays.add(start, 9)) == 9


def test_counting_by_arithmetic_matches_counting_day_by_day():
    import random
    from datetime import timedelta

    rng = random.Random(7)
    for _ in range(500):
        start = date(2016, 1, 1) + timedelta(days=rng.randrange(4000))
        end = start + timedelta(days=rng.randrange(900))
        slow = sum(workdays.is_working_day(start + timedelta(days=i)) for i in range(1, (end - start).days + 1))
        assert workdays.count_between(start, end) == slow, (start, end)


# Bank holidays kept between builds (lscp_kit.rules.holiday_cache) ---------------------------------

@pytest.fixture
def fresh_workdays(monkeypatch):
    """The working-day calendar as a new process has it: nothing known yet."""
    monkeypatch.setattr(workdays, "_known", {})
    monkeypatch.setattr(workdays, "_worked_out", set())
    workdays._weekday_holidays.cache_clear()
    yield workdays
    workdays._weekday_holidays.cache_clear()


def test_years_worked_out_are_kept_and_read_back_without_the_library(fresh_workdays, tmp_path, monkeypatch):
    assert not workdays.is_working_day(date(2026, 12, 28))  # Boxing Day's substitute, worked out
    holiday_cache.save(tmp_path)
    record = json.loads((tmp_path / holiday_cache.FILENAME).read_text())
    assert "2026-12-28" in record["years"]["2026"] and record["holidays"] == metadata.version("holidays")
    monkeypatch.setattr(workdays, "_known", {})
    monkeypatch.setattr(workdays, "_worked_out", set())
    workdays._weekday_holidays.cache_clear()
    monkeypatch.setattr(workdays, "_england", lambda: pytest.fail("the library was asked for a kept year"))
    holiday_cache.load(tmp_path)
    assert not workdays.is_working_day(date(2026, 12, 28)) and workdays.is_working_day(date(2026, 12, 29))
    assert workdays.worked_out() == {}


@pytest.mark.parametrize("record", [
    '{"holidays": "0.0-another-version", "years": {"2026": ["2026-12-29"]}}',
    '{"holidays": "VERSION", "years": {"2026": ["2025-12-29"]}}',  # a day outside its year
    '{"holidays": "VERSION", "years": {"2026": ["2026-02-30"]}}',
    '{"holidays": "VERSION", "years": ["2026"]}', "[]", "not json",
])
def test_a_record_of_another_version_or_unreadable_is_ignored(fresh_workdays, tmp_path, record):
    (tmp_path / holiday_cache.FILENAME).write_text(record.replace("VERSION", metadata.version("holidays")))
    holiday_cache.load(tmp_path)
    assert workdays.is_working_day(date(2026, 12, 29))  # what the library says, not the record
    assert not workdays.is_working_day(date(2026, 12, 28))
    assert 2026 in workdays.worked_out()
