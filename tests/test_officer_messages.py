"""What a comms officer reads: dates written the British way get the form to use, an unknown key
its nearest spelling, no engine jargon, and warnings before an embargo lifts by itself or when a
hidden pseudonym is also ordinary words."""
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from helpers import Project, learning, review
from lscp_kit.clock import format_day, parse_day

TODAY = datetime.now(ZoneInfo("Europe/London")).date()


@pytest.mark.parametrize("written, words", [
    ("15/03/2027", "must be a date written YYYY-MM-DD: write it 2027-03-15"),
    ("15 March 2027", "must be a date written YYYY-MM-DD: write it 2027-03-15"),
    ("2027-3-15", "must be a date written YYYY-MM-DD: write it 2027-03-15"),
    ("15th Mar 2027", "must be a date written YYYY-MM-DD: write it 2027-03-15"),
    ("2027-15-03", "2027-15-03 is not a real date: there is no month 15, so the day and month look swapped: "
                   "write it 2027-03-15"),
    ("03/15/2027", "03/15/2027 is not a real date: there is no month 15, so the day and month look swapped: "
                   "write it 2027-03-15"),
    ("2027-02-30", "2027-02-30 is not a real date"),
    ("next spring", "must be a date written YYYY-MM-DD"),
])
def test_a_date_written_another_way_says_how_to_write_it_and_is_still_refused(written, words):
    with pytest.raises(ValueError) as err:
        parse_day(written)
    assert str(err.value) == words


@pytest.fixture(scope="module")
def refused(tmp_path_factory):
    project = Project(tmp_path_factory.mktemp("refused") / "p")
    project.write("reviews/2027-x.md", "---\ntitle: X\nstatus: published\ntype: scr\ndate: 15/03/2027\n"
                  "summary: S.\nembrago: {until: 2027-04-01, reason: trial}\n---\n\nBody.\n")
    project.write("learning/y.md", "---\ntitle: Y\nstatus: published\ntype: briefing\ndate: 2026-01-05\n"
                  "summary: S.\nembargo: {until: 2027-15-03, reason: trial}\n---\n\nBody.\n")
    result = project.build("2026-06-01")
    assert result.returncode != 0
    return result.output


@pytest.mark.parametrize("line", [
    "content/reviews/2027-x.md: date: '15/03/2027' must be a date written YYYY-MM-DD: write it 2027-03-15",
    "content/reviews/2027-x.md: embrago: unknown key for reviews: did you mean embargo?",
    "content/learning/y.md: embargo.until: 2027-15-03 is not a real date: there is no month 15, so the day and "
    "month look swapped: write it 2027-03-15",
])
def test_a_refused_build_says_what_to_write(refused, line):
    assert line in refused


def test_a_refused_build_has_no_yaml_or_engine_jargon(refused):
    for jargon in ("YAML tag", "!!timestamp", "Traceback", "Documentation built", "Building documentation"):
        assert jargon not in refused


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = Project(tmp_path_factory.mktemp("built") / "p")
    lifts = TODAY + timedelta(days=10)
    project.item("reviews/2026-trial.md", **review("scr", title="Trial review", embargo={
        "until": lifts.isoformat(), "reason": "criminal trial"}))
    project.item("reviews/2026-later.md", **review("scr", title="Later review", embargo={
        "until": (TODAY + timedelta(days=40)).isoformat(), "reason": "inquest"}))
    project.item("reviews/2026-child-a.md", **review("scr", title="A held review", child="Child A",
                                                      embargo={"reason": "trial"}))
    project.item("learning/guide.md", **learning(title="A guide"))
    result = project.build(None)  # a production build today: it writes the register
    assert result.returncode == 0, result.output
    return result.output, lifts


def test_the_build_reports_its_time_in_plain_words(built):
    output = built[0]
    assert re.search(r"^Built the site in \d+\.\d s$", output, re.M), output
    for jargon in ("Documentation built", "Building documentation", "directory", ".site-builds", "YAML"):
        assert jargon not in output


def test_the_build_says_it_updated_the_register(built):
    assert "Updated publication-register.yml: commit it with your content" in built[0]


def test_an_embargo_lifting_within_14_days_is_a_reminder(built):
    output, lifts = built
    assert (f"Warning: The embargo on reviews/2026-trial lifts on {format_day(lifts)} (in 10 days): confirm the "
            "trial outcome, the family and press lines") in output
    assert "The embargo on reviews/2026-later" not in output


def test_a_hidden_pseudonym_that_is_ordinary_words_is_a_warning(built):
    assert ('Warning: content/reviews/2026-child-a.md: child: "Child A" is also ordinary words: while this '
            'review is not public, the leak audit stops the build on any public page or file that says "child a"'
            ) in built[0]
