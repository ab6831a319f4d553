"""The audit of a built site: every output path, and every output file's contents except files
byte-identical to the installed theme's own, read in threads and forked processes; contents this
same audit found clean (same needles, same code) are not read again (`Verdicts`)."""
from __future__ import annotations

import hashlib
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from lscp_kit.audit.matcher import Auditor, Leak
from lscp_kit.audit.readers import TextCache


def theme_identical(rel: str, data: bytes, theme_dirs: Sequence[Path]) -> bool:
    """True when an installed theme or package template folder has a file at the same relative
    path with exactly these bytes (the only files the audit may skip). Overrides (custom_dir)
    are not theme folders: never pass them here."""
    for folder in theme_dirs:
        path = Path(folder) / rel
        try:
            if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
                return True
        except OSError:
            continue
    return False


def package_template_dirs() -> list[Path]:
    """The installed Material theme's templates and MkDocs' search templates, located without
    importing either."""
    import importlib.util

    found = []
    for package, sub in (("material", "templates"), ("mkdocs", "contrib/search/templates")):
        spec = importlib.util.find_spec(package)
        if spec is not None and spec.submodule_search_locations:
            folder = Path(next(iter(spec.submodule_search_locations))) / sub
            if folder.is_dir():
                found.append(folder)
    return found


def site_entries(site: Path) -> tuple[list[str], list[str]]:
    """(every path, every file) under `site`, relative, following directory links once each."""
    paths, files, seen = [], [], set()
    todo = [(str(site), "")]
    while todo:
        folder, prefix = todo.pop()
        info = os.stat(folder)
        if (info.st_dev, info.st_ino) in seen:
            continue
        seen.add((info.st_dev, info.st_ino))
        with os.scandir(folder) as entries:
            for entry in entries:
                rel = prefix + entry.name
                paths.append(rel)
                if entry.is_dir():
                    todo.append((entry.path, rel + "/"))
                elif entry.is_file():
                    files.append(rel)
    return sorted(paths), sorted(files)


_WORKER: tuple | None = None


class Verdicts:
    """Digests of file contents this very audit (same needles, same code) found clean: such a
    file is not read again. The verdict is a pure function of the bytes, the needles and the
    code, all in the key, so a cached verdict is the verdict a fresh reading would give."""

    def __init__(self, folder: Path, fingerprint: str):
        self.path = folder / "verdicts" / f"clean-{fingerprint}.txt"
        try:
            self.clean = set(self.path.read_text(encoding="ascii").split())
        except (OSError, UnicodeDecodeError):
            self.clean = set()
        self.new: set[str] = set()

    def save(self) -> None:
        if not self.new:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for old in self.path.parent.glob("clean-*.txt"):  # verdicts for other needles are stale
            if old != self.path:
                old.unlink(missing_ok=True)
        with open(self.path, "a", encoding="ascii") as out:
            out.write("".join(f"{d}\n" for d in sorted(self.new)))


def _strip_blocks(rel: str, data: bytes, blocks: Sequence[bytes]) -> bytes:
    """A page less the inlined stylesheets that the site also publishes (and audits) as files."""
    if blocks and rel.endswith((".html", ".htm")):
        for block in blocks:
            at = data.find(block[:64])
            if at >= 0 and data.startswith(block, at):
                data = data[:at] + data[at + len(block):]
    return data


def _stat_key(path: Path) -> tuple[int, int, int, int, int]:
    """What shows a file changed since it was hashed: the change time too, which a tool
    rewriting a file in place cannot set back as it can the modification time."""
    info = path.stat()
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns


def unchanged(site: Path, rel: str, known: Mapping[str, tuple[tuple, str]]) -> str | None:
    """The digest `rel` had when it was hashed earlier in the build (`known`), if it has not
    changed since (same stat key); else None."""
    earlier = known.get(rel)
    if earlier is None:
        return None
    try:
        return earlier[1] if earlier[0] == _stat_key(site / rel) else None
    except OSError:
        return None


def _digest_file(site: Path, rel: str, blocks: Sequence[bytes]) -> tuple[tuple, str, bytes]:
    """(stat key, digest, contents) of an output file as the audit reads it."""
    path = site / rel
    key = _stat_key(path)
    data = _strip_blocks(rel, path.read_bytes(), blocks)
    return key, hashlib.sha256(data).hexdigest(), data


def _known_clean(rel: str) -> tuple[str, str, bool, bool] | None:
    """`_fingerprint_file`'s answer without reading, for a file hashed earlier in the build,
    unchanged since and found clean; else None."""
    _auditor, site, _theme_dirs, _cache, verdicts, _blocks, known = _WORKER
    if verdicts is None:
        return None
    digest = unchanged(site, rel, known)
    return (rel, digest, False, False) if digest in verdicts.clean else None


