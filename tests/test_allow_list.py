"""Fail closed by allow-list (issue 10): one real build per way a hidden item once leaked, each
class with at least two variants. Every failing build must name the file, print no traceback,
end by saying nothing was published, and leave the previous site/ exactly as it was."""
import os
import shutil
import subprocess
import sys

import pytest

from helpers import EXAMPLE, PDF, Project, learning, review

AS_OF = "2026-06-01"
SECRET = "Kestrel embargoed review"
GOOD = "---\ntitle: Good review\nstatus: published\ntype: scr\ndate: 2026-01-12\nsummary: Fine.\n---\nBody\n"
LAST_LINE = "Nothing was published: the previous site/ is unchanged."


@pytest.fixture
def good_site(project: Project) -> Project:
    project.item("reviews/2026-good/index.md", files={"good-report.pdf": PDF},
                 **review("scr", title="Good review", report="good-report.pdf"))
    result = project.build(AS_OF)
    assert result.returncode == 0, result.output
    return project


def refused(project: Project, *expected: str, **env: str) -> str:
    """Build, expect a refusal naming `expected`, and check nothing changed."""
    before = project.outputs() if project.site.exists() else None
    result = project.build(env.pop("as_of", AS_OF), **env)
    assert result.returncode != 0, result.output
    for text in expected:
        assert text in result.output, result.output
    assert "Traceback" not in result.output
    assert result.output.rstrip().splitlines()[-1] == LAST_LINE
    if before is not None:
        assert project.outputs() == before
    assert not project.leftover_builds()
    return result.output


def no_trace(project: Project, *needles: str) -> None:
    for path, text in project.outputs().items():
        for needle in needles:
            assert needle.lower() not in text.lower(), (path, needle)
            assert needle.lower() not in path.lower(), path


# 1. Empty values --------------------------------------------------------------------------

@pytest.mark.parametrize("line, key", [
    ("embargo:", "embargo"),
    ("embargo: ~", "embargo"),
    ("embargo: {}", "embargo"),
    ("status: withdrawn\nwithdrawn:", "withdrawn"),
    ("status: withdrawn\nwithdrawn: null", "withdrawn"),
    ("embargo:\n  until:\n  reason: trial", "embargo.until"),
])
def test_an_empty_value_publishes_nothing(good_site: Project, line, key):
    text = GOOD.replace("title: Good review", f"title: {SECRET}").replace("status: published\n", "")
    good_site.write("reviews/2026-kestrel.md", text.replace("---\nBody", line + "\n---\nBody"))
    if "status:" not in line:
        good_site.write("reviews/2026-kestrel.md", text.replace("type: scr", "status: published\ntype: scr")
                        .replace("---\nBody", line + "\n---\nBody"))
    refused(good_site, f"content/reviews/2026-kestrel.md: {key}: has no value")


# 2. File endings ---------------------------------------------------------------------------

@pytest.mark.parametrize("ending", ["---", "---   ", "---\r\n", "..."], ids=["bare", "spaces", "crlf", "dots"])
def test_front_matter_never_reaches_the_page(project: Project, ending):
    meta = ("---\ntitle: Fulmar public review\nstatus: published\ntype: lcspr\ndate: 2026-01-12\n"
            "summary: Fine.\nendorsed: 2025-11-20\ntimeline:\n  incident_notified: 2024-03-04\n"
            "  report_sent: 2025-12-01\nembargo:\n  until: 2026-01-20\n  reason: Osprey trial reason\n")
    text = meta + ending
    if ending == "---\r\n":
        text = meta.replace("\n", "\r\n") + ending
    project.write("reviews/2026-fulmar.md", text)
    result = project.build(AS_OF)
    assert result.returncode == 0, result.output
    page = (project.site / "reviews/2026-fulmar/index.html").read_text()
    assert "Fulmar public review" in page
    for path, out in project.outputs().items():
        assert "2024-03-04" not in out and "Osprey trial reason" not in out, path
        assert "incident_notified" not in out, path


