"""Files inside files, checked like the files themselves: every member of a zip, tar or
compressed file, every attachment of an e-mail or an Outlook message, the files embedded in an
Office or OpenDocument file (embeddings, pictures and media) and the pictures in audio tags.
They are unpacked by the leak audit's readers (`lscp_kit.audit.readers`), within the same limit
on what one published file may unpack to. What they cannot unpack (past the limit, encrypted,
damaged) is not checked further here: the leak audit refuses that file, listing every such file
of a build at once."""
from __future__ import annotations

import functools
import re
from typing import Callable

from lscp_kit.audit.readers import archives, mail, media, office, structured_kind
from lscp_kit.audit.readers.base import Context, Readings, Refused
from lscp_kit.checks.kinds import ARCHIVE, AUDIO, ODF, OFFICE, kind_of

UNPACKED = (ARCHIVE, OFFICE, ODF, AUDIO)  # the kinds whose files inside are checked
_UNPACK = {"zip": archives.read_zip, "tar": archives.read_tar, "gzip": archives.read_gzip, "xz": archives.read_xz,
           "bzip2": archives.read_bzip2, "eml": mail.read_mail, "ole": office.read_ole}
# the parts of an Office or OpenDocument file that are files of their own
EMBEDDED = re.compile(r"^(?:(?:word|ppt|xl)/(?:embeddings|media)/|Pictures/)", re.IGNORECASE)
Facts = Callable[[str, bytes, Context], "dict | None"]


def add_inside(name: str, data: bytes, kind: str, found: dict, ctx: Context | None, facts_of: Facts) -> None:
    """Put the facts of every file inside `data` (a file of `kind`) in `found["inside"]` as
    [path inside, facts] (only files where something was found)."""

    def collect(inner: str, blob: bytes, child: Context) -> Readings:
        unpack = _container(inner, blob)
        if unpack is not None:
            try:
                return unpack(inner, blob, child)
            except Refused:
                raise
            except Exception:  # a damaged file inside: the leak audit refuses it
                return Readings()
        sub = facts_of(inner, blob, child)
        if sub is not None:
            found["inside"] += sub.pop("inside", [])
            if any(sub[key] for key in ("redaction", "history", "location", "meta", "refused")):
                found["inside"].append([where(child.path), sub])
        return Readings()

    reader = media.read_audio if kind == AUDIO else _reader(name, data)
    if kind in (OFFICE, ODF):
        reader = functools.partial(archives.read_zip, keep=EMBEDDED.match)  # its own parts: its checks read them
    if reader is None:
        return
    inner = Context(collect, ctx.path, ctx.budget) if ctx else Context(collect)
    try:
        reader(name, data, inner)
    except Exception:  # past the limit (Refused), encrypted or damaged: the leak audit refuses it
        return


def _container(name: str, data: bytes):
    """The reader that unpacks `name`, when it is only a container of files (a zip that is not
    an Office file, an e-mail, an Outlook message, a tar or compressed file)."""
    return _reader(name, data) if kind_of(name, data) == ARCHIVE else None


def _reader(name: str, data: bytes):
    """The readers' unpacker of a zip (by its first bytes: a PDF stored first is not the file),
    an e-mail, an Outlook message, a tar or a compressed file."""
    return archives.read_zip if data[:4] == b"PK\x03\x04" else _UNPACK.get(structured_kind(name, data) or "")


def where(path: tuple[str, ...]) -> str:
    """`a.zip/notes.docx`: a file inside, by the names of the files it is in."""
    return "/".join("a picture or object in its tags" if part == "tag" else part for part in path)
