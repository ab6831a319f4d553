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


def _median(values: Iterable[int | None]) -> float | None:
    found = [v for v in values if v is not None]
    return median(found) if found else None


def statistics(rows: list[dict]) -> dict:
    """Reviews each calendar year by type, referrals to the Panel and median working days."""
    types = [t for t in REVIEW_TYPES if t != "rapid-review"]
    years = []
    for year in sorted({r["year"] for r in rows}, reverse=True):
        in_year = [r for r in rows if r["year"] == year]
        years.append(_summary(str(year), in_year, types))
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
