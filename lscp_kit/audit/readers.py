"""Reading text out of output files, the way a browser, a PDF viewer, an office suite or a music
player would show it, plus the raw bytes read as text.

`read(name, data)` returns `Readings`: decoded text (`text`), text that may hold markup to read
again with its tags removed (`markup`), raw bytes read as text (`raw`: strong needles only) and
`problems` (files that could not be read as what they claim to be; their raw bytes are read
instead, never skipped) and `unreadable` (archives or compressed files whose inside could not be
read at all: 7z, RAR, zstd, ..., or a zip, tar, gzip, xz or bzip2 that does not open; the audit
refuses those). Compressed layers (gzip, xz, lzma, bzip2), archives (zip, tar) and files inside
files (PDF attachments, audio tags, data: URIs in text) are read recursively, up to MAX_DEPTH.
Text is also read the ways a browser shows it that storage order hides: CSS escapes and CSS
adjacent strings decoded, doubly escaped HTML unescaped once more. The structured part (PDF,
archives, audio, PNG) is slow; `TextCache` keeps it on disk keyed by the SHA-256 of the bytes.
Nothing here decides anything: it only reads.
"""
from __future__ import annotations

import base64
import binascii
import bz2
import codecs
import hashlib
import html
import io
import json
import logging
import lzma
import os
import re
import struct
import tarfile
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote_to_bytes

VERSION = "2"  # bump when what the readers extract changes: old cache entries are then ignored
MARKUP_SUFFIXES = (".html", ".htm", ".xhtml", ".xml", ".svg", ".atom", ".rss", ".rels", ".opf", ".ncx", ".rdf")
AUDIO_SUFFIXES = (".mp3", ".m4a", ".mp4", ".m4b", ".aac", ".ogg", ".oga", ".opus", ".flac", ".wav", ".aif",
                  ".aiff", ".wma", ".wv", ".ape", ".mpc")
MAX_INFLATED = 256 * 1024 * 1024  # a gzip or zip member is read up to this size (bombs stay harmless)
MAX_DEPTH = 4  # files inside files inside files...
# Archive and compressed formats the audit cannot read inside: a build publishing one is refused.
UNREADABLE_SUFFIXES = (".7z", ".rar", ".zst", ".zstd", ".lz", ".lz4", ".cab", ".arj", ".ace", ".iso", ".dmg",
                       ".z", ".lzh", ".lha", ".sit", ".sitx", ".xar", ".cpio", ".rpm", ".deb", ".jar", ".war",
                       ".apk", ".msi", ".wim", ".sz", ".br")
_UNREADABLE_MAGIC = ((b"7z\xbc\xaf\x27\x1c", "7z"), (b"Rar!\x1a\x07", "RAR"), (b"\x28\xb5\x2f\xfd", "zstd"),
                     (b"\x04\x22\x4d\x18", "LZ4"), (b"LZIP", "lzip"), (b"MSCF", "CAB"), (b"\x60\xea", "ARJ"),
                     (b"\x1f\x9d", "compress (.Z)"), (b"xar!", "XAR"))
ARCHIVE_KINDS = ("gzip", "xz", "bzip2", "zip", "tar")  # a file of these kinds that does not open is unreadable
_PNG = b"\x89PNG\r\n\x1a\n"
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))

logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed PDFs are reported as problems, once


@dataclass
class Readings:
    """Every text read out of one file."""

    text: list[str] = field(default_factory=list)  # decoded text
    markup: list[str] = field(default_factory=list)  # decoded text also read with tags removed
    raw: list[str] = field(default_factory=list)  # strings found in raw bytes (UTF-16 runs)
    folded: list[str] = field(default_factory=list)  # raw bytes as Latin-1, already `fold_latin1`ed
    problems: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  # "<inner name>: <why>": archives not read inside

    def extend(self, other: Readings) -> None:
        self.text += other.text
        self.markup += other.markup
        self.raw += other.raw
        self.folded += other.folded
        self.problems += other.problems
        self.unreadable += other.unreadable


