"""The theme overrides folder and the site's own asset references: which files under assets/
the site config or the theme names (they are staged even when no page links them), and which
override stylesheets every page carries inline."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable

_ASSET_REF = re.compile(r"""assets/[\w./-]+""")


def read_files(folder: Path) -> dict[str, bytes]:
    """The overrides' files (never a link), by path under the folder."""
    if not folder.is_dir():
        return {}
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file() and not path.is_symlink()}


def asset_refs(config_values: Iterable[Any], overrides: dict[str, bytes]) -> set[str]:
    """Paths under assets/ that the site config values or the theme overrides name."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v)
        elif value is not None:
            found.update(m.group(0) for m in _ASSET_REF.finditer(str(value)))

    walk(list(config_values))
    for data in overrides.values():
        found.update(m.group(0) for m in _ASSET_REF.finditer(data.decode("utf-8", errors="replace")))
    return {p.rstrip("./") for p in found}


def inlined_styles(site: Path, overrides: dict[str, bytes]) -> list[bytes]:
    """The stylesheets every page carries inline that the site also publishes, byte for byte, as
    files (audited there): only those are taken out of pages before reading them. An override the
    engine does not publish (readme.css, .hidden.css ...) stays in the pages and is read there."""
    found = []
    for name, data in overrides.items():
        if name.endswith(".css") and _published_as(site / name, data):
            found += [data, data.rstrip(b"\n")]
    return [b for b in found if b]


def _published_as(path: Path, data: bytes) -> bool:
    try:
        return not path.is_symlink() and path.is_file() and path.stat().st_size == len(data) \
            and path.read_bytes() == data
    except OSError:
        return False
