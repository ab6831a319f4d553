"""The publication register's committed history, read from git: the register cannot be lost
silently (deleted, emptied, or an entry dropped while it is inside its year).

Git is read with `git log` and `git cat-file` in subprocesses; the rule itself is pure
(`lscp_kit.rules.register.history_problems`).

Without git history there is nothing to compare with, so the check is skipped: a folder that is
not a git repository (a downloaded zip, a test's temporary folder) or a machine without git
still builds, and the register beside it still enforces retention. Inside a repository the
check fails closed: history that cannot be read is an error, and so is a shallow clone when
`CI` (or `GITHUB_ACTIONS`) is set (the publishing workflow must fetch the full history, `fetch-depth: 0`).
"""
from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Mapping

from lscp_kit.problems import Problem
from lscp_kit.rules import register as reg

TIMEOUT = 60


class GitError(Exception):
    """git ran but could not answer."""


def _git_bytes(project: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        proc = subprocess.run(["git", "-C", str(project), *args], input=stdin, capture_output=True,
                              timeout=TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise GitError(str(err)) from None
    if proc.returncode != 0:
        raise GitError(proc.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return proc.stdout


def _git(project: Path, *args: str) -> str:
    return _git_bytes(project, *args).decode("utf-8", "replace")


def in_repository(project: Path) -> bool:
    """True when `project` is inside a git work tree and git is installed."""
    if shutil.which("git") is None:
        return False
    try:
        return _git(project, "rev-parse", "--is-inside-work-tree").strip() == "true"
    except GitError:
        return False


def committed_versions(project: Path) -> list[tuple[str, str]]:
    """(commit, text) of every committed version of the register on HEAD's history, newest first."""
    try:
        _git(project, "rev-parse", "--verify", "-q", "HEAD")
    except GitError:
        return []  # a repository with no commit yet
    revs = _git(project, "log", "--format=%H", "HEAD", "--", reg.FILENAME).split()
    if not revs:
        return []
    prefix = _git(project, "rev-parse", "--show-prefix").strip()
    names = "".join(f"{r}:{prefix}{reg.FILENAME}\n" for r in revs).encode()
    batch = _git_bytes(project, "cat-file", "--batch", stdin=names)
    return list(zip(revs, _batch_texts(batch, len(revs))))


def _batch_texts(out: bytes, count: int) -> list[str]:
    """The objects' texts from `git cat-file --batch` output (a deleted version is empty)."""
    texts, at = [], 0
    for _ in range(count):
        end = out.index(b"\n", at)
        parts, at = out[at:end].split(), end + 1
        if len(parts) < 3:  # "<rev>:<path> missing": the commit deleted the file
            texts.append("")
            continue
        size = int(parts[2])
        texts.append(out[at:at + size].decode("utf-8", "replace"))
        at += size + 1
    return texts


def _shallow(project: Path) -> bool:
    return _git(project, "rev-parse", "--is-shallow-repository").strip() == "true"


def problems(project: Path, current: reg.Register, day: date, environ: Mapping[str, str]) -> list[Problem]:
    """A missing or shrunken register while git history holds entries still inside their year."""
    if not in_repository(project):
        return []
    try:
        if (environ.get("CI") or environ.get("GITHUB_ACTIONS")) and _shallow(project):
            return [Problem(reg.FILENAME, "history", "the repository was checked out without its history, so "
                            "the register cannot be checked against earlier versions: check it out in full "
                            "(actions/checkout with `fetch-depth: 0`)")]
        versions = committed_versions(project)
    except GitError as err:
        return [Problem(reg.FILENAME, "history", f"git could not read the register's history ({err}): "
                        "fix the repository (git status), then build again")]
    parsed = [(rev, reg.parse(text)[0]) for rev, text in versions if text.strip()]
    missing = not (project / reg.FILENAME).exists()
    return reg.history_problems(current, parsed, day, missing_file=missing)
