"""Rich Text Format (a Word document's RTF chunks: RTF files of their own are not published) read
as Word shows it: groups and control words parsed, formatting dropped
(so "Chi{\\b ld} R" reads "Child R"), \\'hh and \\uN characters decoded in the file's code page,
each destination (comments, headers, footnotes, document information, field codes) read as text
of its own, pictures, the theme and custom XML decoded from hex and read as nested files. `parse` also tells, for the
attachment checks, which text Word hides: \\v hidden text, \\deleted tracked deletions and
\\annotation comments. An embedded object (\\object) or binary data (\\bin) is refused."""
from __future__ import annotations

import binascii
import re
from dataclasses import dataclass, field

from lscp_kit.audit.readers.base import Context, Readings, Refused
from lscp_kit.audit.readers.text import read_raw

_TOKEN = re.compile(rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\([^a-zA-Z])|([{}])|[\r\n]+|([^\\{}\r\n]+)")
_SYMBOLS = {b"~": "\u00a0", b"_": "\u2011", b"-": "", b"\\": "\\", b"{": "{", b"}": "}", b"\n": "\n", b"\r": "\n",
            b"\t": "\t"}
_WORDS = {"par": "\n", "line": "\n", "sect": "\n", "page": "\n", "row": "\n", "cell": "\t", "tab": "\t",
          "emdash": "\u2014", "endash": "\u2013", "lquote": "\u2018", "rquote": "\u2019", "ldblquote": "\u201c",
          "rdblquote": "\u201d", "bullet": "\u2022", "emspace": " ", "enspace": " ", "qmspace": " "}
# Destinations whose text Word never shows as text, and the tables of the file's own layout
_TABLES = {"fonttbl", "colortbl", "stylesheet", "listtable", "listoverridetable", "rsidtbl", "themedata",
           "colorschememapping", "datastore", "latentstyles", "generator", "xmlnstbl", "pgdsctbl", "filetbl",
           "revtbl", "mmathPr", "wgrffmtfilter", "fontemb", "fontfile", "panose", "falt"}
_DESTINATIONS = _TABLES | {"info", "title", "subject", "author", "operator", "keywords", "comment", "doccomm",
                           "company", "manager", "category", "hlinkbase", "footnote", "header", "headerl",
                           "headerr", "headerf", "footer", "footerl", "footerr", "footerf", "annotation", "atnid",
                           "atnauthor", "atndate", "atnref", "fldinst", "pict", "shppict", "nonshppict", "object",
                           "objdata", "bkmkstart", "bkmkend", "xe", "tc", "txe", "userprops", "docvar", "field",
                           "fldrslt", "shpinst", "shptxt", "sp", "sn", "sv", "listtext", "pntext", "pntxtb",
                           "pntxta", "ud", "upr"}
_COMMENT = {"annotation", "atnauthor", "atnid"}
_HEX_FILES = ("themedata", "datastore")
_BLIPS = {"pngblip": "picture.png", "jpegblip": "picture.jpg"}


@dataclass
class _State:
    dest: str | None = None  # the innermost destination this group is in
    hidden: bool = False
    deleted: bool = False
    skip: int = 0  # characters still to skip after a \uN
    uc: int = 1
    blip: str = "picture"


@dataclass
class Parsed:
    """The text of an RTF file: what Word shows in the body, by destination, and what it hides."""

    body: list[str] = field(default_factory=list)
    everything: list[str] = field(default_factory=list)
    destinations: dict[str, list[str]] = field(default_factory=dict)
    hidden: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    pictures: list[tuple[str, bytes]] = field(default_factory=list)
    objects: int = 0


def _codec(data: bytes) -> str:
    match = re.search(rb"\\ansicpg(\d+)", data[:4096])
    codec = f"cp{match.group(1).decode()}" if match else "cp1252"
    try:
        "".encode(codec)
    except LookupError:
        codec = "cp1252"
    return codec


def parse(data: bytes) -> Parsed:
    """Walk the groups of an RTF file (see the module's docstring)."""
    out, codec = Parsed(), _codec(data)
    stack, state = [], _State()
    picture: list[bytes] = []
    starred = False  # the group began with \*: its first control word names a destination to skip
    for match in _TOKEN.finditer(data):
        word, param, hexa, symbol, brace, text = match.groups()
        if brace == b"{":
            stack.append(state)
            state = _State(state.dest, state.hidden, state.deleted, 0, state.uc)
            continue
        if brace == b"}":
            if state.dest == "pict" and picture and (not stack or stack[-1].dest != "pict"):
                out.pictures.append((state.blip, _unhex(b"".join(picture))))
                picture = []
            state = stack.pop() if stack else _State()
            continue
        if symbol == b"*":
            starred = True
            continue
        if word is not None:
            name, was_starred, starred = word.decode(), starred, False
            if name in _DESTINATIONS or was_starred:
                if name not in ("field", "fldrslt", "shpinst", "shptxt"):
                    state.dest = name
                out.objects += name in ("object", "objdata")
                continue
            if name == "bin" and param:
                raise Refused("it holds binary data (\\bin) the kit does not read: save it as .docx or PDF and "
                              "publish that")
            state = _control(name, param, state, out)
            if name in _BLIPS:
                state.blip = _BLIPS[name]
            continue
        starred = False
        if state.dest == "pict":
            picture.append(text or b"")
            continue
        chars = _SYMBOLS.get(symbol, "") if symbol is not None else \
            bytes([int(hexa, 16)]).decode(codec, "replace") if hexa is not None else \
            (text or b"").decode(codec, "replace") if text is not None else ""
        if state.skip and chars:
            cut = min(state.skip, len(chars))
            state.skip -= cut
            chars = chars[cut:]
        _emit(chars, state, out)
    return out


def _control(name: str, param: bytes | None, state: _State, out: Parsed) -> _State:
    value = int(param) if param else None
    if name == "v":
        state.hidden = value != 0
    elif name == "deleted":
        state.deleted = value != 0
    elif name == "uc" and value is not None:
        state.uc = max(0, value)
    elif name == "u" and value is not None:
        code = value % 65536 if value < 0 else value  # RTF writes U+8000..U+FFFF as negative numbers
        _emit(chr(code) if code <= 0x10FFFF and not 0xD800 <= code < 0xE000 else "\ufffd", state, out)
        state.skip = state.uc
    elif name == "plain":
        state.hidden = state.deleted = False
    elif name in _WORDS:
        _emit(_WORDS[name], state, out)
    return state


def _emit(chars: str, state: _State, out: Parsed) -> None:
    if not chars:
        return
    out.everything.append(chars)
    if state.dest is None:
        out.body.append(chars)
        if state.hidden:
            out.hidden.append(chars)
        if state.deleted:
            out.deleted.append(chars)
    else:
        out.destinations.setdefault(state.dest, []).append(chars)
        if state.dest in _COMMENT:
            out.comments.append(chars)


def _unhex(data: bytes) -> bytes:
    digits = re.sub(rb"[^0-9a-fA-F]", b"", data)
    try:
        return binascii.unhexlify(digits[: len(digits) // 2 * 2])
    except binascii.Error:
        return b""


def is_rtf(data: bytes) -> bool:
    return data[:64].lstrip()[:5] == b"{\\rtf"


def is_word_chunk(name: str, data: bytes, names: list[str]) -> bool:
    """An RTF part of a Word package: an alternative-format chunk (w:altChunk) Word shows as part of
    the document. (An RTF file of its own is a kind the kit does not publish.)"""
    return name.lower().startswith("word/") and is_rtf(data) and "[Content_Types].xml" in names


def read_word_chunk(name: str, data: bytes, ctx: Context) -> Readings:
    """A Word RTF chunk read as Word shows it, and as raw bytes; what cannot be read refuses it."""
    inner = Context(ctx.nested_reader, ctx.path + (name,), ctx.budget)
    ctx.budget.charge(len(data))
    try:
        found = read_rtf(name, data, inner)
    except Refused as refused:
        return Readings(unreadable=[inner.where() + str(refused)])
    found.extend(read_raw(data))
    return found


def read_rtf(name: str, data: bytes, ctx: Context) -> Readings:
    """The text as Word shows it, every destination's text, and the pictures as nested files."""
    parsed = parse(data)
    if parsed.objects:
        raise Refused("it holds an embedded object (\\object), which the kit does not read: save it as .docx "
                      "or PDF and publish that")
    found = Readings(text=["".join(parsed.body), "".join(parsed.everything)])
    found.text += ["".join(parts) for dest, parts in parsed.destinations.items() if dest not in _TABLES]
    for picture, blob in parsed.pictures:
        found.extend(ctx.nested(picture, blob))
    for dest in _HEX_FILES:  # the theme (a zip) and custom XML (a compound file) Word keeps as hex
        if parsed.destinations.get(dest):
            found.extend(ctx.nested(dest, _unhex("".join(parsed.destinations[dest]).encode("latin-1", "replace"))))
    return found
