#!/usr/bin/env python3
"""`make report`: every item's state as of SITE_AS_OF (default today), dates and timings.

    make report                       a table for the terminal
    make report ARGS="--format csv"   for a spreadsheet (also: --format json)
    make report ARGS="--format ics"   the comms team's calendar of deadlines (never publish it)
    make report ARGS="--wide"         the table with every column on one line
    SITE_AS_OF=2027-01-04 make report the same, as of another day
"""
from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime, timezone
from pathlib import Path

import _setup

from lscp_kit.checks import check_catalogue
from lscp_kit.outputs import report
from lscp_kit.clock import AsOfError, london_day, parse_as_of
from lscp_kit.files.content import load_project


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--format", choices=("table", "csv", "json", "ics"), default="table")
    parser.add_argument("--wide", action="store_true", help="every column in one table, wider than 120")
    parser.add_argument("--as-of", default=os.environ.get("SITE_AS_OF"), help="YYYY-MM-DD (default: today)")
    parser.add_argument("--project", type=Path, default=_setup.ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        day = london_day(parse_as_of(args.as_of, datetime.now(timezone.utc)))
    except AsOfError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    cat, problems, tree = load_project(args.project, day)
    if args.format in ("table", "json"):  # public attachments, checked as the build checks them
        checked = check_catalogue(cat, [i.id for i in cat.public], tree.path, args.project / ".staging/attachment-checks")
        problems = problems + checked.errors
        for line in checked.warnings + [f"not accessible: {note}" for note in checked.accessibility]:
            print(f"warning: {line}", file=sys.stderr)
    if args.format == "csv":
        sys.stdout.write(report.to_csv(cat))
    elif args.format == "ics":
        sys.stdout.buffer.write(report.to_ics(cat))
    elif args.format == "json":
        sys.stdout.write(report.to_json(cat, problems))
    else:
        sys.stdout.write(report.table(cat, problems, wide=args.wide))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
