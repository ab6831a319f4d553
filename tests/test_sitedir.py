"""The site folder is replaced in one step: a kill at any point leaves the old or the new build."""
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from publishing.sitedir import SiteDir

FILES = ("index.html", "reviews/index.html", "feeds/reviews.xml")


def make_build(sitedir: SiteDir, label: str) -> Path:
    build = sitedir.new()
    for name in FILES:
        (build / name).parent.mkdir(parents=True, exist_ok=True)
        (build / name).write_text(label)
    return build


def shown(final: Path) -> str:
    """The label of the complete build `final` shows; fails if it is missing or incomplete."""
    labels = {(final / name).read_text() for name in FILES}
    assert len(labels) == 1, labels
    return labels.pop()


KILLER = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    sys.path.insert(0, {hooks!r})
    from publishing import sitedir
    step = {step!r}
    real_symlink, real_replace, real_rmtree = os.symlink, os.replace, sitedir.shutil.rmtree
    def die():
        os.kill(os.getpid(), signal.SIGKILL)
    def symlink(*a, **k):
        if step == "before link": die()
        real_symlink(*a, **k)
        if step == "after link": die()
    def replace(*a, **k):
        real_replace(*a, **k)
        if step == "after rename": die()
    def rmtree(*a, **k):
        if step == "during cleanup": die()
        real_rmtree(*a, **k)
    real_exchange = sitedir._exchange
    def exchange(*a):
        done = real_exchange(*a)
        if step == "after rename": die()
        return done
    sitedir.os.symlink, sitedir.os.replace, sitedir.shutil.rmtree = symlink, replace, rmtree
    sitedir._exchange = exchange
    sitedir.SiteDir(Path({final!r})).publish(Path({build!r}))
""")


@pytest.mark.parametrize("step", ["before link", "after link", "after rename", "during cleanup"])
@pytest.mark.parametrize("legacy", [False, True], ids=["link", "legacy-folder"])
def test_a_kill_between_the_swaps_steps_leaves_old_or_new(tmp_path, step, legacy):
    if step == "during cleanup" and not legacy:
        pytest.skip("a link swap deletes nothing: the previous build goes when the next build starts")
    final = tmp_path / "site"
    sd = SiteDir(final)
    if legacy:  # a site/ folder from before this scheme
        for name in FILES:
            (final / name).parent.mkdir(parents=True, exist_ok=True)
            (final / name).write_text("old")
    else:
        sd.publish(make_build(sd, "old"))
    new = make_build(sd, "new")
    hooks = str(Path(__file__).resolve().parent.parent / "hooks")
    proc = subprocess.run([sys.executable, "-c", KILLER.format(hooks=hooks, step=step, final=str(final),
                                                                 build=str(new))])
    assert proc.returncode == -signal.SIGKILL
    assert shown(final) in ("old", "new")
    if step in ("after rename", "during cleanup"):
        assert shown(final) == "new"
    if step in ("before link", "after link"):
        assert shown(final) == "old"
    # the next build cleans up what the killed one left, and publishes normally
    sd = SiteDir(final)
    sd.lock()
    sd.clean()
    leftovers = [p for p in sd.builds.iterdir() if not p.name.startswith(".")]
    assert len(leftovers) == (1 if final.is_symlink() else 0)
    assert not list(tmp_path.glob(".site-link-*"))
    sd.publish(make_build(sd, "third"))
    assert shown(final) == "third"
    kept = [p for p in sd.builds.iterdir() if not p.name.startswith(".")]
    assert len(kept) <= 2  # the new build, and the one before it until the next build
    sd.clean()  # the next build removes the previous one
    assert [p for p in sd.builds.iterdir() if not p.name.startswith(".")] == [final.resolve()]


def test_site_is_never_missing_while_a_build_is_published(tmp_path):
    """Watch site/ from another process during 30 swaps: it always shows a complete build."""
    final = tmp_path / "site"
    sd = SiteDir(final)
    sd.publish(make_build(sd, "0"))
    watcher = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import os, sys
        from pathlib import Path
        final = Path({str(final)!r}); stop = Path({str(tmp_path / 'stop')!r}); seen = 0
        def read():  # as a web server or rsync would: resolve site/ once, then read the build
            real = Path(os.path.realpath(final))
            return {{(real / n).read_text() for n in {FILES!r}}}
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
        sd.publish(make_build(sd, str(n)))
        time.sleep(0.005)
    (tmp_path / "stop").touch()
    out, _ = watcher.communicate(timeout=60)
    assert watcher.returncode == 0, out
    assert int(out) > 0
    assert shown(final) == "30"
