"""Cleaned copies of Office and OpenDocument files: document properties removed (but for the page's
title), tracked changes accepted, comments and their people removed, hidden (w:vanish) runs
removed, and the words kept off the page that `office_fields` lists: document variables, custom
XML, building blocks, field codes and link targets that are not web links, speaker notes, constant
defined names, shared strings no cell uses, OpenDocument's saved versions. What needs the
author's judgement (white text, hidden sheets, rows, slides and shapes, Excel and PowerPoint
comments) is left to the program that made the file: `cleans` says which is which."""
from __future__ import annotations

import io
import posixpath
import re
import zipfile

from lxml import etree

from lscp_kit.checks.office_fields import (KEPT_BY_CLEAN, LINK_KINDS, constant_name, field_values, private_target,
                                          unshown_fallbacks, unshown_parts)
from lscp_kit.checks.office_history import OFFICE as ODF_OFFICE, TEXT
from lscp_kit.checks.office_package import R, W, Package
from lscp_kit.checks.sheet_hidden import SHARED, UNUSED, X, Workbook
from lscp_kit.checks.word_hidden import Styles, effective, on, paragraph_of

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
_CORE = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.'
         'openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
         '{}</cp:coreProperties>')
_APP_PERSONAL = ("Company", "Manager", "Template", "HyperlinkBase")
_WORD_REMOVE = ("del", "moveFrom", "commentRangeStart", "commentRangeEnd", "rPrChange", "pPrChange",
                "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange", "numberingChange", "moveFromRangeStart",
                "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd", "docVars", "attachedTemplate")
# Parts removed whole: Word's comments and their people, custom properties and XML, building
# blocks, speaker notes, OpenDocument's saved versions
_DROPPED = re.compile(r"word/(comments\w*|people)\.xml$|docProps/custom\.xml$|customXml/|word/glossary/|"
                      r"ppt/notesSlides/|ppt/commentAuthors\.xml$|xl/persons/|Versions/|VersionList\.xml$")
_ODF_REMOVE = (f"{ODF_OFFICE}annotation", f"{ODF_OFFICE}annotation-end", f"{TEXT}tracked-changes",
               f"{TEXT}change", f"{TEXT}change-start", f"{TEXT}change-end", f"{TEXT}hidden-text",
               f"{TEXT}hidden-paragraph")
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_MANIFEST = "{urn:oasis:names:tc:opendocument:xmlns:manifest:1.0}"
_LEFT = ("ppt/", "xl/", "the document:")


def cleans(what: str) -> bool:
    """Whether `clean` removes this hidden content. It leaves PowerPoint's and Excel's (but unused
    shared strings), RTF's, and text in the colour of its background to the programs that made them."""
    if UNUSED in what:
        return True
    rtf_chunk = what.split(": ", 1)[0].lower().endswith(".rtf")
    return not what.startswith(_LEFT) and "text a reader cannot see" not in what and not rtf_chunk \
        and "re-export the PDF" not in what


def cleans_field(kind: str | None, label: str) -> bool:
    """Whether `clean` removes a listed value: not an RTF or Office 97-2003 file's (it cleans none),
    not a bookmark, an external workbook or a linked file (their removal would break the file)."""
    return kind not in ("rtf", "ole") and label not in KEPT_BY_CLEAN


def rewrite_zip(data: bytes, edit) -> bytes:
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
    for element in list(root.iter(*tags)):
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)


def _unwrap(root, tags, elements: tuple = ()) -> None:
    for element in list(root.iter(*tags)) + list(elements):
        parent = element.getparent()
        index = parent.index(element)
        for child in reversed(list(element)):
            parent.insert(index, child)
        parent.remove(element)


def _private_code(paragraph) -> bool:
    """Whether a paragraph's field codes hold a quoted value that is not a web link or a switch's."""
    return bool(field_values("".join(t.text or "" for t in paragraph.iter(f"{W}instrText"))))


def _accept_word(root, styles: Styles, links: set[str]) -> None:
    """Every tracked change accepted; comment marks, hidden runs, document variables, the template's
    path removed; fields whose codes hold a file or mail address turned into their results; links
    to `links` (relationship ids removed) unlinked."""
    _drop(root, [W + t for t in _WORD_REMOVE])
    for fallback in unshown_fallbacks(root):
        fallback.getparent().remove(fallback)
    for run in [r for r in root.iter(W + "r") if r.find(f"{W}commentReference") is not None
                or on(effective(r, paragraph_of(r), styles).get("vanish"))]:
        run.getparent().remove(run)
    for paragraph in [p for p in root.iter(W + "p") if _private_code(p)]:
        for run in [r for r in paragraph.iter(W + "r") if r.find(f"{W}instrText") is not None
                    or r.find(f"{W}fldChar") is not None]:
            run.getparent().remove(run)
        _unwrap(paragraph, [W + "fldSimple"])
    _unwrap(root, [W + "ins", W + "moveTo"], tuple(e for e in root.iter(W + "hyperlink") if e.get(f"{R}id") in links))


