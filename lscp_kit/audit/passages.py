"""Passages of hidden items' text, found in outputs by their word shingles.

Each hidden item's body, summary and readable attachments are `normalise`d and split into
words; every run of SHINGLE words is hashed, and the hashes are winnowed (the least of every
WINDOW consecutive ones is kept), so that any run of SHINGLE + WINDOW - 1 words a hidden text
shares with an output holds a kept hash. Shared wording is subtracted (`Passages`): it reveals
nothing. An XMP packet's fields are read one by one, and the partnership's own names as one
word each (`Names`): neither a template's metadata nor an address is prose.
An output text is split into words once and all its shingle hashes looked up in one set.
Hashes are stable across builds, so the verdict cache keys on the hashes kept.
"""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping

from lscp_kit.audit.normalise import TAG, normalise, word_spans, words
from lscp_kit.audit.readers import READ_SUFFIXES, TextCache, read
from lscp_kit.audit.readers.media import AUDIO_SUFFIXES
from lscp_kit.rules.items import Item

SHINGLE = 10  # words per shingle: ten words in the same order are no coincidence
WINDOW = 4  # winnowing window: a shared run of 13 words or more is always found
QUOTE = 24  # words quoted at most in a report
# Files whose text is read for passages: every kind the readers read (transcripts and subtitles,
# e-mail, archives of documents ...), but audio and pictures, whose texts are tags and metadata
# fields (read for every needle), not prose: reading megabytes of audio would slow every build.
_NOT_PROSE = frozenset(AUDIO_SUFFIXES) | {".png", ".jpg", ".jpeg", ".ico", ".gif", ".tif", ".tiff", ".webp"}
PROSE_SUFFIXES = tuple(sorted(READ_SUFFIXES - _NOT_PROSE))
# An XMP packet (Word, Acrobat, cameras write one into every file): fields, never running prose.
_XMP = re.compile(r"<x:x[am]pmeta\b.*?</x:x[am]pmeta\s*>", re.DOTALL | re.IGNORECASE)
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_CODE = re.compile(r"<(style|script)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)


class _Vocabulary(dict):
    """Word -> a stable 64-bit number (BLAKE2b), so shingle hashes (Python's hash of a tuple of
    ints, which no hash seed changes) are the same in every build."""

    def __missing__(self, word: str) -> int:
        value = self[word] = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "big")
        return value


_VOCABULARY = _Vocabulary()


def shingles(found: list[str]) -> Iterator[int]:
    """The hash of every run of SHINGLE consecutive words."""
    numbers = list(map(_VOCABULARY.__getitem__, found))
    return map(hash, zip(*(numbers[i:] for i in range(SHINGLE))))


_NONE = 1 << 64  # above every hash: a shingle that is not prose


def prose_shingles(found: list[str]) -> list[int]:
    """`shingles`, with _NONE for each run that is not prose (three words or more of digits:
    a version string, a date stamp, a PDF producer's signature)."""
    letters = [0]
    for word in found:
        letters.append(letters[-1] + word.isalpha())
    return [value if letters[i + SHINGLE] - letters[i] >= SHINGLE - 2 else _NONE
            for i, value in enumerate(shingles(found))]


def winnow(hashes: list[int]) -> set[int]:
    """The least hash of every WINDOW consecutive ones (all of them when there are fewer), less _NONE."""
    if len(hashes) <= WINDOW:
        return set(hashes) - {_NONE}
    return {min(hashes[i:i + WINDOW]) for i in range(len(hashes) - WINDOW + 1)} - {_NONE}


def markup_prose(text: str) -> str:
    """Normalised text as its reader sees the words: markup without its tags, and without the
    contents of <style> and <script> (code, not prose)."""
    if "<" not in text:
        return text
    return " ".join(TAG.sub(" ", _CODE.sub(" ", text)).split())


def prose(markdown: str) -> str:
    """Markdown as its reader sees the words: link targets and tags left out, normalised."""
    return normalise(TAG.sub(" ", _LINK_TARGET.sub("]", markdown)))


