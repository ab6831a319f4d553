"""Issue 19 (Office part) and issue 18 (Office reading): what the checks of public Word, Excel,
PowerPoint, OpenDocument and RTF files refuse and list must never refuse an ordinary file; an
error that sends the officer to `make clean-attachment` is one it cleans; the audit reads what
Word shows (RTF chunks, symbols) and refuses spreadsheet formulas that build text."""
from __future__ import annotations

import pytest

import attachment_fixtures as fx
import ordinary_office as oo
import red_files_fixtures as rf
import red_team_audit_fixtures as audit_fx
from lscp_kit.audit.readers import read
from lscp_kit.audit.readers.formulas import builds_text, shown_symbols
from lscp_kit.audit.readers.rtf import parse
from lscp_kit.checks import Attachment, check_attachments
from lscp_kit.checks.clean import Refused, clean
from red_files_base import _with
from test_red_team_files import LISTED, OFFICE_HIDDEN, _all_text, names_the_child

ORDINARY = {"report.docx": oo.word, "figures.xlsx": oo.workbook, "talk.pptx": oo.presentation}


def _check(name: str, data: bytes):
    return check_attachments([Attachment(f"reviews/x/{name}", "reviews/x", "Child N", data, "A review")])


@pytest.mark.parametrize("name", sorted(ORDINARY))
def test_an_ordinary_office_file_publishes_and_cleans(name):
    """Styles, headings in colour, white on a dark banner, Word's own bookmarks and fields, web links,
    =SUM, a hidden empty column, a pivot cache of the sheet's rows, a shape partly off the slide."""
    data = ORDINARY[name]()
    found = _check(name, data)
    assert found.errors == []
    assert not any(word in w for w in found.warnings for word in ("Bookmark", "Field code", "Link target", "Defined"))
    cleaned = clean(name, data, title="A review")
    assert _check(name, cleaned).errors == []
    assert ("Section 30" if name.endswith("docx") else "Referrals" if name.endswith("xlsx") else "What we will do") \
        in _all_text(cleaned)


CASES = [case for case, why in OFFICE_HIDDEN.items() if why is None]


@pytest.mark.parametrize("case", CASES)
def test_an_office_error_sends_the_officer_to_clean_attachment_only_when_it_cleans_the_file(case):
    name, data = rf.make(case)
    messages = [p.message for p in _check(name, data).errors]
    if all("run `make clean-attachment" in m for m in messages):
        assert not names_the_child(_all_text(clean(name, data, title="A review")))
    else:
        assert all("resolve it in the program" in m or "run `make clean-attachment" in m for m in messages)
        with pytest.raises(Refused):
            clean(name, data, title="A review")


STYLES = ('<w:style w:type="character" w:styleId="Base"><w:rPr><w:vanish/></w:rPr></w:style>'
          '<w:style w:type="character" w:styleId="Derived"><w:basedOn w:val="Base"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="Note"><w:rPr><w:vanish/></w:rPr></w:style>')


@pytest.mark.parametrize("body, hidden", [
    ('<w:p><w:r><w:rPr><w:rStyle w:val="Derived"/></w:rPr><w:t>X</w:t></w:r></w:p>', True),
    ('<w:p><w:pPr><w:pStyle w:val="Note"/></w:pPr><w:r><w:t>X</w:t></w:r></w:p>', True),
    ('<w:p><w:r><w:rPr><w:rStyle w:val="Derived"/><w:vanish w:val="0"/></w:rPr><w:t>X</w:t></w:r></w:p>', False),
    ('<w:p><w:r><w:rPr><w:color w:val="FEFEFE"/></w:rPr><w:t>X</w:t></w:r></w:p>', True),
    ('<w:p><w:r><w:rPr><w:color w:val="A6A6A6"/></w:rPr><w:t>X</w:t></w:r></w:p>', False),
    ('<w:p><w:r><w:rPr><w:color w:val="FFFFFF"/></w:rPr><w:t xml:space="preserve">   </w:t></w:r></w:p>', False),
    ('<w:p><w:pPr><w:shd w:val="clear" w:fill="002060"/></w:pPr><w:r><w:rPr><w:color w:val="FFFFFF"/></w:rPr>'
     '<w:t>X</w:t></w:r></w:p>', False),
], ids=["style-based-on-hidden", "paragraph-style-hidden", "style-hidden-switched-off", "near-white", "grey", "white-space",
        "white-on-shaded-paragraph"])
def test_word_hidden_text_follows_styles_and_backgrounds(body, hidden):
    styles = f'<?xml version="1.0"?><w:styles {fx.W}>{STYLES}</w:styles>'
    data = _with(fx.docx(body), {"word/styles.xml": styles})
    assert bool(_check("r.docx", data).errors) is hidden


