"""Which kind of attachment a file is, by its name and its first bytes."""
from __future__ import annotations

import io
import zipfile

PDF, OFFICE, ODF, IMAGE, AUDIO, RTF, OLE = "pdf", "office", "odf", "image", "audio", "rtf", "ole"
ARCHIVE, HTML, SVG, HEIF = "archive", "html", "svg", "heif"  # files holding files; pages; photos not read
OLE_SUFFIXES = (".doc", ".dot", ".xls", ".xlt", ".ppt", ".pps", ".pot")  # Office 97-2003 (not Outlook's .msg)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OFFICE_SUFFIXES = (".docx", ".docm", ".dotx", ".xlsx", ".xlsm", ".pptx", ".pptm")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp", ".gif")
HEIF_SUFFIXES = (".heic", ".heif", ".avif", ".hif")
HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"avif", b"avis")
AUDIO_SUFFIXES = (".mp3", ".m4a", ".mp4", ".m4b", ".m4v", ".mov", ".3gp", ".aac", ".ogg", ".oga", ".opus", ".flac",
                  ".wav", ".aif", ".aiff")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG", b"II*\x00", b"MM\x00*", b"GIF8")
_PACKED = ("gzip", "xz", "bzip2", "tar")


def kind_of(name: str, data: bytes) -> str | None:
    """'pdf', 'office', 'odf', 'image', 'audio', 'rtf', 'ole' (Office 97-2003), 'archive' (zip,
    e-mail, Outlook message, tar and compressed files), 'html', 'svg' or 'heif'; None for a file
    these checks do not cover."""
    from lscp_kit.audit.readers import structured_kind

    lower = name.lower()
    if data[:4] == b"PK\x03\x04":
        return _zip_kind(data) or (OFFICE if lower.endswith(OFFICE_SUFFIXES) else ARCHIVE)
    structured = structured_kind(name, data)
    if structured in _PACKED:
        return ARCHIVE
    if data[:1024].lstrip().startswith(b"%PDF") or b"%PDF-" in data[:1024] or lower.endswith(".pdf"):
        return PDF
    if lower.endswith(HEIF_SUFFIXES) or (data[4:8] == b"ftyp" and data[8:12] in HEIF_BRANDS):
        return HEIF
    if data[:64].lstrip()[:5] == b"{\\rtf":
        return RTF
    if data[:8] == _OLE_MAGIC and lower.endswith(OLE_SUFFIXES):
        return OLE
    if lower.endswith(IMAGE_SUFFIXES) or data.startswith(_IMAGE_MAGIC) or data[8:12] == b"WEBP":
        return IMAGE
    if lower.endswith(AUDIO_SUFFIXES) or data[:3] == b"ID3" or data[:4] in (b"OggS", b"fLaC", b"FORM") \
            or data[4:8] == b"ftyp" or (data[:4] == b"RIFF" and data[8:12] == b"WAVE"):
        return AUDIO
    if structured == "eml" or (structured == "ole" and lower.endswith(".msg")):
        return ARCHIVE
    if lower.endswith(HTML_SUFFIXES):
        return HTML
    if lower.endswith(".svg"):
        return SVG
    return None


def _zip_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    if "[Content_Types].xml" in names and names & {"word/document.xml", "xl/workbook.xml", "ppt/presentation.xml"}:
        return OFFICE
    if "content.xml" in names or "mimetype" in names and "META-INF/manifest.xml" in names:
        return ODF
    return None
