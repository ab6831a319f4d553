"""The register cannot be lost silently: real builds in temporary git repositories, where a
missing or shrunken publication-register.yml is checked against its committed versions."""
import subprocess
from datetime import date

import pytest

from helpers import Project, review
from lscp_kit.rules import register as reg


def git(root, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True).stdout


def commit_all(root, message: str) -> str:
    git(root, "add", "-A")
    git(root, "-c", "user.name=Officer", "-c", "user.email=o@example.org", "commit", "-q", "-m", message)
    return git(root, "rev-parse", "HEAD").strip()


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Project:
    """Two public reviews, built and committed: the register in git holds both."""
    project = Project(tmp_path_factory.mktemp("history") / "p")
    project.item("reviews/2026-child-a.md", **review("scr", title="Child A review", date="2026-03-02"))
    project.item("reviews/2026-child-b.md", **review("scr", title="Child B review", date="2026-04-06"))
    project.seed_register({"reviews/2026-child-a": "2026-03-02", "reviews/2026-child-b": "2026-04-06"},
                          last_build="2026-05-31")
    git(project.root, "init", "-q", "-b", "main")
    project.rev = commit_all(project.root, "Two reviews public")
    return project


def test_a_deleted_register_is_an_error_naming_each_entry_and_the_restore_command(repo: Project):
    saved = repo.register.read_text()
    repo.register.unlink()
    try:
        result = repo.build("2026-06-01")
    finally:
        repo.register.write_text(saved)
    assert result.returncode != 0 and "Traceback" not in result.output
    for ident in ("reviews/2026-child-a", "reviews/2026-child-b"):
        assert f"publication-register.yml: {ident}: " in result.output
    assert f"git checkout {repo.rev[:12]} -- publication-register.yml" in result.output
    assert "register is missing" in result.output


def test_a_shrunken_register_names_the_dropped_entry_and_restoring_it_builds(repo: Project):
    saved = repo.register.read_text()
    repo.seed_register({"reviews/2026-child-b": "2026-04-06"}, last_build="2026-05-31")
    try:
        result = repo.build("2026-06-01", CI="true")
        assert result.returncode != 0
        assert "publication-register.yml: reviews/2026-child-a: " in result.output
        assert "reviews/2026-child-b: went public" not in result.output
        git(repo.root, "checkout", repo.rev, "--", "publication-register.yml")  # the command it names
        assert repo.register.read_text() == saved
        assert repo.build("2026-06-01", CI="true").returncode == 0
    finally:
        repo.register.write_text(saved)


def test_an_entry_past_its_year_may_leave_the_register(repo: Project):
    saved = repo.register.read_text()
    repo.register.unlink()
    repo.delete("reviews/2026-child-a.md")
    repo.delete("reviews/2026-child-b.md")
    try:
        result = repo.build("2027-04-07")  # both past their year (through 2027-03-02 and 2027-04-06)
        assert result.returncode == 0, result.output
    finally:
        git(repo.root, "checkout", "HEAD", "--", ".")
        repo.register.write_text(saved)


def test_a_shallow_clone_in_ci_is_refused(repo: Project, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True)
    project = Project.__new__(Project)
    project.root = clone
    result = project.build("2026-06-01", CI="true")
    assert result.returncode != 0 and "fetch-depth: 0" in result.output


def test_outside_git_there_is_no_history_to_check(project: Project):
    project.item("reviews/2026-child-a.md", **review("scr", title="Child A review", date="2026-03-02"))
    assert project.build("2026-06-01").returncode == 0


def entries(**ids: str) -> reg.Register:
    register = reg.Register({k.replace("__", "/"): reg.Entry(date.fromisoformat(v)) for k, v in ids.items()})
    register.last_build = date(2026, 5, 31)
    return register


def test_make_init_forgives_only_the_example_items_it_removed():
    example = entries(reviews__x="2026-03-02", reviews__y="2026-03-02")
    fresh = reg.Register()
    fresh.fresh_start = reg.FreshStart(date(2026, 6, 1), frozenset({"reviews/x"}))
    found = reg.history_problems(fresh, [("b" * 40, example)], date(2026, 6, 2))
    assert [p.key for p in found] == ["reviews/y"]
    own = entries(reviews__x="2026-06-01")
    own.fresh_start, own.last_build = fresh.fresh_start, date(2026, 6, 1)  # its own, after make init
    found = reg.history_problems(fresh, [("c" * 40, own), ("b" * 40, example)], date(2026, 6, 2))
    assert sorted(p.key for p in found) == ["reviews/x", "reviews/y"]


def test_scheduled_entries_and_early_gone_marks():
    old = entries(reviews__x="2026-03-02", reviews__later="2026-07-01")  # later: only scheduled then
    now = reg.Register({"reviews/x": reg.Entry(date(2026, 3, 2), gone=date(2026, 8, 1))})
    found = reg.history_problems(now, [("a" * 40, old)], date(2026, 8, 2))
    assert [p.key for p in found] == ["reviews/x"]  # marked gone inside its year: a lost entry


def test_fresh_start_survives_dump_parse_and_updates():
    register = entries(reviews__x="2026-03-02")
    register.fresh_start = reg.FreshStart(date(2026, 6, 1), frozenset({"reviews/old"}))
    again, problems = reg.parse(reg.dump(register))
    assert not problems and again.fresh_start == register.fresh_start and dict(again) == dict(register)
    assert reg.updated(again, {}, date(2026, 6, 2)).fresh_start == register.fresh_start
