"""Red team round 2 (black box): new ways a hidden review's pseudonym (Child R), title, slug or
text might reach a published file. One shared build, one page per attempt; a test passes when the
build is refused naming that page or file. xfail(strict) = a leak found by this round."""
from __future__ import annotations

import io

import pikepdf
import pytest
from helpers import Project, Result, learning, review

import red_team_audit_fixtures as fx

AS_OF = "2026-06-01"


def hidden(project: Project) -> None:
    project.item("reviews/2025-child-r/index.md", body="The panel met twice in the winter.\n",
                 files={"child-r-final-report.pdf": fx.pdf_text("Child R overview report.", title="Overview report")},
                 **review(title="Child R: learning from a house fire", child="Child R",
                          embargo={"reason": "criminal trial"}, report="child-r-final-report.pdf"))


def page(project: Project, slug: str, body: str, files: dict[str, bytes] | None = None) -> None:
    links = "".join(f"\n[{name}]({name})\n" for name in files or {})
    project.item(f"learning/{slug}/index.md", body=body + links, files=files,
                 **learning(title=f"Practice guide {slug}"))


def _font(doc):
    return doc.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica))


def _pdf_page(ops: str, extra_resources: dict | None = None) -> bytes:
    doc = pikepdf.new()
    font = _font(doc)
    resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font), **(extra_resources or {}))
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 612, 792], Contents=doc.make_stream(ops.encode()),
                              Resources=resources)
    doc.pages.append(pikepdf.Page(page))
    doc.Root.Lang = pikepdf.String("en-GB")
    doc.trailer.Info = doc.make_indirect(pikepdf.Dictionary(Title=pikepdf.String("Practice notes")))
    out = io.BytesIO()
    doc.save(out, compress_streams=True)
    return out.getvalue()


def pdf_out_of_order() -> bytes:
    """'ld R' drawn first at x=90, then 'Chi' at x=72 (18 pt wide in Helvetica 12): the page shows Child R."""
    return _pdf_page("BT /F1 12 Tf 72 740 Td (Practice notes for the team.) Tj ET "
                     "BT /F1 12 Tf 90 700 Td (ld R) Tj ET BT /F1 12 Tf 72 700 Td (Chi) Tj ET")


def pdf_pattern() -> bytes:
    """A rectangle filled with a tiling pattern whose one tile draws the text Child R."""
    doc = pikepdf.new()
    font = _font(doc)
    tile = doc.make_stream(b"BT /F1 12 Tf 0 5 Td (Child R) Tj ET")
    tile.Type, tile.PatternType, tile.PaintType, tile.TilingType = pikepdf.Name.Pattern, 1, 1, 1
    tile.BBox, tile.XStep, tile.YStep = [0, 0, 200, 20], 1000, 1000
    tile.Matrix = [1, 0, 0, 1, 72, 700]
    tile.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    ops = ("BT /F1 12 Tf 72 740 Td (Practice notes for the team.) Tj ET "
           "/Pattern cs /P1 scn 72 700 200 20 re f")
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 612, 792], Contents=doc.make_stream(ops.encode()),
                              Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font),
                                                           Pattern=pikepdf.Dictionary(P1=tile)))
    doc.pages.append(pikepdf.Page(page))
    doc.trailer.Info = doc.make_indirect(pikepdf.Dictionary(Title=pikepdf.String("Practice notes")))
    out = io.BytesIO()
    doc.save(out, compress_streams=True)
    return out.getvalue()


def pdf_form_xobject() -> bytes:
    doc = pikepdf.new()
    font = _font(doc)
    form = doc.make_stream(b"BT /F1 12 Tf 0 5 Td (Child R) Tj ET")
    form.Type, form.Subtype, form.BBox = pikepdf.Name.XObject, pikepdf.Name.Form, [0, 0, 200, 20]
    form.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    ops = "BT /F1 12 Tf 72 740 Td (Practice notes for the team.) Tj ET q 1 0 0 1 72 700 cm /X1 Do Q"
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 612, 792], Contents=doc.make_stream(ops.encode()),
                              Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font),
                                                           XObject=pikepdf.Dictionary(X1=form)))
    doc.pages.append(pikepdf.Page(page))
    out = io.BytesIO()
    doc.save(out, compress_streams=True)
    return out.getvalue()


_X = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def xlsx_parts(sheet_xml: str, styles: str | None = None, extra: dict | None = None) -> bytes:
    parts = {"[Content_Types].xml": fx._TYPES.format(""),
             "xl/workbook.xml": f'<?xml version="1.0"?><workbook {_X}><sheets><sheet name="Sheet1" sheetId="1"/>'
                                '</sheets></workbook>',
             "xl/worksheets/sheet1.xml": f'<?xml version="1.0"?><worksheet {_X}>{sheet_xml}</worksheet>'}
    if styles:
        parts["xl/styles.xml"] = f'<?xml version="1.0"?><styleSheet {_X}>{styles}</styleSheet>'
    parts.update(extra or {})
    return fx.zip_of(parts)


