"""Words an Office file keeps off its pages, listed like metadata (a warning naming each value; an
error when one names a hidden item): document variables, the people of comments and changes,
bookmark names, custom XML, building blocks, field codes and link targets that are not web links,
speaker notes, defined names, external workbooks, text Word never shows (mc:Fallback that differs
from what it shows, parts nothing uses); and a Word, Excel or PowerPoint 97-2003 file's summary
information. Word's own names (_Toc…, _GoBack, _xlnm.…) and web links are left out."""
from __future__ import annotations

import html
import io
import re

from lxml import etree

from lscp_kit.audit.readers.rtf import is_rtf, parse
from lscp_kit.checks.metadata import Fields, _keep
from lscp_kit.checks.office_package import W, Package, local
from lscp_kit.checks.word_hidden import story_parts

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
X = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_PEOPLE = {"people": ("author", "userId"), "commentsExtensible": ("author",), "personList": ("displayName", "userId"),
           "cmAuthorLst": ("name",)}
_QUOTED = re.compile(r'(\\[a-zA-Z*@#!]\s*)?"([^"]*)"')
_UNQUOTED = re.compile(r"\b(?:HYPERLINK|INCLUDETEXT|INCLUDEPICTURE|LINK|DDEAUTO|DDE|IMPORT|INCLUDE)\s+([^\s\"\\][^\s\"]*)",
                       re.IGNORECASE)
_WEB = re.compile(r"^(https?://|#|_)", re.IGNORECASE)
LINK, LINK_KINDS = "Link target", ("hyperlink", "attachedTemplate")  # what the cleaner unlinks
# Labels of values `make clean-attachment` leaves: removing them would break the file's references
KEPT_BY_CLEAN = ("Bookmark", "External workbook's sheet", "Linked file")
_CHUNKS = (".mht", ".mhtml", ".htm", ".html", ".xhtml", ".rtf", ".txt")
_TAGS = re.compile(r"<[^<>]*>")
_FIELDS = etree.XPath(".//w:p[.//w:instrText or .//w:fldSimple]", namespaces={"w": W[1:-1]})


def field_values(code: str) -> list[str]:
    """The quoted values of a field code that are not a switch's argument or a web link, and the
    unquoted target of a field that links to a file or an address."""
    values = [value for switch, value in _QUOTED.findall(code) if not switch]
    values += [m.group(1) for m in _UNQUOTED.finditer(code)]
    return [value for value in values if value.strip() and private_target(value)]


def private_target(target: str) -> bool:
    """A link target that is not a web link or a place in the document: a file, a mail address."""
    return not _WEB.match(target.strip())


def constant_name(defined) -> bool:
    """A workbook's defined name whose value spells out text (not one of Excel's own, not a range or
    a formula of ranges and numbers: those name nobody, and charts and formulas use them)."""
    return not (defined.get("name") or "").startswith("_xlnm.") and '"' in (defined.text or "")


def _people(pkg: Package, fields: Fields) -> None:
    for _, root in pkg.parts_of(*_PEOPLE):
        keys = _PEOPLE[local(root)]
        for element in root.iter():
            for key, value in element.attrib.items():
                if key.rsplit("}", 1)[-1] in keys:
                    _keep(fields, "Comment or change author", value)


def _word(pkg: Package, fields: Fields) -> None:
    """Document variables, bookmarks, field codes and what Word never shows of its stories."""
    for _, root in pkg.parts_of("settings"):
        for var in root.iter(f"{W}docVar"):
            _keep(fields, f"Document variable {var.get(f'{W}name')}", var.get(f"{W}val") or "")
    for name in story_parts(pkg):
        root = pkg.xml(name)
        if root is None:
            continue
        for mark in root.iter(f"{W}bookmarkStart"):
            if not (mark.get(f"{W}name") or "_").startswith("_"):
                _keep(fields, "Bookmark", mark.get(f"{W}name"))
        for paragraph in _FIELDS(root):
            code = "".join(t.text or "" for t in paragraph.iter(f"{W}instrText"))
            code += " ".join(f.get(f"{W}instr") or "" for f in paragraph.iter(f"{W}fldSimple"))
            for value in field_values(code):
                _keep(fields, "Field code", value)
        for fallback in unshown_fallbacks(root):
            _keep(fields, "Text Word does not show (mc:Fallback)", _words(fallback))


