"""Links in Markdown: find every target a page names, and the item each one reaches."""
from __future__ import annotations

import posixpath
import re
from typing import Iterable, Mapping

from lscp_kit.clock import format_day
from lscp_kit.rules.decisions import RAPID_REVIEW, REMOVED, WITHDRAWN, Decision
from lscp_kit.problems import Problem

_INLINE = re.compile(r"\]\(\s*<?([^)\s>]+)")
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]]+\]:\s*<?([^\s>]+)", re.M)
_HTML = re.compile(r"""(?:href|src|data|poster)\s*=\s*["']([^"']+)["']""", re.I)
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


def targets(body: str) -> frozenset[str]:
    """Every link or image target written in a Markdown body (inline, reference, HTML)."""
    found: set[str] = set()
    for pattern, sign in ((_INLINE, "]("), (_REFERENCE, "]:"), (_HTML, "="), (_AUTOLINK, "<http")):
        if sign in body:  # a cheap test spares the regular expression on most pages
            found.update(m.group(1) for m in pattern.finditer(body))
    return frozenset(found)


def page_dir(src: str) -> str:
    """The folder a page's URL sits in: ``reviews/x.md`` is served at ``reviews/x/``."""
    if src == "index.md" or src.endswith("/index.md"):
        return posixpath.dirname(src)
    return src[: -len(".md")]


def candidate_paths(src: str, target: str, site_url: str = "") -> set[str]:
    """Content-relative paths `target` may mean, read as a Markdown link and as a URL."""
    target = target.replace("\\", "/").split("#", 1)[0].split("?", 1)[0]  # browsers read \\ as /
    if site_url and target.startswith(site_url):
        return {_clean(target[len(site_url):])}
    if not target or _SCHEME.match(target) or target.startswith("//"):
        return set()
    if target.startswith("/"):
        return {_clean(target)}
    base_md = posixpath.dirname(src)
    return {_clean(posixpath.join(base_md, target)), _clean(posixpath.join(page_dir(src), target))}


def resolve(sources: Mapping[str, str], site_url: str = "") -> dict[str, dict[str, frozenset[str]]]:
    """Every link target of each page, with the content paths it may reach: parsed once, used by
    every check."""
    return {src: {target: frozenset(candidate_paths(src, target, site_url)) for target in targets(text)}
            for src, text in sources.items()}


def _clean(path: str) -> str:
    path = posixpath.normpath("/" + path).lstrip("/")
    for suffix in ("/index.html", "index.html"):
        if path.endswith(suffix):
            path = path[: -len(suffix)]
    return path.rstrip("/")


class Owners:
    """Finds which item a content path belongs to: its page, its URL, its bundle or a file."""

    def __init__(self, items: Iterable, unparsed: Iterable[str] = ()):
        self._by_path: dict[str, str] = {}
        self._bundles: set[str] = set(unparsed)
        for item in items:
            self._by_path[item.id] = item.id
            self._by_path[item.source] = item.id
            for name in item.files:
                self._by_path[name] = item.id
            if item.source.endswith("/index.md"):
                self._bundles.add(item.id)

    def owner(self, path: str) -> str | None:
        """The id of the item `path` is part of, or None."""
        if path in self._by_path:
            return self._by_path[path]
        if path.endswith(".md"):
            return self._by_path.get(path[:-3])
        parent = path
        while "/" in parent:
            parent = posixpath.dirname(parent)
            if parent in self._bundles:
                return parent
        return None

    def linked_items(self, src: str, paths: Iterable[str]) -> set[str]:
        """Ids of the items the page at `src` reaches through `paths` (not counting itself)."""
        own = self.owner(src)
        return {owner for owner in map(self.owner, paths) if owner and owner != own}


def hidden_link_problems(
    pages: Mapping[str, Iterable[str]], owners: Owners, hidden: Mapping[str, Decision], root: str,
    sources: Mapping[str, str] | None = None, site_url: str = "",
) -> list[Problem]:
    """A public page linking to a hidden item is a problem naming both, the lines of the links
    (from `sources`, each page's text) and why the target is not public (`pages`: src -> paths)."""
    problems = []
    for src, paths in pages.items():
        for target in sorted(owners.linked_items(src, paths) & hidden.keys()):
            lines = link_lines(src, (sources or {}).get(src, ""), target, owners, site_url)
            where = f"{_plural_lines(lines)} link{'s' if len(lines) == 1 else ''}" if lines else "links"
            problems.append(Problem(f"{root}/{src}", "link", f"{where} to {target}, {_why(hidden[target])}"))
    return problems


def link_lines(src: str, text: str, target: str, owners: Owners, site_url: str = "") -> list[int]:
    """The line numbers (from 1, front matter counted) of the links in `text` that reach `target`."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        paths = {path for t in targets(line) for path in candidate_paths(src, t, site_url)}
        if any(owners.owner(path) == target for path in paths):
            found.append(number)
    return found


def _plural_lines(lines: list[int]) -> str:
    if len(lines) == 1:
        return f"line {lines[0]}"
    return "lines " + ", ".join(map(str, lines[:-1])) + f" and {lines[-1]}"


def _why(decision: Decision) -> str:
    """Why the target is not public, and what to do about the link."""
    if decision.state == WITHDRAWN:
        return (f"which was withdrawn on {format_day(decision.gone_on)} and is no longer on the site: "
                "remove the link")
    if decision.state == REMOVED:
        return f"which was removed from the site on {format_day(decision.gone_on)}: remove the link"
    if decision.state == RAPID_REVIEW:
        return "a rapid review, which is never published: remove the link"
    if decision.public_from:
        return (f"which is not public until {format_day(decision.public_from)}: remove the link until then "
                f"(why: {decision.reason.rstrip('.')})")
    return f"which is not public ({decision.reason}): remove the link until it is public"