XLSX_NUMFMT = xlsx_parts('<sheetData><row r="1"><c r="A1" s="1"><v>7</v></c></row></sheetData>',
                         '<numFmts count="1"><numFmt numFmtId="164" formatCode="&quot;Chi&quot;\\l&quot;d R&quot;"/>'
                         '</numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/>'
                         '</cellXfs>')
XLSX_HEADER = xlsx_parts('<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Figures</t></is></c></row></sheetData>'
                         '<headerFooter><oddHeader>&amp;CChi&amp;Bld&amp;B R</oddHeader></headerFooter>')
XLSX_PROMPT = xlsx_parts('<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Figures</t></is></c></row></sheetData>'
                         '<dataValidations count="1"><dataValidation showInputMessage="1" promptTitle="Note" '
                         'prompt="Child R" sqref="A1"/></dataValidations>')
_C = ('xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"')
XLSX_CHART = xlsx_parts('<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Figures</t></is></c></row></sheetData>',
                        extra={"xl/charts/chart1.xml": f'<?xml version="1.0"?><c:chartSpace {_C}><c:chart><c:title><c:tx>'
                               '<c:rich><a:p><a:r><a:t>Chi</a:t></a:r><a:r><a:t>ld R</a:t></a:r></a:p></c:rich></c:tx>'
                               '</c:title></c:chart></c:chartSpace>'})

DOCX_SOFT = fx.docx('<w:p><w:r><w:t>Chi</w:t><w:softHyphen/><w:t>ld R</w:t></w:r></w:p>')
DOCX_TEXTBOX = fx.docx('<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>'
                       '<w:txbxContent><w:p><w:r><w:t>Chi</w:t></w:r><w:r><w:t>ld R</w:t></w:r></w:p></w:txbxContent>'
                       '</v:textbox></v:shape></w:pict></w:r></w:p>')

EPUB = fx.zip_of({"mimetype": "application/epub+zip",
                  "META-INF/container.xml": '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:'
                  'opendocument:xmlns:container"><rootfiles><rootfile full-path="c.opf" media-type="application/oebps'
                  '-package+xml"/></rootfiles></container>',
                  "ch1.xhtml": '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>We met Child R.</p></body></html>'})

ATTEMPTS = {
    # Markdown / HTML the kit renders
    "ruby": ("Remember Chi<ruby>ld<rt>x</rt></ruby> R today.\n", {}),
    "small-caps": ("Remember \u1d04\u029c\u026a\u029f\u1d05 \u0280 today.\n", {}),
    "upside-down": ("Remember \u1d1a pl\u1d09\u0265\u0186 today.\n", {}),
    "hangul-fillers": ("Remember Child\uffa0R and Child\u115fR today.\n", {}),
    "variation-selector": ("Remember Chi\U000e0100ld R today.\n", {}),
    "unicode-hyphen-slug": ("Soon: 2025\u2010child\u2010r and child\u2013r\u2013final\u2013report.pdf.\n", {}),
    "line-break": ("Remember Child<br>R today.\n", {}),
    "form-value": ('<input value="Child R" readonly>\n', {}),
    "placeholder": ('<input placeholder="Child R">\n', {}),
    "option-label": ('<select><option label="Child R">x</option></select>\n', {}),
    "meter-label": ('<label>Chi<output>ld</output> R</label>\n', {}),
    # Attachments
    "json-escapes": ("The data.\n", {"data.json": b'{"name": "\\u0043hild R"}\n'}),
    "xml-entity": ("The data.\n", {"data.xml": b'<?xml version="1.0"?><!DOCTYPE n [<!ENTITY c "Chi">]><n>&c;ld R</n>'}),
    "svg-entity": ("The map.\n", {"map.svg": b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY c "Chi">]><svg xmlns='
                                            b'"http://www.w3.org/2000/svg"><text y="15">&c;ld R</text></svg>'}),
    "svg-bidi": ("The map.\n", {"map.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><text y="15" direction="rtl" '
                                          b'unicode-bidi="bidi-override" x="90">R dlihC</text></svg>'}),
    "html-bdo": ("The handout.\n", {"handout.html": b'<!doctype html><title>Handout</title><p><bdo dir="rtl">R dlihC</bdo>'}),
    "html-css-content": ("The handout.\n", {"handout.html": b'<!doctype html><title>Handout</title><style>p::after'
                                                           b'{content:"Chi" "ld R"}</style><p>Note: </p>'}),
    "html-input": ("The handout.\n", {"handout.html": b'<!doctype html><title>Handout</title><input value="Child R">'}),
    "xlsx-numfmt": ("The data.\n", {"data.xlsx": XLSX_NUMFMT}),
    "xlsx-header": ("The data.\n", {"data.xlsx": XLSX_HEADER}),
    "xlsx-prompt": ("The data.\n", {"data.xlsx": XLSX_PROMPT}),
    "xlsx-chart": ("The data.\n", {"data.xlsx": XLSX_CHART}),
    "docx-soft-hyphen": ("The notes.\n", {"notes.docx": DOCX_SOFT}),
    "docx-textbox": ("The notes.\n", {"notes.docx": DOCX_TEXTBOX}),
    "pdf-out-of-order": ("The notes.\n", {"notes.pdf": pdf_out_of_order()}),
    "pdf-pattern": ("The notes.\n", {"notes.pdf": pdf_pattern()}),
    "pdf-form-xobject": ("The notes.\n", {"notes.pdf": pdf_form_xobject()}),
    "utf16-no-bom": ("The notes.\n", {"notes.txt": "We met Child R at the school.\n".encode("utf-16-le")}),
    "cp1252-nbsp": ("The notes.\n", {"notes.txt": b"We met Child\xa0R at the school.\n"}),
    "latin1-shy": ("The notes.\n", {"notes.txt": b"We met Chi\xadld R at the school.\n"}),
    "ics-folded": ("The event.\n", {"event.ics": b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//x//EN\r\nBEGIN:VEVENT\r\n"
                                                b"UID:1@x\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260701T100000Z\r\n"
                                                b"SUMMARY:Learning from Chi\r\n ld R\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"}),
    "eml-soft-break": ("The mail.\n", {"mail.eml": b"From: a@example.org\r\nTo: b@example.org\r\nSubject: Notes\r\n"
                                                   b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                                                   b"Content-Transfer-Encoding: quoted-printable\r\n\r\nWe met Chi=\r\n"
                                                   b"ld R today.\r\n"}),
    "epub": ("The book.\n", {"book.epub": EPUB}),
}


