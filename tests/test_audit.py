"""The leak audit finds a hidden item's URL, slug, title, file names and pseudonym the way a
reader would, inside PDF, Office, OpenDocument, audio, gzip and UTF-16/32 files, and in paths."""
import codecs
import gzip
import io
import shutil
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from helpers import COVER, EXAMPLE, PDF, tar_bytes
from lscp_kit.audit import Auditor, audit_site, normalise
from lscp_kit.audit.scan import theme_identical
from lscp_kit.rules.items import Item
from lscp_kit.audit.readers import TextCache, read

MP3 = EXAMPLE / "content/learning/podcasts/professional-curiosity/professional-curiosity.mp3"
HIDDEN = Item(id="reviews/2025-child-p", source="reviews/2025-child-p/index.md", path="p", section="reviews",
              title="Child P: a review of 'physical' abuse & neglect", status="published", type="lcspr",
              files=("reviews/2025-child-p/child-p-report.pdf", "reviews/2025-child-p/report.pdf"))
ZOE = Item(id="reviews/2026-child-k", source="s", path="p", section="reviews", title="Zoë’s story: Child K review",
           status="draft", type="lcspr", child="Child K")
PUBLIC = Item(id="reviews/2020-baby-r", source="s", path="p", section="reviews", title="Baby R", status="published",
              type="lcspr", child="Baby R", files=("reviews/2020-baby-r/report.pdf",))


def whats(text: str, name: str = "f.html", hidden=(HIDDEN,), public=()) -> set[str]:
    return {leak.what for leak in Auditor(hidden, public).scan_file(name, text.encode("utf-8"))}


def file_whats(name: str, data: bytes, hidden=(ZOE,), public=()) -> set[str]:
    return {leak.what for leak in Auditor(hidden, public).scan_file(name, data)}


# Text as a reader sees it ------------------------------------------------------------------

def test_title_in_html_json_and_with_other_case_and_line_breaks():
    assert whats("<p>child p: a review of &#39;physical&#39; abuse &amp;\n neglect</p>") == {"title"}
    assert whats('{"title": "Child P: a review of \'physical\' abuse & neglect"}', "f.json") == {"title"}
    assert whats("CHILD P: A REVIEW OF &#x27;PHYSICAL&#x27; ABUSE &AMP; NEGLECT") == {"title"}


@pytest.mark.parametrize("text", [
    "Zoë’s&nbsp;story: Child K review", "Zoë’s&#160;story:&#xa0;Child K review", "Zoë’s\u00a0story: Child K review",
    "Zo\u200bë’s story: Child\u2060 K review", "Zoë’s sto\u00adry: Child K re&shy;view", "Zoë’s story: Ch\ufeffild K review",
    "Zoe\u0308’s story: Child K review", "ZOE\u0308’S STORY: Child K review",  # e + combining diaeresis
    "Zoë's story: Child K review", "Zoë&#8217;s story: Child K review", "Zoë&rsquo;s story: Child K review",
    "Zoë‛s story: Child K review", "<em>Zoë’s</em> story: <b>Child</b> K review", "Zo<span>ë</span>’s story: Child K review",
    "<p>Zoë’s story:</p>\n<p>Child K review</p>", "Zoë’s story:\n   Child K\r\n review", "ZOË’S STORY: CHILD K REVIEW",
    "Ｚｏë’s story: Child K review",  # full-width letters (NFKC)
    "Zo%C3%AB%E2%80%99s%20story%3A%20Child%20K%20review", '"Zo\\u00eb\\u2019s story: Child K review"',
])
def test_title_written_any_way_a_reader_would_still_read_it(text):
    assert "title" in whats(text, hidden=(ZOE,))


@pytest.mark.parametrize("text", ["Zoë’s story: Child K reviewer", "xZoë’s story: Child K review",
                                  "Zoe's story: Child K reviews", "Child knew", "the child k-9 unit", "child_k", "Child Kay"])
def test_no_false_alarm_on_ordinary_text(text):
    assert whats(text, hidden=(ZOE,)) <= {"child pseudonym"}  # "Child K" itself stands alone in some
    assert whats(text, hidden=(ZOE,)) == set() or "Child K " in text


def test_dashes_map_to_hyphens_both_ways():
    dash = Item(id="learning/briefings/x", source="s", path="p", section="learning", title="Neglect – a briefing",
                status="draft", type="briefing")
    assert whats("neglect - a briefing", hidden=(dash,)) == {"title"}
    assert whats("Neglect &mdash; a briefing", hidden=(dash,)) == {"title"}
    assert whats("Neglect \u2011 a briefing", hidden=(dash,)) == {"title"}


def test_json_values_are_read_as_a_reader_sees_them():
    index = '{"docs": [{"text": "<p>Zo\\u00eb\\u2019s <em>story</em>: Child K review</p>", "location": "x/"}]}'
    assert "title" in whats(index, "search/search_index.json", hidden=(ZOE,))
    assert "title" in whats('{"a": "Zo\\u00eb\\u2019s story: Child \\u004b review"', "broken.json", hidden=(ZOE,))


# Needles -----------------------------------------------------------------------------------

def test_url_forms():
    assert whats('<a href="/reviews/2025-child-p/">') == {"URL"}
    assert whats('<a href="../2025-child-p/index.html">') == {"URL"}  # the slug inside it is not counted twice
    assert whats("<loc>https://x.example/reviews/2025-child-p/</loc>") == {"URL"}
    assert whats("xreviews/2025-child-p") == {"slug"}  # the URL is glued to a letter, the slug is not


def test_bare_slug_only_when_it_has_a_hyphen_or_digit_and_no_public_item_shares_it():
    assert whats("see 2025-child-p for more") == {"slug"}
    assert whats("see 2025-CHILD-P.") == {"slug"}
    word = Item(id="learning/briefings/neglect", source="s", path="p", section="learning", title="A long title here",
                status="draft", type="briefing")
    assert whats("neglect is everywhere", hidden=(word,)) == set()
    twin = Item(id="learning/briefings/2025-child-p", source="s", path="p", section="learning", title="T",
                status="published", type="briefing")
    assert whats("see 2025-child-p for more", public=(twin,)) == set()


def test_attachment_names_unless_a_public_file_shares_the_name():
    assert whats("download child-p-report.pdf now") == {"attachment file name"}
    assert whats("report.pdf") == {"attachment file name"}
    assert whats("report.pdf", public=(PUBLIC,)) == set()