def file_texts(name: str, data: bytes, cache: TextCache | None = None) -> list[str]:
    """The normalised text readings of a file, markup with its tags removed ([] for files that
    hold no prose)."""
    if not name.lower().endswith(PROSE_SUFFIXES):
        return []
    readings = cache.get(data) if cache is not None else None  # texts only: no raw bytes to read
    if readings is None:
        readings = read(name, data, cache)
    return [normalise(t) for t in readings.text] + [normalise(m) for t in readings.markup for m in _fields(t)]


def _fields(markup: str) -> list[str]:
    """Markup with its tags removed; each field of an XMP packet on its own (the producer, the
    author and the PDF/A part the partnership's template writes into every file are no passage)."""
    if "xmpmeta" not in markup and "xapmeta" not in markup:
        return [TAG.sub(" ", markup)]
    fields = [TAG.sub(" ", part) for part in _XMP.split(markup)]
    for packet in _XMP.findall(markup):
        fields += [f for f in TAG.split(packet) if f.strip()]
    return fields


def item_texts(item: Item, files: Mapping[str, bytes | Path],
               cache: TextCache | None = None) -> tuple[list[str], list[str]]:
    """(an item's body and summary, its readable attachments' texts), normalised."""
    found: list[str] = []
    for path in item.files:
        found += source_texts(path, files.get(path), cache)
    return [prose(item.body), normalise(item.summary or "")], found


def source_texts(path: str, source: bytes | Path | str | None, cache: TextCache | None = None) -> list[str]:
    """`file_texts` of a file given as bytes or a path ([] when it cannot be read or holds no prose)."""
    if source is None or not path.lower().endswith(PROSE_SUFFIXES):
        return []
    try:
        data = source if isinstance(source, (bytes, bytearray)) else Path(source).read_bytes()
    except OSError:
        return []
    return file_texts(path, data, cache)


BOILERPLATE = 3  # a passage this many public sources hold is the partnership's standard wording
SITE = "site"  # the kind of the site's own files (templates, settings, the kit): all their wording is shared
KIT = Path(__file__).resolve().parents[1]  # the kit's own code and templates
_KIT_SUFFIXES = (".py", ".html", ".xsl", ".xml", ".md", ".txt", ".j2")


def site_texts(files: Mapping[str, bytes | Path]) -> Iterator[tuple[str, str, Callable[[], list[str]]]]:
    """(name, key, its normalised text when asked) of each of the site's own files (`files`:
    name -> bytes or path) and of the kit's own code and templates, read as plain text."""
    kit = {f"kit/{p.relative_to(KIT).as_posix()}": p for p in sorted(KIT.rglob("*"))
           if p.suffix in _KIT_SUFFIXES and p.is_file()}
    for name, source in {**kit, **files}.items():
        try:
            data = source if isinstance(source, (bytes, bytearray)) else Path(source).read_bytes()
        except OSError:
            continue
        text = data.decode("utf-8", "replace")
        yield name, "site:" + hashlib.sha256(data).hexdigest(), lambda t=text: [markup_prose(normalise(t))]


EDGE = 40  # words at the top and at the foot of a text where a template puts its header and footer


def holdings(texts: Iterable[str], looked_for: frozenset[int]) -> tuple[frozenset[int], frozenset[int]]:
    """(the hashes of `looked_for` that `texts` hold, those of them held only within EDGE words
    of a text's start or end: in its header or footer)."""
    hits: set[int] = set()
    middle: set[int] = set()
    for text in texts:
        hashes = list(shingles(words(text)))
        found = looked_for.intersection(hashes)
        if found:
            hits |= found
            middle |= looked_for.intersection(hashes[EDGE - SHINGLE + 1:len(hashes) + SHINGLE - 1 - EDGE])
    return frozenset(hits), frozenset(hits - middle)


def fingerprints(hidden: Mapping[str, tuple[object, list[str], list[str]]], memo: PrintMemo | None = None
                 ) -> tuple[dict[int, str], set[int]]:
    """(kept hash -> the hidden item whose text it comes from, template wording): the passages
    that only a hidden item's attachments hold, and only in a header or footer (within EDGE
    words of the start or end of every text that holds them), where documents made from the
    partnership's template carry its standard wording. Such a passage that a public document
    also holds only in its header or footer is shared wording, not a leak; a passage of a hidden
    item's page, or in the body of a document, never is. `memo`: each text's prints, kept
    between builds."""
    memo = memo or PrintMemo(None)
    owner: dict[int, str] = {}
    template: set[int] = set()
    for ident, (_kind, texts, files) in sorted(hidden.items()):
        page: set[int] = set()
        for text in texts:
            page |= memo.prints(text)[0]
        edges, middle = set(), set()
        for text in files:
            kept, inner = memo.prints(text)
            edges |= kept
            middle |= inner
        template |= edges - middle - page
        for value in sorted(page) + sorted(edges):
            owner.setdefault(value, ident)
    memo.save()
    return owner, template


