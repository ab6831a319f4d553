"""An Office Open XML or OpenDocument file opened once for all the checks: its parts, each parsed at
most once, what each part is (its root element) and its relationships, as Word, Excel and
PowerPoint find them (through _rels/.rels, not by the parts' names)."""
from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass

from lxml import etree

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass(frozen=True)
class Rel:
    """One relationship of a part: its id, kind (the last word of its type), target and mode."""

    rid: str
    kind: str
    target: str
    external: bool


class Package:
    """The parts of one Office zip, read and parsed on demand, each once."""

    def __init__(self, data: bytes) -> None:
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.names = [n for n in self.zip.namelist() if not n.endswith("/")]
        self._bytes: dict[str, bytes] = {}
        self._xml: dict[str, object] = {}
        self._roots: dict[str, str | None] = {}

    def close(self) -> None:
        self.zip.close()

    def __enter__(self) -> "Package":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def read(self, name: str) -> bytes:
        if name not in self._bytes:
            try:
                self._bytes[name] = self.zip.read(name)
            except KeyError:
                self._bytes[name] = b""
        return self._bytes[name]

    def xml(self, name: str):
        """The part parsed (None when it is missing or not XML)."""
        if name not in self._xml:
            body = self.read(name) if name in self.names else b""
            try:
                self._xml[name] = etree.fromstring(body, PARSER) if body.strip() else None
            except (etree.XMLSyntaxError, ValueError):
                self._xml[name] = None
        return self._xml[name]

    def root_name(self, name: str) -> str | None:
        """The local name of a part's root element, read from its first bytes only."""
        if name not in self._roots:
            self._roots[name] = self._root_name(name)
        return self._roots[name]

    def _root_name(self, name: str) -> str | None:
        if not name.endswith(".xml") or name not in self.names:
            return None
        if name in self._xml:
            root = self._xml[name]
            return etree.QName(root).localname if root is not None else None
        try:
            with self.zip.open(name) as stream:
                for _, element in etree.iterparse(stream, events=("start",), resolve_entities=False,
                                                  no_network=True, recover=True):
                    return etree.QName(element).localname
        except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, ValueError):
            return None
        return None

    def parts_of(self, *kinds: str) -> list[tuple[str, object]]:
        """(name, parsed root) of each part whose root element is one of `kinds` (and parses)."""
        return [(n, self.xml(n)) for n in self.names if self.root_name(n) in kinds and self.xml(n) is not None]

    def rels(self, part: str = "") -> list[Rel]:
        """The relationships of `part` ("" for the package's own, _rels/.rels)."""
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        if root is None:
            return []
        out = []
        for rel in root.iter(f"{_RELS}Relationship"):
            external = rel.get("TargetMode") == "External"
            target = rel.get("Target") or ""
            if not external:
                target = posixpath.normpath(target.lstrip("/") if target.startswith("/")
                                            else posixpath.join(folder, target))
            out.append(Rel(rel.get("Id") or "", (rel.get("Type") or "").rsplit("/", 1)[-1], target, external))
        return out

    def main_part(self) -> str | None:
        """The main document, workbook or presentation part, as _rels/.rels names it."""
        for rel in self.rels():
            if rel.kind == "officeDocument" and rel.target in self.names:
                return rel.target
        return next((n for n in ("word/document.xml", "xl/workbook.xml", "ppt/presentation.xml") if n in self.names),
                    None)


def text_of(elements, limit: int = 60) -> str:
    """The words of `elements`, white space collapsed, cut short after `limit` characters."""
    text = " ".join("".join(e.itertext()) if not isinstance(e, str) else e for e in elements)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def shape_box(shape) -> tuple[int, int, int, int] | None:
    """A drawing shape's box (left, top, right, bottom, in EMU) from its first a:xfrm; None
    without an offset (an extent missing is no size)."""
    xfrm = next((e for e in shape.iter() if local(e) == "xfrm"), None)
    offset = xfrm.find(f"{A}off") if xfrm is not None else None
    extent = xfrm.find(f"{A}ext") if xfrm is not None else None
    if offset is None:
        return None
    try:
        x, y = int(offset.get("x")), int(offset.get("y"))
        cx, cy = (int(extent.get("cx")), int(extent.get("cy"))) if extent is not None else (0, 0)
    except (TypeError, ValueError):
        return None
    return x, y, x + cx, y + cy


def shape_text(shape) -> str:
    """The words of a drawing shape's text (its a:t runs)."""
    return "".join(t.text or "" for t in shape.iter(f"{A}t")).strip()


def local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def luminance(rgb: str) -> float | None:
    """The relative luminance (WCAG) of a hex colour 'RRGGBB' (or 'AARRGGBB'); None when it is not one."""
    rgb = rgb.strip().lstrip("#")[-6:]
    if len(rgb) != 6:
        return None
    try:
        channels = [int(rgb[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    except ValueError:
        return None
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


UNSEEN_CONTRAST = 1.2  # text and its background closer than this: nobody reads it (1 is the same colour)


def unseen_on(text: str | None, background: str | None) -> bool:
    """Whether text of colour `text` is unseen on `background` (hex colours; None: unknown, seen)."""
    fore, back = luminance(text or ""), luminance(background or "")
    if fore is None or back is None:
        return False
    light, dark = max(fore, back), min(fore, back)
    return (light + 0.05) / (dark + 0.05) < UNSEEN_CONTRAST
