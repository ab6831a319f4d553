"""Attachments cost little and stay apart from content/: private copies made only when a file
changed (`lscp_kit.files.copy_store`), hard-linked into the staged tree and the built site."""
import os
from pathlib import Path

import pytest

from helpers import PDF, Project, own_copy, review
from lscp_kit.files import staging
from lscp_kit.files.copy_store import CopyStore

AS_OF = "2026-06-01"


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "content/reviews/2026-a/report.pdf"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"%PDF-1.4 first version")
    return path


def test_a_copy_is_made_once_and_reused_while_the_file_is_unchanged(tmp_path, source):
    store = CopyStore(tmp_path / "store")
    first = store.copy_of("reviews/2026-a/report.pdf", source)
    assert first.read_bytes() == source.read_bytes() and not first.samefile(source)
    store.keep_only(["reviews/2026-a/report.pdf"])
    again = CopyStore(tmp_path / "store")
    assert again.copy_of("reviews/2026-a/report.pdf", source).samefile(first)
    assert again.copied == 0


def test_a_file_saved_in_place_with_its_old_size_and_time_is_copied_again(tmp_path, source):
    """An editor that rewrites in place, even one that puts the modification time back: the
    change time moves, so the copy is made afresh."""
    store = CopyStore(tmp_path / "store")
    store.copy_of("r/report.pdf", source)
    store.keep_only(["r/report.pdf"])
    info = source.stat()
    with open(source, "r+b") as out:  # same length, new words
        out.write(b"%PDF-1.4 secret versio")
    os.utime(source, ns=(info.st_atime_ns, info.st_mtime_ns))
    again = CopyStore(tmp_path / "store")
    assert again.copy_of("r/report.pdf", source).read_bytes() == b"%PDF-1.4 secret versio"
    assert again.copied == 1


def test_a_copy_changed_through_a_link_is_replaced(tmp_path, source):
    """A tool that rewrites a file of site/ in place changes the shared copy: the next build
    notices and copies from content/ again; content/ itself never changed."""
    store = CopyStore(tmp_path / "store")
    copy = store.copy_of("r/report.pdf", source)
    store.keep_only(["r/report.pdf"])
    copy.write_bytes(b"rewritten by a deploy tool, longer")
    again = CopyStore(tmp_path / "store")
    assert again.copy_of("r/report.pdf", source).read_bytes() == b"%PDF-1.4 first version"
    assert source.read_bytes() == b"%PDF-1.4 first version"


@pytest.mark.parametrize("manifest", ["not json", "[1, 2]", ""])
def test_an_unreadable_record_means_fresh_copies(tmp_path, source, manifest):
    store = CopyStore(tmp_path / "store")
    store.copy_of("r/report.pdf", source)
    store.keep_only(["r/report.pdf"])
    (tmp_path / "store/manifest.json").write_text(manifest)
    again = CopyStore(tmp_path / "store")
    again.copy_of("r/report.pdf", source)
    assert again.copied == 1


def test_only_the_kept_copies_remain(tmp_path, source):
    """What is no longer public leaves the store, with the folders it leaves empty."""
    store = CopyStore(tmp_path / "store")
    store.copy_of("reviews/2026-a/report.pdf", source)
    store.copy_of("reviews/2026-b/report.pdf", source)
    store.keep_only(["reviews/2026-a/report.pdf", "reviews/2026-b/report.pdf"])
    again = CopyStore(tmp_path / "store")
    again.copy_of("reviews/2026-a/report.pdf", source)
    again.keep_only(["reviews/2026-a/report.pdf"])
    assert _files(tmp_path / "store/files") == ["reviews", "reviews/2026-a", "reviews/2026-a/report.pdf"]
    assert "2026-b" not in (tmp_path / "store/manifest.json").read_text()


def test_without_a_record_stray_copies_and_half_made_ones_are_swept(tmp_path, source):
    store = CopyStore(tmp_path / "store")
    store.copy_of("reviews/2026-a/report.pdf", source)
    store.copy_of("reviews/2026-b/report.pdf", source)
    store.keep_only(["reviews/2026-a/report.pdf", "reviews/2026-b/report.pdf"])
    (tmp_path / "store/manifest.json").unlink()
    (tmp_path / "store/partial").mkdir(exist_ok=True)
    (tmp_path / "store/partial/0").write_bytes(b"half a copy, from a killed build")
    again = CopyStore(tmp_path / "store")
    again.copy_of("reviews/2026-a/report.pdf", source)
    again.keep_only(["reviews/2026-a/report.pdf"])
    assert _files(tmp_path / "store/files") == ["reviews", "reviews/2026-a", "reviews/2026-a/report.pdf"]
    assert not (tmp_path / "store/partial").exists() or not any((tmp_path / "store/partial").iterdir())


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def test_a_link_where_links_are_impossible_is_a_copy(tmp_path, source, monkeypatch):
    def no_links(*args, **kwargs):
        raise OSError(18, "Invalid cross-device link")
    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "site/r/report.pdf"
    target.parent.mkdir(parents=True)
    staging.link_file(source, target)
    assert target.read_bytes() == source.read_bytes() and not target.samefile(source)


