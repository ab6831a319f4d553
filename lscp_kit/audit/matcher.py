"""The Auditor: every hidden item's needles compiled into one trie-shaped regular expression,
so each reading is scanned once whatever the number of hidden items; a match counts when it
stands alone (and, for the needles whose case or continuation matters, when that holds too).
Passages (`passages`) and copies by their bytes (`copies`) are looked for beside it."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping

from lscp_kit.audit import copies, passages
from lscp_kit.audit.needles import (Needle, Shared, attachment_names, needles, relative_urls,
                                    reversed_titles)
from lscp_kit.audit.normalise import WORD_JOINERS, normalise, stands_alone, stripped, unescaped
from lscp_kit.audit.readers import Readings, TextCache, fold_latin1, read
from lscp_kit.rules.items import Item

UNREADABLE = "unreadable archive"
COPY = "copy of the attachment file"
SHARED = "same file"
PASSAGE = "text"
# The audit's code (every module here, the readers too): part of every verdict's key.
CODE = hashlib.sha256(b"".join(p.read_bytes() for p in sorted(Path(__file__).resolve().parent.rglob("*.py")))
                      ).hexdigest()


@dataclass(frozen=True, order=True)
class Leak:
    """A hidden item's trace found in an output file (or in its path); for SHARED, `file` is the
    public file of content/ and `other` the hidden item's file with the same bytes."""

    file: str
    item: str
    what: str
    needle: str
    other: str = ""

    def __str__(self) -> str:
        if self.what == UNREADABLE:
            return (f"site/{self.file}: cannot be read completely, so it could hold items that are not "
                    f"public and is never published: {self.needle}")
        if self.what == SHARED:
            return (f"content/{self.file}: the same file is attached to content/{self.file} (public) and "
                    f"content/{self.other} (not public): remove it from one (a page may link the public "
                    f"one instead of holding a copy)")
        return f"site/{self.file}: leak: contains the {self.what} of {self.item} ({self.needle!r}), which is not public"


@dataclass(frozen=True)
class Owner:
    """Whose needle a normalised form is, and how it must stand to count."""

    item: str
    what: str
    needle: Needle
    shown: str

    def holds(self, text: str, start: int, end: int, loose: bool, kept: Callable[[], str] | None) -> bool:
        needle = self.needle
        if needle.bounded and not _alone(text, start, end, loose, needle.joined) and not (
                needle.longer_in_links and _alone(text, start, end, loose, True) and _in_address(text, start)):
            return False
        if needle.tail is not None and not needle.tail.match(text, end):
            return False
        if not needle.in_links and _in_address(text, start):
            return False
        return needle.case is None or kept is None or needle.case.search(kept()) is not None


_ADDRESS_START = re.compile(r"""[^\s"'<>()\[\]]*$""")


def _in_address(text: str, start: int) -> bool:
    """Whether text[start:] is inside an absolute address (``https://host/...``, ``www.host/...``)."""
    token = _ADDRESS_START.search(text, max(0, start - 2048), start).group(0)
    return "://" in token or token.startswith("www.")


# A capital letter joined to an ordinary word: "Baby X-rays" is not "Baby X", written joined.
_COMPOUNDS = frozenset({"x-ray", "x-rays", "x-rayed", "t-shirt", "t-shirts", "u-turn", "u-turns", "a-level",
                        "a-levels", "c-section", "e-mail", "e-mails", "d-day", "t-cell", "t-cells", "v-neck",
                        "a-road", "b-road", "a-z", "g-tube", "j-cloth", "k-pop", "s-bend"})


def _compound(text: str, end: int) -> bool:
    """Whether the letter ending a match at `end` begins an ordinary hyphenated word."""
    tail = end + 1
    while tail < len(text) and text[tail].isalpha():
        tail += 1
    return f"{text[end - 1]}-{text[end + 1:tail]}".lower() in _COMPOUNDS


