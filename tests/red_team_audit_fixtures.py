"""Files for the red-team audit tests: each hides a hidden item's pseudonym where a reader of the
published file still sees it (RTF control words, ODF spans, subtitle markup, SVG glyph runs, PDF
JavaScript and XFA, GIF comment sub-blocks, APEv2 tags, Word alternative chunks and symbols)."""
from __future__ import annotations

import base64
import binascii
import gzip
import io
import os
import struct
import tempfile
import zipfile
import zlib

import pikepdf
from PIL import Image

W = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
     'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPES = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>{}</Types>')
_ROOT_RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
              f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/></Relationships>')
ODF = ('<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>{}</text:p>'
       '</office:text></office:body></office:document-content>')


def zip_of(parts: dict[str, str | bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0))
            info.compress_type = method
            archive.writestr(info, data)
    return out.getvalue()


def docx(body: str, parts: dict[str, str | bytes] | None = None, types: str = "", rels: str = "") -> bytes:
    """A Word document with `body` (WordprocessingML) and extra parts, content types and relationships."""
    files = {"[Content_Types].xml": _TYPES.format(types), "_rels/.rels": _ROOT_RELS,
             "word/document.xml": f'<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>'}
    if rels:
        files["word/_rels/document.xml.rels"] = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.'
                                                 f'openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
    files.update(parts or {})
    return zip_of(files)


def docx_part(tag: str, inner: str) -> str:
    return f'<?xml version="1.0"?><w:{tag} {W}>{inner}</w:{tag}>'


def docx_rtf_chunk(rtf: bytes) -> bytes:
    """Word shows an alternative-format chunk (here RTF) as part of the document."""
    return docx('<w:p><w:r><w:t>Intro.</w:t></w:r></w:p><w:altChunk r:id="rId9"/>', {"word/chunk.rtf": rtf},
                '<Override PartName="/word/chunk.rtf" ContentType="application/rtf"/>',
                f'<Relationship Id="rId9" Type="{_REL}/aFChunk" Target="chunk.rtf"/>')


def docx_symbol() -> bytes:
    """'C', a w:sym for 'h' in Arial, then 'ild R': Word shows "Child R"."""
    return docx('<w:p><w:r><w:t>C</w:t></w:r><w:r><w:sym w:font="Arial" w:char="0068"/></w:r>'
                '<w:r><w:t>ild R</w:t></w:r></w:p>')


def docx_link(url: str) -> bytes:
    return docx('<w:p><w:hyperlink r:id="rId5"><w:r><w:t>the review</w:t></w:r></w:hyperlink></w:p>',
                rels=f'<Relationship Id="rId5" Type="{_REL}/hyperlink" Target="{url}" TargetMode="External"/>')


_X = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_P = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')


def xlsx(shared: str, sheet: str = "Sheet1") -> bytes:
    """A workbook whose one cell is the shared string `shared` (rich-text runs allowed)."""
    return zip_of({"[Content_Types].xml": _TYPES.format(""),
                   "xl/workbook.xml": f'<?xml version="1.0"?><workbook {_X}><sheets><sheet name="{sheet}" sheetId="1"/>'
                                      '</sheets></workbook>',
                   "xl/sharedStrings.xml": f'<?xml version="1.0"?><sst {_X}><si>{shared}</si></sst>',
                   "xl/worksheets/sheet1.xml": f'<?xml version="1.0"?><worksheet {_X}><sheetData><row r="1"><c r="A1" '
                                               't="s"><v>0</v></c></row></sheetData></worksheet>'})


def xlsx_formula(formula: str) -> bytes:
    """A workbook whose one cell is a formula with no cached value: Excel shows what it computes."""
    return zip_of({"[Content_Types].xml": _TYPES.format(""),
                   "xl/workbook.xml": f'<?xml version="1.0"?><workbook {_X}><sheets><sheet name="Sheet1" sheetId="1"/>'
                                      '</sheets></workbook>',
                   "xl/worksheets/sheet1.xml": f'<?xml version="1.0"?><worksheet {_X}><sheetData><row r="1"><c r="A1" '
                                               f't="str"><f>{formula}</f></c></row></sheetData></worksheet>'})


