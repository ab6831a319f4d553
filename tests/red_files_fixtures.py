"""Red-team attachments for issue 19: each hides a real name ("Jordan Ashworth") somewhere a
reader of a public report might find it. Made by code with pikepdf, zipfile, Pillow, mutagen."""
from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from typing import Callable

import pikepdf
from PIL import Image

import attachment_fixtures as fx

NAME = "Jordan Ashworth"
LINES = ["The review was led by the panel.", f"The child, {NAME}, told the panel."]
BOX = b"136 698 62 16 re f\n"  # over the name on the second line


def _save(doc: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    doc.save(out, static_id=True, object_stream_mode=pikepdf.ObjectStreamMode.disable, compress_streams=False)
    return out.getvalue()


def _edit(data: bytes, change: Callable[[pikepdf.Pdf], None]) -> bytes:
    doc = pikepdf.open(io.BytesIO(data))
    change(doc)
    return _save(doc)


def _body(extra: str = "") -> bytes:
    return fx._text(LINES, extra=extra)


def _page(stream: bytes, **kw) -> bytes:
    return fx.pdf([stream], **kw)


# --- Boxes that are not a plain black `re f` ---------------------------------------------------

def form_xobject_box() -> bytes:
    def add(doc):
        form = doc.make_stream(b"0 0 0 rg " + BOX, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
                               BBox=[0, 0, 612, 792])
        doc.pages[0].Resources.XObject = pikepdf.Dictionary(Fm1=form)
    return _edit(_page(_body() + b"/Fm1 Do\n"), add)


def grey_box() -> bytes:
    return _page(_body() + b"0.2 0.2 0.2 rg " + BOX)


def dark_blue_box() -> bytes:
    return _page(_body() + b"0 0 0.4 rg " + BOX)


def gray_operator_box() -> bytes:
    return _page(_body() + b"0 g " + BOX)


def cmyk_box() -> bytes:
    return _page(_body() + b"0 0 0 1 k " + BOX)


def thin_lines_box() -> bytes:
    lines = b"".join(b"136 %d m 198 %d l S\n" % (y, y) for y in range(698, 715))
    return _page(_body() + b"0 0 0 RG 1.2 w\n" + lines)


def stroked_box() -> bytes:
    return _page(_body() + b"0 0 0 RG 16 w 136 706 m 198 706 l S\n")


def image_box() -> bytes:
    return _page(_body() + b"q 62 0 0 16 136 698 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \x00 EI Q\n")


def alpha_image_box() -> bytes:
    """An image XObject, opaque through its soft mask, over the name."""
    def add(doc):
        mask = doc.make_stream(b"\xff", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=1, Height=1,
                               ColorSpace=pikepdf.Name.DeviceGray, BitsPerComponent=8)
        img = doc.make_stream(b"\x20\x20\x20", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image, Width=1,
                              Height=1, ColorSpace=pikepdf.Name.DeviceRGB, BitsPerComponent=8, SMask=mask)
        doc.pages[0].Resources.XObject = pikepdf.Dictionary(Im1=img)
    return _edit(_page(_body() + b"q 62 0 0 16 136 698 cm /Im1 Do Q\n"), add)


def white_box() -> bytes:
    """White-out: a white rectangle drawn over the name on a white page."""
    return _page(_body() + b"1 1 1 rg " + BOX)


def clipped_text() -> bytes:
    """The name drawn inside a clipping path that excludes it."""
    return _page(fx._text(LINES[:1]) + b"q 0 0 10 10 re W n " + fx._text([NAME + " lives here."], y=600) + b"Q\n")


def same_colour_text() -> bytes:
    """Red text on a red panel."""
    return _page(b"0.8 0.1 0.1 rg 0 560 612 80 re f\n" + fx._text(LINES[:1]) + b"0.8 0.1 0.1 rg "
                 + fx._text([NAME + " lives here."], y=600))


def white_gray_text() -> bytes:
    return _page(fx._text(LINES[:1]) + b"1 g " + fx._text([NAME + " lives here."], y=600))


def clip_mode_text() -> bytes:
    return _page(fx._text(LINES[:1]) + fx._text([NAME + " lives here."], y=600, extra="7 Tr"))


def zero_scale_text() -> bytes:
    """Horizontal scaling 1 %: the glyphs are squeezed to a hairline."""
    return _page(fx._text(LINES[:1]) + fx._text([NAME + " lives here."], y=600, extra="1 Tz"))


def matrix_tiny_text() -> bytes:
    """12 pt text drawn through a matrix that scales it to a hundredth."""
    return _page(fx._text(LINES[:1]) + b"q 0.01 0 0 0.01 300 300 cm " + fx._text([NAME + " lives here."], y=0, x=0)
                 + b"Q\n")


def cm_offpage_text() -> bytes:
    return _page(fx._text(LINES[:1]) + b"q 1 0 0 1 2000 0 cm " + fx._text([NAME + " lives here."], y=600) + b"Q\n")


def cropbox_text() -> bytes:
    """Text inside the MediaBox but outside the CropBox a viewer shows."""
    return _edit(_page(fx._text(LINES[:1]) + fx._text([NAME + " lives here."], y=40)),
                 lambda doc: setattr(doc.pages[0].obj, "CropBox", pikepdf.Array([0, 100, 612, 792])))


def layer_off_text() -> bytes:
    """Text in an optional content group (layer) that is off."""
    def add(doc):
        ocg = doc.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.OCG, Name=pikepdf.String("Notes")))
        doc.Root.OCProperties = pikepdf.Dictionary(OCGs=[ocg], D=pikepdf.Dictionary(OFF=[ocg], ON=[]))
        doc.pages[0].Resources.Properties = pikepdf.Dictionary(oc1=ocg)
    return _edit(_page(fx._text(LINES[:1]) + b"/OC /oc1 BDC " + fx._text([NAME + " lives here."], y=600) + b"EMC\n"),
                 add)


