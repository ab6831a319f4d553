"""Private copies of the public attachments, kept between builds, so a build copies only what
changed.

The staged tree and the built site hard-link these copies, never content/ itself: a file saved
in place in content/ (as some editors do) cannot reach a built site without a build and its
audit, and a tool that rewrites a file of site/ in place cannot change content/. A copy is
reused only while the content file's identity, size, modification and change times (the change
time cannot be set by hand) and the copy's own size and modification time are as recorded;
anything else, or a missing or unreadable record, means a fresh copy.
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Iterable

MANIFEST = "manifest.json"


def _identity(path: Path) -> list[int]:
    info = os.stat(path, follow_symlinks=False)
    return [info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns]


def _own(path: Path) -> list[int]:
    info = os.stat(path, follow_symlinks=False)
    return [info.st_size, info.st_mtime_ns]


class CopyStore:
    """A folder of copies of content files, by content path, with a record of what each copies."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.copied = 0
        try:
            record = json.loads((self.folder / MANIFEST).read_text(encoding="utf-8"))
            self.record: dict[str, list] = record if isinstance(record, dict) else {}
        except (OSError, ValueError):
            self.record = {}

    def copy_of(self, rel: str, source: Path) -> Path:
        """The private copy of content file `source` (at content path `rel`), made afresh
        unless the recorded one is still exact."""
        copy = self.folder / "files" / rel
        wanted = _identity(source)
        try:
            if self.record.get(rel) == [wanted, _own(copy)] and not copy.is_symlink():
                return copy
        except OSError:
            pass
        copy.parent.mkdir(parents=True, exist_ok=True)
        partial = copy.with_name(f".partial-{os.getpid()}-{copy.name}")
        shutil.copy2(source, partial, follow_symlinks=False)
        os.replace(partial, copy)
        self.record[rel] = [wanted, _own(copy)]
        self.copied += 1
        return copy

    def keep_only(self, rels: Iterable[str]) -> None:
        """Forget and delete every copy not in `rels` (what is no longer public goes), then
        save the record."""
        keep = set(rels)
        self.record = {rel: value for rel, value in self.record.items() if rel in keep}
        files = self.folder / "files"
        if files.is_dir():
            for dirpath, dirnames, filenames in os.walk(files, topdown=False):
                for name in filenames:
                    path = Path(dirpath, name)
                    if path.relative_to(files).as_posix() not in keep:
                        path.unlink()
                for name in dirnames:
                    path = Path(dirpath, name)
                    if path.is_symlink() or not any(path.iterdir()):
                        path.unlink() if path.is_symlink() else path.rmdir()
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = self.folder / f".{MANIFEST}.{os.getpid()}"
        partial.write_text(json.dumps(self.record, sort_keys=True), encoding="utf-8")
        os.replace(partial, self.folder / MANIFEST)
