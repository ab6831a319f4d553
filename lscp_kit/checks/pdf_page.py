"""One PDF page's objects as PDFium (pypdfium2) reads them, in painting order: the shapes that
may cover text (filled paths, wide or close-drawn stroked lines, images, shadings, the
appearances of annotations drawn over the page), and each text object's render mode, colour,
clipping box, layer and /ActualText. The facts redaction.py judges text by."""
from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass, field

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as raw

DARK = 90  # a fill whose luminance (0-255) is at or below this hides black text (navy, #333, black)
WHITE = 235  # red, green and blue all at or above this is white
MIN_BOX = 4.0  # a box narrower or lower than this (pt) is a rule or a border, not a cover
ABOVE_ALL = 1 << 30  # the painting order of annotations: drawn over the whole page
_NO_COVER_ANNOTS = (raw.FPDF_ANNOT_LINK, raw.FPDF_ANNOT_POPUP, raw.FPDF_ANNOT_REDACT)

Box = tuple[float, float, float, float]  # left, bottom, right, top
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1, 0, 0, 1, 0, 0)


@dataclass
class Shape:
    index: int  # painting order on the page
    box: Box
    image: bool
    dark: bool
    filled: bool
    colour: tuple[int, int, int, int] = (0, 0, 0, 255)
    segments: tuple = ()  # a stroked line: its segments ((x0, y0), (x1, y1)) and half its width
    half: float = 0.0
    shading: bool = False

    @property
    def white(self) -> bool:
        return (self.filled or bool(self.segments)) and not self.image and min(self.colour[:3]) >= WHITE

    @property
    def cover(self) -> bool:
        """Whether it hides what lies under it (an opaque image or shading, a dark or white paint)."""
        return self.image or self.shading or self.dark or self.white

    @property
    def big(self) -> bool:
        if self.segments:
            return self.half * 2 >= MIN_BOX
        return self.box[2] - self.box[0] >= MIN_BOX and self.box[3] - self.box[1] >= MIN_BOX

    def covers(self, point: tuple[float, float]) -> bool:
        if not self.segments:
            return self.box[0] <= point[0] <= self.box[2] and self.box[1] <= point[1] <= self.box[3]
        return any(_distance(point, a, b) <= self.half for a, b in self.segments)


@dataclass
class TextObject:
    order: int
    mode: int
    colour: tuple[int, int, int, int]
    box: Box | None  # None inside a form object (PDFium gives form-space bounds there)
    clip: Box | None = None
    layer_off: bool = False
    actual_text: str | None = None


@dataclass
class Page:
    shapes: list[Shape] = field(default_factory=list)
    order: dict[int, int] = field(default_factory=dict)  # page object address -> painting order
    texts: dict[int, TextObject] = field(default_factory=dict)  # text object address -> its facts


def _distance(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def address(handle) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def _colour(get, handle) -> tuple[int, int, int, int]:
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    if not get(handle, r, g, b, a):
        return (0, 0, 0, 255)
    return (r.value, g.value, b.value, a.value)


def luminance(colour: tuple[int, int, int, int]) -> float:
    return 0.299 * colour[0] + 0.587 * colour[1] + 0.114 * colour[2]


def bounds(handle) -> Box | None:
    l, b, r, t = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    if not raw.FPDFPageObj_GetBounds(handle, l, b, r, t):
        return None
    return (l.value, b.value, r.value, t.value)


def _matrix(handle, outer: Matrix) -> Matrix:
    """An object's own matrix followed by `outer` (the forms around it)."""
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(handle, m):
        return outer
    return _then((m.a, m.b, m.c, m.d, m.e, m.f), outer)


def _then(m: Matrix, outer: Matrix) -> Matrix:
    a, b, c, d, e, f = outer
    return (m[0] * a + m[1] * c, m[0] * b + m[1] * d, m[2] * a + m[3] * c, m[2] * b + m[3] * d,
            m[4] * a + m[5] * c + e, m[4] * b + m[5] * d + f)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def placed(box: Box, m: Matrix) -> Box:
    xs, ys = zip(*(_apply(m, x, y) for x in box[::2] for y in box[1::2]))
    return (min(xs), min(ys), max(xs), max(ys))


def _walk(handle, top: int, page: Page, off: set[str], depth: int = 0, outer: Matrix = IDENTITY) -> None:
    """Record `handle` (and what a form object holds) as painted at position `top`; a shape
    inside a form is a shape of the page too, placed where the form puts it."""
    key = address(handle)
    page.order[key] = top
    kind = raw.FPDFPageObj_GetType(handle)
    if kind in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_SHADING):
        found = shape(top, handle, outer)
        if found:
            page.shapes.append(found)
    elif kind == raw.FPDF_PAGEOBJ_FORM and depth < 8:
        inner = _matrix(handle, outer)
        for i in range(raw.FPDFFormObj_CountObjects(handle)):
            _walk(raw.FPDFFormObj_GetObject(handle, i), top, page, off, depth + 1, inner)
    elif kind == raw.FPDF_PAGEOBJ_TEXT:
        text = TextObject(top, raw.FPDFTextObj_GetTextRenderMode(handle), _colour(raw.FPDFPageObj_GetFillColor, handle),
                          bounds(handle) if depth == 0 else None, _clip(handle) if depth == 0 else None)
        _marks(handle, text, off)
        page.texts[key] = text