def transparent_text() -> bytes:
    """Text painted with a fill opacity of 0 (an ExtGState /ca 0)."""
    def add(doc):
        doc.pages[0].Resources.ExtGState = pikepdf.Dictionary(GS0=pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, ca=0))
    return _edit(_page(fx._text(LINES[:1]) + b"q /GS0 gs " + fx._text([NAME + " lives here."], y=600) + b"Q\n"), add)


def near_white_text() -> bytes:
    return _page(fx._text(LINES[:1]) + b"0.97 g " + fx._text([NAME + " lives here."], y=600))


def second_stream_box() -> bytes:
    """The page's text in one content stream, the black box in a second."""
    def add(doc):
        doc.pages[0].obj.Contents = pikepdf.Array([doc.make_stream(_body()), doc.make_stream(b"0 0 0 rg " + BOX)])
    return _edit(_page(b""), add)


def path_box() -> bytes:
    """A black box drawn as a closed path (m l l l h f), not a `re`."""
    return _page(_body() + b"0 0 0 rg 136 698 m 198 698 l 198 714 l 136 714 l h f\n")


def even_odd_box() -> bytes:
    return _page(_body() + b"0 0 0 rg 0 0 0 RG 136 698 62 16 re B*\n")


def text_in_form_under_box() -> bytes:
    """The text drawn in a Form XObject, the black box on the page over it."""
    def add(doc):
        form = doc.make_stream(_body(), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form, BBox=[0, 0, 612, 792],
                               Resources=doc.pages[0].Resources)
        doc.pages[0].Resources.XObject = pikepdf.Dictionary(Fm1=form)
    return _edit(_page(b"/Fm1 Do 0 0 0 rg " + BOX), add)


def shading_box() -> bytes:
    """A dark axial shading painted over the name, clipped to the box."""
    def add(doc):
        fn = pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0], C1=[0.1, 0.1, 0.1], N=1)
        sh = pikepdf.Dictionary(ShadingType=2, ColorSpace=pikepdf.Name.DeviceRGB, Coords=[136, 0, 198, 0], Function=fn)
        doc.pages[0].Resources.Shading = pikepdf.Dictionary(Sh0=sh)
    return _edit(_page(_body() + b"q 136 698 62 16 re W n /Sh0 sh Q\n"), add)


def _annot(doc: pikepdf.Pdf, **entries) -> pikepdf.Object:
    annot = doc.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Annot, **entries))
    doc.pages[0].obj.Annots = doc.make_indirect(pikepdf.Array([annot]))
    return annot


