"""Word: what a document keeps that its reader does not see. Tracked deletions and insertions,
and runs of text hidden as Word hides them: w:vanish set on the run or through its character or
paragraph style (styles.xml, docDefaults), under 1 pt, or in the colour of what is behind it
(white on the page, black on a black highlight or shading). Automatic colour is always seen:
Word turns it white on a dark background."""
from __future__ import annotations

from lxml import etree

from lscp_kit.checks.office_package import W, Package, local, text_of, unseen_on

STORIES = {"document", "hdr", "ftr", "footnotes", "endnotes"}
HIGHLIGHT = {"black": "000000", "blue": "0000FF", "cyan": "00FFFF", "green": "00FF00", "magenta": "FF00FF",
             "red": "FF0000", "yellow": "FFFF00", "white": "FFFFFF", "darkBlue": "000080", "darkCyan": "008080",
             "darkGreen": "008000", "darkMagenta": "800080", "darkRed": "800000", "darkYellow": "808000",
             "darkGray": "808080", "lightGray": "C0C0C0"}
_PROPS = ("vanish", "color", "sz", "highlight", "shd")
_NS = {"w": W[1:-1]}
_RUNS = etree.XPath(".//w:r[w:t or w:sym]", namespaces=_NS)
# Runs whose look may differ from the document's defaults: formatted, styled, or in a styled or
# shaded paragraph (the others are judged once, by the defaults)
_FORMATTED = etree.XPath(".//w:r[w:t or w:sym][w:rPr[w:vanish or w:color or w:sz or w:highlight or w:shd or "
                         "w:rStyle] or ancestor::w:p[1]/w:pPr[w:pStyle or w:shd]]", namespaces=_NS)


def story_parts(pkg: Package) -> list[str]:
    """The parts whose text Word shows (the main document, headers, footers, notes), by what they are."""
    return [n for n in pkg.names if pkg.root_name(n) in STORIES]


def on(toggle) -> bool:
    """A WordprocessingML on/off property that is present and not switched off (w:val 0/false/off)."""
    return toggle is not None and toggle.get(f"{W}val", "true").lower() not in ("0", "false", "off")


class Styles:
    """styles.xml: each style's run properties and what it is based on; the defaults."""

    def __init__(self, pkg: Package) -> None:
        main = pkg.main_part() or "word/document.xml"
        name = next((r.target for r in pkg.rels(main) if r.kind == "styles"), "word/styles.xml")
        root = pkg.xml(name)
        self.props: dict[str, tuple[str | None, object]] = {}
        self.default_paragraph: str | None = None
        self.defaults = None
        self._resolved: dict[tuple, dict[str, object]] = {}
        if root is None:
            return
        for style in root.iter(f"{W}style"):
            ident = style.get(f"{W}styleId")
            based = style.find(f"{W}basedOn")
            self.props[ident] = (based.get(f"{W}val") if based is not None else None, style.find(f"{W}rPr"))
            if style.get(f"{W}type") == "paragraph" and style.get(f"{W}default") in ("1", "true", "on"):
                self.default_paragraph = ident
        self.defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")

    def resolved(self, character: str | None, paragraph: str | None) -> dict[str, object]:
        """_PROPS from a character style, then a paragraph style, then the defaults (cached)."""
        key = (character, paragraph)
        if key not in self._resolved:
            found: dict[str, object] = {}
            for props in self.chain(character) + self.chain(paragraph) + [self.defaults]:
                if props is not None:
                    _take(props, found)
            self._resolved[key] = found
        return self._resolved[key]

    def chain(self, ident: str | None) -> list:
        """The run properties of a style and of the styles it is based on, nearest first."""
        out, seen = [], set()
        while ident and ident in self.props and ident not in seen:
            seen.add(ident)
            based, props = self.props[ident]
            if props is not None:
                out.append(props)
            ident = based
        return out


def effective(run, paragraph, styles: Styles) -> dict[str, object]:
    """Each of _PROPS as it applies to `run`: direct formatting, then its character style, then its
    paragraph's style, then the document's defaults."""
    direct = run.find(f"{W}rPr")
    style = direct.find(f"{W}rStyle") if direct is not None else None
    para_style = paragraph.find(f"{W}pPr/{W}pStyle") if paragraph is not None else None
    found = styles.resolved(style.get(f"{W}val") if style is not None else None,
                            para_style.get(f"{W}val") if para_style is not None else styles.default_paragraph)
    if direct is not None and len(direct):
        found = dict(found)
        _take(direct, found, override=True)
    return found


