"""Red-team Word, PowerPoint, Excel and OpenDocument files for issue 19 (zip parts written by hand)."""
from __future__ import annotations

import attachment_fixtures as fx
from red_files_base import NAME, _with, _zip, makers


def _wpart(root: str, inner: str) -> str:
    return f'<?xml version="1.0"?><w:{root} {fx.W}>{inner}</w:{root}>'


RUN = f"<w:p><w:r><w:t>{NAME}</w:t></w:r></w:p>"
DEL = f'<w:p><w:del w:id="9" w:author="A"><w:r><w:delText>{NAME}</w:delText></w:r></w:del></w:p>'


def docx_header_deletion() -> bytes:
    return _with(fx.docx(), {"word/header1.xml": _wpart("hdr", DEL)})


def docx_footnote_deletion() -> bytes:
    return _with(fx.docx(), {"word/footnotes.xml": _wpart("footnotes", f'<w:footnote w:id="1">{DEL}</w:footnote>')})


def docx_endnote_deletion() -> bytes:
    return _with(fx.docx(), {"word/endnotes.xml": _wpart("endnotes", f'<w:endnote w:id="1">{DEL}</w:endnote>')})


def docx_table_deletion() -> bytes:
    return fx.docx(f"<w:tbl><w:tr><w:tc>{DEL}</w:tc></w:tr></w:tbl>")


def docx_moved_from() -> bytes:
    return fx.docx(f'<w:p><w:moveFrom w:id="3" w:author="A"><w:r><w:t>{NAME}</w:t></w:r></w:moveFrom></w:p>')


def docx_deleted_instr() -> bytes:
    return fx.docx(f'<w:p><w:del w:id="4" w:author="A"><w:r><w:delInstrText>{NAME}</w:delInstrText></w:r></w:del></w:p>')


def docx_style_vanish() -> bytes:
    styles = _wpart("styles", '<w:style w:type="character" w:styleId="Secret"><w:rPr><w:vanish/></w:rPr></w:style>')
    body = f'<w:p><w:r><w:rPr><w:rStyle w:val="Secret"/></w:rPr><w:t>{NAME}</w:t></w:r></w:p>'
    return _with(fx.docx(body), {"word/styles.xml": styles})


def docx_white_text() -> bytes:
    return fx.docx(f'<w:p><w:r><w:rPr><w:color w:val="FFFFFF"/></w:rPr><w:t>{NAME}</w:t></w:r></w:p>')


def docx_tiny_text() -> bytes:
    return fx.docx(f'<w:p><w:r><w:rPr><w:sz w:val="1"/></w:rPr><w:t>{NAME}</w:t></w:r></w:p>')


def docx_custom_props() -> bytes:
    custom = ('<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
              'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
              f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" name="Subject child">'
              f'<vt:lpwstr>{NAME}</vt:lpwstr></property></Properties>')
    return _with(fx.docx(), {"docProps/custom.xml": custom})


def docx_doc_vars() -> bytes:
    settings = _wpart("settings", f'<w:docVars><w:docVar w:name="child" w:val="{NAME}"/></w:docVars>')
    return _with(fx.docx(), {"word/settings.xml": settings})


def docx_people() -> bytes:
    people = ('<?xml version="1.0"?><w15:people xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">'
              f'<w15:person w15:author="{NAME}"/></w15:people>')
    return _with(fx.docx(), {"word/people.xml": people})


def docx_insertion_author() -> bytes:
    return fx.docx(f'<w:p><w:ins w:id="5" w:author="{NAME}"><w:r><w:t>The panel met.</w:t></w:r></w:ins></w:p>')


def docx_bookmark() -> bytes:
    return fx.docx('<w:p><w:bookmarkStart w:id="0" w:name="Jordan_Ashworth"/><w:r><w:t>The panel met.</w:t></w:r>'
                   '<w:bookmarkEnd w:id="0"/></w:p>')


def docx_custom_xml() -> bytes:
    return _with(fx.docx(), {"customXml/item1.xml": f"<case><child>{NAME}</child></case>"})


def docx_glossary() -> bytes:
    return _with(fx.docx(), {"word/glossary/document.xml": _wpart("glossaryDocument", f"<w:docParts>{RUN}</w:docParts>")})


def docx_embedded_docx() -> bytes:
    """A Word file embedding another whose tracked deletion names the child."""
    return _with(fx.docx(), {"word/embeddings/oleObject1.docx": fx.docx(DEL)})


def docx_image_gps() -> bytes:
    return _with(fx.docx(), {"word/media/image1.jpeg": fx.jpeg(gps=True)})