def square_annotation_box() -> bytes:
    """A Square annotation filled black, its appearance over the name."""
    def add(doc):
        ap = doc.make_stream(b"0 0 0 rg 0 0 62 16 re f\n", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
                             BBox=[0, 0, 62, 16])
        _annot(doc, Subtype=pikepdf.Name.Square, Rect=[136, 698, 198, 714], IC=[0, 0, 0], C=[0, 0, 0], F=4,
               AP=pikepdf.Dictionary(N=ap))
    return _edit(_page(_body()), add)


def redact_overlay() -> bytes:
    def add(doc):
        _annot(doc, Subtype=pikepdf.Name.Redact, Rect=[136, 698, 198, 714], OverlayText=pikepdf.String("Child N"),
               IC=[0, 0, 0])
    return _edit(_page(_body()), add)


def sticky_note() -> bytes:
    """A reviewer's comment (a Text annotation) on the page."""
    return _edit(fx.text_pdf(["The panel met twice."]), lambda doc: _annot(
        doc, Subtype=pikepdf.Name.Text, Rect=[10, 10, 30, 30], Contents=pikepdf.String(f"Ask {NAME}'s mother"),
        T=pikepdf.String("Reviewer")))


def hidden_freetext() -> bytes:
    """A FreeText annotation flagged hidden."""
    return _edit(fx.text_pdf(["The panel met twice."]), lambda doc: _annot(
        doc, Subtype=pikepdf.Name.FreeText, Rect=[10, 10, 300, 30], F=2, Contents=pikepdf.String(NAME),
        DA=pikepdf.String("/Helv 12 Tf 0 g")))


def file_attachment_annotation() -> bytes:
    def add(doc):
        spec = pikepdf.AttachedFileSpec(doc, f"{NAME} notes".encode(), mime_type="text/plain").obj
        _annot(doc, Subtype=pikepdf.Name.FileAttachment, Rect=[10, 10, 30, 30], FS=spec)
    return _edit(fx.text_pdf(["The panel met twice."]), add)


def _field(doc: pikepdf.Pdf, **entries) -> None:
    widget = _annot(doc, Subtype=pikepdf.Name.Widget, FT=pikepdf.Name.Tx, Rect=[0, 0, 0, 0], T=pikepdf.String("f1"),
                    **entries)
    doc.Root.AcroForm = pikepdf.Dictionary(Fields=[widget])


def form_value() -> bytes:
    """A form field whose value holds the name, with no appearance on the page."""
    return _edit(fx.text_pdf(["The panel met twice."]), lambda doc: _field(doc, V=pikepdf.String(NAME)))


def form_tooltip() -> bytes:
    return _edit(fx.text_pdf(["The panel met twice."]), lambda doc: _field(doc, TU=pikepdf.String(NAME)))


def outline() -> bytes:
    def add(doc):
        with doc.open_outline() as tree:
            tree.root.append(pikepdf.OutlineItem(f"Interview with {NAME}", 0))
    return _edit(fx.text_pdf(["The panel met twice."]), add)


def page_label() -> bytes:
    return _edit(fx.text_pdf(["The panel met twice."]), lambda doc: setattr(doc.Root, "PageLabels", pikepdf.Dictionary(
        Nums=[0, pikepdf.Dictionary(S=pikepdf.Name.D, P=pikepdf.String(NAME + " "))])))


