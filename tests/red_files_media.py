"""Red-team pictures, recordings and containers (archives, e-mail, HTML, SVG, HEIC) for issue 19."""
from __future__ import annotations

import io
import struct
import zlib

from PIL import Image

import attachment_fixtures as fx
from red_files_base import NAME, _xmp, _zip, makers
from red_files_pdf import white_gray_text


# --- Images ----------------------------------------------------------------------------------

XMP_GPS = f"<dc:creator><rdf:Seq><rdf:li>{NAME}</rdf:li></rdf:Seq></dc:creator>" \
          "<exif:GPSLatitude>52,12.5N</exif:GPSLatitude><exif:GPSLongitude>1,8.0W</exif:GPSLongitude>"


def _image(fmt: str, **kw) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 120, 40)).save(out, fmt, **kw)
    return out.getvalue()


def _jpeg_segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload


def _jpeg_with(segment: bytes) -> bytes:
    data = _image("JPEG")
    return data[:2] + segment + data[2:]


def jpg_xmp_gps() -> bytes:
    """GPS and the photographer in XMP, with no EXIF at all."""
    return _jpeg_with(_jpeg_segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + _xmp(XMP_GPS).encode()))


def jpg_extended_xmp_gps() -> bytes:
    """GPS in Extended XMP (the second APP1 XMP segment Photoshop writes when XMP outgrows 64 KB)."""
    main = _xmp('<xmpNote:HasExtendedXMP xmlns:xmpNote="http://ns.adobe.com/xmp/note/">ABC</xmpNote:HasExtendedXMP>')
    more = _xmp("<exif:GPSLatitude>52,12.5N</exif:GPSLatitude><exif:GPSLongitude>1,8.0W</exif:GPSLongitude>").encode()
    extended = b"http://ns.adobe.com/xmp/extension/\x00" + b"ABC".ljust(32, b"0") + struct.pack(">II", len(more), 0)
    return _jpeg_with(_jpeg_segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + main.encode())
                      + _jpeg_segment(0xE1, extended + more))


def jpg_iptc() -> bytes:
    """IPTC By-line (2:80) and Caption (2:120) in a Photoshop APP13 block."""
    def ds(tag: int, value: str) -> bytes:
        return b"\x1c\x02" + bytes([tag]) + struct.pack(">H", len(value)) + value.encode()
    iptc = ds(80, NAME) + ds(120, f"{NAME} at home")
    block = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(iptc)) + iptc
    return _jpeg_with(_jpeg_segment(0xED, b"Photoshop 3.0\x00" + block))


def jpg_comment() -> bytes:
    """A JPEG COM segment."""
    return _jpeg_with(_jpeg_segment(0xFE, f"{NAME} at home".encode()))


def jpg_exif_description() -> bytes:
    exif = Image.Exif()
    exif[0x010E] = f"{NAME} at home"  # ImageDescription
    exif[0x9C9B] = NAME.encode("utf-16-le")  # XPTitle
    return _image("JPEG", exif=exif.tobytes())


def jpg_gps_ifd_only_latitude() -> bytes:
    """A GPS IFD holding a position but no latitude reference tags."""
    exif = Image.Exif()
    exif[0x8825] = {2: (52.0, 12.0, 30.0), 4: (1.0, 8.0, 0.0)}
    return _image("JPEG", exif=exif.tobytes())


def jpg_camera_owner() -> bytes:
    """The camera owner's name and a user comment in the EXIF sub-IFD."""
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0xA430] = NAME
    exif.get_ifd(0x8769)[0x9286] = b"ASCII\0\0\0" + f"{NAME} at home".encode()
    return _image("JPEG", exif=exif.tobytes())


def jpg_app15() -> bytes:
    """An application segment (APP15) no reader of EXIF, XMP or IPTC looks at."""
    return _jpeg_with(_jpeg_segment(0xEF, f"{NAME} at home".encode()))


