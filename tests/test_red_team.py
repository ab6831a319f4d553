"""RED TEAM FINDINGS (red branch): one real build per finding, each failing until it is fixed.

Every test is named `test_red_<n>_...`; its docstring gives the severity and how
to reproduce it by hand. LEAK: a hidden item's trace reaches a production output while the
build succeeds. FALSE REFUSAL: a good build an ordinary officer would make is refused.
UNCLEAR: the refusal does not name the file and key.
"""
import base64
import os
import struct
import subprocess
import sys
import zlib

import pytest

from helpers import COVER, PDF, REPO, Project, learning, review, tar_bytes

AS_OF = "2026-06-01"
SECRET = "Kestrel embargoed review"
LAST_LINE = "Nothing was published: the previous site/ is unchanged."


def public_review(project: Project) -> None:
    project.item("reviews/2026-good/index.md", files={"good-report.pdf": PDF},
                 **review("scr", title="Good review", report="good-report.pdf"))


def hidden_review(project: Project, **extra) -> None:
    project.item("reviews/2026-kestrel/index.md", files={"kestrel-report.pdf": PDF},
                 **review("scr", title=SECRET, report="kestrel-report.pdf", embargo={"reason": "trial"}, **extra))


def about(project: Project, body: str) -> None:
    project.write("about.md", f"---\ntitle: About\n---\n\n{body}\n")


def builds(project: Project):
    result = project.build(AS_OF)
    assert result.returncode == 0, result.output
    return result


def refused(project: Project, *expected: str):
    """The build must stop (the trace is there, only encoded) and say so in plain words."""
    result = project.build(AS_OF)
    assert result.returncode != 0, "built with the hidden item's trace in it:\n" + result.output
    for text in expected:
        assert text in result.output, result.output
    assert "Traceback" not in result.output
    assert result.output.rstrip().splitlines()[-1] == LAST_LINE
    return result


# --- FALSE REFUSALS an ordinary officer hits -------------------------------------------------

def test_red_1_a_draft_review_whose_report_is_named_report_pdf_blocks_every_build(project: Project):
    """FALSE REFUSAL. A draft review with `report: report.pdf` (the most natural name)
    refuses every build that has any public `<anything>-report.pdf`: the path scan reads
    `good-report.pdf` as containing the hidden attachment name `report.pdf` (a hyphen is not a
    boundary in `scan_path`'s loose mode). Repro: public review with good-report.pdf; add
    content/reviews/2026-osprey/index.md (status: draft, report: report.pdf) -> make site refuses:
    "site/reviews/2026-good/good-report.pdf: leak: contains the attachment file name of
    reviews/2026-osprey ('report.pdf')"."""
    public_review(project)
    project.item("reviews/2026-osprey/index.md", files={"report.pdf": PDF},
                 **review("scr", title="Osprey draft review", report="report.pdf", status="draft"))
    builds(project)


def test_red_2_the_readmes_own_draft_example_blocks_a_site_with_that_theme(project: Project):
    """FALSE REFUSAL. README: `make new KIND=one-minute-guide SLUG=safer-sleep`. The
    example partnership has a public newsletter with theme "safer sleep". The new draft's bare
    slug `safer-sleep` and its relative URL `../safer-sleep/` are needles, so the public theme
    page learning/theme/safer-sleep/ and every theme page's filter links are "leaks". Repro on
    the example: `make new KIND=one-minute-guide SLUG=safer-sleep && SITE_AS_OF=2026-11-23 make
    site` -> refused with 10 leaks."""
    public_review(project)
    project.item("learning/newsletters/2026-summer.md", **learning("newsletter", title="Summer newsletter",
                                                                    themes=["safer sleep", "neglect"]))
    project.item("learning/one-minute-guides/recognising-neglect.md",
                 **learning(title="Recognising neglect", themes=["neglect"]))
    project.item("learning/one-minute-guides/safer-sleep.md", **learning(title="Safer sleep for babies",
                                                                        status="draft"))
    builds(project)
    assert (project.site / "learning/theme/safer-sleep/index.html").exists()
    assert not (project.site / "learning/one-minute-guides/safer-sleep").exists()


def test_red_3_a_site_image_copied_into_a_hidden_bundle_is_a_plain_error_naming_both(project: Project):
    """A draft podcast folder holding a copy of the site's podcast cover: the same bytes held by
    a published file and a hidden item are an error to resolve (SPEC), never an exemption (else
    a hidden review's photograph copied into a public page would be published). The message
    names both files and what to do."""
    public_review(project)
    project.item("learning/podcasts/episode-2/index.md", files={"podcast-cover.png": COVER},
                 **learning("podcast", title="Harrier episode two", status="draft"))
    result = project.build(AS_OF)
    assert result.returncode == 1
    assert ("content/assets/podcast-cover.png: the same file is attached to content/assets/podcast-cover.png "
            "(public) and content/learning/podcasts/episode-2/podcast-cover.png (not public): remove it from one"
            in result.output)


