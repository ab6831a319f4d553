"""Reading text out of output files, the way a browser, a PDF viewer, an office suite, a mail
program or a music player would show it, plus the raw bytes read as text.

`read(name, data)` returns `Readings`: decoded text (`text`), text that may hold markup to read
again with its tags removed (`markup`), raw bytes read as text (`raw`: strong needles only;
`folded`: Latin-1), `problems` (notes) and `unreadable`: the parts of a file of a known format
that could not be read completely (a truncated or password-protected PDF, an archive that does
not open, a format the readers cannot open at all, a file unpacking past the size limit), each
saying how to fix it; the audit refuses those, and never falls back to raw bytes for them.
Compressed layers, archives and files inside files (PDF attachments, e-mail attachments, Outlook
attachments, audio tags, data: URIs in text) are read as nested files, bounded by what they
unpack to (`base.MAX_UNPACKED`), not by depth. The structured part (PDF, archives, Office, mail,
audio, PNG) is slow; `TextCache` keeps it on disk keyed by the SHA-256 of the bytes. Nothing here
decides anything: it only reads.
"""
from __future__ import annotations

import re

from lscp_kit.audit.readers import archives, mail, media, office, pdf
from lscp_kit.audit.readers.base import Context, LimitReached, Readings, Refused
from lscp_kit.audit.readers.cache import TextCache
from lscp_kit.audit.readers.text import (css_decoded, decode_text, fold_latin1, printable_runs, read_plain, read_raw,
                                         utf16_runs)

VERSION = "11"  # bump when what the readers extract changes: old cache entries are then ignored

__all__ = ["VERSION", "Readings", "TextCache", "css_decoded", "decode_text", "fold_latin1", "read", "read_raw",
           "fill_cache", "structured_kind", "utf16_runs"]

# The kinds of file the kit reads completely, by name. A published file of any other kind (RTF,
# macro-enabled Office, GIF, TIFF, HEIC, EPUB ...) is refused: unreadable
# means refused, and a reader the kit does not have reads nothing.
READ_SUFFIXES = frozenset({
    ".html", ".htm", ".xhtml", ".xml", ".xsl", ".xslt", ".svg", ".atom", ".rss", ".css", ".js", ".mjs", ".map",
    ".json", ".webmanifest", ".txt", ".csv", ".tsv", ".ics", ".md", ".yml", ".yaml", ".vtt", ".srt", ".rels",
    ".ttml", ".dfxp", ".fodt", ".fods", ".fodp", ".fodg",
    ".pdf", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".doc", ".xls", ".ppt", ".msg", ".eml", ".mht",
    ".png", ".jpg", ".jpeg", ".ico",
    ".mp3", ".m4a", ".mp4", ".m4b", ".ogg", ".oga", ".opus", ".flac", ".wav",
    ".zip", ".gz", ".tgz", ".tar", ".xz", ".bz2",
})
_INSTEAD = ("publish documents as PDF (or .docx, .odt), pictures as PNG or JPEG, audio as MP3, "
            "transcripts as .txt or .vtt")


# Office files with macros: their code is compressed inside, and no reader here decompresses it.
MACRO_SUFFIXES = frozenset({".docm", ".dotm", ".xlsm", ".xltm", ".xlam", ".pptm", ".potm", ".ppsm", ".ppam"})


def kind_refusal(name: str, kind: str | None) -> str | None:
    """Why a file is never published: a kind the kit does not read (by its name, when its bytes
    are not of a kind read by structure), or an Office file with macros."""
    base = name.rsplit("/", 1)[-1].lower()
    suffix = "." + base.rsplit(".", 1)[-1] if "." in base.lstrip(".") else ""
    if suffix in MACRO_SUFFIXES:
        return f"an Office file with macros ({suffix}) is never published: save it without macros (.docx, .xlsx, .pptx) or as PDF"
    if kind is not None or not suffix or suffix in READ_SUFFIXES:
        return None
    return f"the kit cannot read {suffix} files completely, so it never publishes one: {_INSTEAD}"


# How to fix a file of each kind that does not open
_FIX = {"pdf": pdf.REEXPORT, "ole": office.RESAVE, "eml": mail.RESAVE, "audio": "export the audio file again",
        "png": "save the image again"}
_READERS = {"gzip": archives.read_gzip, "xz": archives.read_xz, "bzip2": archives.read_bzip2,
            "tar": archives.read_tar, "zip": archives.read_zip, "unreadable": archives.read_unreadable,
            "pdf": pdf.read_pdf, "ole": office.read_ole, "eml": mail.read_mail, "audio": media.read_audio,
            "png": media.read_png}


def read(name: str, data: bytes, cache: TextCache | None = None, digest: str | None = None) -> Readings:
    """All readings of file `name` holding `data`; structured extraction through `cache`
    (`digest`: the SHA-256 hex digest of `data`, when the caller already has it)."""
    kind = structured_kind(name, data)
    refusal = kind_refusal(name, kind)
    if refusal:
        return Readings(unreadable=[refusal])
    if kind is None:
        return read_plain(name, data, Context(_read_file))
    found = cache.get(data, digest) if cache is not None else None
    if found is None:
        found = _read_top(kind, name, data)
        if cache is not None:
            cache.put(data, found, digest)
    found.extend(read_raw(data, utf16=kind in ("png", "ole")))
    if kind in ("png", "audio"):
        found.text += printable_runs(data)
    return found


