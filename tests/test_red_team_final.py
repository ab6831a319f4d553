"""Red team, final round: the copy-digest check (`BackgroundAudit.changed`, `_replace_changed_copies`),
preview copies, and the copy store's record."""
import json
import os
from pathlib import Path

import pytest

from helpers import PDF, Project, own_copy, review
from lscp_kit.audit import Auditor, BackgroundAudit
from lscp_kit.rules.items import Item

AS_OF = "2026-06-01"
LAST_LINE = "Nothing was published: the previous site/ is unchanged."
ZOE = Item(id="reviews/2026-child-k", source="s", path="p", section="reviews", title="Zoë’s story: Child K review",
           status="draft", type="lcspr", child="Child K")


def _midbuild_hook(project: Project, body: str) -> None:
    """A hook listed before the kit's own, so its on_post_build runs first: something happening
    to files while the engine is building (an officer saving, a deploy tool rewriting site/)."""
    (project.root / "hooks/red_midbuild.py").write_text(body)
    config = project.root / "mkdocs.yml"
    text = config.read_text()
    assert "hooks:\n  - hooks/publish.py" in text
    config.write_text(text.replace("hooks:\n  - hooks/publish.py",
                                   "hooks:\n  - hooks/red_midbuild.py\n  - hooks/publish.py"))


def _tamper_keeping_time(path: Path, data: bytes) -> None:
    info = path.stat()
    with open(path, "r+b") as out:  # in place: every hard link to it sees the new bytes
        out.write(data)
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


# 1. A file rewritten in place, size and time kept, after the audit process hashed it -------------

def test_red_final_1_a_file_rewritten_after_it_was_hashed_is_read_again(tmp_path):
    """The audit process hashes the attachments as it starts and trusts that hash at the end
    while (device, inode, size, mtime) is unchanged. A tool rewriting site/ in place (the live
    site's files are the same inodes as this build's linked attachments) and keeping size and
    time, while pages render, is neither found by `changed` nor read again by the final audit:
    bytes never audited are published. The change time (which cannot be set by hand) shows it."""
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    clean = b"<p>Nothing to see here at all, honestly.</p>"
    (site / "a/notes.html").write_bytes(clean)
    audit = BackgroundAudit(lambda _digests: Auditor([ZOE]), site, [], tmp_path / "cache")
    assert audit.changed() == []  # the process has hashed and read what was there
    leak = b"<p>Child K: the embargoed review!!</p>"[:len(clean)].ljust(len(clean), b" ")
    assert len(leak) == len(clean)
    _tamper_keeping_time(site / "a/notes.html", leak)
    leaks, _problems = audit.result()
    assert {l.file for l in leaks} == {"a/notes.html"}


# 2. The copy store's record holds an entry that is not a list ------------------------------------

@pytest.mark.parametrize("entry", [5, None, True, {"a": 1, "b": 2, "c": 3}])
def test_red_final_2_a_record_entry_of_another_shape_means_a_fresh_copy(project: Project, entry):
    """.staging/copies/manifest.json is only a cache: an entry of another shape (hand-edited,
    another version of the kit) must mean a fresh copy, never an internal error."""
    project.item("reviews/2026-a/index.md", files={"a-report.pdf": PDF},
                 **review("scr", title="A review", report="a-report.pdf"))
    assert project.build(AS_OF).returncode == 0
    manifest = project.root / ".staging/copies/manifest.json"
    record = json.loads(manifest.read_text())
    assert "reviews/2026-a/a-report.pdf" in record
    record["reviews/2026-a/a-report.pdf"] = entry
    manifest.write_text(json.dumps(record))
    result = project.build(AS_OF)
    assert "Traceback" not in result.output, result.output
    assert result.returncode == 0, result.output
    assert (project.site / "reviews/2026-a/a-report.pdf").read_bytes() == own_copy(PDF, "reviews/2026-a/a-report.pdf")


# 3. The content file goes between staging and the replacement of a changed copy -----------------