def _rels_edit(name: str, links: set[str]):
    """A .rels part without relationships to dropped parts or to private external targets (`links`)."""
    folder = posixpath.dirname(posixpath.dirname(name))

    def change(root) -> None:
        for rel in list(root.iter(f"{_RELS}Relationship")):
            target = rel.get("Target") or ""
            inside = posixpath.normpath(posixpath.join(folder, target)) if not target.startswith("/") else target[1:]
            external = rel.get("TargetMode") == "External"
            if (external and rel.get("Id") in links) or (not external and _DROPPED.match(inside)):
                root.remove(rel)
    return change


def _private_links(pkg: Package) -> dict[str, set[str]]:
    """For each part, the ids of its hyperlink and template relationships to files or mail."""
    out: dict[str, set[str]] = {}
    for name in pkg.names:
        if name.endswith(".rels"):
            folder, base = name.rsplit("_rels/", 1) if "_rels/" in name else ("", name)
            part = folder + base[:-5]
            out[part] = {r.rid for r in pkg.rels(part) if r.external and private_target(r.target)
                         and r.kind in LINK_KINDS}
    return out


def _workbook(root, unused: set[int], strings: bool) -> None:
    """Shared strings no cell uses emptied (their places kept); constant defined names removed."""
    if strings:
        for index, item in enumerate(root.iterfind(f"{X}si")):
            if index in unused:
                for child in list(item):
                    item.remove(child)
                etree.SubElement(item, f"{X}t")
    else:
        _drop_names(root)


def _drop_names(root) -> None:
    for defined in [d for d in root.iter(f"{X}definedName") if constant_name(d)]:
        defined.getparent().remove(defined)


def office(data: bytes, title: str | None) -> bytes:
    with Package(data) as pkg:
        styles, links = Styles(pkg), _private_links(pkg)
        book = Workbook(pkg) if SHARED in pkg.names else None
        unshown = set(unshown_parts(pkg))
    unused = {i for i in range(len(book.strings)) if i not in book.used} if book else set()

    def edit(name: str, body: bytes) -> bytes | None:
        if _DROPPED.match(name) or name in unshown:
            return None
        if name == "docProps/core.xml":
            return _CORE.format(f"<dc:title>{_escape(title)}</dc:title>" if title else "").encode()
        if name == "docProps/app.xml":
            return _xml_edit(body, lambda r: _drop(r, [e.tag for e in r if etree.QName(e).localname in _APP_PERSONAL]))
        if re.match(r"word/[^/]+\.xml$", name) and b"<w:" in body:
            return _xml_edit(body, lambda r: _accept_word(r, styles, links.get(name, set())))
        if name in (SHARED, "xl/workbook.xml"):
            return _xml_edit(body, lambda r: _workbook(r, unused, name == SHARED))
        if name.endswith(".rels"):
            folder, base = name.rsplit("_rels/", 1) if "_rels/" in name else ("", name)
            return _xml_edit(body, _rels_edit(name, links.get(folder + base[:-5], set())))
        if name == "[Content_Types].xml":
            return re.sub(rb'<Override\b[^>]*PartName="/([^"]*)"[^>]*/>',
                          lambda m: b"" if _DROPPED.match(m.group(1).decode("utf-8", "replace")) else m.group(0), body)
        return body
    return rewrite_zip(data, edit)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def odf(data: bytes, title: str | None) -> bytes:
    def edit(name: str, body: bytes) -> bytes | None:
        if _DROPPED.match(name):
            return None
        if name == "meta.xml":
            return _xml_edit(body, lambda r: _odf_meta(r, title))
        if name in ("content.xml", "styles.xml"):
            return _xml_edit(body, _clean_odf_body)
        if name == "META-INF/manifest.xml":
            return _xml_edit(body, _manifest)
        return body
    return rewrite_zip(data, edit)


def _manifest(root) -> None:
    for entry in list(root.iter(f"{_MANIFEST}file-entry")):
        if _DROPPED.match(entry.get(f"{_MANIFEST}full-path") or ""):
            entry.getparent().remove(entry)


def _clean_odf_body(root) -> None:
    """Comments, tracked changes, hidden text and hidden sections (text:display="none") removed."""
    _drop(root, _ODF_REMOVE)
    for section in [s for s in root.iter(f"{TEXT}section") if s.get(f"{TEXT}display") == "none"]:
        section.getparent().remove(section)


def _odf_meta(root, title: str | None) -> None:
    meta = next(root.iter("{urn:oasis:names:tc:opendocument:xmlns:office:1.0}meta"), None)
    if meta is None:
        return
    for child in list(meta):
        meta.remove(child)
    if title:
        element = etree.SubElement(meta, "{http://purl.org/dc/elements/1.1/}title")
        element.text = title
