"""Open data and FOI statistics about public reviews: one computation, several views.

The same records feed ``open-data/reviews.json``, ``reviews.csv`` and the statistics page.
Raw incident dates never leave this module: only working-day counts do.
"""
from __future__ import annotations

import csv
import io
import json
from statistics import median
from typing import Iterable

from .catalogue import Catalogue
from .items import REVIEW_TYPES

FIELDS = ("id", "title", "type", "child", "published", "year", "url", "report_url", "themes",
          "referred_to_panel", "rapid_review_working_days", "notice_working_days")


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


def in_words(summary: dict, types: list[str]) -> str:
    """``we published 2 reviews: 1 local child ... review and 1 learning review. Both ...``"""
    parts = [_plural(n, REVIEW_TYPES[t].lower()) for t, n in zip(types, summary["by_type"]) if n]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    referred, count = summary["referred"], summary["count"]
    if referred == 0:
        follow = "None of them followed" if count > 1 else "It did not follow"
    elif referred == count:
        follow = "All of them followed" if count > 2 else "Both followed" if count == 2 else "It followed"
    else:
        follow = f"{referred} of them followed"
    return (f"we published {_plural(count, 'review')}: {listed}. {follow} a serious incident "
            "notification to the National Panel.")


def statistics(rows: list[dict]) -> dict:
    """Reviews each calendar year by type, referrals to the Panel and median working days."""
    types = [t for t in REVIEW_TYPES if t != "rapid-review"]
    years = []
    for year in sorted({r["year"] for r in rows}, reverse=True):
        in_year = [r for r in rows if r["year"] == year]
        summary = _summary(str(year), in_year, types)
        summary["words"] = in_words(summary, types)
        years.append(summary)
    return {"types": [{"slug": t, "label": REVIEW_TYPES[t]} for t in types],
            "years": years, "total": _summary("All years", rows, types)}


def _summary(label: str, rows: list[dict], types: list[str]) -> dict:
    return {
        "label": label,
        "count": len(rows),
        "by_type": [sum(r["type"] == t for r in rows) for t in types],
        "referred": sum(r["referred_to_panel"] for r in rows),
        "median_rapid_review": _median(r["rapid_review_working_days"] for r in rows),
        "median_notice": _median(r["notice_working_days"] for r in rows),
    }