def test_red_4_a_draft_copy_with_the_title_of_a_public_item_blocks_the_build(project: Project):
    """FALSE REFUSAL, minor (the contract says titles must be distinctive). An officer copies a
    public review to draft a revision (reviews/2026-good-v2.md, status: draft, same title): the
    public item's own title is now a "leak" in 9 files, and the message says to remove it from
    the public pages. The title is already public; slugs, file names and pseudonyms a public
    item shares are excluded from the needles, titles are not."""
    public_review(project)
    project.item("reviews/2026-good-v2.md", **review("scr", title="Good review", status="draft"))
    builds(project)


# --- LEAKS -----------------------------------------------------------------------------------

def test_red_5_a_build_refused_by_the_audit_leaves_the_leak_staged_for_a_hookless_engine(project: Project):
    """LEAK (issue 10 class 11). staging.sync writes .staging/public in on_config, before
    the audit; when the audit then refuses the build, the leaking page stays staged, and an
    engine that ignores `hooks:` (Zensical, or mkdocs with hooks removed) publishes it. Repro:
    make site (ok); put the hidden title in about.md; make site (refused by the audit); remove
    hooks: from mkdocs.yml; mkdocs build -d bare -> bare/about/index.html has the title."""
    public_review(project)
    hidden_review(project)
    assert project.build(None).returncode == 0
    about(project, f"Coming soon: {SECRET}.")
    assert project.build(None).returncode != 0
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("hooks:\n  - hooks/publish.py\n", ""))
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "SITE_PREVIEW")}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", "bare"], cwd=project.root, env=env,
                   capture_output=True, text=True, timeout=120)
    for path in (project.root / "bare").rglob("*"):
        if path.is_file():
            assert SECRET.lower().encode() not in path.read_bytes().lower(), path


def _tar_xz(files: dict[str, bytes]) -> bytes:
    return tar_bytes(files, "w:xz")


@pytest.mark.parametrize("name, data", [
    ("all-reports.tar.xz", lambda: _tar_xz({"kestrel-report.pdf": PDF, "notes.txt": f"{SECRET}\n".encode()})),
    ("notes.txt.bz2", lambda: __import__("bz2").compress(f"{SECRET}\n".encode())),
    ("notes.txt.xz", lambda: __import__("lzma").compress(("Minutes of the meeting. " * 40 + SECRET).encode())),
], ids=["tar.xz", "bz2", "xz"])
def test_red_6_a_hidden_report_inside_an_xz_or_bz2_archive_is_published(project: Project, name, data):
    """LEAK. The audit reads gzip and zip, not xz or bz2 (nor 7z): a public page linking
    content/assets/all-reports.tar.xz publishes the hidden review's report and a note with its
    title, and the build succeeds. An archive the audit cannot read should at least be refused."""
    public_review(project)
    hidden_review(project)
    project.write(f"assets/{name}", data())
    about(project, f"[All our reports](assets/{name})")
    refused(project, "leak")


def _png_with(chunk_type: bytes, payload: bytes) -> bytes:
    chunk = struct.pack(">I", len(payload)) + chunk_type + payload
    chunk += struct.pack(">I", zlib.crc32(chunk_type + payload) & 0xFFFFFFFF)
    end_of_header = 8 + 4 + 4 + 13 + 4
    return COVER[:end_of_header] + chunk + COVER[end_of_header:]


@pytest.mark.parametrize("chunk_type, payload", [
    (b"zTXt", b"Title\x00\x00" + zlib.compress(SECRET.encode())),
    (b"iTXt", b"Title\x00\x01\x00\x00\x00" + zlib.compress(SECRET.encode())),
], ids=["zTXt", "iTXt"])
def test_red_7_a_hidden_title_in_a_compressed_png_text_chunk_is_published(project: Project, chunk_type, payload):
    """LEAK. PNG zTXt and compressed iTXt chunks (what image tools show as Title or
    Description) are deflated: the audit reads a PNG as raw bytes only, so an image on a public
    page carrying the hidden title in its metadata is published."""
    public_review(project)
    hidden_review(project)
    project.write("assets/chart.png", _png_with(chunk_type, payload))
    about(project, "![A chart](assets/chart.png)")
    refused(project, "content/assets/chart.png")  # by the attachment checks (metadata), before the audit


