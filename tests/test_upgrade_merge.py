"""Upgrades by merge, for real: a partnership's repository (make init, its own content and
changed settings) merges a newer kit commit without a conflict, as README "Upgrading the kit"
says (git remote add kit ..., git fetch kit, git merge kit/main)."""
import subprocess
import sys

from helpers import Project, review
from test_init_partnership import NAME, git, kit_repo


def test_a_newer_kit_merges_into_a_partnership_without_conflicts(tmp_path):
    kit = kit_repo(tmp_path / "kit")
    partnership = tmp_path / "northbridge"
    git(tmp_path, "clone", "-q", str(kit), str(partnership))
    subprocess.run([sys.executable, "scripts/init_partnership.py", f"--NAME={NAME}", "--PHONE=01632 961 000"],
                   cwd=partnership, check=True, capture_output=True, stdin=subprocess.DEVNULL)
    own = Project.__new__(Project)
    own.root = partnership
    own.item("reviews/2026-child-n.md", **review("scr", title="Child N review", date="2026-12-01"))
    config = (partnership / "mkdocs.yml").read_text()
    (partnership / "mkdocs.yml").write_text(config.replace("limit: 50", "limit: 20"))
    git(partnership, "add", "-A")
    git(partnership, "commit", "-q", "-m", "Northbridge's own site")

    # The kit moves on: its engine, theme, hooks, Makefile and engine settings.
    (kit / "lscp_kit/upgrade_note.py").write_text('"""New in the kit."""\n')
    with open(kit / "overrides/assets/site.css", "a") as css:
        css.write("\n/* kit 2 */\n")
    with open(kit / "hooks/publish.py", "a") as hooks:
        hooks.write("\n# kit 2\n")
    with open(kit / "Makefile", "a") as makefile:
        makefile.write("\n# kit 2\n")
    kit_config = (kit / "mkdocs.yml").read_text()
    (kit / "mkdocs.yml").write_text(kit_config.replace("    - navigation.top\n", "    - navigation.top\n    - toc.follow\n"))
    git(kit, "add", "-A")
    git(kit, "commit", "-q", "-m", "Kit 2")

    git(partnership, "remote", "add", "kit", str(kit))
    git(partnership, "fetch", "-q", "kit")
    merged = subprocess.run(["git", "-C", str(partnership), "-c", "user.name=O", "-c", "user.email=o@example.org",
                             "merge", "--no-edit", "kit/main"], capture_output=True, text=True)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert (partnership / "lscp_kit/upgrade_note.py").exists()
    config = (partnership / "mkdocs.yml").read_text()
    assert "toc.follow" in config and "limit: 20" in config and f"site_name: {NAME}" in config
    assert (partnership / "content/reviews/2026-child-n.md").exists()
    assert not (partnership / "content/reviews/2021-child-l").exists()  # the example stays removed
    assert "/* kit 2 */" in (partnership / "overrides/assets/site.css").read_text()