def text_prints(text: str) -> tuple[set[int], set[int]]:
    """(the winnowed prose hashes of normalised `text`, those of them beyond EDGE words of its
    start and end: in its body)."""
    hashes = prose_shingles(words(text))
    kept = winnow(hashes)
    return kept, kept.intersection(hashes[EDGE - SHINGLE + 1:len(hashes) + SHINGLE - 1 - EDGE])


class Names:
    """The partnership's own names ("Wealdmouth Safeguarding Children Partnership", its partners)
    read as one word each, so that its address or a line that names it ("Contact: <name>, Civic
    Centre, Harbour Road ...") is no passage by the length of the name alone: the letters between
    a name's words become "x", which keeps every other word where it was (a quote is cut out of
    the text as written)."""

    def __init__(self, names: Iterable[str], hidden: Iterable[str] = ()):
        """`hidden`: the hidden texts; only the names they hold are joined (elsewhere a name
        changes no passage), so most texts are read as they are."""
        forms = {normalise(name) for name in names}
        hidden = list(hidden)
        self.forms = sorted((f for f in forms if len(words(f)) > 1 and any(f in t for t in hidden)),
                            key=lambda f: (-len(f), f))
        self._joined = [re.sub(r"[^\w]|_", "x", f) for f in self.forms]

    def join(self, text: str) -> str:
        for form, joined in zip(self.forms, self._joined):
            if form in text:
                text = text.replace(form, joined)
        return text

    def joined(self, texts: list[str]) -> list[str]:
        return [self.join(t) for t in texts] if self.forms else texts


class Passages:
    """The winnowed shingle hashes of hidden items' texts, less those that are shared wording:
    held by the site's own files (the kit, the settings, the standing pages no item owns: the
    partnership's address on About), by a public item of the same kind (reviews of a type share
    their standard paragraphs, a revision shares its draft's text), by BOILERPLATE public sources
    or more, or a template's header or footer (`fingerprints`). A passage one or two other
    public sources hold is a leak there: pasted into a newsletter, a guide, a page."""

    def __init__(self, hidden: Mapping[str, tuple[object, list[str], list[str]]],
                 public: Iterable[tuple[str, object, str, Callable[[], list[str]], bool]], memo_dir: Path | None = None,
                 names: Iterable[str] = ()):
        """`hidden`: item id -> (its kind, its page's normalised texts, its attachments'); `public`:
        (source, kind or None, key, its normalised texts when asked, whether it is a document:
        a file, not a page) of each public text: a source is an item or a file (its texts count
        once), the key names the text's contents (a digest): what it held is remembered in
        `memo_dir` between builds, so an unchanged text is not read again. `names`: the
        partnership's own names, each read as one word (`Names`)."""
        self._names = Names(names, (t for _kind, texts, files in hidden.values() for t in texts + files))
        kinds = {ident: kind for ident, (kind, _texts, _files) in hidden.items()}
        owner, template = fingerprints({ident: (kind, self._names.joined(texts), self._names.joined(files))
                                        for ident, (kind, texts, files) in hidden.items()}, PrintMemo(memo_dir))
        self.digest = hashlib.sha256(repr((sorted(owner.items()), self._names.forms)).encode()).hexdigest()
        memo = PublicMemo(memo_dir, self.digest)
        everything, kept = frozenset(owner), set(owner)
        holders: dict[int, set[str]] = {}
        held_by: dict[str, frozenset[int]] = {}  # a public text's key -> the hidden hashes it holds
        for source, kind, key, texts, document in public if owner else ():
            hits, edges = memo.hits(key, lambda: holdings(self._names.joined(texts()), everything))
            held_by[key] = hits
            for value in hits:
                held = holders.setdefault(value, set())
                held.add(source)
                if kind == SITE or len(held) >= BOILERPLATE or (kind is not None and kinds[owner[value]] == kind) \
                        or (document and value in template and value in edges):
                    kept.discard(value)
        memo.save()
        self._owner = {h: owner[h] for h in kept}
        self._kept = kept
        self._public_keys = {key for key, hits in held_by.items() if kept and kept.isdisjoint(hits)}
        self.digest = hashlib.sha256(repr((sorted(self._owner.items()), self._names.forms)).encode()).hexdigest()

    def __bool__(self) -> bool:
        return bool(self._kept)

    def holds_none(self, key: str) -> bool:
        """Whether a public text with this key (a file's SHA-256 hex digest) holds only shared wording."""
        return key in self._public_keys

    def find(self, text: str) -> list[tuple[str, str]]:
        """(item id, the passage as `text` has it) for each hidden item a passage of `text`
        (normalised) comes from: the first run of it."""
        joined = self._names.join(text)
        found = words(joined)
        if len(found) < SHINGLE or self._kept.isdisjoint(shingles(found)):
            return []
        hashes = list(shingles(found))
        spans, passages, done = word_spans(joined), [], set()
        for at, value in enumerate(hashes):
            ident = self._owner.get(value)
            if ident is None or ident in done:
                continue
            done.add(ident)
            end = at + SHINGLE
            for later in range(at + 1, min(len(hashes), at + QUOTE)):
                if self._owner.get(hashes[later]) == ident:
                    end = later + SHINGLE
            end = min(end, at + QUOTE)
            passages.append((ident, text[spans[at][0]:spans[end - 1][1]]))
        return passages


