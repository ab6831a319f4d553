"""A PDF's objects as pypdf reads them: every string and name of every object (document info,
outline, annotations and their notes, form fields, alternative texts, named destinations, page
labels ...), decompressed object streams included; the XMP metadata; every embedded file
(document attachments, file attachment annotations, files inside those) by its /EF entry; and
whether a simple font carries a /ToUnicode map (then the text is read again without it)."""
from __future__ import annotations

import io

from lscp_kit.audit.readers.text import decode_text

_SIMPLE_FONTS = ("/Type1", "/TrueType", "/Type3", "/MMType1")
_MASK = b"/ToUnicodX"  # same length: every offset of the file still holds


class ObjectWalk:
    """One pass over every object of `reader` (a pypdf PdfReader, decrypted)."""

    def __init__(self, reader) -> None:
        self.strings: list[str] = []  # the document's strings: text a viewer may show
        self.names: list[str] = []  # its names (/Type /Catalog ...): read for names, never as prose
        self.xmp: list[str] = []
        self.files: list[tuple[str, bytes]] = []  # (name, bytes) of every embedded file
        self.simple_fonts_mapped = False
        self._walk(reader)
        self.strings = ["\n".join(self.strings)]
        self.names = ["\n".join(self.names)]

    def _walk(self, reader) -> None:
        from pypdf.generic import IndirectObject

        numbers = {(num, gen) for gen, table in reader.xref.items() for num in table}
        numbers |= {(num, 0) for num in reader.xref_objStm}
        seen: set[int] = set()
        for num, gen in sorted(numbers):
            self._visit(reader.get_object(IndirectObject(num, gen, reader)), seen)
        root = reader.trailer["/Root"]
        meta = root.get("/Metadata")
        if meta is not None:
            self.xmp += decode_text(meta.get_object().get_data())

    def _visit(self, node, seen: set[int]) -> None:
        from pypdf.generic import (ArrayObject, ByteStringObject, DictionaryObject, IndirectObject, NameObject,
                                   TextStringObject)

        stack = [node]
        while stack:
            node = stack.pop()
            if isinstance(node, IndirectObject) or id(node) in seen:
                continue
            seen.add(id(node))
            if isinstance(node, TextStringObject):
                self.strings.append(str(node))
            elif isinstance(node, ByteStringObject):
                self.strings.append(bytes(node).decode("latin-1"))
            elif isinstance(node, NameObject):
                self.names.append(node[1:])
            elif isinstance(node, DictionaryObject):
                self._dictionary(node)
                stack += list(node.keys()) + list(node.values())
            elif isinstance(node, ArrayObject):
                stack += list(node)

    def _dictionary(self, node) -> None:
        if "/EF" in node:
            self._embedded(node)
        if node.get("/Type") == "/Font" and "/ToUnicode" in node and node.get("/Subtype") in _SIMPLE_FONTS:
            self.simple_fonts_mapped = True

    def _embedded(self, spec) -> None:
        """The files a file specification's /EF entry holds (/F and /UF are often one stream)."""
        name = str(spec.get("/UF") or spec.get("/F") or "attachment")
        streams = spec["/EF"].get_object()
        done = set()
        for key in streams:
            ref = streams.raw_get(key)
            ident = (ref.idnum, ref.generation) if hasattr(ref, "idnum") else id(ref)
            if ident not in done:
                done.add(ident)
                self.files.append((name, streams[key].get_object().get_data()))


def without_tounicode(data: bytes, reader) -> bytes:
    """The PDF with every font's /ToUnicode map taken away, so that text is read from the glyphs'
    encoding (/Encoding, /Differences glyph names) instead: in place when every font dictionary
    is plain in the file (same length, offsets hold), else a copy written by pypdf."""
    if b"/ObjStm" not in data:
        return data.replace(b"/ToUnicode", _MASK)
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject

    writer = PdfWriter(clone_from=reader)
    for obj in writer._objects:
        if isinstance(obj, DictionaryObject) and "/ToUnicode" in obj:
            del obj["/ToUnicode"]
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
