"""An empty partnership repository: this kit's config, hooks and theme, and the fixed pages.

Used by the benchmark and the tests to build generated or fixture content the way the real
repository builds it.
"""
from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["index.md", "about.md", "accessibility.md", "subscribe.md", "reviews/index.md",
         "assets/partnership-mark.svg", "assets/podcast-cover.png"]


def copy_skeleton(dest: Path, with_pages: bool = True) -> Path:
    """mkdocs.yml, hooks/ and overrides/ into `dest`, with the non-item pages (whose links
    reach no item) and empty content/reviews/ and content/learning/ folders."""
    (dest / "content/reviews").mkdir(parents=True, exist_ok=True)
    (dest / "content/learning").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    (dest / "scripts").mkdir(exist_ok=True)
    for name in ("site.py", "_setup.py"):
        shutil.copy(ROOT / "scripts" / name, dest / "scripts" / name)
    for folder in ("hooks", "overrides"):
        shutil.copytree(ROOT / folder, dest / folder, ignore=shutil.ignore_patterns("__pycache__"))
    if with_pages:
        for page in PAGES:
            (dest / "content" / page).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(ROOT / "content" / page, dest / "content" / page)
        (dest / "content/learning/index.md").write_text("# Learning\n\nLearning for practitioners.\n")
    return dest
