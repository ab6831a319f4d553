"""What one attachment holds that a reader may not see: facts that depend on its bytes alone,
so that they can be cached by the file's digest and judged against any page and needles."""
from __future__ import annotations

import io
import zipfile

import pikepdf
import pypdfium2 as pdfium

from lscp_kit.checks import accessibility, history, metadata, pdf_annotations, pdf_history, pdf_parts, redaction
from lscp_kit.checks.kinds import AUDIO, IMAGE, ODF, OFFICE, PDF, kind_of
from lscp_kit.checks.pdf_page import layers_off

VERSION = 4  # bump when what is found changes: cached facts of another version are not used


def facts(name: str, data: bytes) -> dict | None:
    """{"kind", "redaction", "history", "location", "meta", "access"} for `data`; None when the
    file is not of a kind these checks read, or does not open (the leak audit refuses those)."""
    kind = kind_of(name, data)
    found = {"v": VERSION, "kind": kind, "redaction": [], "history": [], "location": [], "meta": [], "access": []}
    try:
        if kind == PDF:
            return _pdf(data, found)
        if kind in (OFFICE, ODF):
            found["history"] = history.office_history(data, odf=kind == ODF)
            found["meta"] = metadata.office_fields(data)
        elif kind == IMAGE:
            found["meta"], found["location"] = metadata.image_fields(data)
        elif kind == AUDIO:
            found["meta"] = metadata.audio_fields(data)
        else:
            return None
    except (zipfile.BadZipFile, OSError, ValueError, SyntaxError):
        return None
    return found


def _pdf(data: bytes, found: dict) -> dict | None:
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except (pikepdf.PdfError, pikepdf.PasswordError, ValueError):
        return None
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        pdf.close()
        return None
    try:
        texts, hidden = redaction.read_pages(doc, pdf, data)
        final = "\n".join(texts)
        parts = pdf_parts.read(pdf, final)
        meta = metadata.pdf_fields(pdf)
        revised, earlier, before = pdf_history.pdf_revisions(data, final, meta)
        found["redaction"] = redaction.unapplied(pdf) + hidden + pdf_parts.layered_text(parts, layers_off(pdf))
        found["history"] = revised + pdf_history.unused_objects(data, pdf, parts.referenced, final + "\n" + before) + parts.history() \
            + pdf_annotations.annotation_findings(pdf)
        found["location"] = parts.places
        found["meta"] = meta + [f for f in parts.fields + earlier if f not in meta]
        blank = sum(1 for text in texts if not text.strip())
        found["access"] = accessibility.pdf_notes(pdf, meta, blank, len(texts))
    finally:
        doc.close()
        pdf.close()
    return found
