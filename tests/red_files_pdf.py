"""Red-team PDFs for issue 19, drawn so that the name is still in the text layer: boxes that
are not a plain black `re f`, and text a reader cannot see."""
from __future__ import annotations

import io
from typing import Callable

import pikepdf

import attachment_fixtures as fx
from red_files_base import BOX, LINES, NAME, makers


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


def scaled_form_box() -> bytes:
    """Half the box in a Form XObject whose /Matrix doubles it, placed over the name by `cm`."""
    def add(doc):
        form = doc.make_stream(b"0 0 0 rg 0 0 31 16 re f\n", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
                               BBox=[0, 0, 612, 792], Matrix=[2, 0, 0, 1, 0, 0])
        doc.pages[0].Resources.XObject = pikepdf.Dictionary(Fm1=form)
    return _edit(_page(_body() + b"q 1 0 0 1 136 698 cm /Fm1 Do Q\n"), add)


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


def black_on_black() -> bytes:
    """Black text on a black box drawn first: how Word's black highlighter comes out in a PDF."""
    return _page(b"0 0 0 rg " + BOX + _body())


DRAWN = makers(dict(globals()))


# --- Ordinary pages that must not be taken for redactions ---------------------------------------

SCAN = b"q 612 0 0 792 0 0 cm BI /W 1 /H 1 /CS /G /BPC 8 ID \xf0 EI Q\n"
ORDINARY = {
    "underline": _body() + b"0 0 0 rg 72 702 200 0.8 re f\n",
    "stroked_underline": _body() + b"0 0 0 RG 0.8 w 72 702 m 272 702 l S\n",
    "strikethrough": _body() + b"0 0 0 rg 72 706 200 1 re f\n",
    "table_rules": _body() + b"0 0 0 rg 70 696 300 0.5 re f 70 712 300 0.5 re f 70 696 0.5 16 re f\n",
    "ocr_scan": SCAN + fx._text(LINES, extra="3 Tr"),  # the page image, its OCR text layer over it
}
