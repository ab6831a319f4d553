"""Where a leaked word comes from in content/: the files to edit, for the refusal message (the
audit's own lines name built files). Search is as the audit reads: case, entities and spacing
ignored, the word standing alone."""
from __future__ import annotations

from typing import Iterable

from lscp_kit.audit import UNREADABLE, mentions, normalise
from lscp_kit.files.content import Tree
from lscp_kit.rules.catalogue import Catalogue


def leak_sources(leaks: Iterable, tree: Tree, cat: Catalogue, root: str = "content") -> str:
    """Lines naming, for each leaked needle, the content files other than its own item's that
    hold it."""
    texts = {src: normalise(text) for src, text in tree.sources.items()}
    owners = cat.owners
    lines = []
    for needle, item in sorted({(leak.needle, leak.item) for leak in leaks if leak.what != UNREADABLE}):
        words = normalise(needle)
        found = sorted(f"{root}/{src}" for src, text in texts.items()
                       if (mentions(text, words) or words in src.lower()) and owners.owner(src) != item)
        found += sorted(f"{root}/{f}" for f in tree.files
                        if words in f.lower() and not f.endswith(".md") and owners.owner(f) != item)
        where = ", ".join(found) if found else "no content file: look in mkdocs.yml and overrides/"
        lines.append(f"  {needle!r} comes from: {where}")
    return "\nFiles to edit (or withdraw or embargo them too):\n" + "\n".join(lines)