def test_a_plain_page_ending_at_its_fence_is_read_as_front_matter(project: Project):
    project.write("about-us.md", "---\ntitle: About us\nsecret_note: Osprey internal note\n---")
    result = project.build(AS_OF)
    assert result.returncode == 0, result.output
    assert "Osprey internal note" not in (project.site / "about-us/index.html").read_text()


# 3. Misplaced files ------------------------------------------------------------------------

@pytest.mark.parametrize("path, words", [
    ("review/2026-kestrel.md", "content/review/ is not a place the site publishes from"),
    ("drafts/2026-kestrel/index.md", "content/drafts/ is not a place"),
    ("reviews/2026-kestrel/notes.markdown", "must end in .md"),
    ("reviews/2026-kestrel/notes.mdown", "must end in .md"),
    ("reviews/2026-kestrel/extra.mkd", "must end in .md"),
    ("learning/guide.MD", "must end in .md"),
    ("reviews/2026-kestrel/appendix.md", "inside the folder of the item"),
    ("reviews/kestrel-report.pdf", "belongs to no item"),
    ("secret.pdf", "only pages (.md) sit at the top of content/"),
    ("reviews/group/2026-kestrel.md", "reviews are not grouped in folders"),
    ("assets/notes.md", "pages do not go in content/assets/"),
    ("README.md", "README.md is taken as the home page"),
    ("statistics.md", "the build makes the statistics page itself"),
    ("events.md", "the build makes the events page itself"),
])
def test_every_path_is_on_the_allow_list(good_site: Project, path, words):
    good_site.item("reviews/2026-kestrel/index.md", **review("scr", title=SECRET, status="draft"))
    data = PDF if path.endswith(".pdf") else f"---\ntitle: {SECRET}\n---\n{SECRET}\n"
    good_site.write(path, data)
    refused(good_site, f"content/{path}: file: ", words)


# 4. Files outside the bundle, and overrides -------------------------------------------------

def test_a_hidden_reviews_pdf_in_assets_is_not_published(project: Project):
    project.write("assets/kestrel-report-copy.pdf", PDF)  # just a copy, linked from nowhere
    project.write("assets/kestrel-linked.pdf", PDF)
    project.item("reviews/2026-kestrel/index.md", body="[report](../../assets/kestrel-linked.pdf)\n",
                 **review("scr", title=SECRET, embargo={"reason": "trial"}))
    result = project.build(AS_OF)
    assert result.returncode == 0, result.output
    assert not list(project.site.rglob("kestrel*"))
    no_trace(project, SECRET, "2026-kestrel")


def test_a_file_under_overrides_is_audited(good_site: Project):
    good_site.item("reviews/2026-kestrel.md", **review("scr", title=SECRET, status="draft"))
    (good_site.root / "overrides/assets").mkdir(parents=True, exist_ok=True)
    (good_site.root / "overrides/assets/note.txt").write_text(f"Coming soon: {SECRET}\n")
    refused(good_site, "site/assets/note.txt: leak", "reviews/2026-kestrel")


def test_a_theme_partial_naming_a_hidden_item_is_caught(good_site: Project):
    good_site.item("reviews/2026-kestrel.md", **review("scr", title=SECRET, status="draft"))
    footer = good_site.root / "overrides/partials/footer.html"
    footer.write_text(footer.read_text() + '\n<a href="/reviews/2026-kestrel/">soon</a>\n')
    refused(good_site, "leak", "reviews/2026-kestrel")


# 5. Symbolic links -------------------------------------------------------------------------

def test_symbolic_links_are_errors(good_site: Project):
    good_site.item("reviews/2026-kestrel/index.md", files={"kestrel-report.pdf": PDF},
                   **review("scr", title=SECRET, report="kestrel-report.pdf", embargo={"reason": "trial"}))
    content = good_site.root / "content"
    os.symlink(content / "reviews/2026-kestrel", content / "reviews/2026-good/more")
    os.symlink(content / "reviews/2026-kestrel/kestrel-report.pdf", content / "assets/report.pdf")
    refused(good_site, "content/reviews/2026-good/more: file: is a symbolic link",
            "content/assets/report.pdf: file: is a symbolic link")


