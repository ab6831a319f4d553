"""Attachments made by code for the attachment checks: PDFs (pikepdf), Office zips, images, audio."""
from __future__ import annotations

import io
import re
import zipfile

import pikepdf
from PIL import Image

HELVETICA = {"/Type": "/Font", "/Subtype": "/Type1", "/BaseFont": "/Helvetica"}


def _text(lines: list[str], x: float = 72, y: float = 720, size: float = 12, extra: str = "") -> bytes:
    ops = [f"BT /F1 {size} Tf {extra} {x} {y} Td {size + 4} TL"]
    ops += [f"({line}) Tj T*" for line in lines]
    return (" ".join(ops) + " ET\n").encode()


def pdf(pages: list[bytes], title: str | None = "A review", lang: str | None = "en-GB", tagged: bool = True,
        info: dict[str, str] | None = None, root_extra: dict | None = None) -> bytes:
    """A PDF whose pages draw `pages` (content streams) in Helvetica; title, language and a
    structure tree as an accessible document has them, unless told otherwise."""
    doc = pikepdf.new()
    font = doc.make_indirect(pikepdf.Dictionary({k: pikepdf.Name(v) for k, v in HELVETICA.items()}))
    for stream in pages:
        page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 612, 792],
                                  Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
                                  Contents=doc.make_stream(stream))
        doc.pages.append(pikepdf.Page(page))
    if tagged:
        doc.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
        doc.Root.StructTreeRoot = doc.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
    if lang:
        doc.Root.Lang = pikepdf.String(lang)
    fields = dict(info or {})
    if title:
        fields["Title"] = title
    if fields:
        doc.trailer.Info = doc.make_indirect(pikepdf.Dictionary({f"/{k}": pikepdf.String(v) for k, v in fields.items()}))
    for key, value in (root_extra or {}).items():
        doc.Root[key] = value(doc) if callable(value) else value
    out = io.BytesIO()
    doc.save(out, static_id=True, object_stream_mode=pikepdf.ObjectStreamMode.disable, compress_streams=False)
    return out.getvalue()


def text_pdf(lines: list[str], **kw) -> bytes:
    return pdf([_text(lines)], **kw)


def boxed_pdf() -> bytes:
    """Live text with a black rectangle drawn over the name on its second line: a redaction that
    does not hold."""
    body = _text(["The review was led by the panel.", "The mother, Jane Smith, told the panel."])
    return pdf([body + b"0 0 0 rg 136 698 62 16 re f\n"])


def white_pdf() -> bytes:
    return pdf([_text(["The review was led by the panel."]) + b"1 1 1 rg " + _text(["Jane Smith lives here."], y=600)])


def invisible_pdf() -> bytes:
    return pdf([_text(["The review was led by the panel."]) + _text(["Jane Smith lives here."], y=600, extra="3 Tr")])


def tiny_pdf() -> bytes:
    return pdf([_text(["The review was led by the panel."]) + _text(["Jane Smith lives here."], y=600, size=0.4)])


def offpage_pdf() -> bytes:
    return pdf([_text(["The review was led by the panel."]) + _text(["Jane Smith lives here."], x=900, y=600)])


def dark_banner_pdf() -> bytes:
    """White text on a dark banner drawn BEFORE it: an ordinary heading, not a redaction."""
    return pdf([b"0.1 0.1 0.3 rg 0 700 612 60 re f\n1 1 1 rg " + _text(["Learning from the review"], y=720)
                + b"0 0 0 rg " + _text(["The panel met twice."], y=600)])


def redact_annotation_pdf() -> bytes:
    data = text_pdf(["The mother, Jane Smith, told the panel."])
    doc = pikepdf.open(io.BytesIO(data))
    doc.pages[0].Annots = doc.make_indirect(pikepdf.Array([doc.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Redact, Rect=[150, 698, 240, 714]))]))
    out = io.BytesIO()
    doc.save(out, static_id=True)
    return out.getvalue()


def javascript_pdf() -> bytes:
    def action(doc):
        return doc.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)")))
    return text_pdf(["The panel met twice."], root_extra={"/OpenAction": action})


def embedded_file_pdf() -> bytes:
    data = text_pdf(["The panel met twice."])
    doc = pikepdf.open(io.BytesIO(data))
    doc.attachments["notes.txt"] = pikepdf.AttachedFileSpec(doc, b"Jane Smith's notes", mime_type="text/plain")
    out = io.BytesIO()
    doc.save(out, static_id=True)
    return out.getvalue()


