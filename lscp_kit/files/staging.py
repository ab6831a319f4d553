"""The staged tree: the only folder the site engine builds from.

The core decides what is public; this module writes exactly that into a folder, and nothing
else: shown items' pages (front matter cut down to the title) and their bundle files, the
top-level and section pages, the assets that shown pages or the theme use, and the generated
pages. Files are copied (never linked) only when they changed, so staging costs little.
"""
from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

import yaml

from lscp_kit.files import layout
from lscp_kit.files.copy_store import CopyStore
from lscp_kit.rules.catalogue import Catalogue
from lscp_kit.files.content import Tree
from lscp_kit.rules.frontmatter import FrontMatterError, split
from lscp_kit.problems import Problem
from lscp_kit.files.sitedir import remove_later

_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")


@dataclass(frozen=True)
class Staged:
    """One file of the staged tree: a content file copied as it is, or text written."""

    source: Path | None = None
    text: str | None = None


def page_text(title: str, body: str) -> str:
    """An item's page as the engine sees it: its title and its body, no other front matter
    (embargo reasons, incident dates and the like never reach the engine)."""
    return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n\n{body}"


def plain_page(src: str, text: str, root: str = "content") -> tuple[str | None, Problem | None]:
    """A top-level or section page with its front matter re-written in one safe form."""
    try:
        doc = split(text)
    except FrontMatterError as err:
        return None, Problem(f"{root}/{src}", err.key, str(err))
    if doc.meta is None:
        return doc.body, None
    meta = yaml.safe_dump(doc.meta, sort_keys=False, allow_unicode=True, default_flow_style=False)
    return f"---\n{meta}---\n\n{doc.body}", None


def plan(cat: Catalogue, tree: Tree, shown: Iterable[str], generated: Mapping[str, str],
         theme_refs: Iterable[str], root: str = "content") -> tuple[dict[str, Staged], list[Problem]]:
    """Every file of the staged tree, by path; and problems with the pages' own front matter."""
    shown = frozenset(shown)
    staged: dict[str, Staged] = {}
    problems: list[Problem] = []
    folders = layout.bundles(tree.files)
    for src, text in tree.sources.items():
        kind, _ = layout.classify(src, folders)
        if kind == layout.PAGE:
            page, problem = plain_page(src, text, root)
            if problem:
                problems.append(problem)
            else:
                staged[src] = Staged(text=page)
    for ident in sorted(shown):
        item = cat.items[ident]
        staged[item.source] = Staged(text=page_text(item.title, item.body))
        for path in item.files:
            if not path.endswith(".md"):
                staged[path] = Staged(source=tree.path(path))
    for path in used_assets(cat, tree, staged, theme_refs):
        staged[path] = Staged(source=tree.path(path))
    for path, text in generated.items():
        staged[path] = Staged(text=text)
    return staged, problems


def used_assets(cat: Catalogue, tree: Tree, pages: Iterable[str], theme_refs: Iterable[str]) -> set[str]:
    """Files under assets/ that a staged page, the site config or the theme uses, and what the
    stylesheets among them use in turn; an asset only hidden pages use is left out."""
    assets = {f for f in tree.files if f.startswith(layout.ASSETS + "/")}
    wanted = {p for p in theme_refs if p in assets}
    for src in pages:
        wanted |= cat.links.get(src, frozenset()) & assets
    todo = [p for p in wanted if p.endswith(".css")]
    while todo:
        css = todo.pop()
        try:
            text = tree.path(css).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for ref in _CSS_URL.findall(text):
            path = posixpath.normpath(posixpath.join(posixpath.dirname(css), ref.split("?")[0].split("#")[0]))
            if path in assets and path not in wanted:
                wanted.add(path)
                if path.endswith(".css"):
                    todo.append(path)
    return wanted


