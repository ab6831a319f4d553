"""Redactions that do not hold: PDF text a reader cannot see but anyone can select and copy.

Text whose characters lie under what is painted after them (a dark or white box however drawn:
filled, a wide stroked line, many thin lines side by side; an image; a shading; an annotation's
appearance), invisible text (render mode 3) that no image lies under, text never painted (mode
7, or fill opacity 0), white text on a white page, text off the page, outside its clipping path,
smaller than 1 pt or squeezed to a hairline, text in a layer that is off, /ActualText the glyphs
do not show, and redaction annotations (/Redact) marked but never applied. Read with PDFium
(pypdfium2): page objects in painting order (checks/pdf_page.py), and each character's box.
"""
from __future__ import annotations

import io
from typing import Callable

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as raw

from lscp_kit.audit.normalise import normalise
from lscp_kit.checks.pdf_page import WHITE, Box, Page, TextObject, address, layers_off, read_page

MIN_SIZE = 1.0  # text smaller than this (pt) cannot be read
SQUEEZED_RATIO = 0.06  # a character narrower than this share of its height is squeezed to a hairline
EXCERPT = 60

UNDER_BOX = "text under a dark box drawn over it"
UNDER_IMAGE = "text under an image drawn over it"
UNDER_SHADING = "text under a shading drawn over it"
UNDER_WHITE = "text under a white box drawn over it (white-out)"
SAME_COLOUR = "text the colour of the box behind it"
NEAR = 40  # text whose red, green and blue each differ by no more than this from its background cannot be seen
INVISIBLE = "invisible text (render mode 3)"
UNPAINTED = "text never painted (render mode 7, or fully transparent)"
WHITE_TEXT = "white text on a white page"
OFF_PAGE = "text outside the page"
TINY = "text smaller than 1 pt"
SQUEEZED = "text squeezed too narrow to read (horizontal scaling)"
CLIPPED = "text outside the clipping path that shows its part of the page"
LAYER_OFF = "text in a layer (optional content) that is off"
ACTUAL_TEXT = "text copied and read aloud (/ActualText) that the page does not show"
_SAMPLES = (0.2, 0.5, 0.8)


