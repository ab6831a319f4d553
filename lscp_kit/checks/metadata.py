"""Metadata: the names, titles and places a file carries besides its pages.

PDF Info and XMP; Office docProps (core, app, custom); OpenDocument meta.xml; image EXIF, XMP
and text chunks (a GPS position is an error of its own); audio tags. Dates, sizes and counts
are left out: they name nobody.
"""
from __future__ import annotations

import io
from typing import TYPE_CHECKING

from lxml import etree

from lscp_kit.checks import media_bytes

if TYPE_CHECKING:  # pikepdf and Pillow are loaded when a file is read, not when facts are judged
    import pikepdf

Fields = list[tuple[str, str]]
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
_SKIP = {"creationdate", "moddate", "trapped", "createdate", "modifydate", "metadatadate", "documentid",
         "instanceid", "originaldocumentid", "format", "created", "modified", "lastprinted", "revision",
         "pages", "words", "characters", "characterswithspaces", "lines", "paragraphs", "totaltime",
         "docsecurity", "scalecrop", "linksuptodate", "shareddoc", "hyperlinkschanged", "appversion",
         "headingpairs", "titlesofparts", "slides", "notes", "hiddenslides", "mmclips", "presentationformat",
         "editing-cycles", "editing-duration", "document-statistic", "creation-date", "date", "print-date",
         "pdfversion", "colorspace", "orientation", "resolution", "xmptk", "about", "nativedigest", "hasextendedxmp"}
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
    import pikepdf

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


def office_fields(pkg) -> Fields:
    """docProps/core.xml, app.xml and custom.xml; OpenDocument meta.xml (`pkg`: an office_package.Package)."""
    fields: Fields = []
    for part in ("docProps/core.xml", "docProps/app.xml", "docProps/custom.xml", "meta.xml"):
        if part in pkg.names:
            fields += [f for f in xml_fields(pkg.read(part)) if f not in fields]
    return fields


def image_fields(data: bytes) -> tuple[Fields, list[str]]:
    """EXIF, XMP and text chunks; and the GPS position, if any, as errors."""
    from PIL import ExifTags, Image

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
    more, places = _image_structure(data)
    fields += [f for f in more if f not in fields]
    if any(k in gps for k in (1, 2, 3, 4)):
        places.append("a GPS position (where the photo was taken) in its EXIF data")
    if any(label.lower().startswith("gps") and label.lower() not in ("gpsversionid",) for label, _ in fields):
        places.append("a GPS position in its XMP data")
        fields = [f for f in fields if not f[0].lower().startswith("gps")]
    return fields, places


HEIF_REFUSED = ("a HEIC or HEIF photo (as iPhones save them), whose EXIF data (where it was taken, the camera's "
                "owner) the kit cannot read: export it as JPEG or PNG and publish that")


def _image_structure(data: bytes) -> tuple[Fields, list[str]]:
    """What Pillow leaves unread: JPEG IPTC, Extended XMP and other segments, PNG private chunks,
    and what follows the picture's end (a second picture, a video, text)."""
    fields: Fields = []
    if data[:3] == b"\xff\xd8\xff":
        fields, packet, tail = media_bytes.jpeg_fields(data)
        fields += xml_fields(packet) if packet else []
    elif data[:8] == b"\x89PNG\r\n\x1a\n":
        fields, tail = media_bytes.png_fields(data)
    else:
        return fields, []
    places: list[str] = []
    if tail[:3] == b"\xff\xd8\xff":  # a second picture (a camera's preview or depth map)
        more, places = image_fields(tail)
        fields += [(f"Second picture {label}", value) for label, value in more]
        places = [f"{place}, in a second picture after the first" for place in places]
    elif tail[4:8] == b"ftyp":  # a motion photo's video
        more, places = audio_fields(tail)
        fields += [(f"Video {label}", value) for label, value in more]
    elif media_bytes.printable(tail):
        fields.append(("Bytes after the end of the picture", media_bytes.printable(tail)))
    return fields, places


def audio_fields(data: bytes) -> tuple[Fields, list[str]]:
    """Tags (ID3, APEv2, Vorbis comments, MP4 atoms, WAV INFO ...), as mutagen reads them, and
    bytes after an MP3's last frame; and where it was recorded, if it says, as errors."""
    import mutagen
    fields: Fields = []
    try:
        audio = mutagen.File(io.BytesIO(data), easy=True)
        places = media_bytes.mp4_location(getattr(mutagen.File(io.BytesIO(data)), "tags", None)) \
            if data[4:8] == b"ftyp" else []
    except Exception:  # mutagen raises many kinds for a file it cannot parse
        return fields, []
    for key, values in (audio.tags.items() if audio is not None and audio.tags else []):
        for value in values if isinstance(values, list) else [values]:
            if isinstance(value, (str, bytes)) and key.lower() not in _SKIP:
                _keep(fields, key, value)
    more = _id3_frames(data) + media_bytes.ape_fields(data)
    if data[:4] == b"RIFF":
        more += media_bytes.riff_fields(data)
    if type(audio).__name__.startswith("EasyMP3") or data[:3] == b"ID3":
        tail = media_bytes.printable(media_bytes.mp3_tail(data))
        more += [("Bytes after the last frame", tail)] if tail else []
    for label, value in more:
        _keep(fields, label, value)
    return fields, places


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
