"""`make preview` for real: the server rebuilds when a file under content/ changes, and a
content error shows in the browser as a page listing the problems (not a hung request)."""
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from helpers import Project, review

playwright = pytest.importorskip("playwright.sync_api")

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.read().decode("utf-8", "replace")


def wait_for(url: str, words: str, seconds: float = 60) -> str:
    end, text = time.monotonic() + seconds, ""
    while time.monotonic() < end:
        try:
            text = fetch(url)
            if words in text:
                return text
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{words!r} never appeared at {url}; last page:\n{text[:2000]}")


@pytest.fixture
def server(project: Project):
    project.item("reviews/2026-child-a.md", **review("scr", title="Child A review", date="2026-03-02"))
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "SITE_AS_OF")}
    env.update(SITE_PREVIEW="1", SITE_AS_OF="2026-06-01")
    proc = subprocess.Popen([sys.executable, str(project.root / "scripts/site.py"), "serve", "-a", f"127.0.0.1:{port}"],
                            cwd=project.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(base + "reviews/2026-child-a/", "Child A review")
        yield project, base
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        assert not (project.root / "site").exists()  # a preview never writes into site/


def test_preview_rebuilds_when_content_changes(server):
    project, base = server
    project.item("reviews/2026-child-a.md", **review("scr", title="Child A review, revised", date="2026-03-02"))
    wait_for(base + "reviews/2026-child-a/", "Child A review, revised")
    project.item("reviews/2026-child-b.md", **review("scr", title="Child B draft review", status="draft"))
    page = wait_for(base + "reviews/2026-child-b/", "Child B draft review")
    assert "Draft" in page and 'content="preview"' in page


def test_a_content_error_shows_as_a_page_in_the_browser_then_clears(server, browser):
    project, base = server
    text = (project.root / "content/reviews/2026-child-a.md").read_text()
    (project.root / "content/reviews/2026-child-a.md").write_text(text.replace("status:", "embrago: x\nstatus:"))
    (project.root / "content/reviews/2026-child-z.md").write_text("---\ntitle: Z\nstatus: draft\ntype: scr\nembargo:\n---\n")
    wait_for(base, "Problems to fix")
    page = browser.new_page()
    started = time.monotonic()
    page.goto(base + "reviews/2026-child-a/", timeout=15000)
    assert time.monotonic() - started < 10  # answered, not hung
    body = page.inner_text("body")
    page.screenshot(path=str(project.root / "preview-error.png"), full_page=True)
    page.close()
    assert "content/reviews/2026-child-a.md" in body and "embrago" in body
    assert "content/reviews/2026-child-z.md" in body and "embargo" in body and "has no value" in body
    (project.root / "content/reviews/2026-child-a.md").write_text(text)
    (project.root / "content/reviews/2026-child-z.md").unlink()
    wait_for(base + "reviews/2026-child-a/", "Child A review")