def read(name: str, data: bytes, cache: TextCache | None = None, digest: str | None = None) -> Readings:
    """All readings of file `name` holding `data`; structured extraction through `cache`
    (`digest`: the SHA-256 hex digest of `data`, when the caller already has it)."""
    kind = structured_kind(name, data)
    if kind is None:
        return _read_plain(name, data, 0)
    found = cache.get(data, digest) if cache is not None else None
    if found is None:
        found = _read_structured(kind, name, data, 0)
        if cache is not None:
            cache.put(data, found, digest)
    found.extend(read_raw(data, utf16=bool(found.problems) or kind == "png"))
    return found


def structured_kind(name: str, data: bytes) -> str | None:
    """'gzip', 'xz', 'bzip2', 'tar', 'pdf', 'zip', 'audio', 'png' or 'unreadable' when `data`
    needs a structured reader, else None."""
    lower = name.lower()
    if data[:2] == b"\x1f\x8b" or lower.endswith((".gz", ".tgz")):
        return "gzip"
    if data[:6] == b"\xfd7zXZ\x00" or data[:3] == b"]\x00\x00" or lower.endswith((".xz", ".lzma", ".txz", ".tlz")):
        return "xz"
    if data[:3] == b"BZh" or lower.endswith((".bz2", ".tbz", ".tbz2")):
        return "bzip2"
    if data[257:262] == b"ustar" or lower.endswith(".tar"):
        return "tar"
    if b"%PDF-" in data[:1024] or lower.endswith(".pdf"):
        return "pdf"
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06") or lower.endswith((".zip", ".docx", ".xlsx", ".pptx", ".odt",
                                                                       ".ods", ".odp", ".epub")):
        return "zip"
    if data[:8] == _PNG:
        return "png"
    if lower.endswith(UNREADABLE_SUFFIXES) or any(data.startswith(magic) for magic, _ in _UNREADABLE_MAGIC) \
            or data[0x8001:0x8006] == b"CD001" or data[-512:-508] == b"koly":
        return "unreadable"
    if (lower.endswith(AUDIO_SUFFIXES) or data[:3] == b"ID3" or data[:4] in (b"OggS", b"fLaC", b"FORM")
            or data[4:8] == b"ftyp" or (data[:4] == b"RIFF" and data[8:12] == b"WAVE")):
        return "audio"
    return None


def _read_structured(kind: str, name: str, data: bytes, depth: int) -> Readings:
    readers = {"gzip": _read_gzip, "xz": _read_xz, "bzip2": _read_bzip2, "tar": _read_tar, "pdf": _read_pdf,
               "zip": _read_zip, "audio": _read_audio, "png": _read_png, "unreadable": _read_unreadable}
    try:
        return readers[kind](name, data, depth)
    except Exception as error:  # a malformed file is read as raw bytes, and said so
        why = f"could not be read as {kind} ({type(error).__name__}: {error})"
        found = Readings(problems=[f"{why}; its raw bytes were scanned"])
        if kind in ARCHIVE_KINDS:
            found.unreadable.append(_where(name, depth) + why)
        return found


def _read_nested(name: str, data: bytes, depth: int) -> Readings:
    """A file inside a file: read it fully (structured and raw), up to MAX_DEPTH; an archive
    deeper than that is unreadable."""
    kind = structured_kind(name, data)
    if kind is None:
        return _read_plain(name, data, depth + 1)
    if depth >= MAX_DEPTH:
        found = _read_plain(name, data, depth + 1)
        if kind in ARCHIVE_KINDS or kind == "unreadable":
            found.unreadable.append(f"{name}: nested more than {MAX_DEPTH} files deep")
        return found
    found = _read_structured(kind, name, data, depth + 1)
    found.extend(read_raw(data, utf16=bool(found.problems) or kind == "png"))
    return found


def _read_unreadable(name: str, data: bytes, depth: int) -> Readings:
    magic = next((label for m, label in _UNREADABLE_MAGIC if data.startswith(m)), "")
    fmt = magic or (name.rsplit(".", 1)[-1].upper() if "." in name else "unknown")
    return Readings(unreadable=[f"{_where(name, depth)}a {fmt} archive or compressed file"])


def _where(name: str, depth: int) -> str:
    """How an unreadable part is named: nothing for the file itself, its name inside another."""
    return f"{name}: " if depth else ""


_ICS_FOLD = re.compile(r"\r?\n[ \t]")


