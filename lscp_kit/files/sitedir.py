"""The output folder, replaced in one step: at every instant `site/` is the old complete build
or the new one.

A build writes a new folder in `.site-builds/`. Publishing exchanges it with `site/` in a single
system call (Linux renameat2 RENAME_EXCHANGE), so `site/` stays an ordinary folder and is never
missing or half-written. The previous build, now in `.site-builds/`, stays until the next build
starts (a web server or rsync already reading it can finish), then goes, as do the leftovers of
killed builds, under a lock so two builds never race.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import fcntl
import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from lscp_kit.problems import Problem

BUILDS = ".site-builds"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
log = logging.getLogger("lscp")


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

    def clean(self) -> None:
        """Remove the previous build and anything killed builds left behind."""
        if not self.builds.exists():
            return
        for entry in self.builds.iterdir():
            if entry.name.startswith("."):
                continue
            if entry.is_dir() and not entry.is_symlink():
                remove_later(entry)
            else:
                entry.unlink(missing_ok=True)

    def new(self) -> Path:
        """A fresh, empty build folder."""
        self.builds.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix="build-", dir=self.builds))

    def publish(self, build: Path) -> None:
        """Put `build` in place of `final` in one step; what `final` held moves to `build`'s place
        in `.site-builds/` and stays there until the next build."""
        if not os.path.lexists(self.final):
            os.rename(build, self.final)
        elif _exchange(build, self.final):
            os.rename(build, build.with_name("previous-" + build.name))  # what site/ held until now
        else:
            self._two_step(build)

    def discard(self, build: Path) -> None:
        remove_later(build)

    def _two_step(self, build: Path) -> None:
        """Where the file system cannot exchange two folders: move the old one aside, then the
        new one in (for an instant there is no `final`)."""
        log.warning(f"This file system cannot swap folders in one step: {self.final.name}/ was replaced "
                    "in two (for an instant it did not exist).")
        aside = Path(tempfile.mkdtemp(prefix="previous-", dir=self.builds))
        os.rename(self.final, aside / self.final.name)
        os.rename(build, self.final)


def remove_later(folder: Path) -> None:
    """Delete a folder nobody shows any more without making the build wait for the disk: it is
    renamed into a trash folder at once (so it is gone from view), then deleted by a detached
    process. A trash folder left by a killed process is emptied by the next one."""
    trash = folder.parent / ".trash"
    trash.mkdir(exist_ok=True)
    try:
        os.rename(folder, Path(tempfile.mkdtemp(dir=trash)) / folder.name)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return
    subprocess.Popen(["rm", "-rf", "--", str(trash)], start_new_session=True,
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


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


# The project's own folders besides content and staging: an output folder there would be swapped
# with them, and they deleted by the next build (content/ would become the built site).
OWN_FOLDERS = ("overrides", "hooks", "scripts", "tests", ".site-builds", ".git", ".github", ".venv",
               ".venv-properdocs")


def output_problem(final: Path, project: Path, own: tuple[str, ...] = ()) -> Problem | None:
    """Why `final` cannot be the output folder (it is, or is inside, one of the project's own
    folders: `own` and OWN_FOLDERS; or inside site/ or preview-site/; or it is a file), or None.
    The swap moves `final` itself, never what a link there points to, so a link is judged by
    where it is."""
    where = final.parent.resolve() / final.name
    for name in own + OWN_FOLDERS:
        folder = (project / name).resolve()
        if where == folder or folder in where.parents:
            return Problem("command line", "site_dir", f"{final} is (or is inside) the project's own folder {name}/, "
                           "which the build would replace with the site: build into site/ (the default) "
                           "or a folder of its own")
    for name in ("site", "preview-site"):
        if (project / name).resolve() in where.parents:
            return Problem("command line", "site_dir", f"{final} is inside {name}/, which a web server may be "
                           "showing: an unfinished build would appear there. Build into a folder of its own")
    if os.path.lexists(final) and not final.is_symlink() and not final.is_dir():
        return Problem("command line", "site_dir", f"{final} is not a folder: build into site/ (the default) "
                       "or a folder of its own")
    return None
