"""Text in a web page (HTML) or a drawing (SVG) that a reader of it never sees: elements hidden
by an attribute or a style, SVG text placed outside the drawing; HTML comments are listed like
metadata."""
from __future__ import annotations

import re

from lxml import etree, html

FIX = ("remove the hidden text from the file in the program that made it (or publish the page as PDF) and save it "
       "again: `make clean-attachment` cannot remove it")
_HIDING_STYLE = re.compile(r"(?:display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all|font-size\s*:\s*0"
                           r"(?![.\d])|opacity\s*:\s*0(?![.\d]*[1-9]))", re.IGNORECASE)
_SVG_META = ("title", "desc", "metadata")
_FIELD_CODE = re.compile(r"^(?:PAGEREF|HYPERLINK|TOC|REF|SEQ|NUMPAGES|PAGE)\b")
_OTHER_SPACE = {"svg", "symbol", "defs", "pattern", "mask", "clippath", "marker"}  # coordinates of their own
_NUMBER = re.compile(r"^\s*(-?\d+(?:\.\d+)?)")
MAX_QUOTE = 80


def hidden_text(data: bytes, svg: bool = False) -> tuple[list[str], list[tuple[str, str]]]:
    """(hidden text found, as errors; HTML comments, as metadata fields)."""
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, recover=True)) \
            if svg else html.document_fromstring(data)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return [], []
    if root is None:
        return [], []
    hidden, fields = [], []
    for element in root.iter():
        if isinstance(element, etree._Comment):
            text = _words(element.text or "")
            if text and not text.startswith("[if") and not text.startswith("<![endif"):
                fields.append(("Comment", text))
            continue
        if not isinstance(element.tag, str):
            continue
        local = etree.QName(element).localname.lower()
        if svg and local in _SVG_META:
            continue  # a title is shown (a tooltip, the tab's name); the leak audit reads them all
        why = _hidden_by(element) or (_outside(element, root) if svg and local in ("text", "tspan") else None)
        text = _words("".join(element.itertext()))
        if why and _FIELD_CODE.match(text):
            fields.append(("Hidden field code", text))  # Word's web pages keep a contents list's codes so
        elif why and text:
            hidden.append(f"text {why}: «{text[:MAX_QUOTE]}»")
    return list(dict.fromkeys(hidden)), fields


def _words(text: str) -> str:
    return " ".join(text.split())


def _hidden_by(element) -> str | None:
    """Why an element is not shown, by its own attributes (not by a stylesheet)."""
    if element.get("hidden") is not None:
        return "marked hidden (a hidden attribute)"
    style = element.get("style") or ""
    if _HIDING_STYLE.search(style) or element.get("display") == "none" or element.get("visibility") == "hidden":
        return f"hidden by its style ({_words(style) or 'display none'})"
    return None


def _outside(element, root) -> str | None:
    """For SVG text placed by plain x/y (no transform anywhere above it): outside the drawing."""
    node = element
    while node is not None:
        if node.get("transform") or (node is not root and isinstance(node.tag, str)
                                     and etree.QName(node).localname.lower() in _OTHER_SPACE):
            return None
        node = node.getparent()
    box = _canvas(root)
    x, y = _number(element.get("x")), _number(element.get("y"))
    if box is None or x is None or y is None:
        return None
    left, top, width, height = box
    if x < left - width or x > left + 2 * width or y < top - height or y > top + 2 * height:
        return f"placed outside the drawing (at {x:g}, {y:g})"
    return None


def _canvas(root) -> tuple[float, float, float, float] | None:
    view = (root.get("viewBox") or "").replace(",", " ").split()
    if len(view) == 4:
        try:
            return tuple(float(v) for v in view)  # type: ignore[return-value]
        except ValueError:
            return None
    width, height = _number(root.get("width")), _number(root.get("height"))
    return (0.0, 0.0, width, height) if width and height else None


def _number(value: str | None) -> float | None:
    match = _NUMBER.match(value or "")
    return float(match.group(1)) if match else None
