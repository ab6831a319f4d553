"""Text as a browser or a text editor shows it: decoded by BOM, as UTF-16/32, UTF-8 or 8-bit,
NUL bytes dropped as browsers drop them, and the readings that storage order hides (data: URIs
read as nested files, CSS escapes and adjacent strings, doubly escaped HTML, right-to-left
overrides); plus raw bytes read as text (`read_raw`: Latin-1 folded, UTF-16 runs)."""
from __future__ import annotations

import base64
import binascii
import codecs
import html
import json
import re
from urllib.parse import unquote_to_bytes

from lscp_kit.audit.readers.base import Context, Readings
from lscp_kit.audit.readers.formulas import csv_refusals, formula_refusals, shown_formats, shown_symbols

MARKUP_SUFFIXES = (".html", ".htm", ".xhtml", ".xml", ".svg", ".atom", ".rss", ".rels", ".opf", ".ncx", ".rdf",
                   ".vtt", ".srt", ".ttml", ".dfxp", ".fodt", ".fods", ".fodp", ".fodg")  # subtitles: cue tags
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))

_ICS_FOLD = re.compile(r"\r?\n[ \t]")


def read_plain(name: str, data: bytes, ctx: Context) -> Readings:
    """A file with no structure: text when it decodes (and the files its data: URIs hold), else
    raw bytes (and any XMP packet in them, read as markup)."""
    texts = decode_text(data)
    if not texts:
        found = read_raw(data)
        found.markup += _xmp_packets(data)
        found.text += printable_runs(data)
        end = data.rfind(b"\xff\xd9") if data[:2] == b"\xff\xd8" else -1  # a JPEG's end marker
        if end >= 0 and data[end + 2:].strip(b"\x00"):  # bytes after it: a download keeps them
            found.extend(read_plain("after-end.txt", data[end + 2:], ctx))
        return found
    found = Readings()
    lower = name.lower()
    if lower.endswith(".json"):
        strings = _json_strings(texts[0])
        if strings is not None:
            found.markup.append(strings)  # JSON values often hold HTML (the search index)
            texts = texts + [strings]
    if lower.endswith((".ics", ".ifb", ".vcf")):
        texts = [_ICS_FOLD.sub("", t) for t in texts]  # RFC 5545 folds long lines mid-word
    if lower.endswith((".vtt", ".srt")):
        texts = texts + [_cues(t) for t in texts]  # what a player shows, sentence after sentence
    if lower.endswith(MARKUP_SUFFIXES):
        found.markup += texts
        _office_markup(texts[0], found, ctx)
    else:
        found.text += texts
    if lower.endswith((".csv", ".tsv")):
        found.unreadable += [ctx.where() + why for why in csv_refusals(texts[0])]
    for text in texts:
        _hidden_readings(text, lower.endswith(".css"), found, ctx)
    return found


def _office_markup(text: str, found: Readings, ctx: Context) -> None:
    """What Word and spreadsheet programs show from a part's XML: w:sym characters, number
    formats' literal text, print headers; a worksheet's formulas that build text are refused
    (see `formulas`)."""
    for shown in (shown_symbols(text), shown_formats(text)):
        if shown is not None:
            found.markup.append(shown)
    found.unreadable += [ctx.where() + why for why in formula_refusals(text)]


_CUE_TIMING = re.compile(r"^(?:\d+|WEBVTT.*|NOTE.*|[\d:.,]+\s*-->.*)$", re.M)
_CUE_TAG = re.compile(r"<[^<>]*>")


def _cues(text: str) -> str:
    """A subtitle file's words as a player shows them: timings, numbers and cue tags left out,
    the cues joined into running text."""
    return " ".join(_CUE_TAG.sub("", _CUE_TIMING.sub(" ", text)).split())


_DATA_URI = re.compile(r"(?<![\w.+-])data:([\w.+-]*/[\w.+-]*)?((?:;[^,;\"'<>()\s]*){0,8}),", re.IGNORECASE)
_DATA_END = re.compile(r"[\"'<>()\]\[{}`]")
_BASE64_CHARS = re.compile(r"[^A-Za-z0-9+/=_-]")
_DOUBLE_ESCAPED = re.compile(r"&amp;(?:#[0-9]|#x[0-9a-f]|[a-z][a-z0-9]{1,30};)", re.IGNORECASE)
_CSS_REGION = re.compile(r"<style\b[^>]*>(.*?)(?:</style|$)|\bstyle\s*=\s*(?:\"([^\"]*)\"|'([^']*)')",
                         re.IGNORECASE | re.DOTALL)
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})(?:\r\n|[ \t\r\n\f])?|\r\n|\n|(.))", re.DOTALL)
_CSS_ADJACENT = re.compile(r"\"\s*\"|'\s*'|\"\s*'|'\s*\"")
_BDO = re.compile(r"<bdo\b[^>]*\bdir\s*=\s*[\"']?rtl[^>]*>(.*?)(?:</bdo|$)", re.IGNORECASE | re.DOTALL)
_RLO = re.compile("\u202e([^\u202c\n<]*(?:<[^<>]*>[^\u202c\n<]*)*)")
_TAG = re.compile(r"<[^<>]*>")
_DATA_TYPES = {"svg": ".svg", "html": ".html", "xml": ".xml", "json": ".json", "css": ".css", "pdf": ".pdf",
               "zip": ".zip", "png": ".png"}