def fill_cache(name: str, data: bytes, cache: TextCache, digest: str | None = None) -> None:
    """Read the structured part of `data` into `cache` now, so that `read` finds it there."""
    kind = structured_kind(name, data)
    if kind is not None and kind_refusal(name, kind) is None and not cache.has(data, digest):
        cache.put(data, _read_top(kind, name, data), digest)


def _read_top(kind: str, name: str, data: bytes) -> Readings:
    """The structured readings of a published file; a limit reached anywhere inside refuses it."""
    try:
        found = _structured(kind, name, data, Context(_read_file))
    except LimitReached as refused:
        return Readings(unreadable=[str(refused)])
    found.unreadable = list(dict.fromkeys(found.unreadable))
    return found


def _read_file(name: str, data: bytes, ctx: Context) -> Readings:
    """A file inside a file: read fully, structured (and raw) or as plain text; one of a kind the
    kit does not read refuses the file that holds it."""
    kind = structured_kind(name, data)
    refusal = kind_refusal(name, kind)
    if refusal:
        return Readings(unreadable=[ctx.where() + refusal])
    if kind is None:
        return read_plain(name, data, ctx)
    found = _structured(kind, name, data, ctx)
    found.extend(read_raw(data, utf16=kind in ("png", "ole")))
    if kind in ("png", "audio"):
        found.text += printable_runs(data)
    return found


def _structured(kind: str, name: str, data: bytes, ctx: Context) -> Readings:
    try:
        return _READERS[kind](name, data, ctx)
    except LimitReached:
        raise
    except Refused as refused:
        return Readings(unreadable=[ctx.where() + str(refused)])
    except Exception as error:  # a malformed file of a known kind: refused, never read as raw bytes only
        fix = _FIX.get(kind, archives.REPACK)
        return Readings(unreadable=[f"{ctx.where()}could not be read as {_NAMES.get(kind, kind)} "
                                    f"({type(error).__name__}: {error}): {fix}"])


_NAMES = {"ole": "an Office 97-2003 or Outlook file", "eml": "an e-mail", "pdf": "a PDF", "zip": "a zip archive",
          "tar": "a tar archive", "audio": "audio", "png": "a PNG image"}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAIL_SUFFIXES = (".eml", ".mht", ".mhtml", ".mime")
_HEADER = re.compile(rb"[A-Za-z][\w-]{0,40}:[^\r\n]*\r?\n")
_MAIL_HEADERS = re.compile(rb"^(?:mime-version|received|message-id|return-path|subject|from|date|to)"
                           rb":", re.IGNORECASE | re.MULTILINE)


def structured_kind(name: str, data: bytes) -> str | None:
    """'gzip', 'xz', 'bzip2', 'tar', 'pdf', 'zip', 'ole', 'eml', 'audio', 'png' or 'unreadable'
    when `data` needs a structured reader, else None."""
    lower = name.lower()
    if data[:2] == b"\x1f\x8b" or lower.endswith((".gz", ".tgz")):
        return "gzip"
    if data[:6] == b"\xfd7zXZ\x00" or data[:3] == b"]\x00\x00" or lower.endswith((".xz", ".lzma", ".txz", ".tlz")):
        return "xz"
    if data[:3] == b"BZh" or lower.endswith((".bz2", ".tbz", ".tbz2")):
        return "bzip2"
    if data[257:262] == b"ustar" or lower.endswith(".tar"):
        return "tar"
    if data[:8] == _OLE:  # before the suffixes: a password-protected .docx is an OLE file
        return "ole"
    if b"%PDF-" in data[:1024] and data[:4] != b"PK\x03\x04" or lower.endswith(".pdf"):  # a zip may store a PDF first
        return "pdf"
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06") or lower.endswith((".zip", ".docx", ".xlsx", ".pptx", ".odt",
                                                                       ".ods", ".odp", ".epub")):
        return "zip"
    if data[:8] == media.PNG:
        return "png"
    if lower.endswith(archives.UNREADABLE_SUFFIXES) or any(data.startswith(m) for m, _ in archives.UNREADABLE_MAGIC) \
            or data[0x8001:0x8006] == b"CD001" or data[-512:-508] == b"koly":
        return "unreadable"
    if media.is_audio(lower, data):
        return "audio"
    if lower.endswith(_MAIL_SUFFIXES) or _looks_like_mail(data):
        return "eml"
    return None


def _looks_like_mail(data: bytes) -> bool:
    """True when `data` opens with an RFC 5322 header block naming at least two mail headers."""
    if not _HEADER.match(data):
        return False
    head = data[:8192].split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    return len({m.group(0).lower() for m in _MAIL_HEADERS.finditer(head)}) >= 2 and \
        all(_HEADER.fullmatch(line + b"\n") or line[:1] in (b" ", b"\t")
            for line in head.replace(b"\r\n", b"\n").split(b"\n")[:20] if line)
