"""An empty partnership repository: this kit's config, hooks and theme, and the fixed pages of the
example partnership kept for the tests (tests/fixtures/example), never the repository's content/.

Used by the benchmark and the tests to build generated or fixture content the way the real
repository builds it, whatever the partnership's own content/ and settings hold.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from settings_yaml import set_key

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "tests/fixtures/example"
PAGES = ["index.md", "about.md", "accessibility.md", "subscribe.md", "reviews/index.md",
         "assets/partnership-mark.svg", "assets/podcast-cover.png"]


def kit_config(example: Path = EXAMPLE) -> str:
    """The kit's mkdocs.yml with the example partnership's settings in place of the partnership's."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for key, value in yaml.safe_load((example / "settings.yml").read_text(encoding="utf-8")).items():
        text = set_key(text, (key,), value)
    return text


def copy_skeleton(dest: Path, with_pages: bool = True) -> Path:
    """mkdocs.yml, hooks/ and overrides/ into `dest`, with the example's non-item pages (whose
    links reach no item) and empty content/reviews/ and content/learning/ folders."""
    (dest / "content/reviews").mkdir(parents=True, exist_ok=True)
    (dest / "content/learning").mkdir(parents=True, exist_ok=True)
    (dest / "mkdocs.yml").write_text(kit_config(), encoding="utf-8")
    (dest / "scripts").mkdir(exist_ok=True)
    for name in ("site.py", "_setup.py"):
        shutil.copy(ROOT / "scripts" / name, dest / "scripts" / name)
    for folder in ("hooks", "overrides"):
        shutil.copytree(ROOT / folder, dest / folder, ignore=shutil.ignore_patterns("__pycache__"))
    if with_pages:
        for page in PAGES:
            (dest / "content" / page).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(EXAMPLE / "content" / page, dest / "content" / page)
        (dest / "content/learning/index.md").write_text("# Learning\n\nLearning for practitioners.\n")
    return dest


def copy_example(dest: Path) -> Path:
    """The whole kit with the example partnership's content, register and settings (never the
    repository's own content/ or register)."""
    shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(
        ".venv", ".venv-*", ".git", "site", "preview-site", ".site-*", ".staging", ".cache", "__pycache__",
        ".pytest_cache", "tests", "bench-results", "content", "publication-register.yml"))
    shutil.copytree(EXAMPLE / "content", dest / "content")
    shutil.copy(EXAMPLE / "publication-register.yml", dest / "publication-register.yml")
    (dest / "mkdocs.yml").write_text(kit_config(), encoding="utf-8")
    return dest