def docx_comments_extensible() -> bytes:
    """The author of a comment, kept in commentsExtensible after the comments were deleted."""
    ext = ('<?xml version="1.0"?><w16cex:commentsExtensible xmlns:w16cex="http://schemas.microsoft.com/office/word/'
           f'2018/wordml/cex"><w16cex:commentExtensible w16cex:durableId="1" w16cex:author="{NAME}"/>'
           '</w16cex:commentsExtensible>')
    return _with(fx.docx(), {"word/commentsExtensible.xml": ext})


def docx_field_code() -> bytes:
    """A hyperlink field whose code (not shown) holds the child's e-mail address."""
    return fx.docx('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK '
                   '"mailto:jordan.ashworth@example.org" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/>'
                   '</w:r><w:r><w:t>the family</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')


def docx_link_target() -> bytes:
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'hyperlink" Target="file:///C:/Users/case/Ashworth%20family/chronology.docx" TargetMode="External"/>'
            '</Relationships>')
    return _with(fx.docx(), {"word/_rels/document.xml.rels": rels})


P = 'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'


def _pptx(extra: dict[str, str], slide: str = "<a:t>The panel met.</a:t>", show: str = "") -> bytes:
    parts = {"[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                                    'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
             "ppt/presentation.xml": f'<?xml version="1.0"?><p:presentation {P}/>',
             "ppt/slides/slide1.xml": f'<?xml version="1.0"?><p:sld {P}{show}><p:cSld><p:spTree><p:sp><p:txBody>'
                                      f'<a:p><a:r>{slide}</a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>'}
    return _zip({**parts, **extra})


def pptx_notes() -> bytes:
    return _pptx({"ppt/notesSlides/notesSlide1.xml": f'<?xml version="1.0"?><p:notes {P}><p:cSld><p:spTree><p:sp>'
                  f'<p:txBody><a:p><a:r><a:t>Remember {NAME}</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld>'
                  '</p:notes>'})


def pptx_hidden_slide() -> bytes:
    return _pptx({}, slide=f"<a:t>{NAME}</a:t>", show=' show="0"')


def pptx_comment() -> bytes:
    return _pptx({"ppt/comments/comment1.xml": f'<?xml version="1.0"?><p:cmLst {P}><p:cm authorId="0"><p:text>'
                  f'Ask {NAME}</p:text></p:cm></p:cmLst>'})


def pptx_offslide() -> bytes:
    slide = (f'<?xml version="1.0"?><p:sld {P}><p:cSld><p:spTree><p:sp><p:spPr><a:xfrm><a:off x="99999999" y="0"/>'
             f'<a:ext cx="100" cy="100"/></a:xfrm></p:spPr><p:txBody><a:p><a:r><a:t>{NAME}</a:t></a:r></a:p>'
             '</p:txBody></p:sp></p:spTree></p:cSld></p:sld>')
    return _pptx({"ppt/slides/slide1.xml": slide})


def pptx_hidden_shape() -> bytes:
    slide = (f'<?xml version="1.0"?><p:sld {P}><p:cSld><p:spTree><p:sp><p:nvSpPr><p:cNvPr id="2" name="x" hidden="1"/>'
             f'</p:nvSpPr><p:txBody><a:p><a:r><a:t>{NAME}</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>')
    return _pptx({"ppt/slides/slide1.xml": slide})


S = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _xlsx(sheet: str, workbook: str = '<sheets><sheet name="A" sheetId="1"/></sheets>', extra=None) -> bytes:
    parts = {"[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                                    'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
             "xl/workbook.xml": f'<?xml version="1.0"?><workbook {S}>{workbook}</workbook>',
             "xl/worksheets/sheet1.xml": f'<?xml version="1.0"?><worksheet {S}>{sheet}</worksheet>'}
    return _zip({**parts, **(extra or {})})


def _cell(attrs: str = "") -> str:
    return f'<sheetData><row r="1"{attrs}><c r="A1" t="inlineStr"><is><t>{NAME}</t></is></c></row></sheetData>'


def xlsx_number_format_hidden() -> bytes:
    """A cell formatted `;;;`: its value is never shown."""
    styles = (f'<?xml version="1.0"?><styleSheet {S}><numFmts><numFmt numFmtId="164" formatCode=";;;"/></numFmts>'
              '<cellXfs><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>')
    sheet = f'<sheetData><row r="1"><c r="A1" s="1" t="inlineStr"><is><t>{NAME}</t></is></c></row></sheetData>'
    return _xlsx(sheet, extra={"xl/styles.xml": styles})


def xlsx_pivot_cache() -> bytes:
    """A pivot cache still holding the source rows of a sheet since deleted."""
    cache = (f'<?xml version="1.0"?><pivotCacheRecords {S} count="1"><r><s v="{NAME}"/></r></pivotCacheRecords>')
    return _xlsx("<sheetData/>", extra={"xl/pivotCache/pivotCacheRecords1.xml": cache})


