"""Accessibility of public PDFs (public sector bodies must publish accessible documents): what
the accessibility statement lists under "content that is not accessible"."""
from __future__ import annotations

import pikepdf

from lscp_kit.checks.metadata import Fields


def pdf_notes(pdf: pikepdf.Pdf, fields: Fields, pages_without_text: int, pages: int) -> list[str]:
    """Each way the PDF falls short: untagged, no title, no language, no text layer."""
    notes = []
    mark = pdf.Root.get("/MarkInfo")
    marked = isinstance(mark, pikepdf.Dictionary) and bool(mark.get("/Marked", False))
    if "/StructTreeRoot" not in pdf.Root or not marked:
        notes.append("it is not tagged, so screen readers cannot follow its headings, lists and tables")
    if not any(label.lower() == "title" and value.strip() for label, value in fields):
        notes.append("it has no document title")
    lang = pdf.Root.get("/Lang")
    if not (isinstance(lang, pikepdf.String) and str(lang).strip()):
        notes.append("it does not say what language it is in")
    if pages and pages_without_text == pages:
        notes.append("it has no text layer (a scan): its words cannot be read aloud or searched")
    elif pages_without_text:
        notes.append(f"{pages_without_text} of its {pages} pages have no text layer (scanned pages)")
    return notes
