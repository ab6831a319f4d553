"""Every attachment of a build read once, beside the engine: the leak audit's readings and the
attachment checks' facts from one reading of each file, two files at a time in forked
processes, kept in the on-disk caches both read from (keyed by each file's SHA-256).

Nothing is decided here, and nothing here is trusted: the checks and the audit look in their
caches and read for themselves whatever is not there, so a file this step could not read, or
had no time to read, is only read later, never skipped."""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from lscp_kit.audit.readers import TextCache, fill_cache
from lscp_kit.checks.findings import cached_facts, facts_kept

WORKERS = 2


@dataclass(frozen=True)
class Job:
    """One file: its name (the path under content/), where to read it, and what it needs: the
    audit's readings (`read`), the attachment checks' facts (`check`)."""

    name: str
    path: Path
    read: bool
    check: bool


def _run(job: Job, text_cache: Path, facts_cache: Path) -> None:
    try:
        data = job.path.read_bytes()
    except OSError:
        return  # whoever needs the file reads it, and says what is wrong with it
    digest = hashlib.sha256(data).hexdigest()
    if job.read:  # first: a PDF's page texts are then remembered for the checks
        fill_cache(job.name, data, TextCache(text_cache), digest)
    if job.check and not facts_kept(facts_cache, job.name, digest):
        cached_facts(facts_cache, job.name, data, digest)


def _nice() -> None:
    try:
        os.nice(5)  # the engine, rendering pages, goes first
    except OSError:
        pass


class Prefetch:
    """The reading of `jobs` in a pool of forked processes; `ready` is set once all are read
    (or have failed: the cache then simply lacks them)."""

    def __init__(self, jobs: list[Job], text_cache: Path, facts_cache: Path):
        self.ready = multiprocessing.get_context("fork").Event()
        jobs = sorted(jobs, key=_size, reverse=True)  # the largest first: the two processes end together
        self._pool = None
        if not jobs:
            self.ready.set()
            return
        self._pool = ProcessPoolExecutor(min(WORKERS, len(jobs)), mp_context=multiprocessing.get_context("fork"),
                                         initializer=_nice)
        futures = [self._pool.submit(_run, job, text_cache, facts_cache) for job in jobs]
        threading.Thread(target=self._finish, args=(futures,), daemon=True).start()

    def _finish(self, futures) -> None:
        wait(futures)
        self.ready.set()

    def wait(self) -> None:
        """Until every file is read."""
        self.ready.wait()
        self.close()

    def close(self) -> None:
        """The pool ended: what is still queued is not read (its readers read it when needed);
        the files being read are finished first (a pool left running breaks the process's exit)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self.ready.set()


def _size(job: Job) -> int:
    try:
        return job.path.stat().st_size
    except OSError:
        return 0