def pptx_notes() -> bytes:
    """A slide saying Hello whose speaker notes say "Child R" in two runs."""
    shape = '<p:cSld><p:spTree><p:sp><p:txBody><a:p>{}</a:p></p:txBody></p:sp></p:spTree></p:cSld>'
    return zip_of({"[Content_Types].xml": _TYPES.format(""),
                   "ppt/presentation.xml": f'<?xml version="1.0"?><p:presentation {_P}/>',
                   "ppt/slides/slide1.xml": f'<?xml version="1.0"?><p:sld {_P}>'
                                            + shape.format("<a:r><a:t>Hello</a:t></a:r>") + "</p:sld>",
                   "ppt/notesSlides/notesSlide1.xml": f'<?xml version="1.0"?><p:notes {_P}>' + shape.format(
                       '<a:r><a:t>Chi</a:t></a:r><a:r><a:rPr b="1"/><a:t>ld R</a:t></a:r>') + "</p:notes>"})


def ovba_literal(source: str) -> bytes:
    """VBA source in MS-OVBA compressed form, literals only: a flag byte before every 8 bytes, so
    no word longer than 7 letters survives in the raw bytes."""
    data = source.encode("latin-1")
    body = b"".join(b"\x00" + data[i:i + 8] for i in range(0, len(data), 8))
    return b"\x01" + struct.pack("<H", 0xB000 | (len(body) - 1)) + body


def docm_with_macro(message: str) -> bytes:
    """A macro-enabled Word document whose macro shows `message` when the document opens."""
    from ole_fixture import ole_file
    module = ovba_literal(f'Sub AutoOpen()\r\n    MsgBox "{message}"\r\nEnd Sub\r\n')
    project = ole_file({"VBA/Module1": module, "VBA/dir": ovba_literal("Module1"), "PROJECT": b"Module=Module1\r\n"})
    return docx("<w:p><w:r><w:t>Notes.</w:t></w:r></w:p>", {"word/vbaProject.bin": project})


def fodt(paragraph: str) -> bytes:
    """A flat (single XML file) OpenDocument text."""
    return (ODF.replace("office:document-content", "office:document").format(paragraph)).encode()


def odt(paragraph: str) -> bytes:
    return zip_of({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": ODF.format(paragraph)})


def _pdf(lines: tuple[str, ...] = ("The panel met twice.",), title: str = "Practice guide") -> pikepdf.Pdf:
    doc = pikepdf.new()
    font = doc.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica))
    ops = "BT /F1 12 Tf 72 720 Td 16 TL " + " ".join(f"({line}) Tj T*" for line in lines) + " ET"
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 612, 792], Contents=doc.make_stream(ops.encode()),
                              Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)))
    doc.pages.append(pikepdf.Page(page))
    doc.Root.Lang = pikepdf.String("en-GB")
    doc.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
    doc.Root.StructTreeRoot = doc.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
    doc.trailer.Info = doc.make_indirect(pikepdf.Dictionary(Title=pikepdf.String(title)))
    return doc


def _save(doc: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    doc.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=True)
    return out.getvalue()


def pdf_text(*lines: str, title: str = "Practice guide") -> bytes:
    return _save(_pdf(lines, title))


WORD_XMP = ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
            'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
            'xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">'
            '<pdf:Producer>Microsoft Word for Microsoft 365</pdf:Producer><dc:creator><rdf:Seq><rdf:li>Wealdmouth '
            'Safeguarding Children Partnership Business Unit</rdf:li></rdf:Seq></dc:creator><xmp:CreatorTool>Microsoft '
            'Word for Microsoft 365</xmp:CreatorTool><pdfaid:part>1</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>'
            '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>')


def pdf_from_word(line: str, title: str) -> bytes:
    """A PDF as Word exports it from the partnership's template: the same XMP packet (producer,
    author, PDF/A part) in every document, whatever its text."""
    doc = _pdf((line,), title)
    metadata = doc.make_stream(WORD_XMP.encode())
    metadata.Type, metadata.Subtype = pikepdf.Name.Metadata, pikepdf.Name.XML
    doc.Root.Metadata = metadata
    return _save(doc)


def pdf_javascript(script: str) -> bytes:
    """A PDF that shows `script`'s alert when opened (Acrobat, and most desktop viewers)."""
    doc = _pdf()
    doc.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=doc.make_stream(script.encode()))
    return _save(doc)