def test_child_pseudonym_unless_a_public_review_shares_it():
    assert whats("<p>What happened to Child K?</p>", hidden=(ZOE,)) == {"child pseudonym"}
    assert whats("<p>What happened to <b>Child</b>&nbsp;K?</p>", hidden=(ZOE,)) == {"child pseudonym"}
    same = Item(id="reviews/2019-child-k", source="s", path="p", section="reviews", title="An older review",
                status="published", type="scr", child="Child K")
    assert whats("<p>What happened to Child K?</p>", hidden=(ZOE,), public=(same,)) == set()
    learning = Item(id="learning/x/y", source="s", path="p", section="learning", title="A learning item",
                    status="draft", type="briefing", child=None)
    assert whats("Child K", hidden=(learning,)) == set()


def test_no_false_alarm_on_longer_names():
    assert whats("reviews/2025-child-pq/ and 2025-child-p-extra and a review of physical abuse") == set()


def test_no_hidden_items_means_nothing_to_find():
    assert Auditor([]).scan_file("f", b"anything") == []
    assert Auditor([]).scan_path("reviews/2025-child-p/index.html") == []


def test_binary_files_are_searched_for_strong_needles_only():
    auditor = Auditor([HIDDEN])
    assert auditor.scan("a.mp3", 'xx"p-/yy', binary=True) == []
    assert {l.what for l in auditor.scan("a.pdf", "reviews/2025-child-p", binary=True)} == {"URL"}
    assert {l.what for l in auditor.scan("a.html", '<a href="2025-child-p/index.html">')} == {"URL"}


def test_a_one_letter_slug_needs_its_slash():
    short = Item(id="learning/drafts/d", source="learning/drafts/d.md", path="p", section="learning",
                 title="A draft guide for practitioners", status="draft", type="briefing")
    auditor = Auditor([short])
    assert auditor.scan_file("a.js", b'var x = "d"; path d="M0"') == []
    assert auditor.scan_file("a.html", b'<a href="../d/">') != []
    assert auditor.scan_file("a.jpg", b'\x00\x01<a href="../d/">\xff\xfe') != []  # binary read as `strings` shows it


def test_a_shorter_needle_is_found_where_a_longer_one_is_glued_to_a_word():
    assert whats("Child K review of Zoë’s story: Child K reviewer", hidden=(ZOE,)) == {"child pseudonym"}


def test_leak_message():
    leak = Auditor([HIDDEN]).scan_file("reviews/index.html", b"2025-child-p")[0]
    assert str(leak) == ("site/reviews/index.html: leak: contains the slug of reviews/2025-child-p "
                         "('2025-child-p'), which is not public")


# Output paths ------------------------------------------------------------------------------

def test_output_paths_are_scanned():
    auditor = Auditor([ZOE])
    assert {l.what for l in auditor.scan_path("assets/2026-child-k-report.pdf")} == {"slug", "child pseudonym"}
    assert {l.what for l in auditor.scan_path("reviews/2026-child-k/index.html")} >= {"URL"}
    assert {l.what for l in auditor.scan_path("assets/Zoe's_story_Child_K_review.pdf")} == {"child pseudonym"}
    assert auditor.scan_path("assets/2026-child-kx.pdf") == []
    assert auditor.scan_path("reviews/2024-baby-r/baby-r-report.pdf") == []


# Inside files ------------------------------------------------------------------------------

@pytest.mark.parametrize("codec,bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
                                       ("utf-16-le", b""), ("utf-16-be", b""), ("utf-32-le", codecs.BOM_UTF32_LE),
                                       ("utf-32-be", codecs.BOM_UTF32_BE), ("utf-8", codecs.BOM_UTF8)])
def test_utf16_and_utf32_text_with_and_without_bom(codec, bom):
    data = bom + "<p>Notes on Zoë’s story: Child K review</p>".encode(codec)
    assert "title" in file_whats("notes.txt", data)
    assert "title" in file_whats("notes.html", data)


def test_eight_bit_text_files():
    assert "title" in file_whats("notes.txt", "Zoë\x92s story: Child K review".encode("latin-1"))
    assert "title" in file_whats("notes.csv", "Zoë’s story: Child K review".encode("cp1252"))


def test_gzip_is_decompressed():
    assert "title" in file_whats("sitemap.xml.gz", gzip.compress("<loc>Zoë’s story: Child K review</loc>".encode()))
    assert "URL" in file_whats("x.gz", gzip.compress(gzip.compress(b"reviews/2026-child-k")))


def _pdf(text: str, title: str | None = None, compress: bool = True) -> bytes:
    """A one-page PDF whose text is `text` (in a Flate-compressed content stream unless told)."""
    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject(
        {NameObject("/F1"): writer._add_object(font)})})
    stream = DecodedStreamObject()
    lines = "".join(f"({part}) Tj 0 -14 Td " for part in text.split("\n"))
    stream.set_data(f"BT /F1 12 Tf 72 720 Td {lines}ET".encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream.flate_encode() if compress else stream)
    if title:
        writer.add_metadata({"/Title": title})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_pdf_text_in_compressed_streams_and_metadata():
    data = _pdf("Report on Child\nK: what happened")
    assert b"Child" not in data  # compressed: raw bytes alone would miss it
    assert file_whats("report.pdf", data) == {"child pseudonym"}
    assert file_whats("report.pdf", _pdf("Nothing here", title="Zoë’s story: Child K review")) >= {"title"}
    assert file_whats("report.pdf", _pdf("reviews/2026-child-k", compress=False)) == {"URL"}
    assert file_whats("report.pdf", _pdf("Nothing to see")) == set()


def test_pdf_from_the_example_content():
    pdf = PDF
    child_l = Item(id="reviews/2021-child-l", source="s", path="p", section="reviews", title="Something else",
                   status="draft", type="lcspr", child="Child L")
    assert file_whats("x.pdf", pdf, hidden=(child_l,)) == {"child pseudonym"}


def _zip(members: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return out.getvalue()


def test_office_and_opendocument_files():
    docx = _zip({"[Content_Types].xml": "<Types/>", "word/document.xml":
                 '<w:document><w:body><w:p><w:r><w:t>Zoë’s story: Chi</w:t></w:r><w:r><w:t xml:space="preserve">'
                 "ld K review</w:t></w:r></w:p></w:body></w:document>"})
    assert file_whats("notes.docx", docx) >= {"title"}
    xlsx = _zip({"xl/sharedStrings.xml": "<sst><si><t>Child</t></si><si><t>K</t></si></sst>",
                 "xl/worksheets/sheet1.xml": "<worksheet/>"})
    assert file_whats("data.xlsx", xlsx) == {"child pseudonym"}
    odt = _zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml":
                "<office:text><text:p>See <text:span>reviews/2026-child-k</text:span></text:p></office:text>",
                "meta.xml": "<meta><dc:title>Zo&#235;&#8217;s story: Child K review</dc:title></meta>"})
    assert file_whats("notes.odt", odt) >= {"URL", "title"}
    assert file_whats("plain.docx", _zip({"word/document.xml": "<w:t>Nothing</w:t>"})) == set()


