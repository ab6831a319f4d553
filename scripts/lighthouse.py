#!/usr/bin/env python3
"""Lighthouse scores of the built site, per page kind, served uncompressed on 127.0.0.1.

Not part of `make test` (it needs Node and takes a minute or two). Install Lighthouse once,
outside the repository, then score a built site:

    npm install --prefix ~/.cache/lscp-lighthouse lighthouse@12.2.3
    make site
    .venv/bin/python scripts/lighthouse.py --lighthouse ~/.cache/lscp-lighthouse/node_modules/.bin/lighthouse

Mobile form factor with Lighthouse's default simulated throttling, in Debian's Chromium
(CHROME_PATH, default /usr/bin/chromium). Prints each category's score (0-100) for the home,
reviews, a review, learning and statistics pages, and the median when --runs > 1.
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
           "cumulative-layout-shift", "speed-index"]


def pages(site: Path) -> dict[str, str]:
    """Page kind -> path: the first review in the reviews folder stands for all reviews."""
    reviews = sorted(p.parent.name for p in (site / "reviews").glob("*/index.html")
                     if p.parent.name not in ("theme", "type", "year"))
    if not reviews:
        raise SystemExit(f"{site}: no review pages: build the site first (make site)")
    return {"home": "/", "reviews": "/reviews/", "a review": f"/reviews/{reviews[0]}/",
            "learning": "/learning/", "statistics": "/statistics/"}


def serve(site: Path) -> ThreadingHTTPServer:
    """The site on a free port of 127.0.0.1, uncompressed, in a background thread."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def audit(lighthouse: str, url: str, chrome: str) -> dict:
    """One Lighthouse run's JSON report."""
    args = [lighthouse, url, "--output=json", "--output-path=stdout", "--quiet",
            "--form-factor=mobile", "--chrome-flags=--headless --no-sandbox",
            f"--only-categories={','.join(CATEGORIES)}"]
    proc = subprocess.run(args, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": chrome},
                          timeout=300)
    if proc.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout)


def scores(report: dict) -> dict[str, float]:
    """Category scores out of 100, the main metrics in ms (CLS unitless) and bytes transferred."""
    out = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    audits = report["audits"]
    out.update({m: audits[m]["numericValue"] for m in METRICS})
    out["bytes"] = audits["total-byte-weight"]["numericValue"]
    return out


def failing(report: dict) -> list[str]:
    """Audits that cost points outside performance, to say what to fix."""
    refs = [r for c in CATEGORIES[1:] for r in report["categories"][c]["auditRefs"] if r["weight"]]
    return sorted({r["id"] for r in refs if (report["audits"][r["id"]]["score"] or 0) < 1
                   and report["audits"][r["id"]]["scoreDisplayMode"] == "binary"})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", nargs="?", default=str(ROOT / "site"), help="built site (default site/)")
    parser.add_argument("--lighthouse", default=os.environ.get("LIGHTHOUSE", "lighthouse"),
                        help="the lighthouse command (default $LIGHTHOUSE or lighthouse on PATH)")
    parser.add_argument("--chrome", default=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    parser.add_argument("--runs", type=int, default=1, help="runs per page; medians are printed")
    parser.add_argument("--json", help="also write every run's scores to this file")
    args = parser.parse_args(argv)
    if not shutil.which(args.lighthouse):
        raise SystemExit(f"{args.lighthouse}: not found: npm install lighthouse@12.2.3 and pass --lighthouse")
    site = Path(args.site)
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    results: dict[str, list[dict]] = {}
    print(f"{'page':12} {'perf':>5} {'a11y':>5} {'b-p':>5} {'seo':>5} {'FCP ms':>7} {'LCP ms':>7} "
          f"{'TBT ms':>7} {'CLS':>6} {'KB':>6}  failing")
    try:
        for kind, path in pages(site).items():
            runs, problems = [], set()
            for _ in range(args.runs):
                report = audit(args.lighthouse, base + path, args.chrome)
                runs.append(scores(report))
                problems.update(failing(report))
            results[kind] = runs
            med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
            print(f"{kind:12} {med['performance']:5.0f} {med['accessibility']:5.0f} "
                  f"{med['best-practices']:5.0f} {med['seo']:5.0f} {med['first-contentful-paint']:7.0f} "
                  f"{med['largest-contentful-paint']:7.0f} {med['total-blocking-time']:7.0f} "
                  f"{med['cumulative-layout-shift']:6.3f} {med['bytes'] / 1024:6.0f}  {' '.join(sorted(problems))}",
                  flush=True)
    finally:
        server.shutdown()
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
