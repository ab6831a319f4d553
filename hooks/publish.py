"""MkDocs (and ProperDocs) hooks: the engine's events translated into calls on the kit's
engine-neutral `lscp_kit.build.Build`. Engine objects become plain data here; nothing is
decided here. The engine never reads content/: its docs_dir is the tree the build stages.
"""
from __future__ import annotations

import functools
import gc
import logging
import os
from datetime import datetime, timezone
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.utils import CountHandler

from lscp_kit import engine_check, preview
from lscp_kit.build import NOT_PUBLISHED, RENDER_LAST, Build, BuildStopped, EngineFile, SiteConfig
from lscp_kit.problems import format_problems

log = logging.getLogger("lscp")


class _State:
    """The one build this process runs (MkDocs hooks are module functions)."""

    command = "build"
    build: Build | None = None
    error_mode = False
    warnings: CountHandler | None = None


STATE = _State()


def on_startup(command: str, dirty: bool) -> None:
    STATE.command = command
    if command == "gh-deploy":
        raise SystemExit("gh-deploy is refused: it would publish a build that has not passed the leak audit "
                         "straight to GitHub Pages. Push to main and let the publishing workflow "
                         "(.github/workflows/publish.yml) test, build, audit and deploy it.\n" + NOT_PUBLISHED)


def site_config(config) -> SiteConfig:
    """The engine's configuration as the plain data the build reads."""
    theme = config.theme
    return SiteConfig(project=Path(config.config_file_path).resolve().parent, site_name=config.site_name,
                      site_url=config.site_url, site_dir=Path(config.site_dir), extra=dict(config.extra),
                      theme_values=(list(config.extra_css), [str(s) for s in config.extra_javascript],
                                    theme.get("logo"), theme.get("favicon")),
                      markdown_extensions=tuple(str(e) for e in config.markdown_extensions),
                      plugins=tuple(config.plugins.keys()))


def on_config(config):
    STATE.error_mode = False
    if STATE.command == "serve":  # also when run as `mkdocs serve`, without scripts/site.py
        problem = preview.address_problem(str(config.dev_addr.host))
        if problem:
            raise PluginError(format_problems([problem]))
    build = STATE.build = Build(site_config(config), STATE.command, os.environ, datetime.now(timezone.utc))
    if build.prepare():
        if STATE.command == "serve" and build.as_of is not None:
            return _problems_site(config, build)
        raise PluginError(format_problems(build.problems))
    for reminder in build.reminders():
        log.warning(reminder)
    config.docs_dir = str(build.stage())
    os.environ["SOURCE_DATE_EPOCH"] = str(build.source_date_epoch)
    config.extra["lscp"] = build.template_data()
    for key, value in build.theme_assets().items():  # logo and favicon from extra.partnership
        config.theme[key] = value
    warning = build.as_of_warning()
    if warning:
        log.warning(warning)
    try:
        if STATE.command == "build":
            config.site_dir = str(build.output_folder())
    except BuildStopped as err:
        raise PluginError(str(err)) from None
    if config.strict:
        STATE.warnings = CountHandler()
        STATE.warnings.setLevel(logging.WARNING)
        for name in {"mkdocs", engine_check.logger_name()}:  # ProperDocs logs its own under "properdocs"
            logging.getLogger(name).addHandler(STATE.warnings)
    return config


def _problems_site(config, build: Build):
    """`make preview` with content problems: one page listing them, rebuilt on every save."""
    STATE.error_mode = True
    config.docs_dir = str(build.problems_tree())
    config.nav = [{"Problems to fix": "index.md"}]
    config.strict = False
    config.extra["lscp"] = {"preview": True, "errors": [str(p) for p in build.problems], "feeds": [],
                            "brand": build.settings.brand()}
    log.error(format_problems(build.problems))
    return config


def on_serve(server, config, builder):
    """Rebuild when content/ changes; the staged tree is the build's own output."""
    try:
        server.unwatch(config.docs_dir)
    except (KeyError, ValueError):
        pass
    for path in STATE.build.watched():
        server.watch(str(path))
    return server


def on_files(files, config):
    """Staged attachments are hard-linked into the output, not copied again."""
    if STATE.error_mode:
        return files
    found = [EngineFile(f.src_uri, f.dest_uri, f.is_documentation_page(), f.abs_src_path) for f in files]
    try:
        linked = STATE.build.take_files(found)
    except BuildStopped as err:
        raise PluginError(str(err)) from None
    for file in files:
        if file.src_uri in linked:
            file.copy_file = functools.partial(_link_file, file)
    return Files([f for f in files if f.src_uri not in RENDER_LAST] + [f for f in files if f.src_uri in RENDER_LAST])


def _link_file(file, dirty: bool = False) -> None:
    STATE.build.link(file.abs_src_path, file.abs_dest_path)


def on_page_context(context, page, config, nav):
    if not STATE.error_mode:
        context["lscp_page"] = STATE.build.page_view(page.file.src_uri, Path(config.site_dir))
    return context


def on_post_page(output: str, page, config) -> str:
    if not STATE.error_mode:
        STATE.build.page_done(page.file.src_uri, page.file.dest_uri, page.content or "", page.file.abs_dest_path)
    return output


def on_post_build(config) -> None:
    if STATE.error_mode:
        return
    warnings = sum(n for _, n in STATE.warnings.get_counts()) if config.strict and STATE.warnings else 0
    try:
        lines = STATE.build.finish(Path(config.site_dir), warnings)
    except BuildStopped as err:
        raise PluginError(str(err)) from None
    for line in lines:
        log.info(line)


def on_build_error(error: Exception) -> None:
    if STATE.build is not None:
        STATE.build.discard()


def on_shutdown() -> None:
    if STATE.build is not None:  # never leave the audit process behind
        STATE.build.discard()
    # Everything is written: spare the interpreter's final sweep over every object the build
    # made (a fifth of a second on 600 items). Nothing is collected after this in the process.
    gc.freeze()