def test_zip_member_names_and_nested_files():
    assert file_whats("bundle.zip", _zip({"2026-child-k/report.txt": "x"})) == {"slug"}
    inner = _zip({"word/document.xml": "<w:t>Child K</w:t>"})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("inner.docx", inner)
    assert file_whats("outer.zip", out.getvalue()) == {"child pseudonym"}


def test_mp3_id3_tags(tmp_path):
    from mutagen.id3 import COMM, ID3, TIT2

    path = tmp_path / "episode.mp3"
    shutil.copy(MP3, path)
    tags = ID3()
    tags.add(TIT2(encoding=1, text="Zoë’s story: Child K review"))  # UTF-16 with BOM
    tags.save(path)
    assert file_whats("episode.mp3", path.read_bytes()) >= {"title"}
    shutil.copy(MP3, path)
    tags = ID3()
    tags.add(COMM(encoding=3, lang="eng", desc="", text="notes on reviews/2026-child-k"))
    tags.save(path)
    assert file_whats("episode.mp3", path.read_bytes()) == {"URL"}
    assert file_whats("clean.mp3", MP3.read_bytes()) == set()


def test_other_binaries_are_read_as_latin1_and_utf16():
    png = b"\x89PNG\r\n\x1a\n\x00\x00" + "tEXtTitle\x00Zoë’s story: Child K review".encode("utf-16-le") + b"\x00\xff"
    assert file_whats("img.png", png) >= {"title"}
    assert file_whats("img.png", b"\x89PNG\x00\x01" + b"Zo\xeb\x92s story: Child K review\x00") >= {"title"}
    assert file_whats("img.jpg", b"\x89PNG\x00\x07" + "Child K".encode("utf-16-be") + b"\x01") == {"child pseudonym"}
    assert file_whats("img.jpg", b"\x89PNG\x00\x01" + "Zoë’s story: Child K review".encode("utf-8")) >= {"title"}
    assert file_whats("img.bin", b"\x89PNG\x00\x01 anything") == {"unreadable archive"}  # a kind the kit does not read


# The site ----------------------------------------------------------------------------------

def test_theme_identical_files_are_skipped_modified_copies_are_not(tmp_path):
    theme = tmp_path / "theme"
    (theme / "assets").mkdir(parents=True)
    (theme / "assets/app.js").write_bytes(b"var a = 'Child K';")
    assert theme_identical("assets/app.js", b"var a = 'Child K';", [theme])
    assert not theme_identical("assets/app.js", b"var a = 'Child K'; ", [theme])
    assert not theme_identical("assets/other.js", b"var a = 'Child K';", [theme])
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "assets/app.js").write_bytes(b"var a = 'Child K';")
    assert audit_site(site, Auditor([ZOE]), [theme]) == []
    (site / "assets/app.js").write_bytes(b"var a = 'Child K'; // edited")
    assert [l.what for l in audit_site(site, Auditor([ZOE]), [theme])] == ["child pseudonym"]


def test_audit_site_scans_paths_and_contents_with_a_cache_and_in_parallel(tmp_path):
    site = tmp_path / "site"
    (site / "reviews").mkdir(parents=True)
    (site / "reviews/index.html").write_text("<p>Nothing hidden</p>")
    (site / "assets").mkdir()
    (site / "assets/2026-child-k-report.pdf").write_bytes(_pdf("Nothing"))
    (site / "assets/other.pdf").write_bytes(_pdf("Child K"))
    cache = tmp_path / "cache"
    expected = {("assets/2026-child-k-report.pdf", "slug"), ("assets/2026-child-k-report.pdf", "child pseudonym"),
                ("assets/other.pdf", "child pseudonym")}
    for workers in (1, 2, 1):
        leaks = audit_site(site, Auditor([ZOE]), [], cache_dir=cache, workers=workers)
        assert {(l.file, l.what) for l in leaks} == expected
    assert len(list(cache.rglob("*.json"))) == 2


def test_cache_holds_texts_only_and_a_bad_entry_is_read_again(tmp_path):
    cache = TextCache(tmp_path)
    data = _pdf("Child K")
    first = read("a.pdf", data, cache)
    entry = next(tmp_path.rglob("*.json"))
    assert "Child K" in entry.read_text() and "leak" not in entry.read_text()
    entry.write_text("{not json")
    assert read("a.pdf", data, cache).text == first.text


def test_a_title_folded_across_calendar_lines_is_found():
    """iCalendar folds lines at 75 octets, mid-word: the audit unfolds them first."""
    auditor = Auditor([_hidden_item_for_ics()])
    folded = b"BEGIN:VEVENT\r\nSUMMARY:Workshop on the Kestrel embargoed rev\r\n iew of Child Q\r\nEND:VEVENT\r\n"
    assert auditor.scan_file("feeds/events.ics", folded)


def _hidden_item_for_ics():
    from lscp_kit.rules.items import Item
    return Item(id="reviews/2026-kestrel", source="reviews/2026-kestrel.md", path="content/reviews/2026-kestrel.md",
                section="reviews", title="Kestrel embargoed review", status="draft", type="scr")


# Shared with the public site: no needle ---------------------------------------------------

def test_an_attachment_name_in_a_path_must_be_a_whole_path_component():
    auditor = Auditor([HIDDEN])
    assert auditor.scan_path("reviews/2026-good/good-report.pdf") == []
    assert auditor.scan_path("reviews/2026-good/report.pdf.txt") == []
    assert [l.what for l in auditor.scan_path("assets/Report.PDF")] == ["attachment file name"]
    assert [l.what for l in auditor.scan_path("assets/report.pdf/index.html")] == ["attachment file name"]
    assert whats("see good-report.pdf") == set()  # in contents: standing alone, as before
    assert whats("see report.pdf") == {"attachment file name"}


GUIDE = Item(id="learning/one-minute-guides/safer-sleep", source="s", path="p", section="learning",
             title="Safer sleep for babies", status="draft", type="one-minute-guide",
             files=("learning/one-minute-guides/safer-sleep/podcast-cover.png",))


