"""Redactions that do not hold in Word and PowerPoint files: a dark box drawn over the words
(a rectangle shape in front of the text in Word; a filled shape without text of its own over
a text box on a slide). The words under it are still in the file: anyone can move the box,
copy the text, or read it with a screen reader."""
from __future__ import annotations

from lscp_kit.checks.office_package import A, Package, local, luminance, shape_box, shape_text, text_of

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
            box = shape_box(shape)
            if box is None or not _dark_box(shape) or shape_text(shape):
                continue
            under = [s for s in shapes[:index] if shape_text(s) and _overlap(box, shape_box(s))]
            if under:
                out.append(f"{name}: a dark shape drawn over the text «{text_of([shape_text(under[0])])}»")
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


def _overlap(a, b) -> bool:
    return b is not None and a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