def shape(index: int, handle, outer: Matrix = IDENTITY) -> Shape | None:
    """A path, image or shading as a shape of the page (None when it paints nothing)."""
    kind = raw.FPDFPageObj_GetType(handle)
    box = bounds(handle)
    if box is None:
        return None
    if kind != raw.FPDF_PAGEOBJ_PATH:
        return Shape(index, placed(box, outer), image=kind == raw.FPDF_PAGEOBJ_IMAGE, dark=False, filled=True,
                     shading=kind == raw.FPDF_PAGEOBJ_SHADING)
    fillmode, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(handle, fillmode, stroke)
    colour = _colour(raw.FPDFPageObj_GetFillColor, handle)
    filled = fillmode.value != 0 and colour[3] >= 200
    if filled or not stroke.value:
        return Shape(index, placed(box, outer), image=False, dark=filled and luminance(colour) <= DARK, filled=filled,
                     colour=colour)
    return _stroke(index, handle, box, outer)


def _stroke(index: int, handle, box: Box, outer: Matrix) -> Shape | None:
    """A stroked (not filled) path: its segments, in page space, and the half width of its pen."""
    colour = _colour(raw.FPDFPageObj_GetStrokeColor, handle)
    width = ctypes.c_float()
    if colour[3] < 200 or not raw.FPDFPageObj_GetStrokeWidth(handle, width):
        return None
    m = _matrix(handle, outer)
    points = []
    for i in range(min(raw.FPDFPath_CountSegments(handle), 64)):
        segment = raw.FPDFPath_GetPathSegment(handle, i)
        x, y = ctypes.c_float(), ctypes.c_float()
        raw.FPDFPathSegment_GetPoint(segment, x, y)
        points.append((raw.FPDFPathSegment_GetType(segment) == raw.FPDF_SEGMENT_MOVETO, _apply(m, x.value, y.value)))
    segments = tuple((a[1], b[1]) for a, b in zip(points, points[1:]) if not b[0])
    half = width.value / 2 * math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))
    if not segments or half <= 0:
        return None
    return Shape(index, placed(box, outer), image=False, dark=luminance(colour) <= DARK, filled=False,
                 colour=colour, segments=segments, half=half)


def _clip(handle) -> Box | None:
    """The box the object's clipping paths leave (their bounding boxes intersected), or None."""
    clip = raw.FPDFPageObj_GetClipPath(handle)
    if not clip:
        return None
    box = None
    for path in range(max(raw.FPDFClipPath_CountPaths(clip), 0)):
        xs, ys = [], []
        for i in range(min(raw.FPDFClipPath_CountPathSegments(clip, path), 64)):
            x, y = ctypes.c_float(), ctypes.c_float()
            raw.FPDFPathSegment_GetPoint(raw.FPDFClipPath_GetPathSegment(clip, path, i), x, y)
            xs.append(x.value)
            ys.append(y.value)
        if xs:
            one = (min(xs), min(ys), max(xs), max(ys))
            box = one if box is None else (max(box[0], one[0]), max(box[1], one[1]), min(box[2], one[2]),
                                           min(box[3], one[3]))
    return box


