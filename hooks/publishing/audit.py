"""The leak audit: scan every output file for any trace of a non-public item.

Needles are each hidden item's URL, title and attachment file names, in the encodings an output
file may hold them (HTML, JSON, URL-quoted). All needles compile into one trie-shaped regular
expression, so each file is read once whatever the number of hidden items.
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Iterable
from urllib.parse import quote

from .items import Item

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, order=True)
class Leak:
    """A hidden item's trace found in an output file."""

    file: str
    item: str
    what: str
    needle: str

    def __str__(self) -> str:
        return f"site/{self.file}: leak: contains the {self.what} of {self.item} ({self.needle!r}), which is not public"


def _normalise(text: str) -> str:
    """A needle's canonical form: single spaces, lower case (output text is only lower-cased;
    a space in a needle matches any run of white space)."""
    return _SPACE.sub(" ", text).lower()


def _variants(text: str) -> set[str]:
    """`text` as HTML, JSON and URLs may write it."""
    forms = {text, html.escape(text), html.escape(text, quote=False),
             html.escape(text).replace("&#x27;", "&#39;").replace("&quot;", "&#34;"),
             json.dumps(text)[1:-1], json.dumps(text, ensure_ascii=False)[1:-1], quote(text, safe="/'\"(")}
    return {_normalise(f) for f in forms if f.strip()}


def needles(item: Item, shared_names: frozenset[str]) -> list[tuple[str, str]]:
    """(what, text) pairs that betray `item` anywhere: its URL path, title, attachment names."""
    found = [("URL", item.id), ("title", item.title)]
    for path in item.files:
        name = path.rsplit("/", 1)[1]
        if name not in shared_names:
            found.append(("attachment file name", name))
    return found


def relative_urls(item: Item) -> list[tuple[str, str]]:
    """Relative links a page may hold to `item` (``../slug/``, ``"slug/``): text files only."""
    last = item.id.rsplit("/", 1)[1]
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
        alts = [(r"\s+" if ch == " " else re.escape(ch)) + walk(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        if len(alts) == 1 and not ends:
            return alts[0]
        return "(?:" + "|".join(alts) + ")" + ("?" if ends else "")

    return walk(trie)


class Auditor:
    """Scans output files for the needles of every hidden item."""

    def __init__(self, hidden: Iterable[Item], public: Iterable[Item] = ()):
        shared_names = frozenset(p.rsplit("/", 1)[-1] for i in public for p in i.files)
        self._owner: dict[str, tuple[str, str]] = {}
        strong, relative = set(), set()
        for item in hidden:
            for found, pairs in ((strong, needles(item, shared_names)), (relative, relative_urls(item))):
                for what, text in pairs:
                    for form in _variants(text):
                        self._owner.setdefault(form, (item.id, what))
                        found.add(form)
        # Strong needles must stand alone (no letter, digit or hyphen either side), checked on
        # each match; relative URL forms carry their own boundaries (a quote or ../, a slash).
        self._strong = _compile(strong)
        self._relative = _compile(relative)

    def scan(self, name: str, text: str, binary: bool = False) -> list[Leak]:
        """Every distinct hidden-item trace in one file; `binary` files get the strong needles only."""
        text = text.lower()
        leaks = set()
        for pattern, bounded in ((self._strong, True), (self._relative, False))[: 1 if binary else 2]:
            if pattern is None:
                continue
            for match in pattern.finditer(text):
                if bounded and not _stands_alone(text, match.start(), match.end()):
                    continue
                form = _SPACE.sub(" ", match.group(0))
                ident, what = self._owner[form]
                leaks.add(Leak(name, ident, what, form))
        return sorted(leaks)


def _stands_alone(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before in "_-" or after.isalnum() or after in "_-")


def _compile(forms: set[str]) -> re.Pattern | None:
    return re.compile(_trie_pattern(sorted(forms))) if forms else None


def audit_site(site, auditor, theme_dirs, cache_dir=None, workers=1):  # temporary until the audit rewrite lands
    import gzip
    leaks = []
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if path.is_file():
            data = path.read_bytes()
            if any((d / name).is_file() and (d / name).read_bytes() == data for d in theme_dirs):
                continue
            if name.endswith(".gz"):
                data = gzip.decompress(data)
            binary = path.suffix.lower() not in {".html", ".xml", ".atom", ".json", ".csv", ".txt", ".js", ".css", ".svg"}
            leaks += auditor.scan(name, data.decode("utf-8", errors="replace"), binary=binary)
    return leaks