def jpg_trailing() -> bytes:
    """Bytes after the JPEG's end marker."""
    return _image("JPEG") + f"{NAME} original.jpg".encode()


def png_private_chunk() -> bytes:
    data = _image("PNG")
    at = data.index(b"IEND") - 4
    chunk = struct.pack(">I", len(NAME)) + b"prVt" + NAME.encode() + struct.pack(">I", zlib.crc32(b"prVt" + NAME.encode()))
    return data[:at] + chunk + data[at:]


def png_trailing() -> bytes:
    return _image("PNG") + NAME.encode()


def png_text() -> bytes:
    from PIL.PngImagePlugin import PngInfo
    info = PngInfo()
    info.add_text("Comment", f"{NAME} at home")
    return _image("PNG", pnginfo=info)


def png_itxt_compressed() -> bytes:
    from PIL.PngImagePlugin import PngInfo
    info = PngInfo()
    info.add_itxt("Description", f"{NAME} at home", zip=True)
    info.add_text("Author", NAME, zip=True)
    return _image("PNG", pnginfo=info)


def png_xmp_gps() -> bytes:
    from PIL.PngImagePlugin import PngInfo
    info = PngInfo()
    info.add_itxt("XML:com.adobe.xmp", _xmp(XMP_GPS))
    return _image("PNG", pnginfo=info)


def png_exif_gps() -> bytes:
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (52.0, 12.0, 30.0), 3: "W", 4: (1.0, 8.0, 0.0)}
    return _image("PNG", exif=exif.tobytes())


def webp_exif_gps() -> bytes:
    exif = Image.Exif()
    exif[0x013B] = NAME
    exif[0x8825] = {1: "N", 2: (52.0, 12.0, 30.0), 3: "W", 4: (1.0, 8.0, 0.0)}
    return _image("WEBP", exif=exif.tobytes())


def webp_xmp() -> bytes:
    return _image("WEBP", xmp=_xmp(XMP_GPS).encode())


def gif_comment() -> bytes:
    return _image("GIF", comment=f"{NAME} at home".encode())


def tif_artist() -> bytes:
    return _image("TIFF", tiffinfo={315: NAME, 270: f"{NAME} at home"})


# --- Audio -----------------------------------------------------------------------------------

def _id3(*frames) -> bytes:
    from mutagen.id3 import ID3
    tags = ID3()
    for frame in frames:
        tags.add(frame)
    out = io.BytesIO(fx.mp3())
    tags.save(out)
    return out.getvalue()


def mp3_txxx() -> bytes:
    from mutagen.id3 import TXXX
    return _id3(TXXX(encoding=3, desc="interviewee", text=NAME))


def mp3_comm() -> bytes:
    from mutagen.id3 import COMM
    return _id3(COMM(encoding=3, lang="eng", desc="", text=f"Interview with {NAME}"))


def mp3_lyrics() -> bytes:
    from mutagen.id3 import USLT
    return _id3(USLT(encoding=3, lang="eng", desc="", text=f"Transcript: {NAME} said"))


def mp3_picture_description() -> bytes:
    from mutagen.id3 import APIC
    return _id3(APIC(encoding=3, mime="image/jpeg", type=3, desc=f"{NAME} at home", data=fx.jpeg(gps=True)))


def mp3_id3v1() -> bytes:
    """An ID3v1 tag (the last 128 bytes) naming the artist."""
    tag = b"TAG" + b"Interview".ljust(30, b"\0") + NAME.encode().ljust(30, b"\0") + b"".ljust(30, b"\0") \
        + b"2026" + b"".ljust(30, b"\0") + b"\xff"
    return fx.mp3() + tag


def mp3_trailing() -> bytes:
    """Bytes after the last MP3 frame (no tag)."""
    return fx.mp3() + f"{NAME} interview".encode()


def mp3_ape() -> bytes:
    """An APEv2 tag after the frames."""
    from mutagen.apev2 import APEv2
    path = io.BytesIO(fx.mp3())
    tags = APEv2()
    tags["Artist"] = NAME
    tags.save(path)
    return path.getvalue()


