#!/usr/bin/env python3
"""`make site` and `make preview`: run the site engine through the kit, in plain words.

    python scripts/site.py build            the production site into site/ (as of SITE_AS_OF or now)
    python scripts/site.py build -d DIR     into another folder
    python scripts/site.py serve            the preview server (with SITE_PREVIEW=1)
    ENGINE=properdocs python scripts/site.py build    the same build with ProperDocs

Every problem is listed at once; the last line of a failed build says that nothing was
published and that the previous site/ is unchanged. No engine jargon, no traceback
(LSCP_DEBUG=1 shows one for an internal error).
"""
from __future__ import annotations

import argparse
import importlib
import logging
import os
import re
import sys
import traceback
from pathlib import Path

import _setup
from lscp_kit import engine_check, preview

ENGINES = ("mkdocs", "properdocs")
NOT_PUBLISHED = "Nothing was published: the previous site/ is unchanged."
_ENGINE_INFO_SHOWN = ("Documentation built in", "Serving on", "Reloading")
_BUILT = re.compile(r"^Documentation built in ([\d.]+) seconds$")  # the engine's words, in ours


class _Plain(logging.Formatter):
    """Messages as sentences: warnings marked, engine chatter dropped."""

    def format(self, record: logging.LogRecord) -> str:
        text = record.getMessage()
        if record.levelno >= logging.ERROR:
            return text
        if record.levelno >= logging.WARNING:
            return f"Warning: {text}"
        built = _BUILT.match(text)
        return f"Built the site in {float(built.group(1)):.1f} s" if built else text


class _Filter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING or record.name.startswith("lscp"):
            return not (record.levelno >= logging.ERROR and record.getMessage().startswith("Aborted"))
        return record.getMessage().startswith(_ENGINE_INFO_SHOWN)


def _logging(engine: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Plain())
    handler.addFilter(_Filter())
    for name in {engine, "mkdocs", "lscp"}:
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(logging.INFO)
        logger.propagate = False


def engine_modules(engine: str):
    """(config, build, serve, exceptions) modules of the chosen engine."""
    if engine not in ENGINES:
        raise SystemExit(f"ENGINE={engine!r} is not supported: use mkdocs or properdocs.\n{NOT_PUBLISHED}")
    if engine == "properdocs":
        importlib.import_module("properdocs.replacement")  # the hooks' mkdocs.* imports resolve to it
        logging.getLogger("mkdocs").parent = logging.getLogger("properdocs")  # as its own CLI does
    return tuple(importlib.import_module(f"{engine}.{m}") for m in ("config", "commands.build",
                                                                     "commands.serve", "exceptions"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("build", "serve"))
    parser.add_argument("-d", "--site-dir", help="output folder (default: site)")
    parser.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="serve: address (127.0.0.1:8000)")
    parser.add_argument("-f", "--config-file", default=str(_setup.ROOT / "mkdocs.yml"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    engine = os.environ.get("ENGINE", "").strip() or "mkdocs"
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    _logging(engine)
    refusal = engine_check.check_engine(engine) if engine in ENGINES else None
    if refusal:  # MkDocs 2 would drop the hooks that keep hidden items off the site
        print(f"{refusal}\n{NOT_PUBLISHED}", file=sys.stderr)
        return 1
    try:
        config_mod, build_mod, serve_mod, exceptions = engine_modules(engine)
    except ImportError as err:
        print(f"The {engine} engine is not installed ({err}): run `make site ENGINE={engine}`, which "
              f"installs it.\n{NOT_PUBLISHED}", file=sys.stderr)
        return 1
    project = Path(args.config_file).resolve().parent
    (project / ".staging" / "public").mkdir(parents=True, exist_ok=True)  # the engine's docs_dir
    os.chdir(project)
    try:
        if args.command == "serve":
            problem = preview.address_problem(args.dev_addr.rsplit(":", 1)[0])
            if problem:
                print(f"{problem}\n{NOT_PUBLISHED}", file=sys.stderr)
                return 1
            serve_mod.serve(config_file=args.config_file, dev_addr=args.dev_addr, livereload=True)
            return 0
        options = {"site_dir": args.site_dir} if args.site_dir else {}
        config = config_mod.load_config(config_file=args.config_file, strict=True, **options)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build_mod.build(config)
        finally:
            config.plugins.on_shutdown()
    except KeyboardInterrupt:
        print(f"Stopped.\n{NOT_PUBLISHED}", file=sys.stderr)
        return 1
    except (exceptions.Abort, exceptions.ConfigurationError) as err:
        message = str(getattr(err, "message", "") or err)
        if message and not message.startswith("Aborted with a BuildError"):
            if message.startswith("Aborted with"):
                message = ("The site engine reported the warnings above (a broken link or a missing "
                           "file, for example): fix each one.")
            print(message, file=sys.stderr)
        print(NOT_PUBLISHED, file=sys.stderr)
        return 1
    except SystemExit as err:
        if err.code not in (0, None):
            if isinstance(err.code, str):
                print(err.code, file=sys.stderr)
            if NOT_PUBLISHED not in str(err.code):
                print(NOT_PUBLISHED, file=sys.stderr)
            return 1
        return 0
    except Exception as err:  # noqa: BLE001 - the officer gets one line, not a traceback
        if os.environ.get("LSCP_DEBUG") == "1":
            traceback.print_exc()
        print(f"Internal error in the build ({type(err).__name__}: {err}). {NOT_PUBLISHED} "
              "Please report this to the kit's maintainers.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