def _read_plain(name: str, data: bytes, depth: int = 0) -> Readings:
    """A file with no structure: text when it decodes (and the files its data: URIs hold), else
    raw bytes (and any XMP packet in them, read as markup)."""
    texts = decode_text(data)
    if not texts:
        found = read_raw(data)
        found.markup += _xmp_packets(data)
        return found
    found = Readings()
    lower = name.lower()
    if lower.endswith(".json"):
        strings = _json_strings(texts[0])
        if strings is not None:
            found.markup.append(strings)  # JSON values often hold HTML (the search index)
            texts = texts + [strings]
    if lower.endswith((".ics", ".ifb", ".vcf")):
        texts = [_ICS_FOLD.sub("", t) for t in texts]  # RFC 5545 folds long lines mid-word
    if lower.endswith(MARKUP_SUFFIXES):
        found.markup += texts
    else:
        found.text += texts
    for text in texts:
        _hidden_readings(text, lower.endswith(".css"), found, depth)
    return found


_DATA_URI = re.compile(r"(?<![\w.+-])data:([\w.+-]*/[\w.+-]*)?((?:;[^,;\"'<>()\s]*){0,8}),", re.IGNORECASE)
_DATA_END = re.compile(r"[\"'<>()\]\[{}`]")
_BASE64_CHARS = re.compile(r"[^A-Za-z0-9+/=_-]")
_DOUBLE_ESCAPED = re.compile(r"&amp;(?:#[0-9]|#x[0-9a-f]|[a-z][a-z0-9]{1,30};)", re.IGNORECASE)
_CSS_REGION = re.compile(r"<style\b[^>]*>(.*?)(?:</style|$)|\bstyle\s*=\s*(?:\"([^\"]*)\"|'([^']*)')",
                         re.IGNORECASE | re.DOTALL)
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})(?:\r\n|[ \t\r\n\f])?|\r\n|\n|(.))", re.DOTALL)
_CSS_ADJACENT = re.compile(r"\"\s*\"|'\s*'|\"\s*'|'\s*\"")
_BDO = re.compile(r"<bdo\b[^>]*\bdir\s*=\s*[\"']?rtl[^>]*>(.*?)(?:</bdo|$)", re.IGNORECASE | re.DOTALL)
_RLO = re.compile("\u202e([^\u202c\n<]*(?:<[^<>]*>[^\u202c\n<]*)*)")
_TAG = re.compile(r"<[^<>]*>")
_DATA_TYPES = {"svg": ".svg", "html": ".html", "xml": ".xml", "json": ".json", "css": ".css", "pdf": ".pdf",
               "zip": ".zip", "png": ".png"}


def _hidden_readings(text: str, css: bool, found: Readings, depth: int) -> None:
    """Readings a browser shows that storage order hides, each only when the text holds its
    marker: data: URIs (as nested files), CSS escapes and adjacent strings (in a stylesheet,
    <style> or style=""), doubly escaped HTML (an iframe's srcdoc), and text in a right-to-left
    override (<bdo dir=rtl>, U+202E) reversed."""
    lower = text.lower()
    sources = [text] if "data:" in lower else []
    if ("&#" in lower or "&colon;" in lower) and "data:" in (unescaped := html.unescape(text)).lower():
        sources.append(unescaped)  # an attribute may spell the scheme with character references
    regions = [text] if css else [_css_region(m) for m in _CSS_REGION.finditer(text)] if _has_style(lower) else []
    for region in regions:
        decoded = css_decoded(region)
        if decoded != region:
            found.text.append(decoded)
            if "data:" in decoded.lower():
                sources.append(decoded)
    seen: set[bytes] = set()
    for source in sources:
        for name, blob in _data_uris(source):
            if blob not in seen:
                seen.add(blob)
                found.extend(_read_nested(name, blob, depth))
    if "&amp;" in lower and _DOUBLE_ESCAPED.search(text):
        found.markup.append(html.unescape(text))  # the audit's own unescape then makes it twice
    if "\u202e" in text:
        found.text += [_TAG.sub("", m.group(1))[::-1] for m in _RLO.finditer(text)]
    if "<bdo" in lower:
        found.text += [_TAG.sub("", m.group(1))[::-1] for m in _BDO.finditer(text)]


def _css_region(match: re.Match) -> str:
    """A <style> element's text as is; a style attribute's with its entities decoded."""
    if match.group(1) is not None:
        return match.group(1)
    value = match.group(2) if match.group(2) is not None else match.group(3) or ""
    return html.unescape(value) if "&" in value else value


