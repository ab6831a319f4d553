"""Colours of the partnership's brand: read as `#rrggbb`, checked for WCAG 2.2 AA contrast, and
the lighter and darker shades the theme needs."""
from __future__ import annotations

import re

WHITE = "#ffffff"
AA_TEXT = 4.5  # WCAG 2.2 AA, normal-size text
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def parse(value: object) -> str | None:
    """`#rgb` or `#rrggbb` as lower-case `#rrggbb`; None for anything else."""
    if not isinstance(value, str) or not _HEX.match(value.strip()):
        return None
    digits = value.strip()[1:].lower()
    return "#" + ("".join(c * 2 for c in digits) if len(digits) == 3 else digits)


def _channels(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def luminance(colour: str) -> float:
    """Relative luminance (WCAG 2.2)."""
    def linear(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in _channels(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str = WHITE) -> float:
    """The contrast ratio of two colours, from 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def mix(colour: str, other: str, share: float) -> str:
    """`colour` moved `share` (0 to 1) of the way towards `other`."""
    return "#" + "".join(f"{round(a + (b - a) * share):02x}" for a, b in zip(_channels(colour), _channels(other)))


def css_properties(primary: str, accent: str) -> str:
    """The theme's colour custom properties, for a `<style>` in every page's head."""
    props = {
        "--md-primary-fg-color": primary,
        "--md-primary-fg-color--light": mix(primary, WHITE, 0.15),
        "--md-primary-fg-color--dark": mix(primary, "#000000", 0.35),
        "--md-accent-fg-color": accent,
        "--md-accent-fg-color--transparent": accent + "1a",
        "--md-typeset-a-color": primary,
    }
    return ":root{" + "".join(f"{k}:{v};" for k, v in props.items()) + "}"
