#!/usr/bin/env python3
"""`make bench`: the full production build against bare MkDocs on content shaped like a real partnership's.

Builds generated content in a temporary folder alternately with the command `make site` uses
(BUILD below: the production build, with hooks, feeds, open data, audit) and bare MkDocs (the
same mkdocs.yml less `hooks:`, reading content/ directly), and prints medians and their ratio:

- warm: N items (default 600: half reviews, half learning) with small attachments (one-page
  PDFs), the daily build: caches kept from the build before;
- from nothing: 120 reviews, each with a 24-page PDF report, 12 of them embargoed, every cache
  and the previous output removed before each build (bare MkDocs from nothing too);
- then the full build's time per item at 300, 1,000 and 3,000 items, page size, peak memory.

The content: seven years of dates (to the as-of day 2026-11-23); every review has a text PDF
report and themes; learning is one-minute guides with a PDF handout, newsletters with a picture,
podcasts with audio, webinars with slides, events, briefings and a yearly annual report, all
with themes, some drawing on reviews. One item in ten is hidden (embargoed, draft or scheduled)
and keeps its attachments. Nothing is read from content/: the files are made here.

    make bench                                   both scenarios, 5 alternating runs each
    make bench ARGS="--scenario cold --runs 3"   only the build from nothing
    make bench ARGS="--items 3000 --runs 1 --scaling ''"
    make bench ARGS="--no-events"                without `type: event` items and webinar times
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from datetime import date, timedelta
from pathlib import Path

import _setup
from bench_files import report_pdf, silent_mp3
from skeleton import copy_skeleton

from lscp_kit.rules import items as core_items

ROOT = _setup.ROOT
# How `make site` runs the engine, after the interpreter, in the project folder.
BUILD = ["scripts/site.py", "build"]
BARE = ["-m", "mkdocs", "build", "-f", "mkdocs-bare.yml", "-d", "site-bare"]
AS_OF = date(2026, 11, 23)
FIRST_DAY = date(2019, 11, 24)  # seven years before AS_OF
MP3 = silent_mp3()
THEMES = ["neglect", "exploitation", "domestic abuse", "non-mobile babies", "bruising", "young carers",
          "online harm", "missing children", "school attendance", "escalation", "safer sleep",
          "parental mental health", "fathers and male carers", "child sexual abuse", "professional curiosity",
          "self-harm", "criminal exploitation", "disability", "transitions", "information sharing"]
WORDS = ("practitioners agencies family review child safeguarding partnership school health police "
         "referral assessment escalation learning neglect parent carer visit record plan support").split()
LEARNING = [("one-minute-guide", "one-minute-guides"), ("newsletter", "newsletters"), ("podcast", "podcasts"),
            ("webinar", "webinars"), ("event", "events"), ("one-minute-guide", "one-minute-guides"),
            ("briefing", "briefings"), ("newsletter", "newsletters"), ("podcast", "podcasts"),
            ("event", "events")]
HIDDEN = ["embargoed", "draft", "scheduled"]


def core_knows(key: str) -> bool:
    """Whether the publishing core accepts a newer feature (events, endorsement) yet."""
    return key in core_items.LEARNING_TYPES or key in core_items.SECTION_KEYS["reviews"]


def paragraph(rng: random.Random, n: int = 70) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def body(rng: random.Random, extra: str = "") -> str:
    parts = []
    for heading in ("What happened", "What we found", "What we have changed"):
        parts += [f"## {heading}", paragraph(rng), "- " + paragraph(rng, 12), "- " + paragraph(rng, 12), paragraph(rng)]
    return "\n\n".join(parts) + "\n" + extra


def pdf(pages: int, i: int, name: str) -> bytes:
    """A distinct text PDF of `pages` pages: its own words and its own title (no two items hold
    the same file or the same passages, as no two real reports do)."""
    return report_pdf(random.Random(i), WORDS, name, pages)


def png(rng: random.Random, width: int, height: int) -> bytes:
    """A photograph-like PNG (noise compresses as badly as a photo)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\0" + rng.randbytes(width * 3) for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 6)) + chunk(b"IEND", b""))


def yaml_list(values: list[str]) -> str:
    return "[" + ", ".join(values) + "]"


def day_of(i: int, n: int) -> date:
    return FIRST_DAY + timedelta(days=(i * 2555) // max(n, 1))


def front(meta: dict[str, str]) -> str:
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in meta.items()) + "---\n\n"


