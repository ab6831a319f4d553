"""Structured readings kept on disk by the SHA-256 of a file's bytes (texts only, never
decisions), under a folder named by the readers' VERSION."""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from lscp_kit.audit.readers.base import Readings

_CACHED = ("text", "markup", "raw", "folded", "problems", "unreadable", "members")


class TextCache:
    """Structured readings kept on disk by SHA-256 of the file's bytes: texts only, never
    decisions. A missing or unreadable entry is simply read again."""

    def __init__(self, folder: Path):
        from lscp_kit.audit.readers import VERSION

        self.folder = Path(folder) / f"v{VERSION}"

    def _path(self, data: bytes, digest: str | None = None) -> Path:
        digest = digest or hashlib.sha256(data).hexdigest()
        return self.folder / digest[:2] / f"{digest}.json"

    def has(self, data: bytes, digest: str | None = None) -> bool:
        """Whether an entry is kept for `data` (not whether it still reads: `get` says that)."""
        return self._path(data, digest).is_file()

    def get(self, data: bytes, digest: str | None = None) -> Readings | None:
        try:
            stored = json.loads(self._path(data, digest).read_text(encoding="utf-8"))
            return Readings(**{key: list(stored[key]) for key in _CACHED})
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, data: bytes, readings: Readings, digest: str | None = None) -> None:
        path = self._path(data, digest)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump({key: getattr(readings, key) for key in _CACHED}, out, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError:
            pass  # a cache that cannot be written only costs time
