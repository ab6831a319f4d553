"""A PDF's annotations and form fields that hold words a reader does not see on the page:
comments (sticky notes, and the notes on highlights and shapes), annotations flagged hidden,
and form field values no widget shows. Like Office comments, each is an error."""
from __future__ import annotations

import pikepdf

HIDDEN_FLAGS = 2 | 32  # Hidden, NoView
MARKUP = {"/Text", "/Highlight", "/Underline", "/Squiggly", "/StrikeOut", "/Caret", "/Ink", "/Square", "/Circle",
          "/Line", "/Polygon", "/PolyLine", "/Stamp", "/Sound"}
NOT_TEXT = {"/Link", "/Popup", "/Redact", "/FileAttachment"}  # read elsewhere, or holding no words of their own
EXCERPT = 60


def _text(value) -> str:
    if not isinstance(value, pikepdf.String):
        return ""
    text = " ".join(str(value).split())
    return text if len(text) <= EXCERPT else text[:EXCERPT - 1] + "…"


def _flags(annot: pikepdf.Dictionary) -> int:
    try:
        return int(annot.get("/F", 0))
    except (TypeError, ValueError):
        return 0


def annotation_findings(pdf: pikepdf.Pdf) -> list[str]:
    """One line per comment, hidden annotation with words, and unseen form value."""
    out = []
    for number, page in enumerate(pdf.pages, 1):
        annots = page.obj.get("/Annots")
        if not isinstance(annots, pikepdf.Array):
            continue
        for annot in annots:
            if isinstance(annot, pikepdf.Dictionary):
                what = _annotation(annot)
                if what:
                    out.append(f"page {number}: {what}")
    return out + _form_values(pdf)


def _annotation(annot: pikepdf.Dictionary) -> str | None:
    subtype = str(annot.get("/Subtype", ""))
    if subtype in NOT_TEXT or subtype == "/Widget":
        return None
    words = _text(annot.get("/Contents")) or _text(annot.get("/RC"))
    if _flags(annot) & HIDDEN_FLAGS and (words or "/AP" in annot):
        return f"an annotation flagged hidden ({subtype[1:]}): «{words or 'its appearance'}»"
    if subtype == "/Text" and (words or _text(annot.get("/T"))):
        return f"a comment (a sticky note): «{words or _text(annot.get('/T'))}»"
    if subtype in MARKUP and words:
        return f"a comment on the page ({subtype[1:]} annotation): «{words}»"
    return None


def _form_values(pdf: pikepdf.Pdf) -> list[str]:
    return [f"a form field's value that no field on the page shows: «{_text(field.V)}»" for field in unseen_fields(pdf)]


def unseen_fields(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    """Form fields whose value (text) no widget of theirs shows: hidden, or less than a point."""
    form = pdf.Root.get("/AcroForm")
    if not isinstance(form, pikepdf.Dictionary) or not isinstance(form.get("/Fields"), pikepdf.Array):
        return []
    out, stack, seen = [], list(form.Fields), set()
    while stack:
        node = stack.pop()
        if not isinstance(node, pikepdf.Dictionary) or (node.is_indirect and node.objgen in seen):
            continue
        if node.is_indirect:
            seen.add(node.objgen)
        kids = node.get("/Kids")
        kids = [k for k in kids if isinstance(k, pikepdf.Dictionary)] if isinstance(kids, pikepdf.Array) else []
        stack += [k for k in kids if "/T" in k]
        widgets = [k for k in kids if "/T" not in k] + ([node] if "/Rect" in node else [])
        if _text(node.get("/V")) and not any(_shows(w) for w in widgets):
            out.append(node)
    return out


def _shows(widget: pikepdf.Dictionary) -> bool:
    """Whether a viewer draws this widget: not hidden, at least a point each way (a viewer makes
    an appearance for a value that has none)."""
    try:
        left, bottom, right, top = (float(v) for v in widget.Rect)
    except (AttributeError, TypeError, ValueError):
        return False
    return not _flags(widget) & HIDDEN_FLAGS and abs(right - left) >= 1 and abs(top - bottom) >= 1
