"""The readers read every published file completely, as the public's software shows it, or refuse
it saying how to fix it: PDFs (PDFium and pypdf), legacy Office and Outlook files, e-mail,
NUL-padded text, archives within a size budget."""
from __future__ import annotations

import base64
import gzip
import io
from email.message import EmailMessage

import pytest

from helpers import EXAMPLE, Project, review, tar_bytes
from ole_fixture import ole_file
from pdf_fixture import annotate, attach_by_annotation, encrypted, lying_cmap, pdf, text_pdf, to_bytes
from test_audit import _zip  # writes str or bytes members
from lscp_kit.audit.readers import base, read
from lscp_kit.audit import Auditor
from lscp_kit.rules.items import Item

CHILD = Item(id="reviews/2026-child-k", source="s", path="p", section="reviews", title="Zoë’s story: Child K review",
             status="draft", type="lcspr", child="Child K")
REPORT = pdf("Report on Child K\nwhat happened", "Second page")
CLEAN = pdf("Nothing to see here", "Second page")


def whats(name: str, data: bytes) -> set[str]:
    return {leak.what for leak in Auditor([CHILD]).scan_file(name, data)}


def refusal(name: str, data: bytes) -> str:
    """The one reason the readers refuse `data` (fails when they read it)."""
    found = read(name, data).unreadable
    assert len(found) == 1, found
    return found[0]


# 1. Unreadable means refused ----------------------------------------------------------------

@pytest.mark.parametrize("cut", [
    lambda d: d[:-7],  # no %%EOF
    lambda d: d[: d.rfind(b"startxref")],  # cut before startxref
    lambda d: d[: d.find(b"stream") + 30],  # cut in the middle of a stream
    lambda d: d[: d.find(b"stream") + 30] + b"\nstartxref\n9\n%%EOF\n",  # cut, then an end glued on
    lambda d: d[: d.find(b"stream") + 20] + d[d.find(b"stream") + 40:],  # bytes lost: offsets wrong
])
def test_a_truncated_or_damaged_pdf_is_refused_saying_re_export_it(cut):
    why = refusal("report.pdf", cut(REPORT))
    assert "re-export the PDF" in why
    assert whats("report.pdf", cut(CLEAN)) == {"unreadable archive"}


def test_a_pdf_with_a_user_password_is_refused_saying_remove_the_password():
    for algorithm in ("RC4-128", "AES-256"):
        assert "remove the password" in refusal("locked.pdf", encrypted(CLEAN, "open-sesame", "owner", algorithm))


@pytest.mark.parametrize("algorithm", ["RC4-40", "RC4-128", "AES-128", "AES-256"])
def test_a_pdf_with_an_owner_password_only_is_read_as_every_viewer_opens_it(algorithm):
    data = encrypted(REPORT, "", "owner-secret", algorithm)
    assert b"Child" not in data
    assert whats("report.pdf", data) == {"child pseudonym"}
    assert whats("report.pdf", encrypted(CLEAN, "", "owner-secret", algorithm)) == set()


@pytest.mark.parametrize("name, data", [
    ("broken.zip", b"PK\x03\x04 not really a zip"),
    ("cut.zip", _zip({"a.txt": b"Minutes " * 5000})[:-40]),
    ("broken.tar", b"not a tar"),
    ("cut.tar", tar_bytes({"a.txt": b"Minutes " * 5000})[:3000]),
    ("cut.gz", gzip.compress(b"Minutes " * 5000)[:-30]),
    ("x.gz", b"\x1f\x8b\x08\x00 truncated"),
], ids=lambda value: value if isinstance(value, str) else "")
def test_an_archive_that_fails_is_refused(name, data):
    assert refusal(name, data)