def test_a_slug_or_file_name_that_a_public_path_has_is_no_needle():
    public_paths = ["learning/theme/safer-sleep.md", "assets/podcast-cover.png", "index.md"]
    alone = Auditor([GUIDE])
    assert {l.what for l in alone.scan_path("learning/theme/safer-sleep/index.html")} == {"slug"}
    assert {l.what for l in alone.scan_file("t.html", b'<a href="../safer-sleep/">x</a> podcast-cover.png')} == {
        "URL", "attachment file name"}
    assert {l.what for l in alone.scan_file("t.html", b"safer-sleep")} == {"slug"}
    shared = Auditor([GUIDE], public_paths=public_paths)
    assert shared.scan_path("learning/theme/safer-sleep/index.html") == []
    assert shared.scan_path("assets/podcast-cover.png") == []
    assert shared.scan_file("t.html", b'<a href="../safer-sleep/">x</a> <img src="podcast-cover.png">') == []
    assert {l.what for l in shared.scan_file("t.html", b"learning/one-minute-guides/safer-sleep")} == {"URL"}
    assert {l.what for l in shared.scan_file("t.html", b"Safer sleep for babies")} == {"title"}


def test_a_title_a_public_item_has_is_no_needle():
    copy = Item(id="reviews/2020-baby-r-v2", source="s", path="p", section="reviews", title="Baby R", status="draft",
                type="lcspr")
    assert whats("<h1>Baby R</h1>", hidden=(copy,)) == {"title"}
    assert whats("<h1>BABY&nbsp;R</h1>", hidden=(copy,), public=(PUBLIC,)) == set()
    assert whats("<h1>R ybab</h1>", hidden=(copy,), public=(PUBLIC,)) == set()  # nor its reverse


# A copy of a hidden file, by its bytes ----------------------------------------------------

KESTREL = Item(id="reviews/2026-kestrel", source="s", path="p", section="reviews", title="Kestrel embargoed review",
               status="published", type="scr", report="kestrel-report.pdf",
               files=("reviews/2026-kestrel/kestrel-report.pdf", "reviews/2026-kestrel/cover.png"))


def test_a_copy_of_a_hidden_file_under_any_name_is_found_by_its_bytes(tmp_path):
    report, cover = _pdf("Scanned pages only"), b"\x89PNG\r\n\x1a\n cover image"
    (tmp_path / "report.pdf").write_bytes(report)
    files = {"reviews/2026-kestrel/kestrel-report.pdf": tmp_path / "report.pdf",  # a path or bytes
             "reviews/2026-kestrel/cover.png": cover}
    auditor = Auditor([KESTREL], [], hidden_files=files)
    assert [(l.what, l.needle) for l in auditor.scan_file("assets/x.pdf", report)] == [
        ("copy of the attachment file", "kestrel-report.pdf")]
    assert auditor.scan_file("assets/y.pdf", report + b" ") == []
    assert [l.what for l in auditor.scan_file("assets/c.png", cover)] == ["copy of the attachment file"]
    # a picture or the report published as an asset too: a copy, and the two files are an error
    # to resolve (a hidden item's photograph is no safer than its report)
    published = {"assets/cover.png": cover, "assets/x.pdf": report}
    auditor = Auditor([KESTREL], [], hidden_files=files, public_files=published)
    assert [l.what for l in auditor.scan_file("assets/c.png", cover)] == ["copy of the attachment file"]
    assert [l.what for l in auditor.scan_file("assets/x.pdf", report)] == ["copy of the attachment file"]
    assert [str(c).split(": remove it from one")[0] for c in auditor.conflicts] == [
        "content/assets/cover.png: the same file is attached to content/assets/cover.png (public) and "
        "content/reviews/2026-kestrel/cover.png (not public)",
        "content/assets/x.pdf: the same file is attached to content/assets/x.pdf (public) and "
        "content/reviews/2026-kestrel/kestrel-report.pdf (not public)"]
    # a public item's own file with those bytes (a draft revision of a public review) too
    public = Item(id="reviews/2026-good", source="s", path="p", section="reviews", title="Good", status="published",
                  type="scr", files=("reviews/2026-good/good-report.pdf",))
    auditor = Auditor([KESTREL], [public], hidden_files=files,
                      public_files={"reviews/2026-good/good-report.pdf": report})
    assert [l.what for l in auditor.scan_file("reviews/2026-good/good-report.pdf", report)] == [
        "copy of the attachment file"]
    assert [(c.file, c.other) for c in auditor.conflicts] == [
        ("reviews/2026-good/good-report.pdf", "reviews/2026-kestrel/kestrel-report.pdf")]


def test_a_published_files_known_digest_stands_for_reading_it(tmp_path):
    """The audit process passes the digests it has already taken of published files: they count
    as those files' bytes (the file itself is not read again)."""
    import hashlib
    cover = b"\x89PNG\r\n\x1a\n cover image"
    files = {"reviews/2026-kestrel/cover.png": cover}
    auditor = Auditor([KESTREL], [], hidden_files=files, public_files={"assets/cover.png": tmp_path / "gone.png"},
                      public_digests={"assets/cover.png": hashlib.sha256(cover).digest()})
    assert [l.what for l in auditor.scan_file("assets/c.png", cover)] == ["copy of the attachment file"]
    assert len(auditor.conflicts) == 1  # known by its digest, not read, and still an error


# Archives and compressed files -----------------------------------------------------------

def _tar(members: dict[str, bytes], mode: str = "w") -> bytes:
    return tar_bytes(members, mode)


@pytest.mark.parametrize("name, pack", [
    ("notes.txt.xz", lambda d: __import__("lzma").compress(d)),
    ("notes.txt.lzma", lambda d: __import__("lzma").compress(d, format=__import__("lzma").FORMAT_ALONE)),
    ("notes.txt.bz2", lambda d: __import__("bz2").compress(d)),
    ("notes", lambda d: __import__("bz2").compress(d)),  # by its magic bytes, whatever the name
    ("notes.txt.gz", lambda d: gzip.compress(b"nothing\n") + gzip.compress(d)),  # a second gzip member
    ("all.tar", lambda d: _tar({"a/notes.txt": d})),
    ("all.tar.gz", lambda d: _tar({"notes.txt": d}, "w:gz")),
    ("all.tgz", lambda d: _tar({"notes.txt": d}, "w:gz")),
    ("all.tar.xz", lambda d: _tar({"notes.txt": d}, "w:xz")),
    ("all.tar.bz2", lambda d: _tar({"inner.zip": _zip({"notes.txt": d.decode()})}, "w:bz2")),
])
def test_xz_lzma_bzip2_and_tar_are_read_inside(name, pack):
    assert file_whats(name, pack("Minutes. Zoë’s story: Child K review\n".encode())) >= {"title"}
    assert file_whats(name, pack(b"Nothing hidden here\n")) == set()