def xlsx_external_link() -> bytes:
    link = (f'<?xml version="1.0"?><externalLink {S}><externalBook><sheetNames><sheetName val="Ashworth family"/>'
            '</sheetNames></externalBook></externalLink>')
    return _xlsx("<sheetData/>", extra={"xl/externalLinks/externalLink1.xml": link})


def xlsx_hidden_row() -> bytes:
    return _xlsx(_cell(' hidden="1"'))


def xlsx_hidden_column() -> bytes:
    return _xlsx('<cols><col min="1" max="1" hidden="1"/></cols>' + _cell())


def xlsx_very_hidden_sheet() -> bytes:
    return _xlsx(_cell(), '<sheets><sheet name="A" sheetId="1" state="veryHidden"/></sheets>')


def xlsx_hidden_sheet() -> bytes:
    return _xlsx(_cell(), '<sheets><sheet name="A" sheetId="1" state="hidden"/></sheets>')


def xlsx_defined_name() -> bytes:
    return _xlsx("<sheetData/>", f'<sheets><sheet name="A" sheetId="1"/></sheets><definedNames><definedName '
                 f'name="child">"{NAME}"</definedName></definedNames>')


def xlsx_cell_comment() -> bytes:
    return _xlsx("<sheetData/>", extra={"xl/comments1.xml": f'<?xml version="1.0"?><comments {S}><authors><author>A'
                                        f'</author></authors><commentList><comment ref="A1" authorId="0"><text><t>'
                                        f'{NAME}</t></text></comment></commentList></comments>'})


def xlsx_unused_shared_string() -> bytes:
    return _xlsx("<sheetData/>", extra={"xl/sharedStrings.xml": f'<?xml version="1.0"?><sst {S}><si><t>{NAME}</t>'
                                        '</si></sst>'})


def xlsx_white_font() -> bytes:
    styles = (f'<?xml version="1.0"?><styleSheet {S}><fonts><font/><font><color rgb="FFFFFFFF"/></font></fonts>'
              '<cellXfs><xf fontId="0"/><xf fontId="1"/></cellXfs></styleSheet>')
    sheet = f'<sheetData><row r="1"><c r="A1" s="1" t="inlineStr"><is><t>{NAME}</t></is></c></row></sheetData>'
    return _xlsx(sheet, extra={"xl/styles.xml": styles})


ODF = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:'
       'xmlns:text:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/'
       'elements/1.1/"')


def _odt(body: str = "<text:p>The panel met.</text:p>", meta: str = "") -> bytes:
    parts = {"mimetype": "application/vnd.oasis.opendocument.text",
             "content.xml": f'<?xml version="1.0"?><office:document-content {ODF}><office:body><office:text>{body}'
                            '</office:text></office:body></office:document-content>'}
    if meta:
        parts["meta.xml"] = (f'<?xml version="1.0"?><office:document-meta {ODF}><office:meta>{meta}</office:meta>'
                             '</office:document-meta>')
    return _zip(parts)


def odt_user_defined() -> bytes:
    return _odt(meta=f'<meta:user-defined meta:name="Child">{NAME}</meta:user-defined>')


def odt_tracked_deletion() -> bytes:
    return _odt(f'<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><office:change-info>'
                f'<dc:creator>A</dc:creator></office:change-info><text:p>{NAME}</text:p></text:deletion>'
                '</text:changed-region></text:tracked-changes><text:p>The panel met.</text:p>')


def odt_annotation() -> bytes:
    return _odt(f'<text:p>The panel met.<office:annotation><dc:creator>A</dc:creator><text:p>Ask {NAME}</text:p>'
                '</office:annotation></text:p>')


def odt_hidden_text() -> bytes:
    return _odt(f'<text:p>The panel met.<text:hidden-text text:condition="ooow:1" text:string-value="{NAME}" '
                'text:is-hidden="true"/></text:p>')


def odt_hidden_paragraph() -> bytes:
    return _odt(f'<text:p>The panel met.</text:p><text:hidden-paragraph text:condition="ooow:1" text:is-hidden="true"/>'
                f'<text:section text:name="s" text:display="none"><text:p>{NAME}</text:p></text:section>')


def odt_saved_version() -> bytes:
    """LibreOffice's File > Versions: an earlier version of the document kept inside it."""
    return _with(_odt(), {"VersionList.xml": '<?xml version="1.0"?><VL:version-list xmlns:VL="http://openoffice.org/2001/'
                          'versions-list"><VL:version-entry VL:title="Version1" VL:creator="A"/></VL:version-list>',
                          "Versions/Version1": _odt(f"<text:p>{NAME} told the panel.</text:p>")})


