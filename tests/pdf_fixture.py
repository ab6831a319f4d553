"""PDFs for the readers' tests, written with pypdf: pages of text, annotations with appearance
streams, fonts whose /ToUnicode map lies, attachments, passwords."""
from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, NameObject,
                           NumberObject, TextStringObject)


def _name(value: str) -> NameObject:
    return NameObject(value)


def _font(writer: PdfWriter, to_unicode: bytes | None = None, subtype: str = "/Type1") -> object:
    font = DictionaryObject({_name("/Type"): _name("/Font"), _name("/Subtype"): _name(subtype),
                             _name("/BaseFont"): _name("/Helvetica"), _name("/Encoding"): _name("/WinAnsiEncoding")})
    if to_unicode is not None:
        cmap = DecodedStreamObject()
        cmap.set_data(to_unicode)
        font[_name("/ToUnicode")] = writer._add_object(cmap.flate_encode())
    return writer._add_object(font)


def _stream(writer: PdfWriter, content: bytes, **entries) -> object:
    stream = DecodedStreamObject()
    stream.set_data(content)
    stream = stream.flate_encode()
    for key, value in entries.items():
        stream[_name("/" + key)] = value
    return writer._add_object(stream)


def _resources(font) -> DictionaryObject:
    return DictionaryObject({_name("/Font"): DictionaryObject({_name("/F1"): font})})


def text_pdf(pages: list[str], to_unicode: bytes | None = None, subtype: str = "/Type1") -> PdfWriter:
    """A writer holding one page per text (lines split on newlines), text in compressed streams."""
    writer = PdfWriter()
    font = _font(writer, to_unicode, subtype)
    for text in pages:
        page = writer.add_blank_page(595, 842)
        page[_name("/Resources")] = _resources(font)
        lines = "".join(f"({line}) Tj 0 -14 Td " for line in text.split("\n"))
        page[_name("/Contents")] = _stream(writer, f"BT /F1 11 Tf 60 780 Td {lines}ET".encode("cp1252"))
    return writer


def annotate(writer: PdfWriter, subtype: str, text: str) -> PdfWriter:
    """Add to page 1 an annotation (/FreeText, /Stamp ...) whose only text is its appearance."""
    font = writer.pages[0]["/Resources"]["/Font"].raw_get("/F1")
    box = ArrayObject([FloatObject(0), FloatObject(0), FloatObject(300), FloatObject(40)])
    appearance = _stream(writer, f"BT /F1 12 Tf 5 15 Td ({text}) Tj ET".encode("cp1252"),
                         Type=_name("/XObject"), Subtype=_name("/Form"), BBox=box, Resources=_resources(font))
    annot = DictionaryObject({
        _name("/Type"): _name("/Annot"), _name("/Subtype"): _name(subtype),
        _name("/Rect"): ArrayObject([FloatObject(v) for v in (100, 100, 400, 140)]),
        _name("/F"): NumberObject(4), _name("/AP"): DictionaryObject({_name("/N"): appearance})})
    if subtype == "/FreeText":
        annot[_name("/DA")] = TextStringObject("/F1 12 Tf 0 g")
    writer.pages[0][_name("/Annots")] = ArrayObject([writer._add_object(annot)])
    return writer


def attach_by_annotation(writer: PdfWriter, name: str, data: bytes) -> PdfWriter:
    """Attach a file through a file attachment annotation (not the document's EmbeddedFiles)."""
    embedded = _stream(writer, data, Type=_name("/EmbeddedFile"))
    spec = DictionaryObject({_name("/Type"): _name("/Filespec"), _name("/F"): TextStringObject(name),
                             _name("/EF"): DictionaryObject({_name("/F"): embedded})})
    annot = DictionaryObject({
        _name("/Type"): _name("/Annot"), _name("/Subtype"): _name("/FileAttachment"),
        _name("/Rect"): ArrayObject([FloatObject(v) for v in (10, 10, 30, 30)]), _name("/FS"): spec})
    writer.pages[0][_name("/Annots")] = ArrayObject([writer._add_object(annot)])
    return writer


def lying_cmap() -> bytes:
    """A /ToUnicode CMap saying every printable code is "x"."""
    chars = "".join(f"<{code:02X}> <0078>\n" for code in range(0x20, 0x7F))
    return (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Lie def\n"
            b"1 begincodespacerange <00> <FF> endcodespacerange\n"
            + f"{0x7F - 0x20} beginbfchar\n{chars}endbfchar\n".encode()
            + b"endcmap CMapName currentdict /CMap defineresource pop end end\n")


def to_bytes(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf(*pages: str) -> bytes:
    return to_bytes(text_pdf(list(pages)))


def encrypted(data: bytes, user: str, owner: str, algorithm: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user, owner_password=owner, algorithm=algorithm)
    return to_bytes(writer)