def _hidden_readings(text: str, css: bool, found: Readings, ctx: Context) -> None:
    """Readings a browser shows that storage order hides, each only when the text holds its
    marker: data: URIs (as nested files), CSS escapes and adjacent strings (in a stylesheet,
    <style> or style=""), doubly escaped HTML (an iframe's srcdoc), and text in a right-to-left
    override (<bdo dir=rtl>, U+202E) reversed."""
    lower = text.lower()
    sources = [text] if "data:" in lower else []
    if ("&#" in lower or "&colon;" in lower) and "data:" in (unescaped := html.unescape(text)).lower():
        sources.append(unescaped)  # an attribute may spell the scheme with character references
    regions = [text] if css else [_css_region(m) for m in _CSS_REGION.finditer(text)] if _has_style(lower) else []
    for region in regions:
        decoded = css_decoded(region)
        if decoded != region:
            found.text.append(decoded)
            if "data:" in decoded.lower():
                sources.append(decoded)
    seen: set[bytes] = set()
    for source in sources:
        for name, blob in _data_uris(source):
            if blob not in seen:
                seen.add(blob)
                found.extend(ctx.nested(name, blob))
    if "&amp;" in lower and _DOUBLE_ESCAPED.search(text):
        found.markup.append(html.unescape(text))  # the audit's own unescape then makes it twice
    if "\u202e" in text:
        found.text += [_TAG.sub("", m.group(1))[::-1] for m in _RLO.finditer(text)]
    if "<bdo" in lower:
        found.text += [_TAG.sub("", m.group(1))[::-1] for m in _BDO.finditer(text)]


def _css_region(match: re.Match) -> str:
    """A <style> element's text as is; a style attribute's with its entities decoded."""
    if match.group(1) is not None:
        return match.group(1)
    value = match.group(2) if match.group(2) is not None else match.group(3) or ""
    return html.unescape(value) if "&" in value else value


def _has_style(lower: str) -> bool:
    """True when lower-case markup holds a <style> element or a style attribute (a quick look:
    "stylesheet" in every page's <link> is neither)."""
    pos = lower.find("style")
    while pos >= 0:
        if lower[pos - 1: pos] == "<" or lower[pos + 5: pos + 40].lstrip()[:1] == "=":
            return True
        pos = lower.find("style", pos + 5)
    return False


def css_decoded(css: str) -> str:
    """CSS as the browser reads its strings: adjacent strings joined ("a " "b"), escapes decoded
    (\\65 and \\000065 as e, \\. as .)."""
    if '"' in css or "'" in css:
        css = _CSS_ADJACENT.sub("", css)
    if "\\" in css:
        css = _CSS_ESCAPE.sub(_css_escape, css)
    return css


def _css_escape(match: re.Match) -> str:
    if match.group(1):
        code = int(match.group(1), 16)
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
    return match.group(2) or ""


def _data_uris(text: str) -> list[tuple[str, bytes]]:
    """The files data: URIs in `text` hold, (a name by their media type, bytes); base64 or
    percent-encoded, with HTML entities decoded first where the URI holds any."""
    out = []
    for match in _DATA_URI.finditer(text):
        end = _DATA_END.search(text, match.end())
        payload = text[match.end(): end.start() if end else len(text)]
        if "&" in payload:
            payload = html.unescape(payload)
        media = (match.group(1) or "text/plain").lower()
        name = "data" + next((ext for key, ext in _DATA_TYPES.items() if key in media), ".txt")
        if "base64" in match.group(2).lower():
            clean = _BASE64_CHARS.sub("", payload).rstrip("=")
            try:
                blob = base64.b64decode(clean + "=" * (-len(clean) % 4), altchars=b"-_" if "-" in clean or
                                        "_" in clean else None)
            except (binascii.Error, ValueError):
                blob = unquote_to_bytes(payload)
        else:
            blob = unquote_to_bytes(payload)
        out.append((name, blob))
    return out


_XMP = re.compile(rb"<x:xmpmeta\b.*?</x:xmpmeta>|<x:xapmeta\b.*?</x:xapmeta>", re.DOTALL)


def _xmp_packets(data: bytes) -> list[str]:
    """XMP metadata packets (JPEG, TIFF, WebP, ...) as markup: their entities then decode."""
    if b"<x:x" not in data:
        return []
    return [m.group(0).decode("utf-8", errors="replace") for m in _XMP.finditer(data)]