def test_a_spreadsheet_of_numeric_formulas_and_a_csv_of_signed_numbers_are_read():
    assert read("figures.xlsx", oo.workbook()).unreadable == []
    assert read("figures.csv", b"agency,change,note\nPolice,-3,+2 on last year\nHealth,+7,=\n").unreadable == []


@pytest.mark.parametrize("formula, builds", [('"Chi"&"ld R"', True), ("CHAR(67)", True), ("_xlfn.CONCAT(A1,B1)", True),
                                             ('SUBSTITUTE("CXhild","X","")', True), ("SUM(B2:B9)", False),
                                             ('IF(B10>100,"High","Low")', False), ('"Tom & Jerry"', False),
                                             ('TEXT(A1,"d mmmm yyyy")', False), ('TEXT(TODAY(),"dd/mm/yy")', False),
                                             ('TEXT(A1,"\\C\\h\\i\\l\\d")', True), ('TEXT(A1,"Chi""ld")', True),
                                             ('"Updated "&TEXT(A1,"d mmm")', True)])
def test_a_formula_that_builds_text_is_told_from_one_that_does_not(formula, builds):
    assert builds_text(formula) is builds


def test_a_word_rtf_chunk_is_read_as_word_shows_it_pictures_nested_and_objects_refused():
    png = fx.jpeg()  # any picture: it is read as a nested file
    data = (b"{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}{\\info{\\author A}}\\f0 Bo\\'f1o {\\b and} \\u8364?5.\\par"
            b"{\\*\\shppict{\\pict\\jpegblip " + png.hex().encode() + b"}}{\\v hidden}}")
    parsed = parse(data)
    assert "".join(parsed.body) == "Bo\u00f1o and \u20ac5.\nhidden" and "".join(parsed.hidden) == "hidden"
    assert parsed.pictures == [("picture.jpg", png)] and "".join(parsed.destinations["author"]) == "A"
    assert read("r.docx", audit_fx.docx_rtf_chunk(data)).unreadable == []
    assert read("r.docx", audit_fx.docx_rtf_chunk(b"{\\rtf1 Text{\\object{\\*\\objdata 0105}}}")).unreadable
    assert read("notes.rtf", data).unreadable  # an RTF file of its own is not published


def test_word_symbols_are_read_as_the_characters_word_draws():
    assert shown_symbols('<w:r><w:sym w:font="Arial" w:char="F065"/></w:r><w:sym w:char="0068"/>') == "<w:r>e</w:r>h"
    assert shown_symbols('<w:sym w:font="Wingdings" w:char="F04A"/>') == ""  # a smiling face, not a J
    data = fx.docx('<w:p><w:r><w:t>Caf</w:t></w:r><w:r><w:sym w:font="Calibri" w:char="F065"/></w:r></w:p>')
    assert any("Caf</w:t></w:r><w:r>e</w:r>" in text for text in read("r.docx", data).markup)


CELL = '<w:tc><w:tcPr>{}</w:tcPr><w:p><w:r><w:rPr><w:color w:val="FFFFFF"/></w:rPr><w:t>Agency</w:t></w:r></w:p></w:tc>'


@pytest.mark.parametrize("body, hidden", [
    (f'<w:tbl><w:tblPr><w:tblStyle w:val="GridTable4-Accent1"/></w:tblPr><w:tr>{CELL.format("")}</w:tr></w:tbl>', False),
    (f'<w:tbl><w:tr>{CELL.format(chr(60) + "w:shd w:val=%sclear%s w:fill=%s1F3864%s/>" % ((chr(34),) * 4))}</w:tr></w:tbl>',
     False),
    (f'<w:tbl><w:tr>{CELL.format("")}</w:tr></w:tbl>', True),
    ('<w:p><w:r><w:drawing><wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
     'behindDoc="1"/></w:drawing></w:r></w:p><w:p><w:r><w:rPr><w:color w:val="FFFFFF"/></w:rPr><w:t>Annual report</w:t>'
     '</w:r></w:p>', False),
    ('<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent><w:p><w:r><w:rPr>'
     '<w:color w:val="FFFFFF"/></w:rPr><w:t>2026</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>'
     '</w:p>', False),
], ids=["table-style", "shaded-cell", "plain-table", "picture-behind-text", "text-box"])
def test_white_text_is_hidden_only_where_the_kit_knows_what_is_behind_it(body, hidden):
    assert bool(_check("r.docx", fx.docx(body)).errors) is hidden


_SHEET = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData><row r="1">'
          '<c r="A1" s="1" t="inlineStr"><is><t>High</t></is></c></row></sheetData>{}</worksheet>')


