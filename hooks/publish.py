"""MkDocs hooks: thin adapters from MkDocs events to the publishing core in `publishing/`.

on_config reads every content file once and asks the core for decisions and problems;
on_files drops what is not public; templates render what the core's views describe;
on_post_build writes feeds and open data, audits every output file for leaks, keeps the
publication register, and only then replaces the previous `site/`.
"""
from __future__ import annotations

import gzip
import logging
import os
import shutil
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.utils import CountHandler

import engine_check
import outputs
from publishing import catalogue, content, opendata
from publishing import register as reg
from publishing.audit import Auditor
from publishing.clock import AsOfError, format_day, london_day, parse_as_of
from publishing.items import is_item_source
from publishing.problems import Problem, format_problems
from publishing.views import Views

log = logging.getLogger("mkdocs.hooks.publish")
PREVIEW_MARKER = "PREVIEW-BUILD-DO-NOT-DEPLOY.txt"
TEXT_SUFFIXES = {".html", ".htm", ".xml", ".atom", ".json", ".csv", ".txt", ".js", ".css", ".svg",
                 ".map", ".md", ".gz", ".yml", ".yaml"}


class _Build:
    """Everything one build knows; reset by on_config."""

    command = "build"

    def reset(self) -> None:
        self.preview = os.environ.get("SITE_PREVIEW", "") not in ("", "0")
        self.verify_only = bool(os.environ.get("CI"))
        self.cat: catalogue.Catalogue | None = None
        self.views: Views | None = None
        self.shown: frozenset[str] = frozenset()
        self.generated: dict[str, dict] = {}
        self.theme_files: frozenset[str] = frozenset()
        self.rendered: dict[str, str] = {}  # item id -> page HTML, for feeds that carry it in full
        self.records: list[dict] | None = None
        self.final_site: str | None = None
        self.building_site: str | None = None
        self.warnings = CountHandler()
        self.root = "content"
        self.project = Path(".")
        self.as_of: datetime | None = None


BUILD = _Build()


def on_startup(command: str, dirty: bool) -> None:
    BUILD.command = command


def on_config(config):
    BUILD.reset()
    BUILD.project = Path(config.config_file_path).resolve().parent
    docs = Path(config.docs_dir)
    BUILD.root = os.path.relpath(docs, BUILD.project).replace(os.sep, "/")
    try:
        BUILD.as_of = parse_as_of(os.environ.get("SITE_AS_OF"), datetime.now(timezone.utc))
    except AsOfError as err:
        raise PluginError(format_problems([Problem("environment", "SITE_AS_OF", str(err))])) from None
    day = london_day(BUILD.as_of)
    sources, files, sizes = content.read_tree(docs)
    register, problems = content.read_register(BUILD.project)
    BUILD.cat, found = catalogue.load(sources, files, day, register, BUILD.root, config.site_url or "")
    problems += found
    if BUILD.verify_only and not BUILD.preview:
        problems += reg.verify_problems(register, BUILD.cat.items, BUILD.cat.decisions, day)
    if problems:
        raise PluginError(format_problems(problems))
    for reminder in catalogue.reminders(BUILD.cat):
        log.info(reminder)
    BUILD.shown = frozenset(BUILD.cat.items if BUILD.preview else (i.id for i in BUILD.cat.public))
    BUILD.views = Views(BUILD.cat, BUILD.shown, sizes)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(BUILD.as_of.timestamp()))
    config.extra["lscp"] = {"preview": BUILD.preview, "as_of": day.isoformat(),
                            "feeds": [] if BUILD.preview else outputs.autodiscovery(config)}
    if BUILD.command == "build":
        _build_elsewhere(config)
    if config.strict:
        BUILD.warnings.setLevel(logging.WARNING)
        logging.getLogger(engine_check.logger_name()).addHandler(BUILD.warnings)  # ProperDocs: "properdocs"
    return config


def _build_elsewhere(config) -> None:
    """Build into a fresh folder beside site/, so a failed build leaves the last good site."""
    final = Path(config.site_dir).resolve()
    final.parent.mkdir(parents=True, exist_ok=True)
    BUILD.final_site = str(final)
    BUILD.building_site = tempfile.mkdtemp(prefix=".site-build-", dir=final.parent)
    config.site_dir = BUILD.building_site


def on_files(files: Files, config) -> Files:
    cat = BUILD.cat
    docs = os.path.abspath(config.docs_dir) + os.sep
    BUILD.theme_files = frozenset(f.dest_uri for f in files
                                  if f.abs_src_path and not os.path.abspath(f.abs_src_path).startswith(docs))
    if not BUILD.preview:
        for src in catalogue.withheld_files(cat, BUILD.shown):
            file = files.get_file_from_path(src)
            if file is not None:
                files.remove(file)
    pages = _listing_pages()
    pages["statistics.md"] = {"title": "Statistics", "statistics": True}
    for src, spec in pages.items():
        BUILD.generated[src] = spec
        files.append(File.generated(config, src, content=f"---\ntitle: {spec['title']}\n---\n"))
    return files


