"""Red-team audit (black box): a hidden review's pseudonym, title, text or report written where a
reader of the published file still sees it. Each leak class lives on its own page of one shared
build (the audit names every trace at once), so a test passes when the build is refused naming
that page or file. Tests marked xfail are leaks (or false refusals) found by the red team."""
from __future__ import annotations

import re

import pytest
from helpers import MP3, Project, Result, learning, review
from mutagen.id3 import CHAP, COMM, CTOC, TIT2

import red_team_audit_fixtures as fx

AS_OF = "2026-06-01"
HIDDEN_BODY = ("Practitioners did not notice that the paraffin heater in the back bedroom had been moved beside the "
               "cot during the long winter, and nobody asked the grandmother why the curtains stayed closed.\n")
WORD_RTF = (rb"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Calibri;}}\pard\plain {\rtlch\fcs1 \af0 \ltrch\fcs0 "
            rb"\insrsid1 We met Child }{\rtlch\fcs1 \af0 \ltrch\fcs0 \b\insrsid2 R}{\rtlch\fcs1 \af0 \ltrch\fcs0 "
            rb"\insrsid1  today.\par }}")
SENTENCE = "the health visitor recorded that the baby slept in the car seat every night because the cot had been sold"
TRANSCRIPT = ("WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nThe panel noted that "
              + SENTENCE.replace("car seat", "car\n\n00:00:04.000 --> 00:00:08.000\nseat") + ".\n").encode()
APPENDIX = fx.pdf_text("Quarterly figures for the panel meeting.", title="Appendix Q")


def hidden(project: Project) -> None:
    """An embargoed review (Child R) with its report, and a draft learning item without a pseudonym."""
    project.item("reviews/2025-child-r/index.md", body=HIDDEN_BODY + "\n[Read the report](child-r-final-report.pdf)\n",
                 files={"child-r-final-report.pdf": fx.pdf_text("Child R overview report.", title="Overview report")},
                 **review(title="Child R: learning from a house fire", child="Child R",
                          embargo={"reason": "criminal trial"}, report="child-r-final-report.pdf"))
    project.item("learning/orchard/index.md", body="Draft.\n",
                 **learning(title="The Orchard House: a learning review", status="draft"))


def page(project: Project, slug: str, body: str, files: dict[str, bytes] | None = None, **meta) -> None:
    links = "".join(f"\n[{name}]({name})\n" for name in files or {})
    project.item(f"learning/{slug}/index.md", body=body + links, files=files,
                 **learning(title=f"Practice guide {slug}", **meta))


def build(tmp_path_factory, pages: dict[str, tuple[str, dict[str, bytes]]], setup=None):
    project = Project(tmp_path_factory.mktemp("red") / "p")
    hidden(project)
    for slug, (body, files) in pages.items():
        page(project, slug, body, files)
    if setup:
        setup(project)
    return project, project.build(AS_OF)


def audited_build(tmp_path_factory, pages: dict[str, tuple[str, dict[str, bytes]]], setup=None) -> Result:
    """A build of `pages`, and when its attachment checks refuse files of them (which stops a build
    before its audit), a second build without those files, so that the audit reads all the rest:
    the two builds' output together."""
    first = build(tmp_path_factory, pages, setup)[1]
    checked = {(slug, name) for slug, (_, files) in pages.items() for name in files
               if f"content/learning/{slug}/{name}: attachment:" in first.output}
    if not checked:
        return first
    rest = {slug: (body, {name: data for name, data in files.items() if (slug, name) not in checked})
            for slug, (body, files) in pages.items()}
    second = build(tmp_path_factory, rest, setup)[1]
    return Result(max(first.returncode, second.returncode), first.stdout + second.stdout,
                  first.stderr + second.stderr)


def refused_naming(result, what: str) -> bool:
    """The build stopped, and one of its problems or leaks (not a warning) names `what`."""
    return result.returncode != 0 and any(what in line for line in result.output.splitlines()
                                          if not line.lstrip().startswith("Warning"))


# --- What the audit misses today: one shared build, one page per leak class -------------------