def _has_style(lower: str) -> bool:
    """True when lower-case markup holds a <style> element or a style attribute (a quick look:
    "stylesheet" in every page's <link> is neither)."""
    pos = lower.find("style")
    while pos >= 0:
        if lower[pos - 1: pos] == "<" or lower[pos + 5: pos + 40].lstrip()[:1] == "=":
            return True
        pos = lower.find("style", pos + 5)
    return False


def css_decoded(css: str) -> str:
    """CSS as the browser reads its strings: adjacent strings joined ("a " "b"), escapes decoded
    (\\65 and \\000065 as e, \\. as .)."""
    if '"' in css or "'" in css:
        css = _CSS_ADJACENT.sub("", css)
    if "\\" in css:
        css = _CSS_ESCAPE.sub(_css_escape, css)
    return css


def _css_escape(match: re.Match) -> str:
    if match.group(1):
        code = int(match.group(1), 16)
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
    return match.group(2) or ""


def _data_uris(text: str) -> list[tuple[str, bytes]]:
    """The files data: URIs in `text` hold, (a name by their media type, bytes); base64 or
    percent-encoded, with HTML entities decoded first where the URI holds any."""
    out = []
    for match in _DATA_URI.finditer(text):
        end = _DATA_END.search(text, match.end())
        payload = text[match.end(): end.start() if end else len(text)]
        if "&" in payload:
            payload = html.unescape(payload)
        media = (match.group(1) or "text/plain").lower()
        name = "data" + next((ext for key, ext in _DATA_TYPES.items() if key in media), ".txt")
        if "base64" in match.group(2).lower():
            clean = _BASE64_CHARS.sub("", payload).rstrip("=")
            try:
                blob = base64.b64decode(clean + "=" * (-len(clean) % 4), altchars=b"-_" if "-" in clean or
                                        "_" in clean else None)
            except (binascii.Error, ValueError):
                blob = unquote_to_bytes(payload)
        else:
            blob = unquote_to_bytes(payload)
        out.append((name, blob))
    return out


_XMP = re.compile(rb"<x:xmpmeta\b.*?</x:xmpmeta>|<x:xapmeta\b.*?</x:xapmeta>", re.DOTALL)


def _xmp_packets(data: bytes) -> list[str]:
    """XMP metadata packets (JPEG, TIFF, WebP, ...) as markup: their entities then decode."""
    if b"<x:x" not in data:
        return []
    return [m.group(0).decode("utf-8", errors="replace") for m in _XMP.finditer(data)]


