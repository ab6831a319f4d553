"""Red team on the build-speed changes (copy store, hard-linked attachments, audit in batches,
bank-holiday cache, gc.freeze): each test is a real build in a temporary folder that once
published something it must not, changed the live site/ without a successful build, or claimed
something untrue."""
import os
from pathlib import Path

import pytest

from helpers import PDF, Project, own_copy, review

AS_OF = "2026-06-01"
SECRET = "Kestrel embargoed review"
LAST_LINE = "Nothing was published: the previous site/ is unchanged."


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _site_with_an_asset_page(project: Project) -> Path:
    """A public site publishing content/assets/index.html (used by a stylesheet a page links),
    and an embargoed review: what the live site/ holds after a good production build."""
    project.write("assets/index.html", "<html><body>Benign asset page.</body></html>\n")
    project.write("assets/print.css", "@import url(index.html);\n")
    home = (project.root / "content/index.md").read_text(encoding="utf-8")
    project.write("index.md", home + "\n[Print styles](assets/print.css)\n")
    project.item("reviews/2026-k/index.md", **review("scr", title=SECRET, embargo={"reason": "trial"}))
    result = project.build(AS_OF)
    assert result.returncode == 0, result.output
    live = project.site / "assets/index.html"
    assert live.read_text() == "<html><body>Benign asset page.</body></html>\n"
    return live


# 1. A page whose address is a linked attachment's: the engine writes the page into the shared
#    file, which is also the live site's --------------------------------------------------------

def test_red_speed_1_a_refused_build_writes_a_hidden_title_into_the_live_site(project: Project):
    """content/assets.md is served at assets/index.html, the address of the attachment
    content/assets/index.html. The attachment is hard-linked from the copy store, which the live
    site/ shares; the engine writes the page in place through that link. The build is refused by
    the audit, says the previous site/ is unchanged, but the live site/ already carries the
    hidden review's title."""
    live = _site_with_an_asset_page(project)
    before = _files(project.site)
    project.write("assets.md", f"# Assets\n\nComing soon: {SECRET}.\n")
    result = project.build(AS_OF)
    assert result.returncode != 0, result.output
    assert "content/assets.md" in result.output, result.output
    assert result.output.rstrip().splitlines()[-1] == LAST_LINE
    assert "Traceback" not in result.output
    assert SECRET.lower() not in live.read_text().lower()
    assert _files(project.site) == before


def test_red_speed_1b_a_preview_build_writes_a_hidden_title_into_the_live_site(project: Project):
    """The same through `make preview-site` (SITE_PREVIEW=1, -d preview-site): a preview is never
    audited and never writes into site/, yet the live site/ ends up with the preview's page."""
    live = _site_with_an_asset_page(project)
    before = _files(project.site)
    project.write("assets.md", f"# Assets\n\nComing soon: {SECRET}.\n")
    result = project.build(AS_OF, "-d", "preview-site", SITE_PREVIEW="1")
    assert result.returncode != 0 and "content/assets.md" in result.output, result.output
    assert "Traceback" not in result.output
    assert SECRET.lower() not in live.read_text().lower()
    assert _files(project.site) == before


@pytest.mark.parametrize("page", ["reviews.md", "learning.md"])
def test_red_speed_1c_a_page_served_at_another_pages_address_is_refused(project: Project, page):
    """content/reviews.md is served at reviews/index.html, as the section page is: one was
    written over the other (the officer's page silently lost, and a page the audit read in a
    batch rewritten after it)."""
    project.item("reviews/2026-a/index.md", **review("scr", title="A review"))
    project.write(page, "# Our page\n\nHello.\n")
    result = project.build(AS_OF)
    assert result.returncode != 0 and f"content/{page}" in result.output, result.output
    assert "Traceback" not in result.output
    assert result.output.rstrip().splitlines()[-1] == LAST_LINE


# 2. A tool rewrites a file of site/ in place and keeps its size and time ----------------------