def hide(meta: dict[str, str], i: int, how: str | None = None) -> None:
    """Make the item embargoed, a draft or scheduled (in turn, unless `how` says which)."""
    how = how or HIDDEN[(i // 10) % len(HIDDEN)]
    if how == "embargoed":
        meta["embargo"] = "{reason: criminal trial}" if i % 20 == 9 else "{until: 2027-03-01, reason: inquest}"
    elif how == "draft":
        meta["status"] = "draft"
    else:
        meta["date"] = (AS_OF + timedelta(days=10 + i % 200)).isoformat()


def generate(folder: Path, n: int, seed: int = 1, events: bool | None = None, endorsed: bool | None = None,
             pages: int = 1, reviews: int | None = None, hidden: str | None = None) -> Path:
    """A partnership repository with `n` items, half reviews (or `reviews` of them), PDFs of
    `pages` pages; events and `endorsed` when the core knows them (or as forced); hidden items
    hidden in turn, or all as `hidden` says (embargoed, draft, scheduled)."""
    events = core_knows("event") if events is None else events
    endorsed = core_knows("endorsed") if endorsed is None else endorsed
    rng = random.Random(seed)
    pictures = [png(rng, 160 + 40 * k, 120 + 30 * k) for k in range(4)]
    content = copy_skeleton(folder) / "content"
    reviews = n // 2 if reviews is None else reviews
    public_reviews = []
    for i in range(reviews):
        day = day_of(i, reviews)
        kind = ("lcspr", "lcspr", "learning-review", "scr")[i % 4] if day.year > 2019 else "scr"
        slug = f"{day.year}-child-{i:05d}"
        meta = {"title": f"\"Child {i:05d}: a {kind} of services in {day.year}\"", "status": "published",
                "type": kind, "child": f"Child {i:05d}", "date": day.isoformat(),
                "summary": paragraph(rng, 25), "themes": yaml_list(rng.sample(THEMES, 1 + i % 3)),
                "report": f"{slug}-report.pdf"}
        if kind == "lcspr":
            meta["timeline"] = (f"{{incident_notified: {day - timedelta(days=420)}, "
                                f"rapid_review_sent: {day - timedelta(days=400)}, report_sent: {day - timedelta(days=30)}}}")
            if endorsed:
                meta["endorsed"] = (day - timedelta(days=20)).isoformat()
        if i % 10 == 9:
            hide(meta, i, hidden)
        else:
            public_reviews.append(slug)
        bundle = content / "reviews" / slug
        bundle.mkdir(parents=True)
        (bundle / f"{slug}-report.pdf").write_bytes(pdf(pages, i, slug))
        (bundle / "index.md").write_text(front(meta) + body(rng))
    annual_years = set()
    for j in range(n - reviews):
        i = reviews + j
        day = day_of(j, n - reviews)
        kind, group = LEARNING[j % len(LEARNING)]
        if kind == "event" and not events:
            kind, group = "briefing", "briefings"
        if day.month == 10 and day.year not in annual_years:
            annual_years.add(day.year)
            kind, group = "annual-report", "annual-reports"
        slug = f"{day.year}-{kind}-{i:05d}"
        bundle = content / "learning" / group / slug
        bundle.mkdir(parents=True)
        meta = {"title": f"\"{kind.replace('-', ' ').capitalize()} {i:05d} on {THEMES[i % len(THEMES)]}\"",
                "status": "published", "type": kind, "date": day.isoformat(), "summary": paragraph(rng, 25),
                "themes": yaml_list(rng.sample(THEMES, 1 + i % 3))}
        drawn = [s for s in public_reviews if s < slug[:4] + "~"][-2:]
        if drawn:
            meta["reviews"] = yaml_list(drawn)
        extra = ""
        if kind == "podcast":
            (bundle / f"{slug}.mp3").write_bytes(MP3 + f"\n{slug}\n".encode())  # each episode its own file
            meta.update(audio=f"{slug}.mp3", duration="'00:00:08'")
        elif kind == "newsletter":
            (bundle / f"{slug}-photo.png").write_bytes(pictures[i % len(pictures)])
            extra = f"\n![Practitioners at the partnership's learning event]({slug}-photo.png)\n"
        else:
            (bundle / f"{slug}.pdf").write_bytes(pdf(pages, i, slug))
            extra = f"\n[Download the {kind.replace('-', ' ')} (PDF)]({slug}.pdf)\n"
        if events and kind in ("event", "webinar"):
            start = f"{day.isoformat()}T{10 + i % 6:02d}:00"
            end = f"{day.isoformat()}T{11 + i % 6:02d}:30"
            where = "online" if kind == "webinar" or i % 3 == 0 else "Wealdmouth Civic Centre, Harbour Road"
            meta["event"] = f"{{start: {start}, end: {end}, location: \"{where}\"}}"
        if drawn and j % 10 != 9:
            extra += f"\nRead [the review this draws on](../../../reviews/{drawn[-1]}/index.md).\n"
        if j % 10 == 9:
            hide(meta, i)
        (bundle / "index.md").write_text(front(meta) + body(rng, extra))
    (folder / "mkdocs-bare.yml").write_text(bare_config((folder / "mkdocs.yml").read_text()))
    return folder


def bare_config(config: str) -> str:
    """The same mkdocs.yml without `hooks:`, reading content/ directly, not strict."""
    lines = config.replace("hooks:\n  - hooks/publish.py\n", "").replace("strict: true", "strict: false")
    lines = "\n".join("docs_dir: content" if line.startswith("docs_dir:") else line for line in lines.split("\n"))
    if "hooks:" in lines or "docs_dir: content" not in lines:
        raise SystemExit("bench: cannot derive the bare configuration from mkdocs.yml")
    return lines


def build(folder: Path, bare: bool) -> tuple[float, int]:
    """(seconds, peak memory in KiB) of one build in a fresh process."""
    args = [sys.executable, *(BARE if bare else BUILD)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_AS_OF": AS_OF.isoformat()}
    for name in ("CI", "SITE_PREVIEW"):
        env.pop(name, None)
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"build failed ({'bare' if bare else 'full'}):\n{stderr.decode()[-3000:]}")
    return elapsed, usage.ru_maxrss


def average_page_kb(site: Path) -> float:
    sizes = [p.stat().st_size for p in site.rglob("*.html")]
    return sum(sizes) / len(sizes) / 1024


def describe(folder: Path) -> str:
    content = folder / "content"
    pdfs = list(content.rglob("*.pdf"))
    return (f"{len(list(content.rglob('index.md'))) - 3} items, {len(pdfs)} PDFs "
            f"({sum(p.stat().st_size for p in pdfs) / 2**20:.0f} MB), "
            f"{sum(p.stat().st_size for p in content.rglob('*') if p.is_file()) / 2**20:.0f} MB in all")


def fresh(folder: Path, bare: bool) -> None:
    """Remove every cache and the previous output: a build from nothing."""
    names = ["site-bare"] if bare else ["site", ".site-builds", ".staging"]
    for name in names:
        shutil.rmtree(folder / name, ignore_errors=True)


def alternate(folder: Path, runs: int, from_nothing: bool = False) -> tuple[list[float], list[float], list[int]]:
    """`runs` alternating builds of each kind, after one warm-up of each: (full, bare, memory)."""
    full, bare, memory = [], [], []
    build(folder, bare=False)  # warms the disk cache (and, for warm runs, the kit's caches)
    build(folder, bare=True)
    for _ in range(runs):
        if from_nothing:
            fresh(folder, bare=True)
        bare.append(build(folder, bare=True)[0])
        if from_nothing:
            fresh(folder, bare=False)
        seconds, kib = build(folder, bare=False)
        full.append(seconds)
        memory.append(kib)
    return full, bare, memory


def report(label: str, full: list[float], bare: list[float]) -> None:
    f, b = statistics.median(full), statistics.median(bare)
    print(f"{label}, {len(full)} alternating runs each (medians):")
    print(f"  bare MkDocs        {b:7.2f} s   runs {' '.join(f'{x:.2f}' for x in bare)}")
    print(f"  full production    {f:7.2f} s   runs {' '.join(f'{x:.2f}' for x in full)}")
    print(f"  ratio full / bare  {f / b:7.3f}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenario", choices=("warm", "cold", "both"), default="both")
    parser.add_argument("--items", type=int, default=600, help="items of the warm scenario")
    parser.add_argument("--runs", type=int, default=5, help="alternating runs of each build (median)")
    parser.add_argument("--scaling", default="300,1000,3000", help="item counts for time per item ('' to skip)")
    parser.add_argument("--events", action=argparse.BooleanOptionalAction, default=None,
                        help="generate `type: event` items and webinar times (default: when the core knows events)")
    parser.add_argument("--endorsed", action=argparse.BooleanOptionalAction, default=None,
                        help="give LCSPRs `endorsed` (default: when the core knows the key)")
    args = parser.parse_args(argv)
    options = {"events": args.events, "endorsed": args.endorsed}
    with tempfile.TemporaryDirectory(prefix="lscp-bench-") as tmp:
        if args.scenario in ("warm", "both"):
            folder = Path(tmp) / f"n{args.items}"
            folder.mkdir()
            generate(folder, args.items, **options)
            print(f"warm: {describe(folder)}; build: python {' '.join(BUILD)}", flush=True)
            full, bare, memory = alternate(folder, args.runs)
            report(f"warm, {args.items} items", full, bare)
            print(f"  average page       {average_page_kb(folder / 'site'):7.1f} KB")
            print(f"  peak memory (full) {max(memory) / 1024:7.0f} MB", flush=True)
            shutil.rmtree(folder, ignore_errors=True)
        if args.scenario in ("cold", "both"):
            folder = Path(tmp) / "cold"
            folder.mkdir()
            generate(folder, 120, pages=24, reviews=120, hidden="embargoed", **options)
            print(f"from nothing: {describe(folder)}", flush=True)
            full, bare, _memory = alternate(folder, args.runs, from_nothing=True)
            report("from nothing, 120 reviews with 24-page PDFs, 12 embargoed", full, bare)
            shutil.rmtree(folder, ignore_errors=True)
        per_item = {}
        for n in [int(x) for x in args.scaling.split(",") if x.strip()]:
            scaled = Path(tmp) / f"s{n}"
            scaled.mkdir()
            generate(scaled, n, **options)
            build(scaled, bare=False)
            seconds, kib = build(scaled, bare=False)
            per_item[n] = seconds / n
            print(f"  {n:5d} items: {seconds:7.2f} s, {per_item[n] * 1000:6.2f} ms per item, "
                  f"peak {kib / 1024:.0f} MB", flush=True)
            shutil.rmtree(scaled, ignore_errors=True)
        if len(per_item) > 1:
            first, last = min(per_item), max(per_item)
            print(f"  time per item at {last} vs {first}: {per_item[last] / per_item[first]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