def _alone(text: str, start: int, end: int, loose: bool, joined: bool) -> bool:
    """Standing alone; a `joined` needle may be followed by a hyphen and a letter (``R-related``),
    unless letter and word are an ordinary compound (``X-rays``)."""
    if stands_alone(text, start, end, loose):
        return True
    if not (joined and end + 1 < len(text) and text[end] in WORD_JOINERS and text[end + 1].isalpha()):
        return False
    if _compound(text, end):
        return False
    before = text[start - 1] if start else " "
    return not (text[start].isalnum() and (before.isalnum() or (not loose and before in WORD_JOINERS)))


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


Reading = tuple[str, Callable[[], str] | None, str | None]  # (normalised text, case-kept, text for passages)


def _text_readings(readings: Readings) -> Iterator[Reading]:
    """Normalised text readings: as written, markup also with its tags removed (joined with
    nothing and with a space), and with percent and \\u escapes decoded. Passages are read once
    per text: in its words, markup without its tags, styles and scripts (in a markup file, only
    the markup: its other texts are stylesheets' strings and the like)."""
    markup = bool(readings.markup)
    for text in readings.text + readings.markup:
        decoded = unescaped(text)
        if decoded is not None:
            yield normalise(decoded), _kept(decoded), None
    for text in readings.text:
        folded = normalise(text)
        yield folded, _kept(text), None if markup else passages.markup_prose(folded)
    for text in readings.markup:
        folded = normalise(text)
        yield folded, _kept(text), passages.markup_prose(folded)
        if "<" in folded:
            joined, spaced = stripped(folded)
            yield joined, lambda t=text: stripped(normalise(t, fold=False))[0], None
            yield spaced, lambda t=text: stripped(normalise(t, fold=False))[1], None


def _kept(text: str) -> Callable[[], str]:
    return lambda: normalise(text, fold=False)


