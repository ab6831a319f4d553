"""Public attachments are checked before publication: redactions that hold, no hidden history,
no metadata that names anyone; `make clean-attachment` writes a cleaned copy."""
from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pikepdf
import pytest

import attachment_fixtures as fx
import clean_attachment
from helpers import REPO, Project, review
from lscp_kit.checks import Attachment, check_attachments, findings
from lscp_kit.checks.clean import Refused, clean, cleaned_name
from lscp_kit.checks.inspect import facts

PAGE = "reviews/2026-child-n"


def check(data: bytes, name: str = "report.pdf", needles=(), **kw):
    return check_attachments([Attachment(f"{PAGE}/{name}", PAGE, "Child N", data, **kw)], needles)


def only_error(data: bytes, name: str = "report.pdf", **kw) -> str:
    found = check(data, name, **kw)
    assert len(found.errors) >= 1, found
    assert all(p.path == f"content/{PAGE}/{name}" and p.key == "attachment" for p in found.errors)
    return "\n".join(p.message for p in found.errors)


# --- Redactions that do not hold --------------------------------------------------------------

def test_text_under_a_black_box_is_a_redaction_that_does_not_hold():
    message = only_error(fx.boxed_pdf())
    assert "published on reviews/2026-child-n/" in message
    assert "text under a dark box" in message and "«Jane Smith»" in message and "page 1" in message
    assert "Redact again with a real redaction tool" in message and "select and copy" in message


@pytest.mark.parametrize("maker, what", [(fx.white_pdf, "white text on a white page"),
                                         (fx.invisible_pdf, "invisible text (render mode 3)"),
                                         (fx.tiny_pdf, "text smaller than 1 pt"),
                                         (fx.offpage_pdf, "text outside the page")])
def test_text_a_reader_cannot_see_is_refused(maker, what):
    message = only_error(maker())
    assert what in message and "Jane Smith lives here" in message


def test_a_redaction_annotation_never_applied_is_refused():
    assert "a /Redact annotation" in only_error(fx.redact_annotation_pdf())


def test_white_heading_on_a_dark_banner_drawn_first_is_ordinary_text():
    found = check(fx.dark_banner_pdf())
    assert found.errors == [] and found.accessibility == []


# --- Hidden history ---------------------------------------------------------------------------

def test_an_incremental_update_that_removed_a_sentence_is_refused():
    data = fx.incremental_pdf(["First line.", "The mother Jane Smith spoke."], ["First line.", "The mother spoke."])
    message = only_error(data)
    assert "earlier revision" in message and "jane smith" in message and "make clean-attachment" in message


def test_an_incremental_update_that_only_added_text_is_not_history_to_hide():
    assert check(fx.incremental_pdf(["First line."], ["First line.", "A second line."])).errors == []


@pytest.mark.parametrize("maker, what", [(fx.javascript_pdf, "JavaScript"), (fx.embedded_file_pdf, "embedded files")])
def test_javascript_and_embedded_files_are_refused(maker, what):
    assert f"{what} inside the PDF" in only_error(maker())


def test_a_word_comment_and_a_tracked_deletion_are_refused():
    message = only_error(fx.tracked_docx(), "report.docx")
    assert "tracked deletions" in message and "«Jane Smith»" in message
    assert "comments" in message and "Check with the mother first" in message


def test_hidden_word_text_is_refused():
    body = '<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>Jane Smith</w:t></w:r></w:p>'
    assert "hidden text: «Jane Smith»" in only_error(fx.docx(body), "report.docx")


def test_a_photo_with_its_gps_position_is_refused_and_its_artist_listed():
    found = check(fx.jpeg(gps=True, artist="Jane Smith"), "photo.jpg")
    assert "GPS position" in found.errors[0].message
    assert "Artist 'Jane Smith'" in found.warnings[0]


# --- Metadata ---------------------------------------------------------------------------------

def test_metadata_naming_a_person_is_listed_as_a_warning():
    found = check(fx.text_pdf(["The panel met."], info={"Author": "Jane Smith"}), title="A review")
    assert found.errors == []
    assert found.warnings == [f"content/{PAGE}/report.pdf: published on {PAGE}/: its metadata lists "
                              f"Author 'Jane Smith': run `make clean-attachment FILE=content/{PAGE}/report.pdf` "
                              "for a copy without it"]


def test_metadata_naming_another_pseudonym_is_refused():
    message = only_error(fx.text_pdf(["The panel met."], title="SPR – Child Q – final v3"))
    assert "'SPR – Child Q – final v3'" in message and "this page is about 'Child N'" in message