def pdf_xfa(text: str) -> bytes:
    """A PDF whose XFA form (rendered by Acrobat) draws `text`."""
    doc = _pdf()
    xfa = ('<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><template xmlns="http://www.xfa.org/schema/xfa-template/3.3/">'
           f'<subform><draw><value><text>{text}</text></value></draw></subform></template></xdp:xdp>')
    doc.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([]), XFA=doc.make_stream(xfa.encode()))
    return _save(doc)


def pdf_outline(title: str) -> bytes:
    doc = _pdf()
    with doc.open_outline() as outline:
        outline.root.append(pikepdf.OutlineItem(title, 0))
    return _save(doc)


def pdf_form(value: str) -> bytes:
    """A text field holding `value`, with no appearance: the viewer draws it (NeedAppearances)."""
    doc = _pdf()
    helv = doc.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica))
    field = doc.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Widget, FT=pikepdf.Name.Tx, T=pikepdf.String("name"),
        V=pikepdf.String(value), Rect=[100, 100, 400, 130], F=4, P=doc.pages[0].obj, DA=pikepdf.String("/Helv 12 Tf 0 g")))
    doc.pages[0].obj.Annots = pikepdf.Array([field])
    doc.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([field]), NeedAppearances=True,
                                           DR=pikepdf.Dictionary(Font=pikepdf.Dictionary(Helv=helv)))
    return _save(doc)


def pdf_sticky_note(text: str) -> bytes:
    doc = _pdf()
    note = doc.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Text, F=4,
                                                Rect=[72, 700, 90, 718], Contents=pikepdf.String(text)))
    doc.pages[0].obj.Annots = pikepdf.Array([note])
    return _save(doc)


def pdf_figure_alt(alt: str) -> bytes:
    """A tagged PDF whose figure's alternative text (read aloud by screen readers) is `alt`."""
    doc = _pdf()
    figure = doc.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Figure,
                                                  Alt=pikepdf.String(alt), P=doc.Root.StructTreeRoot))
    doc.Root.StructTreeRoot.K = pikepdf.Array([figure])
    return _save(doc)


def docx_image_alt(alt: str) -> bytes:
    wp = 'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
    return docx(f'<w:p><w:r><w:drawing><wp:inline {wp}><wp:docPr id="1" name="Picture 1" descr="{alt}"/></wp:inline>'
                '</w:drawing></w:r></w:p>')


def pdf_subject(subject: str) -> bytes:
    """`subject` in the document information, inside a compressed object stream."""
    doc = _pdf()
    doc.trailer.Info = doc.make_indirect(pikepdf.Dictionary(Title=pikepdf.String("Practice guide"),
                                                            Subject=pikepdf.String(subject)))
    return _save(doc)


def gif_comment(comment: bytes) -> bytes:
    """A GIF whose comment extension holds `comment`, in sub-blocks of 255 bytes (a length byte between)."""
    out = io.BytesIO()
    Image.new("P", (16, 16)).save(out, "GIF", comment=comment)
    return out.getvalue()


def image(fmt: str, **kw) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (16, 16), (20, 120, 40)).save(out, fmt, **kw)
    return out.getvalue()


def jpeg_exif(tags: dict[int, object]) -> bytes:
    exif = Image.Exif()
    for tag, value in tags.items():
        exif[tag] = value
    return image("JPEG", exif=exif.tobytes())


def apev2_mp3(audio: bytes, title: str) -> bytes:
    """`audio` with an APEv2 tag (foobar2000, VLC and others show it) titled `title`."""
    from mutagen.apev2 import APEv2
    fd, path = tempfile.mkstemp(suffix=".mp3")
    try:
        os.write(fd, audio)
        os.close(fd)
        tag = APEv2()
        tag["Title"] = title
        tag.save(path)
        with open(path, "rb") as handle:
            return handle.read()
    finally:
        os.unlink(path)


def id3_mp3(audio: bytes, *frames) -> bytes:
    from mutagen.id3 import ID3
    tags = ID3()
    for frame in frames:
        tags.add(frame)
    out = io.BytesIO(audio)
    tags.save(out, v2_version=3)
    return out.getvalue()


