"""`make init` for real, in a temporary git repository holding the kit with its example: the
example goes, a fresh register starts, the details land in mkdocs.yml, the site builds, the
tests pass without the example's content; and a partnership with its own items is refused."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import REPO, Project, review
from skeleton import copy_example

VENV = Path(sys.prefix)
NAME = "Northbridge Safeguarding Children Partnership"


def git(root, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), "-c", "user.name=Kit", "-c", "user.email=kit@example.org", *args],
                          check=True, capture_output=True, text=True).stdout


def make(root, *args: str, **env: str) -> subprocess.CompletedProcess:
    """`make` in `root` with this test run's .venv (never rebuilt: -o)."""
    environ = {"PATH": "/usr/bin:/bin", "HOME": str(root), **env}
    return subprocess.run(["make", "-s", "-o", f"{VENV}/.built", *args, f"VENV={VENV}"], cwd=root,
                          capture_output=True, text=True, env=environ, stdin=subprocess.DEVNULL, timeout=600)


def kit_repo(dest: Path) -> Path:
    """The kit as a partnership clones it: the example, the tests, one commit."""
    copy_example(dest)
    shutil.copytree(REPO / "tests", dest / "tests", ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
    git(dest, "init", "-q", "-b", "main")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "The kit")
    return dest


@pytest.fixture(scope="module")
def initialised(tmp_path_factory):
    root = kit_repo(tmp_path_factory.mktemp("init") / "northbridge")
    result = make(root, "init", f"NAME={NAME}", "PHONE=01632 961 000", "FRONT_DOOR=01632 961 111",
                  "SITE_URL=https://safeguarding.northbridge.example.org")
    return root, result


def test_init_removes_the_example_and_starts_a_fresh_register_deliberately(initialised):
    root, result = initialised
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Started a fresh publication-register.yml" in result.stdout and "on purpose" in result.stdout
    for section in ("reviews", "learning"):
        assert [p.name for p in (root / "content" / section).iterdir()] == ["index.md"]
    register = yaml.safe_load((root / "publication-register.yml").read_text())
    assert set(register) == {"fresh_start"} and "reviews/2021-child-l" in register["fresh_start"]["removed"]


def test_init_writes_the_details_into_mkdocs_yml_and_the_starter_pages(initialised):
    root, _ = initialised
    config = (root / "mkdocs.yml").read_text()
    assert "docs_dir: .staging/public  # staged by the kit" in config  # the kit's lines kept as they were
    settings = yaml.load(config, Loader=yaml.BaseLoader)
    assert settings["site_name"] == settings["copyright"] == NAME
    assert settings["site_url"] == "https://safeguarding.northbridge.example.org/"
    partnership = settings["extra"]["partnership"]
    assert partnership["short_name"] == "Northbridge SCP" and partnership["front_door"] == "01632 961 111"
    assert partnership["email"] == "safeguarding.partnership@northbridge.example.org"
    assert "Northbridge Council" in partnership["partners"]
    home = (root / "content/index.md").read_text()
    assert NAME in home and "01632 961 111" in home and "01632 960 111" not in home
    assert "tel:+441632961111" in home and "tel:+441632960111" not in home  # a tap calls the new number
    for path in [root / "mkdocs.yml", *(root / "content").rglob("*"), *(root / "overrides").rglob("*")]:
        if path.is_file() and path.suffix in (".md", ".yml", ".html", ".css", ".svg"):
            assert "wealdmouth" not in path.read_text().lower(), path


def test_the_site_builds_right_after_init_and_the_tests_pass_without_the_example(initialised):
    root, _ = initialised
    site = make(root, "site", SITE_AS_OF="")
    assert site.returncode == 0, site.stdout + site.stderr
    assert NAME in (root / "site/index.html").read_text()
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Northbridge's own")
    # The suite collects, and the tests that once read the example from content/ pass, in a
    # repository whose content/ holds only the starter pages.
    tests = ["tests/test_audit.py::test_pdf_from_the_example_content",
             "tests/test_events.py::test_report_fits_120_columns_and_shows_the_plan_and_the_annual_report",
             "tests/test_report_and_scaffold.py::test_report_uses_make_and_site_as_of",
             "tests/test_feeds.py::test_learning_feed_content_and_order"]
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "0", *tests],
                         cwd=root, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-3000:]
    collected = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "0",
                                "--collect-only"], cwd=root, capture_output=True, text=True, timeout=600)
    assert collected.returncode == 0 and "ERROR" not in collected.stdout, collected.stdout[-3000:]


def test_init_is_refused_once_the_partnership_has_published(initialised):
    root, _ = initialised
    project = Project.__new__(Project)
    project.root = root
    project.item("reviews/2026-child-n.md", **review("scr", title="Child N review", date="2026-12-01"))
    assert make(root, "site", SITE_AS_OF="").returncode == 0
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Child N review published")
    before = git(root, "status", "--porcelain")
    refused = make(root, "init", "NAME=Another Partnership")
    assert refused.returncode != 0 and "refused, nothing was changed" in refused.stderr
    assert "content/ holds items that are not the kit's examples (reviews/2026-child-n)" in refused.stderr
    assert git(root, "status", "--porcelain") == before
    project.delete("reviews/2026-child-n.md")  # even with the item and the register gone, git remembers
    (root / "publication-register.yml").unlink()
    refused = make(root, "init", "NAME=Another Partnership")
    assert refused.returncode != 0 and "reviews/2026-child-n" in refused.stderr and "inside their year" in refused.stderr
    assert (root / "mkdocs.yml").read_text().count(NAME) >= 2
    built = make(root, "site", SITE_AS_OF="")  # and the build names the restore command
    assert built.returncode != 0 and "git checkout" in built.stdout + built.stderr
    git(root, "checkout", "HEAD", "--", ".")


def test_init_without_a_name_says_how():
    result = subprocess.run([sys.executable, str(REPO / "scripts/init_partnership.py"), "--project", "/nonexistent"],
                            capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert result.returncode == 2 and 'make init NAME="' in result.stderr
