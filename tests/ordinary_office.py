"""Ordinary Office files as Word, Excel and PowerPoint save them (styles, theme, headers, a table of
contents, web links, Word's own bookmarks, numeric formulas, a pivot table over its sheet, speaker
notes): the attachment checks must publish them without an error."""
from __future__ import annotations

import attachment_fixtures as fx
from red_files_base import _zip

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_RELS = '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}</Relationships>'
_TYPES = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType='
          '"application/vnd.openxmlformats-package.relationships+xml"/></Types>')
_W = fx.W + ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def _rel(rid: str, kind: str, target: str, external: bool = False) -> str:
    mode = ' TargetMode="External"' if external else ""
    return f'<Relationship Id="{rid}" Type="{_REL}/{kind}" Target="{target}"{mode}/>'


def _paragraph(page: int, line: int) -> str:
    words = f"On page {page} the panel looked at what agencies knew (point {line}) and what they did about it."
    if line == 0:
        return (f'<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:bookmarkStart w:id="{page}" w:name="_Toc{page:06}"/>'
                f'<w:r><w:t>Section {page}</w:t></w:r><w:bookmarkEnd w:id="{page}"/></w:p>')
    if line == 3:
        return (f'<w:p><w:r><w:t xml:space="preserve">See </w:t></w:r><w:hyperlink r:id="rIdLink"><w:r><w:rPr>'
                '<w:rStyle w:val="Hyperlink"/></w:rPr><w:t>the guidance</w:t></w:r></w:hyperlink><w:r><w:rPr><w:b/>'
                f'<w:color w:val="1F3864"/></w:rPr><w:t xml:space="preserve"> for {words}</w:t></w:r></w:p>')
    return f'<w:p><w:pPr><w:spacing w:after="120"/></w:pPr><w:r><w:rPr><w:lang w:val="en-GB"/></w:rPr><w:t>{words}</w:t></w:r></w:p>'


