"""Content HTML: the simple, safe subset of HTML a content page may hold.

Pages may hold tables, ``<details>``, ``<abbr>``, ``<br>`` and the like; never scripts, styles,
embedded documents, event handlers, or anything that hides text the page still publishes. The
Markdown source is read twice: tokenised (code blocks and code spans blanked, so documented HTML
is text) to name each line, then rendered with Python-Markdown, so anything the source reading
missed is still refused. Markdown extensions and plugins that read other files are refused in
mkdocs.yml: they could pull a hidden review's text into a public page.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from html import unescape
from html.parser import HTMLParser
from typing import Iterable, Mapping

import markdown
from markdown.extensions.attr_list import get_attrs

from lscp_kit.problems import Problem

FORBIDDEN = frozenset({
    "script", "style", "iframe", "object", "embed", "frame", "frameset", "applet", "base", "meta", "link",
    "form", "input", "button", "textarea", "select", "svg", "math", "template", "noscript", "bdo", "portal",
})
ALLOWED = frozenset({
    "a", "abbr", "b", "bdi", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "section", "small",
    "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr",
    "u", "ul", "var", "wbr",
})
HIDING = {
    "style": "styles can hide text that is still published, and clash with the site's design",
    "hidden": "hidden text is still published in the page",
    "popover": "text in a popover is hidden until shown, yet still published in the page",
    "aria-hidden": "it hides text from screen-reader users that everyone else can see",
    "srcdoc": "it embeds another document",
}
URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "cite", "action", "formaction", "poster", "data",
                            "background", "longdesc", "ping", "xlink:href", "usemap", "manifest"})
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
EXTENSIONS = ["tables", "fenced_code", "attr_list", "md_in_html", "admonition"]  # what MkDocs and mkdocs.yml use
SIMPLE = "pages may hold simple HTML: tables, <details>, <abbr>, <br>"

_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(?:.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_FENCED = re.compile(r"(?P<fence>^(?:~{3,}|`{3,}))[^\n]*\n(?P<code>.*?)(?<=\n)(?P=fence)[ ]*$", re.M | re.S)
_CODE_SPAN = re.compile(r"(?<!\\)(`+)((?:(?!\n[ \t]*\n).)+?)(?<!`)\1(?!`)", re.S)
_AUTOLINK = re.compile(r"<(?:(?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?://[^<>]*|[^<> !]+@[^@<> ]+)>")
_TAG_NAME = re.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9-]*)")
_MD_LINK = re.compile(r"\]\(\s*<?([^\s)>]+)|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*\n?[ \t]*<?([^\s>]+)", re.M)
_ATTR_LIST = re.compile(r"\{:?[ ]*([^}\n ][^}\n]*)[ ]*\}")
_SNIPPET = re.compile(r"^[ \t]*;*-+8<-+", re.M)
_ATTR_NAME = re.compile(r"^[a-z][a-z0-9_.:-]*$")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_BLANK = re.compile(r"[^\n]")

FILE_READERS = ("snippet", "include", "b64", "macros", "monorepo", "multirepo")


def html_problems(sources: Mapping[str, str], root: str = "content") -> list[Problem]:
    """Every problem of every Markdown page's HTML, all at once."""
    return [p for src in sorted(sources) for p in page_problems(f"{root}/{src}", sources[src])]


def page_problems(path: str, text: str) -> list[Problem]:
    """What one page holds that content may not: each with its line, and what to do."""
    source = masked(text)
    parsed = source_findings(source)
    found = sorted(set(parsed + spelled_tags(source)))
    problems = [Problem(path, f"line {line}", advice(what)) for line, what in found]
    if source == _FRONT.sub(_blank, text, count=1):  # nothing taken for code: the source scan saw it all
        return problems
    missed = Counter(rendered_findings(text)) - Counter(what for _, what in parsed)
    return problems + [_located(path, what, text, found) for what in sorted(missed.elements())]