def _block(kind: int, payload: bytes, last: bool = False) -> bytes:
    return bytes([kind | (0x80 if last else 0)]) + len(payload).to_bytes(3, "big") + payload


def flac_vorbis() -> bytes:
    """A FLAC stream whose Vorbis comment names the artist."""
    info = struct.pack(">HHBBBBBB", 4096, 4096, 0, 0, 0, 0, 0, 0) + (44100 << 44 | 15 << 36).to_bytes(8, "big")
    comments = [f"ARTIST={NAME}".encode(), f"DESCRIPTION=Interview with {NAME}".encode()]
    vorbis = struct.pack("<I", 4) + b"test" + struct.pack("<I", len(comments))
    vorbis += b"".join(struct.pack("<I", len(c)) + c for c in comments)
    return b"fLaC" + _block(0, info + b"\0" * 16) + _block(4, vorbis, last=True) + b"\xff\xf8" + b"\0" * 64


def _atom(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload) + 8) + kind + payload


def _m4a(items: bytes) -> bytes:
    hdlr = _atom(b"hdlr", b"\0" * 8 + b"mdirappl" + b"\0" * 9)
    mvhd = _atom(b"mvhd", b"\0" * 12 + struct.pack(">II", 1000, 0) + b"\0\x01\0\0\x01\0" + b"\0" * 10
                 + b"\0\x01\0\0" + b"\0" * 12 + b"\0\x01\0\0" + b"\0" * 12 + b"\x40\0\0\0" + b"\0" * 24 + b"\0\0\0\x02")
    moov = _atom(b"moov", mvhd + _atom(b"udta", _atom(b"meta", b"\0" * 4 + hdlr + _atom(b"ilst", items))))
    return _atom(b"ftyp", b"M4A \0\0\0\0M4A isom") + moov + _atom(b"mdat", b"")


def _item(kind: bytes, text: str) -> bytes:
    return _atom(kind, _atom(b"data", struct.pack(">II", 1, 0) + text.encode()))


def m4a_tags() -> bytes:
    """An M4A whose ©nam and ©ART atoms name the child."""
    return _m4a(_item(b"\xa9nam", f"Interview with {NAME}") + _item(b"\xa9ART", NAME))


def m4a_comment() -> bytes:
    """An M4A whose ©cmt atom and an iTunes free-form atom name the child."""
    free = _atom(b"----", _atom(b"mean", b"\0" * 4 + b"com.apple.iTunes") + _atom(b"name", b"\0" * 4 + b"GUEST")
                 + _atom(b"data", struct.pack(">II", 1, 0) + NAME.encode()))
    return _m4a(_item(b"\xa9cmt", f"Interview with {NAME}") + free)


def m4a_gps() -> bytes:
    """A recording (an iPhone voice memo) with the place it was made (the ©xyz atom)."""
    return _m4a(_item(b"\xa9xyz", "+52.2089+000.1218/"))


def mp4_gps() -> bytes:
    """A phone video (the same atoms as an M4A) with where it was filmed."""
    return m4a_gps()


def mov_gps() -> bytes:
    return m4a_gps()


def wav_info() -> bytes:
    """A WAV with a LIST/INFO chunk naming the artist."""
    fmt = _riff(b"fmt ", struct.pack("<HHIIHH", 1, 1, 8000, 16000, 2, 16))
    info = _riff(b"LIST", b"INFO" + _riff(b"IART", NAME.encode() + b"\0") + _riff(b"ICMT", f"{NAME} interview".encode()))
    body = b"WAVE" + fmt + _riff(b"data", b"\0" * 800) + info
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _riff(kind: bytes, payload: bytes) -> bytes:
    return kind + struct.pack("<I", len(payload)) + payload + (b"\0" if len(payload) % 2 else b"")


# --- Containers and other formats ------------------------------------------------------------