def decode_text(data: bytes) -> list[str]:
    """`data` as text: by its BOM, as UTF-16/32 when NULs say so (both byte orders), as UTF-8;
    empty when it is not text."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return [data[len(bom):].decode(codec, errors="replace")]
    if not data:
        return [""]
    nuls = data.count(0)
    if nuls * 4 > len(data):  # UTF-16 or UTF-32 without a BOM: try each byte order
        codecs_ = ("utf-32-le", "utf-32-be") if nuls * 3 > len(data) * 2 else ("utf-16-le", "utf-16-be")
        return [data[: len(data) - len(data) % (4 if "32" in codecs_[0] else 2)].decode(c, errors="replace")
                for c in codecs_]
    try:
        return [data.decode("utf-8")]
    except UnicodeDecodeError:
        pass
    if nuls == 0 and sum(b < 9 or 13 < b < 32 for b in data[:4096]) == 0:
        return [data.decode("cp1252", errors="replace")]  # an 8-bit text file
    return []


def read_raw(data: bytes, utf16: bool = True) -> Readings:
    """Raw bytes read as text: as Latin-1 (ASCII and 8-bit strings; see `fold_latin1`) and, unless
    a structured reader already read every string of the file (`utf16` False), the runs of
    UTF-16 text at either byte alignment (so UTF-16LE and UTF-16BE strings)."""
    return Readings(folded=[fold_latin1(data)], raw=utf16_runs(data) if utf16 else [])


# Latin-1 folding done on bytes (C speed, for megabytes of audio): upper case to lower case,
# Windows-1252 quotes and dashes to ASCII, no-break space to a space, soft hyphen dropped; the
# same as `audit.normalise` does to text (NFKC changes nothing else a needle could hold).
_FOLD = bytearray(range(256))
for _upper in list(range(0x41, 0x5B)) + [c for c in range(0xC0, 0xDF) if c != 0xD7]:
    _FOLD[_upper] = _upper + 0x20
for _codes, _ascii in ((b"\x91\x92", "'"), (b"\x93\x94", '"'), (b"\x96\x97", "-"), (b"\xa0", " ")):
    for _code in _codes:
        _FOLD[_code] = ord(_ascii)
_FOLD = bytes(_FOLD)
# Units: ASCII and Latin-1, Latin Extended (U+01xx, U+02xx, U+1Exx), combining marks (U+03xx),
# and the quotes, dashes and invisible characters of U+2000..U+2060 (not all of U+20xx: ASCII
# text with spaces would read as runs of it).
_UTF16_RUNS = (("utf-16-le", re.compile(rb"(?:[\t\n\r\x20-\x7e\xa0-\xff]\x00|[\x00-\xff][\x01\x02\x03\x1e]"
                                        rb"|[\x0b-\x0d\x10-\x1f\x32\x33\x60]\x20){4,}")),
               ("utf-16-be", re.compile(rb"(?:\x00[\t\n\r\x20-\x7e\xa0-\xff]|[\x01\x02\x03\x1e][\x00-\xff]"
                                        rb"|\x20[\x0b-\x0d\x10-\x1f\x32\x33\x60]){4,}")))


def fold_latin1(data: bytes) -> str:
    """`data` as Latin-1 text, case-folded, quotes and dashes as ASCII, white space collapsed."""
    return b" ".join(data.translate(_FOLD, b"\xad").split()).decode("latin-1")


def utf16_runs(data: bytes) -> list[str]:
    """Runs of four or more UTF-16 characters (either byte order, any offset) in Latin, Latin
    Extended, combining marks and general punctuation."""
    if b"\x00" not in data and b"\x20" not in data:
        return []
    return ["\x00".join(m.group(0).decode(codec, errors="replace") for m in run.finditer(data))
            for codec, run in _UTF16_RUNS]


def _json_strings(text: str) -> str | None:
    """Every string (keys and values) of a JSON document, one per line; None if not JSON."""
    try:
        doc = json.loads(text)
    except ValueError:
        return None
    out: list[str] = []
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            out.append(node)
        elif isinstance(node, dict):
            out += [k for k in node if isinstance(k, str)]
            stack += node.values()
        elif isinstance(node, list):
            stack += node
    return "\n".join(out)


def _inner_name(name: str, suffixes: dict[str, str]) -> str:
    """`report.tar.gz` -> `report.tar`, `all.tgz` -> `all.tar`: the name of what is inside."""
    lower = name.lower()
    for suffix, replacement in suffixes.items():
        if lower.endswith(suffix):
            return name[: len(name) - len(suffix)] + replacement
    return name


def _read_gzip(name: str, data: bytes, depth: int) -> Readings:
    return _read_streams(name, data, depth, lambda: zlib.decompressobj(16 + zlib.MAX_WBITS),
                         {".gz": "", ".tgz": ".tar"})


def _read_xz(name: str, data: bytes, depth: int) -> Readings:
    return _read_streams(name, data, depth, lambda: lzma.LZMADecompressor(),
                         {".xz": "", ".lzma": "", ".txz": ".tar", ".tlz": ".tar"})


def _read_bzip2(name: str, data: bytes, depth: int) -> Readings:
    return _read_streams(name, data, depth, bz2.BZ2Decompressor, {".bz2": "", ".tbz2": ".tar", ".tbz": ".tar"})


def _read_streams(name: str, data: bytes, depth: int, decompressor, suffixes: dict[str, str]) -> Readings:
    """gzip, xz, lzma or bzip2: every concatenated stream, up to MAX_INFLATED bytes in all."""
    found, parts, size, rest = Readings(), [], 0, data
    while rest and (not parts or rest.strip(b"\x00")):  # zeros may pad the end
        stream = decompressor()
        parts.append(stream.decompress(rest, max_length=MAX_INFLATED - size))
        size += len(parts[-1])
        if not stream.eof:
            if size >= MAX_INFLATED:
                found.unreadable.append(f"{_where(name, depth)}inflates to more than {MAX_INFLATED >> 20} MB")
                break
            raise EOFError("the compressed stream ends early")
        rest = stream.unused_data
    found.extend(_read_nested(_inner_name(name, suffixes), b"".join(parts), depth))
    return found


def _read_tar(name: str, data: bytes, depth: int) -> Readings:
    """Every member of a tar archive (names, link targets, contents), up to MAX_INFLATED in all."""
    found, size = Readings(), 0
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as archive:
        members = archive.getmembers()
        found.text.append("\n".join(f"{m.name} {m.linkname}".strip() for m in members))
        for member in members:
            if not member.isfile():
                continue
            size += member.size
            if size > MAX_INFLATED:
                found.unreadable.append(f"{_where(name, depth)}holds more than {MAX_INFLATED >> 20} MB")
                break
            stream = archive.extractfile(member)
            found.extend(_read_nested(member.name, stream.read() if stream else b"", depth))
    return found


def _read_png(name: str, data: bytes, depth: int) -> Readings:
    """PNG text chunks as an image viewer shows them: tEXt (Latin-1), zTXt (deflated) and iTXt
    (UTF-8, deflated or not); eXIf and iCCP profiles read as nested files (their raw bytes)."""
    found, pos = Readings(), 8
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos: pos + 8])
        body = data[pos + 8: pos + 8 + length]
        pos += 12 + length
        if kind == b"tEXt":
            found.text.append(body.replace(b"\x00", b" ").decode("latin-1"))
        elif kind == b"zTXt":
            key, _, rest = body.partition(b"\x00")
            found.text.append(key.decode("latin-1") + " " + _png_inflate(rest[1:]).decode("latin-1"))
        elif kind == b"iTXt":
            key, _, rest = body.partition(b"\x00")
            compressed, rest = rest[:1] == b"\x01", rest[2:]
            language, _, rest = rest.partition(b"\x00")
            translated, _, text = rest.partition(b"\x00")
            text = _png_inflate(text) if compressed else text
            found.text.append(b" ".join((key, language, translated, text)).decode("utf-8", errors="replace"))
        elif kind == b"iCCP":
            key, _, rest = body.partition(b"\x00")
            found.extend(_read_nested("profile.icc", _png_inflate(rest[1:]), depth))
        elif kind == b"IEND":
            break
    return found


def _png_inflate(data: bytes) -> bytes:
    return zlib.decompressobj().decompress(data, MAX_INFLATED)


def _read_zip(name: str, data: bytes, depth: int) -> Readings:
    found = Readings()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        found.text.append("\n".join(i.filename for i in archive.infolist()))
        if archive.comment:
            found.extend(read_raw(archive.comment))
        for info in infos:
            try:
                with archive.open(info) as member:
                    inner = member.read(MAX_INFLATED)
            except Exception as error:  # encrypted, or a method zipfile cannot inflate
                why = f"member {info.filename} could not be read ({type(error).__name__}: {error})"
                found.problems.append(f"{why}; the archive's raw bytes were scanned")
                found.unreadable.append(_where(name, depth) + why)
                continue
            found.extend(_read_nested(info.filename, inner, depth))
    return found


def _read_pdf(name: str, data: bytes, depth: int) -> Readings:
    from pypdf import PdfReader  # imported on first PDF only: most builds import it once

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        reader.decrypt("")  # an owner-password-only PDF opens for anyone: read it as a viewer would
    found = Readings()
    for number, page in enumerate(reader.pages, 1):
        try:
            found.text.append(page.extract_text() or "")
        except Exception as error:
            found.problems.append(f"page {number} text could not be read ({type(error).__name__}: {error})")
        found.text += _pdf_annotations(page)
    found.text += [str(v) for v in (reader.metadata or {}).values()]
    found.text += _pdf_outline(reader.outline)
    _pdf_extras(reader, found, depth)
    found.text.append(_pdf_strings(reader))
    return found


def _pdf_strings(reader) -> str:
    """Every string and name in every object of the document (alternative texts, named
    destinations, page labels, ...), decompressed object streams included; one per line."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, TextStringObject

    out, seen = [], set()
    numbers = {(num, gen) for gen, table in reader.xref.items() for num in table}
    numbers |= {(num, 0) for num in reader.xref_objStm}
    for num, gen in sorted(numbers):
        try:
            stack = [reader.get_object(IndirectObject(num, gen, reader))]
        except Exception:
            continue
        while stack:
            node = stack.pop()
            if isinstance(node, IndirectObject) or id(node) in seen:
                continue
            seen.add(id(node))
            if isinstance(node, TextStringObject):
                out.append(str(node))
            elif isinstance(node, NameObject):
                out.append(node[1:])
            elif isinstance(node, DictionaryObject):
                stack += list(node.keys()) + list(node.values())
            elif isinstance(node, ArrayObject):
                stack += list(node)
    return "\n".join(out)


