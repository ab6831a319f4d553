"""Attachments for the benchmark, made here rather than taken from content/ (which holds a
partnership's own files): text PDFs of any number of pages, and a short silent MP3."""
from __future__ import annotations

import random
import zlib


def text_pdf(pages: list[list[str]], title: str) -> bytes:
    """A valid PDF with one text page per entry of `pages` (lines of text, Helvetica), each
    page's content compressed as real reports' are, and a title in its Info."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    pages_ref = len(objects) + 2 * len(pages) + 1
    for lines in pages:
        text = "BT /F1 10 Tf 56 790 Td 13 TL " + " ".join(
            "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '" for line in lines) + " ET"
        data = zlib.compress(text.encode("cp1252", "replace"))
        stream = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                        b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_ref, stream, font)))
    add(b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % len(kids))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_ref)
    info = add(b"<< /Title (" + title.encode("latin-1", "replace") + b") /Producer (lscp bench) >>")
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, catalog, info, xref)
    return bytes(out)


def report_pdf(rng: random.Random, words: list[str], title: str, pages: int) -> bytes:
    """A report of `pages` pages of 50 lines of plausible words."""
    return text_pdf([[" ".join(rng.choice(words) for _ in range(8)) for _ in range(50)] for _ in range(pages)],
                    title)


def silent_mp3(frames: int = 300) -> bytes:
    """About eight seconds of silent MPEG-1 Layer III audio (128 kbit/s, 44.1 kHz)."""
    frame = b"\xff\xfb\x90\x00" + bytes(413)
    return b"ID3\x03\x00\x00\x00\x00\x00\x00" + frame * frames
