"""What pictures and recordings hold outside the parts Pillow and mutagen read: JPEG segments
(Extended XMP, IPTC, other application segments, bytes after the end), PNG private chunks and
bytes after IEND, WAV LIST/INFO and bext chunks, APEv2 tags, bytes after an MP3's last frame and
the place an MP4 or M4A was recorded (the ©xyz atom)."""
from __future__ import annotations

import io
import re
import struct

from lscp_kit.audit.readers.media import PNG_KNOWN, png_chunks

Fields = list[tuple[str, str]]
_RUNS = re.compile(rb"[\x20-\x7e\xa0-\xff]{5,}")
EXTENDED_XMP = b"http://ns.adobe.com/xmp/extension/\x00"
_KNOWN_APP = {0xE0: (b"JFIF", b"JFXX"), 0xE1: (b"Exif", b"http://ns.adobe.com/"), 0xE2: (b"ICC_PROFILE", b"MPF"),
              0xEE: (b"Adobe",)}
PNG_QUIET = PNG_KNOWN | {b"iCCP", b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"acTL", b"fcTL", b"fdAT", b"cICP", b"mDCV",
                         b"cLLI", b"mDCv", b"cLLi", b"oFFs", b"sCAL", b"pCAL", b"sTER", b"dSIG", b"vpAg"}
IPTC = {5: "Object name", 25: "Keywords", 40: "Instructions", 80: "By-line", 85: "By-line title", 90: "City",
        92: "Sub-location", 95: "Province or state", 101: "Country", 103: "Reference", 105: "Headline",
        110: "Credit", 115: "Source", 116: "Copyright", 118: "Contact", 120: "Caption", 122: "Caption writer"}
RIFF_INFO = {b"IART": "Artist", b"ICMT": "Comment", b"INAM": "Title", b"ICOP": "Copyright", b"IENG": "Engineer",
             b"ITCH": "Technician", b"IKEY": "Keywords", b"ISBJ": "Subject", b"ISRC": "Source", b"IPRD": "Album",
             b"IGNR": "Genre", b"ISFT": "Software", b"ILOC": "Location"}


def printable(data: bytes) -> str:
    """The text runs of binary data, joined by spaces."""
    return " ".join(run.decode("latin-1") for run in _RUNS.findall(data))


def jpeg_segments(data: bytes) -> tuple[list[tuple[int, bytes]], bytes]:
    """([(marker, payload)] of every segment before the end marker, the bytes after it)."""
    segments, pos = [], 2
    while pos + 4 <= len(data) and data[pos] == 0xFF:
        marker = data[pos + 1]
        if marker == 0xFF or 0xD0 <= marker <= 0xD7 or marker == 0x01:
            pos += 1 if marker == 0xFF else 2
            continue
        if marker == 0xD9:
            return segments, data[pos + 2:]
        length = struct.unpack(">H", data[pos + 2: pos + 4])[0]
        segments.append((marker, data[pos + 4: pos + 2 + length]))
        pos += 2 + length
        if marker == 0xDA:  # the scan: up to the next marker that is not a stuffed byte or a restart
            while (pos := data.find(b"\xff", pos)) >= 0 and pos + 1 < len(data) and \
                    (data[pos + 1] == 0 or 0xD0 <= data[pos + 1] <= 0xD7):
                pos += 2
            if pos < 0:
                return segments, b""
    return segments, b""


def jpeg_fields(data: bytes) -> tuple[Fields, bytes, bytes]:
    """(IPTC fields and other application segments' text, the Extended XMP packet, the bytes
    after the end marker)."""
    segments, tail = jpeg_segments(data)
    fields: Fields = []
    extended: dict[bytes, dict[int, bytes]] = {}
    for marker, payload in segments:
        if marker == 0xE1 and payload.startswith(EXTENDED_XMP):
            head = payload[len(EXTENDED_XMP):]
            extended.setdefault(head[:32], {})[struct.unpack(">I", head[36:40])[0]] = head[40:]
        elif marker == 0xED:
            fields += iptc_fields(payload)
        elif 0xE0 <= marker <= 0xEF and not payload.startswith(_KNOWN_APP.get(marker, ())) and printable(payload):
            fields.append((f"APP{marker - 0xE0} segment", printable(payload)))
    packet = b"".join(b"".join(part for _, part in sorted(parts.items())) for parts in extended.values())
    return fields, packet, tail


def iptc_fields(payload: bytes) -> Fields:
    """IPTC datasets of record 2 in a Photoshop APP13 block (resource 0x0404)."""
    fields: Fields = []
    for match in re.finditer(rb"\x1c\x02(.)(..)", payload, re.DOTALL):
        tag, size = match.group(1)[0], struct.unpack(">H", match.group(2))[0]
        if tag in IPTC:
            value = payload[match.end(): match.end() + size].decode("utf-8", "replace")
            fields.append((IPTC[tag], value))
    return fields