def _take(props, found: dict, override: bool = False) -> None:
    for child in props:
        tag = child.tag if isinstance(child.tag, str) else ""
        name = tag[len(W):] if tag.startswith(W) else ""
        if name in _PROPS and (override or name not in found):
            found[name] = child


def _background(props: dict, paragraph, page: str | None) -> str | None:
    """The colour behind a run: its highlight or shading, its paragraph's, its table cell's; the
    page's outside tables, text boxes and shapes; None when the kit cannot know it (a table
    style's banding, a shape's fill, a picture behind the text)."""
    mark, shade = props.get("highlight"), props.get("shd")
    if mark is not None and mark.get(f"{W}val") in HIGHLIGHT:
        return HIGHLIGHT[mark.get(f"{W}val")]
    for shading in (shade, paragraph.find(f"{W}pPr/{W}shd") if paragraph is not None else None):
        fill = _fill(shading)
        if fill:
            return fill
    element = paragraph.getparent() if paragraph is not None else None
    while element is not None:
        name = local(element)
        if name == "tc" and _fill(element.find(f"{W}tcPr/{W}shd")):
            return _fill(element.find(f"{W}tcPr/{W}shd"))
        if name == "tbl" and (element.find(f"{W}tblPr/{W}tblStyle") is not None or _fill(element.find(f"{W}tblPr/{W}shd"))):
            return None  # a table style may shade its cells (banded rows, a dark header row)
        if name in _SHAPES:
            return None
        element = element.getparent()
    return page


_SHAPES = {"txbxContent", "drawing", "pict", "AlternateContent"}


def _fill(shading) -> str | None:
    fill = shading.get(f"{W}fill") if shading is not None else None
    return fill if fill and fill.lower() != "auto" else None


def _tiny(props: dict) -> bool:
    size = props.get("sz")
    value = size.get(f"{W}val") if size is not None else ""
    return (value or "").isdigit() and int(value) < 2  # w:sz counts half-points


def _unseen(props: dict, paragraph, page: str | None) -> bool:
    if _tiny(props):
        return True
    colour = props.get("color")
    value = colour.get(f"{W}val") if colour is not None else None
    if not value or value.lower() == "auto":
        return False
    return unseen_on(value, _background(props, paragraph, page))


def _page_colour(pkg: Package, parts: list[str]) -> str | None:
    """The page's colour; None when a picture or shape lies behind the text (a cover, a watermark)
    or the page has a picture for its background: what is behind the text is then unknown."""
    if any(b'behindDoc="1"' in pkg.read(n) or b"z-index:-" in pkg.read(n) for n in parts):
        return None
    root = pkg.xml(pkg.main_part() or "word/document.xml")
    background = root.find(f"{W}background") if root is not None else None
    if background is not None and len(background):
        return None
    colour = background.get(f"{W}color") if background is not None else None
    return colour if colour and colour.lower() != "auto" else "FFFFFF"


def paragraph_of(run):
    parent = run.getparent()
    while parent is not None and local(parent) != "p":
        parent = parent.getparent()
    return parent


def word_hidden(pkg: Package) -> list[str]:
    """Tracked changes and hidden runs of every part Word shows."""
    out: list[str] = []
    parts = story_parts(pkg)
    styles, page = Styles(pkg), _page_colour(pkg, parts)
    for name in parts:
        root = pkg.xml(name)
        if root is None:
            continue
        deleted = list(root.iter(f"{W}del", f"{W}moveFrom"))
        inserted = list(root.iter(f"{W}ins", f"{W}moveTo"))
        hidden, unseen = [], []
        plain = styles.resolved(None, styles.default_paragraph)
        runs = _RUNS(root) if set(plain) - {"sz"} or _tiny(plain) else _FORMATTED(root)
        for run in runs:
            if run.find(f"{W}sym") is None and not "".join(t.text or "" for t in run.iter(f"{W}t")).strip():
                continue  # white space hides nothing
            paragraph = paragraph_of(run)
            props = effective(run, paragraph, styles)
            if on(props.get("vanish")):
                hidden.append(run)
            elif _unseen(props, paragraph, page):
                unseen.append(run)
        out += listed(name, [("tracked deletions still in the file", deleted),
                             ("tracked insertions not yet accepted", inserted), ("hidden text", hidden),
                             ("text a reader cannot see (its colour that of the page or of what is behind it, "
                              "or under 1 pt)", unseen)])
    return out


def listed(name: str, kinds: list[tuple[str, list]]) -> list[str]:
    return [f"{name}: {what}: «{text_of(elements)}»" for what, elements in kinds if elements]
