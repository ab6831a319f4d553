#!/usr/bin/env python3
"""`make report`: every item's state as of SITE_AS_OF (default today), dates and timings.

    make report                       a table for the terminal
    make report ARGS="--format csv"   for a spreadsheet (also: --format json)
    make report ARGS="--format ics"   the comms team's calendar of deadlines (never publish it)
    make report ARGS="--wide"         the table with every column on one line
    SITE_AS_OF=2027-01-04 make report the same, as of another day

The problems listed are the build's own (`lscp_kit.build.Build.prepare`): what stops `make site`.
"""
from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime, timezone
from pathlib import Path

import _setup

from lscp_kit.build import Build
from lscp_kit.files import site_config
from lscp_kit.outputs import report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--format", choices=("table", "csv", "json", "ics"), default="table")
    parser.add_argument("--wide", action="store_true", help="every column in one table, wider than 120")
    parser.add_argument("--as-of", default=os.environ.get("SITE_AS_OF"), help="YYYY-MM-DD (default: today)")
    parser.add_argument("--project", type=Path, default=_setup.ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    site, problems = site_config.read(args.project.resolve())
    if site is None:
        print("\n".join(f"error: {p}" for p in problems), file=sys.stderr)
        return 2
    environ = {**os.environ, "SITE_AS_OF": args.as_of or ""}
    build = Build(site, "report", environ, datetime.now(timezone.utc))
    problems = build.prepare()
    if build.cat is None:
        print("\n".join(f"error: {p}" for p in problems), file=sys.stderr)
        return 2
    cat = build.cat
    if args.format in ("table", "json"):  # attachment metadata, and documents not yet accessible
        notes = [f"not accessible: {note}" for note in build.attachments.accessibility]
        for line in build.attachments.warnings + notes:
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
