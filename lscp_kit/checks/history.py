"""Hidden history: what a file keeps besides what a reader sees on its pages.

Office (Word, Excel, PowerPoint) and OpenDocument: tracked changes, comments, hidden text,
hidden sheets and slides. (A PDF's history: checks/pdf_history.py.)
"""
from __future__ import annotations

import io
import re
import zipfile
from typing import Iterable

from lxml import etree

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
SHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_WORD_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")


def _xml(archive: zipfile.ZipFile, name: str):
    try:
        return etree.fromstring(archive.read(name), _PARSER)
    except (KeyError, etree.XMLSyntaxError, ValueError):
        return None


def _text_of(elements: Iterable) -> str:
    text = " ".join("".join(e.itertext()) for e in elements)
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:59] + "…"


def _word(archive: zipfile.ZipFile, names: list[str]) -> list[str]:
    out = []
    for name in [n for n in names if _WORD_PARTS.match(n)]:
        root = _xml(archive, name)
        if root is None:
            continue
        deleted = root.findall(f".//{W}del") + root.findall(f".//{W}moveFrom")
        inserted = root.findall(f".//{W}ins") + root.findall(f".//{W}moveTo")
        hidden = [r for r in root.iter(f"{W}r") if _on(r.find(f"{W}rPr/{W}vanish")) or _unseen(r.find(f"{W}rPr"))]
        out += _listed(name, [("tracked deletions still in the file", deleted),
                              ("tracked insertions not yet accepted", inserted), ("hidden text", hidden)])
    return out


def _unseen(props) -> bool:
    """A run smaller than 1 pt (w:sz counts half-points), or black on a black highlight or shading."""
    if props is None:
        return False
    size, colour = props.find(f"{W}sz"), props.find(f"{W}color")
    if size is not None and (size.get(f"{W}val") or "").isdigit() and int(size.get(f"{W}val")) < 2:
        return True
    mark, shade = props.find(f"{W}highlight"), props.find(f"{W}shd")
    covered = (mark is not None and mark.get(f"{W}val") == "black") or \
        (shade is not None and (shade.get(f"{W}fill") or "").upper() == "000000")
    return covered and colour is not None and (colour.get(f"{W}val") or "").upper() == "000000"


def _on(toggle) -> bool:
    """A WordprocessingML on/off property that is present and not switched off (w:val 0/false/off)."""
    return toggle is not None and toggle.get(f"{W}val", "true").lower() not in ("0", "false", "off")


def _listed(name: str, kinds: list[tuple[str, list]]) -> list[str]:
    return [f"{name}: {what}: «{_text_of(elements)}»" for what, elements in kinds if elements]


def _comments(archive: zipfile.ZipFile, names: list[str]) -> list[str]:
    out = []
    for name in names:
        base = name.rsplit("/", 1)[-1].lower()
        if not (base.startswith(("comments", "threadedcomment")) or name.startswith("ppt/comments/")):
            continue
        if base.startswith("commentsextended") or base.startswith("commentsids"):
            continue
        root = _xml(archive, name)
        if root is not None and "".join(root.itertext()).strip():
            out.append(f"{name}: comments: «{_text_of([root])}»")
    return out


def _hidden_parts(archive: zipfile.ZipFile, names: list[str]) -> list[str]:
    out = []
    book = _xml(archive, "xl/workbook.xml") if "xl/workbook.xml" in names else None
    if book is not None:
        hidden = [s.get("name") for s in book.iter(f"{SHEET}sheet") if s.get("state") in ("hidden", "veryHidden")]
        if hidden:
            out.append(f"xl/workbook.xml: hidden sheets: {', '.join(repr(h) for h in hidden)}")
    for name in sorted(n for n in names if re.match(r"ppt/slides/slide\d+\.xml$", n)):
        root = _xml(archive, name)
        if root is not None and root.get("show") == "0":
            out.append(f"{name}: a hidden slide: «{_text_of([root])}»")
    return out


def _odf(archive: zipfile.ZipFile) -> list[str]:
    root = _xml(archive, "content.xml")
    if root is None:
        return []
    changes = root.findall(f".//{TEXT}changed-region")
    notes = root.findall(f".//{OFFICE}annotation")
    hidden = root.findall(f".//{TEXT}hidden-text") + root.findall(f".//{TEXT}hidden-paragraph") \
        + [s for s in root.iter(f"{TEXT}section") if s.get(f"{TEXT}display") == "none"]
    return _listed("content.xml", [("tracked changes still in the file", changes), ("comments", notes),
                                   ("hidden text", hidden)])


def office_history(data: bytes, odf: bool = False) -> list[str]:
    """Tracked changes, comments and hidden content of an Office or OpenDocument file."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        if odf:
            return _odf(archive)
        return _word(archive, names) + _comments(archive, names) + _hidden_parts(archive, names)
