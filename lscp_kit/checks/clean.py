"""Cleaned copies of attachments: metadata removed, no earlier revisions, no embedded files or
JavaScript, tracked changes accepted and comments removed. A redaction is never "fixed" here:
the text under a box has to be removed by a real redaction tool."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePath

import pikepdf
from lxml import etree
from PIL import Image, ImageOps

from lscp_kit.checks import pdf_clean
from lscp_kit.checks.history import OFFICE as ODF_OFFICE, TEXT, W
from lscp_kit.checks.inspect import facts
from lscp_kit.checks.kinds import AUDIO, IMAGE, ODF, OFFICE, PDF

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
_CORE = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.'
         'openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
         '{}</cp:coreProperties>')
_APP_PERSONAL = ("Company", "Manager", "Template", "HyperlinkBase")
_WORD_REMOVE = ("del", "moveFrom", "commentRangeStart", "commentRangeEnd", "rPrChange", "pPrChange",
                "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange", "numberingChange", "moveFromRangeStart",
                "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd")
_COMMENT_PART = re.compile(r"word/(comments\w*|people)\.xml$")
_ODF_REMOVE = (f"{ODF_OFFICE}annotation", f"{ODF_OFFICE}annotation-end", f"{TEXT}tracked-changes",
               f"{TEXT}change", f"{TEXT}change-start", f"{TEXT}change-end", f"{TEXT}hidden-text",
               f"{TEXT}hidden-paragraph")


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
    cleaner = {PDF: _pdf, OFFICE: _office, ODF: _odf, IMAGE: _image, AUDIO: _audio}[found["kind"]]
    out = cleaner(data, title) if found["kind"] in (PDF, OFFICE, ODF) else cleaner(data, name)
    left = facts(name, out)
    if left is None or left["history"] or left["location"] or left["redaction"]:
        rest = "; ".join((left or {}).get("history", []) + (left or {}).get("location", [])) or "it no longer opens"
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


def _rewrite_zip(data: bytes, edit) -> bytes:
    """The zip again, each member passed through `edit(name, bytes) -> bytes | None` (None drops it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = edit(info.filename, src.read(info))
            if body is not None:
                kind = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
                dst.writestr(zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0)), body, compress_type=kind)
    return out.getvalue()


def _xml_edit(body: bytes, change) -> bytes:
    root = etree.fromstring(body, _PARSER)
    change(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _drop(root, tags) -> None:
    for element in [e for e in root.iter(*tags)]:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)


def _unwrap(root, tags) -> None:
    for element in [e for e in root.iter(*tags)]:
        parent = element.getparent()
        index = parent.index(element)
        for child in reversed(list(element)):
            parent.insert(index, child)
        parent.remove(element)


def _accept_word(root) -> None:
    """Every tracked change accepted, comment marks and hidden runs removed."""
    _drop(root, [W + t for t in _WORD_REMOVE])
    for run in [r for r in root.iter(W + "r") if r.find(f"{W}commentReference") is not None
                or r.find(f"{W}rPr/{W}vanish") is not None]:
        run.getparent().remove(run)
    _unwrap(root, [W + "ins", W + "moveTo"])


def _office(data: bytes, title: str | None) -> bytes:
    def edit(name: str, body: bytes) -> bytes | None:
        if _COMMENT_PART.match(name):
            return None
        if name == "docProps/core.xml":
            return _CORE.format(f"<dc:title>{_escape(title)}</dc:title>" if title else "").encode()
        if name == "docProps/custom.xml":
            return None
        if name == "docProps/app.xml":
            return _xml_edit(body, lambda r: _drop(r, [e.tag for e in r if etree.QName(e).localname in _APP_PERSONAL]))
        if re.match(r"word/[^/]+\.xml$", name) and b"<w:" in body:
            return _xml_edit(body, _accept_word)
        if name.endswith(".rels") or name == "[Content_Types].xml":
            return re.sub(rb"<(Relationship|Override)\b[^>]*(comments\w*|people|custom)\.xml\"[^>]*/>", b"", body)
        return body
    return _rewrite_zip(data, edit)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _odf(data: bytes, title: str | None) -> bytes:
    def edit(name: str, body: bytes) -> bytes | None:
        if name == "meta.xml":
            return _xml_edit(body, lambda r: _odf_meta(r, title))
        if name in ("content.xml", "styles.xml"):
            return _xml_edit(body, _clean_odf_body)
        return body
    return _rewrite_zip(data, edit)


def _clean_odf_body(root) -> None:
    """Comments, tracked changes, hidden text and hidden sections (text:display="none") removed."""
    _drop(root, _ODF_REMOVE)
    for section in [s for s in root.iter(f"{TEXT}section") if s.get(f"{TEXT}display") == "none"]:
        section.getparent().remove(section)


def cleans(what: str) -> bool:
    """Whether `clean` removes this hidden content (PowerPoint's and Excel's it leaves to their programs)."""
    return not what.startswith(("ppt/", "xl/")) and "re-export the PDF" not in what


def _odf_meta(root, title: str | None) -> None:
    meta = next(root.iter("{urn:oasis:names:tc:opendocument:xmlns:office:1.0}meta"), None)
    if meta is None:
        return
    for child in list(meta):
        meta.remove(child)
    if title:
        element = etree.SubElement(meta, "{http://purl.org/dc/elements/1.1/}title")
        element.text = title


def _image(data: bytes, name: str) -> bytes:
    """The pixels again (turned as EXIF said to show them), without EXIF, XMP, comments or text."""
    with Image.open(io.BytesIO(data)) as image:
        fmt = image.format or "PNG"
        upright = ImageOps.exif_transpose(image)
        out = io.BytesIO()
        options = {"quality": 95, "comment": b""} if fmt == "JPEG" else {}
        upright.save(out, fmt, **options)
    return out.getvalue()


def _audio(data: bytes, name: str) -> bytes:
    import mutagen
    buffer = io.BytesIO(data)
    audio = mutagen.File(buffer)
    if audio is not None and audio.tags is not None:
        buffer.seek(0)
        audio.delete(buffer)
    return buffer.getvalue()
