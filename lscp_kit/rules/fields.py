"""Reading typed values out of one item's front matter, every problem collected: text, dates,
choices, groups of keys, lists; and the keys written with no value."""
from __future__ import annotations

from datetime import date
from typing import Any, Iterable

from lscp_kit.clock import parse_day
from lscp_kit.problems import Problem
from lscp_kit.rules.frontmatter import unknown_key
from lscp_kit.rules.schema import NESTED_KEYS


class Fields:
    """Reads typed values out of one item's front matter, collecting problems."""

    def __init__(self, path: str, meta: dict):
        self.path, self.meta, self.problems = path, meta, []

    def problem(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.path, key, message))

    def get(self, key: str, mapping: dict | None = None) -> Any:
        node = self.meta if mapping is None else mapping
        return node.get(key.rsplit(".", 1)[-1])

    def text(self, key: str, required: bool, mapping: dict | None = None) -> str | None:
        value = self.get(key, mapping)
        if value is None:
            if required:
                self.problem(key, "missing: add it (text)")
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem(key, f"must be text, not {kind_of(value)}")
            return None
        return value.strip()

    def day(self, key: str, required: bool, mapping: dict | None = None) -> date | None:
        value = self.get(key, mapping)
        if value is None:
            if required:
                self.problem(key, "missing: add the date as YYYY-MM-DD")
            return None
        try:
            return parse_day(value)
        except ValueError as err:
            message = str(err)
            if message.endswith("is not a real date"):
                message += ": check the calendar"
            elif not isinstance(value, str):
                shown = repr(value) if isinstance(value, (int, float)) else "this value"
                message = f"{shown} {message}, e.g. 2027-03-15"
            elif not message.startswith(value.strip()):
                message = f"{value!r} {message}"
            self.problem(key, message)
            return None

    def choice(self, key: str, options: Iterable[str]) -> str | None:
        value = self.text(key, required=True)
        options = list(options)
        if value is not None and value not in options:
            self.problem(key, f"{value!r} is not one of: {', '.join(options)}")
            return None
        return value

    def mapping(self, key: str) -> dict | None:
        value = self.meta.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            self.problem(key, f"must be a group of keys ({', '.join(sorted(NESTED_KEYS[key]))}), "
                              f"not {kind_of(value)}")
            return None
        for unknown in sorted(set(map(str, value)) - NESTED_KEYS[key]):
            self.problem(f"{key}.{unknown}", unknown_key(unknown, NESTED_KEYS[key]))
        return value

    def text_list(self, key: str) -> tuple[str, ...]:
        value = self.meta.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.problem(key, "must be a list of text, e.g. [neglect, exploitation]")
            return ()
        if len(set(value)) != len(value):
            self.problem(key, "lists the same entry twice")
        return tuple(v.strip() for v in value)


def kind_of(value: Any) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "a group"}
    return "empty" if value is None or value == "" else names.get(type(value), type(value).__name__)


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, dict)) and not (value.strip() if isinstance(value, str)
                                                                         else value))


def empty_keys(meta: dict, prefix: str = "") -> set[str]:
    """Dotted names of keys written with no value (``embargo:``, ``withdrawn: ~``, ``themes: []``)."""
    found = set()
    for key, value in meta.items():
        name = f"{prefix}{key}"
        if is_empty(value):
            found.add(name)
        elif isinstance(value, dict):
            found |= empty_keys(value, f"{name}.")
    return found


def without_empty(meta: dict, empty: set[str], prefix: str = "") -> dict:
    """`meta` with the empty keys left out (they are reported once, as empty)."""
    return {k: without_empty(v, empty, f"{prefix}{k}.") if isinstance(v, dict) else v
            for k, v in meta.items() if f"{prefix}{k}" not in empty}
