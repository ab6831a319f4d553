"""Set keys in mkdocs.yml as text, keeping every other line (and its comments) as it is, so a
partnership's settings and a newer kit's changes merge line by line."""
from __future__ import annotations

import re
from typing import Any, Iterable

import yaml

_KEY = re.compile(r"^(?P<indent> *)(?P<key>[A-Za-z_][\w-]*):(?:\s|$)")


def _block(lines: list[str], start: int, end: int, key: str, indent: int) -> tuple[int, int] | None:
    """The lines [first, last) of `key` at `indent` between start and end."""
    for i in range(start, end):
        m = _KEY.match(lines[i])
        if m and m["key"] == key and len(m["indent"]) == indent:
            j = i + 1
            while j < end and (not lines[j].strip() or _indent(lines[j]) > indent
                               or (lines[j].lstrip().startswith("#") and _indent(lines[j]) > indent)):
                j += 1
            while j > i + 1 and not lines[j - 1].strip():  # blank lines after the block stay
                j -= 1
            return i, j
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _child_indent(lines: list[str], first: int, last: int, indent: int) -> int:
    for line in lines[first + 1:last]:
        if line.strip() and not line.lstrip().startswith("#"):
            return _indent(line)
    return indent + 2


def _dump(key: str, value: Any, indent: int) -> list[str]:
    text = yaml.safe_dump({key: value}, sort_keys=False, allow_unicode=True, width=96, default_flow_style=False)
    return [" " * indent + line + "\n" for line in text.splitlines()]


def set_key(text: str, path: Iterable[str], value: Any) -> str:
    """`text` with the key at `path` (("extra", "partnership")) set to `value`; a missing key is
    added at the end of its parent."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    start, end, indent = 0, len(lines), 0
    keys = list(path)
    for depth, key in enumerate(keys):
        found = _block(lines, start, end, key, indent)
        if found is None:
            return "".join(lines[:end] + _dump(key, _nest(keys[depth + 1:], value), indent) + lines[end:])
        first, last = found
        if depth == len(keys) - 1:
            return "".join(lines[:first] + _dump(key, value, indent) + lines[last:])
        start, end, indent = first + 1, last, _child_indent(lines, first, last, indent)
    return text


def _nest(keys: list[str], value: Any) -> Any:
    for key in reversed(keys):
        value = {key: value}
    return value


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml whatever tags it holds (!ENV, !!python/name: ...)."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def load(text: str) -> dict:
    return yaml.load(text, Loader=_Loader) or {}  # noqa: S506 - a safe loader that ignores tags
