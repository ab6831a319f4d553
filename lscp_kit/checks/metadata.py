"""Metadata: the names, titles and places a file carries besides its pages.

PDF Info and XMP; Office docProps (core, app, custom); OpenDocument meta.xml; image EXIF, XMP
and text chunks (a GPS position is an error of its own); audio tags. Dates, sizes and counts
are left out: they name nobody.
"""
from __future__ import annotations

import io
import zipfile

import pikepdf
from lxml import etree
from PIL import ExifTags, Image

Fields = list[tuple[str, str]]
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
_SKIP = {"creationdate", "moddate", "trapped", "createdate", "modifydate", "metadatadate", "documentid",
         "instanceid", "originaldocumentid", "format", "created", "modified", "lastprinted", "revision",
         "pages", "words", "characters", "characterswithspaces", "lines", "paragraphs", "totaltime",
         "docsecurity", "scalecrop", "linksuptodate", "shareddoc", "hyperlinkschanged", "appversion",
         "headingpairs", "titlesofparts", "slides", "notes", "hiddenslides", "mmclips", "presentationformat",
         "editing-cycles", "editing-duration", "document-statistic", "creation-date", "date", "print-date",
         "pdfversion", "colorspace", "orientation", "resolution", "xmptk", "about", "nativedigest"}
IMAGE_TAGS = {0x010E: "Description", 0x013B: "Artist", 0x8298: "Copyright", 0x0131: "Software",
              0x010F: "Camera make", 0x0110: "Camera model", 0x9C9B: "Title", 0x9C9C: "Comment",
              0x9C9D: "Author", 0x9C9E: "Keywords", 0x9C9F: "Subject"}
EXIF_TAGS = {0xA430: "Camera owner", 0xA431: "Camera serial number", 0x9286: "User comment",
             0xA420: "Image ID", 0xA435: "Lens serial number"}
MAX_VALUE = 1000  # long enough that a name at the end of a long Subject is still listed (and judged)


def _clean(value) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-16-le" if value[1:2] == b"\x00" else "utf-8", "replace")
    text = " ".join(str(value).replace("\x00", "").split())
    return text if len(text) <= MAX_VALUE else text[:MAX_VALUE - 1] + "…"


def _keep(fields: Fields, label: str, value) -> None:
    text = _clean(value)
    if text and (label, text) not in fields:
        fields.append((label, text))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def xml_fields(data: bytes, labels: dict[str, str] | None = None) -> Fields:
    """Leaf values of an XML metadata part (XMP, docProps, meta.xml), by element name; list
    items (rdf:li) under their property's name; attribute values too (XMP writes some so)."""
    try:
        root = etree.fromstring(data.strip(), _PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return []
    fields: Fields = []
    if root is None:
        return fields
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            if _local(name).lower() not in _SKIP and not name.startswith("{http://www.w3.org/1999/02/22-rdf"):
                _keep(fields, _label(name, labels), value)
        if len(element) == 0 and element.text and element.text.strip():
            owner = element
            while owner is not None and _local(owner.tag) in ("li", "Seq", "Bag", "Alt"):
                owner = owner.getparent()
            if owner is not None and _local(owner.tag).lower() not in _SKIP:
                _keep(fields, _label(owner.tag, labels), element.text)
    return fields


def _label(tag: str, labels: dict[str, str] | None) -> str:
    local = _local(tag)
    return (labels or {}).get(local, local)


def pdf_fields(pdf: pikepdf.Pdf) -> Fields:
    """The Info dictionary and the XMP packet."""
    fields: Fields = []
    info = pdf.trailer.get("/Info")
    if isinstance(info, pikepdf.Dictionary):
        for key, value in info.items():
            if key[1:].lower() not in _SKIP:
                _keep(fields, key[1:], value)
    xmp = pdf.Root.get("/Metadata")
    if isinstance(xmp, pikepdf.Stream):
        try:
            fields += [f for f in xml_fields(xmp.read_bytes()) if f not in fields]
        except pikepdf.PdfError:
            fields.append(("XMP", "(cannot be read)"))
    return fields


def office_fields(data: bytes) -> Fields:
    """docProps/core.xml, app.xml and custom.xml; OpenDocument meta.xml."""
    fields: Fields = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        for part in ("docProps/core.xml", "docProps/app.xml", "docProps/custom.xml", "meta.xml"):
            if part in names:
                fields += [f for f in xml_fields(archive.read(part)) if f not in fields]
    return fields


def image_fields(data: bytes) -> tuple[Fields, list[str]]:
    """EXIF, XMP and text chunks; and the GPS position, if any, as errors."""
    fields: Fields = []
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        for tag, label in IMAGE_TAGS.items():
            if tag in exif:
                _keep(fields, label, exif[tag])
        sub = exif.get_ifd(ExifTags.IFD.Exif)
        for tag, label in EXIF_TAGS.items():
            if tag in sub:
                _keep(fields, label, sub[tag])
        gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
        info = dict(image.info)
    xmp = info.pop("xmp", None) or info.pop("XML:com.adobe.xmp", None)
    if xmp:
        fields += xml_fields(xmp.encode() if isinstance(xmp, str) else xmp)
    for key in ("comment", "Author", "Comment", "Description", "Title", "Copyright", "Software", "Source"):
        if isinstance(info.get(key), (str, bytes)):
            _keep(fields, key.capitalize(), info[key])
    places = []
    if any(k in gps for k in (1, 2, 3, 4)):
        places.append("a GPS position (where the photo was taken) in its EXIF data")
    if any(label.lower().startswith("gps") and label.lower() not in ("gpsversionid",) for label, _ in fields):
        places.append("a GPS position in its XMP data")
        fields = [f for f in fields if not f[0].lower().startswith("gps")]
    return fields, places


def audio_fields(data: bytes) -> Fields:
    """Tags (ID3, Vorbis comments, MP4 atoms ...), as mutagen reads them."""
    import mutagen
    fields: Fields = []
    try:
        audio = mutagen.File(io.BytesIO(data), easy=True)
    except Exception:  # mutagen raises many kinds for a file it cannot parse
        return fields
    for key, values in (audio.tags.items() if audio is not None and audio.tags else []):
        for value in values if isinstance(values, list) else [values]:
            if isinstance(value, (str, bytes)) and key.lower() not in _SKIP:
                _keep(fields, key, value)
    return fields + [f for f in _id3_frames(data) if f not in fields]


def _id3_frames(data: bytes) -> Fields:
    """ID3 frames the easy interface leaves out: user text (TXXX), comments, lyrics, user links and
    the descriptions of pictures and attached objects."""
    from mutagen.id3 import ID3
    try:
        tags = ID3(io.BytesIO(data))
    except Exception:  # no ID3 tag, or one mutagen cannot parse
        return []
    fields: Fields = []
    for frame in tags.values():
        if frame.FrameID in ("APIC", "GEOB"):  # a picture or an attached object: its description and name
            for value in (frame.desc, getattr(frame, "filename", "")):
                _keep(fields, f"{frame.FrameID} description", value)
        elif frame.FrameID in ("TXXX", "COMM", "USLT", "WXXX"):
            value = getattr(frame, "url", None) or getattr(frame, "text", "")
            label = frame.FrameID + (f" {frame.desc}" if frame.desc else "")
            _keep(fields, label, " ".join(map(str, value)) if isinstance(value, list) else value)
    return fields
