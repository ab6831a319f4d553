"""Judging attachments: facts about each file (cached by its SHA-256) against the page it is
published on and what must never show (hidden items' titles, pseudonyms, URLs)."""
from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

from lscp_kit.audit.needles import Shared, needles
from lscp_kit.audit.normalise import mentions, normalise
from lscp_kit.checks.active import active_content, rearranged
from lscp_kit.checks.office_clean import cleans, cleans_field
from lscp_kit.checks.version import VERSION
from lscp_kit.problems import Problem

KEY = "attachment"
REDACT_AGAIN = ("The text under it is still in the file: anyone can select and copy it, or read it with a "
                "screen reader. Redact again with a real redaction tool, one that removes the text "
                "underneath (Acrobat's Redact, or print to an image and OCR), then check the words are gone. "
                "make clean-attachment cannot fix a redaction")
# the word in any case ("CHILD Q", "child Q"), the letters in capitals ("a child a day" names nobody)
_PSEUDONYM = re.compile(r"\b((?i:Child|Baby|Siblings?|Family|Infant|Young Person|Adult))[\s'\"‘’“”\-]*([A-Z]{1,2})\b")


@dataclass(frozen=True)
class Attachment:
    """A public file: its path under content/, the page (item id) it is published on, that
    page's child pseudonym and title, and its bytes or where to read them."""

    path: str
    page: str | None
    pseudonym: str | None
    source: bytes | Path
    title: str | None = None


@dataclass(frozen=True)
class AccessNote:
    """A public PDF that is not fully accessible, and why (for the accessibility statement)."""

    path: str
    page: str | None
    notes: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.path}: " + "; ".join(self.notes)


@dataclass
class Findings:
    errors: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    accessibility: list[AccessNote] = field(default_factory=list)


RESOLVE_IN_PROGRAM = ("resolve it in the program that made the file (delete the comments, unhide or delete hidden "
                      "sheets, rows, columns, slides and shapes, give unseen text a colour readers see or delete it) "
                      "and save it again: `make clean-attachment` cannot remove it")


REMOVE_IN_PROGRAM = ("remove what it names in the program that made the file and save it again (`make "
                     "clean-attachment` does not remove all of it)")


def _fix(where: str) -> str:
    return (f"run `make clean-attachment FILE={where}`: it writes a cleaned copy beside it; check that "
            "copy, then publish it in place of this file")


def _on(page: str | None) -> str:
    return f"published on {page}/: " if page else ""


def _cache_path(cache_dir: Path | None, name: str, data: bytes, digest: str | None = None) -> Path | None:
    digest = digest or hashlib.sha256(data).hexdigest()
    suffix = Path(name).suffix.lower().lstrip(".")[:8] or "none"
    return cache_dir / f"{digest}.{suffix}.json" if cache_dir else None


def facts_kept(cache_dir: Path, name: str, digest: str) -> bool:
    """Whether facts are kept for the file `name` whose SHA-256 hex digest is `digest`."""
    return _cache_path(cache_dir, name, b"", digest).is_file()


def _from_cache(path: Path | None) -> tuple[bool, dict | None]:
    """(whether the cache answers, the facts it holds)."""
    if path and path.is_file():
        try:
            found = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(found, dict) and found.get("v") == VERSION:
                return True, (found if found.get("kind") else None)
        except (OSError, ValueError):
            pass
    return False, None


def facts(name: str, data: bytes) -> dict | None:
    """`inspect.facts`, its readers (PDFium, pikepdf, Pillow, mutagen) loaded only when a file
    must be read: a build whose attachments are all cached never loads them."""
    from lscp_kit.checks.inspect import facts as read_facts

    return read_facts(name, data)


def cached_facts(cache_dir: Path | None, name: str, data: bytes, digest: str | None = None) -> dict | None:
    """The file's facts, from the cache when this version of the checks already read it (a
    build's read-ahead, `prefetch`, reads them beside the engine); `digest`: the SHA-256 hex
    digest of `data`, when the caller has it."""
    path = _cache_path(cache_dir, name, data, digest)
    answered, found = _from_cache(path)
    if answered:
        return found
    found = facts(name, data)
    if path and found is not None:
        _save(path, found)
    elif path and found is None and data and not name.lower().endswith(".pdf"):
        _save(path, {"v": VERSION, "kind": None})  # not a kind these checks read: remember that
    return found