LEAKS = {
    "lookalike-letters": ("Remember \u0421hild R and the heater.\n", {}),  # Cyrillic С
    "combining-strokes": ("Remember C\u0336h\u0336i\u0336l\u0336d\u0336 R\u0336 today.\n", {}),
    "format-characters": ("Remember Chi\U000e0020ld R, Chi\ufff9ld R, Chi\U0001bca0ld R and Chi\U0001d173ld R.\n", {}),
    "blank-looking-space": ("Remember Child\u2800R and Child\u3164R today.\n", {}),
    "hashtag-pseudonym": ("Share the learning: #ChildR #LearningFromReviews\n", {}),
    "underscore-pseudonym": ("Remember Child_R today.\n", {}),
    "underscore-names": ("See 2025_child_r and child_r_final_report.pdf.\n", {}),
    "title-punctuation": ("We will soon publish The Orchard House - a learning review.\n", {}),
    "query-plus": ("[Search](https://www.google.com/search?q=%22Child+R%22+house+fire)\n", {}),
    "rtf": ("The notes.\n", {"word.rtf": WORD_RTF, "escapes.rtf": rb"{\rtf1\ansi \u67?hild R}",
                             "hex.rtf": rb"{\rtf1\ansi Ch\'69ld R}"}),
    "odt-spans": ("The notes.\n", {"guide.odt": fx.odt("Chi<text:span>ld</text:span><text:s/>R"),
                                   "guide.fodt": fx.fodt("Chi<text:span>ld</text:span><text:s/>R")}),
    "formulas": ("The data.\n", {"data.xlsx": fx.xlsx_formula('"Chi"&amp;"ld R"'),
                                 "data.csv": b'name,notes\n"=CHAR(67)&""hild R""",x\n'}),
    "macro": ("The notes.\n", {"guide.docm": fx.docm_with_macro("Child R: learning from a house fire")}),
    "subtitles": ("The talk.\n", {"talk.vtt": b"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nWe discussed Chi<b>ld</b> R.\n",
                                  "talk.srt": b"1\n00:00:01,000 --> 00:00:04,000\nWe discussed Chi<i>ld</i> R.\n"}),
    "svg-glyphs": ("The map.\n", {"map.svg": b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="20"><text y="15">'
                                            b'<tspan x="0">C</tspan><tspan x="9">h</tspan><tspan x="17">i</tspan><tspan '
                                            b'x="21">l</tspan><tspan x="25">d</tspan><tspan x="38">R</tspan></text></svg>'}),
    "word-shows": ("The notes.\n", {"chunk.docx": fx.docx_rtf_chunk(rb"{\rtf1\ansi Chi{\b ld} R}"),
                                    "symbol.docx": fx.docx_symbol()}),
    "gif-comment": ("The picture.\n", {"pic.gif": fx.gif_comment(b"x" * 252 + b"Child R")}),
    "ape-tag": ("The talk.\n", {"talk.mp3": fx.apev2_mp3(MP3, "Child R")}),
    "gzip-name": ("The notes.\n", {"notes.txt.gz": fx.gzip_named("child-r-final-report.pdf", b"Benign notes.\n")}),
    "embedded-report": ("The notes.\n", {"guide.docx": fx.docx("<w:p><w:r><w:t>Notes.</w:t></w:r></w:p>",
                                                               {"word/embeddings/annex.pdf": APPENDIX})}),
}


def _leak_setup(project: Project) -> None:
    project.item("reviews/2025-orchard-case/index.md", body="Short.\n", files={"appendix-q.pdf": APPENDIX},
                 **review(title="Orchard case review", kind="learning-review", status="draft"))
    project.item("reviews/2025-young-person-q/index.md", body="Short.\n",
                 **review(title="Young Person Q: exploitation review", kind="learning-review", embargo={"reason": "trial"}))
    project.item("reviews/2025-seven/index.md", body="Short.\n",
                 **review(title="Child 7: a practice review", kind="learning-review", embargo={"reason": "trial"}))
    project.item("learning/podcasts/draft-episode/index.md", body="Draft.\n", files={"transcript.vtt": TRANSCRIPT},
                 **learning(kind="podcast", title="Draft episode on sleep", status="draft"))
    page(project, "transcript-quote", "We learned that " + SENTENCE + ".\n")
    page(project, "title-pseudonyms", "Remember Young Person Q.\n")
    page(project, "numbered-pseudonym", "Remember Child 7.\n")


