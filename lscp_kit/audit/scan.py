"""The leak audit: scan every output file and path for any trace of a non-public item.

Needles are each hidden item's URL path, bare slug, title (also written reversed, as a
right-to-left override shows it), attachment file names and (for a review) the child's
pseudonym, less what public items and public files share (it reveals nothing new). Text is read
as a person would see it (`normalise`: entities decoded, NFKC, invisible characters dropped,
typographic quotes and dashes as ASCII, white space collapsed, case folded), with markup also
read with its tags removed, escapes decoded, and inside files (`readers`: PDF, Office,
OpenDocument, audio tags, PNG text, archives and compressed files, data: URIs, UTF-16/32). All
needles compile into one trie-shaped regular expression, so each reading is scanned once
whatever the number of hidden items. An output file byte-identical to a hidden item's file is a
leak whatever its name; an archive the readers cannot open is refused too.
"""
from __future__ import annotations

import hashlib
import html
import multiprocessing
import os
import re
import unicodedata
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence
from urllib.parse import unquote

from lscp_kit.audit import readers
from lscp_kit.rules.items import Item
from lscp_kit.audit.readers import Readings, TextCache, fold_latin1, read

UNREADABLE = "unreadable archive"
COPY = "copy of the attachment file"

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
    parts = _TAG.split(text)
    return " ".join("".join(parts).split()), " ".join(" ".join(parts).split())


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
        if self.what == UNREADABLE:
            return (f"site/{self.file}: leak: is an archive or compressed file the audit cannot read inside "
                    f"({self.needle}), so it could hold items that are not public: publish the documents "
                    f"themselves (PDF) or as a .zip")
        return f"site/{self.file}: leak: contains the {self.what} of {self.item} ({self.needle!r}), which is not public"


@dataclass(frozen=True)
class Shared:
    """What public items and public files already show: never a needle. Names, slugs and path
    components compare case-insensitively; titles and pseudonyms as `normalise`d."""

    names: frozenset[str] = frozenset()  # file names (public items' files, every public file)
    slugs: frozenset[str] = frozenset()  # public items' slugs and public URL path components
    titles: frozenset[str] = frozenset()
    children: frozenset[str] = frozenset()

    @classmethod
    def of(cls, public: Iterable[Item], public_paths: Iterable[str] = ()) -> Shared:
        public, paths = list(public), [p.strip("/") for p in public_paths]
        components = {_stem(part) for path in paths for part in path.split("/") if part}
        return cls(names=frozenset(n.lower() for n in [p.rsplit("/", 1)[-1] for i in public for p in i.files]
                                   + [p.rsplit("/", 1)[-1] for p in paths]),
                   slugs=frozenset({i.id.rsplit("/", 1)[-1].lower() for i in public} | components),
                   titles=frozenset(normalise(i.title) for i in public),
                   children=frozenset(normalise(i.child) for i in public if i.section == "reviews" and i.child))


def _stem(part: str) -> str:
    part = part.lower()
    return part.rsplit(".", 1)[0] if "." in part[1:] else part


def needles(item: Item, shared: Shared = Shared()) -> list[tuple[str, str]]:
    """(what, text) pairs that betray `item` anywhere: URL path, bare slug, title, attachment
    names, and a review's child pseudonym; less what public items and files share."""
    found = [("URL", item.id)]
    if normalise(item.title) not in shared.titles:
        found.append(("title", item.title))
    slug = item.id.rsplit("/", 1)[-1]
    if any(c.isdigit() or c == "-" for c in slug) and slug.lower() not in shared.slugs:
        found.append(("slug", slug))
    found += [("attachment file name", name) for name in attachment_names(item, shared)]
    if item.section == "reviews" and item.child and normalise(item.child) not in shared.children:
        found.append(("child pseudonym", item.child))
    return found


def attachment_names(item: Item, shared: Shared = Shared()) -> list[str]:
    """The file names of `item`'s files that no public file shares."""
    names = [path.rsplit("/", 1)[-1] for path in item.files]
    return [name for name in names if name.lower() not in shared.names]