def test_tar_member_names_are_read():
    assert file_whats("all.tar", _tar({"2026-child-k/readme.txt": b"x"})) == {"slug"}


@pytest.mark.parametrize("name, data", [
    ("reports.7z", b"7z\xbc\xaf\x27\x1c\x00\x04 compressed"), ("reports.bin", b"Rar!\x1a\x07\x01\x00 packed"),
    ("x.zst", b"\x28\xb5\x2f\xfd data"), ("x.lz4", b"\x04\x22\x4d\x18 data"), ("x.iso", b"\x00" * 64),
    ("x.cab", b"MSCF"), ("x.dmg", b"anything"), ("broken.gz", b"\x1f\x8b\x08\x00 truncated"),
    ("broken.zip", b"PK\x03\x04 not really"), ("broken.tar", b"not a tar"),
    ("cut.xz", __import__("lzma").compress(b"Minutes of the meeting " * 200)[:-30]),
])
def test_an_archive_the_audit_cannot_read_inside_is_refused(name, data):
    auditor = Auditor([ZOE])
    leaks = [l for l in auditor.scan_file(f"assets/{name}", data) if l.what == "unreadable archive"]
    assert len(leaks) == 1
    assert str(leaks[0]).startswith(f"site/assets/{name}: cannot be read completely, so it could hold items")
    assert "never published" in str(leaks[0])


# Images -----------------------------------------------------------------------------------

def _png(chunk_type: bytes, payload: bytes) -> bytes:
    import struct
    import zlib as z

    chunk = struct.pack(">I", len(payload)) + chunk_type + payload
    chunk += struct.pack(">I", z.crc32(chunk_type + payload) & 0xFFFFFFFF)
    cover = COVER
    return cover[:33] + chunk + cover[33:]


@pytest.mark.parametrize("chunk_type, payload", [
    (b"tEXt", "Title\x00Zoë’s story: Child K review".encode("cp1252")),
    (b"zTXt", b"Title\x00\x00" + __import__("zlib").compress("Zoë’s story: Child K review".encode("cp1252"))),
    (b"iTXt", b"Title\x00\x01\x00en\x00\x00" + __import__("zlib").compress("Zoë’s story: Child K review".encode())),
    (b"iTXt", b"Title\x00\x00\x00\x00\x00" + "Zoë’s story: Child K review".encode()),
])
def test_png_text_chunks_compressed_or_not(chunk_type, payload):
    assert file_whats("chart.png", _png(chunk_type, payload)) >= {"title"}
    assert file_whats("chart.png", _png(b"tEXt", b"Title\x00A chart")) == set()


def test_xmp_metadata_in_an_image_is_read_as_markup():
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:title>Zo&#235;&#8217;s story: Chi&#108;d K review' \
          b'</dc:title></x:xmpmeta>'
    jpeg = b"\xff\xd8\xff\xe1\x01\x00http://ns.adobe.com/xap/1.0/\x00" + xmp + b"\xff\xd9\x00\x01\x02"
    assert file_whats("photo.jpg", jpeg) >= {"title"}


# What a browser shows that storage order hides --------------------------------------------

def test_data_uris_are_decoded_and_read_as_files():
    import base64

    title = "Zoë’s story: Child K review"
    b64 = base64.b64encode(title.encode()).decode()
    assert file_whats("a.html", f'<a href="data:text/plain;base64,{b64}">x</a>'.encode()) >= {"title"}
    assert file_whats("a.html", f'<a href="data:;base64,{b64[:20]}\n{b64[20:]}">x</a>'.encode()) >= {"title"}
    svg = base64.b64encode('<svg><text>Zo&#235;’s story: Child K review</text></svg>'.encode()).decode()
    assert file_whats("a.html", f'<img src="data:image/svg+xml;base64,{svg}">'.encode()) >= {"title"}
    assert file_whats("a.css", f".x {{ background: url(data:image/svg+xml;base64,{svg}) }}".encode()) >= {"title"}
    percent = "data:text/html,%3Cp%3EChild%20K%3C%2Fp%3E"
    assert file_whats("a.html", f'<iframe src="{percent}"></iframe>'.encode()) == {"child pseudonym"}
    png = base64.b64encode(_png(b"tEXt", b"Title\x00Child K")).decode()
    assert file_whats("a.json", f'{{"icon": "data:image/png;base64,{png}"}}'.encode()) == {"child pseudonym"}
    assert file_whats("a.html", f'<a href="&#100;ata&colon;text/plain;base64,{b64}">x</a>'.encode()) >= {"title"}
    assert file_whats("a.html", f'<style>a {{ background: url("d\\61ta:;base64,{b64}") }}</style>'.encode()) >= {
        "title"}
    assert file_whats("a.html", b'<img src="data:image/png;base64,iVBORw0KGgo=">') == set()
    assert file_whats("a.html", f"metadata:,{b64}".encode()) == set()  # not a data: URI


@pytest.mark.parametrize("markup", [
    '<style>.k::after { content: "Zo\\eb\\2019s story: Chi\\6c d K review"; }</style>',
    '<style>.k::after { content: "Zo\\0000eb\\2019s story: C\\hild K review"; }</style>',
    "<style>.k::after { content: 'Zoë’s story: ' 'Child K review'; }</style>",
    '<span style="--x: 1; content: &quot;Zoë’s story&quot; &quot;: Child K review&quot;"></span>',
    '<iframe srcdoc="&lt;p&gt;Zo&amp;#235;&amp;rsquo;s story: Child K review&lt;/p&gt;"></iframe>',
    '<bdo dir="rtl">weiver K dlihC :yrots s’<b>ëoZ</b></bdo>',
    'x \u202eweiver K dlihC :yrots s’ëoZ\u202c y',
    '<span style="unicode-bidi: bidi-override; direction: rtl">weiver K dlihC :yrots s’ëoZ</span>',
])
def test_css_escapes_adjacent_strings_double_escapes_and_reversed_text(markup):
    assert {what.split(" ")[0] for what in whats(markup, hidden=(ZOE,))} >= {"title"}
    assert whats(markup.replace("K", "J").replace("\\6c", "\\6d"), hidden=(ZOE,)) == set()


