"""The preview shows hidden items: it never leaves this machine. The server listens on loopback
addresses only (through scripts/site.py and through the engine's own CLI), and a preview is
never written into the configured output folder, whatever it is named."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
from helpers import Project, review

from lscp_kit.preview import address_problem


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost", "LOCALHOST"])
def test_loopback_addresses_are_allowed(host):
    assert address_problem(host) is None


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "[::]", "192.168.1.5", "10.0.0.1", "example.org", "", "0"])
def test_any_other_address_is_refused(host):
    problem = address_problem(host)
    assert problem is not None and "127.0.0.1" in problem.message


def _env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "SITE_AS_OF", "SITE_PREVIEW")}
    env.update(SITE_AS_OF="2026-06-01", NO_MKDOCS_2_WARNING="1", **extra)
    return env


@pytest.mark.parametrize("address", ["0.0.0.0:8765", "[::]:8765", "192.168.1.5:8765"])
def test_site_py_serve_refuses_other_interfaces(project: Project, address):
    proc = subprocess.run([sys.executable, str(project.root / "scripts/site.py"), "serve", "-a", address],
                          cwd=project.root, env=_env(SITE_PREVIEW="1"), capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert "listens only on 127.0.0.1" in proc.stderr and "Traceback" not in proc.stderr


def test_the_engines_own_serve_is_refused_by_the_hook(project: Project):
    """`mkdocs serve -a 0.0.0.0:...` bypasses scripts/site.py: the adapter refuses it too."""
    project.item("reviews/2026-held.md", **review("scr", title="Held review", embargo={"reason": "trial"}))
    (project.root / ".staging/public").mkdir(parents=True, exist_ok=True)
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "serve", "-a", "0.0.0.0:8766", "--no-livereload"],
                          cwd=project.root, env=_env(SITE_PREVIEW="1"), capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0
    assert "listens only on 127.0.0.1" in proc.stderr + proc.stdout


def test_a_preview_never_writes_into_the_configured_site_dir(project: Project):
    """With `site_dir: public` (what GitLab Pages publishes), SITE_PREVIEW=1 make site writes the
    preview into preview-site/, never into public/."""
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("site_dir: site", "site_dir: public"))
    project.item("reviews/2026-held.md", **review("scr", title="Held review", embargo={"reason": "trial"}))
    result = project.build("2026-06-01", SITE_PREVIEW="1")
    assert result.returncode == 0, result.output
    assert not (project.root / "public").exists()
    assert (project.preview_site / "reviews/2026-held/index.html").exists()
    result = project.build("2026-06-01", "-d", "public", SITE_PREVIEW="1")
    assert result.returncode == 0 and not (project.root / "public").exists()