def decode_text(data: bytes) -> list[str]:
    """`data` as text: by its BOM, as UTF-16/32 when NULs say so (both byte orders), as UTF-8 or
    8-bit; and, when it holds NUL bytes, also with them removed (as a browser shows
    ``C\\0h\\0i\\0l\\0d``); empty when it is not text."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return [data[len(bom):].decode(codec, errors="replace")]
    if not data:
        return [""]
    nuls = data.count(0)
    if nuls * 4 > len(data):  # UTF-16 or UTF-32 without a BOM: try each byte order
        codecs_ = ("utf-32-le", "utf-32-be") if nuls * 3 > len(data) * 2 else ("utf-16-le", "utf-16-be")
        texts = [data[: len(data) - len(data) % (4 if "32" in codecs_[0] else 2)].decode(c, errors="replace")
                 for c in codecs_]
    else:
        texts = [text] if (text := _eight_bit(data)) is not None else []
    if nuls and (stripped := _eight_bit(data.replace(b"\x00", b""))) is not None:
        texts.append(stripped)
    return texts


def _eight_bit(data: bytes) -> str | None:
    """`data` as UTF-8, else as Windows-1252 when it has no control bytes; None if neither."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if b"\x00" not in data and sum(b < 9 or 13 < b < 32 for b in data[:4096]) == 0:
        return data.decode("cp1252", errors="replace")  # an 8-bit text file
    return None


_PRINTABLE = re.compile(rb"[\x20-\x7e\xa0-\xff]{6,}")


def printable_runs(data: bytes) -> list[str]:
    """The runs of printable characters in binary data, as `strings` shows them (a comment after
    a picture's end, a private chunk, an unusual audio tag): read for every needle, the case of
    a pseudonym's letter kept."""
    return [run.decode("latin-1") for run in _PRINTABLE.findall(data)]


def read_raw(data: bytes, utf16: bool = True) -> Readings:
    """Raw bytes read as text: as Latin-1 (ASCII and 8-bit strings; see `fold_latin1`) and, unless
    a structured reader already read every string of the file (`utf16` False), the runs of
    UTF-16 text at either byte alignment (so UTF-16LE and UTF-16BE strings)."""
    return Readings(folded=[fold_latin1(data)], raw=utf16_runs(data) if utf16 else [])


# Latin-1 folding done on bytes (C speed, for megabytes of audio): upper case to lower case,
# Windows-1252 quotes and dashes to ASCII, no-break space to a space, soft hyphen dropped; the
# same as `audit.normalise` does to text (NFKC changes nothing else a needle could hold).
_FOLD = bytearray(range(256))
for _upper in list(range(0x41, 0x5B)) + [c for c in range(0xC0, 0xDF) if c != 0xD7]:
    _FOLD[_upper] = _upper + 0x20
for _codes, _ascii in ((b"\x91\x92", "'"), (b"\x93\x94", '"'), (b"\x96\x97", "-"), (b"\xa0", " ")):
    for _code in _codes:
        _FOLD[_code] = ord(_ascii)
_FOLD = bytes(_FOLD)
# Units: ASCII and Latin-1, Latin Extended (U+01xx, U+02xx, U+1Exx), combining marks (U+03xx),
# and the quotes, dashes and invisible characters of U+2000..U+2060 (not all of U+20xx: ASCII
# text with spaces would read as runs of it).
_UTF16_RUNS = (("utf-16-le", re.compile(rb"(?:[\t\n\r\x20-\x7e\xa0-\xff]\x00|[\x00-\xff][\x01\x02\x03\x1e]"
                                        rb"|[\x0b-\x0d\x10-\x1f\x32\x33\x60]\x20){4,}")),
               ("utf-16-be", re.compile(rb"(?:\x00[\t\n\r\x20-\x7e\xa0-\xff]|[\x01\x02\x03\x1e][\x00-\xff]"
                                        rb"|\x20[\x0b-\x0d\x10-\x1f\x32\x33\x60]){4,}")))


def fold_latin1(data: bytes) -> str:
    """`data` as Latin-1 text, case-folded, quotes and dashes as ASCII, white space collapsed."""
    return b" ".join(data.translate(_FOLD, b"\xad").split()).decode("latin-1")


def utf16_runs(data: bytes) -> list[str]:
    """Runs of four or more UTF-16 characters (either byte order, any offset) in Latin, Latin
    Extended, combining marks and general punctuation."""
    if b"\x00" not in data and b"\x20" not in data:
        return []
    return ["\x00".join(m.group(0).decode(codec, errors="replace") for m in run.finditer(data))
            for codec, run in _UTF16_RUNS]


def _json_strings(text: str) -> str | None:
    """Every string (keys and values) of a JSON document, one per line; None if not JSON."""
    try:
        doc = json.loads(text)
    except ValueError:
        return None
    out: list[str] = []
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            out.append(node)
        elif isinstance(node, dict):
            out += [k for k in node if isinstance(k, str)]
            stack += node.values()
        elif isinstance(node, list):
            stack += node
    return "\n".join(out)