def test_metadata_naming_a_hidden_item_is_refused():
    data = fx.docx(core="<dc:title>Kestrel review draft</dc:title>")
    message = only_error(data, "report.docx", needles=["Kestrel review"])
    assert "names 'Kestrel review', which is not public" in message


def test_audio_tags_naming_another_pseudonym_are_refused():
    assert "'Child Q'" in only_error(fx.mp3(title="Child Q interview"), "episode.mp3")


def test_a_title_that_is_the_pages_own_is_not_listed():
    found = check(fx.text_pdf(["The panel met."], title="Child N review"), title="Child N review")
    assert found.errors == [] and found.warnings == []


# --- Accessibility ----------------------------------------------------------------------------

def test_an_untagged_untitled_scan_without_a_language_is_listed_as_not_accessible():
    data = fx.pdf([b"0.5 g 0 0 612 792 re f\n"], title=None, lang=None, tagged=False)
    [note] = check(data).accessibility
    assert note.path == f"content/{PAGE}/report.pdf" and note.page == PAGE
    text = str(note)
    assert "not tagged" in text and "no document title" in text and "language" in text and "no text layer" in text


# --- The cache --------------------------------------------------------------------------------

def test_facts_are_cached_by_digest_and_reused(tmp_path, monkeypatch):
    item = Attachment(f"{PAGE}/report.pdf", PAGE, "Child N", fx.boxed_pdf())
    first = check_attachments([item], cache_dir=tmp_path)
    assert len(list(tmp_path.glob("*.pdf.json"))) == 1
    monkeypatch.setattr(findings, "facts", lambda *a: pytest.fail("read again though cached"))
    assert check_attachments([item], cache_dir=tmp_path).errors == first.errors


# --- Cleaning ---------------------------------------------------------------------------------

CLEANABLE = {
    "revised.pdf": lambda: fx.incremental_pdf(["The mother Jane Smith spoke."], ["The mother spoke."]),
    "script.pdf": fx.javascript_pdf,
    "attached.pdf": fx.embedded_file_pdf,
    "named.pdf": lambda: fx.text_pdf(["The panel met."], title="Child Q v3", info={"Author": "Jane Smith"}),
    "tracked.docx": fx.tracked_docx,
    "photo.jpg": lambda: fx.jpeg(gps=True, artist="Jane Smith"),
    "episode.mp3": lambda: fx.mp3(title="Child Q", artist="Jane Smith"),
}


@pytest.mark.parametrize("name", sorted(CLEANABLE))
def test_a_cleaned_copy_passes_the_history_and_metadata_checks(name):
    data = CLEANABLE[name]()
    assert check(data, name).errors
    cleaned = clean(name, data, title="Child N review")
    found = check(cleaned, name, title="Child N review")
    assert found.errors == [] and found.warnings == []


def test_a_cleaned_pdf_keeps_the_pages_title_and_no_earlier_revision():
    cleaned = clean("r.pdf", fx.incremental_pdf(["Jane Smith spoke."], ["Someone spoke."]), title="Child N review")
    assert cleaned.count(b"%%EOF") == 1
    with pikepdf.open(io.BytesIO(cleaned)) as pdf:
        assert dict(pdf.docinfo) == {"/Title": "Child N review"} and "/Metadata" not in pdf.Root


def test_a_cleaned_word_file_accepts_changes_and_drops_comments():
    with zipfile.ZipFile(io.BytesIO(clean("r.docx", fx.tracked_docx()))) as archive:
        assert "word/comments.xml" not in archive.namelist()
        assert b"Jane Smith" not in archive.read("word/document.xml")
        assert b"told the panel" in archive.read("word/document.xml")


def test_clean_never_claims_to_fix_a_redaction():
    with pytest.raises(Refused, match="Redact again with a real redaction tool.*can still be selected and copied"):
        clean("report.pdf", fx.boxed_pdf())


def test_cleaned_name_is_beside_the_original():
    assert cleaned_name("content/reviews/x/report.pdf") == "content/reviews/x/report.clean.pdf"


# --- Real builds ------------------------------------------------------------------------------

BAD = {"boxed.pdf": fx.boxed_pdf(),
       "revised.pdf": fx.incremental_pdf(["The mother Jane Smith spoke."], ["The mother spoke."]),
       "notes.docx": fx.tracked_docx(),
       "photo.jpg": fx.jpeg(gps=True),
       "named.pdf": fx.text_pdf(["The panel met."], title="SPR – Child Q – final v3", info={"Author": "Jane Smith"})}