def link_uri() -> bytes:
    return _edit(fx.text_pdf(["The panel met twice."]), lambda doc: _annot(
        doc, Subtype=pikepdf.Name.Link, Rect=[72, 715, 200, 730], Border=[0, 0, 0],
        A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://example.org/jordan-ashworth"))))


def odd_info_keys() -> bytes:
    return fx.text_pdf(["The panel met twice."], info={"Keywords": NAME, "SourceFile": "ashworth-family.docx"})


def lang_name() -> bytes:
    return fx.text_pdf(["The panel met twice."], lang="Ashworth family")


def _xmp(body: str) -> str:
    return ('<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
            'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" '
            'xmlns:stEvt="http://ns.adobe.com/xap/1.0/sType/ResourceEvent#" '
            'xmlns:exif="http://ns.adobe.com/exif/1.0/">' + body + '</rdf:Description></rdf:RDF></x:xmpmeta>'
            '<?xpacket end="w"?>')


XMP_HISTORY = ('<xmpMM:History><rdf:Seq><rdf:li rdf:parseType="Resource"><stEvt:action>saved</stEvt:action>'
               f'<stEvt:softwareAgent>Word</stEvt:softwareAgent><stEvt:changed>/{NAME}</stEvt:changed></rdf:li>'
               '</rdf:Seq></xmpMM:History>')


def xmp_history() -> bytes:
    return _edit(fx.text_pdf(["The panel met twice."]), lambda doc: setattr(
        doc.Root, "Metadata", doc.make_stream(_xmp(XMP_HISTORY).encode(), Type=pikepdf.Name.Metadata,
                                              Subtype=pikepdf.Name.XML)))


def page_xmp() -> bytes:
    """XMP on a page (not the catalogue) naming the creator."""
    return _edit(fx.text_pdf(["The panel met twice."]), lambda doc: setattr(
        doc.pages[0].obj, "Metadata", doc.make_stream(
            _xmp(f"<dc:creator><rdf:Seq><rdf:li>{NAME}</rdf:li></rdf:Seq></dc:creator>").encode(),
            Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML)))


def piece_info() -> bytes:
    return _edit(fx.text_pdf(["The panel met twice."]), lambda doc: setattr(doc.pages[0].obj, "PieceInfo", pikepdf.Dictionary(
        Word=pikepdf.Dictionary(LastModified=pikepdf.String("D:2026"), Private=pikepdf.String(NAME)))))


def actual_text() -> bytes:
    """Marked content whose /ActualText (read aloud, copied) is the name."""
    return _page(fx._text(LINES[:1]) + b"/Span << /ActualText (" + NAME.encode() + b") >> BDC "
                 + fx._text(["Child N"], y=600) + b"EMC\n")


def orphan_object() -> bytes:
    """A full save (one %%EOF) still holding an unreferenced stream with the name."""
    data = fx.text_pdf(["The panel met twice."])
    stream = fx._text([NAME + " spoke to the panel."])
    obj = b"99 0 obj\n<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream\nendobj\n"
    at = data.index(b"xref")
    return data[:at] + obj + data[at:].replace(b"startxref\n%d" % at, b"startxref\n%d" % (at + len(obj)))


def word_changed_update() -> bytes:
    return fx.incremental_pdf(["First line.", f"{NAME} spoke to the panel."], ["First line.", "Child N spoke to the panel."])


def metadata_only_update() -> bytes:
    """An incremental update that changes only the Info dictionary (the Author was the name)."""
    data = fx.text_pdf(["The panel met twice."], info={"Author": NAME})
    doc = pikepdf.open(io.BytesIO(data))
    info = doc.trailer.Info.objgen[0]
    prev = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    out = bytearray(data)
    at = len(out)
    out += b"%d 0 obj\n<< /Title (A review) >>\nendobj\n" % info
    xref = len(out)
    out += b"xref\n0 1\n0000000000 65535 f \n%d 1\n%010d 00000 n \n" % (info, at)
    out += (b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(doc.objects) + 1, doc.Root.objgen[0], info, prev, xref))
    return bytes(out)


PDFS = {k: v for k, v in dict(globals()).items() if callable(v) and getattr(v, "__module__", "") == __name__
        and not k.startswith("_")}


# --- Office and OpenDocument -----------------------------------------------------------------

def _zip(parts: dict[str, str | bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0)), text)
    return out.getvalue()