def _named(result: Result, what: str) -> bool:
    return any(what in line for line in result.output.splitlines() if not line.lstrip().startswith("Warning"))


def _run(tmp_path_factory, attempts: dict, setup, rounds: int = 5, fields: tuple[str, ...] = ()):
    """Build; drop every page or file a refusal names (a refusal before the audit hides the rest),
    and the pages `setup` made among `fields` it names; build again until the audit has read
    everything left. All builds' output together, the last project, the pages left."""
    pages = {slug: (body, dict(files)) for slug, (body, files) in attempts.items()}
    dropped, outputs, code = set(), [], 0
    for _ in range(rounds):
        project = Project(tmp_path_factory.mktemp("r2") / "p")
        setup(project)
        for slug in dropped & set(fields):
            project.delete(f"learning/{slug}")
        for slug, (body, files) in pages.items():
            page(project, slug, body, files)
        result = project.build(AS_OF)
        outputs.append(result)
        code = max(code, result.returncode)
        if result.returncode == 0:
            break
        named = {slug for slug in (*pages, *fields) if _named(result, f"learning/{slug}/")} - dropped
        if not named:
            break
        dropped |= named
        pages = {slug: v for slug, v in pages.items() if slug not in named}
    return Result(code, "".join(r.stdout for r in outputs), "".join(r.stderr for r in outputs)), project, pages


@pytest.fixture(scope="module")
def attempts(tmp_path_factory):
    return _run(tmp_path_factory, ATTEMPTS, hidden, rounds=4)


def _leak(reason: str):
    return pytest.mark.xfail(strict=True, reason=f"leak: {reason}")


def refused(attempts, what: str) -> bool:
    result = attempts[0]
    return result.returncode != 0 and _named(result, what)


# --- What holds (refused before publishing, or found by the audit) -----------------------------

@pytest.mark.parametrize("where", [
    "learning/ruby/index.md", "learning/form-value/index.md", "learning/placeholder/index.md",
    "learning/option-label/index.md", "learning/meter-label/index.md",  # elements outside the simple-HTML list
    "learning/small-caps/", "learning/hangul-fillers/", "learning/unicode-hyphen-slug/", "learning/line-break/",
    "learning/json-escapes/data.json", "learning/html-bdo/handout.html", "learning/html-css-content/handout.html",
    "learning/html-input/handout.html", "learning/xlsx-prompt/data.xlsx", "learning/xlsx-chart/data.xlsx",
    "learning/docx-soft-hyphen/notes.docx", "learning/docx-textbox/notes.docx", "learning/pdf-out-of-order/notes.pdf",
    "learning/pdf-form-xobject/notes.pdf", "learning/utf16-no-bom/notes.txt", "learning/cp1252-nbsp/notes.txt",
    "learning/latin1-shy/notes.txt", "learning/ics-folded/event.ics", "learning/eml-soft-break/mail.eml",
    "learning/epub/book.epub"])
def test_a_hidden_pseudonym_written_this_way_is_refused(attempts, where):
    assert refused(attempts, where), attempts[0].output[-3000:]


# --- Leaks: each of these pages or files was published, with Child R readable -----------------