@pytest.fixture(scope="module")
def leaks(tmp_path_factory):
    return audited_build(tmp_path_factory, LEAKS, _leak_setup)


def _leak(reason: str):
    return pytest.mark.xfail(strict=True, reason=f"leak: {reason}")


def test_a_pseudonym_written_with_lookalike_letters_is_found(leaks):
    assert refused_naming(leaks, "learning/lookalike-letters/")


def test_a_pseudonym_struck_through_with_combining_marks_is_found(leaks):
    assert refused_naming(leaks, "learning/combining-strokes/")


def test_a_pseudonym_with_invisible_format_characters_is_found(leaks):
    assert refused_naming(leaks, "learning/format-characters/")


def test_a_pseudonym_spaced_with_a_blank_looking_character_is_found(leaks):
    assert refused_naming(leaks, "learning/blank-looking-space/")


def test_a_pseudonym_written_as_a_hashtag_is_found(leaks):
    assert refused_naming(leaks, "learning/hashtag-pseudonym/")


def test_a_pseudonym_written_with_an_underscore_is_found(leaks):
    assert refused_naming(leaks, "learning/underscore-pseudonym/")


def test_a_hidden_slug_or_file_name_written_with_underscores_is_found(leaks):
    assert refused_naming(leaks, "learning/underscore-names/")


def test_a_young_person_pseudonym_in_the_title_is_found_when_child_is_missing(leaks):
    assert refused_naming(leaks, "learning/title-pseudonyms/")


def test_a_numbered_pseudonym_in_the_title_is_found_when_child_is_missing(leaks):
    assert refused_naming(leaks, "learning/numbered-pseudonym/")


def test_a_passage_of_a_hidden_transcript_is_found(leaks):
    assert refused_naming(leaks, "learning/transcript-quote/")


def test_a_hidden_title_written_with_other_punctuation_is_found(leaks):
    assert refused_naming(leaks, "learning/title-punctuation/")


def test_a_pseudonym_in_a_url_query_with_plus_for_space_is_found(leaks):
    assert refused_naming(leaks, "learning/query-plus/")


def test_rtf_is_read_as_word_shows_it(leaks):
    assert all(refused_naming(leaks, f"learning/rtf/{name}") for name in ("word.rtf", "escapes.rtf", "hex.rtf"))


def test_odt_text_split_by_spans_and_spaces_is_read(leaks):
    assert refused_naming(leaks, "learning/odt-spans/guide.odt") and refused_naming(leaks, "learning/odt-spans/guide.fodt")


def test_spreadsheet_formulas_that_build_a_hidden_name_are_refused(leaks):
    assert refused_naming(leaks, "learning/formulas/data.xlsx") and refused_naming(leaks, "learning/formulas/data.csv")


def test_a_macro_enabled_office_file_is_refused(leaks):
    assert refused_naming(leaks, "learning/macro/guide.docm")


def test_subtitle_cue_markup_is_read_as_a_player_shows_it(leaks):
    assert refused_naming(leaks, "learning/subtitles/talk.vtt") and refused_naming(leaks, "learning/subtitles/talk.srt")


def test_svg_text_positioned_glyph_by_glyph_is_read(leaks):
    assert refused_naming(leaks, "learning/svg-glyphs/map.svg")


def test_docx_text_that_word_shows_from_chunks_and_symbols_is_read(leaks):
    assert refused_naming(leaks, "learning/word-shows/chunk.docx") and refused_naming(leaks, "learning/word-shows/symbol.docx")


def test_pdf_javascript_and_xfa_text_is_read(before):
    """Refused before the engine runs: a viewer runs the script or draws the form, which no reading shows."""
    assert refused_naming(before, "learning/pdf-scripts/alert.pdf") and refused_naming(before, "learning/pdf-scripts/xfa.pdf")
    assert "re-export the PDF without scripts or forms" in before.output


def test_a_gif_comment_split_across_sub_blocks_is_read(leaks):
    assert refused_naming(leaks, "learning/gif-comment/pic.gif")


def test_an_apev2_tag_in_an_mp3_is_read(leaks):
    assert refused_naming(leaks, "learning/ape-tag/talk.mp3")


def test_a_hidden_attachment_name_in_a_gzip_header_is_found(leaks):
    assert refused_naming(leaks, "learning/gzip-name/notes.txt.gz")