@pytest.mark.parametrize("extra", [
    '<conditionalFormatting sqref="A1:A9"><cfRule type="cellIs" dxfId="0" priority="1" operator="equal">'
    '<formula>"High"</formula></cfRule></conditionalFormatting>',
    '<tableParts count="1"><tablePart r:id="rId1"/></tableParts>'], ids=["conditional-formatting", "excel-table"])
def test_white_cells_coloured_by_conditional_formatting_or_a_table_style_are_not_hidden(extra):
    name, data = rf.make("xlsx_white_font")
    assert _check(name, _with(data, {"xl/worksheets/sheet1.xml": _SHEET.format(extra)})).errors == []
    assert _check(name, data).errors


def test_the_theme_and_custom_xml_word_keeps_as_hex_in_an_rtf_chunk_are_read():
    inner = fx.docx("<w:p><w:r><w:t>Kept aside</w:t></w:r></w:p>")
    data = b"{\\rtf1\\ansi Text.{\\*\\themedata " + inner.hex().encode() + b"}}"
    assert any("Kept aside" in text for text in read("r.docx", audit_fx.docx_rtf_chunk(data)).markup)


def test_hidden_text_in_a_word_rtf_chunk_is_refused_and_left_to_word():
    data = audit_fx.docx_rtf_chunk(b"{\\rtf1\\ansi Intro.{\\v Jordan Ashworth}}")
    [error] = _check("r.docx", data).errors
    assert "word/chunk.rtf: hidden text: «Jordan Ashworth»" in error.message and "resolve it in the program" in error.message
    with pytest.raises(Refused):
        clean("r.docx", data, title="A review")


LISTED_OFFICE = [case for case, why in LISTED.items() if why is None and case.split("_")[0] in ("docx", "xlsx", "pptx",
                                                                                              "odt", "doc")]


@pytest.mark.parametrize("case", LISTED_OFFICE)
def test_listed_office_words_are_sent_to_clean_attachment_only_when_it_removes_them(case):
    name, data = rf.make(case)
    found = _check(name, data)
    [told] = [w for w in found.warnings if names_the_child(w)] or [p.message for p in found.errors]
    if "run `make clean-attachment" in told:
        assert not names_the_child(_all_text(clean(name, data, title="A review")))
    else:
        assert "in the program that made the file" in told


def test_a_damaged_part_is_checked_leniently_and_refused_by_clean_with_what_to_do():
    name, data = rf.make("docx_white_text")
    damaged = _with(data, {"word/styles.xml": '<?xml version="1.0"?><w:styles ' + fx.W + '><w:style w:sty'})
    assert _check(name, damaged).errors  # the white text is still found
    with pytest.raises(Refused, match="open it in its program, save it again"):
        clean(name, _with(data, {"word/document.xml": b"<w:document><w:body>"}), title="A review")
    assert "".join(parse(b"{\\rtf1 \\u-100000 \\u1114112?x}").body).endswith("x")


def test_a_dark_banner_behind_the_text_and_a_title_bar_under_its_text_are_no_redaction():
    """Ordinary designs: a dark shape behind the text in Word, a dark bar drawn before (under) a
    slide title or holding its own white text; only a box drawn over other text is refused."""
    from lscp_kit.checks.office_package import Package
    from lscp_kit.checks.office_shapes import covered
    a = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    fill = '<a:solidFill><a:srgbClr val="1F1F1F"/></a:solidFill>'
    box = '<a:xfrm><a:off x="0" y="0"/><a:ext cx="100" cy="100"/></a:xfrm>'
    slide = (f'<p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" {a}><p:cSld><p:spTree>'
             f'<p:sp><p:spPr>{box}{fill}</p:spPr></p:sp>'
             f'<p:sp><p:spPr>{box}</p:spPr><p:txBody><a:p><a:r><a:t>Title</a:t></a:r></a:p></p:txBody></p:sp>'
             f'<p:sp><p:spPr>{box}{fill}</p:spPr><p:txBody><a:p><a:r><a:t>White text</a:t></a:r></a:p></p:txBody></p:sp>'
             '</p:spTree></p:cSld></p:sld>')
    with Package(_zip({"ppt/slides/slide1.xml": slide})) as pkg:
        assert covered(pkg) == []
    word = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
            f'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" {a}><w:body><w:p><w:r>'
            f'<w:drawing><wp:anchor behindDoc="1"><wps:wsp><wps:spPr>{box}{fill}</wps:spPr></wps:wsp></wp:anchor>'
            '</w:drawing></w:r><w:r><w:t>Text over a banner</w:t></w:r></w:p></w:body></w:document>')
    with Package(_zip({"word/document.xml": word})) as pkg:
        assert covered(pkg) == []


def _zip(parts: dict[str, str]) -> bytes:
    import io
    import zipfile
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return out.getvalue()