def test_the_leaks_below_were_published_by_a_passing_build(attempts):
    """What this round's first build still publishes (the rest of its leaks are refused since)."""
    result, project, left = attempts
    assert sorted(left) == ["upside-down"]  # turned letters (ᴚ plᴉɥƆ): the reader must turn the page over


def test_a_pseudonym_split_by_a_supplementary_variation_selector_is_found(attempts):
    assert refused(attempts, "learning/variation-selector/")


@_leak("upside-down letters (\u1d1a pl\u1d09\u0265\u0186) read as Child R turned over")
def test_a_pseudonym_written_upside_down_is_found(attempts):
    assert refused(attempts, "learning/upside-down/")


def test_text_drawn_by_a_pdf_tiling_pattern_is_read(attempts):
    assert refused(attempts, "learning/pdf-pattern/notes.pdf")


def test_svg_text_reversed_by_bidi_override_is_read(attempts):
    assert refused(attempts, "learning/svg-bidi/map.svg")


def test_svg_text_built_from_a_dtd_entity_is_read(attempts):
    assert refused(attempts, "learning/svg-entity/map.svg")


def test_xml_text_built_from_a_dtd_entity_is_read(attempts):
    assert refused(attempts, "learning/xml-entity/data.xml")


def test_a_spreadsheet_number_format_that_shows_a_name_is_read(attempts):
    assert refused(attempts, "learning/xlsx-numfmt/data.xlsx")


def test_a_spreadsheet_header_split_by_format_codes_is_read(attempts):
    assert refused(attempts, "learning/xlsx-header/data.xlsx")


# --- Round 2b: invisible characters one by one, front matter, more attachments -----------------

import base64  # noqa: E402

