"""The example site builds the same with ProperDocs as with MkDocs (`make site ENGINE=properdocs`).

Needs the ProperDocs virtualenv (.venv-properdocs, from requirements-properdocs.txt); skipped
without it. Only the generator line, where the engine names itself, may differ.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import EXAMPLE_AS_OF, REPO, example_project

PROPERDOCS_PYTHON = REPO / ".venv-properdocs/bin/python"
PYTHON = {"mkdocs": sys.executable, "properdocs": str(PROPERDOCS_PYTHON)}
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')

pytestmark = [
    pytest.mark.skipif(not PROPERDOCS_PYTHON.exists(), reason=".venv-properdocs missing: create it with "
                       "python3 -m venv .venv-properdocs && .venv-properdocs/bin/pip install -r requirements-properdocs.txt"),
    pytest.mark.xdist_group("engines"),
]


def build(root: Path, engine: str) -> subprocess.CompletedProcess:
    """`make site ENGINE=<engine>`: scripts/site.py in the engine's virtualenv."""
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "SITE_PREVIEW", "VIRTUAL_ENV")}
    env.update(SITE_AS_OF=EXAMPLE_AS_OF, NO_MKDOCS_2_WARNING="1", ENGINE=engine)
    return subprocess.run([PYTHON[engine], "scripts/site.py", "build"], cwd=root, env=env, capture_output=True, text=True, timeout=300)


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, dict[str, bytes]]:
    out = {}
    for engine in PYTHON:
        project = example_project(tmp_path_factory.mktemp(engine) / "partnership")
        proc = build(project.root, engine)
        assert proc.returncode == 0, proc.stderr
        out[engine] = files(project.site)
    return out


def test_same_pages_files_feeds_and_open_data(sites):
    mk, pd = sites["mkdocs"], sites["properdocs"]
    assert sorted(mk) == sorted(pd)
    for wanted in ("index.html", "reviews/index.html", "statistics/index.html", "search/search_index.json",
                   "sitemap.xml", "feeds/reviews.xml", "feeds/learning.atom", "feeds/podcasts.xml",
                   "open-data/reviews.json", "open-data/reviews.csv"):
        assert wanted in mk
    assert len([p for p in mk if p.endswith(".pdf")]) >= 1
    differing = [p for p in mk if mk[p] != pd[p]]
    assert all(p.endswith(".html") for p in differing)
    for path in differing:
        assert GENERATOR.sub(b"", mk[path]) == GENERATOR.sub(b"", pd[path]), path


def test_each_page_names_the_engine_that_built_it(sites):
    assert b'content="mkdocs-1.6.1, mkdocs-material-9.8.1"' in sites["mkdocs"]["index.html"]
    assert b'content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1"' in sites["properdocs"]["index.html"]


def test_properdocs_strict_warning_leaves_the_previous_site(tmp_path):
    """ProperDocs logs its warnings under 'properdocs', not 'mkdocs': the hooks must still see
    them and keep the previous site/ when strict mode aborts."""
    project = example_project(tmp_path / "partnership")
    assert build(project.root, "properdocs").returncode == 0
    before = files(project.site)
    about = project.root / "content/about.md"
    about.write_text(about.read_text() + "\n[Our statement](accessibility.md#no-such-anchor)\n")
    proc = build(project.root, "properdocs")
    assert proc.returncode != 0
    assert "no-such-anchor" in proc.stderr
    assert files(project.site) == before