def test_css_files_are_decoded_too_and_ordinary_css_is_quiet():
    assert file_whats("a.css", b'.k::after { content: "Zo\\eb\\2019s story: Child K review" }') >= {"title"}
    assert file_whats("a.css", b'.k::after { content: "\\201C" "\\201D"; font: "a" } a[href^="http"] {}') == set()


def test_a_file_found_clean_is_not_read_again_by_the_same_audit(tmp_path, monkeypatch):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a/index.html").write_text("<p>Nothing hidden here</p>")
    (site / "a/report.pdf").write_bytes(_pdf("Nothing"))
    cache = tmp_path / "cache"
    reads = []
    real = Auditor.scan_file
    monkeypatch.setattr(Auditor, "scan_file", lambda self, rel, *a, **k: reads.append(rel) or real(self, rel, *a, **k))
    assert audit_site(site, Auditor([ZOE]), [], cache_dir=cache) == []
    assert sorted(reads) == ["a/index.html", "a/report.pdf"]
    reads.clear()
    assert audit_site(site, Auditor([ZOE]), [], cache_dir=cache) == []
    assert reads == []  # the same bytes, the same needles: the verdict stands
    (site / "a/index.html").write_text("<p>Soon: Zoë’s story: Child K review</p>")  # new bytes are read
    assert {l.what for l in audit_site(site, Auditor([ZOE]), [], cache_dir=cache)} >= {"title"}
    assert reads == ["a/index.html"]
    reads.clear()
    other = Item(id="reviews/2026-nothing", source="s", path="p", section="reviews", title="Nothing",
                 status="draft", type="scr")
    leaks = audit_site(site, Auditor([ZOE, other]), [], cache_dir=cache)  # other needles: read again
    assert sorted(reads) == ["a/index.html", "a/report.pdf"]
    assert {(l.file, l.item) for l in leaks} >= {("a/report.pdf", "reviews/2026-nothing")}