def _pdf_annotations(page) -> list[str]:
    """Link targets and notes on a page."""
    out = []
    for ref in page.get("/Annots") or []:
        annot = ref.get_object()
        action = annot.get("/A")
        action = action.get_object() if action is not None else {}
        for value in (annot.get("/Contents"), annot.get("/T"), action.get("/URI"), action.get("/F")):
            if value is not None:
                out.append(str(value.get_object() if hasattr(value, "get_object") else value))
    return out


def _pdf_outline(outline) -> list[str]:
    out = []
    for entry in outline:
        if isinstance(entry, list):
            out += _pdf_outline(entry)
        else:
            out.append(str(getattr(entry, "title", "") or ""))
    return out


def _pdf_extras(reader, found: Readings, depth: int) -> None:
    """XMP metadata, form fields and embedded files: each may hold text of its own."""
    try:
        meta = reader.trailer["/Root"].get("/Metadata")
        if meta is not None:
            found.markup += decode_text(meta.get_object().get_data()) or []
    except Exception as error:
        found.problems.append(f"XMP metadata could not be read ({type(error).__name__}: {error})")
    try:
        found.text += [f"{k} {v}" for k, v in (reader.get_form_text_fields() or {}).items()]
    except Exception as error:
        found.problems.append(f"form fields could not be read ({type(error).__name__}: {error})")
    try:
        for attached, contents in reader.attachments.items():
            found.text.append(attached)
            for blob in contents:
                found.extend(_read_nested(attached, blob, depth))
    except Exception as error:
        found.problems.append(f"embedded files could not be read ({type(error).__name__}: {error})")


