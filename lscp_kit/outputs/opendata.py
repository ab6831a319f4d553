"""Open data and FOI statistics about public reviews: one computation, several views.

The same records feed ``open-data/reviews.json``, ``reviews.csv`` and the statistics page.
Raw incident dates never leave this module: only working-day counts do.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date
from statistics import median
from typing import Iterable

from lscp_kit.rules.catalogue import Catalogue
from lscp_kit.rules.timelines import timings
from lscp_kit.rules.items import REVIEW_TYPES

FIELDS = ("id", "title", "type", "child", "published", "year", "url", "report_url", "themes",
          "referred_to_panel", "rapid_review_working_days", "notice_working_days")
STAT_TYPES = tuple(t for t in REVIEW_TYPES if t != "rapid-review")


def records(cat: Catalogue, site_url: str) -> list[dict]:
    """One open-data record per public review, newest first."""
    base = site_url.rstrip("/") + "/"
    rows = []
    for item in cat.public:
        if item.section != "reviews":
            continue
        published = cat.first_public[item.id]
        timings = cat.timings(item)
        rows.append({
            "id": item.slug,
            "title": item.title,
            "type": item.type,
            "child": item.child,
            "published": published.isoformat(),
            "year": published.year,
            "url": base + item.url,
            "report_url": base + item.report if item.report else None,
            "themes": list(item.themes),
            "referred_to_panel": item.timeline.incident_notified is not None,
            "rapid_review_working_days": timings.rapid_review_working_days,
            "notice_working_days": timings.notice_working_days,
        })
    return rows


def to_json(rows: list[dict]) -> str:
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


def to_csv(rows: list[dict]) -> str:
    """CSV for spreadsheets: themes joined with "; ", booleans as true/false, blanks for none."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return out.getvalue()


def _cell(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(value)
    return "" if value is None else str(value)


def _median(values: Iterable[int | None]) -> int | float | None:
    """The median working days: a whole number, or a half when the count is even."""
    found = [v for v in values if v is not None]
    if not found:
        return None
    value = median(found)
    return int(value) if value == int(value) else round(value, 1)


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


@dataclass(frozen=True)
class Counted:
    """A review that has been public: counted in its first public year for good."""

    id: str
    type: str | None  # None when its file has since been deleted (the register only has its days)
    first_public: date
    referred: bool
    online: bool
    rapid_review_working_days: int | None = None  # kept when it leaves the site: figures never change
    notice_working_days: int | None = None


def ever_public(cat: Catalogue) -> list[Counted]:
    """Every review public on some day up to ``cat.day``, from three sources: the register
    (gone ones included), the front matter of withdrawn or removed ones (also those gone before
    the register existed), and the public ones. Rapid reviews never count."""
    firsts: dict[str, date] = {}
    for ident, entry in cat.register.items():
        if ident.startswith("reviews/") and entry.first_public <= cat.day:
            firsts[ident] = entry.first_public
    for ident, decision in cat.decisions.items():
        first, gone = decision.first_public_day, decision.gone_on
        if gone and first and first < gone and first <= cat.day:
            firsts.setdefault(ident, first)
    for item in cat.public:
        firsts.setdefault(item.id, cat.first_public[item.id])
    counted = []
    for ident, first in sorted(firsts.items()):
        item = cat.items.get(ident)
        if item and (item.section != "reviews" or item.type == "rapid-review"):
            continue
        referred = bool(item and item.timeline.incident_notified is not None)
        t = timings(item, first) if item else None
        counted.append(Counted(ident, item.type if item else None, first, referred, cat.is_public(ident),
                               t.rapid_review_working_days if t else None, t.notice_working_days if t else None))
    return counted


def yearly(counted: list[Counted], day: date, start: int | None = None) -> list[dict]:
    """One row per year from `start` (default: the first year a review was public) through
    `day`'s year, zeros included: ``statistics.json``'s ``years``."""
    first = start if start is not None else min((c.first_public.year for c in counted), default=None)
    if first is None:
        return []
    rows = []
    for year in range(first, day.year + 1):
        found = [c for c in counted if c.first_public.year == year]
        rows.append({"year": year, "published": len(found),
                     "by_type": {t: sum(c.type == t for c in found) for t in STAT_TYPES},
                     "referred_to_panel": sum(c.referred for c in found),
                     "still_online": sum(c.online for c in found)})
    return rows


def statistics_json(counted: list[Counted], day: date, start: int | None = None) -> str:
    """``open-data/statistics.json`` as SPEC: as-of day and every year, ascending."""
    data = {"as_of": day.isoformat(), "years": yearly(counted, day, start)}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def in_words(year: dict) -> str:
    """``we published 2 reviews: 1 local child ... review and 1 learning review. Both ...``"""
    count, referred = year["published"], year["referred_to_panel"]
    if count == 0:
        return "we published no reviews."
    parts = [_plural(n, REVIEW_TYPES[t].lower()) for t, n in year["by_type"].items() if n]
    unknown = count - sum(year["by_type"].values())
    if unknown:
        parts.append(_plural(unknown, "review") + " whose file has since been deleted")
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    if referred == 0:
        follow = "None of them followed" if count > 1 else "It did not follow"
    elif referred == count:
        follow = "All of them followed" if count > 2 else "Both followed" if count == 2 else "It followed"
    else:
        follow = f"{referred} of them followed"
    words = (f"we published {_plural(count, 'review')}: {listed}. {follow} a serious incident "
             "notification to the National Panel.")
    gone = count - year["still_online"]
    if gone:
        who = "It is" if count == 1 else f"{gone} of them " + ("is" if gone == 1 else "are")
        words += f" {who} no longer online (withdrawn or removed)."
    return words


def statistics(rows: list[dict], counted: list[Counted], day: date, start: int | None = None) -> dict:
    """The statistics page: every year's counts (as ``statistics.json``), with the median
    working days of the reviews still online (`rows`, the open-data records)."""
    years = []
    for year in yearly(counted, day, start):
        those = [c for c in counted if c.first_public.year == year["year"]]
        years.append(_page_row(str(year["year"]), year, those))
    total = {"published": sum(y["published"] for y in years),
             "by_type": {t: sum(y["by_type"][t] for y in years) for t in STAT_TYPES},
             "referred_to_panel": sum(y["referred_to_panel"] for y in years),
             "still_online": sum(y["still_online"] for y in years)}
    in_range = {int(y["label"]) for y in years}
    return {"types": [{"slug": t, "label": REVIEW_TYPES[t]} for t in STAT_TYPES], "years": years,
            "total": _page_row(TOTAL, total, [c for c in counted if c.first_public.year in in_range]),
            "start": years[0]["label"] if years else None}


TOTAL = "All years"


def _page_row(label: str, counts: dict, counted: list[Counted]) -> dict:
    """A row of the page: `counted` are the reviews it counts (their working-day figures stay
    in the medians after they leave the site, so a withdrawal changes no past figure)."""
    row = dict(counts, label=label, words=in_words(counts) if label != TOTAL else "")
    row["by_type_list"] = [counts["by_type"][t] for t in STAT_TYPES]
    row["deleted"] = counts["published"] - sum(counts["by_type"].values())
    row["median_rapid_review"] = _median(c.rapid_review_working_days for c in counted)
    row["median_notice"] = _median(c.notice_working_days for c in counted)
    return row