def test_red_8_a_copy_of_a_hidden_attachment_under_another_name_is_published(project: Project):
    """LEAK. The hidden review's report, copied (or hard-linked) into content/assets/ as
    x.pdf and linked from a public page, is published byte for byte. Here the report's text does
    not hold the title (a scanned report, say), so only its bytes betray it: the audit knows
    every hidden attachment and could compare digests."""
    public_review(project)
    secret_pdf = PDF + b"\n% kestrel scan\n"
    project.item("reviews/2026-kestrel/index.md", files={"kestrel-report.pdf": secret_pdf},
                 **review("scr", title=SECRET, report="kestrel-report.pdf", embargo={"reason": "trial"}))
    project.write("assets/x.pdf", secret_pdf)
    about(project, "[A document](assets/x.pdf)")
    refused(project, "leak")


# --- LEAKS by a hostile insider: text a reader sees that the audit does not read ------------

@pytest.mark.parametrize("markup", [
    '<a href="data:text/plain;base64,{b64}">notes</a>',
    '<img alt="" src="data:image/svg+xml;base64,{svg}">',
], ids=["link", "svg-image"])
def test_red_9_a_hidden_title_in_a_base64_data_uri_is_published(project: Project, markup):
    """LEAK, hostile. base64 in a data: URI is not decoded: the link opens a page that
    shows the title; the image draws it on the public page."""
    public_review(project)
    hidden_review(project)
    svg = f'<svg xmlns="http://www.w3.org/2000/svg"><text y="20">{SECRET}</text></svg>'
    about(project, markup.format(b64=base64.b64encode(SECRET.encode()).decode(),
                                 svg=base64.b64encode(svg.encode()).decode()))
    refused(project, "content/about.md: line 5: a data: address is not allowed")  # content HTML rule


@pytest.mark.parametrize("markup", [
    '<style>.k::after {{ content: "K\\65strel embargoed review"; }}</style><span class="k"></span>',
    '<style>.k::after {{ content: "Kestrel " "embargoed review"; }}</style><span class="k"></span>',
    '<iframe srcdoc="&lt;p&gt;Kestrel &amp;#101;mbargoed review&lt;/p&gt;"></iframe>',
    '<bdo dir="rtl">{reversed}</bdo>',
    '\u202e{reversed}\u202c',
], ids=["css-escape", "css-adjacent-strings", "iframe-srcdoc", "bdo", "rlo"])
def test_red_10_a_hidden_title_a_reader_sees_but_the_audit_does_not_read(project: Project, markup):
    """LEAK, hostile. Each renders the hidden title on a public page: a CSS hex escape,
    CSS adjacent strings, a double-encoded iframe srcdoc, and right-to-left overrides (<bdo>,
    U+202E) of the reversed title; the audit removes U+202E but reads the text in storage order."""
    public_review(project)
    hidden_review(project)
    about(project, markup.format(reversed=SECRET[::-1]))
    # the content HTML rule refuses <style>, <iframe> and <bdo> before the audit; U+202E is the audit's
    refused(project, "leak" if markup.startswith("\u202e") else "content/about.md: line 5: <")


# --- UNCLEAR MESSAGES --------------------------------------------------------------------------

def test_red_11_a_readme_in_content_is_refused_in_engine_words(project: Project):
    """UNCLEAR. content/README.md is a top-level page by the allow-list, but MkDocs drops
    it ("Excluding 'README.md' from the site because it conflicts with 'index.md'") and the build
    stops with "The site engine reported the warnings above": no content/README.md: <key>: line."""
    public_review(project)
    project.write("README.md", "# How we edit this site\n\nNotes for the comms team.\n")
    result = project.build(AS_OF)
    if result.returncode != 0:
        assert "content/README.md: " in result.output, result.output
        assert "site engine" not in result.output, result.output


def test_red_12_a_windows_style_link_to_a_hidden_item_is_published(project: Project):
    """LEAK, careless. A link written with backslashes, as Windows shows paths: browsers
    read `\\` as `/` in web addresses, so the public page links to the hidden guide's address
    learning/merlin/. Neither the link check nor the audit reads `learning\\merlin` as that URL;
    the bare slug is only a needle when it holds a digit or hyphen, so a one-word slug passes."""
    public_review(project)
    project.item("learning/merlin.md", **learning(title="Merlin draft guide", status="draft"))
    about(project, '<a href="..\\learning\\merlin\\">Coming soon</a>')
    refused(project, "learning/merlin")
