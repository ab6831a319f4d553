"""Legacy Office and Outlook files (OLE compound files: .doc, .xls, .ppt, .msg, ...) read stream
by stream, as olefile gives them whole (a string split across sectors of the file is whole in
its stream): every stream's name, its UTF-16LE text and its 8-bit (Windows-1252) text runs, where
Word, PowerPoint and Outlook keep their text; a workbook's cells and sheet names as Excel shows
them (xlrd joins strings split over CONTINUE records); Outlook attachments read as nested files.
A file protected by a password, or whose structure olefile finds incorrect, is refused."""
from __future__ import annotations

import re
import struct

from lscp_kit.audit.readers.base import Context, Readings, Refused
from lscp_kit.audit.readers.text import utf16_runs

RESAVE = "open it in its program and save it again (or as PDF) and publish that"
PASSWORD = "remove the password (save a copy without one) and publish that"
_RUNS = re.compile(rb"[\t\n\r\x20-\x7e\x80-\xff]{4,}")
_ENCRYPTED_STREAMS = ("encryptedpackage", "encryptioninfo", "encryptedsummary")
_ATTACHMENT_DATA = "__substg1.0_37010102"
_ATTACHMENT_NAMES = ("__substg1.0_3707001F", "__substg1.0_3704001F", "__substg1.0_3707001E", "__substg1.0_3704001E")


def read_ole(name: str, data: bytes, ctx: Context) -> Readings:
    import olefile

    try:
        ole = olefile.OleFileIO(data, raise_defects=olefile.DEFECT_INCORRECT)
    except (OSError, olefile.OleFileError, ValueError, struct.error, IndexError) as error:
        raise Refused(f"the Office file is damaged ({error}): {RESAVE}") from None
    with ole:
        streams = ole.listdir(streams=True, storages=False)
        found = Readings(text=["\n".join("/".join(path) for path in streams)])
        ctx.budget.charge(sum(ole.get_size(path) for path in streams))
        contents = {tuple(path): ole.openstream(path).read() for path in streams}
    _refuse_encrypted(contents)
    for path, blob in contents.items():
        found.text += _stream_texts(path[-1], blob)
    if ("Workbook",) in contents or ("Book",) in contents:
        found.text += _workbook(data)
    for path, blob in contents.items():
        if path[-1] == _ATTACHMENT_DATA:
            found.extend(ctx.nested(_attachment_name(path, contents), blob))
    return found


def _refuse_encrypted(contents: dict[tuple[str, ...], bytes]) -> None:
    """A password-protected Office file keeps its text encrypted: refused, never read as noise."""
    names = {path[-1].lower() for path in contents}
    word = contents.get(("WordDocument",), b"")
    if names & set(_ENCRYPTED_STREAMS) or (len(word) > 12 and struct.unpack("<H", word[10:12])[0] & 0x0100):
        raise Refused(f"the Office file is protected by a password: {PASSWORD}")


def _stream_texts(stream: str, blob: bytes) -> list[str]:
    """A stream's text: a string property of an Outlook item whole (…001F UTF-16, …001E 8-bit);
    any other stream as its UTF-16 runs (both alignments) and its 8-bit runs."""
    if stream.endswith("001F"):
        return [blob.decode("utf-16-le", errors="replace")]
    if stream.endswith("001E"):
        return [blob.decode("cp1252", errors="replace")]
    texts = utf16_runs(blob)
    runs = _RUNS.findall(blob)
    if runs:
        texts.append("\n".join(run.decode("cp1252", errors="replace") for run in runs))
    return texts


def _workbook(data: bytes) -> list[str]:
    """Every sheet's name and cells as Excel shows them."""
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, logfile=_Quiet(), ragged_rows=True)
    except xlrd.XLRDError as error:
        if "encrypt" in str(error).lower():
            raise Refused(f"the workbook is protected by a password: {PASSWORD}") from None
        raise Refused(f"the workbook could not be read ({error}): {RESAVE}") from None
    out = list(book.sheet_names())
    for sheet in book.sheets():
        for row in range(sheet.nrows):
            out += [str(cell.value) for cell in sheet.row(row) if cell.value not in ("", None)]
    return ["\n".join(out)]


class _Quiet:
    """xlrd's log: discarded (what it would say about a file is not for the build's output)."""

    def write(self, text: str) -> None:
        pass


def _attachment_name(path: tuple[str, ...], contents: dict[tuple[str, ...], bytes]) -> str:
    """An Outlook attachment's file name, from its long or short name property."""
    for stream in _ATTACHMENT_NAMES:
        blob = contents.get(path[:-1] + (stream,))
        if blob:
            codec = "utf-16-le" if stream.endswith("F") else "cp1252"
            return blob.decode(codec, errors="replace").rstrip("\x00") or "attachment"
    return "attachment"