SVG_TEXT = b'<svg xmlns="http://www.w3.org/2000/svg" width="120" height="20"><text y="15">Child R</text></svg>'
_LVL = ('<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="Child R %1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
DOCX_NUMBERING = fx.docx('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>'
                         'Agencies met.</w:t></w:r></w:p>', {"word/numbering.xml": fx.docx_part("numbering", _LVL)})
DOCX_TOOLTIP = fx.docx('<w:p><w:hyperlink w:anchor="top" w:tooltip="Child R"><w:r><w:t>Top</w:t></w:r></w:hyperlink></w:p>')
DOCX_ALIAS = fx.docx('<w:p><w:sdt><w:sdtPr><w:alias w:val="Child R"/><w:dropDownList><w:listItem w:displayText='
                     '"Child R" w:value="1"/></w:dropDownList></w:sdtPr><w:sdtContent><w:r><w:t>Choose</w:t></w:r>'
                     '</w:sdtContent></w:sdt></w:p>')

IGNORABLES = {"180b": "\u180b", "061c": "\u061c", "2064": "\u2064", "e01ef": "\U000e01ef", "17b4": "\u17b4",
              "fe00": "\ufe00", "1d173": "\U0001d173", "e0001": "\U000e0001"}

ATTEMPTS2 = {
    **{f"ignorable-{code}": (f"Remember Chi{char}ld R today.\n", {}) for code, char in IGNORABLES.items()},
    "md-data-svg": (f"![map](data:image/svg+xml;base64,{base64.b64encode(SVG_TEXT).decode()})\n", {}),
    "html-data-svg": ("The handout.\n", {"handout.html": b'<!doctype html><title>Handout</title><img alt="map" src="data:'
                                                        b'image/svg+xml;base64,' + base64.b64encode(SVG_TEXT) + b'">'}),
    "html-srcdoc": ("The handout.\n", {"handout.html": b'<!doctype html><title>Handout</title><iframe srcdoc="Chi&amp;#108;'
                                                      b'd R"></iframe>'}),
    "html-css-bidi": ("The handout.\n", {"handout.html": b'<!doctype html><title>Handout</title><style>.x{direction:rtl;'
                                                        b'unicode-bidi:bidi-override}</style><p class="x">R dlihC</p>'}),
    "html-flex-reverse": ("The handout.\n", {"handout.html": b'<!doctype html><title>Handout</title><style>.f{display:'
                                                            b'flex;flex-direction:row-reverse;justify-content:flex-end}'
                                                            b'</style><div class="f"><span>ld&nbsp;R</span><span>Chi'
                                                            b'</span></div>'}),
    "html-ruby": ("The handout.\n", {"handout.html": b'<!doctype html><title>Handout</title><p>Chi<ruby>ld<rt>x</rt>'
                                                    b'</ruby> R</p>'}),
    "svg-reordered": ("The map.\n", {"map.svg": b'<svg xmlns="http://www.w3.org/2000/svg" width="120" height="20"><text '
                                                b'y="15" font-family="monospace" font-size="10"><tspan x="18.06">ld R'
                                                b'</tspan><tspan x="0">Chi</tspan></text></svg>'}),
    "docx-numbering": ("The notes.\n", {"notes.docx": DOCX_NUMBERING}),
    "docx-tooltip": ("The notes.\n", {"notes.docx": DOCX_TOOLTIP}),
    "docx-alias": ("The notes.\n", {"notes.docx": DOCX_ALIAS}),
    "txt-ansi": ("The notes.\n", {"notes.txt": b"We met Chi\x1b[0mld R at the school.\n"}),
}


def hidden2(project: Project) -> None:
    hidden(project)
    # front matter of public items
    project.item("learning/field-title/index.md", body="Body.\n",
                 **learning(title="Remembering Chi\U000e0100ld R"))
    project.item("learning/field-themes/index.md", body="Body.\n", **learning(title="Themes guide", themes=["Child R"]))
    project.item("learning/field-summary/index.md", body="Body.\n",
                 **learning(title="Summary guide", summary="What we learned from Child R."))
    project.item("learning/field-location/index.md", body="Body.\n",
                 **learning(kind="event", title="Location workshop", event={
                     "start": "2026-07-01T09:30", "end": "2026-07-01T12:30", "location": "The Child R family centre"}))
    project.item("learning/field-past-booking/index.md", body="Body.\n",
                 **learning(kind="event", title="Past workshop", event={
                     "start": "2026-03-01T09:30", "end": "2026-03-01T12:30", "location": "online",
                     "booking": "https://events.example.org/2025-child-r-workshop"}))
    # items that must not be public on 2026-06-01, each with a title no public text holds
    project.item("learning/scheduled-event/index.md", body="Body.\n",
                 **learning(kind="event", title="Harbour Lights workshop", date="2026-06-02", event={
                     "start": "2026-06-03T09:30", "end": "2026-06-03T12:30", "location": "online"}))
    project.item("learning/removed-today/index.md", body="Body.\n",
                 **learning(title="Lantern Quay briefing", date="2025-01-06", remove_after="2026-06-01"))
    project.item("reviews/2024-child-t/index.md", body="Body.\n",
                 **review(kind="scr", title="Child T: Copper Beech review", child="Child T", date="2025-01-06",
                          status="withdrawn", withdrawn={"date": "2026-06-01", "reason": "family request"}))


HIDDEN2_NEEDLES = ("harbour lights", "scheduled-event", "lantern quay", "removed-today", "copper beech", "2024-child-t",
                   "child t")


@pytest.fixture(scope="module")
def attempts2(tmp_path_factory):
    return _run(tmp_path_factory, ATTEMPTS2, hidden2,
                fields=("field-title", "field-themes", "field-summary", "field-location", "field-past-booking"))


def refused2(attempts2, what: str) -> bool:
    result = attempts2[0]
    return result.returncode != 0 and _named(result, what)


@pytest.mark.parametrize("where", [
    *(f"learning/ignorable-{code}/" for code in ("061c", "17b4", "1d173", "2064", "e0001", "fe00")),
    "learning/md-data-svg/index.md", "learning/html-data-svg/handout.html", "learning/html-srcdoc/handout.html",
    "learning/docx-numbering/notes.docx", "learning/docx-tooltip/notes.docx", "learning/docx-alias/notes.docx",
    "learning/field-themes/", "learning/field-location/", "site/learning/field-location/event.ics",
    "site/feeds/events.ics", "content/learning/field-summary/index.md"])
def test_a_hidden_pseudonym_written_this_way_is_refused_2(attempts2, where):
    assert refused2(attempts2, where), attempts2[0].output[-3000:]


def test_items_scheduled_for_tomorrow_removed_or_withdrawn_today_leave_no_trace(attempts2):
    """An event scheduled for tomorrow, an item whose remove_after is today and a review withdrawn
    today are in no output of the passing build (and that build was the last one)."""
    result, project, left = attempts2
    assert sorted(left) == ["txt-ansi"]  # a terminal's escape code: a browser shows it, so not a leak
    text = "\n".join(project.outputs().values()).lower()
    assert not [needle for needle in HIDDEN2_NEEDLES if needle in text]
    assert "next scheduled change: 2026-06-02" in result.output.lower()


def test_a_pseudonym_split_by_a_mongolian_variation_selector_is_found(attempts2):
    assert refused2(attempts2, "learning/ignorable-180b/")


def test_a_pseudonym_split_by_the_last_supplementary_variation_selector_is_found(attempts2):
    assert refused2(attempts2, "learning/ignorable-e01ef/")


def test_a_pseudonym_split_by_a_variation_selector_in_a_title_is_found(attempts2):
    assert refused2(attempts2, "learning/field-title/")


def test_a_hidden_slug_in_a_past_events_booking_address_is_found(attempts2):
    assert refused2(attempts2, "learning/field-past-booking/")


def test_html_text_reversed_by_a_stylesheet_is_read(attempts2):
    assert refused2(attempts2, "learning/html-css-bidi/handout.html")


def test_html_text_reordered_by_flexbox_is_read(attempts2):
    assert refused2(attempts2, "learning/html-flex-reverse/handout.html")


def test_html_ruby_annotation_is_read_as_the_base_text(attempts2):
    assert refused2(attempts2, "learning/html-ruby/handout.html")


def test_svg_tspans_written_out_of_order_are_read_in_drawing_order(attempts2):
    assert refused2(attempts2, "learning/svg-reordered/map.svg")


# --- Round 2c: addresses, passages, viewer chrome ---------------------------------------------

from mutagen.id3 import SYLT  # noqa: E402
from helpers import MP3  # noqa: E402

PASSAGE = ("the childminder had noticed that the toddler flinched whenever the stepfather raised his voice in the "
           "kitchen but she never wrote it down anywhere")


def _pdf_with(extra) -> bytes:
    doc = fx._pdf(("Practice notes for the team.",))
    extra(doc)
    return fx._save(doc)


def _page_labels(doc):
    doc.Root.PageLabels = pikepdf.Dictionary(Nums=pikepdf.Array([0, pikepdf.Dictionary(P=pikepdf.String("Child R "))]))


def _ocg(doc):
    ocg = doc.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.OCG, Name=pikepdf.String("Child R")))
    doc.Root.OCProperties = pikepdf.Dictionary(OCGs=pikepdf.Array([ocg]), D=pikepdf.Dictionary(
        Order=pikepdf.Array([ocg]), ON=pikepdf.Array([ocg])))