def test_the_built_site_links_private_copies_never_content(project: Project):
    project.item("reviews/2026-a/index.md", files={"a-report.pdf": PDF},
                 **review("scr", title="A review", report="a-report.pdf"))
    assert project.build(AS_OF).returncode == 0
    content = project.root / "content/reviews/2026-a/a-report.pdf"
    built = project.site / "reviews/2026-a/a-report.pdf"
    copy = project.root / ".staging/copies/files/reviews/2026-a/a-report.pdf"
    assert built.read_bytes() == own_copy(PDF, "reviews/2026-a/a-report.pdf")
    assert built.samefile(copy) and not built.samefile(content)  # linked, not copied; apart from content/
    changed = own_copy(PDF, "reviews/2026-a/a-report-v2.pdf")  # a new version, saved in place after the build
    with open(content, "r+b") as out:
        out.write(changed)
        out.truncate()
    assert built.read_bytes() == own_copy(PDF, "reviews/2026-a/a-report.pdf")  # the live site does not change without a build and its audit
    assert project.build(AS_OF).returncode == 0
    assert (project.site / "reviews/2026-a/a-report.pdf").read_bytes() == changed


def test_a_hidden_items_attachment_never_enters_the_store(project: Project):
    project.item("reviews/2026-a/index.md", files={"a-report.pdf": PDF},
                 **review("scr", title="Kestrel review", report="a-report.pdf"))
    assert project.build(AS_OF).returncode == 0
    project.item("reviews/2026-a/index.md", files={"a-report.pdf": PDF},
                 **review("scr", title="Kestrel review", report="a-report.pdf", embargo={"reason": "trial"}))
    project.item("reviews/2026-b/index.md", **review("scr", title="B review"))
    assert project.build(AS_OF).returncode == 0
    assert not (project.root / ".staging/copies/files/reviews/2026-a").exists()
    assert "2026-a" not in (project.root / ".staging/copies/manifest.json").read_text()


def test_a_copy_replaced_by_a_link_is_made_again(tmp_path, source):
    store = CopyStore(tmp_path / "store")
    copy = store.copy_of("r/report.pdf", source)
    store.keep_only(["r/report.pdf"])
    elsewhere = tmp_path / "elsewhere.pdf"
    elsewhere.write_bytes(b"%PDF-1.4 first version")
    os.utime(elsewhere, ns=(copy.stat().st_atime_ns, copy.stat().st_mtime_ns))
    copy.unlink()
    copy.symlink_to(elsewhere)
    again = CopyStore(tmp_path / "store")
    made = again.copy_of("r/report.pdf", source)
    assert not made.is_symlink() and again.copied == 1


def test_each_copy_records_the_digest_it_was_made_with(tmp_path, source):
    import hashlib
    store = CopyStore(tmp_path / "store")
    old = store.copy_of("r/report.pdf", source)
    assert store.digests() == {"r/report.pdf": hashlib.sha256(source.read_bytes()).hexdigest()}
    held = tmp_path / "held.pdf"
    os.link(old, held)  # as the live site/ holds it
    new = store.refresh("r/report.pdf", source)
    assert new.read_bytes() == source.read_bytes() and not new.samefile(held)  # a new file, not rewritten
    assert store.copied == 2


def test_a_preview_copies_its_attachments_and_shares_nothing_with_the_live_site(project: Project):
    project.item("reviews/2026-a/index.md", files={"a-report.pdf": PDF},
                 **review("scr", title="A review", report="a-report.pdf"))
    assert project.build(AS_OF).returncode == 0
    assert project.build(AS_OF, SITE_PREVIEW="1").returncode == 0
    live = project.site / "reviews/2026-a/a-report.pdf"
    preview = project.preview_site / "reviews/2026-a/a-report.pdf"
    assert preview.read_bytes() == live.read_bytes() and not preview.samefile(live)
