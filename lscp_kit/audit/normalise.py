"""The one normalisation rule of the leak audit: text as a reader sees it.

Entities decoded, Unicode NFKC, invisible characters (zero-width, soft hyphen, bidi controls,
variation selectors) dropped, typographic quotes and dashes as ASCII, white space collapsed and
case folded. `normalise(text, fold=False)` keeps the case, for the needles whose case matters
(a pseudonym's letter, a one-word slug). Markup is also read with its tags removed, and with
percent and \\u escapes decoded. `words` splits normalised text into the words passages are
compared by.
"""
from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import unquote

TAG = re.compile(r"<[^<>]*>")
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
WORD_JOINERS = frozenset("_-")  # a needle next to one of these is part of a longer word
_WORDS = re.compile(r"[^\W_]+")


def _special(match: re.Match) -> str:
    return _ASCII.get(match.group(0), "")


def normalise(text: str, fold: bool = True) -> str:
    """`text` as a reader sees it: entities decoded, Unicode NFKC, zero-width characters and soft
    hyphens removed, typographic quotes and dashes as ASCII, white space collapsed, case folded
    (unless `fold` is False)."""
    if "&" in text:
        text = html.unescape(text)
    if text.isascii():
        return " ".join((text.lower() if fold else text).split())
    text = unicodedata.normalize("NFKC", _SPECIAL.sub(_special, text))
    text = _SPECIAL.sub(_special, text)  # NFKC makes a few more (U+2033 is two primes)
    if fold:
        text = text.casefold()
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return " ".join(text.split())


def stripped(text: str) -> tuple[str, str]:
    """Normalised markup with its tags removed, joined with nothing and with a space."""
    parts = TAG.split(text)
    return " ".join("".join(parts).split()), " ".join(" ".join(parts).split())


def unescaped(text: str) -> str | None:
    """`text` with %XX and \\uXXXX escapes decoded, or None when it holds none."""
    changed = False
    if _PERCENT.search(text):
        text, changed = unquote(text), True
    if "\\" in text and _UNICODE_ESCAPE.search(text):
        text = _UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)
        changed = True
    return text if changed else None


def stands_alone(text: str, start: int, end: int, loose: bool = False) -> bool:
    """Whether text[start:end] is not part of a longer word: no letter or digit either side, nor
    (unless `loose`) a hyphen or an underscore."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if text[start].isalnum() and (before.isalnum() or (not loose and before in WORD_JOINERS)):
        return False
    return not (text[end - 1].isalnum() and (after.isalnum() or (not loose and after in WORD_JOINERS)))


def mentions(text: str, needle: str) -> bool:
    """Whether normalised `text` holds normalised `needle` standing alone, as the audit reads
    (``child s`` is not in ``child safeguarding``)."""
    start = text.find(needle)
    while needle and start >= 0:
        if stands_alone(text, start, start + len(needle)):
            return True
        start = text.find(needle, start + 1)
    return False


def words(text: str) -> list[str]:
    """The words of normalised `text` (letters and digits; punctuation and markup between)."""
    return _WORDS.findall(text)


def word_spans(text: str) -> list[tuple[int, int]]:
    """Where each of `words(text)` is in `text`."""
    return [m.span() for m in _WORDS.finditer(text)]