def test_red_final_3_an_attachment_gone_from_content_before_its_copy_is_replaced_fails_cleanly(project: Project):
    """site/'s copy was rewritten in place (size and time kept), so this build copies it afresh
    from content/ just before the final audit; the officer has meanwhile deleted (or moved) the
    file. The build must stop with a message, not an internal error."""
    project.item("reviews/2026-a/index.md", files={"a-report.pdf": PDF},
                 **review("scr", title="A review", report="a-report.pdf"))
    assert project.build(AS_OF).returncode == 0
    live = project.site / "reviews/2026-a/a-report.pdf"
    _tamper_keeping_time(live, PDF.replace(b"%PDF", b"%XXX", 1))
    before = live.read_bytes()
    _midbuild_hook(project, "from pathlib import Path\n\n\ndef on_post_build(config):\n"
                            "    Path('content/reviews/2026-a/a-report.pdf').unlink()\n")
    result = project.build(AS_OF)
    assert "Traceback" not in result.output, result.output
    assert result.returncode != 0
    assert result.output.rstrip().splitlines()[-1] == LAST_LINE, result.output
    assert live.read_bytes() == before


def test_red_final_3b_an_attachment_replaced_by_a_hidden_report_before_its_copy_is_replaced_is_caught(project: Project):
    """Held: the fresh copy is a new file, so the final audit reads it."""
    project.item("reviews/2026-a/index.md", files={"a-report.pdf": PDF},
                 **review("scr", title="A review", report="a-report.pdf"))
    project.item("reviews/2026-k/index.md", files={"k-report.pdf": PDF.replace(b"%PDF-1", b"%PDF-1", 1) + b"\n%Kestrel Falls\n"},
                 **review("scr", title="Kestrel Falls review", report="k-report.pdf", embargo={"reason": "trial"}))
    assert project.build(AS_OF).returncode == 0
    live = project.site / "reviews/2026-a/a-report.pdf"
    _tamper_keeping_time(live, PDF.replace(b"%PDF", b"%XXX", 1))
    _midbuild_hook(project, "import shutil\n\n\ndef on_post_build(config):\n"
                            "    shutil.copyfile('content/reviews/2026-k/k-report.pdf', 'content/reviews/2026-a/a-report.pdf')\n")
    result = project.build(AS_OF)
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output, result.output


def test_red_final_1b_changed_sees_a_copy_rewritten_after_it_was_hashed(tmp_path):
    """`changed` answered from the hash taken as the audit process started: a copy rewritten in
    place (size and time kept) after that was published as it now was, not copied afresh."""
    import hashlib
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    original = b"%PDF-1.4 the real report"
    (site / "a/report.pdf").write_bytes(original)
    audit = BackgroundAudit(lambda _digests: Auditor([ZOE]), site, [], tmp_path / "cache",
                            expected={"a/report.pdf": hashlib.sha256(original).hexdigest()})
    assert audit.changed() == []
    _tamper_keeping_time(site / "a/report.pdf", b"%XXX-1.4 the real report")
    assert audit.changed() == ["a/report.pdf"]
    audit.cancel()


def test_red_final_held_an_audit_process_dead_at_changed_never_passes(tmp_path):
    import signal
    (tmp_path / "site").mkdir()
    audit = BackgroundAudit(lambda _digests: Auditor([ZOE]), tmp_path / "site", [], None, expected={"x": "0"})
    os.kill(audit._process.pid, signal.SIGKILL)
    with pytest.raises(RuntimeError, match="stopped before it finished"):
        audit.changed()
    audit.cancel()


def test_red_final_held_a_tampered_copy_of_an_item_embargoed_in_the_same_build_is_not_published(project: Project):
    project.item("reviews/2026-a/index.md", files={"a-report.pdf": PDF},
                 **review("scr", title="Kestrel review", report="a-report.pdf"))
    project.item("reviews/2026-b/index.md", **review("scr", title="B review"))
    assert project.build(AS_OF).returncode == 0
    _tamper_keeping_time(project.site / "reviews/2026-a/a-report.pdf", PDF.replace(b"%PDF", b"%XXX", 1))
    project.item("reviews/2026-a/index.md", files={"a-report.pdf": PDF},
                 **review("scr", title="Kestrel review", report="a-report.pdf", embargo={"reason": "trial"}))
    result = project.build(AS_OF)
    assert result.returncode == 0, result.output
    assert not (project.site / "reviews/2026-a").exists()
    assert all("Kestrel" not in text for text in project.outputs().values())
    assert not (project.root / ".staging/copies/files/reviews/2026-a").exists()
