"""Active content in a published picture or page: an SVG or HTML attachment that runs a script
(or an event handler, or a javascript: link) can write any text when it is viewed, which no
reading of the file shows. Such a file is never published; nor is one that draws its text in
another order than it is written, or from definitions no reading follows (a right-to-left
override, a reversed or reordered layout, ruby, an entity or a stylesheet of its own, text
placed out of order or too small to see)."""
from __future__ import annotations

import re

ACTIVE_SUFFIXES = (".svg", ".svgz", ".html", ".htm", ".xhtml", ".xml")
_ACTIVE = re.compile(rb"<\s*script\b|\bon[a-z]+\s*=|javascript\s*:|<\s*foreignObject\b|<\s*iframe\b|<\s*object\b"
                     rb"|<\s*embed\b", re.IGNORECASE)


def _markup(name: str, data: bytes) -> bytes | None:
    """An SVG, HTML or XML file's markup as a browser reads it (.svgz unpacked, NUL bytes
    dropped); None for other files, or one that does not unpack (the leak audit refuses it)."""
    if not name.lower().endswith(ACTIVE_SUFFIXES):
        return None
    if name.lower().endswith(".svgz"):
        import gzip
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError):
            return None
    return data.replace(b"\x00", b"")


def active_content(name: str, data: bytes) -> str | None:
    """What in the file runs when it is viewed, or None."""
    markup = _markup(name, data)
    found = _ACTIVE.search(markup) if markup is not None else None
    return found.group(0).decode("latin-1").strip() if found else None

_REARRANGING = [  # in the markup
    (re.compile(rb"<!ENTITY\b", re.IGNORECASE), "an entity defined in the file"),
    (re.compile(rb"<\?xml-stylesheet\b", re.IGNORECASE), "a stylesheet of its own (XSLT or CSS)"),
    (re.compile(rb"<\s*bdo\b", re.IGNORECASE), "text drawn right to left"),
    (re.compile(rb"<\s*ruby\b", re.IGNORECASE), "ruby text"),
]
_RESTYLING = [  # in its styles: style attributes, <style> blocks, presentation attributes
    (re.compile(rb"unicode-bidi|direction\s*:\s*rtl|\bdir\s*:\s*rtl", re.IGNORECASE), "text drawn right to left"),
    (re.compile(rb"(?:row|column|wrap)-reverse|(?:^|[;{\s])order\s*:\s*-?\d|grid-(?:area|row|column)\s*:",
                re.IGNORECASE), "a layout that reorders the text"),
    (re.compile(rb"font-size\s*:\s*0*\.\d", re.IGNORECASE), "text too small to see"),
]
_STYLE_BLOCK = re.compile(rb"<\s*style\b[^>]*>(.*?)</\s*style\s*>", re.IGNORECASE | re.DOTALL)
_STYLE_ATTRIBUTE = re.compile(rb"""\b(style|direction|unicode-bidi|font-size|dir)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""",
                              re.IGNORECASE)
_TEXT_BLOCK = re.compile(rb"<\s*text\b.*?</\s*text\s*>", re.IGNORECASE | re.DOTALL)
_PLACED = re.compile(rb"<\s*tspan\b([^>]*)>", re.IGNORECASE)
_X = re.compile(rb"\bx\s*=\s*[\"']\s*(-?\d+(?:\.\d+)?)")
_NEW_LINE = re.compile(rb"\b(?:y|dy)\s*=", re.IGNORECASE)


def rearranged(name: str, data: bytes) -> str | None:
    """What in an SVG, HTML or XML file draws its text otherwise than it is written, or None."""
    data = _markup(name, data)
    if data is None:
        return None
    for pattern, what in _REARRANGING:
        if pattern.search(data):
            return what
    styles = b";".join(_STYLE_BLOCK.findall(data) + [value.strip(b"\"'") if key.lower() == b"style" else
                                                     key + b":" + value.strip(b"\"'")
                                                     for key, value in _STYLE_ATTRIBUTE.findall(data)])
    for pattern, what in _RESTYLING:
        if pattern.search(styles):
            return what
    return "text placed out of its written order" if _out_of_order(data) else None


def _out_of_order(data: bytes) -> bool:
    """SVG pieces of one line of text placed by x further left than the piece before them."""
    for block in _TEXT_BLOCK.findall(data):
        last = None
        for attributes in _PLACED.findall(block):
            x = _X.search(attributes)
            if x is None:
                continue
            if _NEW_LINE.search(attributes):
                last = None
            value = float(x.group(1))
            if last is not None and value < last:
                return True
            last = value
    return False
