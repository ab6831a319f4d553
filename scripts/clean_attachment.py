#!/usr/bin/env python3
"""`make clean-attachment FILE=content/reviews/x/report.pdf`: a cleaned copy beside the file
(report.clean.pdf): metadata removed (the page's title kept as the document title), earlier
revisions, embedded files and JavaScript removed, tracked changes accepted, comments removed,
GPS positions gone. It never fixes a redaction: redact again with a tool that removes the text.
"""
from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from pathlib import Path

import _setup

from lscp_kit.checks.clean import Refused, clean, cleaned_name
from lscp_kit.clock import london_day
from lscp_kit.files.content import load_project


def page_title(project: Path, rel: str) -> str | None:
    """The public title of the item that owns content/`rel`, if any."""
    cat, _, _ = load_project(project, london_day(datetime.now(timezone.utc)))
    return next((item.title for item in cat.items.values() if rel in item.files), None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", nargs="?", help="the attachment, e.g. content/reviews/2026-child-n/report.pdf")
    parser.add_argument("--project", type=Path, default=_setup.ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.file:
        print("error: say which file: make clean-attachment FILE=content/reviews/<item>/<file>", file=sys.stderr)
        return 2
    path = Path(args.file)
    path = path if path.is_absolute() else Path.cwd() / path
    if not path.is_file():
        print(f"error: {args.file}: no such file", file=sys.stderr)
        return 2
    content = (args.project / "content").resolve()
    rel = path.resolve().relative_to(content).as_posix() if path.resolve().is_relative_to(content) else None
    title = page_title(args.project, rel) if rel else None
    try:
        data = clean(path.name, path.read_bytes(), title)
    except Refused as why:
        print(f"{args.file}: not cleaned: {why}", file=sys.stderr)
        return 1
    target = Path(cleaned_name(str(path)))
    target.write_bytes(data)
    shown = cleaned_name(args.file)
    print(f"Wrote {shown}: metadata, earlier revisions, comments and tracked changes removed"
          + (f" (document title: {title!r})" if title else "") + f". Open it and check it, then replace "
          f"the original with it (mv {shown} {args.file}) before you publish.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
