"""Retention through real builds: the register survives fresh clones and CI only verifies it."""
import shutil

import pytest

from helpers import PDF, Project, review


@pytest.fixture
def published(project: Project) -> Project:
    project.item("reviews/2026-child-a/index.md", files={"a-report.pdf": PDF},
                 **review("scr", title="Child A review", date="2026-03-02", report="a-report.pdf"))
    result = project.build("2026-06-01")
    assert result.returncode == 0, result.output
    assert "reviews/2026-child-a:\n  first_public: 2026-03-02\n" in project.register.read_text()
    return project


def test_fresh_clone_remembers_what_went_public(published: Project, tmp_path):
    clone = tmp_path / "clone"
    shutil.copytree(published.root, clone, ignore=shutil.ignore_patterns("site", ".site-*"))
    project = Project.__new__(Project)
    project.root = clone
    project.delete("reviews/2026-child-a")
    result = project.build("2026-06-02")
    assert result.returncode != 0
    assert "reviews/2026-child-a" in result.output and "2026-03-02" in result.output
    assert "2027-03-03" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("change, key", [
    (dict(status="draft"), "status"),
    (dict(embargo={"until": "2026-12-01", "reason": "new proceedings"}), "embargo"),
    (dict(date="2026-04-01"), "date"),
    (dict(status="withdrawn", withdrawn={"date": "2026-09-01", "reason": "asked"}), "withdrawn.date"),
    (dict(remove_after="2027-03-02"), "remove_after"),
])
def test_each_early_exit_is_refused(published: Project, change, key):
    meta = review("scr", title="Child A review", date="2026-03-02", report="a-report.pdf")
    meta.update(change)
    published.item("reviews/2026-child-a/index.md", **meta)
    result = published.build("2026-06-02")
    assert result.returncode != 0
    assert f"content/reviews/2026-child-a/index.md: {key}: " in result.output
    assert "2026-03-02" in result.output and "2027-03-03" in result.output


def test_withdrawal_on_the_first_allowed_day_and_the_register_records_it(published: Project):
    meta = review("scr", title="Child A review", date="2026-03-02", report="a-report.pdf", status="withdrawn",
                  withdrawn={"date": "2027-03-03", "reason": "family asked"})
    published.item("reviews/2026-child-a/index.md", **meta)
    assert published.build("2026-06-02").returncode == 0
    assert (published.site / "reviews/2026-child-a/index.html").exists()
    result = published.build("2027-03-03")
    assert result.returncode == 0, result.output
    assert not (published.site / "reviews/2026-child-a").exists()
    assert "reviews/2026-child-a:\n  first_public: 2026-03-02\n  gone: 2027-03-03\n" in published.register.read_text()


def test_deletion_after_the_year(published: Project):
    published.delete("reviews/2026-child-a")
    result = published.build("2027-03-03")
    assert result.returncode == 0, result.output
    assert "gone: 2027-03-03" in published.register.read_text()


def test_a_scheduled_item_may_change_or_go_before_its_day(project: Project):
    project.item("reviews/2026-later.md", **review("scr", title="Later", date="2026-09-01"))
    assert project.build("2026-06-01").returncode == 0
    assert "reviews/2026-later:\n  first_public: 2026-09-01" in project.register.read_text()
    project.item("reviews/2026-later.md", **review("scr", title="Later", date="2026-10-01"))
    assert project.build("2026-06-02").returncode == 0
    assert "first_public: 2026-10-01" in project.register.read_text()
    project.delete("reviews/2026-later.md")
    assert project.build("2026-06-03").returncode == 0
    assert "2026-later" not in project.register.read_text()


def test_ci_mode_verifies_and_never_rewrites(published: Project):
    published.item("reviews/2026-child-b.md", **review("scr", title="Child B review", date="2026-05-04"))
    before = published.register.read_text()
    result = published.build("2026-06-01", CI="true")
    assert result.returncode != 0
    assert "content/reviews/2026-child-b.md: publication-register.yml:" in result.output
    assert "run `make site` and commit publication-register.yml" in result.output
    assert published.register.read_text() == before
    assert published.build("2026-06-01").returncode == 0  # as make site would
    after = published.register.read_text()
    assert "reviews/2026-child-b" in after
    result = published.build("2026-06-01", CI="true")
    assert result.returncode == 0, result.output
    assert published.register.read_text() == after


def test_29_february(project: Project):
    project.item("reviews/2028-leap.md", **review("scr", title="Leap", date="2028-02-29"))
    assert project.build("2028-02-29").returncode == 0
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
