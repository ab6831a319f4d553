"""The leak audit: scan every output file and path for any trace of a non-public item.

Needles are each hidden item's URL path, bare slug, title, attachment file names and (for a
review) the child's pseudonym. Text is read as a person would see it (`normalise`: entities
decoded, NFKC, invisible characters dropped, typographic quotes and dashes as ASCII, white
space collapsed, case folded), with markup also read with its tags removed, escapes decoded,
and inside files (`readers`: PDF, Office, OpenDocument, audio tags, gzip, UTF-16/32). All
needles compile into one trie-shaped regular expression, so each reading is scanned once
whatever the number of hidden items.
"""
from __future__ import annotations

import html
import multiprocessing
import os
import re
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence
from urllib.parse import unquote

from .items import Item
from .readers import Readings, TextCache, fold_latin1, read

_TAG = re.compile(r"<[^<>]*>")
_PERCENT = re.compile(r"%[0-9a-fA-F]{2}")
_UNICODE_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})")
_INVISIBLE = "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c" \
             "\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\u206a\u206b\u206c\u206d" \
             "\u206e\u206f\u3164\ufe00\ufe01\ufe02\ufe03\ufe04\ufe05\ufe06\ufe07\ufe08\ufe09\ufe0a\ufe0b" \
             "\ufe0c\ufe0d\ufe0e\ufe0f\ufeff\uffa0"
_ASCII = {**{c: "'" for c in "\u2018\u2019\u201a\u201b\u2032\u2035\u02bc\u02bb\u0060\u00b4\x91\x92"},
          **{c: '"' for c in "\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb\x93\x94"},
          **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\x96\x97"}}
_SPECIAL = re.compile("[" + _INVISIBLE + "".join(_ASCII) + "]")
_WORD = frozenset("_-")


def _special(match: re.Match) -> str:
    return _ASCII.get(match.group(0), "")


def normalise(text: str) -> str:
    """`text` as a reader sees it: entities decoded, Unicode NFKC, zero-width characters and soft
    hyphens removed, typographic quotes and dashes as ASCII, white space collapsed, case folded."""
    if "&" in text:
        text = html.unescape(text)
    if text.isascii():
        return " ".join(text.lower().split())
    text = unicodedata.normalize("NFKC", _SPECIAL.sub(_special, text))
    text = _SPECIAL.sub(_special, text).casefold()  # NFKC makes a few more (U+2033 is two primes)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return " ".join(text.split())


def _stripped(text: str) -> tuple[str, str]:
    """Normalised markup with its tags removed, joined with nothing and with a space."""
    return " ".join(_TAG.sub("", text).split()), " ".join(_TAG.sub(" ", text).split())


def _unescaped(text: str) -> str | None:
    """`text` with %XX and \\uXXXX escapes decoded, or None when it holds none."""
    changed = False
    if _PERCENT.search(text):
        text, changed = unquote(text), True
    if "\\" in text and _UNICODE_ESCAPE.search(text):
        text = _UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)
        changed = True
    return text if changed else None


@dataclass(frozen=True, order=True)
class Leak:
    """A hidden item's trace found in an output file (or in its path)."""

    file: str
    item: str
    what: str
    needle: str

    def __str__(self) -> str:
        return f"site/{self.file}: leak: contains the {self.what} of {self.item} ({self.needle!r}), which is not public"


