#!/usr/bin/env python3
"""`make bench`: the full production build against bare MkDocs on the same generated content.

Generates N items (default 600) with bodies and attachments in a temporary folder, then builds
it alternately with the hooks (feeds, open data, audit, register: the production build) and
without them (the same mkdocs.yml less `hooks:`), reporting medians and their ratio. Then the
full build's time per item at 300, 1,000 and 3,000 items, the average page size and peak memory.

    make bench                    600 items, 3 runs each
    make bench ARGS="--items 3000 --runs 1 --scaling 300,1000,3000"
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _setup
from skeleton import copy_skeleton

ROOT = _setup.ROOT
PDF = (ROOT / "content/reviews/2021-child-l/child-l-lcspr-report.pdf").read_bytes()
MP3 = (ROOT / "content/learning/podcasts/professional-curiosity/professional-curiosity.mp3").read_bytes()
THEMES = ["neglect", "exploitation", "domestic abuse", "non-mobile babies", "bruising", "young carers",
          "online harm", "missing children", "school attendance", "escalation", "safer sleep"]
WORDS = ("practitioners agencies family review child safeguarding partnership school health police "
         "referral assessment escalation learning neglect parent carer visit record plan support").split()
LEARNING = [("one-minute-guide", "one-minute-guides"), ("newsletter", "newsletters"), ("podcast", "podcasts"),
            ("webinar", "webinars"), ("briefing", "briefings"), ("annual-report", "annual-reports")]


def paragraph(rng: random.Random, n: int = 70) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def body(rng: random.Random) -> str:
    parts = []
    for heading in ("What happened", "What we found", "What we have changed"):
        parts += [f"## {heading}", paragraph(rng), "- " + paragraph(rng, 12), "- " + paragraph(rng, 12), paragraph(rng)]
    return "\n\n".join(parts) + "\n"


def generate(folder: Path, n: int, seed: int = 1) -> Path:
    """A partnership repository with `n` items: 30% reviews, 10% of all items hidden."""
    rng = random.Random(seed)
    content = copy_skeleton(folder) / "content"
    for i in range(n):
        year = 2018 + i % 8
        date = f"{year}-{1 + i % 12:02d}-{1 + i % 27:02d}"
        themes = rng.sample(THEMES, 2)
        hidden = i % 10 == 9
        extra = f"embargo:\n  reason: criminal trial\n" if hidden else ""
        if i % 10 < 3:
            kind = "lcspr" if i % 2 else "scr"
            slug = f"{year}-child-{i:05d}"
            (content / "reviews" / slug).mkdir(parents=True)
            (content / "reviews" / slug / f"{slug}-report.pdf").write_bytes(PDF)
            timeline = (f"timeline:\n  incident_notified: {year - 1}-03-01\n  rapid_review_sent: {year - 1}-03-20\n"
                        f"  report_sent: {year - 1}-11-02\n") if kind == "lcspr" else ""
            (content / "reviews" / slug / "index.md").write_text(
                f"---\ntitle: \"Child {i:05d}: a review of services in {year}\"\nstatus: published\ntype: {kind}\n"
                f"child: Child {i:05d}\ndate: {date}\nsummary: {paragraph(rng, 25)}\nthemes: {themes}\n"
                f"report: {slug}-report.pdf\n{timeline}{extra}---\n\n{body(rng)}")
        else:
            kind, folder_name = LEARNING[i % len(LEARNING)]
            slug = f"item-{i:05d}"
            path = content / "learning" / folder_name / slug / "index.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            audio = ""
            if kind == "podcast":
                (path.parent / f"{slug}.mp3").write_bytes(MP3)
                audio = f"audio: {slug}.mp3\nduration: '00:00:08'\n"
            path.write_text(f"---\ntitle: \"Learning item {i:05d} on {themes[0]}\"\nstatus: published\n"
                            f"type: {kind}\ndate: {date}\nsummary: {paragraph(rng, 25)}\nthemes: {themes}\n"
                            f"{audio}{extra}---\n\n{body(rng)}")
    bare = (folder / "mkdocs.yml").read_text().replace("hooks:\n  - hooks/publish.py\n", "")
    (folder / "mkdocs-bare.yml").write_text(bare.replace("strict: true", "strict: false"))
    return folder


def build(folder: Path, bare: bool) -> tuple[float, int]:
    """(seconds, peak memory in KiB) of one build in a fresh process."""
    args = [sys.executable, "-m", "mkdocs", "build", "-q"]
    if bare:
        args += ["-f", "mkdocs-bare.yml", "-d", "site-bare"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_AS_OF": "2026-11-23"}
    env.pop("CI", None)
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"build failed ({'bare' if bare else 'full'}):\n{proc.stderr.read().decode()[-3000:]}")
    return elapsed, usage.ru_maxrss


def average_page_kb(site: Path) -> float:
    sizes = [p.stat().st_size for p in site.rglob("*.html")]
    return sum(sizes) / len(sizes) / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=600)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scaling", default="300,1000,3000", help="item counts for time per item ('' to skip)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="lscp-bench-") as tmp:
        folder = Path(tmp) / f"n{args.items}"
        folder.mkdir()
        generate(folder, args.items)
        full, bare, memory = [], [], []
        build(folder, bare=False)  # warm the disk cache and the register
        for _ in range(args.runs):
            seconds, kib = build(folder, bare=True)
            bare.append(seconds)
            seconds, kib = build(folder, bare=False)
            full.append(seconds)
            memory.append(kib)
        f, b = statistics.median(full), statistics.median(bare)
        print(f"{args.items} items, {args.runs} alternating runs each (medians):")
        print(f"  bare MkDocs        {b:7.2f} s")
        print(f"  full production    {f:7.2f} s   ratio {f / b:.3f}")
        print(f"  average page       {average_page_kb(folder / 'site'):7.1f} KB")
        print(f"  peak memory (full) {max(memory) / 1024:7.0f} MB")
        per_item = {}
        for n in [int(x) for x in args.scaling.split(",") if x.strip()]:
            scaled = Path(tmp) / f"s{n}"
            scaled.mkdir()
            generate(scaled, n)
            build(scaled, bare=False)
            seconds, kib = build(scaled, bare=False)
            per_item[n] = seconds / n
            print(f"  {n:5d} items: {seconds:7.2f} s, {per_item[n] * 1000:6.2f} ms per item, "
                  f"peak {kib / 1024:.0f} MB")
            shutil.rmtree(scaled)
        if len(per_item) > 1:
            first, last = min(per_item), max(per_item)
            print(f"  time per item at {last} vs {first}: {per_item[last] / per_item[first]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