class Auditor:
    """Scans output files and paths for the needles, passages and copies of every hidden item."""

    def __init__(self, hidden: Iterable[Item], public: Iterable[Item] = (), public_paths: Iterable[str] = (),
                 hidden_files: Mapping[str, bytes | Path] | None = None,
                 public_files: Mapping[str, bytes | Path] | None = None,
                 public_digests: Mapping[str, bytes] | None = None, cache_dir: Path | None = None,
                 site_files: Mapping[str, bytes | Path] | None = None, names: Iterable[str] = (),
                 public_pages: Mapping[str, str] | None = None):
        """`hidden`: items that must not show; `public`: items the site shows. `public_paths`:
        every file the engine publishes (the staged tree: ``learning/theme/x.md``,
        ``assets/cover.png``): the names of all, and the path components of generated ones (those
        not in `public_files`), are not needles. `hidden_files`: the hidden items' files (keys as
        in `Item.files`, values their bytes or a path to them): an output file with the same bytes
        is a leak, whatever its name, and a file of `public_files` (staged path -> bytes or path
        of a file of content/) with them is an error (`conflicts`). `public_digests`: SHA-256
        digests of some of `public_files`, known already (not read). `cache_dir`: where texts
        read out of files are kept (`readers.TextCache`). `site_files`: the site's own files
        (theme overrides, mkdocs.yml: name -> bytes or path), whose wording is never a passage.
        `names`: the partnership's own names (its site name, its partners), each one word in a passage.
        `public_pages`: the text of each page the engine publishes (staged path -> Markdown)."""
        hidden, public = list(hidden), list(public)
        hidden_files, public_files = hidden_files or {}, public_files or {}
        shared = Shared.of(public, public_paths, public_files).with_ordinary(hidden, _public_words(
            public, public_pages or {}, site_files or {}))
        self._owner: dict[str, Owner] = {}  # text readings: every needle
        for item in hidden:
            for needle in needles(item, shared) + reversed_titles(item, shared) + relative_urls(item, shared):
                form = normalise(needle.text)
                if form and form not in self._owner:
                    self._owner[form] = Owner(item.id, needle.what, needle, form)
        self._strong_owner = {form: o for form, o in self._owner.items() if o.needle.strong}  # raw strings
        # names match whole path components in paths (a hidden report.pdf is not good-report.pdf)
        self._names = {normalise(name): (item.id, "attachment file name")
                       for item in hidden for name in attachment_names(item, shared)}
        self._path_owner = {form: o for form, o in self._strong_owner.items() if o.what != "attachment file name"}
        self._folded_owner: dict[str, Owner] = {}  # the strong needles as `fold_latin1` sees their bytes
        for form, owner in self._strong_owner.items():
            for folded in _byte_forms(owner.needle.text):
                self._folded_owner.setdefault(folded, Owner(owner.item, owner.what, owner.needle, form))
        digests = copies.digests(public_files, public_digests or {}) if hidden else {}
        found = copies.hidden_copies(hidden, hidden_files)
        self.conflicts = [Leak(public_path, ident, SHARED, hidden_path.rsplit("/", 1)[-1], hidden_path)
                          for public_path, ident, hidden_path in copies.shared_bytes(found, digests)]
        self._copies = {d: (ident, COPY, path.rsplit("/", 1)[-1]) for d, (ident, path, _named) in found.items()}
        self._hidden_digests = found
        self._passages = _passages(hidden, public, hidden_files, public_files, digests, cache_dir, site_files or {},
                                  names)
        self._strong = _compile(self._strong_owner)
        self._path = _compile(self._path_owner)
        self._folded = _compile(self._folded_owner)
        self._all = _compile(self._owner)
        self.problems: list[str] = []  # files read as raw bytes only: "site/<file>: <why>"

    @cached_property
    def fingerprint(self) -> str:
        """Everything a verdict depends on: the needles, the copies and passages looked for, the code."""
        state = (sorted((k, repr(v)) for k, v in self._owner.items()), sorted(self._names.items()),
                 sorted((k, repr(v)) for k, v in self._folded_owner.items()), sorted(self._copies.items()),
                 self._passages.digest)
        return hashlib.sha256(repr(state).encode() + CODE.encode()).hexdigest()[:40]

    def scan_path(self, rel: str) -> list[Leak]:
        """Traces in an output path; there a slug ends at a hyphen too (``2026-child-k-report.pdf``),
        and - _ . + / also read as spaces; an attachment name must be a whole path component."""
        text = normalise(rel)
        spaced = " ".join(re.sub(r"[-_.+/]+", " ", text).split())
        leaks = {Leak(rel, *self._names[part], part) for part in text.split("/") if part in self._names}
        return sorted(leaks | self._search(rel, text, self._path, self._path_owner, loose=True)
                      | self._search(rel, spaced, self._path, self._path_owner, loose=True))

    def scan_file(self, rel: str, data: bytes, cache: TextCache | None = None, digest=None) -> list[Leak]:
        """Every distinct hidden-item trace in one output file's contents: needles, passages, a
        copy of a hidden file, an archive the readers cannot open. `digest`: the SHA-256 object
        of `data`, when the caller has it already."""
        leaks: set[Leak] = set()  # read even when nothing is hidden: an unreadable file is refused
        if digest is None and self._copies:
            digest = hashlib.sha256(data)
        if digest is not None and digest.digest() in self._copies:
            leaks.add(Leak(rel, *self._copies[digest.digest()]))
        if digest is None and self._passages:
            digest = hashlib.sha256(data)
        readings = read(rel, data, cache, digest.hexdigest() if digest is not None else None)
        self.problems += [f"site/{rel}: {p}" for p in readings.problems]
        leaks |= {Leak(rel, ident, COPY, f"{path.rsplit('/', 1)[-1]}, as {inside} inside it")
                  for ident, path, inside in copies.copies_inside(self._hidden_digests, readings.members)}
        leaks |= {Leak(rel, "", UNREADABLE, why) for why in readings.unreadable}
        public = digest is not None and self._passages.holds_none(digest.hexdigest())
        return sorted(leaks | set(self.scan_readings(rel, readings, passages=not public)))

    def scan_readings(self, rel: str, readings: Readings, passages: bool = True) -> list[Leak]:
        """Traces in the readings of one file (see `readers.read`); `passages`: look for them too."""
        leaks: set[Leak] = set()
        passages = passages and bool(self._passages)
        for text, kept, prose in _text_readings(readings):
            leaks |= self._search(rel, text, self._all, self._owner, kept=kept)
            if prose and passages:
                leaks |= {Leak(rel, ident, PASSAGE, quote) for ident, quote in self._passages.find(prose)}
        for raw in readings.raw:
            leaks |= self._search(rel, normalise(raw), self._strong, self._strong_owner, kept=_kept(raw))
        for folded in readings.folded:
            leaks |= self._search(rel, folded, self._folded, self._folded_owner)
        return sorted(leaks)

    def scan(self, name: str, text: str, binary: bool = False) -> list[Leak]:
        """Traces in an already decoded text (`binary` texts get the strong needles only)."""
        readings = Readings(raw=[text], folded=[fold_latin1(text.encode("latin-1", "replace"))]) if binary \
            else Readings(markup=[text])
        return self.scan_readings(name, readings)

    def _search(self, rel: str, text: str, pattern: re.Pattern | None, owners: Mapping[str, Owner],
                loose: bool = False, kept: Callable[[], str] | None = None) -> set[Leak]:
        """Matches of `pattern` in normalised `text` that hold (`Owner.holds`; `loose`: a hyphen
        or underscore ends a word too; `kept`: the case-kept text, None where case is unknown)."""
        leaks: set[Leak] = set()
        if pattern is None:
            return leaks
        pos, covered = 0, -1
        while (match := pattern.search(text, pos)) is not None:
            start, pos = match.start(), match.start() + 1
            form = _holding(owners, text, start, match.group(0), loose, kept)
            if form is not None and start + len(form) > covered:
                covered = start + len(form)
                owner = owners[form]
                leaks.add(Leak(rel, owner.item, owner.what, owner.shown))
        return leaks