def _with(data: bytes, parts: dict[str, str | bytes]) -> bytes:
    """An Office zip with `parts` added or replaced."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        old = {n: archive.read(n) for n in archive.namelist()}
    return _zip({**old, **parts})


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


OFFICE = {k: v for k, v in dict(globals()).items() if callable(v) and getattr(v, "__module__", "") == __name__
          and k.split("_")[0] in ("docx", "pptx", "xlsx", "odt")}


# --- Images ----------------------------------------------------------------------------------

XMP_GPS = f"<dc:creator><rdf:Seq><rdf:li>{NAME}</rdf:li></rdf:Seq></dc:creator>" \
          "<exif:GPSLatitude>52,12.5N</exif:GPSLatitude><exif:GPSLongitude>1,8.0W</exif:GPSLongitude>"


def _image(fmt: str, **kw) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 120, 40)).save(out, fmt, **kw)
    return out.getvalue()


def _jpeg_segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload


def _jpeg_with(segment: bytes) -> bytes:
    data = _image("JPEG")
    return data[:2] + segment + data[2:]


def jpg_xmp_gps() -> bytes:
    """GPS and the photographer in XMP, with no EXIF at all."""
    return _jpeg_with(_jpeg_segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + _xmp(XMP_GPS).encode()))


def jpg_iptc() -> bytes:
    """IPTC By-line (2:80) and Caption (2:120) in a Photoshop APP13 block."""
    def ds(tag: int, value: str) -> bytes:
        return b"\x1c\x02" + bytes([tag]) + struct.pack(">H", len(value)) + value.encode()
    iptc = ds(80, NAME) + ds(120, f"{NAME} at home")
    block = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(iptc)) + iptc
    return _jpeg_with(_jpeg_segment(0xED, b"Photoshop 3.0\x00" + block))


def jpg_comment() -> bytes:
    """A JPEG COM segment."""
    return _jpeg_with(_jpeg_segment(0xFE, f"{NAME} at home".encode()))


def jpg_exif_description() -> bytes:
    exif = Image.Exif()
    exif[0x010E] = f"{NAME} at home"  # ImageDescription
    exif[0x9C9B] = NAME.encode("utf-16-le")  # XPTitle
    return _image("JPEG", exif=exif.tobytes())


def jpg_gps_ifd_only_latitude() -> bytes:
    """A GPS IFD holding a position but no latitude reference tags."""
    exif = Image.Exif()
    exif[0x8825] = {2: (52.0, 12.0, 30.0), 4: (1.0, 8.0, 0.0)}
    return _image("JPEG", exif=exif.tobytes())


def jpg_camera_owner() -> bytes:
    """The camera owner's name and a user comment in the EXIF sub-IFD."""
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0xA430] = NAME
    exif.get_ifd(0x8769)[0x9286] = b"ASCII\0\0\0" + f"{NAME} at home".encode()
    return _image("JPEG", exif=exif.tobytes())


def png_text() -> bytes:
    from PIL.PngImagePlugin import PngInfo
    info = PngInfo()
    info.add_text("Comment", f"{NAME} at home")
    return _image("PNG", pnginfo=info)


def png_itxt_compressed() -> bytes:
    from PIL.PngImagePlugin import PngInfo
    info = PngInfo()
    info.add_itxt("Description", f"{NAME} at home", zip=True)
    info.add_text("Author", NAME, zip=True)
    return _image("PNG", pnginfo=info)


def png_xmp_gps() -> bytes:
    from PIL.PngImagePlugin import PngInfo
    info = PngInfo()
    info.add_itxt("XML:com.adobe.xmp", _xmp(XMP_GPS))
    return _image("PNG", pnginfo=info)


def png_exif_gps() -> bytes:
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (52.0, 12.0, 30.0), 3: "W", 4: (1.0, 8.0, 0.0)}
    return _image("PNG", exif=exif.tobytes())


def webp_exif_gps() -> bytes:
    exif = Image.Exif()
    exif[0x013B] = NAME
    exif[0x8825] = {1: "N", 2: (52.0, 12.0, 30.0), 3: "W", 4: (1.0, 8.0, 0.0)}
    return _image("WEBP", exif=exif.tobytes())


def webp_xmp() -> bytes:
    return _image("WEBP", xmp=_xmp(XMP_GPS).encode())


def gif_comment() -> bytes:
    return _image("GIF", comment=f"{NAME} at home".encode())


def tif_artist() -> bytes:
    return _image("TIFF", tiffinfo={315: NAME, 270: f"{NAME} at home"})


IMAGES = {k: v for k, v in dict(globals()).items() if callable(v) and getattr(v, "__module__", "") == __name__
          and k.split("_")[0] in ("jpg", "png", "webp", "gif", "tif")}


# --- Audio -----------------------------------------------------------------------------------

def _id3(*frames) -> bytes:
    from mutagen.id3 import ID3
    tags = ID3()
    for frame in frames:
        tags.add(frame)
    out = io.BytesIO(fx.mp3())
    tags.save(out)
    return out.getvalue()


def mp3_txxx() -> bytes:
    from mutagen.id3 import TXXX
    return _id3(TXXX(encoding=3, desc="interviewee", text=NAME))


def mp3_comm() -> bytes:
    from mutagen.id3 import COMM
    return _id3(COMM(encoding=3, lang="eng", desc="", text=f"Interview with {NAME}"))


def mp3_lyrics() -> bytes:
    from mutagen.id3 import USLT
    return _id3(USLT(encoding=3, lang="eng", desc="", text=f"Transcript: {NAME} said"))


