#!/usr/bin/env python3
"""`make linkcheck`: serve the built site on 127.0.0.1 and run LinkChecker over every page.

Internal links (pages, files, anchors' targets) must all resolve. External links are listed
but not fetched: this machine may have no network, and a broken external site is not ours to fix.
Exit status 1 when any internal link is broken.
"""
from __future__ import annotations

import csv
import functools
import io
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(site: Path) -> ThreadingHTTPServer:
    """The site on a free port of 127.0.0.1, in a background thread."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def linkchecker() -> str:
    local = Path(sys.executable).with_name("linkchecker")
    return str(local) if local.exists() else shutil.which("linkchecker") or "linkchecker"


def check(site: Path) -> tuple[list[dict], list[str]]:
    """(broken internal links, external URLs) of the site in `site`."""
    server = serve(site)
    root = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        # LinkChecker drops root privileges, so it writes nothing: read its CSV from stdout.
        proc = subprocess.run([linkchecker(), "--no-status", "--no-warnings", "-o", "csv", "-v",
                               "--ignore-url", r"^(?!http://127\.0\.0\.1[:/])", root],
                              capture_output=True, text=True, timeout=600)
    finally:
        server.shutdown()
    rows = list(csv.DictReader(io.StringIO("\n".join(
        line for line in proc.stdout.splitlines() if not line.startswith("#"))), delimiter=";"))
    if not rows:
        raise SystemExit(f"LinkChecker produced no report:\n{proc.stderr}")
    broken = [r for r in rows if r["valid"] == "False"]
    external = sorted({r["urlname"] for r in rows
                       if r["urlname"].startswith(("http:", "https:", "mailto:"))
                       and not r["urlname"].startswith(root) and not r["url"].startswith(root)})
    return broken, external


def main(argv: list[str]) -> int:
    site = Path(argv[1] if len(argv) > 1 else "site")
    if not (site / "index.html").exists():
        print(f"error: no built site in {site}/: run `make site` first", file=sys.stderr)
        return 2
    broken, external = check(site)
    print(f"External links (listed, not fetched): {len(external)}")
    for url in external:
        print(f"  {url}")
    if broken:
        print(f"\nBroken links: {len(broken)}")
        for row in broken:
            print(f"  {row['urlname']} (on {row['parentname']}): {row['result'] or row['infostring']}")
        return 1
    print("\nNo broken links.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