def id3_compressed_title(audio: bytes, title: str) -> bytes:
    """An ID3v2.3 TIT2 frame compressed with zlib (frame flag 0x0080)."""
    payload = b"\x00" + title.encode("latin-1")
    body = struct.pack(">I", len(payload)) + zlib.compress(payload)
    frame = b"TIT2" + struct.pack(">I", len(body)) + b"\x00\x80" + body
    size = len(frame)
    synchsafe = bytes([(size >> 21) & 0x7F, (size >> 14) & 0x7F, (size >> 7) & 0x7F, size & 0x7F])
    return b"ID3\x03\x00\x00" + synchsafe + frame + audio


def _atom(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", 8 + len(body)) + kind + body


def m4a_lyrics(text: str) -> bytes:
    """A minimal MPEG-4 audio file whose iTunes lyrics atom (©lyr) holds `text`."""
    matrix = b"\x00\x01\x00\x00" + b"\0" * 12 + b"\x00\x01\x00\x00" + b"\0" * 12 + b"\x40\x00\x00\x00"
    mvhd = _atom(b"mvhd", b"\0" * 12 + struct.pack(">II", 1000, 1000) + b"\x00\x01\x00\x00\x01\x00" + b"\0" * 10
                 + matrix + b"\0" * 24 + struct.pack(">I", 2))
    lyrics = _atom(b"\xa9lyr", _atom(b"data", struct.pack(">II", 1, 0) + text.encode()))
    meta = _atom(b"meta", b"\0\0\0\0" + _atom(b"hdlr", b"\0" * 8 + b"mdirappl" + b"\0" * 9) + _atom(b"ilst", lyrics))
    return (_atom(b"ftyp", b"M4A \0\0\0\0M4A mp42isom") + _atom(b"moov", mvhd + _atom(b"udta", meta))
            + _atom(b"mdat", b"\0" * 64))


def wav_titled(title: str) -> bytes:
    fmt = b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, 8000, 8000, 1, 8)
    data = b"data" + struct.pack("<I", 800) + b"\x80" * 800
    info = b"INFO" + b"INAM" + struct.pack("<I", len(title) + 1) + title.encode() + b"\x00"
    info += b"\x00" * (len(info) % 2)
    body = b"WAVE" + fmt + data + b"LIST" + struct.pack("<I", len(info)) + info
    return b"RIFF" + struct.pack("<I", len(body)) + body


def zip_method(text: str, method: int) -> bytes:
    """A zip whose one member says it is compressed with `method` (9 = Deflate64, which 7-Zip and
    Windows read; a plain deflate stream is a valid Deflate64 stream)."""
    data = bytearray(zip_of({"notes.txt": text}))
    local, central = data.find(b"PK\x03\x04"), data.find(b"PK\x01\x02")
    data[local + 8:local + 10] = struct.pack("<H", method)
    data[central + 10:central + 12] = struct.pack("<H", method)
    return bytes(data)


def eml(headers: str, body: bytes) -> bytes:
    return ("From: a@example.org\r\nTo: b@example.org\r\nMIME-Version: 1.0\r\n" + headers).encode() + b"\r\n\r\n" + body


def eml_subject_encoded(text: str) -> bytes:
    word = base64.b64encode(text.encode()).decode()
    return eml(f"Subject: =?utf-8?B?{word}?=\r\nContent-Type: text/plain; charset=utf-8", b"See you at the panel.\r\n")


def eml_uuencoded(text: str) -> bytes:
    part = b"begin 644 n.txt\r\n" + binascii.b2a_uu(text.encode()) + b"`\r\nend\r\n"
    return eml("Subject: notes\r\nContent-Type: multipart/mixed; boundary=XX",
               b"--XX\r\nContent-Type: text/plain\r\n\r\nHello.\r\n--XX\r\nContent-Type: text/plain; name=n.txt\r\n"
               b"Content-Transfer-Encoding: x-uuencode\r\n\r\n" + part + b"--XX--\r\n")


def gzip_named(name: str, data: bytes) -> bytes:
    """`data` gzipped with `name` as its original file name in the header (gzip -N and 7-Zip show it)."""
    out = io.BytesIO()
    with gzip.GzipFile(filename=name, mode="wb", fileobj=out, mtime=0) as archive:
        archive.write(data)
    return out.getvalue()


def svgz(svg: bytes) -> bytes:
    return gzip.compress(svg, mtime=0)
