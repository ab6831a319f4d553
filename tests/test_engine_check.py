"""The kit refuses engines it does not support (MkDocs 2 above all) before building."""
import sys
import types

from lscp_kit import engine_check
import pytest


@pytest.fixture
def installed(monkeypatch):
    """Pretend these engine versions are installed."""
    versions: dict[str, str] = {}

    def fake(name: str) -> str:
        if name not in versions:
            raise engine_check.PackageNotFoundError(name)
        return versions[name]

    monkeypatch.setattr(engine_check, "version", fake)
    return versions


@pytest.mark.parametrize("v", ["1.6.1", "1.5.3", "1.6.2.dev0"])
def test_mkdocs_1_is_accepted(installed, v):
    installed["mkdocs"] = v
    assert engine_check.check_engine("mkdocs") is None


@pytest.mark.parametrize("v", ["2.0.0", "2.0.0a1", "2.1", "10.0"])
def test_mkdocs_2_is_refused_with_the_reason_and_the_way_out(installed, v):
    installed["mkdocs"] = v
    message = engine_check.check_engine("mkdocs")
    assert f"MkDocs {v} is installed" in message
    assert "MkDocs 2 drops the plugins and hooks" in message
    assert "rm -rf .venv && make site" in message and "(make site ENGINE=properdocs)" in message


@pytest.mark.parametrize("v,ok", [("1.6.7", True), ("1.6.0", True), ("1.7.0", False), ("2.0", False),
                                  ("1.5.9", False), ("nonsense", False)])
def test_properdocs_only_1_6(installed, v, ok):
    installed["properdocs"] = v
    message = engine_check.check_engine("properdocs")
    assert (message is None) == ok
    if not ok:
        assert f"ProperDocs {v} is installed" in message and "ProperDocs 1.6.x" in message


def test_missing_or_unknown_engine_is_refused(installed):
    assert "is not installed" in engine_check.check_engine("properdocs")
    assert "'zensical' is not supported" in engine_check.check_engine("zensical")


def test_the_running_engine_is_read_from_the_mkdocs_module(installed, monkeypatch):
    installed.update(mkdocs="2.0.0", properdocs="1.6.7")
    monkeypatch.setitem(sys.modules, "mkdocs", types.ModuleType("mkdocs"))
    assert engine_check.running_engine() == "mkdocs" == engine_check.logger_name()
    assert "MkDocs 2.0.0 is installed" in engine_check.check_engine()
    # ProperDocs puts itself in sys.modules["mkdocs"]: its own version is what counts then
    monkeypatch.setitem(sys.modules, "mkdocs", types.ModuleType("properdocs"))
    assert engine_check.running_engine() == "properdocs" == engine_check.logger_name()
    assert engine_check.check_engine() is None


def test_the_real_installation_is_supported():
    assert engine_check.check_engine("mkdocs") is None


def test_make_site_refuses_mkdocs_2_and_leaves_the_site(project, tmp_path):
    """An installed MkDocs 2 (here a distribution record found first on the path) stops the
    build before the engine runs: the previous site/ stays as it was."""
    from helpers import review
    project.item("reviews/2026-child-a.md", **review())
    assert project.build().returncode == 0
    before = project.outputs()
    fake = tmp_path / "fake"
    (fake / "mkdocs-2.0.0.dist-info").mkdir(parents=True)
    (fake / "mkdocs-2.0.0.dist-info/METADATA").write_text("Metadata-Version: 2.1\nName: mkdocs\nVersion: 2.0.0\n")
    result = project.build("2026-06-01", PYTHONPATH=str(fake))
    assert result.returncode == 1
    assert "MkDocs 2.0.0 is installed" in result.stderr and "MkDocs 2 drops the plugins and hooks" in result.stderr
    assert result.stderr.rstrip().splitlines()[-1] == "Nothing was published: the previous site/ is unchanged."
    assert "Traceback" not in result.output
    assert project.outputs() == before
