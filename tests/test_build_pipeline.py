"""The engine-neutral Build and its MkDocs adapter, tested where each layer lives: the settings
schema as a table, the Build run in memory on a temporary project, the adapter called with the
engine's own File objects, and `make report` sharing the build's problem list."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml
from helpers import REPO, Project, review

from lscp_kit import settings
from lscp_kit.build import Build, EngineFile, SiteConfig
from lscp_kit.files import site_config
from lscp_kit.problems import BuildStopped
from lscp_kit.rules.decisions import State, describe, decide
from lscp_kit.rules.items import Item

NOW = datetime(2026, 6, 1, 9, tzinfo=timezone.utc)
BASE = {"partnership": {"name": "Northbridge SCP"}}


@pytest.mark.parametrize("extra, key, words", [
    ({"feeds": {"limit": "fifty"}}, "extra.feeds.limit", "'fifty' is not a whole number from 1 to 1000"),
    ({"feeds": {"limit": 0}}, "extra.feeds.limit", "is not a whole number"),
    ({"feeds": {"limt": 5}}, "extra.feeds.limt", "did you mean limit?"),
    ({"partnership": {"name": "N", "phnoe": "01632 960 000"}}, "extra.partnership.phnoe", "did you mean phone?"),
    ({"partnership": {"name": "N", "phone": "call us"}}, "extra.partnership.phone", "is not a phone number"),
    ({"partnership": {"name": "N", "partners": "Council"}}, "extra.partnership.partners", "is not a list of names"),
    ({"partnership": {"email": "x@y"}}, "extra.partnership.name", "is missing"),
    ({"statistics_from": "since 2020"}, "extra.statistics_from", "is not a year"),
    ({"feeds": ["limit"]}, "extra.feeds", "must be a list of keys"),
])
def test_settings_errors_are_plain_and_name_the_key(extra, key, words):
    merged = {**BASE, **extra}
    _settings, problems = settings.read("Site", None, merged)
    assert any(p.path == "mkdocs.yml" and p.key == key and words in p.message for p in problems), problems


def test_settings_defaults_and_values():
    read, problems = settings.read("Site", "https://x.example/", {"partnership": {"name": "N", "short_name": "NSCP"},
                                                                 "feeds": {"limit": 7}, "statistics_from": 2019})
    assert problems == []
    assert (read.name, read.short_name, read.feed_limit, read.statistics_from, read.site_url) == \
        ("N", "NSCP", 7, 2019, "https://x.example/")
    assert settings.read("Site", None, {"partnership": {"name": "N"}})[0].site_url == settings.DEFAULT_URL


def test_every_state_has_words_short_and_long():
    base = dict(id="reviews/x", source="reviews/x.md", path="content/reviews/x.md", section="reviews",
                title="X", status="published", type="scr", summary="s")
    from datetime import date
    decision = decide(Item(**base, date=date(2026, 7, 1)), date(2026, 6, 1))
    assert decision.state is State.SCHEDULED and f"{decision.state}" == "scheduled"
    assert describe(decision) == "scheduled for 2026-07-01"
    assert describe(decision, long=True) == "scheduled for 1 July 2026"
    assert set(State) == set(__import__("lscp_kit.rules.decisions", fromlist=["WORDS"]).WORDS)


def _site(project: Project) -> SiteConfig:
    found, problems = site_config.read(project.root)
    assert problems == []
    return found


def test_build_in_memory_stages_only_what_is_public(project: Project):
    project.item("reviews/2026-open.md", **review("scr", title="Open review"))
    project.item("reviews/2026-held/index.md", files={"held-report.pdf": b"%PDF-1.4 held"},
                 **review("scr", title="Held review", report="held-report.pdf", embargo={"reason": "trial"}))
    build = Build(_site(project), "build", {"SITE_AS_OF": "2026-06-01"}, NOW)
    assert build.prepare() == []
    assert "reviews/2026-open.md" in build.staged_files
    assert not any("held" in path for path in build.staged_files)
    assert {r.kind for r in build.routes.values()} >= {"statistics", "events", "review-type"}
    assert build.page_view("reviews/index.md", project.root / "out")["listing"]


def test_build_refuses_two_files_at_one_address(project: Project):
    build = Build(_site(project), "build", {"SITE_AS_OF": "2026-06-01"}, NOW)
    assert build.prepare() == []
    staged = build.stage()
    try:
        files = [EngineFile("assets.md", "assets/index.html", True, str(staged / "assets.md")),
                 EngineFile("assets/index.html", "assets/index.html", False, str(staged / "assets/index.html"))]
        with pytest.raises(BuildStopped, match="assets"):
            build.take_files(files)
    finally:
        build.discard()


def test_adapter_links_staged_attachments_given_engine_file_objects(project: Project):
    """The hook, called directly with MkDocs File objects: attachments staged by the build are
    linked, not copied; pages are not; nothing is decided in the adapter."""
    sys.path.insert(0, str(project.root / "hooks"))
    try:
        import publish
        from mkdocs.config import load_config
        from mkdocs.structure.files import File, Files
    finally:
        sys.path.pop(0)
    project.item("reviews/2026-open/index.md", files={"open-report.pdf": b"%PDF-1.4 open"},
                 **review("scr", title="Open review", report="open-report.pdf"))
    (project.root / ".staging/public").mkdir(parents=True)  # as scripts/site.py makes it
    config = load_config(str(project.root / "mkdocs.yml"))
    publish.on_startup("build", False)
    env = {"SITE_AS_OF": "2026-06-01"}
    with pytest.MonkeyPatch.context() as mp:
        for key, value in env.items():
            mp.setenv(key, value)
        mp.delenv("CI", raising=False)
        mp.chdir(project.root)
        try:
            config = publish.on_config(config)
            docs, out = config.docs_dir, config.site_dir
            pdf = File("reviews/2026-open/open-report.pdf", docs, out, True)
            page = File("reviews/2026-open/index.md", docs, out, True)
            statement = File("accessibility.md", docs, out, True)
            files = publish.on_files(Files([statement, pdf, page]), config)
            assert files.get_file_from_path("reviews/2026-open/open-report.pdf").copy_file.func is publish._link_file
            assert not hasattr(page.copy_file, "func")
            # the statement waits for the attachment checks: rendered last, while they read
            assert [f.src_uri for f in files][-1] == "accessibility.md" and len(files) == 3
        finally:
            publish.on_shutdown()


def test_report_lists_the_same_problems_the_build_stops_on(project: Project):
    """Bad YAML in a page: `make site` refuses and `make report --format json` lists the same
    line (it used to say problems: [])."""
    project.write("about.md", "---\ntitle: [unclosed\n---\n\n# About\n")
    build = project.build("2026-06-01")
    assert build.returncode == 1
    line = next(ln.strip() for ln in build.output.splitlines() if ln.strip().startswith("content/about.md"))
    report = subprocess.run([sys.executable, str(REPO / "scripts/report.py"), "--format", "json",
                             "--project", str(project.root), "--as-of", "2026-06-01"],
                            capture_output=True, text=True, timeout=120)
    assert report.returncode == 1
    assert line in json.loads(report.stdout)["problems"]


def test_report_and_build_agree_on_settings_errors(project: Project):
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("limit: 50", "limit: fifty"))
    build = project.build("2026-06-01")
    assert build.returncode == 1 and "mkdocs.yml: extra.feeds.limit: 'fifty' is not a whole number" in build.output
    assert "Traceback" not in build.output
    report = subprocess.run([sys.executable, str(REPO / "scripts/report.py"), "--format", "json",
                             "--project", str(project.root), "--as-of", "2026-06-01"],
                            capture_output=True, text=True, timeout=120)
    assert any("extra.feeds.limit" in p for p in json.loads(report.stdout)["problems"])


def test_site_config_reads_engine_tags_as_plain_values(tmp_path: Path):
    (tmp_path / "mkdocs.yml").write_text("site_name: !ENV [NAME, 'Northbridge']\nsite_url: https://n.example/\n"
                                         "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: "
                                         "!!python/name:material.extensions.emoji.twemoji\n"
                                         "extra:\n  partnership:\n    name: N\n")
    found, problems = site_config.read(tmp_path)
    assert problems == [] and found.markdown_extensions == ("pymdownx.emoji",)
    (tmp_path / "mkdocs.yml").write_text("site_name: [unclosed\n")
    assert site_config.read(tmp_path)[0] is None


def test_the_core_never_imports_the_engine():
    """No module of lscp_kit imports mkdocs (or properdocs): an engine is an adapter."""
    offenders = [p.relative_to(REPO).as_posix() for p in (REPO / "lscp_kit").rglob("*.py")
                 if any(line.lstrip().startswith(("import mkdocs", "from mkdocs", "import properdocs", "from properdocs"))
                        for line in p.read_text().splitlines())]
    assert offenders == []
    assert yaml  # the reader of mkdocs.yml is PyYAML, not the engine


# --- Attachments read beside the engine -------------------------------------------------------

def test_a_production_build_reports_attachment_problems_with_the_leak_audit_all_at_once(project: Project):
    """The attachment checks run beside the engine: their errors still stop the build, with the
    leak audit's traces in the same message; the accessibility statement (rendered last) lists
    the untagged report; a report (`make report`) lists the attachment problem at once."""
    import attachment_fixtures as fx

    untagged = fx.pdf([fx._text(["The panel met."])], tagged=False)
    project.item("reviews/2026-open/index.md", body="Read [the report](open-report.pdf).\n",
                 files={"open-report.pdf": untagged}, **review("scr", title="Open review", report="open-report.pdf"))
    project.item("reviews/2026-held/index.md", body="Held.\n",
                 **review("scr", title="Kestrel Lane review", embargo={"reason": "trial"}))
    site = project.build()
    assert site.returncode == 0, site.output
    assert "open-report.pdf" in (project.site / "accessibility/index.html").read_text()
    project.item("reviews/2026-boxed/index.md", body="See the Kestrel Lane review.\n\n[Report](boxed.pdf)\n",
                 files={"boxed.pdf": fx.boxed_pdf()}, **review("scr", title="Boxed review", report="boxed.pdf"))
    before = (project.site / "index.html").read_bytes()
    result = project.build()
    assert result.returncode != 0 and "Traceback" not in result.output
    assert "content/reviews/2026-boxed/boxed.pdf: attachment: published on reviews/2026-boxed/: a redaction" \
           in result.output
    assert "the leak audit found" in result.output and "reviews/2026-held" in result.output
    assert (project.site / "index.html").read_bytes() == before  # the previous site untouched
    report = subprocess.run([sys.executable, str(REPO / "scripts/report.py"), "--format", "json",
                             "--project", str(project.root), "--as-of", "2026-06-01"],
                            capture_output=True, text=True, timeout=120)
    assert any("content/reviews/2026-boxed/boxed.pdf: attachment:" in line
               for line in json.loads(report.stdout)["problems"])


def test_read_ahead_fills_both_caches_and_is_ready_whatever_fails(tmp_path: Path):
    """One reading per file fills the audit's text cache and the checks' facts cache; a file
    that cannot be read is left to the readers, and the read-ahead is ready all the same."""
    import attachment_fixtures as fx
    from lscp_kit.audit.readers import TextCache
    from lscp_kit.checks.findings import cached_facts
    from lscp_kit.prefetch import Job, Prefetch

    data = fx.long_pdf(6)
    (tmp_path / "a.pdf").write_bytes(data)
    jobs = [Job("r/a.pdf", tmp_path / "a.pdf", True, True), Job("r/gone.pdf", tmp_path / "gone.pdf", True, True),
            Job("r/b.pdf", tmp_path / "a.pdf", True, False)]
    ahead = Prefetch(jobs, tmp_path / "texts", tmp_path / "facts")
    ahead.wait()
    assert ahead.ready.is_set()
    assert TextCache(tmp_path / "texts").get(data) is not None
    assert len(list((tmp_path / "facts").glob("*.pdf.json"))) == 1
    assert cached_facts(tmp_path / "facts", "r/a.pdf", data)["kind"] == "pdf"
