"""Private copies of the public attachments, kept between builds, so a build copies only what
changed.

The staged tree and the built site hard-link these copies, never content/ itself: a file saved
in place in content/ (as some editors do) cannot reach a built site without a build and its
audit, and a tool that rewrites a file of site/ in place cannot change content/. A copy is
reused only while the content file's identity, size, modification and change times (the change
time cannot be set by hand) and the copy's own size and modification time are as recorded;
anything else, or a missing or unreadable record, means a fresh copy. The record also keeps each
copy's SHA-256, which the leak audit (it hashes every output file anyway) compares, so a copy
changed through a link with its size and time kept is found and made again (`digests`,
`refresh`).
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from pathlib import Path
from typing import Iterable

MANIFEST = "manifest.json"


def _identity(info: os.stat_result) -> list[int]:
    """What must not change for a copy to stay exact (the change time cannot be set by hand)."""
    return [info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns]


def _copy(source: Path, dest: Path) -> tuple[list[int], str]:
    """Copy the plain file `source` (never through a link) to `dest`; return the identity of
    what was read, so a change while copying shows at the next build, and the SHA-256 of the
    bytes written."""
    fd = os.open(source, os.O_RDONLY | os.O_NOFOLLOW)
    digest = hashlib.sha256()
    with open(fd, "rb") as data:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(f"{source} is not a regular file")
        with open(dest, "wb") as out:
            while chunk := data.read(1 << 20):
                digest.update(chunk)
                out.write(chunk)
    return _identity(info), digest.hexdigest()


def _complete(entry) -> bool:
    """Whether a record entry has the shape this version writes (the record is only a cache: an
    entry of any other shape, hand-edited or from another version, means a fresh copy)."""
    return isinstance(entry, list) and len(entry) == 3 and isinstance(entry[2], str)


def _own(path: Path) -> list[int]:
    """The copy's size and modification time; a copy that is not a plain file is no copy."""
    info = os.stat(path, follow_symlinks=False)
    if not stat.S_ISREG(info.st_mode):
        raise FileNotFoundError(path)
    return [info.st_size, info.st_mtime_ns]


class CopyStore:
    """A folder of copies of content files, by content path, with a record of what each copies."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.copied = 0
        try:
            record = json.loads((self.folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            record = None
        # without a readable record every copy is made afresh, and stray ones are swept away
        self.trusted = isinstance(record, dict)
        self.recorded: dict[str, list] = record if self.trusted else {}
        partials = self.folder / "partial"
        if partials.is_dir():
            shutil.rmtree(partials)  # what a killed build was copying

    def copy_of(self, rel: str, source: Path) -> Path:
        """The private copy of content file `source` (at content path `rel`), made afresh
        unless the recorded one is still exact."""
        copy = self.folder / "files" / rel
        wanted = _identity(os.stat(source, follow_symlinks=False))
        entry = self.recorded.get(rel)
        try:
            if _complete(entry) and entry[:2] == [wanted, _own(copy)]:
                return copy
        except OSError:
            pass
        return self.refresh(rel, source)

    def refresh(self, rel: str, source: Path) -> Path:
        """A new copy of `source` at `rel` (a new file: links to the old one keep the old bytes)."""
        copy = self.folder / "files" / rel
        partial = self.folder / "partial" / f"{self.copied}"
        partial.parent.mkdir(parents=True, exist_ok=True)
        wanted, digest = _copy(source, partial)
        _clear_way(self.folder / "files", copy)
        copy.parent.mkdir(parents=True, exist_ok=True)
        os.replace(partial, copy)
        self.recorded[rel] = [wanted, _own(copy), digest]
        self.copied += 1
        return copy

    def digests(self) -> dict[str, str]:
        """The SHA-256 each copy had when it was made, by content path: a copy that no longer
        has it was changed through a link (a tool rewriting a file of site/ in place)."""
        return {rel: entry[2] for rel, entry in self.recorded.items() if _complete(entry)}

    def keep_only(self, rels: Iterable[str]) -> None:
        """Delete every copy not in `rels` (what is no longer public goes), then save the record."""
        keep = set(rels)
        files = self.folder / "files"
        if not self.trusted:
            _sweep(files, keep)
        else:
            for rel in set(self.recorded) - keep:
                _remove(files, rel)
        self.recorded = {rel: value for rel, value in self.recorded.items() if rel in keep}
        self.save()

    def save(self) -> None:
        """Write the record."""
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = self.folder / f".{MANIFEST}.{os.getpid()}"
        partial.write_text(json.dumps(self.recorded, sort_keys=True), encoding="utf-8")
        os.replace(partial, self.folder / MANIFEST)
        self.trusted = True


def _clear_way(files: Path, copy: Path) -> None:
    """Make room for `copy` under `files`: a copy where a folder is now needed, or a folder where
    a copy now goes (a content file became a folder of the same name, or back), is removed."""
    folder = files
    for part in copy.relative_to(files).parts[:-1]:
        folder = folder / part
        if os.path.lexists(folder) and (folder.is_symlink() or not folder.is_dir()):
            folder.unlink()
    if copy.is_dir() and not copy.is_symlink():
        shutil.rmtree(copy)


def _remove(files: Path, rel: str) -> None:
    """Delete one copy, and the folders it leaves empty (a copy whose place is now a folder of
    other copies, or inside what is now a copy, is already gone)."""
    path = files / rel
    if path.is_dir() and not path.is_symlink():
        return
    try:
        path.unlink()
    except (FileNotFoundError, NotADirectoryError):
        pass
    folder = (files / rel).parent
    while folder != files and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _sweep(files: Path, keep: set[str]) -> None:
    """Delete everything under `files` but the copies in `keep` (when there is no record)."""
    if not files.is_dir():
        return
    for dirpath, dirnames, filenames in os.walk(files, topdown=False):
        for name in filenames:
            path = Path(dirpath, name)
            if path.relative_to(files).as_posix() not in keep:
                path.unlink()
        for name in dirnames:
            path = Path(dirpath, name)
            if path.is_symlink():
                path.unlink()
            elif not any(path.iterdir()):
                path.rmdir()