def test_a_hidden_report_embedded_in_a_public_docx_is_found(leaks):
    assert refused_naming(leaks, "learning/embedded-report/guide.docx")


@pytest.fixture(scope="module")
def view_code(tmp_path_factory):
    """Refused before the engine runs: files that run a script or draw text when viewed."""
    project = Project(tmp_path_factory.mktemp("view") / "p")
    project.write("assets/counter.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>document.title='
                                        'atob("Q2hpbGQgUg==")</script></svg>')
    page(project, "script-svg", "![counter](../../assets/counter.svg)\n",
         {"handout.html": b'<!doctype html><title>Handout</title><p id=x></p><script>x.textContent=atob("Q2hpbGQgUg==")'
                          b'</script>'})
    project.write("assets/view.js", 'document.title = atob("Q2hpbGQgUg==");\n')
    project.write("assets/look.css", 'h1::after { content: "\\43 hild R"; }\n')
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "extra:\n", "extra_javascript:\n- assets/view.js\nextra_css:\n- assets/look.css\nextra:\n", 1))
    return project.build(AS_OF)


def test_attachments_that_run_scripts_when_viewed_are_refused(view_code):
    """The attachment checks: an SVG or HTML file that runs a script can show any text when
    viewed, which no reading of the file shows."""
    assert view_code.returncode == 1
    assert all(refused_naming(view_code, name) for name in ("counter.svg", "script-svg/handout.html"))


def test_scripts_that_write_text_when_viewed_are_refused(view_code):
    """A script or stylesheet that mkdocs.yml adds to every page can write or draw any text
    when the page is viewed (document.title = atob(...), content: "..."): refused, with what to
    do instead. Material's own scripts and styles, and the kit's, are not extra_*: every
    other build of these tests uses the kit's mkdocs.yml and passes."""
    assert refused_naming(view_code, "mkdocs.yml: extra_javascript: assets/view.js")
    assert refused_naming(view_code, "mkdocs.yml: extra_css: assets/look.css")
    assert "extra.analytics" in view_code.output and "extra.brand" in view_code.output


# --- What holds: traces the audit reads (one shared build) ---------------------------------

HELD = {
    "emphasis": ("Remember Chi**ld** R and Chi<wbr>ld R today.\n", {}),
    "spans": ("Remember <span>Chi</span><span>ld R</span> today.\n", {}),
    "char-refs": ("Remember &#67;&#104;ild&#32;R today.\n", {}),
    "invisibles": ("Remember Chi\u034fld R, Chi\u2063ld R and Chi\ufe0fld R.\n", {}),
    "right-to-left": ("Remember \u202eR dlihC\u202c today.\n", {}),
    "tooltip": ('Remember <abbr title="Child R">CR</abbr> today.\n', {}),
    "link-title": ('[x](https://example.org "Child R")\n', {}),
    "encoded-url": ("[x](/reviews/2025%2Dchild%2Dr/) and [y](https://events.example.org/Child%20R/)\n", {}),
    "svg": ("The map.\n", {"title.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><title>Child R</title></svg>',
                           "split.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><text><tspan x="0">Chi</tspan>'
                                        b'<tspan x="14">ld R</tspan></text></svg>',
                           "map.svgz": fx.svgz(b'<svg xmlns="http://www.w3.org/2000/svg"><text>Child R</text></svg>')}),
    "docx-parts": ("The notes.\n", {
        "header.docx": fx.docx("<w:p/>", {"word/header1.xml": fx.docx_part("hdr", "<w:p><w:r><w:t>Child R</w:t></w:r></w:p>")}),
        "footnote.docx": fx.docx("<w:p/>", {"word/footnotes.xml": fx.docx_part(
            "footnotes", '<w:footnote w:id="1"><w:p><w:r><w:t>Child R</w:t></w:r></w:p></w:footnote>')}),
        "runs.docx": fx.docx('<w:p><w:r><w:t>Chi</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>ld</w:t></w:r>'
                             '<w:r><w:t xml:space="preserve"> R</w:t></w:r></w:p>')}),
    "odt": ("The notes.\n", {"guide.odt": fx.odt("Chi<text:span>ld</text:span> R")}),
    "office": ("The notes.\n", {"runs.xlsx": fx.xlsx("<r><t>Chi</t></r><r><rPr><b/></rPr><t>ld R</t></r>"),
                                "sheet.xlsx": fx.xlsx("<t>x</t>", sheet="Child R"), "notes.pptx": fx.pptx_notes(),
                                "link.docx": fx.docx_link("https://safeguarding.wealdmouth.example.org/reviews/2025-child-r/")}),
    "mail": ("The notes.\n", {"subject.eml": fx.eml_subject_encoded("Child R: learning from a house fire"),
                              "uu.eml": fx.eml_uuencoded("Child R: learning from a house fire")}),
    "pdf": ("The report.\n", {"outline.pdf": fx.pdf_outline("Child R: learning from a house fire"),
                              "form.pdf": fx.pdf_form("Child R"), "note.pdf": fx.pdf_sticky_note("Child R"),
                              "alt.pdf": fx.pdf_figure_alt("Photo of Child R at school"),
                              "alt.docx": fx.docx_image_alt("Photo of Child R at school")}),
    "audio": ("The talk.\n", {"chapters.mp3": fx.id3_mp3(MP3, CTOC(element_id="toc", flags=3, child_element_ids=["c1"],
                                                                   sub_frames=[]),
                                                         CHAP(element_id="c1", start_time=0, end_time=1000,
                                                              sub_frames=[TIT2(encoding=3, text="Child R")])),
                              "talk.wav": fx.wav_titled("Child R"), "lyrics.m4a": fx.m4a_lyrics("We talk about Child R")}),
    "archives": ("The pack.\n", {"deflate64.zip": fx.zip_method("Child R", 9), "pack.7z": b"7z\xbc\xaf\x27\x1c\x00\x04" + bytes(64)}),
    "quote": ("As one review put it, the paraffin heater in the back bedroom had been moved beside the cot.\n", {}),
}


