"""`make linkcheck`: LinkChecker over the site served on 127.0.0.1."""
import subprocess
import sys

import pytest

from helpers import EXAMPLE_AS_OF, PDF, REPO, Project, example_project, review

pytestmark = pytest.mark.xdist_group("linkcheck")


def linkcheck(site):
    return subprocess.run([sys.executable, str(REPO / "scripts/linkcheck.py"), str(site)],
                          capture_output=True, text=True, timeout=600)


def test_example_site_has_no_broken_links(tmp_path):
    project = example_project(tmp_path / "example")
    result = project.build(EXAMPLE_AS_OF)
    assert result.returncode == 0, result.output
    checked = linkcheck(project.site)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "No broken links." in checked.stdout
    assert "https://www.w3.org/TR/WCAG22/" in checked.stdout  # external: listed, not fetched


def test_a_broken_link_fails(project: Project):
    project.item("reviews/2026-a/index.md", body='Read the <a href="annex-b.pdf">annex</a>.\n',
                 files={"annex-b.pdf": PDF}, **review("scr"))
    assert project.build().returncode == 0
    (project.site / "reviews/2026-a/annex-b.pdf").unlink()  # the build refuses a missing file: break it after
    checked = linkcheck(project.site)
    assert checked.returncode == 1
    assert "Broken links: 1" in checked.stdout and "annex-b.pdf" in checked.stdout