def incremental_pdf(first: list[str], final: list[str]) -> bytes:
    """A PDF saved with `first` as its text, then updated incrementally (appended objects, a
    second xref and %%EOF) to show `final`: the first revision is still in the file."""
    data = text_pdf(first)
    doc = pikepdf.open(io.BytesIO(data))
    page = doc.pages[0].obj
    page_num, size = page.objgen[0], len(doc.objects) + 1
    prev = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    stream = _text(final)
    out = bytearray(data)
    offsets = {}
    offsets[size] = len(out)
    out += b"%d 0 obj\n<< /Length %d >>\nstream\n" % (size, len(stream)) + stream + b"\nendstream\nendobj\n"
    font = page.Resources.Font.F1.objgen[0]
    offsets[page_num] = len(out)
    parent = page.Parent.objgen[0]
    out += (b"%d 0 obj\n<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >>"
            b" /Contents %d 0 R >>\nendobj\n" % (page_num, parent, font, size))
    xref = len(out)
    out += b"xref\n0 1\n0000000000 65535 f \n"
    for num in sorted(offsets):
        out += b"%d 1\n%010d 00000 n \n" % (num, offsets[num])
    root = doc.Root.objgen[0]
    info = doc.trailer.Info.objgen[0]
    out += (b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n"
            % (size + 1, root, info, prev, xref))
    return bytes(out)


def long_pdf(pages: int = 24) -> bytes:
    """A report of `pages` pages of ordinary text (for timing the checks)."""
    para = "The partnership reviewed how agencies worked together and what they will change next"
    return pdf([_text([f"{para} ({n}.{i})." for i in range(40)], y=760, size=9) for n in range(pages)])


# --- Office -----------------------------------------------------------------------------------

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CORE = ('<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/'
        'package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">{}</cp:coreProperties>')


def docx(paragraphs: str = "<w:p><w:r><w:t>The panel met twice.</w:t></w:r></w:p>", comments: bool = False,
         core: str = "", app: str = "") -> bytes:
    """A Word document: `paragraphs` (WordprocessingML body XML), an optional comments part and
    core/app properties."""
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                               'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
        "word/document.xml": f'<?xml version="1.0"?><w:document {W}><w:body>{paragraphs}</w:body></w:document>',
    }
    if comments:
        parts["word/comments.xml"] = (f'<?xml version="1.0"?><w:comments {W}><w:comment w:id="0" w:author="Jane Smith">'
                                      '<w:p><w:r><w:t>Check with the mother first</w:t></w:r></w:p></w:comment></w:comments>')
    if core:
        parts["docProps/core.xml"] = CORE.format(core)
    if app:
        parts["docProps/app.xml"] = ('<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/'
                                     f'officeDocument/2006/extended-properties">{app}</Properties>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0)), text)
    return out.getvalue()


def tracked_docx() -> bytes:
    """A comment and a tracked deletion of a name."""
    body = ('<w:p><w:r><w:t>The mother </w:t></w:r><w:del w:id="1" w:author="A"><w:r><w:delText>Jane Smith '
            '</w:delText></w:r></w:del><w:r><w:t>told the panel.</w:t></w:r></w:p>')
    return docx(body, comments=True)


# --- Images and audio -------------------------------------------------------------------------

def jpeg(gps: bool = False, artist: str | None = None) -> bytes:
    image = Image.new("RGB", (16, 16), (200, 120, 40))
    exif = Image.Exif()
    if artist:
        exif[0x013B] = artist
    if gps:
        exif[0x8825] = {1: "N", 2: (52.0, 12.0, 30.0), 3: "W", 4: (1.0, 8.0, 0.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes() if len(exif) else b"")
    return out.getvalue()


def mp3(title: str | None = None, artist: str | None = None) -> bytes:
    """A short silent MP3 frame run with optional ID3 tags."""
    from mutagen.id3 import ID3, TIT2, TPE1
    frame = b"\xff\xfb\x90\x64" + b"\x00" * 413
    data = frame * 20
    if not (title or artist):
        return data
    tags = ID3()
    if title:
        tags.add(TIT2(encoding=3, text=title))
    if artist:
        tags.add(TPE1(encoding=3, text=artist))
    out = io.BytesIO(data)
    tags.save(out)
    return out.getvalue()