def test_a_hidden_bundle_that_is_itself_a_link_is_an_error(good_site: Project, tmp_path):
    outside = tmp_path / "elsewhere/2026-kestrel"
    outside.mkdir(parents=True)
    (outside / "index.md").write_text(f"---\ntitle: {SECRET}\nstatus: draft\ntype: scr\n---\n")
    os.symlink(outside, good_site.root / "content/reviews/2026-kestrel")
    os.symlink(EXAMPLE / "content/assets/partnership-mark.svg", good_site.root / "overrides/extra.css")
    refused(good_site, "content/reviews/2026-kestrel: file: is a symbolic link",
            "overrides/extra.css: file: is a symbolic link")


def test_a_leak_in_pages_read_while_the_rest_render_is_caught(good_site: Project):
    """The audit process reads pages in batches as they are written: a leak in any of them,
    early or late, still stops the build."""
    good_site.item("reviews/2026-kestrel.md", **review("scr", title=SECRET, embargo={"reason": "trial"}))
    for i in range(60):
        good_site.item(f"reviews/2025-p{i:02d}.md", body=f"Coming soon: {SECRET}.\n",
                       **review("scr", date="2025-03-03", title=f"Published review {i:02d}"))
    output = refused(good_site, "site/reviews/2025-p00/index.html: leak", "site/reviews/2025-p59/index.html: leak")
    assert sum(f"site/reviews/2025-p{i:02d}/index.html: leak" in output for i in range(60)) == 60


# 6. The audit reads like a person -----------------------------------------------------------

@pytest.mark.parametrize("written", [
    "Kestrel&nbsp;embargoed review", "Kestrel\u200b embargoed review", "Kes\u00adtrel embargoed review",
    "KESTREL EMBARGOED REVIEW", "<em>Kestrel</em> embargoed\nreview", "see 2026-kestrel for more",
])
def test_a_hidden_title_written_oddly_in_a_public_page_is_caught(good_site: Project, written):
    good_site.item("reviews/2026-kestrel.md", **review("scr", title=SECRET, embargo={"reason": "trial"}))
    good_site.write("about.md", f"---\ntitle: About\n---\n\nComing: {written}.\n")
    refused(good_site, "site/about/index.html: leak", "reviews/2026-kestrel")


def test_a_hidden_childs_pseudonym_is_caught_unless_a_public_review_shares_it(good_site: Project):
    good_site.item("reviews/2026-kestrel.md", **review("scr", title=SECRET, child="Child Q",
                                                       embargo={"reason": "trial"}))
    good_site.write("about.md", "---\ntitle: About\n---\n\nThe review about Child Q is coming.\n")
    refused(good_site, "leak", "Child Q".lower(), "'child q' comes from: content/about.md")
    good_site.item("reviews/2026-other.md", **review("scr", title="Other review", child="Child Q"))
    result = good_site.build(AS_OF)
    assert result.returncode == 0, result.output


# 7. Flags and commands ----------------------------------------------------------------------

@pytest.mark.parametrize("value", ["false", "no", "off", "true", "yes", "2"])
def test_only_site_preview_1_means_preview(good_site: Project, value):
    refused(good_site, "environment: SITE_PREVIEW:", SITE_PREVIEW=value)
    assert not (good_site.root / "preview-site").exists()


def test_a_preview_never_writes_into_site(good_site: Project):
    before = good_site.outputs()
    result = good_site.build(AS_OF, SITE_PREVIEW="1")
    assert result.returncode == 0, result.output
    assert good_site.outputs() == before
    assert (good_site.preview_site / "PREVIEW-BUILD-DO-NOT-DEPLOY.txt").exists()