def write_fresh(staged: Mapping[str, Staged], dest: Path, store: CopyStore) -> None:
    """Write `staged` into the new, empty folder `dest`: texts written, content files
    hard-linked to their private copies in `store` (copied there only when they changed), which
    then holds only this tree's files."""
    folders = Folders()
    for rel, item in staged.items():
        target = dest / rel
        folders.make(target.parent)
        if item.text is not None:
            target.write_bytes(item.text.encode("utf-8"))
        else:
            link_file(store.copy_of(rel, item.source), target, replace=False)
    store.keep_only(rel for rel, item in staged.items() if item.text is None)


def address_clashes(by_address: Mapping[str, list[str]], root: str = "content") -> list[Problem]:
    """One problem per output address that more than one staged file would be written to
    (`by_address`: address, case folded -> the staged paths served there)."""
    return [Problem(f"{root}/{first}", "file", f"is served at /{address}, the address of "
                    + " and ".join(f"{root}/{other}" for other in rest) + ": rename or move one of them")
            for address, (first, *rest) in by_address.items() if rest]


class Folders:
    """Folders made so far, so that each is made (or found) once."""

    def __init__(self) -> None:
        self.made: set[str] = set()

    def make(self, folder: str | os.PathLike) -> None:
        folder = os.fspath(folder)
        if folder not in self.made:
            os.makedirs(folder, exist_ok=True)
            self.made.add(folder)


def link_file(source: str | os.PathLike, target: str | os.PathLike, replace: bool = True) -> None:
    """`target` as a hard link to `source` (replacing it unless `replace` is false: a new
    folder), or a copy where the file system cannot link (another device, no links). The
    folder of `target` must exist."""
    if replace:
        try:
            os.unlink(target)
        except FileNotFoundError:
            pass
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        shutil.copyfile(source, target, follow_symlinks=False)


def promote(build: Path, final: Path) -> None:
    """Make `build` the standing staged tree `final` (what an engine without our hooks would
    see): only a build that passed the audit is ever promoted."""
    old = final.with_name(f".old-{final.name}-{os.getpid()}")
    if final.exists():
        os.rename(final, old)
    os.rename(build, final)
    if old.exists():
        remove_later(old)


def clean(folder: Path) -> None:
    """Remove staged trees that interrupted builds left behind."""
    for stale in list(folder.glob("build-*")) + list(folder.glob(".old-*")):
        remove_later(stale)


def sync(staged: Mapping[str, Staged], dest: Path) -> int:
    """Make `dest` hold exactly `staged`; write only what changed. Returns files written."""
    dest.mkdir(parents=True, exist_ok=True)
    _remove_extras(dest, staged)
    written = 0
    for rel, item in staged.items():
        target = dest / rel
        if item.text is not None:
            data = item.text.encode("utf-8")
            if target.is_file() and not target.is_symlink() and target.read_bytes() == data:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        else:
            src = item.source.stat()
            if target.is_file() and not target.is_symlink():
                now = target.stat()
                if now.st_size == src.st_size and now.st_mtime_ns == src.st_mtime_ns:
                    continue
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(item.source, target)
        written += 1
    return written


def _remove_extras(dest: Path, staged: Mapping[str, Staged]) -> None:
    """Delete every file, link and folder in `dest` that the staged tree does not hold."""
    keep_dirs = {posixpath.dirname(rel) for rel in staged}
    keep_dirs |= {d for rel in keep_dirs for d in _parents(rel)}
    for dirpath, dirnames, filenames in os.walk(dest, topdown=False):
        base = Path(dirpath)
        for name in filenames + dirnames:
            path = base / name
            rel = path.relative_to(dest).as_posix()
            if path.is_symlink() or (path.is_file() and rel not in staged):
                path.unlink()
            elif path.is_dir() and rel not in keep_dirs:
                shutil.rmtree(path)


def _parents(rel: str) -> set[str]:
    out = set()
    while rel:
        out.add(rel)
        rel = posixpath.dirname(rel)
    return out