def mp3_picture_description() -> bytes:
    from mutagen.id3 import APIC
    return _id3(APIC(encoding=3, mime="image/jpeg", type=3, desc=f"{NAME} at home", data=fx.jpeg(gps=True)))


def mp3_id3v1() -> bytes:
    """An ID3v1 tag (the last 128 bytes) naming the artist."""
    tag = b"TAG" + b"Interview".ljust(30, b"\0") + NAME.encode().ljust(30, b"\0") + b"".ljust(30, b"\0") \
        + b"2026" + b"".ljust(30, b"\0") + b"\xff"
    return fx.mp3() + tag


def mp3_ape() -> bytes:
    """An APEv2 tag after the frames."""
    from mutagen.apev2 import APEv2
    path = io.BytesIO(fx.mp3())
    tags = APEv2()
    tags["Artist"] = NAME
    tags.save(path)
    return path.getvalue()


def _block(kind: int, payload: bytes, last: bool = False) -> bytes:
    return bytes([kind | (0x80 if last else 0)]) + len(payload).to_bytes(3, "big") + payload


def flac_vorbis() -> bytes:
    """A FLAC stream whose Vorbis comment names the artist."""
    info = struct.pack(">HHBBBBBB", 4096, 4096, 0, 0, 0, 0, 0, 0) + (44100 << 44 | 15 << 36).to_bytes(8, "big")
    comments = [f"ARTIST={NAME}".encode(), f"DESCRIPTION=Interview with {NAME}".encode()]
    vorbis = struct.pack("<I", 4) + b"test" + struct.pack("<I", len(comments))
    vorbis += b"".join(struct.pack("<I", len(c)) + c for c in comments)
    return b"fLaC" + _block(0, info + b"\0" * 16) + _block(4, vorbis, last=True) + b"\xff\xf8" + b"\0" * 64


def _atom(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload) + 8) + kind + payload


def _m4a(items: bytes) -> bytes:
    hdlr = _atom(b"hdlr", b"\0" * 8 + b"mdirappl" + b"\0" * 9)
    mvhd = _atom(b"mvhd", b"\0" * 12 + struct.pack(">II", 1000, 0) + b"\0\x01\0\0\x01\0" + b"\0" * 10
                 + b"\0\x01\0\0" + b"\0" * 12 + b"\0\x01\0\0" + b"\0" * 12 + b"\x40\0\0\0" + b"\0" * 24 + b"\0\0\0\x02")
    moov = _atom(b"moov", mvhd + _atom(b"udta", _atom(b"meta", b"\0" * 4 + hdlr + _atom(b"ilst", items))))
    return _atom(b"ftyp", b"M4A \0\0\0\0M4A isom") + moov + _atom(b"mdat", b"")


def _item(kind: bytes, text: str) -> bytes:
    return _atom(kind, _atom(b"data", struct.pack(">II", 1, 0) + text.encode()))


def m4a_tags() -> bytes:
    """An M4A whose ©nam and ©ART atoms name the child."""
    return _m4a(_item(b"\xa9nam", f"Interview with {NAME}") + _item(b"\xa9ART", NAME))


def m4a_comment() -> bytes:
    """An M4A whose ©cmt atom and an iTunes free-form atom name the child."""
    free = _atom(b"----", _atom(b"mean", b"\0" * 4 + b"com.apple.iTunes") + _atom(b"name", b"\0" * 4 + b"GUEST")
                 + _atom(b"data", struct.pack(">II", 1, 0) + NAME.encode()))
    return _m4a(_item(b"\xa9cmt", f"Interview with {NAME}") + free)


def wav_info() -> bytes:
    """A WAV with a LIST/INFO chunk naming the artist."""
    fmt = _riff(b"fmt ", struct.pack("<HHIIHH", 1, 1, 8000, 16000, 2, 16))
    info = _riff(b"LIST", b"INFO" + _riff(b"IART", NAME.encode() + b"\0") + _riff(b"ICMT", f"{NAME} interview".encode()))
    body = b"WAVE" + fmt + _riff(b"data", b"\0" * 800) + info
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _riff(kind: bytes, payload: bytes) -> bytes:
    return kind + struct.pack("<I", len(payload)) + payload + (b"\0" if len(payload) % 2 else b"")