class _Memo:
    """Two lists of hashes by key, kept on disk in one JSON file between builds (`stale`: the
    pattern of the files it replaces); a damaged file is ignored, and only what this build used
    is kept."""

    def __init__(self, path: Path | None, stale: str):
        self.path, self.stale = path, stale
        self.known: dict[str, list[list[int]]] = {}
        if self.path is not None:
            try:
                loaded = json.loads(self.path.read_text(encoding="ascii"))
                if isinstance(loaded, dict):
                    self.known = {k: v for k, v in loaded.items()
                                  if isinstance(v, list) and len(v) == 2 and all(isinstance(x, list) for x in v)}
            except (OSError, ValueError):
                pass
        self.used: dict[str, list[list[int]]] = {}

    def _pair(self, key: str, compute: Callable[[], tuple]) -> tuple:
        found = self.known.get(key)
        pair = (found[0], found[1]) if found is not None else compute()
        self.used[key] = [sorted(pair[0]), sorted(pair[1])]
        return pair

    def save(self) -> None:
        if self.path is None or self.used == self.known:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for old in self.path.parent.glob(self.stale):
            if old != self.path:
                old.unlink(missing_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(self.used), encoding="ascii")
        temporary.replace(self.path)


class PublicMemo(_Memo):
    """What each public text (by key) held of the hidden hashes, for the same hidden hashes
    (`digest`)."""

    def __init__(self, folder: Path | None, digest: str):
        super().__init__(folder / "passages" / f"public-{digest[:40]}.json" if folder else None, "public-*.json")

    def hits(self, key: str, compute: Callable[[], tuple[frozenset[int], frozenset[int]]]
             ) -> tuple[frozenset[int], frozenset[int]]:
        """(the hidden hashes the text with this key holds, those only in its header or footer)."""
        hits, edges = self._pair(key, compute)
        return frozenset(hits), frozenset(edges)


# what the prints depend on: this module and the words of normalised text
_PRINTS_CODE = hashlib.sha256(b"".join(p.read_bytes() for p in (Path(__file__), Path(__file__).with_name("normalise.py")))
                              ).hexdigest()[:16]


class PrintMemo(_Memo):
    """`text_prints` of hidden texts by each text's digest (and the code's): an embargoed report
    is fingerprinted once, not in every build."""

    def __init__(self, folder: Path | None):
        super().__init__(folder / "passages" / f"hidden-prints-{_PRINTS_CODE}.json" if folder else None,
                         "hidden-prints-*.json")

    def prints(self, text: str) -> tuple[set[int], set[int]]:
        kept, inner = self._pair(hashlib.blake2b(text.encode(), digest_size=16).hexdigest(), lambda: text_prints(text))
        return set(kept), set(inner)