@pytest.fixture(scope="module")
def held(tmp_path_factory):
    return audited_build(tmp_path_factory, HELD)


@pytest.mark.parametrize("where", [
    "learning/emphasis/", "learning/spans/", "learning/char-refs/", "learning/invisibles/", "learning/right-to-left/",
    "learning/tooltip/", "learning/link-title/", "learning/encoded-url/", "learning/svg/title.svg",
    "learning/svg/split.svg", "learning/svg/map.svgz", "learning/docx-parts/header.docx",
    "learning/docx-parts/footnote.docx", "learning/docx-parts/runs.docx", "learning/odt/guide.odt",
    "learning/office/runs.xlsx", "learning/office/sheet.xlsx", "learning/office/notes.pptx", "learning/office/link.docx",
    "learning/mail/subject.eml", "learning/mail/uu.eml", "learning/pdf/outline.pdf", "learning/pdf/form.pdf",
    "learning/pdf/note.pdf", "learning/pdf/alt.pdf", "learning/pdf/alt.docx", "learning/audio/chapters.mp3", "learning/audio/talk.wav", "learning/audio/lyrics.m4a",
    "learning/archives/deflate64.zip", "learning/archives/pack.7z", "learning/quote/"])
def test_a_hidden_trace_a_reader_sees_in_a_published_file_is_refused(held, where):
    assert refused_naming(held, where), held.output[-3000:]


# --- Refused before the engine runs: attachment metadata, content HTML, reviews entries -------