def _located(path: str, what: str, text: str, reported: list[tuple[int, str]]) -> Problem:
    """A finding of the rendered page that the masked source hid (HTML the check took for code),
    with the lines of the unmasked source that may hold it."""
    lines = sorted({line for line, seen in source_findings(_FRONT.sub(_blank, text, count=1))
                    if seen == what and (line, what) not in reported})
    where = f": look at line {', '.join(map(str, lines))}" if lines else ": look for it outside code"
    return Problem(path, "page", f"{advice(what)} (found in the page as built, though it looks like code{where})")


def masked(text: str) -> str:
    """`text` with front matter, fenced code, code spans and autolinks blanked (line breaks kept)."""
    text = _FENCED.sub(_blank_code, _FRONT.sub(_blank, text, count=1))
    return _AUTOLINK.sub(_blank, _CODE_SPAN.sub(_blank, text))


def _blank(match: re.Match) -> str:
    return _BLANK.sub(" ", match.group(0))


def _blank_code(match: re.Match) -> str:
    """A fenced block with its code blanked: the fence lines (and any attribute list) stay."""
    start, end = match.start("code") - match.start(), match.end("code") - match.start()
    whole = match.group(0)
    return whole[:start] + _BLANK.sub(" ", whole[start:end]) + whole[end:]


def spelled_tags(text: str) -> list[tuple[int, str]]:
    """(line, what) for every refused element name written as a tag, however spelled
    (``<ScRiPt``, ``< script``, ``</script``): HTML or not, it is refused."""
    return [(_line(text, m.start()), f"<{m.group(1).lower()}>") for m in _TAG_NAME.finditer(text)
            if m.group(1).lower() in FORBIDDEN]


def source_findings(text: str) -> list[tuple[int, str]]:
    """(line, what) for every tag, attribute, link, attribute list and snippet marker refused
    in the (masked) source, as the HTML tokeniser and the Markdown syntax read it."""
    parser = _Scanner()
    parser.feed(text)
    parser.close()
    found = list(parser.found)
    for match in _MD_LINK.finditer(text):
        what = url_finding(unescape(match.group(1) or match.group(2)))
        if what:
            found.append((_line(text, match.start()), what))
    for match in _ATTR_LIST.finditer(text):
        found += [(_line(text, match.start()), what) for what in attr_list_findings(match.group(1))]
    return found + [(_line(text, m.start()), "--8<--") for m in _SNIPPET.finditer(text)]


def rendered_findings(text: str) -> list[str]:
    """What the page refused holds once Python-Markdown has rendered it (front matter left out)."""
    body = _FRONT.sub("", text, count=1)
    parser = _Scanner()
    parser.feed(_markdown().reset().convert(body))
    parser.close()
    return [what for _, what in parser.found]


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    """One Markdown converter, reset for each page (building one costs more than a page)."""
    return markdown.Markdown(extensions=EXTENSIONS)


def tag_findings(tag: str, attrs: Iterable[tuple[str, str | None]]) -> list[str]:
    """What an HTML start tag holds that content may not."""
    found = [] if tag in ALLOWED or tag in FORBIDDEN else [f"<{tag}> (unknown)"]
    for name, value in attrs:
        found += attribute_findings(name, value)
    return found


def attribute_findings(name: str, value: str | None, *, needs_value: bool = False) -> list[str]:
    """What one attribute holds that content may not (`needs_value`: a bare word is harmless)."""
    name = name.lower()
    if name in HIDING:
        return [f"the {name} attribute"]
    if name.startswith("on") and (value is not None or not needs_value):
        return [f"the {name} attribute (an event handler)"]
    if not needs_value and not _ATTR_NAME.match(name):
        return [f"the attribute name {name!r}"]
    if name in URL_ATTRIBUTES and value:
        urls = [part.split()[0] for part in value.split(",") if part.split()] if name == "srcset" else [value]
        return [what for url in urls for what in [url_finding(url)] if what]
    return []


