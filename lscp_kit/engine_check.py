"""Which site engine runs the build, and whether this kit supports it.

MkDocs 2 drops the plugins and hooks that keep non-public items off the site, so the kit
refuses it (and anything but ProperDocs 1.6.x) before building. Importable without MkDocs.
"""
from __future__ import annotations

import sys
from importlib.metadata import PackageNotFoundError, version

from packaging.version import InvalidVersion, Version

SUPPORTED = {"mkdocs": "MkDocs 1.x (1.6.1 pinned in requirements.txt)",
             "properdocs": "ProperDocs 1.6.x (1.6.7 pinned in requirements-properdocs.txt)"}
FIX = {"mkdocs": "reinstall the pinned versions (rm -rf .venv && make site)",
       "properdocs": "reinstall the pinned versions (rm -rf .venv-properdocs && make site ENGINE=properdocs)"}


def running_engine() -> str:
    """'properdocs' once ProperDocs has aliased the mkdocs package to itself, else 'mkdocs'."""
    module = sys.modules.get("mkdocs")
    return "properdocs" if module is not None and module.__name__ == "properdocs" else "mkdocs"


def engine_version(engine: str) -> str | None:
    """The installed version of the engine's package, None when it is not installed."""
    try:
        return version(engine)
    except PackageNotFoundError:
        return None


def release(installed: str) -> tuple[int, ...]:
    """(major, minor, ...) of a version string; () when it cannot be read."""
    try:
        return Version(installed).release
    except InvalidVersion:
        return ()


def supported(engine: str, installed: str) -> bool:
    if engine == "mkdocs":
        return release(installed)[:1] == (1,)
    return engine == "properdocs" and release(installed)[:2] == (1, 6)


def check_engine(engine: str | None = None) -> str | None:
    """Why the build must not run with `engine` (default: the running one), or None if it may.
    The caller adds that nothing was published."""
    engine = engine or running_engine()
    if engine not in SUPPORTED:
        return f"The site engine '{engine}' is not supported: use mkdocs or properdocs."
    installed = engine_version(engine)
    if installed is None:
        return f"{SUPPORTED[engine].split(' (')[0]} is not installed: {FIX[engine]}."
    if supported(engine, installed):
        return None
    name = "MkDocs" if engine == "mkdocs" else "ProperDocs"
    why = (" MkDocs 2 drops the plugins and hooks this kit relies on to keep embargoed and draft "
           "items off the site." if engine == "mkdocs" and release(installed)[:1] >= (2,) else "")
    return (f"This kit builds with {SUPPORTED[engine]}, but {name} {installed} is installed.{why} "
            f"To build, {FIX[engine]}, or use the other engine "
            f"(make site ENGINE={'properdocs' if engine == 'mkdocs' else 'mkdocs'}).")


def logger_name() -> str:
    """The logger the running engine reports its warnings on ('mkdocs' or 'properdocs'): count
    strict-mode warnings there, since ProperDocs logs its own under 'properdocs'."""
    return running_engine()