BEFORE = {
    "metadata": ("The files.\n", {
        "title.jpg": fx.jpeg_exif({0x9C9B: "Child R".encode("utf-16-le") + b"\0\0"}),
        "desc.tiff": fx.image("TIFF", tiffinfo={270: "Child R"}),
        "xmp.webp": fx.image("WEBP", xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:title>Child R</dc:title></x:xmpmeta>'),
        "comment.gif": fx.gif_comment(b"Child R"), "packed.mp3": fx.id3_compressed_title(MP3, "Child R"),
        "subject.pdf": fx.pdf_subject("Child R"),
        "comment.mp3": fx.id3_mp3(MP3, COMM(encoding=3, lang="eng", desc="", text="Child R"))}),
    "pdf-scripts": ("The report.\n", {"alert.pdf": fx.pdf_javascript('app.alert("Child R");'),
                                      "xfa.pdf": fx.pdf_xfa("Child R")}),
    "comment": ("Remember Chi<!-- x -->ld R today.\n", {}),
    "bdo": ('Remember <bdo dir="rtl">R dlihC</bdo> today.\n', {}),
    "data-uri": ("[x](data:text/plain,Chi%6Cd%20R)\n", {}),
    "attr-handler": ("[Open](https://example.org){: onclick=\"document.title=atob('Q2hpbGQgUg==')\" }\n", {}),
    "attr-hidden": ("Read this.\n{: hidden }\n", {}),
    "entity-javascript": ('<a href="jav&#x61;script:alert(atob(\'Q2hpbGQgUg==\'))">Open</a>\n', {}),
}


@pytest.fixture(scope="module")
def before(tmp_path_factory):
    def setup(project: Project) -> None:
        for n, entry in enumerate(["2025-child-r/", "reviews/2025-child-r", "2025-Child-R", "../reviews/2025-child-r"]):
            project.item(f"learning/entry-{n}/index.md", **learning(title=f"Entry {n}", reviews=[entry]))
    return build(tmp_path_factory, BEFORE, setup)[1]


@pytest.mark.parametrize("where", [
    "metadata/title.jpg", "metadata/desc.tiff", "metadata/xmp.webp", "metadata/comment.gif", "metadata/packed.mp3",
    "metadata/subject.pdf", "metadata/comment.mp3", "learning/comment/index.md", "learning/bdo/index.md", "learning/data-uri/index.md",
    "learning/attr-handler/index.md", "learning/attr-hidden/index.md", "learning/entity-javascript/index.md",
    "entry-0/index.md: reviews", "entry-1/index.md: reviews", "entry-2/index.md: reviews", "entry-3/index.md: reviews"])
def test_a_hidden_name_in_metadata_markup_or_a_reviews_entry_is_refused_before_publishing(before, where):
    assert refused_naming(before, where), before.output[-3000:]


# --- False refusals ---------------------------------------------------------------------------

def test_a_draft_guide_titled_with_an_ordinary_word_the_site_already_uses_does_not_block_the_site(tmp_path):
    project = Project(tmp_path / "p")
    project.item("learning/neglect/index.md", body="Draft.\n", **learning(title="Neglect", status="draft"))
    result = project.build(AS_OF)
    assert result.returncode == 0, result.output[-2000:]


def test_a_public_pdf_from_the_same_word_template_as_a_hidden_report_is_published(tmp_path):
    project = Project(tmp_path / "p")
    project.item("reviews/2025-orchard-case/index.md", body="Short.\n",
                 files={"orchard-report.pdf": fx.pdf_from_word("The panel found the family moved often.", "Orchard report")},
                 **review(title="Orchard case review", kind="learning-review", embargo={"reason": "inquest"}))
    page(project, "fathers", "The guide.\n", {"guide.pdf": fx.pdf_from_word("Fathers matter in every assessment.",
                                                                             "Guide to fathers")})
    result = project.build(AS_OF)
    assert result.returncode == 0, result.output[-2000:]


def test_a_hidden_review_quoting_the_partnerships_own_address_does_not_block_the_about_page(tmp_path):
    project = Project(tmp_path / "p")
    project.item("reviews/2025-orchard-case/index.md",
                 body="The panel found the family moved often.\n\nContact: Wealdmouth Safeguarding Children "
                      "Partnership, Civic Centre, Harbour Road, Wealdmouth WM1 1AA.\n",
                 **review(title="Orchard case review", kind="learning-review", embargo={"reason": "inquest"}))
    result = project.build(AS_OF)
    assert result.returncode == 0, result.output[-2000:]


FOOTER = ("Published by the partnership business unit under template version 3,",
          "approved by the board. Please recycle printed copies of this document.")


def test_a_public_pdf_with_the_partnerships_standard_footer_is_published(tmp_path):
    project = Project(tmp_path / "p")
    project.item("reviews/2025-orchard-case/index.md", body="Short.\n",
                 files={"orchard-report.pdf": fx.pdf_text("The panel found the family moved often.", *FOOTER,
                                                          title="Orchard report")},
                 **review(title="Orchard case review", kind="learning-review", embargo={"reason": "inquest"}))
    page(project, "fathers", "The guide.\n", {"guide.pdf": fx.pdf_text("Fathers matter in every assessment.", *FOOTER,
                                                                        title="Guide to fathers")})
    result = project.build(AS_OF)
    assert result.returncode == 0, result.output[-2000:]


def test_a_preview_is_never_written_into_a_site_dir_named_like_the_preview_folder(tmp_path):
    project = Project(tmp_path / "p")
    hidden(project)
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("site_dir: site", "site_dir: preview-site"))
    assert project.build(AS_OF).returncode == 0
    project.build(AS_OF, SITE_PREVIEW="1")
    site = project.root / "preview-site"
    assert not any("paraffin" in f.read_text(errors="ignore") for f in site.rglob("*.html"))