_TOC = ('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z '
        '\\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:hyperlink w:anchor="_Toc000001">'
        '<w:r><w:t>Section 1</w:t></w:r></w:hyperlink><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
_STYLES = ('<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial"/><w:sz w:val="22"/></w:rPr></w:rPrDefault>'
           '</w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
           '<w:style w:type="paragraph" w:styleId="Heading1"><w:basedOn w:val="Normal"/><w:rPr><w:b/><w:color '
           'w:val="2F5496"/><w:sz w:val="32"/></w:rPr></w:style><w:style w:type="character" w:styleId="Hyperlink">'
           '<w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style><w:style w:type="paragraph" '
           'w:styleId="TOC1"><w:basedOn w:val="Normal"/><w:rPr><w:webHidden/></w:rPr></w:style>')


def word(pages: int = 30, lines: int = 12) -> bytes:
    """A report of `pages` pages: headings with Word's own _Toc bookmarks, a table of contents field,
    a web link, a header with a PAGE field, a white heading on a dark banner, styles and settings."""
    body = _TOC + "".join(_paragraph(p, i) for p in range(1, pages + 1) for i in range(lines))
    body += ('<w:p><w:r><w:rPr><w:color w:val="FFFFFF"/><w:shd w:val="clear" w:fill="1F3864"/></w:rPr><w:t>Learning '
             'from the review</w:t></w:r></w:p>')
    header = ('<w:p><w:r><w:t xml:space="preserve">Page </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r>'
              '<w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t>'
              '</w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    rels = _rel("rIdLink", "hyperlink", "https://www.gov.uk/government/publications/working-together", True) + \
        _rel("rId1", "styles", "styles.xml") + _rel("rId2", "settings", "settings.xml") + _rel("rId3", "header", "header1.xml")
    settings = ('<w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>'
                '<w:rsids><w:rsidRoot w:val="00A1B2C3"/></w:rsids>')
    return _zip({"[Content_Types].xml": _TYPES, "_rels/.rels": _RELS.format(_rel("rId1", "officeDocument", "word/document.xml")),
                 "word/document.xml": f'<?xml version="1.0"?><w:document {_W}><w:body>{body}<w:sectPr/></w:body></w:document>',
                 "word/_rels/document.xml.rels": _RELS.format(rels),
                 "word/styles.xml": f'<?xml version="1.0"?><w:styles {_W}>{_STYLES}</w:styles>',
                 "word/settings.xml": f'<?xml version="1.0"?><w:settings {_W}>{settings}</w:settings>',
                 "word/header1.xml": f'<?xml version="1.0"?><w:hdr {_W}>{header}</w:hdr>',
                 "docProps/app.xml": '<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/'
                                     'officeDocument/2006/extended-properties"><Application>Microsoft Office Word'
                                     '</Application></Properties>'})


_S = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def workbook() -> bytes:
    """Figures with a total (=SUM), a date format, a bold white header on a dark fill, a hidden empty
    column, shared strings all in use, a print area and a dynamic range, and a pivot cache of the sheet's rows."""
    styles = (f'<styleSheet {_S}><numFmts><numFmt numFmtId="164" formatCode="d mmmm yyyy"/><numFmt numFmtId="165" '
              'formatCode="#,##0;[Red]-#,##0;&quot;-&quot;"/></numFmts><fonts><font/><font><b/><color rgb="FFFFFFFF"/>'
              '</font></fonts><fills><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>'
              '</fill><fill><patternFill patternType="solid"><fgColor rgb="FF1F3864"/></patternFill></fill></fills>'
              '<cellXfs><xf fontId="0" fillId="0"/><xf fontId="1" fillId="2"/><xf numFmtId="165" fontId="0"/>'
              '<xf numFmtId="164" fontId="0"/></cellXfs></styleSheet>')
    rows = '<row r="1"><c r="A1" t="s" s="1"><v>0</v></c><c r="B1" t="s" s="1"><v>1</v></c></row>'
    rows += "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>2</v></c><c r="B{r}" s="2"><v>{r * 3}</v></c></row>'
                    for r in range(2, 10))
    rows += '<row r="10"><c r="A10" t="s"><v>3</v></c><c r="B10" s="2"><f>SUM(B2:B9)</f><v>162</v></c>' \
            '<c r="C10" t="str"><f>IF(B10&gt;100,"High","Low")</f><v>High</v></c></row>'
    sheet = f'<cols><col min="4" max="4" width="0" hidden="1"/></cols><sheetData>{rows}</sheetData>'
    strings = "".join(f"<si><t>{s}</t></si>" for s in ("Agency", "Referrals", "Children's services", "Total"))
    cache = (f'<pivotCacheRecords {_S} count="1"><r><s v="Children\'s services"/><n v="6"/></r></pivotCacheRecords>')
    book = ('<sheets><sheet name="Figures" sheetId="1"/></sheets><definedNames><definedName name="_xlnm.Print_Area" '
            'localSheetId="0">Figures!$A$1:$B$10</definedName><definedName name="Agencies">OFFSET(Figures!$A$2,0,0,'
            'COUNTA(Figures!$A:$A)-1,1)</definedName></definedNames>')
    return _zip({"[Content_Types].xml": _TYPES, "xl/workbook.xml": f'<?xml version="1.0"?><workbook {_S}>{book}</workbook>',
                 "xl/styles.xml": f'<?xml version="1.0"?>{styles}', "xl/worksheets/sheet1.xml":
                 f'<?xml version="1.0"?><worksheet {_S}>{sheet}</worksheet>', "xl/sharedStrings.xml":
                 f'<?xml version="1.0"?><sst {_S}>{strings}</sst>', "xl/pivotCache/pivotCacheRecords1.xml":
                 f'<?xml version="1.0"?>{cache}'})


_P = ('xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"')


def presentation() -> bytes:
    """Two slides on a 16:9 slide, a title shape and a picture partly over the edge, speaker notes."""
    def slide(text: str, x: int) -> str:
        return (f'<?xml version="1.0"?><p:sld {_P}><p:cSld><p:spTree><p:sp><p:nvSpPr><p:cNvPr id="2" name="Title 1"/>'
                f'</p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="365125"/><a:ext cx="10515600" cy="1325563"/></a:xfrm>'
                f'</p:spPr><p:txBody><a:p><a:r><a:t>{text}</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>')
    notes = (f'<?xml version="1.0"?><p:notes {_P}><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>Pause for questions.'
             '</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:notes>')
    return _zip({"[Content_Types].xml": _TYPES, "ppt/presentation.xml": f'<?xml version="1.0"?><p:presentation {_P}>'
                 '<p:sldSz cx="12192000" cy="6858000"/></p:presentation>',
                 "ppt/slides/slide1.xml": slide("Learning from the review", 838200),
                 "ppt/slides/slide2.xml": slide("What we will do", -200000),
                 "ppt/notesSlides/notesSlide1.xml": notes})