def test_red_speed_2_a_site_file_rewritten_in_place_with_its_time_kept_is_republished(project: Project):
    original = own_copy(PDF, "reviews/2026-a/a-report.pdf")
    project.item("reviews/2026-a/index.md", files={"a-report.pdf": PDF},
                 **review("scr", title="A review", report="a-report.pdf"))
    assert project.build(AS_OF).returncode == 0
    built = project.site / "reviews/2026-a/a-report.pdf"
    info = built.stat()
    tampered = original.replace(b"%PDF", b"%XXX", 1)
    assert len(tampered) == len(original) and tampered != original
    with open(built, "r+b") as out:  # a deploy tool rewriting site/ in place, keeping the time
        out.write(tampered)
    os.utime(built, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert (project.root / "content/reviews/2026-a/a-report.pdf").read_bytes() == original  # content/ untouched
    result = project.build(AS_OF)
    assert result.returncode == 0, result.output
    assert (project.site / "reviews/2026-a/a-report.pdf").read_bytes() == original
    assert "site/reviews/2026-a/a-report.pdf had been changed in place" in result.output
    assert project.build(AS_OF).returncode == 0  # and the build after that keeps it
    assert (project.site / "reviews/2026-a/a-report.pdf").read_bytes() == original


# 3. The bank-holiday record cannot be written: saved after site/ was swapped ------------------

def test_red_speed_3_a_bank_holiday_record_that_cannot_be_written_never_contradicts_the_site(project: Project):
    """The record was written after site/ had been swapped: when it could not be (disk full;
    here a folder in its place) the build said 'Nothing was published: the previous site/ is
    unchanged' although the new site was live. A cache never fails a build."""
    project.item("reviews/2026-a/index.md", **review("lcspr", title="A review"))
    assert project.build(AS_OF).returncode == 0
    record = project.root / ".staging/bank-holidays.json"
    record.unlink()
    record.mkdir()
    project.item("reviews/2026-b/index.md", **review("scr", title="B review"))
    result = project.build(AS_OF)
    published = (project.site / "reviews/2026-b/index.html").exists()
    assert result.returncode == 0 and published, result.output


# 4. -d into one of the project's own folders -------------------------------------------------

def _own_files(project: Project) -> dict[str, bytes]:
    found = {"mkdocs.yml": (project.root / "mkdocs.yml").read_bytes()}
    for name in ("content", "overrides", "hooks", ".git"):
        found.update({p.relative_to(project.root).as_posix(): p.read_bytes()
                      for p in sorted((project.root / name).rglob("*")) if p.is_file()})
    return found


@pytest.mark.parametrize("dest", ["content", "content/reviews", "overrides", "hooks", ".git", "mkdocs.yml"])
def test_red_speed_4_a_build_into_the_projects_own_folder_is_refused(project: Project, dest):
    """`scripts/site.py build -d content` swapped content/ with the built site (the content moved
    to .site-builds/, deleted by the next such build); -d hooks replaced the kit's code; -d
    mkdocs.yml swapped a file for a folder."""
    (project.root / ".git").mkdir()
    (project.root / ".git/HEAD").write_text("ref: refs/heads/main\n")
    project.item("reviews/2026-a/index.md", **review("scr", title="A review"))
    before = _own_files(project)
    result = project.build(AS_OF, "-d", dest)
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output
    assert result.output.rstrip().splitlines()[-1] == LAST_LINE
    assert _own_files(project) == before


def test_red_speed_4c_a_site_link_left_by_an_earlier_version_still_builds(project: Project):
    """The refusal judges a link by where it is (the swap moves the link, not its target)."""
    project.item("reviews/2026-a/index.md", **review("scr", title="A review"))
    assert project.build(AS_OF).returncode == 0
    legacy = project.root / ".site-builds/site/build-legacy"
    project.site.rename(legacy)
    project.site.symlink_to(legacy.relative_to(project.root))
    result = project.build(AS_OF)
    assert result.returncode == 0, result.output
    assert project.site.is_dir() and not project.site.is_symlink()


def test_red_speed_4b_a_build_inside_the_live_site_is_refused(project: Project):
    """-d site/preview put .site-builds/ (the unfinished, unaudited build) inside the live site/."""
    project.item("reviews/2026-a/index.md", **review("scr", title="A review"))
    assert project.build(AS_OF).returncode == 0
    before = _files(project.site)
    result = project.build(AS_OF, "-d", "site/preview")
    assert result.returncode != 0 and "Traceback" not in result.output, result.output
    assert result.output.rstrip().splitlines()[-1] == LAST_LINE
    assert _files(project.site) == before and not (project.site / ".site-builds").exists()


# 5. A bundle file becomes a folder of the same name (or back) --------------------------------

@pytest.mark.parametrize("first, then", [
    ({"annex": b"one annex\n"}, {"annex/part-1.txt": b"part one\n"}),
    ({"annex/part-1.txt": b"part one\n"}, {"annex": b"one annex\n"}),
])
def test_red_speed_5_a_file_that_becomes_a_folder_of_the_same_name_still_builds(project: Project, first, then):
    """The copy store kept the old copy where the new folder (or copy) had to go: every later
    build stopped with 'Internal error (FileExistsError ...)' until .staging/ was deleted."""
    project.item("reviews/2026-a/index.md", files=first, **review("scr", title="A review"))
    assert project.build(AS_OF).returncode == 0
    project.delete("reviews/2026-a/annex")
    for rel, data in then.items():
        project.write(f"reviews/2026-a/{rel}", data)
    for _ in range(2):
        result = project.build(AS_OF)
        assert result.returncode == 0, result.output
        for rel, data in then.items():
            assert (project.site / "reviews/2026-a" / rel).read_bytes() == data


# 6. An inlined stylesheet the engine never publishes was taken out of every page unread -------

@pytest.mark.parametrize("name", ["readme.css", ".inline.css"])
def test_red_speed_6_an_inlined_override_stylesheet_that_is_not_published_is_read_in_pages(project: Project, name):
    """The audit takes the overrides' stylesheets out of pages (they are 'audited as files'),
    but the engine does not publish every override (names with 'readme', dot files): such a
    stylesheet, inlined by a template, carried a hidden title into every page, and the build
    passed."""
    project.item("reviews/2026-k/index.md", **review("scr", title=SECRET, embargo={"reason": "trial"}))
    project.item("reviews/2026-a/index.md", **review("scr", title="A review"))
    (project.root / "overrides" / name).write_text(f".x::after {{ content: '{SECRET}'; }}\n")
    main = project.root / "overrides/main.html"
    text = main.read_text()
    assert '{% include "assets/site.css" %}</style>' in text
    main.write_text(text.replace('{% include "assets/site.css" %}</style>',
                                 f'{{% include "assets/site.css" %}}\n{{% include "{name}" %}}</style>'))
    result = project.build(AS_OF)
    leaked = [p for p, data in _files(project.site).items() if SECRET.encode() in data] \
        if project.site.exists() else []
    assert result.returncode != 0 and not leaked, (leaked, result.output)
    assert "leak" in result.output and result.output.rstrip().splitlines()[-1] == LAST_LINE