def _link(doc):
    link = doc.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[72, 700, 200, 720],
                                                A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String(
                                                    "https://safeguarding.wealdmouth.example.org/reviews/2025-child-r/"))))
    doc.pages[0].obj.Annots = pikepdf.Array([link])


def _hyphenated_pdf() -> bytes:
    words = PASSAGE.split()
    half = len(words) // 2
    first = " ".join(words[:half - 1]) + " " + words[half - 1][:4] + "-"
    second = words[half - 1][4:] + " " + " ".join(words[half:])
    return fx.pdf_text("Notes for the team.", first, second)


XSLT = (b'<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="#s"?><!DOCTYPE d [<!ATTLIST xsl:stylesheet id ID '
        b'#REQUIRED>]><d><xsl:stylesheet id="s" version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        b'<xsl:template match="/"><html><body><p><xsl:value-of select="concat(\'Chi\', \'ld R\')"/></p></body></html>'
        b'</xsl:template></xsl:stylesheet></d>')

ATTEMPTS3 = {
    "link-longer-segment": ("[Book](https://events.example.org/2025-child-r-workshop)\n", {}),
    "text-longer-segment": ("See the child-r-workshop page.\n", {}),
    "passage-cells": ("| " + " | ".join(PASSAGE.split()[:12]) + " |\n|" + "---|" * 12 + "\n", {}),
    "passage-nbsp": ("We heard that " + "&nbsp;".join(PASSAGE.split()) + ".\n", {}),
    "passage-marks": ("We heard that " + " ".join(f"<mark>{w}</mark>" for w in PASSAGE.split()) + ".\n", {}),
    "passage-hyphenated-pdf": ("The notes.\n", {"notes.pdf": _hyphenated_pdf()}),
    "pdf-page-labels": ("The notes.\n", {"notes.pdf": _pdf_with(_page_labels)}),
    "pdf-layer-name": ("The notes.\n", {"notes.pdf": _pdf_with(_ocg)}),
    "pdf-link": ("The notes.\n", {"notes.pdf": _pdf_with(_link)}),
    "svg-tiny-decoy": ("The map.\n", {"map.svg": b'<svg xmlns="http://www.w3.org/2000/svg" width="120" height="20"><text '
                                                b'y="15">Chi<tspan font-size="0.1" fill="white">zz</tspan>ld R</text></svg>'}),
    "docx-tiny-decoy": ("The notes.\n", {"notes.docx": fx.docx('<w:p><w:r><w:t>Chi</w:t></w:r><w:r><w:rPr><w:color '
                                                             'w:val="FFFFFF"/><w:sz w:val="2"/></w:rPr><w:t>zz</w:t></w:r>'
                                                             '<w:r><w:t>ld R</w:t></w:r></w:p>')}),
    "xml-xslt": ("The data.\n", {"data.xml": XSLT}),
    "mp3-synced-lyrics": ("The talk.\n", {"talk.mp3": fx.id3_mp3(MP3, SYLT(encoding=3, lang="eng", format=2, type=1,
                                                                        text=[("Chi", 0), ("ld R", 500)]))}),
}


def _png_ztxt() -> bytes:
    from PIL import PngImagePlugin
    info = PngImagePlugin.PngInfo()
    info.add_text("Description", "Child R", zip=True)
    return fx.image("PNG", pnginfo=info)


ATTEMPTS3["png-ztxt"] = ("The picture.\n", {"pic.png": _png_ztxt()})  # zTXt: compressed text chunk