def attr_list_findings(inner: str) -> list[str]:
    """What a Markdown attribute list (``{: key=value }``) would set that content may not."""
    return [what for key, value in get_attrs(inner.lstrip(":"))
            for what in attribute_findings(key, value, needs_value=True)]


def url_finding(url: str) -> str | None:
    """A link or image address of a refused kind (javascript:, data:, vbscript:, file: ...)."""
    cleaned = re.sub(r"[\x00-\x20\x7f]+", "", url).lower()
    match = _SCHEME.match(cleaned)
    if match and match.group(1) not in SAFE_SCHEMES:
        return f"a {match.group(1)}: address"
    return None


def advice(what: str) -> str:
    """The message for one finding: what was found, and what to do."""
    if what.endswith("(unknown)"):
        tag = what.split(" ", 1)[0]
        return (f"{tag} is not one of the simple HTML elements content may use: remove it or write it "
                f"in Markdown ({SIMPLE}, <sup>, <sub>, <kbd>, <mark>, links and images)")
    if what.startswith("<"):
        return f"{what} is not allowed in content: remove it ({SIMPLE})"
    if what.startswith("a ") and what.endswith("address"):
        return (f"{what} is not allowed in a link or image in content: link to a web page "
                "(https://...), an email address (mailto:) or a page or file of this site")
    if what == "--8<--":
        return ("--8<-- (a snippet marker) is not allowed in content: pages cannot include other files; "
                "it would show as text. Remove it, or put it in a code block to show it")
    if what == "an HTML comment":
        return ("an HTML comment (<!-- ... -->) is not allowed in content: the page does not show it, but it is "
                "published in the page's source for anyone to read. Remove it; keep notes outside content/")
    if what.startswith("the attribute name"):
        return f"{what} is not allowed in content: use plain attribute names (letters, digits, hyphens)"
    for name, reason in HIDING.items():
        if what == f"the {name} attribute":
            return f"{what} is not allowed in content ({reason}): remove it"
    return f"{what} is not allowed in content (it runs code in the reader's browser): remove it"


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


class _Scanner(HTMLParser):
    """Collects (line, what) for refused tags, attributes, comments and declarations."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    def _add(self, whats: Iterable[str]) -> None:
        line = self.getpos()[0]
        self.found += [(line, what) for what in whats]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._add([f"<{tag}>"] if tag in FORBIDDEN else [])
        self._add(tag_findings(tag, attrs))

    def handle_comment(self, data: str) -> None:
        self._add(["an HTML comment"])

    def handle_decl(self, decl: str) -> None:
        self._add([f"<!{decl.split()[0].lower() if decl.split() else ''}> (unknown)"])

    def unknown_decl(self, data: str) -> None:
        self._add(["<![...]> (unknown)"])

    def handle_pi(self, data: str) -> None:
        self._add(["<?...> (unknown)"])


def extension_problems(markdown_extensions: Iterable[str], plugins: Iterable[str],
                       config_text: str = "") -> list[Problem]:
    """Markdown extensions and MkDocs plugins that read other files into pages are refused
    (``pymdownx.snippets``, include extensions and plugins, ``macros``): the engine must read
    only the staged public tree, never content/."""
    problems = []
    for key, names in (("markdown_extensions", markdown_extensions), ("plugins", plugins)):
        for name in names:
            short = name.rsplit("/", 1)[-1].lower().replace("-", "_")
            if any(word in short for word in FILE_READERS):
                line = _config_line(config_text, name)
                where = f" (line {line})" if line else ""
                problems.append(Problem("mkdocs.yml", key, f"{name}{where} reads other files into pages: it could "
                                        "publish a hidden review's text. Remove it from mkdocs.yml"))
    return problems


def _config_line(config_text: str, name: str) -> int | None:
    match = re.search(rf"^[ \t-]*{re.escape(name)}\b", config_text, re.M)
    return _line(config_text, match.start()) if match else None
