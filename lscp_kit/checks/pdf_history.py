"""A PDF's hidden history: earlier revisions kept by incremental updates (their text and their
metadata), and objects left in the file that nothing uses.

Revisions are found by the file's structure, not by its %%EOF markers alone (a marker can be
defaced or removed while viewers still follow the /Prev chain): the file as each earlier
`startxref` left it is opened again, and what it shows that the final one does not is listed.
"""
from __future__ import annotations

import io
import re
import zlib

import pikepdf
import pypdfium2 as pdfium

from lscp_kit.audit.normalise import normalise
from lscp_kit.checks.metadata import Fields, pdf_fields

SHINGLE = 3  # words: a run of this many in an earlier revision and not in the final one is a change
EXCERPT_WORDS = 12
_STARTXREF = re.compile(rb"startxref\s+\d+[ \t]*(?:\r\n|\r|\n)?(?:%%EOF)?")
_OBJECT = re.compile(rb"(?<![0-9])(\d+)\s+(\d+)\s+obj\b(.*?)endobj", re.DOTALL)
_STRING = re.compile(rb"\((?:\\.|[^\\()])*\)", re.DOTALL)
_WORD = re.compile(r"[^\W\d_]{2,}")
_SKIP_STREAMS = re.compile(rb"/Type\s*/(?:ObjStm|XRef|XObject|Font|FontDescriptor)|/Subtype\s*/(?:Image|Type1C|CIDFontType0C|OpenType)")


def page_texts(doc: pdfium.PdfDocument) -> list[str]:
    """Each page's text, as PDFium extracts it."""
    parts = []
    for number in range(len(doc)):
        page = doc[number]
        textpage = page.get_textpage()
        parts.append(textpage.get_text_range())
        textpage.close()
        page.close()
    return parts


def revisions(data: bytes) -> list[bytes]:
    """The file as each earlier revision left it: cut after each `startxref` but the last (with
    the %%EOF marker written back where it was defaced or removed)."""
    ends = [m.end() for m in _STARTXREF.finditer(data)]
    cuts = [data[:end] for end in ends[:-1]]
    return [cut if cut.rstrip().endswith(b"%%EOF") else cut.rstrip() + b"\n%%EOF\n" for cut in cuts]


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    size = min(SHINGLE, len(words))
    return {tuple(words[i:i + size]) for i in range(len(words) - size + 1)} if words else set()


def removed_text(earlier: str, final: str) -> str | None:
    """Words of `earlier` the final text no longer holds, as a short excerpt; None when none."""
    old, new = normalise(earlier).split(), normalise(final).split()
    kept = _shingles(new)
    size = min(SHINGLE, len(old))
    gone = [i for i in range(len(old) - size + 1) if tuple(old[i:i + size]) not in kept]
    if not gone or (len(old) < SHINGLE and set(old) <= set(new)):
        return None
    start = gone[0]
    end = start + size
    for i in gone[1:]:
        if i > end:
            break
        end = i + size
    words = old[start:min(end, start + EXCERPT_WORDS)]
    return " ".join(words) + (" …" if end - start > EXCERPT_WORDS else "")


def pdf_revisions(data: bytes, final: str, fields: Fields) -> tuple[list[str], Fields, str]:
    """One line per earlier revision that holds text the final one does not show; the metadata
    fields earlier revisions hold that the final one (`fields`) does not; and their text."""
    out, meta, texts = [], [], []
    for number, earlier in enumerate(revisions(data), 1):
        try:
            doc = pdfium.PdfDocument(earlier)
        except pdfium.PdfiumError:
            continue  # a cut that does not open is not a revision a reader can get back
        try:
            texts.append("\n".join(page_texts(doc)))
            gone = removed_text(texts[-1], final)
        finally:
            doc.close()
        if gone:
            out.append(f"an earlier revision (revision {number}, kept by an incremental save) still holds "
                       f"text the final one removed: «{gone}»")
        meta += [(f"{label} (in revision {number})", value) for label, value in _fields_of(earlier)
                 if (label, value) not in fields and not any(v == value for _, v in fields)]
    return out, meta, "\n".join(texts)


def _fields_of(data: bytes) -> Fields:
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            return pdf_fields(pdf)
    except (pikepdf.PdfError, ValueError):
        return []


def unused_objects(data: bytes, pdf: pikepdf.Pdf, referenced: set[tuple[int, int]], shown: str) -> list[str]:
    """Objects that nothing in the file uses, yet anyone can read, and that hold words neither
    the pages nor an earlier revision (`shown`, listed on its own) show: written but not in the
    final cross-reference table, or in it but referred to by no other object."""
    listed = {obj.objgen: obj for obj in pdf.objects if obj is not None}
    words = []
    for match in _OBJECT.finditer(data):
        if (int(match.group(1)), int(match.group(2))) not in listed:
            words += _words_of(match.group(3))
    for objgen, obj in listed.items():
        if objgen not in referenced and isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream, pikepdf.Array)):
            words += _words_of(obj.unparse(resolved=True) if not isinstance(obj, pikepdf.Stream) else _stream_body(obj))
    gone = removed_text(" ".join(words), shown) if words else None
    return [f"objects that nothing in the PDF uses still hold text: «{gone}»"] if gone else []


def _stream_body(stream: pikepdf.Stream) -> bytes:
    try:
        return stream.stream_dict.unparse() + b"stream\n" + stream.read_bytes()
    except pikepdf.PdfError:
        return b""


def _words_of(body: bytes) -> list[str]:
    """The words of an object's strings (a content stream's text included, decompressed)."""
    head, _, stream = body.partition(b"stream")
    if stream and _SKIP_STREAMS.search(head):
        return []
    if stream and b"/FlateDecode" in head:
        try:
            stream = zlib.decompressobj().decompress(stream.lstrip(b"\r\n"), 1 << 22)
        except zlib.error:
            stream = b""
    if not (b"BT" in stream and (b"Tj" in stream or b"TJ" in stream)):
        stream = b""  # not a content stream: its bytes are not text (a hint table, a picture)
    strings = [_unescape(s[1:-1]) for s in _STRING.findall(head + b" " + stream)]
    return [w for s in strings for w in s.split() if _WORD.search(w)]


def _unescape(raw: bytes) -> str:
    text = re.sub(rb"\\([nrtbf()\\])", lambda m: {b"n": b" ", b"r": b" ", b"t": b" "}.get(m.group(1), m.group(1)), raw)
    return text.decode("latin-1")
