"""Reading a content folder: every file's path, and every Markdown file's text, once.

Nothing here trusts the folder: symbolic links, files that are not UTF-8 and paths outside the
allow-list become problems, never tracebacks and never silently published files.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from lscp_kit.rules import catalogue
from lscp_kit.files import layout
from lscp_kit.rules import register as reg
from lscp_kit.problems import Problem


@dataclass
class Tree:
    """A content folder as read once: Markdown texts, every file, sizes, and what was wrong."""

    root: Path
    sources: dict[str, str] = field(default_factory=dict)
    files: frozenset[str] = frozenset()
    sizes: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def path(self, rel: str) -> Path:
        return self.root / rel


def read_tree(docs: Path, root: str = "content") -> Tree:
    """Walk `docs` without following links; paths are posix and relative to `docs`. Hidden
    files and folders (starting with a dot) are never read and never published."""
    tree = Tree(docs)
    if docs.is_symlink() or not docs.is_dir():
        what = "is a symbolic link" if docs.is_symlink() else "is missing"
        tree.problems.append(Problem(root, "folder", f"{what}: the content folder must be a real folder"))
        return tree
    files: set[str] = set()
    _walk(docs, "", tree, files, root)
    tree.files = frozenset(files)
    tree.problems += layout.problems(tree.files, root)
    return tree


def _walk(folder: Path, prefix: str, tree: Tree, files: set[str], root: str) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as err:
        tree.problems.append(Problem(f"{root}/{prefix}".rstrip("/"), "folder", f"cannot be read ({err.strerror})"))
        return
    for entry in entries:
        rel = prefix + entry.name
        if entry.name.startswith("."):
            continue
        if entry.is_symlink():
            tree.problems.append(Problem(f"{root}/{rel}", "file", "is a symbolic link: links are never "
                                         "published; replace it with the real file or folder"))
        elif entry.is_dir(follow_symlinks=False):
            _walk(Path(entry.path), rel + "/", tree, files, root)
        elif entry.is_file(follow_symlinks=False):
            files.add(rel)
            _read(Path(entry.path), rel, tree, root)
        else:
            tree.problems.append(Problem(f"{root}/{rel}", "file", "is not a regular file: remove it"))


def _read(path: Path, rel: str, tree: Tree, root: str) -> None:
    if not rel.endswith(".md"):
        tree.sizes[rel] = path.stat().st_size
        return
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        tree.problems.append(Problem(f"{root}/{rel}", "file", f"is not UTF-8 text (byte {err.start}): "
                                     "save it as UTF-8 in your editor"))
        return
    if "\x00" in text:
        tree.problems.append(Problem(f"{root}/{rel}", "file", "contains NUL characters: it is not a text "
                                     "file; save it as UTF-8 text"))
        return
    tree.sources[rel] = text


def overrides_problems(folder: Path, label: str = "overrides") -> list[Problem]:
    """Symbolic links under the theme overrides are errors too."""
    problems = []
    if not folder.exists():
        return problems
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            full = Path(dirpath) / name
            if full.is_symlink():
                rel = full.relative_to(folder).as_posix()
                problems.append(Problem(f"{label}/{rel}", "file", "is a symbolic link: replace it with the "
                                        "real file"))
    return problems


def read_register(project: Path) -> tuple[reg.Register, list[Problem]]:
    """The committed publication register beside mkdocs.yml (empty when there is none yet)."""
    path = project / reg.FILENAME
    if not path.exists():
        return reg.Register(), []
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return reg.Register(), [Problem(reg.FILENAME, "file", f"cannot be read: restore it from git "
                            f"(git checkout {reg.FILENAME})")]
    return reg.parse(text)


def load_project(project: Path, day, docs: str = "content", site_url: str = ""):
    """The catalogue of a partnership repository as of `day`, as the build sees it:
    (catalogue, problems, tree)."""
    tree = read_tree(project / docs, docs)
    register, problems = read_register(project)
    cat, found = catalogue.load(tree.sources, tree.files, day, register, docs, site_url)
    return cat, tree.problems + problems + found, tree
