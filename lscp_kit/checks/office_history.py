"""Office (Word, Excel, PowerPoint) and OpenDocument: what a file keeps besides what its reader
sees. Tracked changes, comments (an empty one still names its author), hidden text, sheets, rows,
columns, slides and shapes, shapes placed off the slide, a shared workbook's history, pivot
caches, OpenDocument's saved versions (File > Versions); Word's RTF chunks and RTF files: see
`rtf_history`."""
from __future__ import annotations

import re

from lscp_kit.checks.office_package import A, Package, local, shape_box, shape_text, text_of
from lscp_kit.checks.rtf_history import rtf_history
from lscp_kit.checks.sheet_hidden import sheet_hidden
from lscp_kit.audit.readers.rtf import is_rtf
from lscp_kit.checks.word_hidden import listed, story_parts, word_hidden

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_SIDE_PARTS = ("commentsextended", "commentsids", "commentsextensible")
SLIDE_SIZE = (12192000, 6858000)  # PowerPoint's default (16:9), in EMU, when presentation.xml says none
OFF_SLIDE = "a shape placed off the slide"

__all__ = ["OFF_SLIDE", "office_history", "rtf_history"]


def _comments(pkg: Package) -> list[str]:
    """Comment parts (Word, Excel, PowerPoint), by name or by what they are; one with no text still
    names who wrote it."""
    out = []
    for name in pkg.names:
        base = name.rsplit("/", 1)[-1].lower()
        if base.startswith(_SIDE_PARTS) or not name.endswith(".xml"):
            continue
        if not (base.startswith(("comments", "threadedcomment")) or name.startswith("ppt/comments/")
                or pkg.root_name(name) in ("comments", "cmLst", "ThreadedComments")):
            continue
        root = pkg.xml(name)
        if root is None:
            continue
        authors = sorted({v for e in root.iter() for k, v in e.attrib.items()
                          if local(e) in ("comment", "cm") and k.rsplit("}", 1)[-1] in ("author", "initials") and v})
        text = "".join(root.itertext()).strip()
        if text or authors:
            who = f" (by {', '.join(repr(a) for a in authors)})" if authors else ""
            out.append(f"{name}: comments{who}: «{text_of([text])}»")
    return out


def _slide_size(pkg: Package) -> tuple[int, int]:
    root = pkg.xml("ppt/presentation.xml")
    size = root.find(f"{P}sldSz") if root is not None else None
    try:
        return (int(size.get("cx")), int(size.get("cy"))) if size is not None else SLIDE_SIZE
    except (TypeError, ValueError):
        return SLIDE_SIZE


def _off(shape, width: int, height: int) -> bool:
    """Whether a top-level shape lies wholly outside the slide."""
    box = shape_box(shape)
    return box is not None and (box[0] >= width or box[1] >= height or box[2] <= 0 or box[3] <= 0)


def _slides(pkg: Package) -> list[str]:
    """Hidden slides; shapes with text that are hidden, or placed off the slide."""
    out = []
    width, height = _slide_size(pkg)
    for name in sorted(n for n in pkg.names if re.match(r"ppt/slides/slide\d+\.xml$", n)):
        root = pkg.xml(name)
        if root is None:
            continue
        if root.get("show") in ("0", "false"):
            out.append(f"{name}: a hidden slide: «{text_of([root])}»")
            continue
        hidden, off = [], []
        for tree in root.iter(f"{P}spTree"):
            for shape in tree:
                if not isinstance(shape.tag, str) or not shape_text(shape):
                    continue
                marks = [e.get("hidden") for e in shape.iter(f"{P}cNvPr")]
                if any(m in ("1", "true") for m in marks):
                    hidden.append(shape)
                elif _off(shape, width, height):
                    off.append(shape)
        out += listed(name, [("a hidden shape", hidden), (OFF_SLIDE, off)])
    return out


def _odf_part(pkg: Package, name: str) -> list[str]:
    root = pkg.xml(name)
    if root is None:
        return []
    changes = list(root.iter(f"{TEXT}changed-region"))
    notes = list(root.iter(f"{OFFICE}annotation"))
    hidden = list(root.iter(f"{TEXT}hidden-text", f"{TEXT}hidden-paragraph")) + \
        [s for s in root.iter(f"{TEXT}section") if s.get(f"{TEXT}display") == "none"]
    return listed(name, [("tracked changes still in the file", changes), ("comments", notes), ("hidden text", hidden)])


def _odf(pkg: Package) -> list[str]:
    out = _odf_part(pkg, "content.xml") + _odf_part(pkg, "styles.xml")
    versions = [n for n in pkg.names if n.startswith("Versions/")]
    if versions:
        out.append(f"{', '.join(versions)}: earlier versions of the document kept inside it (File > Versions)")
    return out


def _chunks(pkg: Package) -> list[str]:
    """Word's RTF chunks (w:altChunk): their comments, tracked deletions and hidden text."""
    named = {r.target for part in story_parts(pkg) for r in pkg.rels(part) if r.kind == "aFChunk"}
    out = []
    for name in pkg.names:
        if name.startswith("word/") and (name in named or name.lower().endswith(".rtf")) and is_rtf(pkg.read(name)):
            out += rtf_history(pkg.read(name), name)
    return out


def office_history(pkg: Package, odf: bool = False) -> list[str]:
    """Tracked changes, comments and hidden content of an Office or OpenDocument file."""
    if odf:
        return _odf(pkg)
    return word_hidden(pkg) + _chunks(pkg) + _comments(pkg) + sheet_hidden(pkg) + _slides(pkg)
