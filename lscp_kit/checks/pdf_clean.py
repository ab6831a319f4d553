"""What `make clean-attachment` removes from a PDF besides its metadata (checks/clean.py): words
off the page (a language that is not a language tag, form tooltips, bookmarks the pages do
not show), comments and hidden annotations, form values no field shows, and the EXIF of
placed photos."""
from __future__ import annotations

import io

import pikepdf
import pypdfium2 as pdfium

from lscp_kit.audit.normalise import normalise
from lscp_kit.checks.pdf_annotations import HIDDEN_FLAGS, MARKUP, unseen_fields
from lscp_kit.checks.pdf_history import page_texts
from lscp_kit.checks.pdf_parts import BCP47

_DROP_SEGMENTS = {0xE1, 0xED, 0xEF, 0xFE}  # APP1 (EXIF, XMP), APP13 (IPTC), APP15, COM; APP2 (ICC colour) kept


def off_the_page(pdf: pikepdf.Pdf, data: bytes) -> None:
    """Remove from `pdf` (opened from `data`) what a reader's software shows off the page."""
    lang = pdf.Root.get("/Lang")
    if isinstance(lang, pikepdf.String) and not BCP47.match(str(lang).strip()):
        del pdf.Root["/Lang"]
    form = pdf.Root.get("/AcroForm")
    if isinstance(form, pikepdf.Dictionary):
        if "/XFA" in form:
            del form["/XFA"]
        for field in unseen_fields(pdf):
            del field["/V"]
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and "/TU" in obj:
                del obj["/TU"]
    _bookmarks(pdf, data)
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == pikepdf.Name.Image \
                and obj.get("/Filter") == pikepdf.Name.DCTDecode:
            _photo(obj)


def page_annotations(annots: pikepdf.Array) -> pikepdf.Array:
    """The annotations a reader sees, without comments: sticky notes and their pop-ups, hidden
    annotations dropped; the notes of highlights and shapes emptied."""
    keep = []
    for annot in annots:
        if isinstance(annot, pikepdf.Dictionary):
            subtype = annot.get("/Subtype")
            flags = int(annot.get("/F", 0)) if isinstance(annot.get("/F", 0), int) else 0
            if subtype in (pikepdf.Name.Text, pikepdf.Name.Popup) or flags & HIDDEN_FLAGS:
                continue
            if str(subtype) in MARKUP:
                for key in ("/Contents", "/RC", "/Popup"):
                    if key in annot:
                        del annot[key]
        keep.append(annot)
    return pikepdf.Array(keep)


def _bookmarks(pdf: pikepdf.Pdf, data: bytes) -> None:
    """Bookmarks whose titles the pages do not show removed (with what they hold)."""
    if "/Outlines" not in pdf.Root:
        return
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return
    try:
        shown = normalise("\n".join(page_texts(doc)))
    finally:
        doc.close()
    with pdf.open_outline() as outline:
        outline.root[:] = _kept(outline.root, shown)


def _kept(items: list, shown: str) -> list:
    out = []
    for item in items:
        if normalise(item.title or "") in shown:
            item.children[:] = _kept(item.children, shown)
            out.append(item)
    return out


def _photo(stream: pikepdf.Stream) -> None:
    """A placed JPEG without its EXIF, XMP, IPTC and comments (the pixels untouched)."""
    data = stream.read_raw_bytes()
    cleaned = strip_jpeg(data)
    if cleaned != data:
        stream.write(cleaned, filter=pikepdf.Name.DCTDecode)


def strip_jpeg(data: bytes) -> bytes:
    """`data` without its metadata segments, up to the start of the scan; unchanged if it is not
    a JPEG these few lines can walk."""
    if data[:2] != b"\xff\xd8":
        return data
    out, at = io.BytesIO(), 2
    out.write(b"\xff\xd8")
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if marker == 0xDA:  # start of scan: the rest is the picture
            out.write(data[at:])
            return out.getvalue()
        length = int.from_bytes(data[at + 2:at + 4], "big")
        if marker not in _DROP_SEGMENTS:
            out.write(data[at:at + 2 + length])
        at += 2 + length
    return data
