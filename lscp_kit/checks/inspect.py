"""What one attachment holds that a reader may not see: facts that depend on its bytes alone,
so that they can be cached by the file's digest and judged against any page and needles."""
from __future__ import annotations

import io
import zipfile

import pikepdf
import pypdfium2 as pdfium

from lscp_kit.audit.readers.base import Context
from lscp_kit.audit.readers.pdf import remembered_texts
from lscp_kit.checks import (accessibility, contained, markup, metadata, office_fields, pdf_annotations, pdf_history,
                             pdf_parts, redaction)
from lscp_kit.checks.kinds import ARCHIVE, AUDIO, HEIF, HTML, IMAGE, ODF, OFFICE, OLE, PDF, RTF, SVG, kind_of
from lscp_kit.checks.office_history import office_history, rtf_history
from lscp_kit.checks.office_package import Package
from lscp_kit.checks import office_shapes
from lscp_kit.checks.pdf_page import layers_off
from lscp_kit.checks.version import VERSION



def facts(name: str, data: bytes, ctx: Context | None = None) -> dict | None:
    """{"kind", "redaction", "history", "location", "meta", "access", "inside", "refused"} for
    `data`; None when the file is not of a kind these checks read, or does not open (the leak
    audit refuses those). `inside`: [path, facts] of the files inside it where something was
    found; `refused`: why it cannot be checked. `ctx`: where it is, when it is
    itself inside a file (the limit on unpacking is shared)."""
    kind = kind_of(name, data)
    found = {"v": VERSION, "kind": kind, "redaction": [], "history": [], "location": [], "meta": [], "access": [],
             "inside": [], "refused": []}
    try:
        if kind == PDF:
            return _pdf(data, found)
        if kind == HEIF:
            found["refused"].append(metadata.HEIF_REFUSED)
        elif kind in (HTML, SVG):
            found["history"], found["meta"] = markup.hidden_text(data, svg=kind == SVG)
            found["fix"] = markup.FIX
        elif kind == ARCHIVE:
            pass
        elif kind in (OFFICE, ODF):
            with Package(data) as pkg:  # opened and each part parsed once for every check
                found["history"] = office_history(pkg, odf=kind == ODF)
                found["meta"] = metadata.office_fields(pkg) + office_fields.office_words(pkg)
                found["redaction"] = [] if kind == ODF else office_shapes.covered(pkg)
        elif kind == RTF:
            found["history"] = rtf_history(data)
        elif kind == OLE:
            found["meta"] = office_fields.ole_fields(data)
        elif kind == IMAGE:
            found["meta"], found["location"] = metadata.image_fields(data)
        elif kind == AUDIO:
            found["meta"], found["location"] = metadata.audio_fields(data)
        else:
            return None
        if kind in contained.UNPACKED:
            contained.add_inside(name, data, kind, found, ctx, facts)
    except (zipfile.BadZipFile, OSError, ValueError, SyntaxError, EOFError):
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
        texts, hidden = redaction.read_pages(doc, pdf, data, remembered_texts(data))  # read by the audit's readers
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