AUDIO = {k: v for k, v in dict(globals()).items() if callable(v) and getattr(v, "__module__", "") == __name__
         and k.split("_")[0] in ("mp3", "flac", "m4a", "wav", "ogg")}


# --- Containers and other formats ------------------------------------------------------------

def _summary_information(author: str) -> bytes:
    """An OLE SummaryInformation property set whose Author (PID 4) is `author`."""
    text = author.encode("cp1252") + b"\0"
    text += b"\0" * (-len(text) % 4)
    prop = struct.pack("<II", 0x1E, len(author) + 1) + text
    section = struct.pack("<II", 8 + 8 + len(prop), 1) + struct.pack("<II", 4, 16) + prop
    fmtid = bytes.fromhex("E0859FF2F94F6810AB9108002B27B3D9")
    return struct.pack("<HHI", 0xFFFE, 0, 0) + b"\0" * 16 + struct.pack("<I", 1) + fmtid + struct.pack("<I", 48) + section


def doc_author() -> bytes:
    """A Word 97-2003 file whose summary information names the author."""
    from ole_fixture import ole_file
    return ole_file({"WordDocument": b"\xec\xa5" + b"\x00" * 500 + "The panel met.".encode("utf-16-le"),
                     "1Table": b"\x00" * 64, "\x05SummaryInformation": _summary_information(NAME)})


def eml_boxed_attachment() -> bytes:
    """An e-mail carrying a PDF whose black box does not hold."""
    from email.message import EmailMessage
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "a@example.org", "b@example.org", "Report"
    message.set_content("The report is attached.")
    message.add_attachment(fx.boxed_pdf(), maintype="application", subtype="pdf", filename="report.pdf")
    return message.as_bytes()


def zip_boxed_pdf() -> bytes:
    """An archive holding a PDF whose black box does not hold and a Word file with a tracked deletion."""
    return _zip({"report.pdf": fx.boxed_pdf(), "notes.docx": fx.tracked_docx()})


def zip_tracked_docx() -> bytes:
    return _zip({"notes.docx": fx.tracked_docx()})


def zip_gps_photo() -> bytes:
    return _zip({"photo.jpg": fx.jpeg(gps=True)})


def zip_white_text_pdf() -> bytes:
    """An archive of two PDFs: the first hides the name in white text, the second in a black box."""
    return _zip({"a.pdf": white_gray_text(), "b.pdf": fx.boxed_pdf()})


def msg_boxed_attachment() -> bytes:
    """An Outlook message carrying a PDF whose black box does not hold."""
    from ole_fixture import ole_file
    att = "__attach_version1.0_#00000000/"
    return ole_file({"__substg1.0_0037001F": "Minutes".encode("utf-16-le"),
                     att + "__substg1.0_3707001F": "report.pdf".encode("utf-16-le"),
                     att + "__substg1.0_37010102": fx.boxed_pdf()})


def html_hidden() -> bytes:
    return (f'<html><body><p>The panel met.</p><!-- {NAME} --><p hidden>{NAME}</p>'
            f'<span style="display:none">{NAME}</span></body></html>').encode()


def svg_offcanvas() -> bytes:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>{NAME}</title>'
            f'<text x="-999" y="5">{NAME}</text></svg>').encode()


def heic_photo() -> bytes:
    """A HEIC file (iPhone photos): the kit cannot read its EXIF, so it must not publish it unread."""
    return b"\0\0\0\x18ftypheic\0\0\0\0mif1heic" + _atom(b"meta", b"\0" * 4) + f"Exif\0\0{NAME}".encode()


OTHER = {k: v for k, v in dict(globals()).items() if callable(v) and getattr(v, "__module__", "") == __name__
         and k.split("_")[0] in ("doc", "eml", "zip", "msg", "html", "svg", "heic")}
GROUPS = {"PDFS": PDFS, "OFFICE": OFFICE, "IMAGES": IMAGES, "AUDIO": AUDIO, "OTHER": OTHER}


def make(case: str) -> tuple[str, bytes]:
    """The file name (its extension from the case's prefix; PDFs have none) and bytes of `case`."""
    for group, makers in GROUPS.items():
        if case in makers:
            ext = "pdf" if group == "PDFS" else case.split("_", 1)[0]
            return f"{case.replace('_', '-')}.{ext}", makers[case]()
    raise KeyError(case)