def _mark_string(mark, key: bytes) -> str | None:
    if raw.FPDFPageObjMark_GetParamValueType(mark, key) not in (raw.FPDF_OBJECT_STRING, raw.FPDF_OBJECT_NAME):
        return None
    size = ctypes.c_ulong()
    raw.FPDFPageObjMark_GetParamStringValue(mark, key, None, 0, size)
    buffer = ctypes.create_string_buffer(size.value)
    raw.FPDFPageObjMark_GetParamStringValue(mark, key, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)),
                                            size.value, size)
    return buffer.raw[:size.value].decode("utf-16-le", "replace").rstrip("\x00")


def _marks(handle, text: TextObject, off: set[str]) -> None:
    """The marked content a text object lies in: a layer that is off, an /ActualText."""
    for i in range(raw.FPDFPageObj_CountMarks(handle)):
        mark = raw.FPDFPageObj_GetMark(handle, i)
        actual = _mark_string(mark, b"ActualText")
        if actual is not None:
            text.actual_text = actual
        if off and _mark_string(mark, b"Name") in off:
            text.layer_off = True


def layers_off(pdf: pikepdf.Pdf) -> set[str]:
    """The names of the optional content groups (layers) a viewer does not show when it opens."""
    props = pdf.Root.get("/OCProperties")
    if not isinstance(props, pikepdf.Dictionary) or not isinstance(props.get("/D"), pikepdf.Dictionary):
        return set()
    default, groups = props.D, props.get("/OCGs")
    on = {g.objgen for g in default.get("/ON", []) if isinstance(g, pikepdf.Dictionary)}
    if default.get("/BaseState") == pikepdf.Name.OFF and isinstance(groups, pikepdf.Array):
        off = [g for g in groups if isinstance(g, pikepdf.Dictionary) and g.objgen not in on]
    else:
        off = [g for g in default.get("/OFF", []) if isinstance(g, pikepdf.Dictionary)]
    return {str(g.get("/Name", "")) for g in off}


def read_page(page: pdfium.PdfPage, off: set[str], annots) -> Page:
    """The page's shapes and text objects; `annots` its /Annots (pikepdf) for appearances' boxes."""
    found = Page()
    for index in range(raw.FPDFPage_CountObjects(page.raw)):
        _walk(raw.FPDFPage_GetObject(page.raw, index), index, found, off)
    if raw.FPDFPage_GetAnnotCount(page.raw):
        found.shapes += _annotation_shapes(page, annots)
    return found


def _annotation_shapes(page: pdfium.PdfPage, annots) -> list[Shape]:
    """What annotations' normal appearances paint over the page (a Square filled black, a stamp)."""
    out = []
    for i in range(raw.FPDFPage_GetAnnotCount(page.raw)):
        annot = raw.FPDFPage_GetAnnot(page.raw, i)
        try:
            if raw.FPDFAnnot_GetSubtype(annot) in _NO_COVER_ANNOTS or raw.FPDFAnnot_GetFlags(annot) & (2 | 32):
                continue
            count = raw.FPDFAnnot_GetObjectCount(annot)
            where = _appearance_matrix(annots, i) if count else None
            for k in range(count if where else 0):
                found = shape(ABOVE_ALL, raw.FPDFAnnot_GetObject(annot, k), where)
                if found:
                    out.append(found)
        finally:
            raw.FPDFPage_CloseAnnot(annot)
    return out


def _appearance_matrix(annots, index: int) -> Matrix | None:
    """How an annotation's appearance stream is placed on the page: its /Matrix, then its /BBox
    (so transformed) fitted to the annotation's /Rect."""
    try:
        annot = annots[index]
        ap = annot.AP.N
        if isinstance(ap, pikepdf.Dictionary) and not isinstance(ap, pikepdf.Stream):
            ap = ap[annot.AS]
        rect = [float(v) for v in annot.Rect]
        own = tuple(float(v) for v in ap.get("/Matrix", IDENTITY))
        box = placed(tuple(float(v) for v in ap.BBox), own)
    except (AttributeError, KeyError, IndexError, TypeError, ValueError, pikepdf.PdfError):
        return None
    if box[2] <= box[0] or box[3] <= box[1]:
        return None
    sx, sy = (max(rect[0], rect[2]) - min(rect[0], rect[2])) / (box[2] - box[0]), \
        (max(rect[1], rect[3]) - min(rect[1], rect[3])) / (box[3] - box[1])
    fit = (sx, 0, 0, sy, min(rect[0], rect[2]) - box[0] * sx, min(rect[1], rect[3]) - box[1] * sy)
    return _then(own, fit)
