"""Reading a content folder: every file's path, and every Markdown file's text, once."""
from __future__ import annotations

from pathlib import Path

from . import catalogue
from . import register as reg
from .problems import Problem


def read_tree(docs: Path) -> tuple[dict[str, str], frozenset[str], dict[str, int]]:
    """(Markdown texts by path, every file path, sizes of non-Markdown files), paths posix and
    relative to `docs`; hidden files and folders (starting with a dot) are skipped, as MkDocs does."""
    sources, files, sizes = {}, set(), {}
    for path in docs.rglob("*"):
        rel = path.relative_to(docs).as_posix()
        if not path.is_file() or any(part.startswith(".") for part in rel.split("/")):
            continue
        files.add(rel)
        if rel.endswith(".md"):
            sources[rel] = path.read_text(encoding="utf-8-sig")
        else:
            sizes[rel] = path.stat().st_size
    return sources, frozenset(files), sizes


def read_register(project: Path) -> tuple[reg.Register, list[Problem]]:
    """The committed publication register beside mkdocs.yml (empty when there is none yet)."""
    path = project / reg.FILENAME
    if not path.exists():
        return {}, []
    return reg.parse(path.read_text(encoding="utf-8"))


def load_project(project: Path, day, docs: str = "content", site_url: str = ""):
    """The catalogue of a partnership repository as of `day`, as the build sees it."""
    sources, files, sizes = read_tree(project / docs)
    register, problems = read_register(project)
    cat, found = catalogue.load(sources, files, day, register, docs, site_url)
    return cat, problems + found, sizes
