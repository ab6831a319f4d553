"""Front matter: split it from the Markdown and load it with a strict YAML loader.

The loader rejects duplicate keys, and resolves only plain scalars (true/false, null, decimal
numbers): dates and ``HH:MM:SS`` durations stay text so the schema can check them exactly
(YAML 1.1 would turn ``2024-02-30`` into a crash and ``00:42:10`` into 2530).
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any, Iterable

import yaml

_FENCE = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


class FrontMatterError(ValueError):
    """The front matter is not valid YAML, or repeats a key (then `key` names it)."""

    def __init__(self, message: str, key: str = "front matter"):
        super().__init__(message)
        self.key = key


class _Resolver(yaml.resolver.BaseResolver):
    """Only booleans, null and decimal numbers are implicit; everything else is text."""


_Resolver.yaml_implicit_resolvers = {}
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)


_Parser = getattr(getattr(yaml, "cyaml", None), "CParser", None)  # libyaml, when PyYAML has it


class StrictLoader(*((_Parser,) if _Parser else (yaml.reader.Reader, yaml.scanner.Scanner,
                                                 yaml.parser.Parser, yaml.composer.Composer)),
                   yaml.constructor.SafeConstructor, _Resolver):
    """A safe loader that refuses duplicate keys."""

    def __init__(self, stream: str):
        if _Parser:
            _Parser.__init__(self, stream)
        else:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        _Resolver.__init__(self)
        self.line_offset = 0

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            line = key_node.start_mark.line + 1 + self.line_offset
            if not isinstance(key_node, yaml.ScalarNode):
                raise FrontMatterError(f"line {line}: a key must be a plain word, not a list or group")
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                raise FrontMatterError(f"line {line}: the key {key!r} must be a word (letters), "
                                       "not a number or true/false", key=str(key))
            if key in seen:
                raise FrontMatterError(
                    f"duplicate key (lines {seen[key]} and {line}): keep only one", key=str(key)
                )
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


def load_yaml(text: str, first_line: int = 1) -> Any:
    """Load YAML text strictly; raise FrontMatterError with a one-line reason.

    `first_line` is the file line the text starts on, so messages give file line numbers.
    """
    try:
        loader = StrictLoader(text)
        loader.line_offset = first_line - 1
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()  # noqa: S506 - StrictLoader is safe
    except FrontMatterError:
        raise
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark
        where = f" (line {mark.line + first_line}, column {mark.column + 1})" if mark else ""
        raise FrontMatterError(f"not valid YAML{where}: {err.problem}") from None
    except yaml.YAMLError as err:
        raise FrontMatterError(f"not valid YAML: {err}") from None


@dataclass(frozen=True)
class Document:
    """A Markdown file split into its front matter (None when absent) and body."""

    meta: dict | None
    body: str


def split(text: str) -> Document:
    """Split ``---``-fenced front matter from the body; raise FrontMatterError on bad YAML."""
    text = text.lstrip("\ufeff")
    match = _FENCE.match(text)
    if not match:
        return Document(None, text)
    meta = load_yaml(match.group(1) or "", first_line=2)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise FrontMatterError("front matter must be a list of `key: value` lines")
    return Document(meta, text[match.end():])


def nearest(key: str, known: Iterable[str]) -> str | None:
    """The known key an unknown one is most likely a misspelling of (`embrago`: embargo)."""
    found = difflib.get_close_matches(str(key), sorted(known), n=1, cutoff=0.6)
    return found[0] if found else None


def unknown_key(key: str, known: Iterable[str], where: str = "") -> str:
    """The message for a key the schema does not know: the nearest known key, then all of them.
    Never a guess that is acted on: the item is still refused until the key is fixed."""
    known = sorted(known)
    near = nearest(key, known)
    hint = f"did you mean {near}?" if near else "check the spelling"
    return f"unknown key{where}: {hint} (allowed: {', '.join(known)})"
