"""Audio tags as a music player shows them (mutagen: ID3, MP4, Vorbis comments, ...; binary
payloads such as cover art read as nested files) and PNG text chunks as an image viewer shows
them."""
from __future__ import annotations

import io
import struct
import zlib

from lscp_kit.audit.readers.base import Context, Readings, Refused

AUDIO_SUFFIXES = (".mp3", ".m4a", ".mp4", ".m4b", ".aac", ".ogg", ".oga", ".opus", ".flac", ".wav", ".aif",
                  ".aiff", ".wma", ".wv", ".ape", ".mpc")
PNG = b"\x89PNG\r\n\x1a\n"


def is_audio(lower: str, data: bytes) -> bool:
    """True when a file named `lower` (lower case) holding `data` is an audio or video file."""
    return (lower.endswith(AUDIO_SUFFIXES) or data[:3] == b"ID3" or data[:4] in (b"OggS", b"fLaC", b"FORM")
            or data[4:8] == b"ftyp" or (data[:4] == b"RIFF" and data[8:12] == b"WAVE"))


def png_chunks(data: bytes) -> tuple[list[tuple[bytes, bytes]], bytes]:
    """([(chunk type, body)] up to IEND, the bytes after it)."""
    chunks, pos = [], 8
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos: pos + 8])
        chunks.append((kind, data[pos + 8: pos + 8 + length]))
        pos += 12 + length
        if kind == b"IEND":
            break
    return chunks, data[pos:]


# ancillary chunks of the PNG standard that hold no text (every other one is read as text)
PNG_KNOWN = frozenset({b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"pHYs", b"sBIT", b"bKGD", b"hIST", b"sPLT", b"tIME"})


def read_png(name: str, data: bytes, ctx: Context) -> Readings:
    """PNG text chunks as an image viewer shows them: tEXt (Latin-1), zTXt (deflated) and iTXt
    (UTF-8, deflated or not); eXIf and iCCP profiles read as nested files (their raw bytes)."""
    found = Readings()
    chunks, tail = png_chunks(data)
    for kind, body in chunks:
        if kind == b"tEXt":
            found.text.append(body.replace(b"\x00", b" ").decode("latin-1"))
        elif kind == b"zTXt":
            key, _, rest = body.partition(b"\x00")
            found.text.append(key.decode("latin-1") + " " + _png_inflate(rest[1:], ctx).decode("latin-1"))
        elif kind == b"iTXt":
            key, _, rest = body.partition(b"\x00")
            compressed, rest = rest[:1] == b"\x01", rest[2:]
            language, _, rest = rest.partition(b"\x00")
            translated, _, text = rest.partition(b"\x00")
            text = _png_inflate(text, ctx) if compressed else text
            found.text.append(b" ".join((key, language, translated, text)).decode("utf-8", errors="replace"))
        elif kind == b"iCCP":
            key, _, rest = body.partition(b"\x00")
            found.extend(ctx.nested("profile.icc", _png_inflate(rest[1:], ctx)))
        elif kind[:1].islower() and kind not in PNG_KNOWN:
            found.text.append(body.replace(b"\x00", b" ").decode("latin-1"))  # a private or unknown chunk
    if tail.strip(b"\x00"):  # bytes after the image's end: a viewer ignores them, a download keeps them
        found.extend(ctx.nested("after-end.txt", tail))
    return found


def _png_inflate(data: bytes, ctx: Context) -> bytes:
    """A deflated chunk, within the budget (charged: a chunk can be a bomb too)."""
    inflater = zlib.decompressobj()
    out = inflater.decompress(data, ctx.remaining + 1)
    ctx.budget.charge(len(out))
    if not inflater.eof:
        raise Refused("a compressed text chunk ends early: save the image again")
    return out


def read_audio(name: str, data: bytes, ctx: Context) -> Readings:
    """Every tag, one per line (KEY=value), and binary tag payloads as nested files."""
    import mutagen

    try:
        audio = mutagen.File(io.BytesIO(data))
    except mutagen.MutagenError as error:
        raise Refused(f"its audio tags could not be read ({error}): export the audio file again") from None
    if audio is None:
        raise Refused("is not an audio file the audit knows: export it again as MP3 or M4A")
    found = Readings()
    found.text += _ape_tags(data)
    tags = audio.tags
    if tags is not None:
        found.text.append(tags.pprint())
        for value in (tags.values() if hasattr(tags, "values") else []):
            for blob in _tag_blobs(value):
                found.extend(ctx.nested("tag", blob))
            found.text += _lyrics_as_shown(value)
    return found


def _lyrics_as_shown(value) -> list[str]:
    """Synchronised lyrics (ID3 SYLT) as a player shows them: the pieces run together, without
    the times between them (a name split over two timestamps is one name on screen)."""
    from mutagen.id3 import SYLT

    if not isinstance(value, SYLT):
        return []
    pieces = [piece[0] if isinstance(piece, tuple) else str(piece) for piece in value.text]
    return ["".join(pieces), " ".join(pieces)]


def _ape_tags(data: bytes) -> list[str]:
    """An APEv2 tag, which mutagen's MP3 reader leaves unread (players such as foobar2000 show it)."""
    if b"APETAGEX" not in data:
        return []
    from mutagen.apev2 import APEv2, error as ape_error

    try:
        return [APEv2(io.BytesIO(data)).pprint()]
    except ape_error:
        return [data[max(0, data.index(b"APETAGEX") - 4096):].decode("latin-1")]


def _tag_blobs(value) -> list[bytes]:
    """Binary tag payloads (cover art, attached objects, private frames) to read as files too."""
    values = value if isinstance(value, list) else [value]
    blobs = []
    for v in values:
        data = getattr(v, "data", v)
        if isinstance(data, (bytes, bytearray)) and data:
            blobs.append(bytes(data))
    return blobs
