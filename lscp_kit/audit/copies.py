"""Hidden items' files by their bytes: a copy under any name is a leak, and the same bytes held
by a public and a hidden item are an error to resolve, never an exemption."""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable, Mapping

from lscp_kit.rules.items import Item

def digest(source: bytes | Path | str) -> bytes | None:
    """SHA-256 of bytes or of a file's contents; None when the file cannot be read."""
    try:
        data = source if isinstance(source, (bytes, bytearray)) else Path(source).read_bytes()
    except OSError:
        return None
    return hashlib.sha256(data).digest()


def hidden_copies(hidden: Iterable[Item], hidden_files: Mapping[str, bytes | Path]) -> dict[bytes, tuple[str, str, bool]]:
    """SHA-256 digest -> (item id, path, whether it is the item's report, briefing or audio) of
    every hidden item's file."""
    copies: dict[bytes, tuple[str, str, bool]] = {}
    for item in hidden:
        named = {a.rsplit("/", 1)[-1] for a in item.attachments}
        for path in item.files:
            if path in hidden_files and (found := digest(hidden_files[path])) is not None:
                copies.setdefault(found, (item.id, path, path.rsplit("/", 1)[-1] in named))
    return copies


def digests(files: Mapping[str, bytes | Path], known: Mapping[str, bytes]) -> dict[str, bytes | None]:
    """The SHA-256 digest of each file (bytes or a path; None when it cannot be read), `known`
    ones not read again."""
    return {path: known.get(path) or digest(source) for path, source in files.items()}


def shared_bytes(copies: dict[bytes, tuple[str, str, bool]],
                 public_digests: Mapping[str, bytes | None]) -> list[tuple[str, str, str]]:
    """(public path, hidden item id, hidden path) for each published file of content/ (path ->
    its digest) whose bytes a hidden item's file has: the same file attached to both is an error
    to resolve, whatever kind of file it is (a hidden review's photograph copied into a public
    newsletter would otherwise be published)."""
    found = []
    for path, known in sorted(public_digests.items()):
        if known in copies:
            ident, hidden_path, _named = copies[known]
            found.append((path, ident, hidden_path))
    return found


def copies_inside(copies: Mapping[bytes, tuple[str, str, bool]], members: Iterable[str]) -> list[tuple[str, str, str]]:
    """(hidden item id, hidden path, path inside) for each file inside a published file (the
    readers' `members`: "<SHA-256 hex> <path inside>") whose bytes a hidden item's file has: a
    hidden report embedded in a public Word file or packed in a zip is a copy all the same."""
    found = []
    for member in members:
        hexdigest, _, inside = member.partition(" ")
        try:
            known = copies.get(bytes.fromhex(hexdigest))
        except ValueError:
            continue
        if known is not None:
            found.append((known[0], known[1], inside))
    return found
