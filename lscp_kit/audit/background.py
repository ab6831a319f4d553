"""The leak audit in a forked process beside the engine, so that it reads while pages render."""
from __future__ import annotations

import atexit
import multiprocessing
import os
import signal
from pathlib import Path
from typing import Callable, Mapping, Sequence

from lscp_kit.audit.matcher import Auditor, Leak
from lscp_kit.audit.scan import audit_site, prehash, unchanged


class BackgroundAudit:
    """The audit in a forked process, beside the engine: while pages render, it builds the
    auditor, hashes and reads the files already in the output (attachments are copied first)
    and each page as soon as it is written (`written`); it says which files of `expected` do not
    have the digest expected (`changed`); once the build is complete (`result`), it audits every
    file and path, reading again only what is new or changed since, and sends back what it
    found. `make_auditor` is called with the digests of the `expected` files that the output
    holds as expected (site path -> SHA-256), so the auditor need not read them again. `ready`:
    set once the build's read-ahead has filled the cache of texts (the auditor is made after
    it, so that it does not read the same files at the same time). Any failure of the process
    is an error, never a pass."""

    def __init__(self, make_auditor: Callable[[Mapping[str, bytes]], Auditor], site: Path, theme_dirs: Sequence[Path],
                 cache_dir: Path | None, blocks: Sequence[bytes] = (), expected: Mapping[str, str] | None = None,
                 ready=None):
        context = multiprocessing.get_context("fork")
        self._conn, child = context.Pipe()
        # Not a daemon, so that it may read with processes of its own; it leads a process group of
        # its own, which `cancel` ends whole (it is cancelled at exit, whatever happens before).
        self._process = context.Process(target=_audit_in_background, daemon=False,
                                        args=(child, make_auditor, Path(site), list(theme_dirs), cache_dir,
                                              list(blocks), dict(expected or {}), ready))
        self._process.start()
        child.close()
        atexit.register(self.cancel)

    def changed(self, timeout: float = 1800) -> list[str]:
        """Files of `expected` (site path -> SHA-256 they must have) that the output holds with
        other bytes: copies changed through a link since they were made."""
        return self._ask("changed", "changed", timeout)

    def written(self, files: Sequence[str]) -> None:
        """Output files (paths in the site) that the engine has finished writing."""
        try:
            self._conn.send(("written", list(files)))
        except OSError:
            pass  # the process has stopped: `result` reports it

    def result(self, timeout: float = 1800) -> tuple[list[Leak], list[str]]:
        """(leaks, problems) of the finished output; raises when the audit could not run."""
        try:
            return self._ask("go", "ok", timeout)
        finally:
            self.cancel()

    def _ask(self, request: str, answer: str, timeout: float):
        """Send `request`, wait for the `answer`'s payload; any other outcome raises."""
        try:
            try:
                self._conn.send((request, None))
            except OSError:
                pass  # the process has stopped: what it sent before it did (its error) is still to read
            if not self._conn.poll(timeout):
                raise RuntimeError("the leak audit did not finish in time")
            status, payload = self._conn.recv()
        except (EOFError, OSError) as err:
            raise RuntimeError(f"the leak audit stopped before it finished ({err})") from None
        if status != answer:
            raise RuntimeError(f"the leak audit failed: {payload}")
        return payload

    def cancel(self) -> None:
        """End the audit process and any process it reads with."""
        if self._process.is_alive():
            try:
                os.killpg(self._process.pid, signal.SIGTERM)  # its group: it and its readers
            except OSError:
                self._process.terminate()  # the group was not made yet
        self._process.join(5)
        if self._process.is_alive():
            self._process.kill()
            self._process.join(5)
        self._conn.close()
        atexit.unregister(self.cancel)


def _audit_in_background(conn, make_auditor: Callable[[Mapping[str, bytes]], Auditor], site: Path, theme_dirs: list[Path],
                         cache_dir: Path | None, blocks: list[bytes], expected: dict[str, str], ready=None) -> None:
    try:
        os.setpgid(0, 0)  # a group of its own, with the processes it reads with: cancelled together
        os.nice(10)  # the engine, rendering pages, goes first; the audit takes the CPU left over
    except OSError:
        pass
    try:
        known = prehash(site, blocks)
        if ready is not None:
            ready.wait()
        # the files of `expected` that the output holds as expected: their digests need no
        # second reading (the auditor compares hidden items' files with what is published)
        auditor = make_auditor({rel: bytes.fromhex(digest) for rel, digest in expected.items()
                                if rel in known and known[rel][1] == digest})
        # Read the attachments now (two at a time: the engine has rendered most pages by the time
        # the read-ahead is done), and then each page as it comes, while pages render: what is
        # clean is remembered (Verdicts), so the final audit (two at a time: the engine waits for
        # it) skips it unless it changed since; anything else is read again there.
        audit_site(site, auditor, theme_dirs, cache_dir, workers=2, blocks=blocks, known=known, only=known)
        while True:
            kind, files = conn.recv()
            if kind == "go":  # the build is complete
                break
            if kind == "changed":  # hashed again where it may have changed since it was hashed
                known.update(prehash(site, blocks, [rel for rel in expected
                                                    if rel in known and unchanged(site, rel, known) is None]))
                conn.send(("changed", sorted(rel for rel, digest in expected.items()
                                             if rel in known and known[rel][1] != digest)))
                continue
            new = prehash(site, blocks, files)
            known.update(new)
            audit_site(site, auditor, theme_dirs, cache_dir, blocks=blocks, known=known, only=new)
        leaks = audit_site(site, auditor, theme_dirs, cache_dir, workers=2, blocks=blocks, known=known)
        conn.send(("ok", (leaks, sorted(set(auditor.problems)))))
    except BaseException as err:  # noqa: BLE001 - reported to the build, which then stops
        try:
            conn.send(("error", f"{type(err).__name__}: {err}"))
        except OSError:
            pass  # the build is gone (its end of the pipe closed): nothing to report to
