"""The comms team's report: every item's state as of a day, its dates and statutory timings."""
from __future__ import annotations

import csv
import io
import json
import textwrap
from datetime import date, timedelta

from lscp_kit.rules import annual
from lscp_kit.outputs import calendars
from lscp_kit.rules.catalogue import Catalogue, reminders
from lscp_kit.rules.decisions import EMBARGOED, HELD, PUBLIC, SCHEDULED, state_words
from lscp_kit.rules.register import may_go_from, retention_end
from lscp_kit.rules.timelines import NOTICE_WORKING_DAYS, RAPID_REVIEW_WORKING_DAYS, send_by

COLUMNS = ("id", "type", "status", "state", "first_public", "retention_end", "rapid_review",
           "notice")
HEADINGS = {"id": "Item", "type": "Type", "status": "Status", "state": "State today",
            "first_public": "First public", "retention_end": "Public at least to",
            "rapid_review": "Rapid review", "notice": "Report notice", "review": "Review",
            "item": "Item", "endorsed": "Endorsed", "report_sent": "Report sent"}
UPCOMING_DAYS = 30


def rows(cat: Catalogue) -> list[dict]:
    """One row per item, sorted by id, with every figure the table, CSV and JSON show."""
    out = []
    for ident in sorted(cat.items):
        item, decision = cat.items[ident], cat.decisions[ident]
        first = cat.first_public_of(ident)
        t = cat.timings(item)
        out.append({
            "id": ident, "path": item.path, "type": item.type, "status": item.status,
            "state": state_words(decision), "reason": decision.reason,
            "first_public": first.isoformat() if first else None,
            "retention_end": retention_end(first).isoformat() if first else None,
            "may_go_from": may_go_from(first).isoformat() if first else None,
            "rapid_review_working_days": t.rapid_review_working_days,
            "rapid_review_late": t.rapid_review_late,
            "notice_working_days": t.notice_working_days,
            "notice_short": t.notice_short,
            "report_send_by": _iso(send_by(item, decision, first)),
            "report_sent": _iso(item.timeline.report_sent),
            "endorsed": _iso(item.endorsed),
            "endorsed_missing": item.type == "lcspr" and item.endorsed is None
                                 and decision.state in (PUBLIC, SCHEDULED, EMBARGOED, HELD),
            "report_missing": item.type == "lcspr" and item.timeline.report_sent is None
                               and decision.state in (PUBLIC, SCHEDULED, EMBARGOED, HELD),
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


WIDTH = 120
WIDE_COLUMNS = COLUMNS + ("endorsed", "report_sent")
REVIEW_COLUMNS = ("review", "type", "state", "first_public", "retention_end")
PLAN_COLUMNS = ("review", "endorsed", "report_sent", "notice", "rapid_review")
LEARNING_COLUMNS = ("item", "type", "state", "first_public", "retention_end")


def _cells(row: dict) -> dict:
    """A row's table cells: '-' for nothing, and the statutory timings in words."""
    cells = {k: row[k] or "-" for k in COLUMNS[:6]}
    cells["review"] = cells["item"] = row["id"].split("/", 1)[1]
    cells["endorsed"] = row["endorsed"] or ("MISSING" if row["endorsed_missing"] else "-")
    cells["report_sent"] = (f"MISSING: send by {row['report_send_by']}" if row["report_send_by"]
                            else row["report_sent"] or ("MISSING" if row["report_missing"] else "-"))
    cells["rapid_review"] = _timing(row["rapid_review_working_days"], row["rapid_review_late"],
                                    f"LATE (over {RAPID_REVIEW_WORKING_DAYS})")
    cells["notice"] = _timing(row["notice_working_days"], row["notice_short"],
                              f"TOO SHORT (under {NOTICE_WORKING_DAYS})")
    return cells


def _grid(columns: tuple[str, ...], cells: list[dict], limit: int | None) -> list[str]:
    """Aligned columns; where a row would pass `limit` characters its first cell has a line of its own."""
    widths = {c: max([len(HEADINGS[c])] + [len(str(r[c])) for r in cells]) for c in columns}
    first, rest = columns[0], columns[1:]
    if limit:
        room = limit - sum(widths[c] + 2 for c in rest)
        widths[first] = max(len(HEADINGS[first]), min(widths[first], room))

    def line(r: dict) -> list[str]:
        tail = "  ".join(str(r[c]).ljust(widths[c]) for c in rest)
        if len(str(r[first])) > widths[first]:
            return [str(r[first]), (" " * widths[first] + "  " + tail).rstrip()]
        return [(str(r[first]).ljust(widths[first]) + "  " + tail).rstrip()]

    out = line(HEADINGS) + line({c: "-" * widths[c] for c in columns})
    for r in cells:
        out += line(r)
    return out


def table(cat: Catalogue, problems: list, wide: bool = False) -> str:
    """The terminal table (within 120 columns unless `wide`), the review plan, what is coming up,
    the annual report line, reminders and any problems."""
    data = rows(cat)
    cells = [_cells(r) for r in data]
    out = [f"Publication report as of {cat.day.isoformat()} (Europe/London)", ""]
    if wide:
        out += _grid(WIDE_COLUMNS, cells, None)
    else:
        reviews = [c for c, r in zip(cells, data) if r["id"].startswith("reviews/")]
        learning = [c for c, r in zip(cells, data) if r["id"].startswith("learning/")]
        planned = [c for c, r in zip(cells, data) if r["id"].startswith("reviews/") and _planned(r)]
        out += ["Reviews"] + _grid(REVIEW_COLUMNS, reviews, WIDTH)
        out += ["", "Review plan: endorsement and statutory timings"] + _grid(PLAN_COLUMNS, planned, WIDTH)
        out += ["", "Learning"] + _grid(LEARNING_COLUMNS, learning, WIDTH)
    out += ["", "wd = working days (Monday to Friday, not bank holidays in England).",
            f"Rapid review: sent n wd after the notification (due within {RAPID_REVIEW_WORKING_DAYS}).",
            f"Report notice: final report sent n wd before publication (at least {NOTICE_WORKING_DAYS}).",
            "Endorsed: the day the safeguarding partners endorsed the final report (an LCSPR needs it).",
            ""] + textwrap.wrap(annual.duty(cat).words(), WIDTH, subsequent_indent="  ") + [
            "", f"Coming up in the next {UPCOMING_DAYS} days:"]
    events = upcoming(cat)
    out += [f"  {e['date']}  {e['id']}: {e['event']}" for e in events] or ["  nothing"]
    notes = reminders(cat)
    if notes:
        out += ["", "Reminders:"] + [line for note in notes for line in _wrap(note, WIDTH)]
    if problems:
        out += ["", f"Problems that stop the build ({len(problems)}):"]
        out += [line for p in problems for line in _wrap(str(p), None if wide else WIDTH)]
    return "\n".join(out) + "\n"


def _planned(row: dict) -> bool:
    """Reviews the plan table shows: LCSPRs, and any review with a statutory date."""
    return row["type"] == "lcspr" or any(row[k] is not None for k in (
        "rapid_review_working_days", "notice_working_days", "report_sent", "endorsed"))


def _wrap(text: str, width: int | None) -> list[str]:
    if width is None:
        return [f"  {text}"]
    return textwrap.wrap(text, width, initial_indent="  ", subsequent_indent="    ", break_on_hyphens=False)


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
    d = annual.duty(cat)
    duty = {"last": d.last_id, "last_public": _iso(d.last_public), "due": _iso(d.due), "overdue": d.overdue,
            "warn": d.warn, "scheduled": _iso(d.scheduled)}
    return json.dumps({"as_of": cat.day.isoformat(), "items": rows(cat), "upcoming": upcoming(cat),
                       "annual_report": duty, "problems": [str(p) for p in problems]}, indent=2) + "\n"


def to_ics(cat: Catalogue) -> bytes:
    """The comms team's calendar: deadlines of scheduled reviews and the annual report."""
    return calendars.report_ics(cat)