@pytest.mark.parametrize("command", [["gh-deploy"], ["gh-deploy", "--force"]])
def test_gh_deploy_is_refused(good_site: Project, command):
    before = good_site.outputs()
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "SITE_PREVIEW")}
    env["SITE_AS_OF"] = AS_OF
    proc = subprocess.run([sys.executable, "-m", "mkdocs", *command], cwd=good_site.root, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0
    assert "gh-deploy is refused" in proc.stderr and "publish.yml" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert good_site.outputs() == before


# 10. No tracebacks --------------------------------------------------------------------------

@pytest.mark.parametrize("path, data, words", [
    ("reviews/2026-kestrel.md", "---\ntitle: Caf\xe9\nstatus: draft\ntype: scr\n---\n".encode("latin-1"),
     "is not UTF-8"),
    ("reviews/2026-kestrel.md", "---\ntitle: T\nstatus: draft\ntype: scr\n---\n".encode("utf-16"), "is not UTF-8"),
    ("reviews/2026-kestrel.md", b"---\n? [a, b]\n: x\ntitle: T\nstatus: draft\ntype: scr\n---\n", "plain word"),
    ("index.md", b"---\ntitle: [Home\n---\n", "not valid YAML"),
])
def test_unreadable_input_is_a_message_not_a_traceback(good_site: Project, path, data, words):
    good_site.write(path, data)
    refused(good_site, f"content/{path}: ", words)


# 11. Engines that skip hooks ----------------------------------------------------------------

def _without_hooks(project: Project) -> None:
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("hooks:\n  - hooks/publish.py\n", ""))


def _bare_build(project: Project, dest: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "SITE_PREVIEW")}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", dest], cwd=project.root, env=env,
                          capture_output=True, text=True, timeout=120)


def test_an_engine_without_the_hooks_publishes_nothing_hidden(good_site: Project):
    good_site.item("reviews/2026-kestrel/index.md", files={"kestrel-report.pdf": PDF},
                   **review("scr", title=SECRET, report="kestrel-report.pdf", embargo={"reason": "trial"}))
    good_site.item("learning/guides/draft.md", **learning(title="Merlin draft guide", status="draft"))
    assert good_site.build(None).returncode == 0  # a production build of today stages the public tree
    _without_hooks(good_site)
    proc = _bare_build(good_site, "bare-site")
    assert proc.returncode == 0, proc.stderr
    bare = good_site.root / "bare-site"
    assert (bare / "reviews/2026-good/index.html").exists()
    texts = {p: p.read_bytes() for p in bare.rglob("*") if p.is_file()}
    for path, data in texts.items():
        for needle in (SECRET, "2026-kestrel", "Merlin draft guide"):
            assert needle.lower().encode() not in data.lower(), path


def test_only_an_audited_production_build_of_today_is_left_staged_for_other_engines(good_site: Project):
    assert good_site.build(None).returncode == 0
    staged = good_site.root / ".staging/public"
    before = sorted(p.relative_to(staged).as_posix() for p in staged.rglob("*"))
    good_site.item("reviews/2026-kestrel.md", **review("scr", title=SECRET, date="2026-12-24"))
    assert good_site.build("2027-01-04").returncode == 0  # as-of: the future site is never left staged
    good_site.write("about.md", f"---\ntitle: About\n---\n\nSoon: {SECRET}\n")
    assert good_site.build(None).returncode != 0  # refused by the audit: never left staged
    assert sorted(p.relative_to(staged).as_posix() for p in staged.rglob("*")) == before
    assert not list((good_site.root / ".staging").glob("build-*"))


def test_an_engine_without_the_hooks_on_a_fresh_clone_builds_nothing(project: Project):
    project.item("reviews/2026-kestrel.md", **review("scr", title=SECRET, embargo={"reason": "trial"}))
    _without_hooks(project)
    shutil.rmtree(project.root / ".staging", ignore_errors=True)
    proc = _bare_build(project, "bare-site")
    bare = project.root / "bare-site"
    built = [p for p in bare.rglob("*.html")] if bare.exists() else []
    assert proc.returncode != 0 or not any(SECRET in p.read_text() for p in built)
    assert not (bare / "reviews/2026-kestrel").exists()