def docx_black_highlight() -> bytes:
    """Word's black highlighter over text coloured black (automatic colour would turn white)."""
    return fx.docx(f'<w:p><w:r><w:rPr><w:color w:val="000000"/><w:highlight w:val="black"/></w:rPr><w:t>{NAME}</w:t>'
                   '</w:r></w:p>')


def docx_black_shading() -> bytes:
    return fx.docx(f'<w:p><w:r><w:rPr><w:color w:val="000000"/><w:shd w:val="clear" w:fill="000000"/></w:rPr>'
                   f'<w:t>{NAME}</w:t></w:r></w:p>')


def docx_fallback() -> bytes:
    """Markup compatibility: Word shows the Choice; the name is in the Fallback it never shows."""
    return fx.docx('<w:p xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:AlternateContent>'
                   '<mc:Choice Requires="w14"><w:r><w:t>Child N</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>'
                   f'{NAME}</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>')


def docx_altchunk() -> bytes:
    return _with(fx.docx(), {"word/afchunk.mht": f"<html><body>{NAME}</body></html>"})


def docx_comments_renamed() -> bytes:
    return _with(fx.docx(), {"word/comments1.xml": _wpart("comments", f'<w:comment w:id="0" w:author="A">{RUN}'
                                                                      '</w:comment>')})


def docx_main_part_renamed() -> bytes:
    """The main document at word/main.xml (found through _rels/.rels, as Word finds it) with a tracked deletion."""
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/main.xml"/></Relationships>')
    types = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="xml" ContentType="application/xml"/></Types>')
    return _zip({"[Content_Types].xml": types, "_rels/.rels": rels, "word/main.xml": _wpart("document", f"<w:body>{DEL}"
                                                                                                        "</w:body>")})


def xlsx_black_fill() -> bytes:
    """Black text in a cell filled black."""
    styles = (f'<?xml version="1.0"?><styleSheet {S}><fonts><font/></fonts><fills><fill/><fill/><fill><patternFill '
              'patternType="solid"><fgColor rgb="FF000000"/></patternFill></fill></fills><cellXfs><xf fontId="0"/>'
              '<xf fontId="0" fillId="2"/></cellXfs></styleSheet>')
    sheet = f'<sheetData><row r="1"><c r="A1" s="1" t="inlineStr"><is><t>{NAME}</t></is></c></row></sheetData>'
    return _xlsx(sheet, extra={"xl/styles.xml": styles})


def odt_header_annotation() -> bytes:
    """A comment in the page header (styles.xml, not content.xml)."""
    styles = (f'<?xml version="1.0"?><office:document-styles {ODF} xmlns:style="urn:oasis:names:tc:opendocument:'
              'xmlns:style:1.0"><office:master-styles><style:master-page><style:header><text:p>x<office:annotation>'
              f'<text:p>{NAME}</text:p></office:annotation></text:p></style:header></style:master-page>'
              '</office:master-styles></office:document-styles>')
    return _with(_odt(), {"styles.xml": styles})


def docx_empty_comment() -> bytes:
    """A comment with no text, only its author."""
    return _with(fx.docx(), {"word/comments.xml": _wpart("comments", f'<w:comment w:id="0" w:author="{NAME}"/>')})


def xlsx_revision_log() -> bytes:
    """A shared workbook's change history: the old value of a cell and who changed it."""
    log = (f'<?xml version="1.0"?><revisions {S}><rcc rId="1" sId="1"><oc r="A1" t="inlineStr"><is><t>{NAME}</t></is>'
           '</oc></rcc></revisions>')
    return _xlsx("<sheetData/>", extra={"xl/revisions/revisionLog1.xml": log})


def xlsx_persons() -> bytes:
    """The people of threaded comments (xl/persons/person.xml)."""
    people = ('<?xml version="1.0"?><personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/'
              f'threadedcomments"><person displayName="{NAME}" id="{{2}}"/></personList>')
    return _xlsx("<sheetData/>", extra={"xl/persons/person.xml": people})


def pptx_comment_authors() -> bytes:
    return _pptx({"ppt/commentAuthors.xml": f'<?xml version="1.0"?><p:cmAuthorLst {P}><p:cmAuthor id="0" '
                  f'name="{NAME}" initials="JA"/></p:cmAuthorLst>'})


def pptx_chart_workbook() -> bytes:
    """A chart's workbook embedded in a presentation, a cell comment naming the child in it."""
    return _pptx({"ppt/embeddings/Microsoft_Excel_Worksheet1.xlsx": xlsx_cell_comment()})


OFFICE = makers(dict(globals()))