def test_ordinary_words_after_a_hidden_pseudonym_letter_such_as_x_rays_are_not_a_leak(tmp_path):
    project = Project(tmp_path / "p")
    project.item("reviews/2025-orchard-case/index.md", body="Short.\n",
                 **review(title="Orchard case review", child="Baby X", kind="learning-review", embargo={"reason": "inquest"}))
    page(project, "bruising", "Baby X-rays and a skeletal survey are needed for any bruised infant who is not mobile.\n")
    result = project.build(AS_OF)
    assert result.returncode == 0, result.output[-2000:]


def test_a_link_to_another_sites_page_named_like_a_draft_slug_is_not_a_leak(tmp_path):
    project = Project(tmp_path / "p")
    project.item("learning/one-minute-guides/safer-sleep/index.md", body="Draft.\n",
                 **learning(title="Safer sleep for babies: a one-minute guide", status="draft"))
    page(project, "sleep-advice", "See [the Lullaby Trust](https://www.lullabytrust.org.uk/safer-sleep/) advice.\n")
    result = project.build(AS_OF)
    assert result.returncode == 0, result.output[-2000:]


def test_a_review_withdrawn_after_its_year_leaves_no_trace_and_does_not_block_the_build(tmp_path):
    project = Project(tmp_path / "p")
    project.item("reviews/2024-child-w/index.md", body="Old review.\n",
                 **review(kind="scr", title="Child W: a review", child="Child W", date="2024-01-08", status="withdrawn",
                          withdrawn={"date": "2025-03-01", "reason": "at the family's request"}))
    project.seed_register({"reviews/2024-child-w": "2024-01-08"}, last_build="2025-02-01")
    result = project.build(AS_OF)
    assert result.returncode == 0, result.output[-2000:]
    text = "\n".join(project.outputs().values())
    assert not re.search(r"(?i)\bchild[- ]w\b|2024-child-w", text)


# --- The leaks those exemptions guarded still stop the build (one shared build) ---------------

SITE_URL = "https://safeguarding.wealdmouth.example.org/"
FILLER = tuple(f"Section {n} of the report sets out the chronology agreed by every agency at the panel."
               for n in ("one", "two", "three", "four"))
FINDING = "The panel found that the escalation policy was never used by any agency during the eleven months."
NAMED = ("The Wealdmouth Safeguarding Children Partnership asked why the grandmother kept the curtains closed "
         "all through the long and cold winter months.")
WORD_LINE = "The panel found that the family moved house four times in one year and the school was never told."
GUARDED = {
    "neglect-link": (f"Soon at `{SITE_URL}learning/neglect/`.\n", {}),  # as text: a link is refused before
    "sleep-own-link": (f"Soon at `{SITE_URL}learning/one-minute-guides/safer-sleep/`.\n", {}),
    "sharepoint-link": ("[Notes](https://sharepoint.example.org/sites/lscp/2025-child-r/notes.docx)\n", {}),
    "footer-pasted": (" ".join(FOOTER) + "\n", {}),
    "quoting-pdf": ("The guide.\n", {"guide.pdf": fx.pdf_text("Fathers matter.", FINDING, title="Fathers")}),
    "name-quote": (f"We heard that {NAMED[0].lower()}{NAMED[1:]}\n", {}),
    "word-quote": (f"Remember: {WORD_LINE}\n", {}),
    "word-template": ("The guide.\n", {"guide.pdf": fx.pdf_from_word("Fathers matter in every assessment.", "Guide")}),
}


