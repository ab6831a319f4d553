"""Build real sites from fixture content in temporary folders."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml
from skeleton import copy_example, copy_skeleton

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLE = FIXTURES / "example"  # the example partnership: the tests never read the repository's content/
PDF = (EXAMPLE / "content/reviews/2021-child-l/child-l-lcspr-report.pdf").read_bytes()
MP3 = (EXAMPLE / "content/learning/podcasts/professional-curiosity/professional-curiosity.mp3").read_bytes()
COVER = (EXAMPLE / "content/assets/podcast-cover.png").read_bytes()


def own_copy(data: bytes, rel: str) -> bytes:
    """The shared PDF fixture made this file's own: a one-page report whose words are its own
    (a public and a hidden item holding the same bytes, or the same passages, is an error the
    audit reports, as two real reports never would)."""
    if data != PDF:
        return data
    from pdf_fixture import pdf

    seed = int(hashlib.sha256(rel.encode()).hexdigest()[:8], 16)
    words = [WORDS[(seed >> (i % 24)) % len(WORDS) + 0] + str((seed + i * 7919) % 997) for i in range(60)]
    return pdf(f"Report {rel}.", *(" ".join(words[i:i + 5]) for i in range(0, len(words), 5)))


WORDS = ("agency", "visit", "record", "plan", "school", "health", "referral", "carer", "review", "meeting")


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


class Project:
    """A partnership repository in a temporary folder: mkdocs.yml, hooks, overrides, content."""

    def __init__(self, root: Path, with_pages: bool = True):
        self.root = copy_skeleton(root, with_pages)

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def preview_site(self) -> Path:
        return self.root / "preview-site"

    @property
    def register(self) -> Path:
        return self.root / "publication-register.yml"

    def register_text(self) -> str | None:
        """The publication register's text, or None when there is none (as-of builds leave it alone)."""
        return self.register.read_text() if self.register.exists() else None

    def seed_register(self, entries: dict[str, str], last_build: str | None = None) -> None:
        """Write a register as the last production build would have left it: {id: first_public}."""
        lines = [f"last_production_build: {last_build}"] if last_build else []
        for ident, first in sorted(entries.items()):
            lines.append(f"{ident}:\n  first_public: {first}")
        self.register.write_text("\n".join(lines) + "\n")

    def leftover_builds(self) -> list[Path]:
        """Unfinished build folders (the previous site, kept until the next build, is not one)."""
        builds = self.root / ".site-builds" / "site"
        return sorted(builds.glob("build-*")) if builds.exists() else []

    def write(self, rel: str, data: str | bytes) -> Path:
        path = self.root / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
        return path

    def item(self, rel: str, body: str = "Body text.\n", files: dict[str, bytes] | None = None, **meta) -> Path:
        """Write an item with `meta` as front matter; `files` are written beside it."""
        text = "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n\n" + body
        path = self.write(rel, text)
        for name, data in (files or {}).items():
            self.write(str(Path(rel).parent / name), own_copy(data, str(Path(rel).parent / name)))
        return path

    def delete(self, rel: str) -> None:
        path = self.root / "content" / rel
        shutil.rmtree(path) if path.is_dir() else path.unlink()

    def build(self, as_of: str | None = "2026-06-01", *args: str, **env: str) -> Result:
        """`make site` (scripts/site.py build) in a subprocess, as a comms officer would run it."""
        environ = {k: v for k, v in os.environ.items() if k not in ("CI", "SITE_PREVIEW", "SITE_AS_OF")}
        environ["NO_MKDOCS_2_WARNING"] = "1"
        if as_of:
            environ["SITE_AS_OF"] = as_of
        environ.update(env)
        proc = subprocess.run([sys.executable, str(self.root / "scripts/site.py"), "build", *args], cwd=self.root,
                              env=environ, capture_output=True, text=True, timeout=300)
        return Result(proc.returncode, proc.stdout, proc.stderr)

    def outputs(self, site: Path | None = None) -> dict[str, str]:
        """Every output file's text (bytes decoded leniently), by path under site/."""
        site = site or self.site
        return {p.relative_to(site).as_posix(): p.read_bytes().decode("utf-8", "replace")
                for p in sorted(site.rglob("*")) if p.is_file()}


def review(kind: str = "lcspr", date: str = "2026-01-12", **extra) -> dict:
    """Front matter of a published review, valid as of 2026-06-01."""
    meta = {"title": extra.pop("title", "A review"), "status": "published", "type": kind, "date": date,
            "summary": "What happened and what changed."}
    if kind == "lcspr":
        meta["timeline"] = {"incident_notified": "2024-03-04", "rapid_review_sent": "2024-03-22",
                            "report_sent": "2025-12-01"}
    meta.update(extra)
    if kind == "lcspr" and "endorsed" not in meta:  # endorsed no later than the report went
        meta["endorsed"] = (meta.get("timeline") or {}).get("report_sent") or meta["date"]
    return meta


def learning(kind: str = "one-minute-guide", date: str = "2026-02-02", **extra) -> dict:
    meta = {"title": extra.pop("title", "A guide"), "status": "published", "type": kind, "date": date,
            "summary": "Practical learning."}
    meta.update(extra)
    return meta


def as_if_checked_clean(project: Project, files: dict[str, bytes]) -> None:
    """Tell the attachment checks' cache that each file (its path under content/, its bytes) holds
    nothing: as if the checks had missed what it hides, so that the leak audit alone has to find
    it (attachment errors stop a build before the audit runs)."""
    from lscp_kit.checks.findings import _cache_path, _save
    from lscp_kit.checks.inspect import VERSION
    from lscp_kit.checks.kinds import kind_of

    for rel, data in files.items():
        kind = kind_of(rel, data)
        if kind:
            _save(_cache_path(project.root / ".staging" / "attachment-checks", rel, data),
                  {"v": VERSION, "kind": kind, "redaction": [], "history": [], "location": [], "meta": [], "access": []})


def example_project(dest: Path) -> Project:
    """The kit with the example partnership (tests/fixtures/example), to build without touching site/."""
    project = Project.__new__(Project)
    project.root = copy_example(dest)
    return project


EXAMPLE_AS_OF = "2026-11-23"


def tar_bytes(members: dict[str, bytes], mode: str = "w") -> bytes:
    """A tar archive in memory (`mode` "w", "w:gz", "w:xz" ...), for the audit's archive tests."""
    import io
    import tarfile

    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode=mode) as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return out.getvalue()


def _no_partnership_files(event: str, args: tuple) -> None:
    """The tests never read the partnership's own content/ or register: any test that tries fails."""
    if event in ("open", "os.listdir", "os.scandir") and args and isinstance(args[0], (str, bytes, os.PathLike)):
        path = os.fsdecode(args[0])
        if not os.path.isabs(path) and os.sep not in path:
            return  # a name relative to an open folder (shutil.rmtree), not to the working folder
        path = os.path.abspath(path)
        if path == _OWN[0] or path.startswith(_OWN[0] + os.sep) or path == _OWN[1]:
            raise RuntimeError(f"a test read the partnership's own {path}: build from tests/fixtures/ instead")


_OWN = (str(REPO / "content"), str(REPO / "publication-register.yml"))
sys.addaudithook(_no_partnership_files)