def _read_audio(name: str, data: bytes, depth: int) -> Readings:
    import mutagen

    audio = mutagen.File(io.BytesIO(data))
    found = Readings()
    if audio is None:
        if name.lower().endswith(AUDIO_SUFFIXES):
            found.problems.append("is not an audio file mutagen knows; its raw bytes were scanned")
        return found
    tags = audio.tags
    if tags is not None:
        found.text.append(tags.pprint())  # every frame or comment, one per line: KEY=value
        for value in (tags.values() if hasattr(tags, "values") else []):
            for blob in _tag_blobs(value):
                found.extend(_read_nested("tag", blob, depth))
    return found


def _tag_blobs(value) -> list[bytes]:
    """Binary tag payloads (cover art, attached objects, private frames) to read as files too."""
    values = value if isinstance(value, list) else [value]
    blobs = []
    for v in values:
        data = getattr(v, "data", v)
        if isinstance(data, (bytes, bytearray)) and data:
            blobs.append(bytes(data))
    return blobs


_CACHED = ("text", "markup", "raw", "folded", "problems", "unreadable")


class TextCache:
    """Structured readings kept on disk by SHA-256 of the file's bytes: texts only, never
    decisions. A missing or unreadable entry is simply read again."""

    def __init__(self, folder: Path):
        self.folder = Path(folder) / f"v{VERSION}"

    def _path(self, data: bytes, digest: str | None = None) -> Path:
        digest = digest or hashlib.sha256(data).hexdigest()
        return self.folder / digest[:2] / f"{digest}.json"

    def get(self, data: bytes, digest: str | None = None) -> Readings | None:
        try:
            stored = json.loads(self._path(data, digest).read_text(encoding="utf-8"))
            return Readings(**{key: list(stored[key]) for key in _CACHED})
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, data: bytes, readings: Readings, digest: str | None = None) -> None:
        path = self._path(data, digest)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump({key: getattr(readings, key) for key in _CACHED}, out, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError:
            pass  # a cache that cannot be written only costs time
