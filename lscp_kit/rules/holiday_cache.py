"""England's bank holidays as the installed `holidays` worked them out, kept between builds (in
.staging/), so a build loads that library only for a year it has not seen. The record names the
library's version: another version's record, or one that cannot be read, is ignored."""
from __future__ import annotations

import json
import os
from datetime import date
from importlib import metadata
from pathlib import Path

from lscp_kit.rules import workdays

FILENAME = "bank-holidays.json"


def _version() -> str:
    try:
        return metadata.version("holidays")
    except metadata.PackageNotFoundError:
        return ""


def _read(path: Path, version: str) -> dict[int, list[date]]:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        if record.get("holidays") != version or not version:
            return {}
        years = {int(year): [date.fromisoformat(d) for d in days] for year, days in record["years"].items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}
    return {year: days for year, days in years.items() if all(d.year == year for d in days)}


def load(folder: Path) -> None:
    """Give the core the years recorded in `folder`."""
    workdays.remember(_read(Path(folder) / FILENAME, _version()))


def save(folder: Path) -> None:
    """Add the years this build worked out to the record in `folder` (when there are any). A
    record that cannot be written (disk full, something else in its place) is simply not kept:
    a cache never fails a build."""
    new = workdays.worked_out()
    if not new:
        return
    version = _version()
    path = Path(folder) / FILENAME
    years = {**_read(path, version), **new}
    text = json.dumps({"holidays": version, "years": {str(y): [d.isoformat() for d in sorted(days)]
                                                      for y, days in sorted(years.items())}}, indent=0)
    partial = path.with_name(f".{FILENAME}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        try:
            partial.unlink(missing_ok=True)
        except OSError:
            pass
