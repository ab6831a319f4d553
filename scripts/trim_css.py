#!/usr/bin/env python3
"""Material's stylesheet less the rules this site can never use (138 KB to a fraction).

Keeps every rule whose selector names only classes that the kit can produce: classes in any
built page (pass a production and a preview build), in Material's JavaScript (which adds its
own at run time), in the theme overrides, and the Markdown extensions' classes a comms officer
may write (every admonition type). Rules without classes (element, :root, @font-face,
@keyframes) are kept. Re-run after a Material upgrade, or whenever a page uses a new feature:

    make site && make preview-site
    .venv/bin/python scripts/trim_css.py site preview-site

writes overrides/assets/stylesheets/material.min.css, which overrides/main.html puts in every
page (with overrides/assets/site.css) instead of linking Material's main and palette stylesheets
(the palette is unused: the colours come from site.css).
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import material

ROOT = Path(__file__).resolve().parent.parent
THEME = Path(material.__file__).parent / "templates"
OUT = ROOT / "overrides/assets/stylesheets/material.min.css"
# What Markdown can produce beyond what the pages show today (admonition, attr_list, toc).
MARKDOWN_CLASSES = {"admonition", "admonition-title", "note", "abstract", "summary", "tldr", "info", "todo",
                    "tip", "hint", "important", "success", "check", "done", "question", "help", "faq",
                    "warning", "caution", "attention", "failure", "fail", "missing", "danger", "error",
                    "bug", "example", "quote", "cite", "headerlink", "toclink", "md-button",
                    "md-button--primary", "center", "left", "right", "footnote", "footnote-ref"}
# Classes Material's JavaScript adds at run time: its own (md-*) less the components this site
# never enables (code copy and annotations, tooltips, content tabs, tags, versions, repository facts).
UNUSED_COMPONENTS = ("md-annotation", "md-tooltip", "md-code", "md-clipboard", "md-version", "md-tag",
                     "md-status", "md-source", "md-consent", "md-social")
# Selectors for states the site is never in: right-to-left text, the dark scheme.
NEVER = ("[dir=rtl]", "[data-md-color-scheme=slate]")
DATA_PROPERTY = re.compile(r'(--[\w-]+):url\("data:[^"]*"\);?')
CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
WORD = re.compile(r"[\w-]+")


def used_classes(sites: list[Path]) -> set[str]:
    """Every class the pages use, Material's scripts may add, or the overrides name."""
    words = set(MARKDOWN_CLASSES)
    for site in sites:
        for page in site.rglob("*.html"):
            for attr in re.findall(r'class="([^"]*)"', page.read_text(encoding="utf-8", errors="replace")):
                words.update(attr.split())
    for script in THEME.glob("assets/javascripts/*.js"):
        words.update(w for w in WORD.findall(script.read_text(encoding="utf-8"))
                     if w.startswith("md-") and not w.startswith(UNUSED_COMPONENTS))
    for template in (ROOT / "overrides").rglob("*.html"):
        words.update(WORD.findall(template.read_text(encoding="utf-8")))
    return words


def split_top(text: str, sep: str = ",") -> list[str]:
    """Split on `sep` outside brackets and parentheses."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += ch in "([" and 1 or ch in ")]" and -1 or 0
        if ch == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    return parts + [text[start:]]


def blocks(css: str) -> list[tuple[str, str]]:
    """Top-level (prelude, body) pairs of a minified stylesheet."""
    out, i = [], 0
    while i < len(css):
        open_at = css.find("{", i)
        if open_at < 0:
            break
        depth, j = 1, open_at + 1
        while depth:
            depth += {"{": 1, "}": -1}.get(css[j], 0)
            j += 1
        out.append((css[i:open_at].strip(), css[open_at + 1:j - 1]))
        i = j
    return out


def trim(css: str, used: set[str]) -> str:
    out = []
    for prelude, body in blocks(css):
        if prelude.startswith(("@media", "@supports", "@layer", "@container")):
            inner = trim(body, used)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            out.append(f"{prelude}{{{body}}}")
        else:
            kept = [s for s in split_top(prelude)
                    if set(CLASS.findall(s)) <= used and not any(n in s for n in NEVER)]
            if kept:
                out.append(f"{','.join(kept)}{{{body}}}")
    return "".join(out)


def drop_unused_icons(css: str) -> str:
    """Remove icon custom properties (inline SVG data) that no kept rule reads with var()."""
    read = set(re.findall(r"var\((--[\w-]+)", css))
    css = DATA_PROPERTY.sub(lambda m: m.group(0) if m.group(1) in read else "", css)
    return re.sub(r";}", "}", css)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sites", nargs="+", help="built sites whose pages show what is used")
    args = parser.parse_args(argv)
    source = next(THEME.glob("assets/stylesheets/main.*.min.css"))
    css = re.sub(r"/\*.*?\*/", "", source.read_text(encoding="utf-8"), flags=re.S)
    trimmed = drop_unused_icons(trim(css, used_classes([Path(s) for s in args.sites])))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(f"/* {source.name} trimmed by scripts/trim_css.py */\n{trimmed}\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(trimmed) / 1024:.0f} KB (from {source.stat().st_size / 1024:.0f} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