def _summary_information(author: str) -> bytes:
    """An OLE SummaryInformation property set whose Author (PID 4) is `author`."""
    text = author.encode("cp1252") + b"\0"
    text += b"\0" * (-len(text) % 4)
    prop = struct.pack("<II", 0x1E, len(author) + 1) + text
    section = struct.pack("<II", 8 + 8 + len(prop), 1) + struct.pack("<II", 4, 16) + prop
    fmtid = bytes.fromhex("E0859FF2F94F6810AB9108002B27B3D9")
    return struct.pack("<HHI", 0xFFFE, 0, 0) + b"\0" * 16 + struct.pack("<I", 1) + fmtid + struct.pack("<I", 48) + section


def doc_author() -> bytes:
    """A Word 97-2003 file whose summary information names the author."""
    from ole_fixture import ole_file
    return ole_file({"WordDocument": b"\xec\xa5" + b"\x00" * 500 + "The panel met.".encode("utf-16-le"),
                     "1Table": b"\x00" * 64, "\x05SummaryInformation": _summary_information(NAME)})


def eml_boxed_attachment() -> bytes:
    """An e-mail carrying a PDF whose black box does not hold."""
    from email.message import EmailMessage
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "a@example.org", "b@example.org", "Report"
    message.set_content("The report is attached.")
    message.add_attachment(fx.boxed_pdf(), maintype="application", subtype="pdf", filename="report.pdf")
    return message.as_bytes()


def zip_boxed_pdf() -> bytes:
    """An archive holding a PDF whose black box does not hold and a Word file with a tracked deletion."""
    return _zip({"report.pdf": fx.boxed_pdf(), "notes.docx": fx.tracked_docx()})


def zip_tracked_docx() -> bytes:
    return _zip({"notes.docx": fx.tracked_docx()})


def zip_gps_photo() -> bytes:
    return _zip({"photo.jpg": fx.jpeg(gps=True)})


def zip_white_text_pdf() -> bytes:
    """An archive of two PDFs: the first hides the name in white text, the second in a black box."""
    return _zip({"a.pdf": white_gray_text(), "b.pdf": fx.boxed_pdf()})


def msg_boxed_attachment() -> bytes:
    """An Outlook message carrying a PDF whose black box does not hold."""
    from ole_fixture import ole_file
    att = "__attach_version1.0_#00000000/"
    return ole_file({"__substg1.0_0037001F": "Minutes".encode("utf-16-le"),
                     att + "__substg1.0_3707001F": "report.pdf".encode("utf-16-le"),
                     att + "__substg1.0_37010102": fx.boxed_pdf()})


def html_hidden() -> bytes:
    return (f'<html><body><p>The panel met.</p><!-- {NAME} --><p hidden>{NAME}</p>'
            f'<span style="display:none">{NAME}</span></body></html>').encode()


def svg_offcanvas() -> bytes:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><title>{NAME}</title>'
            f'<text x="-999" y="5">{NAME}</text></svg>').encode()


def heic_photo() -> bytes:
    """A HEIC file (iPhone photos): the kit cannot read its EXIF, so it must not publish it unread."""
    return b"\0\0\0\x18ftypheic\0\0\0\0mif1heic" + _atom(b"meta", b"\0" * 4) + f"Exif\0\0{NAME}".encode()


def rtf_annotation() -> bytes:
    """A Rich Text Format file with a comment (annotation) naming the child."""
    return (b"{\\rtf1\\ansi The panel met.{\\*\\atnid A}{\\*\\atnauthor A}\\chatn{\\*\\annotation " + NAME.encode()
            + b"}}")


def rtf_deleted() -> bytes:
    """A tracked deletion (\\deleted) in Rich Text Format."""
    return b"{\\rtf1\\ansi The child {\\deleted " + NAME.encode() + b"} told the panel.}"


def rtf_hidden() -> bytes:
    """Hidden text (\\v) in Rich Text Format."""
    return b"{\\rtf1\\ansi The panel met.{\\v " + NAME.encode() + b"}}"


MEDIA = makers(dict(globals()))
