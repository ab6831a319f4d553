"""Retention through real builds: the register survives fresh clones, CI only verifies it, and
an as-of build never writes it (so these tests seed it as the last production build left it)."""
import shutil
from datetime import datetime, timedelta

import pytest

from helpers import PDF, Project, review
from lscp_kit.clock import LONDON


def today():
    return datetime.now(LONDON).date()


@pytest.fixture
def published(project: Project) -> Project:
    project.item("reviews/2026-child-a/index.md", files={"a-report.pdf": PDF},
                 **review("scr", title="Child A review", date="2026-03-02", report="a-report.pdf"))
    project.seed_register({"reviews/2026-child-a": "2026-03-02"}, last_build="2026-05-31")
    result = project.build("2026-06-01")
    assert result.returncode == 0, result.output
    return project


def test_fresh_clone_remembers_what_went_public(published: Project, tmp_path):
    clone = tmp_path / "clone"
    shutil.copytree(published.root, clone, symlinks=True, ignore=shutil.ignore_patterns("site", ".site-*", ".staging"))
    project = Project.__new__(Project)
    project.root = clone
    project.delete("reviews/2026-child-a")
    result = project.build("2026-06-02")
    assert result.returncode != 0
    assert "reviews/2026-child-a" in result.output and "2026-03-02" in result.output
    assert "2027-03-03" in result.output and "Traceback" not in result.output
    assert "git checkout" in result.output or "git restore" in result.output


@pytest.mark.parametrize("change, key", [
    (dict(status="draft"), "status"),
    (dict(embargo={"until": "2026-12-01", "reason": "new proceedings"}), "embargo"),
    (dict(embargo={"reason": "new proceedings"}), "embargo"),
    (dict(date="2026-04-01"), "date"),
    (dict(status="withdrawn", withdrawn={"date": "2026-09-01", "reason": "asked"}), "withdrawn.date"),
    (dict(remove_after="2027-03-02"), "remove_after"),
    (dict(type="rapid-review"), "type"),
])
def test_each_early_exit_is_refused(published: Project, change, key):
    meta = review("scr", title="Child A review", date="2026-03-02", report="a-report.pdf")
    meta.update(change)
    published.item("reviews/2026-child-a/index.md", **meta)
    result = published.build("2026-06-02")
    assert result.returncode != 0
    assert f"content/reviews/2026-child-a/index.md: {key}: " in result.output
    assert "2026-03-02" in result.output and "2027-03-03" in result.output


def test_withdrawal_on_the_first_allowed_day(published: Project):
    meta = review("scr", title="Child A review", date="2026-03-02", report="a-report.pdf", status="withdrawn",
                  withdrawn={"date": "2027-03-03", "reason": "family asked"})
    published.item("reviews/2026-child-a/index.md", **meta)
    assert published.build("2026-06-02").returncode == 0
    assert (published.site / "reviews/2026-child-a/index.html").exists()
    result = published.build("2027-03-03")
    assert result.returncode == 0, result.output
    assert not (published.site / "reviews/2026-child-a").exists()


def test_deletion_after_the_year(published: Project):
    published.delete("reviews/2026-child-a")
    result = published.build("2027-03-03")
    assert result.returncode == 0, result.output


@pytest.mark.parametrize("change, key", [
    (dict(remove_after="2026-09-01"), "remove_after"),
    (dict(status="withdrawn", withdrawn={"date": "2026-12-24", "reason": "asked"}), "withdrawn.date"),
])
@pytest.mark.parametrize("first_day", ["2026-05-04", "2026-07-01"])  # public already, and scheduled
def test_retention_applies_to_a_first_publication(project: Project, change, key, first_day):
    project.item("reviews/2026-new.md", **review("scr", title="New review", date=first_day, **change))
    result = project.build("2026-06-01")
    assert result.returncode != 0
    assert f"content/reviews/2026-new.md: {key}: " in result.output
    assert first_day in result.output and "Traceback" not in result.output
    assert not project.site.exists()


def test_a_first_publication_may_plan_its_end_after_the_year(project: Project):
    project.item("reviews/2026-new.md", **review("scr", title="New review", date="2026-05-04",
                                                 remove_after="2027-05-05"))
    result = project.build("2026-06-01")
    assert result.returncode == 0, result.output


def test_a_scheduled_item_may_change_or_go_before_its_day(project: Project):
    project.seed_register({"reviews/2026-later": "2026-09-01"}, last_build="2026-05-31")
    project.item("reviews/2026-later.md", **review("scr", title="Later", date="2026-10-01"))
    assert project.build("2026-06-02").returncode == 0
    project.delete("reviews/2026-later.md")
    result = project.build("2026-06-03")
    assert result.returncode == 0, result.output


def test_the_production_build_of_today_keeps_the_register_and_ci_only_verifies(project: Project):
    day = today()
    project.item("reviews/2026-child-a.md", **review("scr", title="Child A review",
                                                     date=(day - timedelta(days=40)).isoformat()))
    result = project.build(None)
    assert result.returncode == 0, result.output
    text = project.register_text()
    assert f"reviews/2026-child-a:\n  first_public: {day - timedelta(days=40)}\n" in text
    assert f"last_production_build: {day}" in text
    assert not (project.site / "AS-OF-BUILD-DO-NOT-DEPLOY.txt").exists()
    project.item("reviews/2026-child-b.md", **review("scr", title="Child B review",
                                                     date=(day - timedelta(days=3)).isoformat()))
    result = project.build(None, CI="true")
    assert result.returncode != 0
    assert "content/reviews/2026-child-b.md: publication-register.yml:" in result.output
    assert "run `make site` and commit publication-register.yml" in result.output
    assert project.register_text() == text
    assert project.build(None).returncode == 0  # as make site would
    after = project.register_text()
    assert "reviews/2026-child-b" in after
    result = project.build(None, CI="true")
    assert result.returncode == 0, result.output
    assert project.register_text() == after


def test_an_as_of_build_is_marked_and_leaves_the_register_alone(published: Project):
    before = published.register_text()
    result = published.build("2026-07-01")
    assert result.returncode == 0, result.output
    assert "as-of build" in result.output.lower()
    assert published.register_text() == before
    assert (published.site / "AS-OF-BUILD-DO-NOT-DEPLOY.txt").exists()
    for page in published.site.rglob("*.html"):
        assert '<meta name="lscp-build" content="as-of 2026-07-01">' in page.read_text(), page


def test_29_february(project: Project):
    project.seed_register({"reviews/2028-leap": "2028-02-29"}, last_build="2028-02-29")
    project.item("reviews/2028-leap.md", **review("scr", title="Leap", date="2028-02-29", status="withdrawn",
                                                  withdrawn={"date": "2029-03-01", "reason": "asked"}))
    result = project.build("2028-03-01")
    assert result.returncode != 0 and "2029-03-02" in result.output and "2028-02-29" in result.output
    project.item("reviews/2028-leap.md", **review("scr", title="Leap", date="2028-02-29", status="withdrawn",
                                                  withdrawn={"date": "2029-03-02", "reason": "asked"}))
    assert project.build("2028-03-01").returncode == 0
    assert (project.site / "reviews/2028-leap/index.html").exists()
    assert project.build("2029-03-01").returncode == 0
    assert (project.site / "reviews/2028-leap/index.html").exists()
    assert project.build("2029-03-02").returncode == 0
    assert not (project.site / "reviews/2028-leap").exists()