def hidden3(project: Project) -> None:
    hidden(project)
    project.item("reviews/2025-willow-case/index.md", body=PASSAGE[0].upper() + PASSAGE[1:] + ".\n",
                 **review(title="Willow case review", kind="learning-review", status="draft"))


@pytest.fixture(scope="module")
def attempts3(tmp_path_factory):
    return _run(tmp_path_factory, ATTEMPTS3, hidden3)


def refused3(attempts3, what: str) -> bool:
    result = attempts3[0]
    return result.returncode != 0 and _named(result, what)


@pytest.mark.parametrize("where", [
    "learning/passage-cells/", "learning/passage-nbsp/", "learning/passage-marks/",
    "learning/passage-hyphenated-pdf/notes.pdf", "learning/pdf-page-labels/notes.pdf",
    "learning/pdf-layer-name/notes.pdf", "learning/pdf-link/notes.pdf", "learning/docx-tiny-decoy/notes.docx",
    "learning/png-ztxt/pic.png"])
def test_a_hidden_trace_written_this_way_is_refused_3(attempts3, where):
    assert refused3(attempts3, where), attempts3[0].output[-3000:]


def test_round_2c_leaks_were_published_by_a_passing_build(attempts3):
    result, project, left = attempts3
    # the year-less slug inside a longer word of plain text ("the child-r-workshop page") is read
    # as another word, as "Baby X-rays" is (the full slug in an address is found: above)
    assert sorted(left) == ["text-longer-segment"]


def test_a_hidden_slug_at_the_start_of_a_longer_path_segment_is_found(attempts3):
    assert refused3(attempts3, "learning/link-longer-segment/")


def test_an_xml_file_styled_by_its_own_xslt_is_read_as_rendered(attempts3):
    assert refused3(attempts3, "learning/xml-xslt/data.xml")


def test_an_svg_decoy_drawn_tiny_and_white_is_ignored_as_a_reader_would(attempts3):
    assert refused3(attempts3, "learning/svg-tiny-decoy/map.svg")


def test_synchronised_lyrics_split_across_timestamps_are_read(attempts3):
    assert refused3(attempts3, "learning/mp3-synced-lyrics/talk.mp3")


# --- Round 2d: a real name blacked out where a reader cannot see it, but a copy still holds it --

REAL = "Jane Whitmore"


def _black_image(doc):
    image = doc.make_stream(b"\x00")
    image.Type, image.Subtype, image.Width, image.Height = pikepdf.Name.XObject, pikepdf.Name.Image, 1, 1
    image.ColorSpace, image.BitsPerComponent = pikepdf.Name.DeviceGray, 8
    return image


def pdf_image_over_text(render_mode: int) -> bytes:
    """REAL drawn at (72, 700), then a black 1x1 image scaled over it (render mode 3: the OCR layer of a scan)."""
    doc = pikepdf.new()
    font = _font(doc)
    ops = (f"BT /F1 12 Tf 72 740 Td (Practice notes for the team.) Tj ET BT /F1 12 Tf {render_mode} Tr 72 700 Td "
           f"(Foster carer: {REAL}) Tj ET q 200 0 0 20 70 695 cm /Im1 Do Q")
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 612, 792], Contents=doc.make_stream(ops.encode()),
                              Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font),
                                                           XObject=pikepdf.Dictionary(Im1=_black_image(doc))))
    doc.pages.append(pikepdf.Page(page))
    out = io.BytesIO()
    doc.save(out, compress_streams=True)
    return out.getvalue()


def pdf_form_box_over_text() -> bytes:
    """REAL, then a Form XObject that fills a black rectangle over it."""
    doc = pikepdf.new()
    font = _font(doc)
    box = doc.make_stream(b"0 g 0 0 200 20 re f")
    box.Type, box.Subtype, box.BBox = pikepdf.Name.XObject, pikepdf.Name.Form, [0, 0, 200, 20]
    ops = (f"BT /F1 12 Tf 72 740 Td (Practice notes for the team.) Tj ET BT /F1 12 Tf 72 700 Td (Foster carer: {REAL}) "
           "Tj ET q 1 0 0 1 70 695 cm /Fm1 Do Q")
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 612, 792], Contents=doc.make_stream(ops.encode()),
                              Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font),
                                                           XObject=pikepdf.Dictionary(Fm1=box)))
    doc.pages.append(pikepdf.Page(page))
    out = io.BytesIO()
    doc.save(out, compress_streams=True)
    return out.getvalue()


_WP = ('xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
       'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
       'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"')
DOCX_SHAPE_OVER = fx.docx(
    f'<w:p><w:r><w:drawing><wp:anchor {_WP} behindDoc="0" distT="0" distB="0" distL="0" distR="0" simplePos="0" '
    'relativeHeight="2" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH '
    'relativeFrom="column"><wp:posOffset>900000</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph">'
    '<wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="1200000" cy="200000"/><wp:wrapNone/><wp:docPr id="2" '
    'name="Rectangle 2"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<wps:wsp><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1200000" cy="200000"/></a:xfrm><a:prstGeom prst="rect">'
    '<a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="000000"/></a:solidFill></wps:spPr><wps:bodyPr/></wps:wsp>'
    f'</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r><w:r><w:t>Foster carer: {REAL}</w:t></w:r></w:p>')