def test_a_file_unpacking_past_the_limit_is_refused_as_a_whole(monkeypatch):
    monkeypatch.setattr(base, "MAX_UNPACKED", 1 << 20)
    why = refusal("big.gz", gzip.compress(b"\x00" * (2 << 20)))
    assert "the archive is larger than the limit" in why and why.startswith("unpacks to more than 1 MB")
    many = _zip({f"part-{i}.txt": b"x" * 600_000 for i in range(3)})
    assert "larger than the limit" in refusal("parts.zip", many)
    writer = text_pdf(["A report"])
    writer.add_attachment("figures.bin", b"\x00" * (2 << 20))  # an attachment past the limit
    assert "larger than the limit" in refusal("report.pdf", to_bytes(writer))
    assert read("small.gz", gzip.compress(b"\x00" * 1000)).unreadable == []


def test_nesting_is_bounded_by_size_not_depth_and_a_tower_is_refused():
    deep = b"Child K"
    for _ in range(10):
        deep = gzip.compress(deep)
    assert whats("deep.gz", deep) == {"child pseudonym"}  # ten layers deep: read
    for _ in range(60):
        deep = gzip.compress(deep)
    assert "nested more than" in refusal("tower.gz", deep)
    nested = pdf("Child K")
    for level in range(5):
        writer = text_pdf([f"Level {level}"])
        writer.add_attachment(f"level-{level}.pdf", nested)
        nested = to_bytes(writer)
    assert whats("outer.pdf", nested) == {"child pseudonym"}


def test_a_refused_part_inside_a_file_is_named():
    outer = _zip({"docs/report.pdf": REPORT[:-7], "docs/fine.txt": b"fine"})
    assert refusal("bundle.zip", outer).startswith("docs/report.pdf: the PDF is incomplete")


@pytest.mark.parametrize("name, data, fix", [
    ("broken.pdf", b"%PDF-1.4\n garbage reviews/2026-child-k garbage", "re-export the PDF"),
    ("x.docx", b"PK\x03\x04 not a zip 2026-child-k", "as a .zip"),
    ("x.mp3", b"ID3\x04 broken tag Child K", "export the audio file again"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(1, 200)) + "Child K".encode("utf-16-le"), "save it again"),
    ("bundle.zip", _zip({"docs/reports.7z": b"7z\xbc\xaf\x27\x1c packed"}), "docs/reports.7z: a 7z archive"),
], ids=lambda value: value if isinstance(value, str) and "." in value and len(value) < 20 else "")
def test_a_malformed_file_of_a_known_kind_is_refused_never_read_as_raw_bytes_only(name, data, fix):
    assert fix in refusal(name, data)
    assert "unreadable archive" in whats(name, data)


# 2. PDFs read as Chrome reads them ----------------------------------------------------------

@pytest.mark.parametrize("subtype", ["/FreeText", "/Stamp"])
def test_an_annotations_appearance_is_read(subtype):
    data = to_bytes(annotate(text_pdf(["Nothing here"]), subtype, "Zoe's notes on Child K"))
    assert b"Child" not in data  # only the compressed appearance stream holds the words
    assert whats("report.pdf", data) == {"child pseudonym"}
    assert whats("report.pdf", to_bytes(annotate(text_pdf(["Nothing here"]), subtype, "Approved"))) == set()


@pytest.mark.parametrize("subtype", ["/Type1", "/TrueType"])
def test_a_font_whose_tounicode_map_lies_is_read_by_its_glyphs(subtype):
    data = to_bytes(text_pdf(["Report on Child K"], to_unicode=lying_cmap(), subtype=subtype))
    readings = read("report.pdf", data)
    assert any("xxxxxx" in text for text in readings.text)  # what copying the text gives
    assert whats("report.pdf", data) == {"child pseudonym"}  # what the page shows


def test_embedded_files_are_read_at_any_depth():
    inner = to_bytes(attach_by_annotation(text_pdf(["Inner"]), "notes.txt", b"Notes on Child K"))
    writer = text_pdf(["Outer"])
    writer.add_attachment("inner.pdf", inner)  # a document attachment holding an annotation's file
    assert whats("outer.pdf", to_bytes(writer)) == {"child pseudonym"}
    assert whats("a.pdf", to_bytes(attach_by_annotation(text_pdf(["x"]), "n.txt", base64.b64decode(
        base64.b64encode(gzip.compress(b"reviews/2026-child-k")))))) == {"URL"}


