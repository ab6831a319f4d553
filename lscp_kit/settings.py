"""The partnership's settings: `site_name`, `site_url` and the kit's keys under `extra:` in
mkdocs.yml, read strictly against one schema. A wrong type or an unknown key is a plain
problem naming `mkdocs.yml` and the key, never an internal error."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Mapping

from lscp_kit import colours
from lscp_kit.outputs.feeds import CHANNELS
from lscp_kit.problems import Problem
from lscp_kit.rules.frontmatter import nearest

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


_ASSET = re.compile(r"^assets/[\w./-]+\.(?:png|svg|jpe?g|webp|gif|ico)$", re.I)


def _asset(value: Any) -> str | None:
    text = _text(value)
    return text if text and _ASSET.match(text) and ".." not in text.split("/") else None


CHANNEL_SLUGS = tuple(c.slug for c in CHANNELS)


def _channels(value: Any) -> tuple[str, ...] | None:
    names = _names(value) if value != [] else ()
    return names if names is not None and set(names) <= set(CHANNEL_SLUGS) else None


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
    "feeds.podcast.image": Key(_asset, "an image under assets/", "image: assets/podcast-cover.png"),
    "partnership.opening_hours": Key(_text, "text", "opening_hours: Monday to Friday, 9am to 5pm"),
    "partnership.logo": Key(_asset, "an image under assets/", "logo: assets/partnership-mark.svg"),
    "partnership.favicon": Key(_asset, "an image under assets/", "favicon: assets/favicon.png"),
    "brand.primary": Key(colours.parse, "a colour", 'primary: "#0b3d66"'),
    "brand.accent": Key(colours.parse, "a colour", 'accent: "#8a1c4a"'),
    "feeds.channels": Key(_channels, f"a list of feeds from: {', '.join(CHANNEL_SLUGS)}",
                          "channels: [reviews, learning, newsletters]"),
    "feeds.newsletter_frequency": Key(_text, "text", "newsletter_frequency: quarterly"),
    **{f"feeds.titles.{c.slug}": Key(_text, "text", f"{c.slug}: {c.title}") for c in CHANNELS},
    **{f"feeds.descriptions.{c.slug}": Key(_text, "text", f"{c.slug}: {c.description}") for c in CHANNELS},
}
# mappings whose every key the kit owns
SECTIONS = ("partnership", "brand", "feeds", "feeds.podcast", "feeds.titles", "feeds.descriptions")
DEFAULT_PRIMARY, DEFAULT_ACCENT = "#0b3d66", "#8a1c4a"
DEFAULT_HOURS = "Monday to Friday, 9am to 5pm"
# Where each colour is used, and so what it must stand out against (WCAG AA, normal text)
CONTRAST = {"brand.primary": ("white text", "darker"), "brand.accent": ("a white background", "darker")}


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
    podcast_category: str = "Education"
    podcast_image: str | None = None
    primary: str = DEFAULT_PRIMARY
    accent: str = DEFAULT_ACCENT
    channels: tuple[str, ...] = CHANNEL_SLUGS
    newsletter_frequency: str = "quarterly"
    values: Mapping[str, Any] = field(default_factory=dict)

    def channel_text(self, slug: str, kind: str) -> str | None:
        """The partnership's own title or description (`kind`) of a feed, if it set one."""
        return self.values.get(f"feeds.{kind}.{slug}")

    def brand(self) -> dict:
        """What the templates show of the partnership (`config.extra.lscp.brand`)."""
        v = self.values
        phones = [{"label": label, "number": v[key], "tel": tel_uri(v[key])}
                  for key, label in (("partnership.phone", "Telephone"), ("partnership.front_door", "Front door"),
                                     ("partnership.out_of_hours", "Out of hours")) if key in v]
        return {"name": self.name, "short_name": self.short_name, "partners": list(self.partners),
                "email": self.email, "phones": phones, "phone": _by_key(phones, v, "partnership.phone"),
                "front_door": _by_key(phones, v, "partnership.front_door"),
                "out_of_hours": _by_key(phones, v, "partnership.out_of_hours"),
                "opening_hours": v.get("partnership.opening_hours", DEFAULT_HOURS),
                "feedback": v.get("partnership.feedback", ""), "feedback_email": v.get("partnership.feedback_email", ""),
                "logo": v.get("partnership.logo"), "favicon": v.get("partnership.favicon"),
                "colours": colours.css_properties(self.primary, self.accent),
                "newsletter_frequency": self.newsletter_frequency}


def tel_uri(number: str) -> str:
    """A UK phone number as a tap-to-call link: `01632 960 000` is `tel:+441632960000`."""
    digits = re.sub(r"[^\d+]", "", number)
    if digits.startswith("0") and not digits.startswith("00"):
        digits = "+44" + digits[1:]
    return "tel:" + digits


def _by_key(phones: list[dict], values: Mapping[str, Any], key: str) -> dict | None:
    return next((p for p in phones if p["number"] == values.get(key)), None) if key in values else None


def _contrast(values: Mapping[str, Any]) -> list[Problem]:
    """A brand colour that fails WCAG AA where it is used is an error, with the ratio measured."""
    problems = []
    for key, (against, hint) in CONTRAST.items():
        colour = values.get(key)
        ratio = colours.contrast(colour) if colour else colours.AA_TEXT
        if ratio < colours.AA_TEXT:
            shown = int(ratio * 10) / 10  # rounded down: a near miss never reads as a pass
            problems.append(Problem(CONFIG, f"extra.{key}", f"{colour} has a contrast of {shown}:1 with {against}; "
                                    f"WCAG AA needs {colours.AA_TEXT}:1: choose a {hint} colour"))
    return problems


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
                near = nearest(str(key), known)
                hint = f" (did you mean {near}?)" if near else f": the keys are {', '.join(known)}"
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
    problems += _contrast(values)
    name = values.get("partnership.name") or site_name
    settings = Settings(site_name=site_name, site_url=site_url or DEFAULT_URL, name=name,
                        short_name=values.get("partnership.short_name", name),
                        email=values.get("partnership.email", ""), partners=values.get("partnership.partners", ()),
                        statistics_from=values.get("statistics_from"), feed_limit=values.get("feeds.limit", 50),
                        podcast_category=values.get("feeds.podcast.category", "Education"),
                        podcast_image=values.get("feeds.podcast.image"),
                        primary=values.get("brand.primary", DEFAULT_PRIMARY),
                        accent=values.get("brand.accent", DEFAULT_ACCENT),
                        channels=values.get("feeds.channels", CHANNEL_SLUGS),
                        newsletter_frequency=values.get("feeds.newsletter_frequency", "quarterly"), values=values)
    return settings, problems