def test_an_inlined_stylesheet_is_taken_out_of_pages_only_when_it_is_whole(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    css = b"body{color:#111}" * 10
    (site / "page.html").write_bytes(b"<style>" + css + b"</style><p>Zo\xc3\xab\xe2\x80\x99s story: Child K review</p>")
    (site / "half.html").write_bytes(b"<style>" + css[:40] + b"} .x{content:'Child K'}</style>")
    leaks = audit_site(site, Auditor([ZOE]), [], blocks=[css])
    assert {l.file for l in leaks} == {"page.html", "half.html"}


def test_the_background_audit_finds_what_audit_site_finds(tmp_path):
    from lscp_kit.audit import BackgroundAudit
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a/report.pdf").write_bytes(_pdf("Child K"))  # there before the audit starts, as attachments are
    audit = BackgroundAudit(lambda _digests: Auditor([ZOE]), site, [], tmp_path / "cache")
    (site / "a/index.html").write_text("<p>Zoë’s story: Child K review</p>")  # written while it waits
    leaks, _problems = audit.result()
    assert {(l.file, l.what) for l in leaks} == {(l.file, l.what) for l in audit_site(site, Auditor([ZOE]), [])}
    assert {l.file for l in leaks} == {"a/report.pdf", "a/index.html"}


def test_pages_read_while_others_render_are_read_again_when_they_change(tmp_path):
    """Pages sent as written are read then; at the end only what is new or changed since is read
    again, and a page sent before it was written, or gone since, is still audited as it ends."""
    from lscp_kit.audit import BackgroundAudit
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a/clean.html").write_text("<p>Nothing to see</p>")
    (site / "a/changed.html").write_text("<p>Nothing yet</p>")
    audit = BackgroundAudit(lambda _digests: Auditor([ZOE]), site, [], tmp_path / "cache")
    (site / "a/leak.html").write_text("<p>Child K review</p>")
    audit.written(["a/clean.html", "a/changed.html", "a/leak.html", "a/not-yet.html"])
    (site / "a/changed.html").write_text("<p>Now: Child K review, longer</p>")  # changed after it was sent
    (site / "a/not-yet.html").write_text("<p>Child K</p>")
    leaks, _problems = audit.result()
    assert {l.file for l in leaks} == {"a/leak.html", "a/changed.html", "a/not-yet.html"}


def _boom(_digests) -> Auditor:
    raise ValueError("no auditor")


def test_a_background_audit_that_fails_or_dies_never_passes(tmp_path):
    import os
    import signal
    from lscp_kit.audit import BackgroundAudit
    (tmp_path / "site").mkdir()
    with pytest.raises(RuntimeError, match="no auditor"):
        BackgroundAudit(_boom, tmp_path / "site", [], None).result()
    gone = BackgroundAudit(_boom, tmp_path / "site", [], None)
    gone._process.join(10)  # it failed and exited before the build asked: its error is still read
    with pytest.raises(RuntimeError, match="no auditor"):
        gone.result()
    audit = BackgroundAudit(lambda _digests: Auditor([ZOE]), tmp_path / "site", [], None)
    os.kill(audit._process.pid, signal.SIGKILL)
    with pytest.raises(RuntimeError, match="stopped before it finished"):
        audit.result()


def _reader_that_hangs(pid_file):
    """An auditor that starts a reading process of its own (as the audit does two at a time),
    which never ends by itself."""
    def make(_digests):
        import multiprocessing
        import time
        reader = multiprocessing.get_context("fork").Process(target=time.sleep, args=(300,))
        reader.start()
        pid_file.write_text(str(reader.pid))
        time.sleep(300)
    return make


def test_a_cancelled_audit_leaves_no_process_behind_not_even_its_readers(tmp_path):
    import os
    import time
    from lscp_kit.audit import BackgroundAudit
    (tmp_path / "site").mkdir()
    audit = BackgroundAudit(_reader_that_hangs(tmp_path / "pid"), tmp_path / "site", [], None)
    for _ in range(200):
        if (tmp_path / "pid").exists() and (tmp_path / "pid").read_text():
            break
        time.sleep(0.05)
    reader = int((tmp_path / "pid").read_text())
    audit.cancel()
    assert not audit._process.is_alive()
    for _ in range(100):
        try:
            os.kill(reader, 0)
        except ProcessLookupError:
            break
        try:  # reap it if it is ours (it is the audit process's child, so normally not)
            os.waitpid(reader, os.WNOHANG)
        except ChildProcessError:
            pass
        time.sleep(0.05)
    else:
        pytest.fail("the audit's reading process was left running")


@pytest.mark.parametrize("text, found", [
    ("the review of child s is coming", True), ("child s.", True), ("(child s)", True),
    ("child safeguarding practice", False), ("a child s-plan", False), ("", False),
])
def test_a_mention_stands_alone_as_the_audit_reads(text, found):
    from lscp_kit.audit import mentions
    assert mentions(text, "child s") is found


# Names as people write them, and not ordinary text --------------------------------------

CHILD_R = Item(id="reviews/2026-child-r", source="s", path="p", section="reviews", title="An embargoed review",
               status="published", type="lcspr", child="Child R", embargo=None)
CHILD_A = Item(id="reviews/2025-harbour", source="s", path="p", section="reviews", title="Harbour review",
               status="withdrawn", type="scr", child="Child A")


@pytest.mark.parametrize("text", [
    "<p>The Child-R review</p>", "<p>Child 'R' was known to services</p>", "<p>Child ‘R’ was known</p>",
    "<p>Child “R” was known</p>", "<p>Child R-related actions</p>", "<p>Child R—delayed</p>",
    "<p>Child R – delayed</p>", "<h2>CHILD R</h2>", "<p>Child&nbsp;R’s mother</p>", "<p>see child-r</p>",
])
def test_a_pseudonym_written_with_a_hyphen_quotes_or_dashes_is_found(text):
    assert whats(text, hidden=(CHILD_R,)) & {"child pseudonym", "slug"}


@pytest.mark.parametrize("text", [
    "<p>give every child a voice</p>", "<p>Every child a chance</p>", "<p>Paediatric (child A&amp;E) visits</p>",
    "<p>Child Ada</p>", "<p>child-a2 form</p>",
])
def test_a_pseudonym_letter_in_lower_case_or_inside_a_word_is_ordinary_text(text):
    assert whats(text, hidden=(CHILD_A,)) == set()
    assert whats(text.replace("child a", "Child A").replace("Every child a", "Every Child A"), hidden=(CHILD_A,)) \
        <= {"child pseudonym"}


def test_a_pseudonym_in_capitals_or_as_a_name_is_found():
    assert whats("<p>What happened to Child A?</p>", hidden=(CHILD_A,)) == {"child pseudonym"}
    assert whats('{"text": "CHILD A: the findings"}', "search_index.json", hidden=(CHILD_A,)) == {"child pseudonym"}
    assert whats("<p>Child A’s family</p>", hidden=(CHILD_A,)) == {"child pseudonym"}


@pytest.mark.parametrize("title, child", [("Child S: a review of neglect", "Child S"), ("Learning from Baby X", "Baby X"),
                                          ("Sibling group Y: practice review", "Sibling group Y")])
def test_the_pseudonym_in_the_title_when_child_is_missing(title, child):
    item = Item(id="reviews/2026-kite", source="s", path="p", section="reviews", title=title, status="draft",
                type="lcspr")
    assert whats(f"<p>We learnt from {child} that</p>", hidden=(item,)) == {"child pseudonym"}
    twin = Item(id="reviews/2019-old", source="s", path="p", section="reviews", title=f"{child}: older review",
                status="published", type="scr")
    assert whats(f"<p>We learnt from {child} that</p>", hidden=(item,), public=(twin,)) == set()


def test_the_slug_without_its_year_prefix_when_it_leaves_a_name():
    assert whats("<p>see child-r</p>", hidden=(CHILD_R,)) == {"slug"}
    quarter = Item(id="learning/newsletters/2027-q1", source="s", path="p", section="learning",
                   title="Spring newsletter", status="draft", type="newsletter")
    assert whats("<p>Training dates for 2027-Q1 and Q1</p>", hidden=(quarter,)) == set()
    assert whats("<p>see 2027-q1</p>", hidden=(quarter,)) == {"slug"}
    assert whats('<a href="../2027-q1/">next</a>', hidden=(quarter,)) == {"URL"}


FATHERS = Item(id="learning/one-minute-guides/fathers", source="s", path="p", section="learning",
               title="Seeing the men in the family", status="published", type="one-minute-guide")


@pytest.mark.parametrize("text", [
    "<p>(fathers/male carers)</p>", '{"title": "Fathers/male carers: what to ask"}', "<p>'fathers/carers'</p>",
    "<p>mothers/fathers/carers</p>", "<p>(fathers/male carers.)</p>",
])
def test_a_slash_joined_ordinary_word_is_not_a_url(text):
    assert whats(text, hidden=(FATHERS,)) == set()


@pytest.mark.parametrize("text", [
    '<a href="fathers/">x</a>', '<a href="../fathers/">x</a>', '<a href="fathers/index.html">x</a>',
    '<a href="fathers/guide.pdf">x</a>', "<p>/learning/one-minute-guides/fathers/</p>",
    "<p>see one-minute-guides/fathers</p>", "<a href='fathers/#top'>x</a>",
])
def test_a_link_to_a_hidden_slug_is_still_a_url(text):
    assert whats(text, hidden=(FATHERS,)) == {"URL"}


def test_a_public_file_named_after_a_hidden_slug_does_not_disarm_it():
    hidden = Item(id="reviews/2026-child-s", source="s", path="p", section="reviews", title="Embargoed review",
                  status="draft", type="lcspr")
    auditor = Auditor([hidden], public_paths=["assets/2026-child-s.png", "index.md"],
                      public_files={"assets/2026-child-s.png": b"\x89PNG", "index.md": b"# Home"})
    assert {l.what for l in auditor.scan_path("assets/2026-child-s.png")} == {"slug"}
    assert {l.what for l in auditor.scan_file("a.html", b"<p>see 2026-child-s</p>")} == {"slug"}
    generated = Auditor([hidden], public_paths=["learning/theme/2026-child-s.md"])  # built from public data
    assert generated.scan_path("learning/theme/2026-child-s/index.html") == []


# Passages ----------------------------------------------------------------------------------

FINDINGS = ("Agencies did not share the health visitor's concerns about the bruising with the school, "
            "and no strategy discussion was held before the family moved across the county boundary in March.")
SECRET_REVIEW = Item(id="reviews/2026-heron", source="s", path="p", section="reviews", title="Heron review",
                     status="draft", type="lcspr", summary="A short summary of what went wrong for the child.",
                     body=f"## What we found\n\n{FINDINGS}\n\nMore text follows [here](https://x.example/a).\n",
                     files=("reviews/2026-heron/heron-report.pdf",))


def passage_leaks(text: str, public=(), name="f.html", files=None, public_files=None):
    auditor = Auditor([SECRET_REVIEW], public, hidden_files=files or {}, public_files=public_files or {})
    return [l for l in auditor.scan_file(name, text.encode()) if l.what == "text"]


def test_a_hidden_body_pasted_without_title_or_pseudonym_is_found():
    leaks = passage_leaks(f"<h1>Newsletter</h1><p>{FINDINGS}</p>")
    assert [(l.item, l.what) for l in leaks] == [("reviews/2026-heron", "text")]
    assert leaks[0].needle in normalise(FINDINGS) and len(leaks[0].needle.split()) >= 10
    assert str(leaks[0]) == (f"site/f.html: leak: contains the text of reviews/2026-heron ({leaks[0].needle!r}), "
                             "which is not public")


def test_one_sentence_quoted_with_other_markup_and_case_is_found():
    quote = "<p>As the review found, <em>no strategy discussion</em> was held before the FAMILY moved across " \
            "the county boundary.</p>"
    assert passage_leaks(quote)
    assert passage_leaks('{"docs": [{"text": "' + FINDINGS[:140] + '"}]}', name="search/search_index.json")


def test_short_overlaps_and_passages_public_sources_hold_are_not_leaks():
    assert passage_leaks("<p>no strategy discussion was held before the family moved across</p>") == []  # 11 words
    assert passage_leaks("<p>and no strategy discussion was held before the family moved across the county</p>")
    twin = Item(id="reviews/2020-old", source="s", path="p", section="reviews", title="Old", status="published",
                type="lcspr", body=f"Earlier: {FINDINGS}")  # reviews of a type share their standard wording
    assert passage_leaks(f"<p>{FINDINGS}</p>", public=(twin,)) == []
    other = Item(id="learning/newsletters/2026-q2", source="s", path="p", section="learning", title="News",
                 status="published", type="newsletter", body=f"News: {FINDINGS}")  # pasted: still a leak
    assert passage_leaks(f"<p>{FINDINGS}</p>", public=(other,))
    pages = {f"page-{n}.md": f"# Page\n\n{FINDINGS}".encode() for n in range(3)}  # the partnership's boilerplate
    assert passage_leaks(f"<p>{FINDINGS}</p>", public_files=pages) == []
    assert passage_leaks(f"<p>{FINDINGS}</p>", public_files=dict(list(pages.items())[:2]))


def test_a_passage_of_a_hidden_pdf_report_is_found():
    report = _pdf("The panel found that the escalation policy was\nnot used by any agency during the eleven months")
    files = {"reviews/2026-heron/heron-report.pdf": report}
    text = "<p>Notes: the panel found that the escalation policy was not used by any agency during the eleven months.</p>"
    assert [l.item for l in passage_leaks(text, files=files)] == ["reviews/2026-heron"]
    assert passage_leaks(text) == []  # without the report, those words are nobody's


def test_a_public_source_file_is_not_read_for_passages_when_its_passages_are_shared_wording():
    about = f"# About\n\n{FINDINGS}\n".encode()
    pages = {f"page-{n}.md": about for n in range(3)}
    auditor = Auditor([SECRET_REVIEW], public_files=pages)
    assert auditor.scan_file("page-0.md", about) == []
    assert Auditor([SECRET_REVIEW], public_files={"page-0.md": about}).scan_file("page-0.md", about) != []


def test_the_sites_own_wording_is_never_a_passage():
    """A template sentence (overrides/, mkdocs.yml, the kit's own pages) that a hidden item quotes."""
    wording = "<p>Rapid reviews are sent to the National Panel and are never published: they are not counted.</p>"
    rapid = Item(id="reviews/2026-rapid", source="s", path="p", section="reviews", title="Rapid review M",
                 status="published", type="rapid-review", body=f"{wording}\n\nThis one concerned a baby.\n")
    assert Auditor([rapid]).scan_file("statistics/index.html", wording.encode()) != []
    shared = Auditor([rapid], site_files={"overrides/partials/statistics.html": wording.encode()})
    assert shared.scan_file("statistics/index.html", wording.encode()) == []


def test_runs_of_numbers_and_version_strings_are_not_passages():
    stamp = "Producer Skia/PDF m156 Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) " \
            "HeadlessChrome/156.0.0.0 Safari/537.36 D:20261123014047+00'00'"
    item = Item(id="learning/briefings/2026-x", source="s", path="p", section="learning", title="A briefing",
                status="draft", type="briefing", body=stamp)
    assert Auditor([item]).scan_file("a.html", f"<p>{stamp}</p>".encode()) == []


def test_a_pseudonym_letter_that_begins_an_ordinary_hyphenated_word_is_not_the_pseudonym():
    """'Baby X-rays' is an X-ray, not Baby X joined to a word; 'Baby X-related' is Baby X."""
    baby = Item(id="reviews/2026-baby-x", source="s", path="p", section="reviews", title="An embargoed review",
                status="draft", type="scr", child="Baby X")
    assert "child pseudonym" not in whats("<p>Baby X-rays and a skeletal survey</p>", hidden=(baby,))
    assert "child pseudonym" in whats("<p>Baby X-related actions</p>", hidden=(baby,))
    assert "child pseudonym" in whats("<p>Baby X, x-rays</p>", hidden=(baby,))


def test_hidden_texts_are_fingerprinted_once_and_the_memo_gives_the_same_prints(tmp_path, monkeypatch):
    """The prints of a hidden report are kept between builds (by its text's digest): the second
    build reads them from the memo, and they are exactly what fingerprinting gives."""
    from lscp_kit.audit import passages
    from lscp_kit.audit.normalise import normalise

    body = normalise("Practitioners did not notice that the paraffin heater in the back bedroom had been moved "
                     "beside the cot during the long winter, and nobody asked why the curtains stayed closed. " * 3)
    hidden = {"reviews/2026-x": ("reviews", [body], [body + " appendix"])}
    fresh = passages.fingerprints(hidden)
    assert passages.fingerprints(hidden, passages.PrintMemo(tmp_path)) == fresh
    assert len(list((tmp_path / "passages").glob("hidden-prints-*.json"))) == 1

    def never(text):
        raise AssertionError("fingerprinted again")

    monkeypatch.setattr(passages, "text_prints", never)
    assert passages.fingerprints(hidden, passages.PrintMemo(tmp_path)) == fresh
    with pytest.raises(AssertionError, match="fingerprinted again"):  # a changed text is read afresh
        passages.fingerprints({"reviews/2026-x": ("reviews", [body + " more"], [])}, passages.PrintMemo(tmp_path))
