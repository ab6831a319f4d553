"""Redactions that do not hold: PDF text a reader cannot see but anyone can select and copy.

Text whose characters lie under a dark filled box or an image drawn after them, invisible text
(render mode 3) that no image lies under, text never painted (mode 7, or fill opacity 0), white text on a white page, text off the page or
smaller than 1 pt, and redaction annotations (/Redact) marked but never applied. Read with
PDFium (pypdfium2): page objects in painting order, and each character's box.
"""
from __future__ import annotations

import ctypes
from dataclasses import dataclass, field

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as raw

DARK = 90  # a fill whose luminance (0-255) is at or below this hides black text (navy, #333, black)
WHITE = 235  # text whose red, green and blue are all at or above this is white
MIN_BOX = 4.0  # a box narrower or lower than this (pt) is a rule or a border, not a cover
MIN_SIZE = 1.0  # text smaller than this (pt) cannot be read
EXCERPT = 60

UNDER_BOX = "text under a dark box drawn over it"
UNDER_IMAGE = "text under an image drawn over it"
UNDER_WHITE = "text under a white box drawn over it (white-out)"
SAME_COLOUR = "text the colour of the box behind it"
NEAR = 40  # text whose red, green and blue each differ by no more than this from its background cannot be seen
INVISIBLE = "invisible text (render mode 3)"
UNPAINTED = "text never painted (render mode 7, or fully transparent)"
WHITE_TEXT = "white text on a white page"
OFF_PAGE = "text outside the page"
TINY = "text smaller than 1 pt"


@dataclass
class _Shape:
    index: int  # painting order on the page
    box: tuple[float, float, float, float]  # left, bottom, right, top
    image: bool
    dark: bool
    filled: bool
    colour: tuple[int, int, int, int] = (0, 0, 0, 255)

    @property
    def white(self) -> bool:
        return self.filled and not self.image and min(self.colour[:3]) >= WHITE


@dataclass
class _Page:
    shapes: list[_Shape] = field(default_factory=list)
    order: dict[int, int] = field(default_factory=dict)  # page object address -> painting order
    text_objects: dict[int, tuple[int, tuple[int, int, int, int]]] = field(default_factory=dict)
    text_boxes: list[tuple[int, tuple[float, float, float, float] | None, int, tuple]] = field(default_factory=list)


def _address(handle) -> int:
    return ctypes.cast(handle, ctypes.c_void_p).value or 0


def _fill(handle) -> tuple[int, int, int, int]:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not raw.FPDFPageObj_GetFillColor(handle, r, g, b, a):
        return (0, 0, 0, 255)
    return (r.value, g.value, b.value, a.value)


def _luminance(colour: tuple[int, int, int, int]) -> float:
    return 0.299 * colour[0] + 0.587 * colour[1] + 0.114 * colour[2]


def _bounds(handle) -> tuple[float, float, float, float] | None:
    l, b, r, t = (ctypes.c_float() for _ in range(4))
    if not raw.FPDFPageObj_GetBounds(handle, l, b, r, t):
        return None
    return (l.value, b.value, r.value, t.value)


Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1, 0, 0, 1, 0, 0)


def _matrix(handle, outer: Matrix) -> Matrix:
    """A form object's own matrix followed by `outer` (the forms around it)."""
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(handle, m):
        return outer
    a, b, c, d, e, f = outer
    return (m.a * a + m.b * c, m.a * b + m.b * d, m.c * a + m.d * c, m.c * b + m.d * d,
            m.e * a + m.f * c + e, m.e * b + m.f * d + f)


def _placed(box: tuple[float, float, float, float], m: Matrix) -> tuple[float, float, float, float]:
    xs, ys = zip(*((m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]) for x in box[::2] for y in box[1::2]))
    return (min(xs), min(ys), max(xs), max(ys))


def _walk(handle, top: int, page: _Page, depth: int = 0, outer: Matrix = IDENTITY) -> None:
    """Record `handle` (and what a form object holds) as painted at position `top`; a box or an
    image inside a form is a shape of the page too, placed where the form puts it."""
    page.order[_address(handle)] = top
    kind = raw.FPDFPageObj_GetType(handle)
    if depth and kind in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE):
        shape = _shape(top, handle)
        if shape:
            shape.box = _placed(shape.box, outer)
            page.shapes.append(shape)
    if kind == raw.FPDF_PAGEOBJ_FORM and depth < 8:
        inner = _matrix(handle, outer)
        for i in range(raw.FPDFFormObj_CountObjects(handle)):
            _walk(raw.FPDFFormObj_GetObject(handle, i), top, page, depth + 1, inner)
    elif kind == raw.FPDF_PAGEOBJ_TEXT:
        mode, colour = raw.FPDFTextObj_GetTextRenderMode(handle), _fill(handle)
        page.text_objects[_address(handle)] = (mode, colour)
        page.text_boxes.append((top, _bounds(handle) if depth == 0 else None, mode, colour))


def _shape(index: int, handle) -> _Shape | None:
    kind = raw.FPDFPageObj_GetType(handle)
    if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE):
        return None
    box = _bounds(handle)
    if box is None:
        return None
    if kind == raw.FPDF_PAGEOBJ_IMAGE:
        return _Shape(index, box, image=True, dark=False, filled=True)
    fillmode, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(handle, fillmode, stroke)
    colour = _fill(handle)
    filled = fillmode.value != 0 and colour[3] >= 200
    return _Shape(index, box, image=False, dark=filled and _luminance(colour) <= DARK, filled=filled, colour=colour)