def reversed_titles(item: Item, shared: Shared = Shared()) -> list[tuple[str, str]]:
    """The title written backwards, as a right-to-left override (<bdo dir=rtl>, U+202E, CSS
    bidi-override) shows it in storage order: text readings only."""
    title = normalise(item.title)
    return [] if title in shared.titles or len(title) < 4 else [("title (written reversed)", title[::-1])]


def relative_urls(item: Item, shared: Shared = Shared()) -> list[tuple[str, str]]:
    """Relative links a page may hold to `item` (``../slug/``, ``"slug/``): text readings only;
    none when a public URL has a path component of that name (a theme page, a public item)."""
    last = item.id.rsplit("/", 1)[-1]
    if last.lower() in shared.slugs:
        return []
    return [("URL", f"{prefix}{last}/") for prefix in ("../", '"', "'", "(")]


def _digest(source: bytes | Path | str) -> bytes | None:
    """SHA-256 of bytes or of a file's contents; None when the file cannot be read."""
    try:
        data = source if isinstance(source, (bytes, bytearray)) else Path(source).read_bytes()
    except OSError:
        return None
    return hashlib.sha256(data).digest()


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

    def __init__(self, hidden: Iterable[Item], public: Iterable[Item] = (), public_paths: Iterable[str] = (),
                 hidden_files: Mapping[str, bytes | Path] | None = None,
                 public_files: Mapping[str, bytes | Path] | None = None,
                 public_digests: Mapping[str, bytes] | None = None):
        """`hidden`: items that must not show; `public`: items the site shows. `public_paths`:
        the path of every file the engine publishes (the staged tree: ``learning/theme/x.md``,
        ``assets/cover.png``); their names and path components (less extension) are not needles.
        `hidden_files`: the hidden items' files (keys as in `Item.files`, values their bytes or
        a path to them): an output file with the same bytes is a leak, whatever its name, unless
        a public item's own file has those bytes, or (for a file that is not the item's report,
        briefing or audio) any of `public_files` (staged path -> bytes or path) has them.
        `public_digests`: SHA-256 digests of some of `public_files`, known already (not read)."""
        hidden, public = list(hidden), list(public)
        shared = Shared.of(public, public_paths)
        # form -> (item id, what, bounded): bounded needles must stand alone; relative URL forms
        # carry their own boundaries (a quote or ../ before, a slash after). Relative URLs and
        # reversed titles are read in text only; the others also in raw bytes and paths.
        self._owner: dict[str, tuple[str, str, bool]] = {}
        self._strong_owner: dict[str, tuple[str, str, bool]] = {}
        for item in hidden:
            for strong, bounded, pairs in ((True, True, needles(item, shared)),
                                           (False, True, reversed_titles(item, shared)),
                                           (False, False, relative_urls(item, shared))):
                for what, text in pairs:
                    form = normalise(text)
                    if form and form not in self._owner:
                        self._owner[form] = (item.id, what, bounded)
                        if strong:
                            self._strong_owner[form] = self._owner[form]
        # names match whole path components in paths (a hidden report.pdf is not good-report.pdf)
        self._names = {normalise(name): (item.id, "attachment file name")
                       for item in hidden for name in attachment_names(item, shared)}
        self._path_owner = {form: owner for form, owner in self._strong_owner.items()
                            if owner[1] != "attachment file name"}
        self._folded_owner: dict[str, tuple] = {}  # the strong needles as `fold_latin1` sees their bytes
        for item in hidden:
            for what, text in needles(item, shared):
                for form in _byte_forms(text):
                    self._folded_owner.setdefault(form, (item.id, what, True, normalise(text)))
        self._copies = _copies(hidden, public, hidden_files or {}, public_files or {}, public_digests or {})
        self._strong = _compile(self._strong_owner)  # raw strings
        self._path = _compile(self._path_owner)  # paths
        self._folded = _compile(self._folded_owner)  # raw bytes as Latin-1
        self._all = _compile(self._owner)  # text
        self.problems: list[str] = []  # files read as raw bytes only: "site/<file>: <why>"

    @cached_property
    def fingerprint(self) -> str:
        """Everything a verdict depends on: the needles, the copies looked for, the code."""
        state = (sorted(self._owner.items()), sorted(self._names.items()),
                 sorted((k, repr(v)) for k, v in self._folded_owner.items()), sorted(self._copies.items()))
        return hashlib.sha256(repr(state).encode() + _CODE.encode()).hexdigest()[:40]

    @property
    def has_needles(self) -> bool:
        return bool(self._owner or self._copies)

    def scan_path(self, rel: str) -> list[Leak]:
        """Traces in an output path; there a slug ends at a hyphen too (``2026-child-k-report.pdf``),
        and - _ . + / also read as spaces; an attachment name must be a whole path component."""
        text = normalise(rel)
        spaced = " ".join(re.sub(r"[-_.+/]+", " ", text).split())
        leaks = {Leak(rel, *self._names[part], part) for part in text.split("/") if part in self._names}
        return sorted(leaks | self._search(rel, text, self._path, self._path_owner, loose=True)
                      | self._search(rel, spaced, self._path, self._path_owner, loose=True))

    def scan_file(self, rel: str, data: bytes, cache: TextCache | None = None, digest=None) -> list[Leak]:
        """Every distinct hidden-item trace in one output file's contents: needles, a copy of a
        hidden file, an archive the readers cannot open. `digest`: the SHA-256 object of `data`,
        when the caller has it already."""
        if not self.has_needles:
            return []
        leaks: set[Leak] = set()
        if digest is None and self._copies:
            digest = hashlib.sha256(data)
        if digest is not None and digest.digest() in self._copies:
            leaks.add(Leak(rel, *self._copies[digest.digest()]))
        readings = read(rel, data, cache, digest.hexdigest() if digest is not None else None)
        self.problems += [f"site/{rel}: {p}" for p in readings.problems]
        leaks |= {Leak(rel, "", UNREADABLE, why) for why in readings.unreadable}
        return sorted(leaks | set(self.scan_readings(rel, readings)))

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