DOCX_HIGHLIGHT = fx.docx(f'<w:p><w:r><w:t xml:space="preserve">Foster carer: </w:t></w:r><w:r><w:rPr><w:color '
                         f'w:val="000000"/><w:highlight w:val="black"/></w:rPr><w:t>{REAL}</w:t></w:r></w:p>')
DOCX_SHADING = fx.docx(f'<w:p><w:r><w:t xml:space="preserve">Foster carer: </w:t></w:r><w:r><w:rPr><w:color '
                       f'w:val="000000"/><w:shd w:val="clear" w:color="auto" w:fill="000000"/></w:rPr><w:t>{REAL}</w:t>'
                       '</w:r></w:p>')
XLSX_BLACK = xlsx_parts(f'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Foster carer</t></is></c><c r="B1" s="1" '
                        f't="inlineStr"><is><t>{REAL}</t></is></c></row></sheetData>',
                        '<fonts count="2"><font><sz val="11"/></font><font><sz val="11"/><color rgb="FF000000"/></font>'
                        '</fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill '
                        'patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FF000000"/>'
                        '</patternFill></fill></fills><cellXfs count="2"><xf fontId="0" fillId="0"/><xf fontId="1" '
                        'fillId="2" applyFill="1" applyFont="1"/></cellXfs>')
_PP = fx._P
PPTX_BOX_OVER = fx.zip_of({
    "[Content_Types].xml": fx._TYPES.format(""), "ppt/presentation.xml": f'<?xml version="1.0"?><p:presentation {_PP}/>',
    "ppt/slides/slide1.xml": f'<?xml version="1.0"?><p:sld {_PP}><p:cSld><p:spTree>'
    '<p:sp><p:spPr><a:xfrm><a:off x="500000" y="500000"/><a:ext cx="4000000" cy="400000"/></a:xfrm></p:spPr>'
    f'<p:txBody><a:p><a:r><a:t>Foster carer: {REAL}</a:t></a:r></a:p></p:txBody></p:sp>'
    '<p:sp><p:spPr><a:xfrm><a:off x="500000" y="500000"/><a:ext cx="4000000" cy="400000"/></a:xfrm><a:prstGeom '
    'prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="000000"/></a:solidFill></p:spPr></p:sp>'
    '</p:spTree></p:cSld></p:sld>'})

ATTEMPTS4 = {
    "pdf-image-over-text": ("The notes.\n", {"notes.pdf": pdf_image_over_text(0)}),
    "pdf-scan-ocr-redacted": ("The notes.\n", {"notes.pdf": pdf_image_over_text(3)}),
    "pdf-form-box-over-text": ("The notes.\n", {"notes.pdf": pdf_form_box_over_text()}),
    "docx-shape-over-text": ("The notes.\n", {"notes.docx": DOCX_SHAPE_OVER}),
    "docx-black-highlight": ("The notes.\n", {"notes.docx": DOCX_HIGHLIGHT}),
    "docx-black-shading": ("The notes.\n", {"notes.docx": DOCX_SHADING}),
    "xlsx-black-fill": ("The data.\n", {"data.xlsx": XLSX_BLACK}),
    "pptx-box-over-text": ("The slides.\n", {"slides.pptx": PPTX_BOX_OVER}),
}


@pytest.fixture(scope="module")
def attempts4(tmp_path_factory):
    return _run(tmp_path_factory, ATTEMPTS4, hidden, rounds=2)


@pytest.mark.parametrize("where", [
    "learning/pdf-image-over-text/notes.pdf", "learning/pdf-scan-ocr-redacted/notes.pdf",
    "learning/pdf-form-box-over-text/notes.pdf", "learning/docx-black-highlight/notes.docx",
    "learning/docx-black-shading/notes.docx", "learning/xlsx-black-fill/data.xlsx"])
def test_a_real_name_blacked_out_but_still_in_the_file_is_refused(attempts4, where):
    result = attempts4[0]
    assert result.returncode != 0 and _named(result, f"content/{where}: attachment:"), result.output[-3000:]


def test_round_2d_nothing_blacked_out_is_published(attempts4):
    result, project, left = attempts4
    assert left == {} and result.returncode != 0


def test_a_real_name_under_a_black_shape_in_word_is_refused(attempts4):
    result = attempts4[0]
    assert result.returncode != 0 and _named(result, "content/learning/docx-shape-over-text/notes.docx: attachment:")


def test_a_real_name_under_a_black_shape_in_powerpoint_is_refused(attempts4):
    result = attempts4[0]
    assert result.returncode != 0 and _named(result, "content/learning/pptx-box-over-text/slides.pptx: attachment:")
