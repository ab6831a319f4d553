import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from helpers import Project  # noqa: E402


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path / "partnership")


CHROMIUM = "/usr/bin/chromium"  # Debian's, installed by `make test`; Playwright never downloads one
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium driven by Playwright, one per test module."""
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(autouse=True)
def _no_ambient_build_settings(monkeypatch):
    """CI (set by .ci/run), SITE_AS_OF and SITE_PREVIEW reach a test's builds and reports only
    where the test sets them itself."""
    for name in ("CI", "SITE_AS_OF", "SITE_PREVIEW"):
        monkeypatch.delenv(name, raising=False)