def _clean_script(project: Project, rel: str, capsys, monkeypatch) -> tuple[int, str, str]:
    """`make clean-attachment FILE=content/<rel>` run in the project (in this process: faster)."""
    monkeypatch.chdir(project.root)
    code = clean_attachment.main([f"content/{rel}", "--project", str(project.root)])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(scope="module")
def refused(tmp_path_factory):
    project = Project(tmp_path_factory.mktemp("att") / "p")
    project.item(f"{PAGE}/index.md", body="A public review.\n", files=BAD,
                 **review("lcspr", title="Child N review", child="Child N", report="revised.pdf"))
    project.item("reviews/2026-child-q/index.md", body="Not yet.\n",
                 **dict(review("lcspr", title="Child Q review", child="Child Q"), status="draft"))
    return project, project.build()


def test_a_build_with_unsafe_attachments_is_refused_naming_each(refused):
    project, result = refused
    out = result.output
    assert result.returncode != 0 and not project.site.exists()
    assert f"content/{PAGE}/boxed.pdf: attachment: published on {PAGE}/: a redaction that does not hold" in out
    assert f"content/{PAGE}/revised.pdf: attachment: published on {PAGE}/: hidden content: an earlier revision" in out
    assert f"content/{PAGE}/notes.docx: attachment:" in out and "tracked deletions" in out and "comments" in out
    assert f"content/{PAGE}/photo.jpg: attachment:" in out and "GPS position" in out
    assert f"content/{PAGE}/named.pdf: attachment:" in out and "'SPR – Child Q – final v3'" in out
    assert "Traceback" not in out


def test_cleaned_copies_build_without_a_word(refused, capsys, monkeypatch):
    project, _ = refused
    folder = project.root / "content" / PAGE
    for name in ("revised.pdf", "notes.docx", "photo.jpg", "named.pdf"):
        code, out, err = _clean_script(project, f"{PAGE}/{name}", capsys, monkeypatch)
        assert code == 0, err
        assert "Wrote" in out and "mv " in out
        cleaned = folder / cleaned_name(name)
        cleaned.replace(folder / name)
    code, out, err = _clean_script(project, f"{PAGE}/boxed.pdf", capsys, monkeypatch)
    assert code == 1 and "Redact again with a real redaction tool" in err
    assert not (folder / "boxed.clean.pdf").exists()
    (folder / "boxed.pdf").write_bytes(fx.text_pdf(["The mother told the panel."], title="Child N review"))
    result = project.build()
    assert result.returncode == 0, result.output
    assert "attachment:" not in result.output and "its metadata" not in result.output
    assert "Warning: content/" not in result.output, result.output
    assert (project.site / PAGE / "photo.jpg").exists()
    assert list((project.root / ".staging/attachment-checks").glob("*.json"))


def test_make_report_lists_attachment_findings(refused):
    project, _ = refused
    (project.root / "content" / PAGE / "boxed.pdf").write_bytes(fx.boxed_pdf())
    (project.root / "content" / PAGE / "meta.pdf").write_bytes(fx.text_pdf(["x"], info={"Author": "Jane Smith"}))
    done = subprocess.run([sys.executable, str(REPO / "scripts/report.py"), "--as-of", "2026-06-01", "--project",
                           str(project.root)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert f"content/{PAGE}/boxed.pdf: attachment:" in done.stdout.replace("\n    ", " ")
    assert "Author 'Jane Smith'" in done.stderr


def test_a_preview_does_not_warn_that_a_hidden_reviews_own_report_names_itself(project):
    """In a preview every item is shown: an embargoed review's report titled with its own
    pseudonym is its own business, not a hidden item named in another file; another hidden
    review's pseudonym in it still is."""
    from attachment_fixtures import text_pdf as fixture_pdf
    from helpers import review as front

    project.item("reviews/2026-q/index.md", files={"report.pdf": fixture_pdf(["Findings."], title="Review of Child Q")},
                 **front("scr", title="Child Q review", child="Child Q", report="report.pdf",
                         embargo={"reason": "trial"}))
    project.item("reviews/2026-z/index.md", files={"z.pdf": fixture_pdf(["Notes."], title="Child Q notes")},
                 **front("scr", title="Child Z review", child="Child Z", report="z.pdf", embargo={"reason": "trial"}))
    result = project.build("2026-06-01", SITE_PREVIEW="1")
    assert result.returncode == 0, result.output
    own = [line for line in result.output.splitlines() if "reviews/2026-q/report.pdf" in line and "not public" in line]
    assert own == []
    assert any("reviews/2026-z/z.pdf" in line and "'Child Q'" in line for line in result.output.splitlines())