def _save(path: Path, found: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(found, out)
    os.replace(tmp, path)


@functools.cache
def _normal(needle: str) -> str:
    """A needle normalised once per process: every metadata value is held against every one."""
    return normalise(needle)


def _named(value: str, needle_list: Sequence[str]) -> str | None:
    text = normalise(value)
    for needle in needle_list:
        normal = _normal(needle)
        if normal and normal in text and mentions(text, normal):
            return needle
    return None


def _other_pseudonym(value: str, pseudonym: str | None) -> str | None:
    if not pseudonym:
        return None
    own = normalise(pseudonym)
    for match in _PSEUDONYM.finditer(value):
        if normalise(f"{match.group(1)} {match.group(2)}") != own:
            return match.group(0)
    return None


def judge(item: Attachment, found: dict, needle_list: Sequence[str], root: str = "content",
          within: str = "", fix: str | None = None) -> Findings:
    """Errors, warnings and accessibility notes for one attachment's facts (`within`: the file
    inside it they are about; `fix`: how to fix what the cleaner cannot, for that file)."""
    out, where = Findings(), f"{root}/{item.path}"
    on, fix = _on(item.page) + within, found.get("fix") or fix
    for what in found["redaction"]:
        out.errors.append(Problem(where, KEY, f"{on}a redaction that does not hold: {what}. {REDACT_AGAIN}"))
    for what in found["history"] + found["location"]:
        how = fix or (_fix(where) if cleans(what) else RESOLVE_IN_PROGRAM)
        out.errors.append(Problem(where, KEY, f"{on}hidden content: {what}; {how}"))
    for why in found.get("refused", []):
        out.errors.append(Problem(where, KEY, f"{on}cannot be checked: {why}"))
    listed = []
    for label, value in found["meta"]:
        hidden, other = _named(value, needle_list), _other_pseudonym(value, item.pseudonym)
        if hidden or other:
            why = f"names {hidden!r}, which is not public" if hidden else \
                f"names {other!r}, but this page is about {item.pseudonym!r}"
            how = fix or (_fix(where) if cleans_field(found["kind"], label) else REMOVE_IN_PROGRAM)
            out.errors.append(Problem(where, KEY, f"{on}its metadata ({label} {value!r}) {why}; {how}"))
        elif not (label.lower() == "title" and item.title and normalise(value) == normalise(item.title)):
            listed.append((label, f"{label} {value!r}"))
    if listed:
        how = fix or (f"run `make clean-attachment FILE={where}` for a copy without it"
                      if all(cleans_field(found["kind"], label) for label, _ in listed) else REMOVE_IN_PROGRAM)
        out.warnings.append(f"{where}: {on}its metadata lists {', '.join(t for _, t in listed)}: {how}")
    if found["access"] and not within:
        out.accessibility.append(AccessNote(where, item.page, tuple(found["access"])))
    for path, sub in found.get("inside", []):
        inner = judge(item, sub, needle_list, root, f"inside it, {path}: ", _inner_fix(found["kind"], path))
        out.errors += inner.errors
        out.warnings += inner.warnings
    return out


def _inner_fix(kind: str, path: str) -> str | None:
    """How to fix a file inside another: `make clean-attachment` cleans the files embedded in an
    Office file and the pictures in audio tags; those in an archive or a message are fixed one by one and packed again."""
    if kind in ("office", "odf", "audio"):
        return None
    return f"fix {path} itself (`make clean-attachment` cleans one file), then pack or attach it again"


def check_attachments(files: Iterable[Attachment], needle_list: Sequence[str] = (),
                      cache_dir: Path | None = None, root: str = "content",
                      own: Mapping[str, frozenset[str]] | None = None) -> Findings:
    """Every attachment checked: redactions that do not hold, hidden history, metadata that
    names someone, GPS positions (errors); other metadata (warnings); accessibility notes."""
    out = Findings()
    files = list(files)
    datas = [item.source if isinstance(item.source, bytes) else _read(item.source) for item in files]
    for item, data in zip(files, datas):
        active = active_content(item.path, data) if data is not None else None
        if active:
            out.errors.append(Problem(f"{root}/{item.path}", KEY, f"{_on(item.page)}runs a script when it is viewed "
                                      f"({active!r}): such a file can show any text, so it is never published; "
                                      "save it without scripts (a picture as PNG, a page as PDF)"))
        moved = rearranged(item.path, data) if data is not None and not active else None
        if moved:
            out.errors.append(Problem(f"{root}/{item.path}", KEY, f"{_on(item.page)}draws its text otherwise than it "
                                      f"is written ({moved}): it can show words no reading of the file finds, so it "
                                      "is never published; publish it as PDF, or as plain HTML without it"))
        found = cached_facts(cache_dir, item.path, data) if data is not None else None
        if found is None:
            continue  # not a kind these checks read, or one that does not open: the leak audit refuses those
        mine = (own or {}).get(item.page or "")
        one = judge(item, found, [n for n in needle_list if n not in mine] if mine else needle_list, root)
        out.errors += one.errors
        out.warnings += one.warnings
        out.accessibility += one.accessibility
    return out


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def hidden_needles(cat) -> list[str]:
    """What a public file's metadata must never name: each hidden item's URL, slug, title,
    attachment names and pseudonym, less what public items share."""
    return sorted({text for texts in _needles_by_item(cat).values() for text in texts})


def _needles_by_item(cat) -> dict[str, frozenset[str]]:
    shared = Shared.of(cat.public)
    return {item.id: frozenset(needle.text for needle in needles(item, shared)) for item in cat.hidden}


def public_attachments(cat, shown: Iterable[str], path_of: Callable[[str], Path | None]) -> list[Attachment]:
    """Every file of every shown item but its Markdown, with the page it is published on."""
    out = []
    for ident in sorted(shown):
        item = cat.items[ident]
        pseudonym = item.child if item.section == "reviews" else None
        for rel in item.files:
            source = None if rel.endswith(".md") else path_of(rel)
            if source is not None:
                out.append(Attachment(rel, ident, pseudonym, source, item.title))
    return out


def check_catalogue(cat, shown: Iterable[str], path_of: Callable[[str], Path | None],
                    cache_dir: Path | None = None, root: str = "content",
                    assets: Mapping[str, Path] | None = None) -> Findings:
    """check_attachments on every public attachment of `cat`, against every hidden item."""
    own = _needles_by_item(cat)  # a preview shows hidden items: their files may name themselves
    files = public_attachments(cat, shown, path_of)  # and the site's shared files the build publishes
    files += [Attachment(rel, None, None, source) for rel, source in sorted((assets or {}).items())]
    return check_attachments(files, hidden_needles(cat), cache_dir, root, own)
