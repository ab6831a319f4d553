"""The site folder is replaced in one step: a kill at any point leaves the old or the new build,
and `site/` stays an ordinary folder."""
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from lscp_kit.files.sitedir import SiteDir

FILES = ("index.html", "reviews/index.html", "feeds/reviews.xml")
HOOKS = str(Path(__file__).resolve().parent.parent / "hooks")


def fill(folder: Path, label: str) -> Path:
    for name in FILES:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(label)
    return folder


def shown(final: Path) -> str:
    """The label of the complete build `final` shows; fails if it is missing or incomplete."""
    labels = {(final / name).read_text() for name in FILES}
    assert len(labels) == 1, labels
    return labels.pop()


def builds(sd: SiteDir) -> list[Path]:
    return [p for p in sd.builds.iterdir() if not p.name.startswith(".")]


KILLER = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    sys.path.insert(0, {hooks!r})
    from lscp_kit.files import sitedir
    step = {step!r}
    real = sitedir._exchange
    def die():
        os.kill(os.getpid(), signal.SIGKILL)
    def exchange(a, b):
        if step == "before the swap": die()
        done = real(a, b)
        if step == "after the swap": die()
        return done
    sitedir._exchange = exchange
    sitedir.SiteDir(Path({final!r})).publish(Path({build!r}))
""")


@pytest.mark.parametrize("step", ["before the swap", "after the swap"])
@pytest.mark.parametrize("before", ["folder", "link"], ids=["site-folder", "site-link-from-an-earlier-version"])
def test_a_kill_at_any_step_of_the_swap_leaves_old_or_new(tmp_path, step, before):
    final = tmp_path / "site"
    sd = SiteDir(final)
    if before == "link":  # an earlier version of the kit kept site as a link to a build folder
        old = fill(sd.new(), "old")
        final.symlink_to(old.relative_to(tmp_path))
    else:
        sd.publish(fill(sd.new(), "old"))
    new = fill(sd.new(), "new")
    proc = subprocess.run([sys.executable, "-c", KILLER.format(hooks=HOOKS, step=step, final=str(final),
                                                                 build=str(new))])
    assert proc.returncode == -signal.SIGKILL
    assert shown(final) == ("old" if step == "before the swap" else "new")
    # the next build cleans up what the killed one left, and publishes normally
    sd = SiteDir(final)
    sd.lock()
    sd.clean()
    assert builds(sd) == []
    sd.publish(fill(sd.new(), "third"))
    assert shown(final) == "third"
    assert final.is_dir() and not final.is_symlink()
    assert len(builds(sd)) == 1  # the previous build stays until the next build starts
    sd.clean()
    assert builds(sd) == []


def test_the_first_build_and_every_next_one(tmp_path):
    final = tmp_path / "site"
    sd = SiteDir(final)
    sd.publish(fill(sd.new(), "1"))
    assert shown(final) == "1" and not final.is_symlink() and builds(sd) == []
    sd.publish(fill(sd.new(), "2"))
    assert shown(final) == "2"
    assert [shown(p) for p in builds(sd)] == ["1"]


def test_site_is_never_missing_while_a_build_is_published(tmp_path):
    """Watch site/ from another process during 30 swaps: it is always there, always complete."""
    final = tmp_path / "site"
    sd = SiteDir(final)
    sd.publish(fill(sd.new(), "0"))
    watcher = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import os, sys
        from pathlib import Path
        final = {str(final)!r}; stop = Path({str(tmp_path / 'stop')!r}); seen = 0
        def one(fd, name):
            f = os.open(name, os.O_RDONLY, dir_fd=fd)
            try:
                return os.read(f, 100)
            finally:
                os.close(f)
        def read():  # as rsync or a web server holding the folder open would: one folder throughout
            fd = os.open(final, os.O_RDONLY | os.O_DIRECTORY)
            try:
                return {{one(fd, n) for n in {FILES!r}}}
            finally:
                os.close(fd)
        while not stop.exists():
            try:
                labels = read()
            except OSError as err:
                print('missing', err); sys.exit(1)
            if len(labels) != 1:
                print('mixed', labels); sys.exit(1)
            seen += 1
            if seen == 1:
                Path({str(tmp_path / 'ready')!r}).touch()
        print(seen)
    """)], stdout=subprocess.PIPE, text=True)
    for _ in range(600):  # wait until the watcher reads
        if (tmp_path / "ready").exists():
            break
        time.sleep(0.05)
    for n in range(1, 31):
        sd.publish(fill(sd.new(), str(n)))
        time.sleep(0.005)
    (tmp_path / "stop").touch()
    out, _ = watcher.communicate(timeout=60)
    assert watcher.returncode == 0, out
    assert int(out) > 0
    assert shown(final) == "30"


@pytest.mark.parametrize("where, wrong", [
    ("content", "own folder content/"), ("content/reviews", "own folder content/"), (".git", "own folder .git/"),
    ("hooks", "own folder hooks/"), (".staging/x", "own folder .staging/"), ("site/preview", "inside site/"),
    ("preview-site/x", "inside preview-site/"), ("mkdocs.yml", "is not a folder"),
    ("site", None), ("public", None), ("../elsewhere", None),
])
def test_an_output_folder_that_the_swap_would_harm_is_refused(tmp_path, where, wrong):
    from lscp_kit.files.sitedir import output_problem
    project = tmp_path / "p"
    for folder in ("content/reviews", ".git", "hooks", ".staging", "site", "preview-site"):
        (project / folder).mkdir(parents=True)
    (project / "mkdocs.yml").write_text("site_name: x\n")
    problem = output_problem(project / where, project, ("content", ".staging"))
    assert (problem is None) if wrong is None else (wrong in problem.message and problem.key == "site_dir")


def test_two_files_at_one_address_are_named_together():
    from lscp_kit.files.staging import address_clashes
    clashes = address_clashes({"assets/index.html": ["assets.md", "assets/index.html"], "about/index.html": ["about.md"]})
    assert [(p.path, p.message) for p in clashes] == [
        ("content/assets.md", "is served at /assets/index.html, the address of content/assets/index.html: "
                              "rename or move one of them")]