def needles(item: Item, shared_names: frozenset[str], shared_slugs: frozenset[str] = frozenset(),
            shared_children: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """(what, text) pairs that betray `item` anywhere: URL path, bare slug, title, attachment
    names, and a review's child pseudonym; less what a public item shares."""
    found = [("URL", item.id), ("title", item.title)]
    slug = item.id.rsplit("/", 1)[-1]
    if any(c.isdigit() or c == "-" for c in slug) and slug not in shared_slugs:
        found.append(("slug", slug))
    for path in item.files:
        name = path.rsplit("/", 1)[-1]
        if name not in shared_names:
            found.append(("attachment file name", name))
    if item.section == "reviews" and item.child and normalise(item.child) not in shared_children:
        found.append(("child pseudonym", item.child))
    return found


def relative_urls(item: Item) -> list[tuple[str, str]]:
    """Relative links a page may hold to `item` (``../slug/``, ``"slug/``): text readings only."""
    last = item.id.rsplit("/", 1)[-1]
    return [("URL", f"{prefix}{last}/") for prefix in ("../", '"', "'", "(")]


def _trie_pattern(words: Iterable[str]) -> str:
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict) -> str:
        ends = "" in node
        alts = [re.escape(ch) + walk(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        if len(alts) == 1 and not ends:
            return alts[0]
        return "(?:" + "|".join(alts) + ")" + ("?" if ends else "")

    return walk(trie)


def _compile(forms: Iterable[str]) -> re.Pattern | None:
    forms = sorted(set(forms))
    return re.compile(_trie_pattern(forms)) if forms else None


class Auditor:
    """Scans output files and paths for the needles of every hidden item."""

    def __init__(self, hidden: Iterable[Item], public: Iterable[Item] = ()):
        public = list(public)
        shared_names = frozenset(p.rsplit("/", 1)[-1] for i in public for p in i.files)
        shared_slugs = frozenset(i.id.rsplit("/", 1)[-1] for i in public)
        shared_children = frozenset(normalise(i.child) for i in public if i.section == "reviews" and i.child)
        # form -> (item id, what, bounded): strong needles must stand alone; relative URL forms
        # carry their own boundaries (a quote or ../ before, a slash after).
        self._owner: dict[str, tuple[str, str, bool]] = {}
        for item in hidden:
            for bounded, pairs in ((True, needles(item, shared_names, shared_slugs, shared_children)),
                                   (False, relative_urls(item))):
                for what, text in pairs:
                    form = normalise(text)
                    if form:
                        self._owner.setdefault(form, (item.id, what, bounded))
        self._strong_owner = {form: owner for form, owner in self._owner.items() if owner[2]}
        self._folded_owner: dict[str, tuple] = {}  # the strong needles as `fold_latin1` sees their bytes
        for item in hidden:
            for what, text in needles(item, shared_names, shared_slugs, shared_children):
                for form in _byte_forms(text):
                    self._folded_owner.setdefault(form, (item.id, what, True, normalise(text)))
        self._strong = _compile(self._strong_owner)  # raw strings and paths
        self._folded = _compile(self._folded_owner)  # raw bytes as Latin-1
        self._all = _compile(self._owner)  # text
        self.problems: list[str] = []  # files read as raw bytes only: "site/<file>: <why>"

    @property
    def has_needles(self) -> bool:
        return bool(self._owner)

    def scan_path(self, rel: str) -> list[Leak]:
        """Traces in an output path; there a slug ends at a hyphen too (``2026-child-k-report.pdf``),
        and - _ . + / also read as spaces."""
        text = normalise(rel)
        spaced = " ".join(re.sub(r"[-_.+/]+", " ", text).split())
        return sorted(self._search(rel, text, self._strong, self._strong_owner, loose=True)
                      | self._search(rel, spaced, self._strong, self._strong_owner, loose=True))

    def scan_file(self, rel: str, data: bytes, cache: TextCache | None = None) -> list[Leak]:
        """Every distinct hidden-item trace in one output file's contents."""
        if not self._owner:
            return []
        readings = read(rel, data, cache)
        self.problems += [f"site/{rel}: {p}" for p in readings.problems]
        return self.scan_readings(rel, readings)

    def scan_readings(self, rel: str, readings: Readings) -> list[Leak]:
        """Traces in the readings of one file (see `readers.read`)."""
        leaks: set[Leak] = set()
        for text in _text_readings(readings):
            leaks |= self._search(rel, text, self._all, self._owner)
        for raw in readings.raw:
            leaks |= self._search(rel, normalise(raw), self._strong, self._strong_owner)
        for folded in readings.folded:
            leaks |= self._search(rel, folded, self._folded, self._folded_owner)
        return sorted(leaks)

    def scan(self, name: str, text: str, binary: bool = False) -> list[Leak]:
        """Traces in an already decoded text (`binary` texts get the strong needles only)."""
        readings = Readings(raw=[text], folded=[fold_latin1(text.encode("latin-1", "replace"))]) if binary \
            else Readings(markup=[text])
        return self.scan_readings(name, readings)

    def _search(self, rel: str, text: str, pattern: re.Pattern | None, owners: dict[str, tuple],
                loose: bool = False) -> set[Leak]:
        """Matches of `pattern` in normalised `text`; a bounded needle must stand alone (no
        letter, digit, hyphen or underscore either side; `loose`: no letter or digit)."""
        leaks: set[Leak] = set()
        if pattern is None:
            return leaks
        pos, covered = 0, -1
        while (match := pattern.search(text, pos)) is not None:
            start, pos = match.start(), match.start() + 1
            form = _standing(owners, text, start, match.group(0), loose)
            if form is not None and start + len(form) > covered:
                covered = start + len(form)
                ident, what, _, *shown = owners[form]
                leaks.add(Leak(rel, ident, what, shown[0] if shown else form))
        return leaks


def _standing(owners: dict[str, tuple], text: str, start: int, matched: str,
              loose: bool) -> str | None:
    """The longest needle that starts at `start`, is a prefix of `matched` and stands alone."""
    for end in range(len(matched), 0, -1):
        owner = owners.get(matched[:end])
        if owner is not None and (not owner[2] or _stands_alone(text, start, start + end, loose)):
            return matched[:end]
    return None


def _byte_forms(text: str) -> set[str]:
    """A needle as raw bytes read as Latin-1 show it: written in UTF-8, Latin-1 or Windows-1252,
    as written or as a reader sees it."""
    forms = set()
    for variant in (text, normalise(text)):
        for codec in ("utf-8", "latin-1", "cp1252"):
            try:
                forms.add(fold_latin1(variant.encode(codec)))
            except UnicodeEncodeError:
                continue
    return {form for form in forms if form}


def _text_readings(readings: Readings) -> Iterable[str]:
    """Normalised text readings: as written, markup also with its tags removed (joined with
    nothing and with a space), and with percent and \\u escapes decoded."""
    for text in readings.text + readings.markup:
        decoded = _unescaped(text)
        if decoded is not None:
            yield normalise(decoded)
    for text in readings.text:
        yield normalise(text)
    for text in readings.markup:
        text = normalise(text)
        yield text
        if "<" in text:
            yield from _stripped(text)


def _stands_alone(text: str, start: int, end: int, loose: bool = False) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if text[start].isalnum() and (before.isalnum() or (not loose and before in _WORD)):
        return False
    return not (text[end - 1].isalnum() and (after.isalnum() or (not loose and after in _WORD)))


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
    for root, dirs, names in os.walk(site, followlinks=True):
        real = os.path.realpath(root)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        base = Path(root).relative_to(site).as_posix()
        prefix = "" if base == "." else base + "/"
        paths += [prefix + d for d in dirs]
        for name in names:
            paths.append(prefix + name)
            if os.path.isfile(os.path.join(root, name)):
                files.append(prefix + name)
    return sorted(paths), sorted(files)


_WORKER: tuple[Auditor, Path, Sequence[Path], TextCache | None] | None = None


def _scan_one(rel: str) -> tuple[list[Leak], list[str]]:
    auditor, site, theme_dirs, cache = _WORKER
    data = (site / rel).read_bytes()
    if theme_identical(rel, data, theme_dirs):
        return [], []
    before = len(auditor.problems)
    leaks = auditor.scan_file(rel, data, cache)
    return leaks, auditor.problems[before:]


def audit_site(site: Path, auditor: Auditor, theme_dirs: Sequence[Path], cache_dir: Path | None = None,
               workers: int = 1) -> list[Leak]:
    """Every leak in the built `site`: in each output path, and in each file's contents except
    files byte-identical to the installed theme's own. `cache_dir` keeps extracted PDF, Office
    and audio texts between builds; `workers` > 1 scans files in that many forked processes.
    Files that could only be read as raw bytes are listed in `auditor.problems`."""
    global _WORKER
    site = Path(site)
    paths, files = site_entries(site)
    leaks: set[Leak] = set()
    for rel in paths:
        leaks.update(auditor.scan_path(rel))
    if not auditor.has_needles:
        return sorted(leaks)
    _WORKER = (auditor, site, list(theme_dirs), TextCache(cache_dir) if cache_dir else None)
    try:
        if workers > 1 and len(files) > 1:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(workers, mp_context=context) as pool:
                results = list(pool.map(_scan_one, files, chunksize=max(1, len(files) // (workers * 8))))
        else:
            results = [_scan_one(rel) for rel in files]
    finally:
        _WORKER = None
    for found, problems in results:
        leaks.update(found)
        if workers > 1:
            auditor.problems += problems
    return sorted(leaks)
