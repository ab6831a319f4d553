"""Active content in a published picture or page: an SVG or HTML attachment that runs a script
(or an event handler, or a javascript: link) can write any text when it is viewed, which no
reading of the file shows. Such a file is never published."""
from __future__ import annotations

import re

ACTIVE_SUFFIXES = (".svg", ".svgz", ".html", ".htm", ".xhtml", ".xml")
_ACTIVE = re.compile(rb"<\s*script\b|\bon[a-z]+\s*=|javascript\s*:|<\s*foreignObject\b|<\s*iframe\b|<\s*object\b"
                     rb"|<\s*embed\b", re.IGNORECASE)


def active_content(name: str, data: bytes) -> str | None:
    """What in the file runs when it is viewed, or None."""
    if not name.lower().endswith(ACTIVE_SUFFIXES):
        return None
    if name.lower().endswith(".svgz"):
        import gzip
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError):
            return None  # the leak audit refuses what it cannot read
    found = _ACTIVE.search(data.replace(b"\x00", b""))
    return found.group(0).decode("latin-1").strip() if found else None