def test_every_page_is_read_by_pdfium():
    data = pdf(*(["Ordinary text"] * 23 + ["Last page: Child K"]))
    assert whats("long.pdf", data) == {"child pseudonym"}
    assert sum("Ordinary text" in text for text in read("long.pdf", data).text) >= 23


# 3. Legacy Office and Outlook files ----------------------------------------------------------

def _word(text: bytes) -> bytes:
    """A Word 97-2003 file whose text straddles the file's 512-byte sectors."""
    return ole_file({"WordDocument": b"\xec\xa5" + b"\x00" * 500 + text, "1Table": b"\x00" * 64,
                     "\x05SummaryInformation": b"\x00" * 64})


@pytest.mark.parametrize("text", ["Report on Child K".encode("utf-16-le"), "Report on Child K".encode("cp1252")],
                         ids=["utf-16", "cp1252"])
def test_a_word_97_file_is_read_stream_by_stream(text):
    data = _word(text)
    assert text not in data  # split by the sectors: raw bytes alone miss it
    assert whats("old-report.doc", data) == {"child pseudonym"}
    assert whats("old-report.doc", _word("Nothing".encode("utf-16-le"))) == set()


def test_an_excel_97_workbook_is_read_as_excel_shows_it():
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Reviews")
    sheet.write(0, 0, "Zoë’s story: Child K review")
    sheet.write(1, 0, "reviews/2026-child-k")
    out = io.BytesIO()
    book.save(out)
    assert whats("data.xls", out.getvalue()) >= {"title", "URL"}
    book = xlwt.Workbook()
    book.add_sheet("Other").write(0, 0, "Nothing")
    out = io.BytesIO()
    book.save(out)
    assert whats("data.xls", out.getvalue()) == set()


def test_a_powerpoint_97_file_is_read():
    data = ole_file({"PowerPoint Document": b"\x00" * 510 + "Child K".encode("utf-16-le"), "Current User": b"x"})
    assert whats("slides.ppt", data) == {"child pseudonym"}


def test_an_outlook_message_and_its_attachments_are_read():
    attachment = "__attach_version1.0_#00000000/"
    msg = ole_file({"__substg1.0_0037001F": "Minutes".encode("utf-16-le"),
                    attachment + "__substg1.0_3707001F": "report.pdf".encode("utf-16-le"),
                    attachment + "__substg1.0_37010102": REPORT})
    assert whats("mail.msg", msg) == {"child pseudonym"}
    subject = ole_file({"__substg1.0_0037001F": "About Child K".encode("utf-16-le")})
    assert whats("mail.msg", subject) == {"child pseudonym"}


def test_a_password_protected_or_damaged_office_file_is_refused():
    assert "remove the password" in refusal("a.docx", ole_file({"EncryptionInfo": b"x", "EncryptedPackage": b"y"}))
    flagged = ole_file({"WordDocument": b"\xec\xa5" + b"\x00" * 8 + b"\x00\x01" + b"\x00" * 100})
    assert "remove the password" in refusal("a.doc", flagged)
    assert "save it again" in refusal("a.doc", _word(b"Child K")[:1500])


# 4. E-mail ----------------------------------------------------------------------------------

def _mail(subject: str, body: str, cte: str = "base64", attachment: tuple[str, bytes] | None = None) -> bytes:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "a@example.org", "b@example.org", subject
    message.set_content(body, charset="iso-8859-1" if cte == "quoted-printable" else "utf-8", cte=cte)
    if attachment:
        message.add_attachment(attachment[1], maintype="application", subtype="octet-stream",
                               filename=attachment[0])
    return bytes(message)