def _listing_pages() -> dict[str, dict]:
    """Filtered review listings, one static page per type and theme: filters without JavaScript."""
    filters = BUILD.views.review_filters
    pages = {}
    for kind in filters["types"]:
        pages[f"reviews/type/{kind['slug']}.md"] = {"title": f"{kind['label']}s", "kind": kind["slug"]}
    for theme in filters["themes"]:
        pages[f"reviews/theme/{theme['slug']}.md"] = {"title": f"Reviews about {theme['label'].lower()}",
                                                     "theme": theme["slug"]}
    for theme in BUILD.views.themes("learning"):
        pages[f"learning/theme/{theme['slug']}.md"] = {"title": f"Learning about {theme['label'].lower()}",
                                                      "learning_theme": theme["slug"]}
    return pages


def on_page_context(context, page, config, nav):
    view = _page_view(page.file.src_uri, config)
    if not BUILD.preview:
        view["section_feed"] = outputs.section_feed(config, page.file.src_uri, BUILD.cat)
    context["lscp_page"] = view
    return context


def _page_view(src: str, config) -> dict:
    views, cat = BUILD.views, BUILD.cat
    if is_item_source(src) and src not in BUILD.generated:
        return {"item": views.item(cat.items[cat.owners.owner(src)])}
    spec = BUILD.generated.get(src)
    if src == "reviews/index.md" or (spec and ("kind" in spec or "theme" in spec)):
        spec = spec or {}
        return {"listing": views.reviews_by_year(spec.get("kind"), spec.get("theme")),
                "filters": views.review_filters, "current": src, "section": "reviews"}
    if src == "learning/index.md" or (spec and "learning_theme" in spec):
        spec = spec or {}
        return {"listing": views.learning_by_type(spec.get("learning_theme")), "section": "learning",
                "filters": {"themes": views.themes("learning")}, "current": src}
    if src == "index.md":
        return {"latest": views.latest()}
    if src == "statistics.md":
        return {"statistics": opendata.statistics(_records(config)), "as_of": format_day(cat.day),
                "preview": BUILD.preview}
    if src == "subscribe.md":
        return {"feeds": [] if BUILD.preview else outputs.feed_links(config)}
    return {}


def _records(config) -> list[dict]:
    """Open-data records, computed once for the statistics page and the files."""
    if BUILD.records is None:
        BUILD.records = outputs.records(config, BUILD.cat)
    return BUILD.records


def on_post_page(output: str, page, config) -> str:
    src = page.file.src_uri
    ident = BUILD.cat.owners.owner(src) if is_item_source(src) and src not in BUILD.generated else None
    if outputs.wants_html(BUILD.cat, ident):
        BUILD.rendered[ident] = page.content or ""
    return output


def on_post_build(config) -> None:
    site = Path(config.site_dir)
    if BUILD.preview:
        (site / PREVIEW_MARKER).write_text("This is a preview build: it shows items that are not "
                                           "public. Never deploy it.\n", encoding="utf-8")
    else:
        outputs.write_all(site, config, BUILD.cat, BUILD.views, BUILD.rendered, _records(config))
        _audit(site)
    if config.strict and BUILD.warnings.get_counts():
        return  # MkDocs aborts next; on_build_error removes the unfinished folder
    if BUILD.command == "build" and not BUILD.preview and not BUILD.verify_only:
        _write_register()
    _replace_site()


def _audit(site: Path) -> None:
    """Fail the build on any trace of a non-public item in any output file."""
    cat = BUILD.cat
    shared = frozenset(p.rsplit("/", 1)[-1] for i in cat.public for p in i.files)
    auditor = Auditor([i for i in cat.items.values() if i.id not in BUILD.shown], shared)
    leaks = []
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if path.is_file() and name not in BUILD.theme_files:  # theme assets hold no content
            data = path.read_bytes()
            if name.endswith(".gz"):
                data = gzip.decompress(data)
            binary = path.suffix.lower() not in TEXT_SUFFIXES
            leaks += auditor.scan(name, data.decode("utf-8", errors="replace"), binary=binary)
    if leaks:
        lines = "\n".join(f"  {leak}" for leak in leaks)
        raise PluginError(f"Nothing was published: the leak audit found {len(leaks)} trace(s) of "
                          f"items that are not public. Remove them from the public pages:\n{lines}")


def _write_register() -> None:
    cat = BUILD.cat
    new = reg.updated(cat.register, cat.decisions, cat.day)
    text = reg.dump(new)
    path = BUILD.project / reg.FILENAME
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
        log.info(f"Updated {reg.FILENAME}: commit it with your content")


def _replace_site() -> None:
    """Swap the finished build in for the previous site/ in two renames."""
    if not BUILD.building_site:
        return
    final, new = Path(BUILD.final_site), Path(BUILD.building_site)
    old = None
    if final.exists():
        old = Path(tempfile.mkdtemp(prefix=".site-old-", dir=final.parent))
        os.rename(final, old / "site")
    os.rename(new, final)
    BUILD.building_site = None
    if old:
        shutil.rmtree(old, ignore_errors=True)


def on_build_error(error: Exception) -> None:
    if BUILD.building_site:
        shutil.rmtree(BUILD.building_site, ignore_errors=True)
        BUILD.building_site = None


def on_shutdown() -> None:
    on_build_error(Exception())
