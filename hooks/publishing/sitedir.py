"""The output folder, replaced in one step: at every instant `site/` is the old complete build
or the new one.

`site` is a symbolic link to a versioned folder in `.site-builds/`. A build writes a new
folder there; publishing points a fresh link at it and renames that link over `site` (one
atomic rename). Leftovers of killed builds are removed by the next build, under a lock so two
builds never race.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import fcntl
import os
import shutil
import tempfile
from pathlib import Path

BUILDS = ".site-builds"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class SiteDir:
    """Build folders for one output path (`final`, e.g. ``site``)."""

    def __init__(self, final: Path):
        self.final = final.absolute()
        self.builds = self.final.parent / BUILDS / self.final.name
        self._lock_file = None

    def lock(self) -> None:
        """One build at a time per output folder (released when the process ends)."""
        self.builds.mkdir(parents=True, exist_ok=True)
        self._lock_file = open(self.builds / ".lock", "w")  # noqa: SIM115 - held for the build
        fcntl.flock(self._lock_file, fcntl.LOCK_EX)

    def current(self) -> Path | None:
        """The folder `final` shows now, if it is one of ours."""
        if self.final.is_symlink():
            return Path(os.path.realpath(self.final))
        return None

    def clean(self) -> None:
        """Remove every build folder that `final` does not show (killed or superseded builds)."""
        shown = self.current()
        if not self.builds.exists():
            return
        for entry in self.builds.iterdir():
            if entry.name.startswith(".") or (shown and entry.resolve() == shown):
                continue
            shutil.rmtree(entry, ignore_errors=True) if entry.is_dir() else entry.unlink(missing_ok=True)
        for stale in self.final.parent.glob(f".{self.final.name}-link-*"):
            if stale.is_dir() and not stale.is_symlink():
                shutil.rmtree(stale, ignore_errors=True)  # an old folder swapped out by a killed build
            else:
                stale.unlink(missing_ok=True)

    def new(self) -> Path:
        """A fresh, empty build folder."""
        self.builds.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix="build-", dir=self.builds))

    def publish(self, build: Path) -> None:
        """Point `final` at `build` in one rename. The folder it showed before stays until the next
        build starts, so a reader (a web server, rsync) already inside it can finish."""
        link = self.final.parent / f".{self.final.name}-link-{os.getpid()}"
        link.unlink(missing_ok=True)
        os.symlink(os.path.relpath(build, self.final.parent), link)
        if self.final.is_dir() and not self.final.is_symlink():
            self._exchange_real_folder(link)
            return
        os.replace(link, self.final)

    def discard(self, build: Path) -> None:
        shutil.rmtree(build, ignore_errors=True)

    def _exchange_real_folder(self, link: Path) -> None:
        """A `site/` folder from before this scheme: swap it with the link in one step
        (renameat2 RENAME_EXCHANGE), then delete the old folder, now at the link's name."""
        if not _exchange(link, self.final):
            # No atomic exchange on this file system: move the old folder aside first.
            aside = self.builds / "previous-folder"
            shutil.rmtree(aside, ignore_errors=True)
            os.rename(self.final, aside)
            os.replace(link, self.final)
            shutil.rmtree(aside, ignore_errors=True)
            return
        shutil.rmtree(link, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths (Linux renameat2); False where that is not possible."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0
