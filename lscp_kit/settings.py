"""The partnership's settings: `site_name`, `site_url` and the kit's keys under `extra:` in
mkdocs.yml, read strictly against one schema. A wrong type or an unknown key is a plain
problem naming `mkdocs.yml` and the key, never an internal error."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Mapping

from lscp_kit.problems import Problem

CONFIG = "mkdocs.yml"
DEFAULT_URL = "http://127.0.0.1:8000/"


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _phone(value: Any) -> str | None:
    text = _text(value) if isinstance(value, str) else None
    return text if text and re.fullmatch(r"\+?[\d ()-]{6,20}", text) else None


def _whole(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 1000 else None


def _year(value: Any) -> int | None:
    if isinstance(value, date):
        return value.year
    text = str(value).strip()
    return int(text[:4]) if re.fullmatch(r"\d{4}(-\d{2}-\d{2})?", text) else None


def _names(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, list) and value and all(_text(v) for v in value):
        return tuple(v.strip() for v in value)
    return None


def _flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


@dataclass(frozen=True)
class Key:
    """One settings key: how it is read, what a good value looks like, whether it must be there."""

    read: Callable[[Any], Any]
    what: str
    example: str
    required: bool = False


# The schema: every key the kit reads under `extra:`, by dotted path. Material's own keys
# (`extra.social`, `extra.analytics`, `extra.generator` ...) are left to the theme.
SCHEMA: dict[str, Key] = {
    "partnership.name": Key(_text, "text", "name: Northbridge Safeguarding Children Partnership", required=True),
    "partnership.short_name": Key(_text, "text", "short_name: Northbridge SCP"),
    "partnership.partners": Key(_names, "a list of names", "partners: [Northbridge Council, Northbridge Police]"),
    "partnership.email": Key(_text, "text", "email: safeguarding@northbridge.example.org"),
    "partnership.phone": Key(_phone, "a phone number", 'phone: "01632 960 000"'),
    "partnership.front_door": Key(_phone, "a phone number", 'front_door: "01632 960 111"'),
    "partnership.out_of_hours": Key(_phone, "a phone number", 'out_of_hours: "01632 960 222"'),
    "partnership.feedback": Key(_text, "text", "feedback: about/#contact (a page of this site, or a full URL)"),
    "partnership.feedback_email": Key(_text, "text", "feedback_email: website@northbridge.example.org"),
    "statistics_from": Key(_year, "a year", "statistics_from: 2020"),
    "feeds.limit": Key(_whole, "a whole number from 1 to 1000", "limit: 50"),
    "feeds.podcast.author": Key(_text, "text", "author: Northbridge Safeguarding Children Partnership"),
    "feeds.podcast.category": Key(_text, "text", "category: Education"),
    "feeds.podcast.image": Key(_text, "text", "image: assets/podcast-cover.png"),
}
SECTIONS = ("partnership", "feeds", "feeds.podcast")  # mappings whose every key the kit owns
MATERIAL_KEYS = frozenset({"generator", "social", "analytics", "consent", "alternate", "version", "homepage",
                           "annotate", "tags", "status", "lscp"})


@dataclass(frozen=True)
class Settings:
    """Everything the build, the feeds and the templates need to know about the partnership."""

    site_name: str
    site_url: str
    name: str
    short_name: str
    email: str = ""
    partners: tuple[str, ...] = ()
    statistics_from: int | None = None
    feed_limit: int = 50
    podcast_author: str = ""
    podcast_category: str = "Education"
    podcast_image: str | None = None
    values: Mapping[str, Any] = field(default_factory=dict)


def _lookup(extra: Mapping, dotted: str) -> tuple[bool, Any]:
    node: Any = extra
    for part in dotted.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return False, None
        node = node[part]
    return True, node


def _unknown(extra: Mapping) -> list[Problem]:
    """Keys inside the kit's own sections that the schema does not know: a typo, never ignored."""
    problems = []
    for section in SECTIONS:
        found, node = _lookup(extra, section)
        if not found:
            continue
        if not isinstance(node, Mapping):
            problems.append(Problem(CONFIG, f"extra.{section}", "must be a list of keys (a mapping)"))
            continue
        known = sorted({k[len(section) + 1:].split(".")[0] for k in SCHEMA if k.startswith(section + ".")})
        for key in node:
            if key not in known:
                near = difflib.get_close_matches(str(key), known, n=1)
                hint = f" (did you mean {near[0]}?)" if near else f": the keys are {', '.join(known)}"
                problems.append(Problem(CONFIG, f"extra.{section}.{key}", f"is not a setting the kit knows{hint}"))
    return problems


def read(site_name: str, site_url: str | None, extra: Mapping | None) -> tuple[Settings, list[Problem]]:
    """The settings, and every problem with them at once."""
    extra = extra if isinstance(extra, Mapping) else {}
    problems = _unknown(extra)
    values: dict[str, Any] = {}
    for dotted, key in SCHEMA.items():
        found, raw = _lookup(extra, dotted)
        if not found or raw is None:
            if key.required:
                problems.append(Problem(CONFIG, f"extra.{dotted}", f"is missing: add it, e.g. {key.example}"))
            continue
        value = key.read(raw)
        if value is None:
            problems.append(Problem(CONFIG, f"extra.{dotted}", f"{raw!r} is not {key.what}: write it like "
                                    f"{key.example}"))
        else:
            values[dotted] = value
    name = values.get("partnership.name") or site_name
    settings = Settings(site_name=site_name, site_url=site_url or DEFAULT_URL, name=name,
                        short_name=values.get("partnership.short_name", name),
                        email=values.get("partnership.email", ""), partners=values.get("partnership.partners", ()),
                        statistics_from=values.get("statistics_from"), feed_limit=values.get("feeds.limit", 50),
                        podcast_author=values.get("feeds.podcast.author", name),
                        podcast_category=values.get("feeds.podcast.category", "Education"),
                        podcast_image=values.get("feeds.podcast.image"), values=values)
    return settings, problems
