"""What one attachment holds that a reader may not see: facts that depend on its bytes alone,
so that they can be cached by the file's digest and judged against any page and needles."""
from __future__ import annotations

import io
import zipfile

import pikepdf
import pypdfium2 as pdfium

from lscp_kit.checks import accessibility, history, metadata, office_fields, redaction
from lscp_kit.checks.kinds import AUDIO, IMAGE, ODF, OFFICE, OLE, PDF, RTF, kind_of
from lscp_kit.checks.office_history import office_history, rtf_history
from lscp_kit.checks.office_package import Package

VERSION = 3  # bump when what is found changes: cached facts of another version are not used


def facts(name: str, data: bytes) -> dict | None:
    """{"kind", "redaction", "history", "location", "meta", "access"} for `data`; None when the
    file is not of a kind these checks read, or does not open (the leak audit refuses those)."""
    kind = kind_of(name, data)
    found = {"v": VERSION, "kind": kind, "redaction": [], "history": [], "location": [], "meta": [], "access": []}
    try:
        if kind == PDF:
            return _pdf(data, found)
        if kind in (OFFICE, ODF):
            with Package(data) as pkg:  # opened and each part parsed once for every check
                found["history"] = office_history(pkg, odf=kind == ODF)
                found["meta"] = metadata.office_fields(pkg) + office_fields.office_words(pkg)
        elif kind == RTF:
            found["history"] = rtf_history(data)
        elif kind == OLE:
            found["meta"] = office_fields.ole_fields(data)
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
        texts = history.page_texts(doc)
        found["redaction"] = redaction.unapplied(pdf) + redaction.hidden_text(doc)
        found["history"] = history.pdf_revisions(data, "\n".join(texts)) + history.pdf_extras(pdf)
        found["meta"] = metadata.pdf_fields(pdf)
        blank = sum(1 for text in texts if not text.strip())
        found["access"] = accessibility.pdf_notes(pdf, found["meta"], blank, len(texts))
    finally:
        doc.close()
        pdf.close()
    return found
