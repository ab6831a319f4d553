"""Red-team PDFs for issue 19 whose name is off the page: annotations, form fields, bookmarks,
metadata, unused objects and incremental updates."""
from __future__ import annotations

import io
import re

import pikepdf

import attachment_fixtures as fx
from red_files_base import LINES, NAME, _xmp, makers
from red_files_pdf import _body, _edit, _page


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


def launch_action() -> bytes:
    return fx.text_pdf(["The panel met twice."], root_extra={"/OpenAction": lambda doc: doc.make_indirect(
        pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("C:/Users/case/Ashworth family.docx")))})


def named_destination() -> bytes:
    return fx.text_pdf(["The panel met twice."], root_extra={"/Dests": pikepdf.Dictionary(
        {"/Jordan_Ashworth": pikepdf.Array([0, pikepdf.Name.Fit])})})


def structure_alt_text() -> bytes:
    """A figure's alternative text (read aloud, never seen) naming the child."""
    def tree(doc):
        figure = doc.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Figure,
                                                      Alt=pikepdf.String(f"Photo of {NAME}")))
        return doc.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot, K=figure))
    return fx.text_pdf(["The panel met twice."], root_extra={"/StructTreeRoot": tree})


def hidden_eof_update() -> bytes:
    """An incremental update that changed a word, its first %%EOF marker defaced (viewers follow /Prev)."""
    return word_changed_update().replace(b"%%EOF", b"%%EOX", 1)


def missing_eof_update() -> bytes:
    return word_changed_update().replace(b"%%EOF", b"", 1)


def photo_with_gps() -> bytes:
    """A photo placed in the report as its JPEG bytes (DCTDecode), EXIF GPS position and artist kept."""
    def add(doc):
        photo = doc.make_stream(fx.jpeg(gps=True, artist=NAME), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
                                Width=16, Height=16, ColorSpace=pikepdf.Name.DeviceRGB, BitsPerComponent=8,
                                Filter=pikepdf.Name.DCTDecode)
        doc.pages[0].Resources.XObject = pikepdf.Dictionary(Im1=photo)
    return _edit(_page(fx._text(["The panel met."]) + b"q 100 0 0 100 300 300 cm /Im1 Do Q\n"), add)


def long_subject() -> bytes:
    """The name at the end of a long Subject."""
    return fx.text_pdf(["The panel met twice."], info={"Subject": "Notes " * 60 + NAME})


PARTS = makers(dict(globals()))