def _guarded_setup(project: Project) -> None:
    project.item("learning/neglect/index.md", body="Draft.\n", **learning(title="Neglect", status="draft"))
    project.item("learning/one-minute-guides/safer-sleep/index.md", body="Draft.\n",
                 **learning(title="Safer sleep for babies: a one-minute guide", status="draft"))
    project.item("reviews/2025-orchard-case/index.md", body="Short.\n",
                 files={"orchard-report.pdf": fx.pdf_text(*FILLER[:2], FINDING, *FILLER[2:], *FOOTER, title="Orchard")},
                 **review(title="Orchard case review", kind="learning-review", embargo={"reason": "inquest"}))
    project.item("reviews/2025-willow-case/index.md", body=f"{NAMED}\n\nContact: Wealdmouth Safeguarding Children "
                 "Partnership, Civic Centre, Harbour Road, Wealdmouth WM1 1AA.\n",
                 files={"willow-report.pdf": fx.pdf_from_word(WORD_LINE, "Willow report")},
                 **review(title="Willow case review", kind="learning-review", embargo={"reason": "inquest"}))


@pytest.fixture(scope="module")
def guarded(tmp_path_factory):
    return build(tmp_path_factory, GUARDED, _guarded_setup)[1]


@pytest.mark.parametrize("where", [
    "learning/neglect-link/",  # a one-word title is no name, but the draft's own address is
    "learning/sleep-own-link/",  # an ordinary-word slug in this site's own address
    "learning/sharepoint-link/",  # a review's slug names the child, in any site's address
    "learning/footer-pasted/",  # a hidden document's footer that no public document holds, in a page
    "learning/quoting-pdf/guide.pdf",  # a sentence from the body of a hidden report, in a public document
    "learning/name-quote/",  # a hidden sentence that names the partnership
    "learning/word-quote/"])  # the text of a hidden PDF made from the Word template
def test_the_leaks_an_exemption_borders_on_still_stop_the_build(guarded, where):
    assert refused_naming(guarded, where), guarded.output[-3000:]


def test_what_those_exemptions_allow_is_not_refused_beside_them(guarded):
    assert not refused_naming(guarded, "learning/word-template/")  # Word's XMP packet is no passage
    assert not refused_naming(guarded, "site/about/")  # the partnership's address, in a hidden review
    assert not refused_naming(guarded, "site/reviews/index.html")  # "abuse or neglect"


# --- The new readings and exemptions, on ordinary text (no build) -----------------------------

def _auditor(**review_fields):
    from lscp_kit.audit import Auditor
    from lscp_kit.rules.items import Item
    fields = {"title": "Orchard case review", "child": "Child P", "body": "Short.", **review_fields}
    return Auditor([Item(id="reviews/2025-orchard", source="s", path="p", section="reviews", status="draft",
                         type="lcspr", **fields)])


def test_plus_reads_as_a_space_in_a_url_query_without_refusing_ordinary_searches():
    auditor = _auditor()
    assert auditor.scan("a.html", '<a href="https://www.google.com/search?q=Child+P">x</a>')
    assert auditor.scan("a.html", '<a href="https://www.google.com/search?q=%22Child+P%22+review">x</a>')
    assert not auditor.scan("a.html", '<a href="https://www.google.com/search?q=Child+Protection+Plan">x</a>')
    assert not auditor.scan("a.html", "<p>Scores of C+ and B+ in the audit? Child protection+ training.</p>")


def test_an_ordinary_slug_counts_in_this_sites_paths_and_links_but_not_inside_another_sites_address():
    from lscp_kit.audit import Auditor
    from lscp_kit.rules.items import Item
    draft = Item(id="learning/one-minute-guides/safer-sleep", source="s", path="p", section="learning",
                 title="Safer sleep for babies: a one-minute guide", status="draft", type="one-minute-guide")
    auditor = Auditor([draft])
    assert not auditor.scan("a.html", '<a href="https://www.lullabytrust.org.uk/safer-sleep/">Lullaby</a>')
    assert not auditor.scan("a.html", "<p>See www.lullabytrust.org.uk/safer-sleep for the leaflet.</p>")
    assert auditor.scan("a.html", "<p>Our new guide, safer-sleep, is coming.</p>")
    assert auditor.scan("a.html", '<a href="../safer-sleep/">Soon</a>')
    assert auditor.scan_path("learning/one-minute-guides/safer-sleep/index.html")