def _holding(owners: Mapping[str, Owner], text: str, start: int, matched: str, loose: bool,
             kept: Callable[[], str] | None) -> str | None:
    """The longest needle that starts at `start`, is a prefix of `matched` and holds there."""
    for end in range(len(matched), 0, -1):
        owner = owners.get(matched[:end])
        if owner is not None and owner.holds(text, start, start + end, loose, kept):
            return matched[:end]
    return None


def _public_words(public: list[Item], pages: Mapping[str, str],
                  site_files: Mapping[str, bytes | Path]) -> Iterator[str | bytes | Path]:
    """Public wording, when asked: public items' titles, bodies and summaries, the pages the
    engine publishes and the site's own files."""
    for item in public:
        yield from (item.title, item.body, item.summary or "")
    yield from (text for _path, text in sorted(pages.items()))
    yield from site_files.values()


def _passages(hidden: list[Item], public: list[Item], hidden_files: Mapping[str, bytes | Path],
              public_files: Mapping[str, bytes | Path], digests: Mapping[str, bytes | None],
              cache_dir: Path | None, site_files: Mapping[str, bytes | Path],
              names: Iterable[str] = ()) -> passages.Passages:
    """The passages of hidden items' texts that are not shared wording (`passages.Passages`);
    `digests`: the SHA-256 digest of each of `public_files`; `names`: the partnership's own."""
    cache = TextCache(cache_dir) if cache_dir else None
    texts = {item.id: (_kind(item), *passages.item_texts(item, hidden_files, cache)) for item in hidden}
    owners = {path: item for item in public for path in (item.source, *item.files)}

    def public_texts() -> Iterator[tuple[str, object, str, Callable[[], list[str]], bool]]:
        for name, key, reading in passages.site_texts(site_files):
            yield name, passages.SITE, key, reading, False
        for item in public:
            for text in (item.body, item.summary or ""):
                key = "text:" + hashlib.sha256(text.encode()).hexdigest()
                yield item.id, _kind(item), key, lambda t=text: [passages.prose(t)], False
        for path, source in sorted(public_files.items()):
            item, digest = owners.get(path), digests.get(path)
            if digest is not None and path.lower().endswith(passages.PROSE_SUFFIXES):
                owner, kind = (item.id, _kind(item)) if item else (path, None)
                document = not path.endswith(".md")  # a file, not a page
                yield owner, kind, digest.hex(), lambda p=path, s=source: passages.source_texts(p, s, cache), document
    return passages.Passages(texts, public_texts(), cache_dir, names)


def _kind(item: Item) -> tuple[str, ...]:
    """Items whose texts share wording: reviews (standard paragraphs, a revision and its draft),
    learning of one type (a newsletter's standing sections)."""
    return (item.section,) if item.section == "reviews" else (item.section, item.type)
