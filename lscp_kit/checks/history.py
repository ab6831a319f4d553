"""Hidden history: what a file keeps besides what a reader sees on its pages.

PDF: earlier revisions kept by incremental updates whose text the final one no longer shows,
embedded files and JavaScript. Office and OpenDocument: see `office_history`.
"""
from __future__ import annotations

import re

import pikepdf
import pypdfium2 as pdfium

from lscp_kit.audit.normalise import normalise

SHINGLE = 3  # words: a run of this many in an earlier revision and not in the final one is a change
EXCERPT_WORDS = 12
_EOF = re.compile(rb"startxref\s+\d+\s*%%EOF")


def page_texts(doc: pdfium.PdfDocument) -> list[str]:
    """Each page's text, as PDFium extracts it."""
    parts = []
    for number in range(len(doc)):
        page = doc[number]
        textpage = page.get_textpage()
        parts.append(textpage.get_text_range())
        textpage.close()
        page.close()
    return parts


def revisions(data: bytes) -> list[bytes]:
    """The file as each earlier revision left it: cut after each %%EOF but the last."""
    ends = [m.end() for m in _EOF.finditer(data)]
    return [data[:end] for end in ends[:-1]]


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    size = min(SHINGLE, len(words))
    return {tuple(words[i:i + size]) for i in range(len(words) - size + 1)} if words else set()


def removed_text(earlier: str, final: str) -> str | None:
    """Words of `earlier` the final text no longer holds, as a short excerpt; None when none."""
    old, new = normalise(earlier).split(), normalise(final).split()
    kept = _shingles(new)
    size = min(SHINGLE, len(old))
    gone = [i for i in range(len(old) - size + 1) if tuple(old[i:i + size]) not in kept]
    if not gone or (len(old) < SHINGLE and set(old) <= set(new)):
        return None
    start = gone[0]
    end = start + size
    for i in gone[1:]:
        if i > end:
            break
        end = i + size
    words = old[start:min(end, start + EXCERPT_WORDS)]
    return " ".join(words) + (" …" if end - start > EXCERPT_WORDS else "")


def pdf_revisions(data: bytes, final: str) -> list[str]:
    """One line per earlier revision that holds text the final one does not show."""
    out = []
    for number, earlier in enumerate(revisions(data), 1):
        try:
            doc = pdfium.PdfDocument(earlier)
        except pdfium.PdfiumError:
            continue  # a cut that does not open is not a revision a reader can get back
        try:
            gone = removed_text("\n".join(page_texts(doc)), final)
        finally:
            doc.close()
        if gone:
            out.append(f"an earlier revision (revision {number}, kept by an incremental save) still holds "
                       f"text the final one removed: «{gone}»")
    return out


def pdf_extras(pdf: pikepdf.Pdf) -> list[str]:
    """Embedded files and JavaScript anywhere in the file."""
    found: set[str] = set()
    names = pdf.Root.get("/Names")
    if isinstance(names, pikepdf.Dictionary):
        if "/EmbeddedFiles" in names:
            found.add("embedded files")
        if "/JavaScript" in names:
            found.add("JavaScript")
    for obj in pdf.objects:
        if not isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            continue
        if "/JS" in obj or obj.get("/S") == pikepdf.Name.JavaScript:
            found.add("JavaScript")
        if obj.get("/Type") == pikepdf.Name.EmbeddedFile or obj.get("/Subtype") == pikepdf.Name.FileAttachment \
                or "/EF" in obj:
            found.add("embedded files")
    return [f"{what} inside the PDF" for what in sorted(found)]
