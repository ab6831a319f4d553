"""Cleaned copies of attachments: metadata removed, no earlier revisions, no embedded files or
JavaScript, tracked changes accepted and comments removed. A redaction is never "fixed" here:
the text under a box has to be removed by a real redaction tool."""
from __future__ import annotations

import io
from pathlib import PurePath

import pikepdf
from lxml import etree
from PIL import Image, ImageOps

from lscp_kit.checks import media_bytes, pdf_clean
from lscp_kit.checks.contained import EMBEDDED
from lscp_kit.checks.inspect import facts
from lscp_kit.checks.kinds import AUDIO, IMAGE, ODF, OFFICE, OLE, PDF, RTF
from lscp_kit.checks.office_clean import cleans, cleans_field, odf as _odf, office as _office, rewrite_zip

__all__ = ["Refused", "clean", "cleaned_name", "cleans", "cleans_field"]


class Refused(Exception):
    """The file cannot be cleaned by this tool: the message says what to do instead."""


def cleaned_name(path: str) -> str:
    """report.pdf -> report.clean.pdf, beside it."""
    p = PurePath(path)
    return str(p.with_name(f"{p.stem}.clean{p.suffix}"))


def clean(name: str, data: bytes, title: str | None = None) -> bytes:
    """A cleaned copy of `data`; `title` (the page's own, public title) becomes a PDF's or an
    Office file's document title, which accessibility needs. Raises Refused."""
    found = facts(name, data)
    if found is None:
        raise Refused("it is not a PDF, Office, OpenDocument, image or audio file that opens")
    if found["redaction"]:
        raise Refused("a redaction in it does not hold (" + "; ".join(found["redaction"]) + "). Redact again "
                      "with a real redaction tool, one that removes the text underneath: the text under a "
                      "box can still be selected and copied, and cleaning metadata cannot change that")
    if found["kind"] in (RTF, OLE):
        raise Refused("it is a Rich Text or Word, Excel or PowerPoint 97-2003 file, which this command does not "
                      "clean: open it in its program, resolve what is listed, and save it as .docx, .xlsx, .pptx "
                      "or PDF")
    cleaner = {PDF: _pdf, OFFICE: _office, ODF: _odf, IMAGE: _image, AUDIO: _audio}.get(found["kind"])
    if cleaner is None:
        raise Refused(found.get("fix") or "it holds other files (an archive or a message): clean each file in it "
                      "one by one with this command, then pack or attach the cleaned copies again")
    try:
        out = cleaner(data, title) if found["kind"] in (PDF, OFFICE, ODF) else cleaner(data, name)
    except (etree.XMLSyntaxError, ValueError) as error:  # a damaged part of an Office file
        raise Refused(f"part of it could not be read ({error}): open it in its program, save it again and clean "
                      "that copy") from None
    out = _embedded(out) if found["kind"] in (OFFICE, ODF) and found["inside"] else out
    left = facts(name, out)
    held = [f"{path}: {what}" for path, sub in (left or {}).get("inside", [])
            for what in sub["history"] + sub["location"] + sub["redaction"]]
    if left is None or left["history"] or left["location"] or left["redaction"] or held:
        rest = "; ".join((left or {}).get("history", []) + (left or {}).get("location", []) + held) \
            or "it no longer opens"
        raise Refused(f"the cleaned copy still holds what must not be published ({rest}): resolve it in the "
                      "program that made the file (accept or reject every change, delete comments, unhide "
                      "or delete hidden sheets and slides) and save it again")
    return out


def _pdf(data: bytes, title: str | None) -> bytes:
    """Info and XMP removed (but for the page's title), embedded files, JavaScript, private
    application data and open actions removed, and words off the page (checks/pdf_clean.py);
    written in full, so no earlier revision and no unused object stays."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for key in ("/Metadata", "/PieceInfo", "/OpenAction", "/AA", "/AF", "/Collection"):
            if key in pdf.Root:
                del pdf.Root[key]
        names = pdf.Root.get("/Names")
        if isinstance(names, pikepdf.Dictionary):
            for key in ("/EmbeddedFiles", "/JavaScript"):
                if key in names:
                    del names[key]
        for page in pdf.pages:
            _clean_page(page.obj)
        pdf_clean.off_the_page(pdf, data)
        if "/Info" in pdf.trailer:
            del pdf.trailer["/Info"]
        if title:
            pdf.trailer.Info = pdf.make_indirect(pikepdf.Dictionary(Title=pikepdf.String(title)))
        out = io.BytesIO()
        pdf.remove_unreferenced_resources()
        pdf.save(out, fix_metadata_version=False, deterministic_id=True, linearize=False)
    return out.getvalue()


def _clean_page(page: pikepdf.Dictionary) -> None:
    for key in ("/Metadata", "/PieceInfo", "/AA", "/AF"):
        if key in page:
            del page[key]
    annots = page.get("/Annots")
    if isinstance(annots, pikepdf.Array):
        keep = [a for a in annots if not (isinstance(a, pikepdf.Dictionary) and (
            a.get("/Subtype") == pikepdf.Name.FileAttachment or _is_js(a.get("/A"))))]
        page.Annots = pdf_clean.page_annotations(pikepdf.Array(keep))


def _is_js(action) -> bool:
    return isinstance(action, pikepdf.Dictionary) and (action.get("/S") == pikepdf.Name.JavaScript or "/JS" in action)


def _embedded(data: bytes) -> bytes:
    """An Office file whose embedded files and pictures are cleaned copies (refused when one of
    them cannot be cleaned); parts of kinds these checks do not read are kept as they are."""
    def edit(name: str, body: bytes) -> bytes:
        if not EMBEDDED.match(name) or facts(name, body) is None:
            return body
        try:
            return clean(name, body)
        except Refused as refused:
            raise Refused(f"{name} inside it: {refused}") from None
    return rewrite_zip(data, edit)


_IMAGE_KEEP = ("transparency", "duration", "loop", "background", "dpi", "icc_profile", "disposal")


def _image(data: bytes, name: str) -> bytes:
    """The pixels again (turned as EXIF said to show them), without EXIF, XMP, comments or text."""
    with Image.open(io.BytesIO(data)) as image:
        fmt = image.format or "PNG"
        upright = ImageOps.exif_transpose(image)
        upright.info = {key: value for key, value in image.info.items() if key in _IMAGE_KEEP}
        out = io.BytesIO()
        options = {"quality": 95, "comment": b""} if fmt == "JPEG" else {}
        upright.save(out, fmt, **options)
    return out.getvalue()


def _audio(data: bytes, name: str) -> bytes:
    """The recording without its tags (ID3, APEv2, MP4 atoms, Vorbis comments), a WAV's INFO and
    other chunks, or bytes after an MP3's last frame."""
    import mutagen
    from mutagen.apev2 import delete as delete_ape
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        data = media_bytes.riff_cleaned(data)
    buffer = io.BytesIO(data)
    audio = mutagen.File(buffer)
    if audio is not None and audio.tags is not None:
        buffer.seek(0)
        audio.delete(buffer)
    if b"APETAGEX" in buffer.getvalue():
        buffer.seek(0)
        delete_ape(buffer)
    out = buffer.getvalue()
    tail = media_bytes.mp3_tail(out) if type(audio).__name__ == "MP3" else b""
    return out[:len(out) - len(tail)] if tail else out