def _near(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return all(abs(x - y) <= NEAR for x, y in zip(a[:3], b[:3]))


def _inside(point: tuple[float, float], box: Box) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


def _within(inner: Box, outer: Box) -> bool:
    return outer[0] <= inner[0] and inner[2] <= outer[2] and outer[1] <= inner[1] and inner[3] <= outer[3]


def _overlap(a: Box, b: Box) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _needs_chars(page: Page, bounds: Box) -> bool:
    """Whether any text object may be hidden, so that its characters must be looked at one by
    one (most pages have none: the check then costs a few calls per object)."""
    covers = [s for s in page.shapes if s.cover and s.big]
    thin = [s for s in page.shapes if (s.dark or s.white) and not s.big]
    for text in page.texts.values():
        box, colour = text.box, text.colour
        if box is None or text.mode != raw.FPDF_TEXTRENDERMODE_FILL or min(colour[:3]) >= WHITE or colour[3] == 0:
            return True
        if text.layer_off or (text.actual_text or "").strip() or (text.clip and not _within(box, text.clip)):
            return True
        if box[3] - box[1] < MIN_SIZE * 2 or box[2] - box[0] < (box[3] - box[1]) * 0.2 or not _within(box, bounds):
            return True
        if any(c.index > text.order and _overlap(c.box, box) for c in covers):
            return True
        if thin and sum(1 for s in thin if s.index > text.order and _overlap(s.box, box)) >= 3:
            return True
        if any(s.index < text.order and s.filled and not (s.image or s.shading) and _near(s.colour, colour)
               and _overlap(s.box, box)
               for s in page.shapes):
            return True
    return False


def _char_problem(page: Page, text: TextObject, box: Box, bounds: Box) -> str | None:
    """What hides one character from a reader, or None when it shows."""
    centre = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
    if box[2] < bounds[0] or box[0] > bounds[2] or box[3] < bounds[1] or box[1] > bounds[3]:
        return OFF_PAGE
    if box[3] - box[1] < MIN_SIZE and box[3] > box[1]:
        return TINY
    if box[2] - box[0] < (box[3] - box[1]) * SQUEEZED_RATIO:
        return SQUEEZED
    if text.clip and not _inside(centre, text.clip):
        return CLIPPED
    if text.layer_off:
        return LAYER_OFF
    order, mode, colour = text.order, text.mode, text.colour
    below = [s for s in page.shapes if s.index < order and s.filled and _inside(centre, s.box)]
    if mode == raw.FPDF_TEXTRENDERMODE_INVISIBLE:
        return None if any(s.image for s in below) else INVISIBLE  # an OCR layer over its scan
    if mode == raw.FPDF_TEXTRENDERMODE_CLIP or colour[3] == 0:
        return UNPAINTED
    over = _covered(page, order, box, centre)
    if over:
        return over
    behind = max(below, key=lambda s: s.index, default=None)
    if behind is not None and not (behind.image or behind.shading) and _near(behind.colour, colour):
        return SAME_COLOUR
    if mode in (raw.FPDF_TEXTRENDERMODE_FILL, raw.FPDF_TEXTRENDERMODE_FILL_CLIP) and min(colour[:3]) >= WHITE \
            and colour[3] > 0 and not below:
        return WHITE_TEXT
    return None


def _covered(page: Page, order: int, box: Box, centre: tuple[float, float]) -> str | None:
    """What is painted over a character: a big box or picture over its centre, or lines (one
    wide stroke, or thin ones side by side) that leave none of it showing (every sample point
    of its box under one of them)."""
    later = [s for s in page.shapes if s.index > order and s.cover]
    for shape in later:
        if shape.big and not shape.segments and shape.covers(centre):
            return UNDER_IMAGE if shape.image else UNDER_SHADING if shape.shading else \
                UNDER_BOX if shape.dark else UNDER_WHITE
    lines = [s for s in later if (s.segments or not s.big) and (s.dark or s.white) and _overlap(s.box, box)]
    if not lines:
        return None
    points = [(box[0] + (box[2] - box[0]) * fx, box[1] + (box[3] - box[1]) * fy) for fx in _SAMPLES for fy in _SAMPLES]
    if all(any(s.covers(p) for s in lines) for p in points):
        return UNDER_BOX if any(s.dark for s in lines) else UNDER_WHITE
    return None


def page_findings(page: pdfium.PdfPage, textpage=None, off: set[str] = frozenset(), annots=None,
                  shown: Callable[[], str] = str) -> dict[str, str]:
    """Each way text on `page` is hidden -> an excerpt of that text; `textpage` the page's text
    page when it is loaded already; `shown()` gives the page's text as its glyphs draw it (asked
    only when marked content carries an /ActualText)."""
    found = read_page(page, off, annots)
    bounds = page.get_cropbox()
    if not found.texts or not _needs_chars(found, bounds):
        return {}
    own = textpage is None
    textpage = page.get_textpage() if own else textpage
    try:
        runs = _runs(found, textpage, bounds)
    finally:
        if own:
            textpage.close()
    out = {what: _excerpt("".join(chars)) for what, chars in runs.items()}
    actual = [t.actual_text for t in found.texts.values() if t.actual_text and t.actual_text.strip()]
    drawn = shown() if actual else ""
    unshown = [text for text in actual if not _shows(text, drawn)]
    if unshown:
        out[ACTUAL_TEXT] = _excerpt(" ".join(dict.fromkeys(unshown)))
    return out


def _runs(found: Page, textpage, bounds: Box) -> dict[str, list[str]]:
    """The characters of each way text is hidden, in reading order (a space between words)."""
    runs: dict[str, list[str]] = {}
    last = None
    rect = raw.FS_RECTF()
    for i in range(textpage.count_chars()):
        char = chr(raw.FPDFText_GetUnicode(textpage.raw, i) or 32)
        text = found.texts.get(address(raw.FPDFText_GetTextObject(textpage.raw, i)))
        if text is None or not raw.FPDFText_GetLooseCharBox(textpage.raw, i, rect):
            continue
        box = (rect.left, rect.bottom, rect.right, rect.top)
        if char.isspace() or box[2] <= box[0]:
            if last:
                runs[last].append(" ")
            continue
        what = _char_problem(found, text, box, bounds)
        if what:
            runs.setdefault(what, []).append(char)
        last = what
    return runs


def _letters(text: str) -> str:
    return "".join(c for c in normalise(text) if c.isalnum())


def _shows(actual: str, shown: str) -> bool:
    """Whether the glyphs show what /ActualText says they are (a ligature, a hyphenated word)."""
    return _letters(actual) in _letters(shown)


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[:EXCERPT - 1] + "…"


def read_pages(doc: pdfium.PdfDocument, pdf: pikepdf.Pdf, data: bytes,
               known: list[str] | None = None) -> tuple[list[str], list[str]]:
    """Each page's text as PDFium extracts it (`known` when it was read already), and one line
    per page and way text is hidden on it (what, where, and the text): one load of each page
    for both, its text page loaded once (or, when the text is known, only if it must be)."""
    texts, out, off = list(known or []), [], layers_off(pdf)
    glyphs = _GlyphText(data)
    for number in range(len(doc)):
        page = doc[number]
        textpage = None if known else page.get_textpage()
        try:
            if textpage is not None:
                texts.append(textpage.get_text_range())
            annots = pdf.pages[number].obj.get("/Annots") if number < len(pdf.pages) else None
            found = page_findings(page, textpage, off, annots, lambda: glyphs.page(number))
            out += [f"page {number + 1}: {what}: «{text}»" for what, text in sorted(found.items())]
        finally:
            if textpage is not None:
                textpage.close()
            page.close()
    return texts, out


class _GlyphText:
    """A page's text as its glyphs draw it, ignoring /ActualText (pypdf), read only when asked."""

    def __init__(self, data: bytes) -> None:
        self.data, self.reader = data, None

    def page(self, number: int) -> str:
        from pypdf import PdfReader
        try:
            if self.reader is None:
                self.reader = PdfReader(io.BytesIO(self.data), strict=False)
            return self.reader.pages[number].extract_text()
        except Exception:  # pypdf raises many kinds on a page it cannot read: then nothing is shown
            return ""


def unapplied(pdf: pikepdf.Pdf) -> list[str]:
    """Redaction annotations marked but never applied: the text under them is all still there."""
    out = []
    for number, page in enumerate(pdf.pages, 1):
        annots = page.obj.get("/Annots")
        if isinstance(annots, pikepdf.Array) and any(
                isinstance(a, pikepdf.Dictionary) and a.get("/Subtype") == pikepdf.Name.Redact for a in annots):
            out.append(f"page {number}: a redaction was marked (a /Redact annotation) but never applied")
    return out
