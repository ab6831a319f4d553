"""The comms team's report: every item's state as of a day, its dates and statutory timings."""
from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta

from .catalogue import Catalogue
from .clock import anniversary
from .decisions import EMBARGOED, PUBLIC, SCHEDULED, state_words
from .register import may_go_from
from .timelines import NOTICE_WORKING_DAYS, RAPID_REVIEW_WORKING_DAYS, send_by

COLUMNS = ("id", "type", "status", "state", "first_public", "retention_end", "rapid_review",
           "notice")
HEADINGS = {"id": "Item", "type": "Type", "status": "Status", "state": "State today",
            "first_public": "First public", "retention_end": "Public at least to",
            "rapid_review": "Rapid review", "notice": "Report notice"}
UPCOMING_DAYS = 30


def rows(cat: Catalogue) -> list[dict]:
    """One row per item, sorted by id, with every figure the table, CSV and JSON show."""
    out = []
    for ident in sorted(cat.items):
        item, decision = cat.items[ident], cat.decisions[ident]
        first = cat.first_public.get(ident) or decision.first_public_day
        t = cat.timings(item)
        out.append({
            "id": ident, "path": item.path, "type": item.type, "status": item.status,
            "state": state_words(decision), "reason": decision.reason,
            "first_public": first.isoformat() if first else None,
            "retention_end": anniversary(first).isoformat() if first else None,
            "may_go_from": may_go_from(first).isoformat() if first else None,
            "rapid_review_working_days": t.rapid_review_working_days,
            "rapid_review_late": t.rapid_review_late,
            "notice_working_days": t.notice_working_days,
            "notice_short": t.notice_short,
            "report_send_by": _iso(send_by(item, decision, first)),
        })
    return out


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def upcoming(cat: Catalogue, days: int = UPCOMING_DAYS) -> list[dict]:
    """What goes public, lifts, or leaves in the next `days` days, soonest first."""
    end = cat.day + timedelta(days=days)
    events = []
    for ident, item in cat.items.items():
        d = cat.decisions[ident]
        if d.state in (SCHEDULED, EMBARGOED) and d.public_from and d.public_from <= end:
            what = "embargo lifts" if d.state == EMBARGOED else "goes public"
            events.append({"date": d.public_from.isoformat(), "id": ident, "event": what})
        deadline = send_by(item, d, cat.first_public.get(ident))
        if deadline and deadline <= end:
            events.append({"date": deadline.isoformat(), "id": ident, "event": "last day to send the report"})
        if d.state == PUBLIC:
            for when, what in ((item.withdrawn and item.withdrawn.date, "withdrawn"),
                               (item.remove_after, "removed")):
                if when and cat.day < when <= end:
                    events.append({"date": when.isoformat(), "id": ident, "event": what})
    return sorted(events, key=lambda e: (e["date"], e["id"]))


def _timing(n: int | None, flag: bool, words: str) -> str:
    if n is None:
        return "-"
    return f"{n} wd" + (f" {words}" if flag else "")


def table(cat: Catalogue, problems: list) -> str:
    """A plain-text table for the terminal, then what is coming up and any problems."""
    cells = []
    for row in rows(cat):
        cells.append({**{k: row[k] or "-" for k in COLUMNS[:6]},
                      "rapid_review": _timing(row["rapid_review_working_days"], row["rapid_review_late"],
                                              f"LATE (over {RAPID_REVIEW_WORKING_DAYS})"),
                      "notice": f"MISSING: send by {row['report_send_by']}" if row["report_send_by"] else
                      _timing(row["notice_working_days"], row["notice_short"],
                              f"TOO SHORT (under {NOTICE_WORKING_DAYS})")})
    widths = {c: max([len(HEADINGS[c])] + [len(str(r[c])) for r in cells]) for c in COLUMNS}
    line = lambda r: "  ".join(str(r[c]).ljust(widths[c]) for c in COLUMNS).rstrip()  # noqa: E731
    out = [f"Publication report as of {cat.day.isoformat()} (Europe/London)", "",
           line(HEADINGS), line({c: "-" * widths[c] for c in COLUMNS})]
    out += [line(r) for r in cells]
    out += ["", "wd = working days (Monday to Friday, not bank holidays in England).",
            f"Rapid review: sent n wd after the notification (due within {RAPID_REVIEW_WORKING_DAYS}). "
            f"Report notice: final report sent n wd before publication (at least {NOTICE_WORKING_DAYS}).",
            "", f"Coming up in the next {UPCOMING_DAYS} days:"]
    events = upcoming(cat)
    out += [f"  {e['date']}  {e['id']}: {e['event']}" for e in events] or ["  nothing"]
    if problems:
        out += ["", f"Problems that stop the build ({len(problems)}):"] + [f"  {p}" for p in problems]
    return "\n".join(out) + "\n"


def to_csv(cat: Catalogue) -> str:
    out = io.StringIO()
    data = rows(cat)
    writer = csv.DictWriter(out, fieldnames=list(data[0]) if data else ["id"], lineterminator="\n")
    writer.writeheader()
    for row in data:
        writer.writerow({k: ("" if v is None else str(v).lower() if isinstance(v, bool) else v)
                         for k, v in row.items()})
    return out.getvalue()


def to_json(cat: Catalogue, problems: list) -> str:
    return json.dumps({"as_of": cat.day.isoformat(), "items": rows(cat), "upcoming": upcoming(cat),
                       "problems": [str(p) for p in problems]}, indent=2) + "\n"


