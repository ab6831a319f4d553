"""Redactions that do not hold in Word and PowerPoint files: a dark box drawn over the words
(a rectangle shape in front of the text in Word; a filled shape without text of its own over
a text box on a slide). The words under it are still in the file: anyone can move the box,
copy the text, or read it with a screen reader."""
from __future__ import annotations

from lscp_kit.checks.office_package import Package, local, luminance, text_of

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
DARK = 0.05  # a fill this dark (relative luminance) or darker hides black text
_DARK_SCHEMES = {"tx1", "dk1"}


def covered(pkg: Package) -> list[str]:
    """One line per dark box drawn over text, in Word's document parts and PowerPoint's slides."""
    out = []
    for name, root in pkg.parts_of("document", "hdr", "ftr"):
        if any(_dark_box(anchor) for anchor in root.iter() if local(anchor) == "anchor"
               and anchor.get("behindDoc") in ("0", "false")):
            out.append(f"{name}: a dark shape drawn in front of the text (the words under it are still in the file)")
    for name, root in pkg.parts_of("sld"):
        shapes = [s for s in root.iter() if local(s) == "sp"]
        for index, shape in enumerate(shapes):
            box = _bounds(shape)
            if box is None or not _dark_box(shape) or _text(shape):
                continue
            under = [s for s in shapes[:index] if _text(s) and _overlap(box, _bounds(s))]
            if under:
                out.append(f"{name}: a dark shape drawn over the text «{text_of([_text(under[0])])}»")
    return out


def _dark_box(element) -> bool:
    """A solid dark fill of a shape's own properties (not of its text)."""
    for props in (e for e in element.iter() if local(e) == "spPr"):
        fill = props.find(f"{A}solidFill")
        if fill is None:
            continue
        colour = fill.find(f"{A}srgbClr")
        shade = luminance(colour.get("val") or "") if colour is not None else None
        if shade is not None and shade <= DARK:
            return True
        scheme = fill.find(f"{A}schemeClr")
        if scheme is not None and scheme.get("val") in _DARK_SCHEMES:
            return True
    return False


def _text(shape) -> str:
    return " ".join("".join(t.itertext()) for t in shape.iter() if local(t) == "t").strip()


def _bounds(shape) -> tuple[int, int, int, int] | None:
    xfrm = next((e for e in shape.iter() if local(e) == "xfrm"), None)
    if xfrm is None:
        return None
    off, ext = xfrm.find(f"{A}off"), xfrm.find(f"{A}ext")
    try:
        x, y = int(off.get("x")), int(off.get("y"))
        return x, y, x + int(ext.get("cx")), y + int(ext.get("cy"))
    except (AttributeError, TypeError, ValueError):
        return None


def _overlap(a, b) -> bool:
    return b is not None and a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