def _fingerprint_file(rel: str) -> tuple[str, str | None, bool, bool]:
    """(rel, digest of the contents as read, whether it must be read, whether it is the theme's
    own): reading and hashing release the GIL, so threads do this side by side. A file hashed
    earlier in the build (`known`) and not changed since is not read again."""
    _auditor, site, theme_dirs, _cache, verdicts, blocks, known = _WORKER
    digest, data = unchanged(site, rel, known), None
    if digest is None:
        _key, digest, data = _digest_file(site, rel, blocks)
    if verdicts is not None and digest in verdicts.clean:
        return rel, digest, False, False
    if data is None:
        data = _strip_blocks(rel, (site / rel).read_bytes(), blocks)
    if theme_identical(rel, data, theme_dirs):  # the installed theme's own bytes: no content of ours
        return rel, digest, False, True
    return rel, digest, True, False


def prehash(site: Path, blocks: Sequence[bytes] = (), files: Iterable[str] | None = None) -> dict[str, tuple[tuple, str]]:
    """Stat key and digest of every file already in `site` (the attachments an engine copies
    before it renders pages), or of just `files` (pages written since), so that the final audit
    reads only what came after. A file gone meanwhile is left to the final audit."""
    if files is None:
        _paths, files = site_entries(site)
    blocks = sorted(set(blocks), key=len, reverse=True)

    def one(rel: str) -> tuple[str, tuple[tuple, str]] | None:
        try:
            key, digest, _data = _digest_file(site, rel, blocks)
        except OSError:
            return None
        return rel, (key, digest)

    with ThreadPoolExecutor(2) as threads:
        return dict(found for found in threads.map(one, files) if found)


def _scan_one(rel: str) -> tuple[list[Leak], list[str], str | None]:
    """(leaks, problems, digest when clean) of one output file."""
    auditor, site, _theme_dirs, cache, _verdicts, blocks, _known = _WORKER
    data = _strip_blocks(rel, (site / rel).read_bytes(), blocks)
    digest = hashlib.sha256(data)
    before = len(auditor.problems)
    leaks = auditor.scan_file(rel, data, cache, digest)
    problems = auditor.problems[before:]
    return leaks, problems, digest.hexdigest() if not leaks and not problems else None


def audit_site(site: Path, auditor: Auditor, theme_dirs: Sequence[Path], cache_dir: Path | None = None,
               workers: int = 1, blocks: Sequence[bytes] = (),
               known: Mapping[str, tuple[tuple, str]] | None = None,
               only: Iterable[str] | None = None) -> list[Leak]:
    """Every leak in the built `site`: in each output path, and in each file's contents except
    files byte-identical to the installed theme's own. `cache_dir` keeps extracted PDF, Office
    and audio texts between builds; `workers` > 1 scans files in that many forked processes.
    Files that could only be read as raw bytes are listed in `auditor.problems`. `cache_dir`
    also keeps the digests of contents found clean by this same audit (`Verdicts`). `blocks`:
    exact contents of files the site also publishes on their own (inlined stylesheets), taken
    out of pages before reading them, since the files themselves are audited. `known`: what
    `prehash` found earlier in the build, trusted only for files whose stat is unchanged.
    `only`: read just these files (paths are then left to the full audit)."""
    global _WORKER
    site = Path(site)
    if only is not None:  # files just written (or already there): no walk of the whole site
        paths, files = [], sorted(f for f in set(only) if (site / f).is_file())
    else:
        paths, files = site_entries(site)
    leaks: set[Leak] = set()
    for rel in paths:
        leaks.update(auditor.scan_path(rel))
    if only is None:
        leaks.update(auditor.conflicts)
    verdicts = Verdicts(cache_dir, auditor.fingerprint) if cache_dir else None
    _WORKER = (auditor, site, list(theme_dirs), TextCache(cache_dir) if cache_dir else None, verdicts,
               sorted(set(blocks), key=len, reverse=True), known or {})
    try:
        found = [_known_clean(rel) for rel in files]  # hashed earlier, unchanged and clean: not read
        with ThreadPoolExecutor(2) as threads:  # read and hash every other file; read again only what is new
            found = [hit for hit in found if hit] + list(threads.map(
                _fingerprint_file, [rel for rel, hit in zip(files, found) if not hit]))
        todo = [rel for rel, _digest_, unread, _theme in found if unread]
        if verdicts is not None:  # the theme's own bytes hold no content: never read them again
            verdicts.new.update(digest for _rel, digest, _unread, theme in found if theme)
        if workers > 1 and len(todo) > 16:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(workers, mp_context=context) as pool:
                results = list(pool.map(_scan_one, todo, chunksize=max(1, len(todo) // (workers * 8))))
        else:
            results = [_scan_one(rel) for rel in todo]
    finally:
        _WORKER = None
    for found, problems, clean in results:
        leaks.update(found)
        if workers > 1:
            auditor.problems += problems
        if clean and verdicts is not None:
            verdicts.new.add(clean)
    if verdicts is not None:
        verdicts.save()
    return sorted(leaks)