def png_fields(data: bytes) -> tuple[Fields, bytes]:
    """(the text of private and unknown PNG chunks, the bytes after IEND)."""
    chunks, tail = png_chunks(data)
    return [(f"PNG chunk {kind.decode('latin-1')}", printable(body)) for kind, body in chunks
            if kind[:1].islower() and kind not in PNG_QUIET and printable(body)], tail


def riff_fields(data: bytes) -> Fields:
    """A WAV's LIST/INFO texts and its Broadcast WAV (bext) description and originator."""
    fields: Fields = []
    for kind, body in _riff_chunks(data, 12):
        if kind == b"LIST" and body[:4] == b"INFO":
            fields += [(RIFF_INFO.get(sub, sub.decode("latin-1")), text.rstrip(b"\x00").decode("latin-1"))
                       for sub, text in _riff_chunks(body, 4)]
        elif kind == b"bext":
            fields += [(label, body[a:b].rstrip(b"\x00").decode("latin-1"))
                       for label, a, b in (("Description", 0, 256), ("Originator", 256, 288),
                                           ("Originator reference", 288, 320))]
    return fields


def _riff_chunks(data: bytes, pos: int) -> list[tuple[bytes, bytes]]:
    chunks = []
    while pos + 8 <= len(data):
        kind, size = data[pos: pos + 4], struct.unpack("<I", data[pos + 4: pos + 8])[0]
        chunks.append((kind, data[pos + 8: pos + 8 + size]))
        pos += 8 + size + (size & 1)
    return chunks


def riff_cleaned(data: bytes) -> bytes:
    """A WAV with only the chunks that make its sound (fmt, fact, data)."""
    body = b"".join(kind + struct.pack("<I", len(chunk)) + chunk + b"\x00" * (len(chunk) & 1)
                    for kind, chunk in _riff_chunks(data, 12) if kind in (b"fmt ", b"fact", b"data"))
    return b"RIFF" + struct.pack("<I", len(body) + 4) + b"WAVE" + body


def ape_fields(data: bytes) -> Fields:
    """An APEv2 tag's text items (players such as foobar2000 show them)."""
    if b"APETAGEX" not in data:
        return []
    from mutagen.apev2 import APEv2, error as ape_error

    try:
        tags = APEv2(io.BytesIO(data))
    except ape_error:
        return []
    return [(f"APE {key}", str(value)) for key, value in tags.items() if getattr(value, "kind", 1) != 1]


def mp4_location(tags) -> list[str]:
    """Where an MP4, M4A or MOV was recorded (Apple's ©xyz atom, an ISO 6709 position)."""
    return ["a GPS position (where it was recorded) in its ©xyz atom"] if tags is not None and any(
        key in tags for key in ("©xyz", "\xa9xyz")) else []


_KBPS = {(1, 1): (32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448),
         (1, 2): (32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384),
         (1, 3): (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
         (2, 1): (32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256),
         (2, 2): (8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)}
_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


def _frame_length(head: bytes) -> int | None:
    """The length of the MPEG audio frame whose 4-byte header is `head`; None if it is not one."""
    if len(head) < 4 or head[0] != 0xFF or head[1] & 0xE0 != 0xE0:
        return None
    version, layer = (head[1] >> 3) & 3, 4 - ((head[1] >> 1) & 3)
    index, rate_index, padding = head[2] >> 4, (head[2] >> 2) & 3, (head[2] >> 1) & 1
    if version == 1 or layer == 4 or index in (0, 15) or rate_index == 3:
        return None
    major = 1 if version == 3 else 2
    bits = _KBPS[(major, layer if major == 1 else min(layer, 2))][index - 1] * 1000
    rate = _RATES[version][rate_index]
    if layer == 1:
        return (12 * bits // rate + padding) * 4
    return (72 if major == 2 and layer == 3 else 144) * bits // rate + padding


def mp3_tail(data: bytes) -> bytes:
    """The bytes after an MP3's last frame, less its ID3v1 and APEv2 tags at the end."""
    pos = 0
    if data[:3] == b"ID3" and len(data) >= 10:
        pos = 10 + sum((b & 0x7F) << (7 * (3 - i)) for i, b in enumerate(data[6:10])) + (10 if data[5] & 0x10 else 0)
    while pos < min(len(data), 65536) and not (_frame_length(data[pos: pos + 4]) and
                                               _frame_length(data[pos + _frame_length(data[pos: pos + 4]):][:4])):
        pos += 1
    if pos >= min(len(data), 65536):
        return b""  # no run of frames found: nothing to say about what follows
    while (length := _frame_length(data[pos: pos + 4])) and pos + length <= len(data):
        pos += length
    tail = data[pos:] if _frame_length(data[pos: pos + 4]) is None else b""
    if tail[-128:-125] == b"TAG":
        tail = tail[:-128]
    if tail[-32:-24] == b"APETAGEX":
        size = struct.unpack("<I", tail[-20:-16])[0] + (32 if tail[-9] & 0x80 else 0)
        tail = tail[:max(0, len(tail) - size)]
    return tail
