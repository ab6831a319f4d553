"""PDFs read as Chrome's viewer (PDFium) shows them, and as pypdf sees their objects.

A PDF must be whole (its %%EOF end marker last, an xref PDFium and pypdf both open without
repairing it) and open without a password (an owner password alone restricts printing, not
reading: every viewer opens it, and so do the readers, with `cryptography` for AES); otherwise it
is refused. Read: every page's text (PDFium), every page again with its annotations' appearances
flattened in (a stamp or a free-text box), the text again without /ToUnicode maps (glyphs drawing
letters that a map says are something else), and pypdf's reading of every object's strings,
the XMP metadata and every embedded file, at any depth, as nested files."""
from __future__ import annotations

import io
import logging
import re
from contextlib import contextmanager

from lscp_kit.audit.readers.base import Context, Readings, Refused
from lscp_kit.audit.readers.pdf_objects import ObjectWalk, without_tounicode

REEXPORT = "re-export the PDF (print it to PDF again or save it again from the program that made it)"
PASSWORD = "remove the password (save a copy without one) and publish that"
# pypdf's warnings that say it had to guess: the file is damaged or cut short
_DAMAGE = re.compile(r"xref|startxref|EOF|truncat|rebuil|repair|ended|corrupt|damag|incorrect|wrong pointing|"
                     r"not found|invalid|unexpected|could not|cannot|can't|missing|decod", re.IGNORECASE)


@contextmanager
def _pypdf_warnings():
    """Collect what pypdf logs (it logs damage it works around instead of raising)."""
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    logger = logging.getLogger("pypdf")
    handler, level, propagate = Collect(logging.WARNING), logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


def check_whole(data: bytes) -> None:
    """Refuse a PDF cut short: its last 1,024 bytes must hold startxref and the %%EOF marker
    (what a viewer looks for first; PDFium would silently rebuild a cut file instead)."""
    end = data.rstrip(b"\x00\t\n\r\x0c ")
    if not end[-1024:].endswith(b"%%EOF") or b"startxref" not in end[-2048:]:
        raise Refused(f"the PDF is incomplete (it does not end with the %%EOF marker): {REEXPORT}")


def read_pdf(name: str, data: bytes, ctx: Context) -> Readings:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    check_whole(data)
    found = Readings()
    with _pypdf_warnings() as warnings:
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise Refused(f"the PDF opens only with a password: {PASSWORD}")
            pages = len(reader.pages)
            walk = ObjectWalk(reader)
        except (PdfReadError, DependencyError, ValueError, KeyError, TypeError, AttributeError) as error:
            raise Refused(f"pypdf cannot read the PDF ({type(error).__name__}: {error}): {REEXPORT}") from None
        _refuse_damage(warnings)
        found.text += walk.strings
        found.raw += walk.names
        found.markup += walk.xmp
        for attached, blob in walk.files:
            found.text.append(attached)
            found.extend(ctx.nested(attached, blob))
        _refuse_damage(warnings)
    found.text += page_texts(data, pages)
    if walk.simple_fonts_mapped:
        found.text += page_texts(without_tounicode(data, reader), pages, annotations=False)
    return found


def _refuse_damage(warnings: list[str]) -> None:
    damage = [w for w in warnings if _DAMAGE.search(w)]
    if damage:
        raise Refused(f"the PDF is damaged (pypdf: {damage[0]}): {REEXPORT}")


_LAST: list = [None, []]  # the bytes of the PDF read last in this process, and its page texts


def remembered_texts(data: bytes) -> list[str] | None:
    """The page texts of `data` when it is the very PDF (the same bytes object) this process
    read last: the attachment checks read a file right after the audit's readers do."""
    return list(_LAST[1]) if _LAST[0] is data else None


def page_texts(data: bytes, pages: int, annotations: bool = True) -> list[str]:
    """Every page's text as PDFium extracts it; then, for pages with annotations, the text of
    the page with its annotations flattened into it (as the viewer draws them)."""
    import pypdfium2.raw as pdfium_c

    texts, annotated = [], []
    if annotations:
        _LAST[:] = [None, []]
    doc = _open(data)
    try:
        if len(doc) != pages:
            raise Refused(f"PDFium and pypdf count {len(doc)} and {pages} pages: {REEXPORT}")
        for index in range(len(doc)):
            page = doc[index]
            texts.append(_text(page))
            if annotations and pdfium_c.FPDFPage_GetAnnotCount(page.raw) > 0:
                annotated.append(index)
            page.close()
    finally:
        doc.close()
    if annotations:
        _LAST[:] = [data, list(texts)]
    if annotated:
        texts += _flattened_texts(data, annotated)
    return texts


def _flattened_texts(data: bytes, indices: list[int]) -> list[str]:
    """The text of pages `indices` with their annotations' normal appearances flattened in (the
    form fill environment is needed only to draw forms interactively: not to flatten)."""
    import pypdfium2.raw as pdfium_c

    doc = _open(data)
    try:
        out = []
        for index in indices:
            page = doc[index]
            if pdfium_c.FPDFPage_Flatten(page.raw, pdfium_c.FLAT_NORMALDISPLAY) == pdfium_c.FLATTEN_FAIL:
                raise Refused(f"PDFium cannot draw the annotations of page {index + 1}: {REEXPORT}")
            page.close()
            page = doc[index]  # a flattened page is read once loaded again
            out.append(_text(page))
            page.close()
        return out
    finally:
        doc.close()


def _open(data: bytes):
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if error.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise Refused(f"the PDF opens only with a password: {PASSWORD}") from None
        raise Refused(f"PDFium (Chrome's PDF viewer) cannot open the PDF ({error}): {REEXPORT}") from None


def _text(page) -> str:
    textpage = page.get_textpage()
    try:
        return textpage.get_text_range()
    finally:
        textpage.close()