def _read_page(page: pdfium.PdfPage) -> _Page:
    found = _Page()
    for index in range(raw.FPDFPage_CountObjects(page.raw)):
        handle = raw.FPDFPage_GetObject(page.raw, index)
        _walk(handle, index, found)
        shape = _shape(index, handle)
        if shape:
            found.shapes.append(shape)
    return found


def _near(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return all(abs(x - y) <= NEAR for x, y in zip(a[:3], b[:3]))


def _inside(point: tuple[float, float], box: tuple[float, float, float, float]) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


def _big(box: tuple[float, float, float, float]) -> bool:
    return box[2] - box[0] >= MIN_BOX and box[3] - box[1] >= MIN_BOX


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _needs_chars(page: _Page, bounds: tuple[float, float, float, float]) -> bool:
    """Whether any text object may be hidden, so that its characters must be looked at one by
    one (most pages have none: the check then costs a few calls per object)."""
    covers = [s for s in page.shapes if (s.image or s.dark or s.white) and _big(s.box)]
    for order, box, mode, colour in page.text_boxes:
        if box is None or mode != raw.FPDF_TEXTRENDERMODE_FILL or min(colour[:3]) >= WHITE or colour[3] == 0:
            return True
        if box[3] - box[1] < MIN_SIZE * 2 or not (bounds[0] <= box[0] and box[2] <= bounds[2]
                                                  and bounds[1] <= box[1] and box[3] <= bounds[3]):
            return True
        if any(c.index > order and _overlap(c.box, box) for c in covers):
            return True
        if any(s.index < order and s.filled and not s.image and _near(s.colour, colour) and _overlap(s.box, box)
               for s in page.shapes):
            return True
    return False


def _char_problem(page: _Page, order: int, mode: int, colour, box, centre, bounds) -> str | None:
    """What hides one character from a reader, or None when it shows."""
    if box[2] < bounds[0] or box[0] > bounds[2] or box[3] < bounds[1] or box[1] > bounds[3]:
        return OFF_PAGE
    if box[3] - box[1] < MIN_SIZE and box[3] > box[1]:
        return TINY
    below = [s for s in page.shapes if s.index < order and s.filled and _inside(centre, s.box)]
    if mode == raw.FPDF_TEXTRENDERMODE_INVISIBLE:
        return None if any(s.image for s in below) else INVISIBLE  # an OCR layer over its scan
    if mode == raw.FPDF_TEXTRENDERMODE_CLIP or colour[3] == 0:
        return UNPAINTED
    for shape in page.shapes:
        if shape.index > order and (shape.image or shape.dark or shape.white) and _big(shape.box) \
                and _inside(centre, shape.box):
            return UNDER_IMAGE if shape.image else UNDER_BOX if shape.dark else UNDER_WHITE
    behind = max(below, key=lambda s: s.index, default=None)
    if behind is not None and not behind.image and _near(behind.colour, colour):
        return SAME_COLOUR
    if mode in (raw.FPDF_TEXTRENDERMODE_FILL, raw.FPDF_TEXTRENDERMODE_FILL_CLIP) and min(colour[:3]) >= WHITE \
            and colour[3] > 0 and not below:
        return WHITE_TEXT
    return None


def page_findings(page: pdfium.PdfPage) -> dict[str, str]:
    """Each way text on `page` is hidden -> an excerpt of that text."""
    found = _read_page(page)
    bounds = page.get_cropbox()
    if not found.text_objects or not _needs_chars(found, bounds):
        return {}
    textpage = page.get_textpage()
    runs: dict[str, list[str]] = {}
    last = None
    rect = raw.FS_RECTF()
    try:
        for i in range(textpage.count_chars()):
            char = chr(raw.FPDFText_GetUnicode(textpage.raw, i) or 32)
            handle = raw.FPDFText_GetTextObject(textpage.raw, i)
            key = _address(handle)
            if key not in found.text_objects:
                continue
            if not raw.FPDFText_GetLooseCharBox(textpage.raw, i, rect):
                continue
            box = (rect.left, rect.bottom, rect.right, rect.top)
            if char.isspace() or box[2] <= box[0]:
                if last:
                    runs[last].append(" ")
                continue
            mode, colour = found.text_objects[key]
            centre = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
            what = _char_problem(found, found.order.get(key, 0), mode, colour, box, centre, bounds)
            if what:
                runs.setdefault(what, []).append(char)
            last = what
    finally:
        textpage.close()
    return {what: _excerpt("".join(chars)) for what, chars in runs.items()}


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[:EXCERPT - 1] + "…"


def hidden_text(doc: pdfium.PdfDocument) -> list[str]:
    """One line per page and way text is hidden on it: what, where, and the text."""
    out = []
    for number in range(len(doc)):
        page = doc[number]
        try:
            for what, text in sorted(page_findings(page).items()):
                out.append(f"page {number + 1}: {what}: «{text}»")
        finally:
            page.close()
    return out


def unapplied(pdf: pikepdf.Pdf) -> list[str]:
    """Redaction annotations marked but never applied: the text under them is all still there."""
    out = []
    for number, page in enumerate(pdf.pages, 1):
        annots = page.obj.get("/Annots")
        if isinstance(annots, pikepdf.Array) and any(
                isinstance(a, pikepdf.Dictionary) and a.get("/Subtype") == pikepdf.Name.Redact for a in annots):
            out.append(f"page {number}: a redaction was marked (a /Redact annotation) but never applied")
    return out
