"""The one normalisation rule of the leak audit: text as a reader sees it.

Entities decoded, Unicode NFKC, invisible characters (zero-width, soft hyphen, bidi controls,
variation selectors) dropped, typographic quotes and dashes as ASCII, white space collapsed and
case folded. `normalise(text, fold=False)` keeps the case, for the needles whose case matters
(a pseudonym's letter, a one-word slug). Markup is also read with its tags removed, and with
percent and \\u escapes decoded ("+" in a URL's query as a space). `words` splits normalised
text into the words passages are compared by.
"""
from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import unquote

TAG = re.compile(r"<[^<>]*>")
_PERCENT = re.compile(r"%[0-9a-fA-F]{2}")
_QUERY_PLUS = re.compile(r"\?[^\s#\"'<>()]*\+[^\s#\"'<>()]*")  # a URL's query holding a "+" (a space there)
_UNICODE_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})")
_INVISIBLE = "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c" \
             "\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\u206a\u206b\u206c\u206d" \
             "\u206e\u206f\u3164\ufe00\ufe01\ufe02\ufe03\ufe04\ufe05\ufe06\ufe07\ufe08\ufe09\ufe0a\ufe0b" \
             "\ufe0c\ufe0d\ufe0e\ufe0f\ufeff\uffa0"
_ASCII = {**{c: "'" for c in "\u2018\u2019\u201a\u201b\u2032\u2035\u02bc\u02bb\u0060\u00b4\x91\x92"},
          **{c: '"' for c in "\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb\x93\x94"},
          **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\x96\x97"}}
# Every other format character (Unicode Cf: tags, interlinear annotation, shorthand and musical
# format controls) is invisible too; combining marks left after NFKC (a stroke drawn through a
# letter) are read without them; blank-looking letters (Braille blank, Hangul fillers) as a space;
# Cyrillic, Greek and small-capital letters that look like Latin ones as those (small capitals as capitals).
_FORMAT = re.compile("[\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\ufff9-\ufffb\U000110bd\U000110cd"
                     "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
                     "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
                     "\u180b-\u180f\U000e0100-\U000e01ef]")  # variation selectors: Mongolian, supplement
_LOOKALIKE = str.maketrans(
    "\u0430\u0435\u043e\u0440\u0441\u0443\u0445\u0456\u0458\u0455\u0501\u04bb\u051b\u051d\u04cf"
    "\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0425\u0423\u0406\u0408\u0405"
    "\u0391\u0392\u0395\u0396\u0397\u0399\u039a\u039c\u039d\u039f\u03a1\u03a4\u03a5\u03a7\u03bf\u03c1"
    "\u1d00\u0299\u1d04\u1d05\u1d07\u0262\u029c\u026a\u1d0a\u1d0b\u029f\u1d0d\u0274\u1d0f\u1d18\u0280"
    "\ua731\u1d1b\u1d1c\u1d20\u1d21\u028f\u1d22\u0131\u2800\u3164\u115f\u1160\uffa0",
    "aeopcyxijsdhqwlABEKMHOPCTXYIJSABEZHIKMNOPTYXopABCDEGHIJKLMNOPRSTUVWYZi     ")
_BLANKS = "\u2800\u3164\u115f\u1160\uffa0"
_SPECIAL = re.compile("[" + _INVISIBLE.translate({ord(c): None for c in _BLANKS}) + "".join(_ASCII) + "]")
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
    text = _FORMAT.sub("", _SPECIAL.sub(_special, text)).translate(_LOOKALIKE)  # NFKC makes a few more (U+2033)
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
    """`text` with %XX and \\uXXXX escapes decoded, and "+" in a URL's query read as the space it
    stands for (``?q=Child+R``), or None when it holds none."""
    changed = False
    if "+" in text and "?" in text and _QUERY_PLUS.search(text):
        text, changed = _QUERY_PLUS.sub(lambda m: m.group(0).replace("+", " "), text), True
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
