"""The allow-list of paths under content/: every file is a page, an item, a bundle file or a
site asset, or the build stops naming it and saying where it belongs (SPEC "Allow-list")."""
from __future__ import annotations

import posixpath
from functools import lru_cache
from typing import Iterable

from lscp_kit.problems import Problem
from lscp_kit.routes import TAKEN_PAGES as GENERATED_PAGES

SECTIONS = ("reviews", "learning")
SECTION_PAGES = frozenset({"reviews/index.md", "learning/index.md"})
ASSETS = "assets"
MARKDOWN_LIKE = frozenset({".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn", ".mdtxt", ".mdtext",
                           ".rmd", ".md"})

PAGE = "page"          # content/<name>.md, or a section page
ITEM = "item"          # an item's Markdown: <slug>.md or <slug>/index.md under a section
BUNDLE_FILE = "bundle file"  # any other file inside an item's folder
ASSET = "asset"        # a site file under content/assets/


@lru_cache(maxsize=8)
def bundles(files: frozenset[str]) -> frozenset[str]:
    """Item bundle folders: a folder under a section holding an index.md (not the section's).
    Worked out once per set of files, however many checks ask."""
    return frozenset(posixpath.dirname(f) for f in files
                     if f.endswith("/index.md") and f not in SECTION_PAGES and f.split("/", 1)[0] in SECTIONS)


def bundle_of(path: str, folders: frozenset[str]) -> str | None:
    """The outermost bundle folder `path` is inside, if any."""
    parts = path.split("/")
    for depth in range(2, len(parts)):
        folder = "/".join(parts[:depth])
        if folder in folders:
            return folder
    return None


def classify(path: str, folders: frozenset[str]) -> tuple[str | None, str]:
    """(kind, "") for an allowed path; (None, where it belongs) for any other."""
    parts = path.split("/")
    ext = posixpath.splitext(path)[1]
    if ext.lower() in MARKDOWN_LIKE and ext != ".md":
        stem = path[: -len(ext)]
        return None, (f"a Markdown file must end in .md (lower case): rename it to {posixpath.basename(stem)}.md "
                      "(any other ending would be published as a raw file)")
    top = parts[0]
    if len(parts) == 1:
        if path.lower() == "readme.md":
            return None, ("a README.md is taken as the home page of its folder, so it cannot be a page: rename it "
                          "(for example about-this-site.md), or keep notes for the team outside content/")
        if path in GENERATED_PAGES:
            return None, (f"the build makes the {GENERATED_PAGES[path]} page itself: rename this page "
                          "(it would be replaced without a word)")
        if ext == ".md":
            return PAGE, ""
        return None, ("only pages (.md) sit at the top of content/: put images, styles and shared documents "
                      "in content/assets/, and a review's or learning item's files in its own folder")
    if top == ASSETS:
        if ext == ".md":
            return None, "pages do not go in content/assets/: move it to the top of content/ or make it an item"
        return ASSET, ""
    if top not in SECTIONS:
        return None, (f"content/{top}/ is not a place the site publishes from: reviews go in content/reviews/, "
                      "learning in content/learning/ (in sub-folders if you like), images, styles and shared "
                      "documents in content/assets/, and other pages at the top of content/")
    if path in SECTION_PAGES:
        return PAGE, ""
    return _section_path(path, parts, ext, folders)


def _section_path(path: str, parts: list[str], ext: str, folders: frozenset[str]) -> tuple[str | None, str]:
    section = parts[0]
    bundle = bundle_of(path, folders)
    if bundle is not None:
        if path == f"{bundle}/index.md":
            return _item(section, bundle)
        if ext == ".md":
            return None, (f"is inside the folder of the item content/{bundle}/index.md: an item has one page; "
                          "move it out of that folder, or make it part of that item's index.md")
        return BUNDLE_FILE, ""
    if ext == ".md":
        return _item(section, path[: -len(".md")])
    return None, ("belongs to no item: a review's or learning item's files go in the item's own folder, "
                  "beside its index.md (content/<section>/<slug>/index.md); images and documents shared by "
                  "several pages go in content/assets/")


def _item(section: str, ident: str) -> tuple[str | None, str]:
    """Reviews sit directly under content/reviews/; learning may be grouped in sub-folders."""
    if section == "reviews" and ident.count("/") > 1:
        return None, ("reviews are not grouped in folders: use content/reviews/<slug>.md or "
                      "content/reviews/<slug>/index.md")
    return ITEM, ""


def problems(files: Iterable[str], root: str = "content") -> list[Problem]:
    """A problem for every file that is not on the allow-list."""
    files = frozenset(files)
    folders = bundles(files)
    found = []
    for path in sorted(files):
        kind, where = classify(path, folders)
        if kind is None:
            found.append(Problem(f"{root}/{path}", "file", where))
    return found
