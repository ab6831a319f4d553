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
    return _SPACE.sub(" ", text).casefold()


def _variants(text: str) -> set[str]:
    """`text` as HTML, JSON and URLs may write it."""
    forms = {text, html.escape(text), html.escape(text, quote=False),
             html.escape(text).replace("&#x27;", "&#39;").replace("&quot;", "&#34;"),
             json.dumps(text)[1:-1], json.dumps(text, ensure_ascii=False)[1:-1], quote(text, safe="/")}
    return {_normalise(f) for f in forms if f.strip()}


def needles(item: Item, shared_names: frozenset[str]) -> list[tuple[str, str]]:
    """(what, text) pairs that betray `item`: URL forms, title, attachment file names."""
    last = item.id.rsplit("/", 1)[1]
    found = [("URL", item.id), ("URL", f"../{last}"), ("URL", f'"{last}'), ("URL", f"'{last}"),
             ("title", item.title)]
    for path in item.files:
        name = path.rsplit("/", 1)[1]
        if name not in shared_names:
            found.append(("attachment file name", name))
    return found


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


class Auditor:
    """Scans output text for the needles of every hidden item."""

    def __init__(self, hidden: Iterable[Item], shared_names: frozenset[str] = frozenset()):
        self._owner: dict[str, tuple[str, str]] = {}
        for item in hidden:
            for what, text in needles(item, shared_names):
                for form in _variants(text):
                    self._owner.setdefault(form, (item.id, what))
        self._pattern = None
        if self._owner:
            body = _trie_pattern(sorted(self._owner, key=len, reverse=True))
            self._pattern = re.compile(r"(?<![\w-])(" + body + r")(?![\w-])")

    def scan(self, name: str, text: str) -> list[Leak]:
        """Every distinct hidden-item trace in one file's text."""
        if self._pattern is None:
            return []
        leaks = set()
        for match in self._pattern.finditer(_normalise(text)):
            ident, what = self._owner[match.group(1)]
            leaks.add(Leak(name, ident, what, match.group(1)))
        return sorted(leaks)
