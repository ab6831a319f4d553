"""What a PDF holds besides its pages, found in one walk over every object (direct ones inside
them included): JavaScript and XFA forms (a viewer shows what they write, which no reading of
the file shows: errors), embedded files, photos that keep their EXIF GPS position, and words a
reader's software shows or reads aloud off the page (bookmarks, tooltips, alternative texts,
link targets, page labels, named destinations, XMP of pages and images, private application
data), listed as metadata unless the pages show them anyway."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pikepdf

from lscp_kit.audit.normalise import normalise
from lscp_kit.checks.metadata import Fields, image_fields, xml_fields

T = pikepdf.ObjectType
SCRIPTS = "JavaScript inside the PDF (a viewer runs it when the file is opened, and it can show any text)"
XFA = "an XFA form inside the PDF (Acrobat draws it instead of the pages, and it can show any text)"
PATTERN_TEXT = ("text drawn by a tiling pattern (viewers paint it, but no text extraction reads it): re-export "
                "the PDF with the text as ordinary text, or as an image")
_TEXT_SHOWN = re.compile(rb"(?:\)|\]|>)\s*(?:Tj|TJ|'|\")")
NO_SCRIPTS = "re-export the PDF without scripts or forms (from the program that made it)"
BCP47 = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_MACHINE_DEST = re.compile(r"^(_|[A-Za-z]{0,12}[._-]?\d|page|section|subsection|figure|table|chapter|equation|cite|"
                           r"Doc-Start|Item|lstlisting|appendix|footnote|Hfootnote|G\d|bookmark|OLE_LINK|Heading)",
                           re.IGNORECASE)
_STRING_KEYS = {"/TU": "Form field tooltip", "/Alt": "Alternative text", "/ActualText": "Alternative text",
                "/E": "Alternative text", "/URI": "Link"}
MAX_DEPTH = 64


@dataclass
class Parts:
    scripts: bool = False
    xfa: bool = False
    files: bool = False
    fields: Fields = field(default_factory=list)
    places: list[str] = field(default_factory=list)  # GPS positions of placed photos
    referenced: set[tuple[int, int]] = field(default_factory=set)  # objects another object (or the trailer) uses
    layered: list = field(default_factory=list)  # form XObjects drawn only when their layer (/OC) is on
    pattern_text: bool = False  # a tiling pattern's cell shows text

    def history(self) -> list[str]:
        out = [f"{what}: {NO_SCRIPTS}" for what, found in ((SCRIPTS, self.scripts), (XFA, self.xfa)) if found]
        return out + (["embedded files inside the PDF"] if self.files else []) + \
            ([PATTERN_TEXT] if self.pattern_text else [])


def read(pdf: pikepdf.Pdf, page_text: str) -> Parts:
    """Every object of `pdf` looked at once; `page_text` is what its pages show (words found
    there are not listed again)."""
    found, shown = Parts(), normalise(page_text)
    for obj in pdf.objects:
        if obj is not None and obj._type_code in (T.dictionary, T.stream, T.array):
            _visit(obj, found)
    found.referenced |= {v.objgen for v in pdf.trailer.values() if isinstance(v, pikepdf.Object) and v.is_indirect}
    _names(pdf, found)
    found.fields = [(label, value) for label, value in found.fields if not _shown(label, value, shown)]
    return found


def layered_text(parts: Parts, off: set[str]) -> list[str]:
    """Form XObjects that draw text in a layer that is off (its group, or every group of its
    membership dictionary, off)."""
    out = []
    for form in parts.layered:
        group = form.get("/OC")
        groups = group.get("/OCGs") if isinstance(group, pikepdf.Dictionary) and "/OCGs" in group else group
        names = [str(g.get("/Name", "")) for g in (groups if isinstance(groups, pikepdf.Array) else [groups])
                 if isinstance(g, pikepdf.Dictionary)]
        try:
            draws_text = b"BT" in form.read_bytes()
        except pikepdf.PdfError:
            draws_text = True
        if names and all(name in off for name in names) and draws_text:
            out.append(f"text in a layer (optional content) that is off: a form XObject (object {form.objgen[0]})")
    return out


def _shown(label: str, value: str, shown: str) -> bool:
    if label in ("Language", "Private data (PieceInfo)", "Launch action") or "XMP" in label:
        return False
    text = normalise(value.replace("_", " "))
    return not text or text in shown


def _visit(obj, found: Parts) -> None:
    """One indirect object and the direct ones inside it; the indirect ones it refers to noted."""
    stack = [(obj, 0)]
    while stack:
        node, depth = stack.pop()
        values = list(node) if node._type_code == T.array else list(node.values())
        found.referenced.update(v.objgen for v in values if isinstance(v, pikepdf.Object) and v.is_indirect)
        if node._type_code != T.array:
            _dictionary(node, found)
        if depth < MAX_DEPTH:
            stack += [(v, depth + 1) for v in values if _direct_container(v)]


def _direct_container(value) -> bool:
    return isinstance(value, pikepdf.Object) and not value.is_indirect and value._type_code in (T.dictionary, T.array)


def _dictionary(node, found: Parts) -> None:
    keys = set(node.keys())
    if "/JS" in keys or node.get("/S") == pikepdf.Name.JavaScript:
        found.scripts = True
    if "/XFA" in keys:
        found.xfa = True
    if "/EF" in keys or node.get("/Type") == pikepdf.Name.EmbeddedFile:
        found.files = True
    for key in keys & _STRING_KEYS.keys():
        _string(found, _STRING_KEYS[key], node[key])
    if "/Lang" in keys:
        lang = node["/Lang"]
        if isinstance(lang, pikepdf.String) and not BCP47.match(str(lang).strip() or "en"):
            _string(found, "Language", lang)
    if "/Title" in keys and "/Parent" in keys and keys & {"/Dest", "/A", "/First", "/Prev", "/Next", "/Count"}:
        _string(found, "Bookmark", node["/Title"])
    if "/P" in keys and isinstance(node["/P"], pikepdf.String) and keys <= {"/Type", "/S", "/P", "/St"}:
        _string(found, "Page label", node["/P"])
    if node.get("/S") == pikepdf.Name.Launch:
        _launch(found, node)
    if "/PieceInfo" in keys:
        _piece_info(found, node["/PieceInfo"])
    if "/Metadata" in keys and node.get("/Type") != pikepdf.Name.Catalog:
        _xmp(found, node["/Metadata"], "page" if node.get("/Type") == pikepdf.Name.Page else "an image or part")
    if "/OC" in keys and node._type_code == T.stream and node.get("/Subtype") == pikepdf.Name.Form:
        found.layered.append(node)
    if node._type_code == T.stream and node.get("/PatternType") == 1 and not found.pattern_text:
        found.pattern_text = _shows_text(node)
    if node._type_code == T.stream and node.get("/Subtype") == pikepdf.Name.Image \
            and node.get("/Filter") == pikepdf.Name.DCTDecode:
        _photo(found, node)


def _shows_text(stream) -> bool:
    """Whether a content stream shows text (a string before Tj, TJ, ' or \")."""
    try:
        return _TEXT_SHOWN.search(stream.read_bytes()) is not None
    except pikepdf.PdfError:
        return True  # a cell that cannot be read may show anything


def _string(found: Parts, label: str, value) -> None:
    if isinstance(value, pikepdf.Object) and value._type_code == T.string:
        text = " ".join(str(value).split())
        if text and (label, text) not in found.fields:
            found.fields.append((label, text))


def _launch(found: Parts, action) -> None:
    for spec in (action.get("/F"), (action.get("/Win") or pikepdf.Dictionary()).get("/F")):
        if spec is None:
            continue
        if isinstance(spec, pikepdf.Dictionary):
            spec = spec.get("/UF") or spec.get("/F")
        if spec is not None:
            _string(found, "Launch action", spec)


def _piece_info(found: Parts, info) -> None:
    stack = [(info, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, pikepdf.String):
            _string(found, "Private data (PieceInfo)", node)
        elif isinstance(node, pikepdf.Dictionary) and depth < 8:
            stack += [(v, depth + 1) for k, v in node.items() if k != "/LastModified"]
        elif isinstance(node, pikepdf.Array) and depth < 8:
            stack += [(v, depth + 1) for v in node]


def _xmp(found: Parts, stream, where: str) -> None:
    if not isinstance(stream, pikepdf.Stream):
        return
    try:
        data = stream.read_bytes()
    except pikepdf.PdfError:
        return
    for label, value in xml_fields(data):
        if label.lower().startswith("gps") and label.lower() != "gpsversionid":
            place = f"a GPS position in the XMP data of {where} of the PDF"
            if place not in found.places:
                found.places.append(place)
        elif (f"XMP of {where}: {label}", value) not in found.fields:
            found.fields.append((f"XMP of {where}: {label}", value))


def _photo(found: Parts, stream) -> None:
    """A JPEG placed as it was taken keeps its EXIF: its GPS position, its artist."""
    try:
        data = stream.read_raw_bytes()
    except pikepdf.PdfError:
        return
    if b"Exif" not in data[:65536] and b"http://ns.adobe.com/xap" not in data[:65536]:
        return
    try:
        fields, places = image_fields(data)
    except (OSError, ValueError, SyntaxError):
        return
    number = stream.objgen[0]
    found.places += [f"a photo in the PDF (object {number}) keeps {place}" for place in places]
    found.fields += [(f"Photo in the PDF: {label}", value) for label, value in fields
                     if (f"Photo in the PDF: {label}", value) not in found.fields]


def _names(pdf: pikepdf.Pdf, found: Parts) -> None:
    """Named destinations: the catalogue's /Dests and the /Names /Dests tree."""
    names = []
    dests = pdf.Root.get("/Dests")
    if isinstance(dests, pikepdf.Dictionary):
        names += [key[1:] for key in dests.keys()]
    tree = pdf.Root.get("/Names")
    if isinstance(tree, pikepdf.Dictionary) and isinstance(tree.get("/Dests"), pikepdf.Dictionary):
        names += [str(key) for key, _ in pikepdf.NameTree(tree.Dests).items()]
    for name in names:
        if not _MACHINE_DEST.match(name):
            _string(found, "Named destination", pikepdf.String(name))