@pytest.mark.parametrize("cte", ["base64", "quoted-printable"])
def test_an_email_is_read_as_a_mail_program_shows_it(cte):
    data = _mail("Minutes", "Zoë's notes on Child\u00a0K", cte)  # quoted-printable: Child=A0K
    assert b"Child K" not in data
    assert whats("notes.eml", data) == {"child pseudonym"}
    assert whats("notes", data) == {"child pseudonym"}  # known by its headers, whatever its name
    assert whats("notes.eml", _mail("Minutes", "Nothing here", cte)) == set()


def test_an_emails_encoded_headers_and_attachments_are_read():
    subject = "=?utf-8?b?" + base64.b64encode("Zoë’s story: Child K review".encode()).decode() + "?="
    assert "title" in whats("m.eml", _mail(subject, "Hello"))
    assert whats("m.eml", _mail("Hi", "Hello", attachment=("report.pdf", REPORT))) == {"child pseudonym"}
    zipped = _zip({"report.pdf": REPORT})
    assert whats("m.eml", _mail("Hi", "Hello", attachment=("all.zip", zipped))) == {"child pseudonym"}


# 5. NUL bytes -------------------------------------------------------------------------------

@pytest.mark.parametrize("data", [
    b"<html><p>C\x00h\x00i\x00l\x00d K</p></html>",  # not UTF-16: NULs between letters
    b"<p>\x00C\x00\x00h\x00i\x00l\x00d\x00 \x00K\x00</p>",
    "<p>Zoë C\x00hild\x00 K</p>".encode("cp1252"),  # 8-bit, with NULs
], ids=["between-letters", "utf-16-like-misaligned", "cp1252"])
def test_text_padded_with_nul_bytes_is_read_as_browsers_show_it(data):
    assert whats("page.html", data) == {"child pseudonym"}
    assert whats("notes.txt", data) == {"child pseudonym"}


# Real builds --------------------------------------------------------------------------------

AS_OF = "2026-06-01"
LAST_LINE = "Nothing was published: the previous site/ is unchanged."


def _hidden(project: Project) -> None:
    project.item("reviews/2026-kestrel/index.md", **review("scr", title="Kestrel embargoed review",
                                                           child="Child K", embargo={"reason": "trial"}))


def test_a_build_publishing_files_it_cannot_read_completely_stops_naming_each_and_how_to_fix_it(tmp_path):
    project = Project(tmp_path)
    _hidden(project)
    locked = encrypted(CLEAN, "open-sesame", "owner", "AES-128")
    big = b"figures"
    for _ in range(70):  # nested past the limit (a zip bomb's shape, without its cost here)
        big = gzip.compress(big)
    project.item("reviews/2026-good/index.md", files={"good-report.pdf": CLEAN[:-7], "locked.pdf": locked,
                                                      "minutes.zip": b"PK\x03\x04 broken", "figures.gz": big},
                 **review("scr", title="Good review", report="good-report.pdf",
                          briefing="locked.pdf"), body="[Minutes](minutes.zip) [Figures](figures.gz)\n")
    result = project.build(AS_OF)
    assert result.returncode != 0, result.output
    lines = result.output.splitlines()
    for name, fix in (("good-report.pdf", "re-export the PDF"), ("locked.pdf", "remove the password"),
                      ("minutes.zip", "could not be read"), ("figures.gz", "larger than the limit")):
        assert any(f"reviews/2026-good/{name}: cannot be read completely" in line and fix in line for line in lines), (name, result.output)
    assert "raw bytes" not in result.output and "Traceback" not in result.output
    assert lines[-1] == LAST_LINE