def _copies(hidden: list[Item], public: list[Item], hidden_files: Mapping[str, bytes | Path],
            public_files: Mapping[str, bytes | Path],
            public_digests: Mapping[str, bytes]) -> dict[bytes, tuple[str, str, str]]:
    """SHA-256 digest -> (item id, COPY, file name) for each hidden item's file, less the bytes a
    public item's own file has; a file that is not the hidden item's report, briefing or audio
    (a cover image, say) is also no needle when any published file (an asset) has its bytes."""
    copies: dict[bytes, tuple[str, str, str]] = {}
    named: set[bytes] = set()
    for item in hidden:
        attachments = {a.rsplit("/", 1)[-1] for a in item.attachments}
        for path in item.files:
            if path in hidden_files and (digest := _digest(hidden_files[path])) is not None:
                name = path.rsplit("/", 1)[-1]
                copies.setdefault(digest, (item.id, COPY, name))
                if name in attachments:
                    named.add(digest)
    if copies:
        owned = {p for i in public for p in i.files}
        for path, source in public_files.items():
            digest = public_digests.get(path) or _digest(source)
            if digest in copies and (path in owned or digest not in named):
                del copies[digest]
    return copies


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


def mentions(text: str, needle: str) -> bool:
    """Whether normalised `text` holds normalised `needle` standing alone, as the audit reads
    (``child s`` is not in ``child safeguarding``)."""
    start = text.find(needle)
    while needle and start >= 0:
        if _stands_alone(text, start, start + len(needle)):
            return True
        start = text.find(needle, start + 1)
    return False


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


_CODE = hashlib.sha256(b"".join(p.read_bytes() for p in [Path(__file__), *sorted(Path(readers.__file__).parent.glob("*.py"))])).hexdigest()


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


def _unchanged(site: Path, rel: str, known: Mapping[str, tuple[tuple, str]]) -> str | None:
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
    digest = _unchanged(site, rel, known)
    return (rel, digest, False, False) if digest in verdicts.clean else None