def unshown_fallbacks(root) -> list:
    """The mc:Fallback elements whose words differ from the mc:Choice Word shows instead."""
    out = []
    for alternative in root.iter(f"{MC}AlternateContent"):
        shown = " ".join(_words(c) for c in alternative.iterfind(f"{MC}Choice"))
        out += [f for f in alternative.iterfind(f"{MC}Fallback") if _words(f) and _words(f) != shown]
    return out


def unshown_parts(pkg: Package) -> list[str]:
    """Parts of a Word package in a chunk's format (HTML, RTF, text) that no w:altChunk shows."""
    chunks = {rel.target for part in story_parts(pkg) for rel in pkg.rels(part) if rel.kind == "aFChunk"}
    return [n for n in pkg.names if n.lower().startswith("word/") and n.lower().endswith(_CHUNKS) and n not in chunks]


def _words(element) -> str:
    return " ".join("".join(t.text or "" for t in element.iter(f"{W}t", f"{A}t")).split())


def _parts(pkg: Package, fields: Fields) -> None:
    """Custom XML, building blocks, speaker notes, external workbooks, chunks nothing shows."""
    for name in pkg.names:
        lower = name.lower()
        root = pkg.xml(name) if lower.startswith("customxml/item") and "props" not in lower else None
        if root is not None and local(root) != "contentTypeSchema":  # SharePoint's schema names nobody
            for element in root.iter():
                if isinstance(element.tag, str) and len(element) == 0 and (element.text or "").strip():
                    _keep(fields, "Custom XML", element.text)
    for _, root in pkg.parts_of("glossaryDocument"):
        for part in list(root.iter(f"{W}docPart")) or [root]:
            _keep(fields, "Building block (glossary)", _words(part))
    for name, root in pkg.parts_of("notes"):
        text = " ".join(t.text or "" for t in root.iter(f"{A}t") if local(t.getparent()) != "fld")
        _keep(fields, f"Speaker notes ({name.rsplit('/', 1)[-1][:-4]})", text)
    for _, root in pkg.parts_of("externalLink"):
        for sheet in root.iter(f"{X}sheetName"):
            _keep(fields, "External workbook's sheet", sheet.get("val") or "")
    for name in unshown_parts(pkg):
        _keep(fields, "A part Word never shows", _chunk_text(pkg.read(name)))


def _chunk_text(data: bytes) -> str:
    if is_rtf(data):
        return "".join(parse(data).body)
    return html.unescape(_TAGS.sub(" ", data.decode("utf-8", "replace")))


def _links(pkg: Package, fields: Fields) -> None:
    """External targets of every part's relationships that are not web links (files, mail)."""
    for name in pkg.names:
        if not name.endswith(".rels"):
            continue
        folder, base = name.rsplit("_rels/", 1) if "_rels/" in name else ("", name)
        for rel in pkg.rels(folder + base[:-5]):
            if rel.external and private_target(rel.target):
                _keep(fields, LINK if rel.kind in LINK_KINDS else "Linked file", rel.target)


def _defined_names(pkg: Package, fields: Fields) -> None:
    book = pkg.xml("xl/workbook.xml")
    for defined in book.iter(f"{X}definedName") if book is not None else []:
        if constant_name(defined):
            _keep(fields, f"Defined name {defined.get('name')}", (defined.text or "").strip())


def office_words(pkg: Package) -> Fields:
    """Every value listed above, labelled by where it is kept."""
    fields: Fields = []
    for reader in (_people, _word, _parts, _links, _defined_names):
        reader(pkg, fields)
    return fields


_OLE_LABELS = {"author": "Author", "last_saved_by": "Last saved by", "title": "Title", "subject": "Subject",
               "keywords": "Keywords", "comments": "Comments", "company": "Company", "manager": "Manager",
               "template": "Template", "category": "Category"}


def ole_fields(data: bytes) -> Fields:
    """A Word, Excel or PowerPoint 97-2003 file's summary information, as olefile reads it."""
    import olefile

    fields: Fields = []
    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        meta = ole.get_metadata()
    for key, label in _OLE_LABELS.items():
        value = getattr(meta, key, None)
        if value:
            _keep(fields, label, value)
    return fields