def test_a_build_reads_owner_password_pdfs_office_mail_and_nul_padded_pages(tmp_path):
    project = Project(tmp_path)
    _hidden(project)
    files = {"report.pdf": encrypted(CLEAN, "", "owner", "AES-256"), "old.doc": _word(b"Nothing hidden"),
             "note.eml": _mail("Minutes", "Nothing hidden")}
    project.item("reviews/2026-good/index.md", files=files, **review("scr", title="Good review", report="report.pdf"),
                 body="[Old](old.doc) [Note](note.eml)\n")
    result = project.build(AS_OF)
    assert result.returncode == 0, result.output
    assert "could not be read" not in result.output
    leaky = {"report.pdf": encrypted(REPORT, "", "owner", "AES-256"), "old.doc": _word(b"About Child K"),
             "note.eml": _mail("Minutes", "About Child K"), "page.html": b"<p>Chi\x00ld\x00 K</p>"}
    project.item("reviews/2026-good/index.md", files=leaky, **review("scr", title="Good review", report="report.pdf"),
                 body="[Old](old.doc) [Note](note.eml) [Page](page.html)\n")
    result = project.build(AS_OF)
    assert result.returncode != 0
    for name in ("report.pdf", "old.doc", "note.eml", "page.html"):
        assert f"site/reviews/2026-good/{name}: leak: contains the child pseudonym" in result.output, result.output


def test_the_example_contents_pdfs_are_real_documents_read_completely():
    paths = sorted(EXAMPLE.glob("content/**/*.pdf"))
    assert len(paths) >= 9
    for path in paths:
        readings = read(path.name, path.read_bytes())
        assert readings.unreadable == [] and readings.problems == [], path
        assert sum("Page " in text and " of 3" in text for text in readings.text) >= 3, path


def test_an_unreadable_file_is_refused_even_when_nothing_is_hidden(project: Project):
    """Unreadable means refused, whatever else the site holds: with no hidden item at all, a
    truncated report still stops the build, in plain words, naming the file and the fix."""
    from helpers import PDF

    project.item("reviews/2026-open/index.md", files={"report.pdf": PDF[: len(PDF) // 2]},
                 **review("scr", title="Open review", report="report.pdf"))
    result = project.build("2026-06-01")
    assert result.returncode == 1, result.output
    assert "site/reviews/2026-open/report.pdf: cannot be read completely" in result.output
    assert "re-export" in result.output.lower() and "leak audit found" not in result.output


@pytest.mark.parametrize("name", ["minutes.rtf", "slides.pptm", "report.docm", "chart.gif", "scan.tiff",
                                  "book.epub", "photo.heic"])
def test_a_kind_of_file_the_kit_does_not_read_is_refused_saying_what_to_publish_instead(name):
    found = read(name, b"{\\rtf1 Chi\\'6cd R}" if name.endswith(".rtf") else b"PK\x03\x04 or anything")
    assert len(found.unreadable) == 1 and "PDF" in found.unreadable[0], found.unreadable


def test_a_file_the_kit_does_not_read_inside_an_archive_refuses_the_archive():
    found = read("pack.zip", _zip({"notes/minutes.rtf": "{\\rtf1 Child R}", "ok.txt": "fine"}))
    assert any("minutes.rtf" in why and ".rtf" in why for why in found.unreadable), found.unreadable


def test_a_subtitle_file_is_read_as_running_text_across_its_cues():
    vtt = ("WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.000\nThe review found that the health\n\n"
           "2\n00:00:03.000 --> 00:00:05.000\n<v Chair>visitor was not told of the move.\n")
    found = read("episode.vtt", vtt.encode())
    assert any("The review found that the health visitor was not told of the move." in t
               for t in found.text + found.markup)


def test_a_build_publishing_an_rtf_or_a_macro_document_stops(project: Project):
    project.item("learning/guides/g/index.md", files={"notes.rtf": b"{\\rtf1 notes}", "form.docm": b"PK\x03\x04"},
                 title="A guide", status="published", type="briefing", date="2026-02-02", summary="Practical learning.")
    result = project.build("2026-06-01")
    assert result.returncode == 1
    assert "learning/guides/g/notes.rtf: cannot be read completely" in result.output
    assert "learning/guides/g/form.docm: cannot be read completely" in result.output and "macros" in result.output