def _fingerprint_file(rel: str) -> tuple[str, str | None, bool, bool]:
    """(rel, digest of the contents as read, whether it must be read, whether it is the theme's
    own): reading and hashing release the GIL, so threads do this side by side. A file hashed
    earlier in the build (`known`) and not changed since is not read again."""
    _auditor, site, theme_dirs, _cache, verdicts, blocks, known = _WORKER
    digest, data = _unchanged(site, rel, known), None
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
    paths, files = site_entries(site)
    if only is not None:
        wanted = set(only)
        paths, files = [], [f for f in files if f in wanted]
    leaks: set[Leak] = set()
    for rel in paths:
        leaks.update(auditor.scan_path(rel))
    if not auditor.has_needles:
        return sorted(leaks)
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


class BackgroundAudit:
    """The audit in a forked process, beside the engine: while pages render, it builds the
    auditor, hashes and reads the files already in the output (attachments are copied first)
    and each page as soon as it is written (`written`); it says which files of `expected` do not
    have the digest expected (`changed`); once the build is complete (`result`), it audits every
    file and path, reading again only what is new or changed since, and sends back what it
    found. `make_auditor` is called with the digests of the `expected` files that the output
    holds as expected (site path -> SHA-256), so the auditor need not read them again. Any
    failure of the process is an error, never a pass."""

    def __init__(self, make_auditor: Callable[[Mapping[str, bytes]], Auditor], site: Path, theme_dirs: Sequence[Path],
                 cache_dir: Path | None, blocks: Sequence[bytes] = (), expected: Mapping[str, str] | None = None):
        context = multiprocessing.get_context("fork")
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_audit_in_background, daemon=True,
                                        args=(child, make_auditor, Path(site), list(theme_dirs), cache_dir,
                                              list(blocks), dict(expected or {})))
        self._process.start()
        child.close()

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
            self._conn.send((request, None))
            if not self._conn.poll(timeout):
                raise RuntimeError("the leak audit did not finish in time")
            status, payload = self._conn.recv()
        except (EOFError, OSError) as err:
            raise RuntimeError(f"the leak audit stopped before it finished ({err})") from None
        if status != answer:
            raise RuntimeError(f"the leak audit failed: {payload}")
        return payload

    def cancel(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join(5)
        self._conn.close()


def _audit_in_background(conn, make_auditor: Callable[[Mapping[str, bytes]], Auditor], site: Path, theme_dirs: list[Path],
                         cache_dir: Path | None, blocks: list[bytes], expected: dict[str, str]) -> None:
    try:
        os.nice(10)  # the engine, rendering pages, goes first; the audit takes the CPU left over
    except OSError:
        pass
    try:
        known = prehash(site, blocks)
        # the files of `expected` that the output holds as expected: their digests need no
        # second reading (the auditor compares hidden items' files with what is published)
        auditor = make_auditor({rel: bytes.fromhex(digest) for rel, digest in expected.items()
                                if rel in known and known[rel][1] == digest})
        # Read the attachments now, and then each page as it comes, while pages render: what is
        # clean is remembered (Verdicts), so the final audit skips it unless it changed since;
        # anything else is read again there.
        audit_site(site, auditor, theme_dirs, cache_dir, blocks=blocks, known=known, only=known)
        while True:
            kind, files = conn.recv()
            if kind == "go":  # the build is complete
                break
            if kind == "changed":  # hashed again where it may have changed since it was hashed
                known.update(prehash(site, blocks, [rel for rel in expected
                                                    if rel in known and _unchanged(site, rel, known) is None]))
                conn.send(("changed", sorted(rel for rel, digest in expected.items()
                                             if rel in known and known[rel][1] != digest)))
                continue
            new = prehash(site, blocks, files)
            known.update(new)
            audit_site(site, auditor, theme_dirs, cache_dir, blocks=blocks, known=known, only=new)
        leaks = audit_site(site, auditor, theme_dirs, cache_dir, blocks=blocks, known=known)
        conn.send(("ok", (leaks, sorted(set(auditor.problems)))))
    except BaseException as err:  # noqa: BLE001 - reported to the build, which then stops
        try:
            conn.send(("error", f"{type(err).__name__}: {err}"))
        except OSError:
            pass  # the build is gone (its end of the pipe closed): nothing to report to
