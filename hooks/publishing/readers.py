"""Reading text out of output files, the way a browser, a PDF viewer, an office suite or a music
player would show it, plus the raw bytes read as text.

`read(name, data)` returns `Readings`: decoded text (`text`), text that may hold markup to read
again with its tags removed (`markup`), raw bytes read as text (`raw`: strong needles only) and
`problems` (files that could not be read as what they claim to be; their raw bytes are read
instead, never skipped). The structured part (PDF, zip, audio) is slow; `TextCache` keeps it on
disk keyed by the SHA-256 of the bytes. Nothing here decides anything: it only reads.
"""
from __future__ import annotations

import codecs
import hashlib
import io
import json
import logging
import os
import re
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

VERSION = "1"  # bump when what the readers extract changes: old cache entries are then ignored
MARKUP_SUFFIXES = (".html", ".htm", ".xhtml", ".xml", ".svg", ".atom", ".rss", ".rels", ".opf", ".ncx", ".rdf")
AUDIO_SUFFIXES = (".mp3", ".m4a", ".mp4", ".m4b", ".aac", ".ogg", ".oga", ".opus", ".flac", ".wav", ".aif",
                  ".aiff", ".wma", ".wv", ".ape", ".mpc")
MAX_INFLATED = 256 * 1024 * 1024  # a gzip or zip member is read up to this size (bombs stay harmless)
MAX_DEPTH = 4  # files inside files inside files...
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

    def extend(self, other: Readings) -> None:
        self.text += other.text
        self.markup += other.markup
        self.raw += other.raw
        self.folded += other.folded
        self.problems += other.problems


def read(name: str, data: bytes, cache: TextCache | None = None) -> Readings:
    """All readings of file `name` holding `data`; structured extraction through `cache`."""
    kind = structured_kind(name, data)
    if kind is None:
        return _read_plain(name, data)
    found = cache.get(data) if cache is not None else None
    if found is None:
        found = _read_structured(kind, name, data, 0)
        if cache is not None:
            cache.put(data, found)
    found.extend(read_raw(data, utf16=bool(found.problems)))
    return found


def structured_kind(name: str, data: bytes) -> str | None:
    """'gzip', 'pdf', 'zip' or 'audio' when `data` needs a structured reader, else None."""
    lower = name.lower()
    if data[:2] == b"\x1f\x8b":
        return "gzip"
    if b"%PDF-" in data[:1024] or lower.endswith(".pdf"):
        return "pdf"
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06") or lower.endswith((".zip", ".docx", ".xlsx", ".pptx", ".odt",
                                                                       ".ods", ".odp", ".epub")):
        return "zip"
    if (lower.endswith(AUDIO_SUFFIXES) or data[:3] == b"ID3" or data[:4] in (b"OggS", b"fLaC", b"FORM")
            or data[4:8] == b"ftyp" or (data[:4] == b"RIFF" and data[8:12] == b"WAVE")):
        return "audio"
    return None


def _read_structured(kind: str, name: str, data: bytes, depth: int) -> Readings:
    readers = {"gzip": _read_gzip, "pdf": _read_pdf, "zip": _read_zip, "audio": _read_audio}
    try:
        return readers[kind](name, data, depth)
    except Exception as error:  # a malformed file is read as raw bytes, and said so
        return Readings(problems=[f"could not be read as {kind} ({type(error).__name__}: {error}); "
                                  f"its raw bytes were scanned"])


def _read_nested(name: str, data: bytes, depth: int) -> Readings:
    """A file inside a file: read it fully (structured and raw), up to MAX_DEPTH."""
    kind = structured_kind(name, data)
    if kind is None or depth >= MAX_DEPTH:
        return _read_plain(name, data)
    found = _read_structured(kind, name, data, depth + 1)
    found.extend(read_raw(data, utf16=bool(found.problems)))
    return found


_ICS_FOLD = re.compile(r"\r?\n[ \t]")


def _read_plain(name: str, data: bytes) -> Readings:
    """A file with no structure: text when it decodes, else raw bytes."""
    texts = decode_text(data)
    if not texts:
        return read_raw(data)
    found = Readings()
    if name.lower().endswith(".json"):
        strings = _json_strings(texts[0])
        if strings is not None:
            found.markup.append(strings)  # JSON values often hold HTML (the search index)
    if name.lower().endswith((".ics", ".ifb", ".vcf")):
        texts = [_ICS_FOLD.sub("", t) for t in texts]  # RFC 5545 folds long lines mid-word
    if name.lower().endswith(MARKUP_SUFFIXES):
        found.markup += texts
    else:
        found.text += texts
    return found


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


def _inflate(data: bytes) -> bytes:
    return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, MAX_INFLATED)


def _read_gzip(name: str, data: bytes, depth: int) -> Readings:
    inner = _inflate(data)
    stem = name[:-3] if name.lower().endswith(".gz") else name
    return _read_nested(stem, inner, depth)


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
            except Exception as error:
                found.problems.append(f"member {info.filename} could not be read ({type(error).__name__}: "
                                      f"{error}); the archive's raw bytes were scanned")
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


_CACHED = ("text", "markup", "raw", "folded", "problems")


class TextCache:
    """Structured readings kept on disk by SHA-256 of the file's bytes: texts only, never
    decisions. A missing or unreadable entry is simply read again."""

    def __init__(self, folder: Path):
        self.folder = Path(folder) / f"v{VERSION}"

    def _path(self, data: bytes) -> Path:
        digest = hashlib.sha256(data).hexdigest()
        return self.folder / digest[:2] / f"{digest}.json"

    def get(self, data: bytes) -> Readings | None:
        try:
            stored = json.loads(self._path(data).read_text(encoding="utf-8"))
            return Readings(**{key: list(stored[key]) for key in _CACHED})
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, data: bytes, readings: Readings) -> None:
        path = self._path(data)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump({key: getattr(readings, key) for key in _CACHED}, out, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError:
            pass  # a cache that cannot be written only costs time
