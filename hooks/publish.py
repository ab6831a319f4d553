"""MkDocs hooks: thin adapters from the engine's events to the publishing core in `publishing/`.

on_config reads content/ once, asks the core what is public, and has the core stage exactly
that into a fresh tree, which becomes the engine's docs_dir: the engine never reads content/.
Templates render what the core's views describe. on_post_build writes feeds and open data,
audits every output file for leaks, keeps the publication register, and only then swaps the
new build in for `site/`, in one step.
"""
from __future__ import annotations

import fcntl
import functools
import gc
import logging
import os
import re
import tempfile
from datetime import datetime, timezone
from html import escape
from pathlib import Path
from typing import Mapping

from mkdocs.exceptions import PluginError
from mkdocs.utils import CountHandler

from lscp_kit import engine_check
import outputs
from lscp_kit.rules import annual
from lscp_kit.rules import catalogue
from lscp_kit.files import content
from lscp_kit.rules import holiday_cache
from lscp_kit.outputs import opendata
from lscp_kit.files import staging
from lscp_kit.outputs import summary
from lscp_kit.rules import register as reg
from lscp_kit.files.copy_store import CopyStore
from lscp_kit.audit import (UNREADABLE, Auditor, BackgroundAudit, audit_site, mentions, normalise,
                            package_template_dirs)
from lscp_kit.clock import AsOfError, format_day, london_day, parse_as_of
from lscp_kit.rules.items import is_item_source
from lscp_kit.problems import Problem, format_problems
from lscp_kit.files.sitedir import SiteDir, output_problem, remove_later
from lscp_kit.outputs.views import Views

log = logging.getLogger("lscp")
CONTENT = "content"
STAGING = ".staging"
PREVIEW_MARKER = "PREVIEW-BUILD-DO-NOT-DEPLOY.txt"
AS_OF_MARKER = "AS-OF-BUILD-DO-NOT-DEPLOY.txt"
NOT_PUBLISHED = "Nothing was published: the previous site/ is unchanged."
AUDIT_BATCH = 40  # pages sent to the audit process at a time
_ASSET_REF = re.compile(r"""assets/[\w./-]+""")


class _Build:
    """Everything one build knows; reset by on_config."""

    command = "build"

    def reset(self) -> None:
        self.preview = False
        self.as_of_build = False
        self.error_mode = False
        self.verify_only = bool(os.environ.get("CI"))
        self.cat: catalogue.Catalogue | None = None
        self.views: Views | None = None
        self.shown: frozenset[str] = frozenset()
        self.generated: dict[str, dict] = {}
        self.staged_files: dict[str, staging.Staged] = {}  # the staged tree: what the engine publishes
        self.rendered: dict[str, str] = {}  # item id -> page HTML, for feeds that carry it in full
        self.records: list[dict] | None = None
        self.site: SiteDir | None = None
        self.building: Path | None = None
        self.warnings = CountHandler()
        self.project = Path(".")
        self.as_of: datetime | None = None
        self.content_dir = Path(CONTENT)
        self.staged: Path | None = None
        self.tree: content.Tree | None = None
        self.audit: BackgroundAudit | None = None
        self.last_page: str | None = None  # the page the engine is writing
        self.written: list[str] = []  # pages written, not yet sent to the audit process
        self.folders = staging.Folders()  # output folders made for linked attachments
        self.linked: dict[str, str] = {}  # output path -> content path of each linked attachment
        self.store: CopyStore | None = None
        self.overrides: dict[str, bytes] | None = None
        self.counted: list | None = None
        self.lock = None  # the staging lock, held until the process ends


BUILD = _Build()


def on_startup(command: str, dirty: bool) -> None:
    BUILD.command = command
    if command == "gh-deploy":
        raise SystemExit("gh-deploy is refused: it would publish a build that has not passed the leak audit "
                         "straight to GitHub Pages. Push to main and let the publishing workflow "
                         "(.github/workflows/publish.yml) test, build, audit and deploy it.\n" + NOT_PUBLISHED)


def preview_flag(value: str | None) -> bool:
    """SITE_PREVIEW: only "1" turns the preview on; "", "0" or unset leave it off; anything else
    (false, no, off ...) is an error rather than a guess."""
    if value is None or value.strip() in ("", "0"):
        return False
    if value.strip() == "1":
        return True
    raise ValueError(f"SITE_PREVIEW={value!r} is not understood: use SITE_PREVIEW=1 for a preview, "
                     "or leave it unset (or 0) for the public site")


def on_config(config):
    BUILD.reset()
    BUILD.project = Path(config.config_file_path).resolve().parent
    BUILD.content_dir = BUILD.project / CONTENT
    problems = _environment(config)
    if BUILD.as_of is None:
        raise PluginError(format_problems(problems))
    day = london_day(BUILD.as_of)
    tree = BUILD.tree = content.read_tree(BUILD.content_dir, CONTENT)
    problems += tree.problems + content.overrides_problems(BUILD.project / "overrides")
    register, found = content.read_register(BUILD.project)
    holiday_cache.load(BUILD.project / STAGING)
    problems += found
    BUILD.cat, found = catalogue.load(tree.sources, tree.files, day, register, CONTENT, config.site_url or "")
    problems += found + outputs.statistics_start(config)[1]
    if BUILD.verify_only and not BUILD.preview:
        problems += reg.verify_problems(register, BUILD.cat.items, BUILD.cat.decisions, day)
    BUILD.shown = frozenset(BUILD.cat.items if BUILD.preview else (i.id for i in BUILD.cat.public))
    BUILD.views = Views(BUILD.cat, BUILD.shown, tree.sizes, BUILD.as_of)
    generated = _generated_pages()
    staged, found = staging.plan(BUILD.cat, tree, BUILD.shown, generated, _theme_refs(config))
    BUILD.staged_files = staged
    problems += found
    if problems:
        if BUILD.command == "serve":
            return _error_site(config, problems)
        raise PluginError(format_problems(problems))
    for reminder in catalogue.reminders(BUILD.cat) + [w for w in [annual.warning(BUILD.cat)] if w]:
        log.warning(reminder)
    config.docs_dir = str(_stage(staged))
    _site_extra(config, day)
    if BUILD.command == "build":
        _build_elsewhere(config)
    if config.strict:
        BUILD.warnings.setLevel(logging.WARNING)
        for name in {"mkdocs", engine_check.logger_name()}:  # ProperDocs logs its own under "properdocs"
            logging.getLogger(name).addHandler(BUILD.warnings)
    return config


def _stage(staged: dict) -> Path:
    """A fresh staged tree for this build, under a lock. It replaces .staging/public (what an
    engine without our hooks would build) only once a production build has passed its audit."""
    base = BUILD.project / STAGING
    base.mkdir(parents=True, exist_ok=True)
    if BUILD.command != "build":  # the preview server: one tree, rewritten where it changed
        folder = base / ("serve-preview" if BUILD.preview else "serve")
        staging.sync(staged, folder)
        return folder
    BUILD.lock = open(base / ".lock", "w")  # noqa: SIM115 - held until the process ends
    fcntl.flock(BUILD.lock, fcntl.LOCK_EX)
    staging.clean(base)
    BUILD.staged = Path(tempfile.mkdtemp(prefix="build-", dir=base))
    BUILD.store = CopyStore(base / "copies")
    staging.write_fresh(staged, BUILD.staged, BUILD.store)
    return BUILD.staged


def _environment(config) -> list[Problem]:
    """SITE_PREVIEW and SITE_AS_OF, read strictly; the clock is read here, never in the core."""
    problems = []
    try:
        BUILD.preview = preview_flag(os.environ.get("SITE_PREVIEW"))
    except ValueError as err:
        problems.append(Problem("environment", "SITE_PREVIEW", str(err)))
    now = datetime.now(timezone.utc)
    try:
        BUILD.as_of = parse_as_of(os.environ.get("SITE_AS_OF"), now)
    except AsOfError as err:
        problems.append(Problem("environment", "SITE_AS_OF", str(err).removeprefix("SITE_AS_OF: ")))
        return problems
    BUILD.as_of_build = london_day(BUILD.as_of) != london_day(now)
    if problems:
        BUILD.as_of = None
    return problems


def _site_extra(config, day) -> None:
    os.environ["SOURCE_DATE_EPOCH"] = str(int(BUILD.as_of.timestamp()))
    config.extra["lscp"] = {"preview": BUILD.preview, "as_of": day.isoformat(),
                            "as_of_build": day.isoformat() if BUILD.as_of_build and not BUILD.preview else None,
                            "feeds": [] if BUILD.preview else outputs.autodiscovery(config)}
    if BUILD.as_of_build and not BUILD.preview:
        log.warning(f"This is an as-of build for {day.isoformat()}, not today: it is marked "
                    f"{AS_OF_MARKER} and must never be deployed. The register is left alone.")


def _theme_refs(config) -> set[str]:
    """Paths under assets/ that the site config or the theme overrides name."""
    found: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v)
        elif value is not None:
            found.update(m.group(0) for m in _ASSET_REF.finditer(str(value)))

    walk([config.extra_css, [str(s) for s in config.extra_javascript], dict(config.extra),
          config.theme.get("logo"), config.theme.get("favicon")])
    for data in _overrides().values():
        found.update(m.group(0) for m in _ASSET_REF.finditer(data.decode("utf-8", errors="replace")))
    return {p.rstrip("./") for p in found}


def _overrides() -> dict[str, bytes]:
    """The theme overrides' files (no links), read once per build."""
    if BUILD.overrides is None:
        folder = BUILD.project / "overrides"
        BUILD.overrides = {path.relative_to(folder).as_posix(): path.read_bytes()
                           for path in sorted(folder.rglob("*")) if path.is_file() and not path.is_symlink()} \
            if folder.is_dir() else {}
    return BUILD.overrides


def _build_elsewhere(config) -> None:
    """Build into a fresh folder; `site/` is pointed at it only once everything has passed."""
    final = Path(config.site_dir)
    if BUILD.preview and final.resolve() == (BUILD.project / "site").resolve():
        final = BUILD.project / "preview-site"  # a preview never writes into site/
        log.warning("Preview build: written to preview-site/, never to site/.")
    problem = output_problem(final, BUILD.project, (CONTENT, STAGING))
    if problem:
        raise PluginError(format_problems([problem]))
    BUILD.site = SiteDir(final)
    BUILD.site.lock()
    BUILD.site.clean()
    BUILD.building = BUILD.site.new()
    config.site_dir = str(BUILD.building)


def _error_site(config, problems: list[Problem]):
    """`make preview` with content problems: a one-page site listing them, so the browser shows
    what to fix instead of waiting for a build that cannot finish."""
    BUILD.error_mode = True
    folder = BUILD.project / STAGING / "problems"
    lines = "\n".join(f"<li><code>{escape(p.path)}</code>: <strong>{escape(p.key)}</strong>: {escape(p.message)}</li>"
                      for p in sorted(set(problems)))
    text = (f"---\ntitle: Problems to fix\n---\n\n# Problems to fix\n\nThe site cannot be built until "
            f"these are fixed. This page updates when you save a file.\n\n<ul>\n{lines}\n</ul>\n")
    files = {"index.md": staging.Staged(text=text)}
    for path in _theme_refs(config):  # the site's own stylesheet, so the page looks like the site
        if (BUILD.content_dir / path).is_file() and not (BUILD.content_dir / path).is_symlink():
            files[path] = staging.Staged(source=BUILD.content_dir / path)
    staging.sync(files, folder)
    config.docs_dir = str(folder)
    config.nav = [{"Problems to fix": "index.md"}]
    config.strict = False
    config.extra["lscp"] = {"preview": True, "errors": [str(p) for p in problems], "feeds": []}
    log.error(format_problems(problems))
    return config


def on_serve(server, config, builder):
    """Rebuild when content/ changes; the staged tree is the build's own output."""
    try:
        server.unwatch(config.docs_dir)
    except (KeyError, ValueError):
        pass
    server.watch(str(BUILD.content_dir))
    if (BUILD.project / reg.FILENAME).exists():
        server.watch(str(BUILD.project / reg.FILENAME))
    return server


def _generated_pages() -> dict[str, str]:
    """Listing pages by type and theme (filters without JavaScript) and the statistics page,
    as staged Markdown files."""
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
    pages["statistics.md"] = {"title": "Statistics", "statistics": True}
    pages["events/index.md"] = {"title": "Events", "events": True}
    BUILD.generated = pages
    return {src: staging.page_text(spec["title"], "") for src, spec in pages.items()}


def on_files(files, config):
    """A build links the staged attachments into the output instead of copying them: the staged
    tree is this build's own, so the engine's copy would only duplicate what is already there.
    A linked file shares its bytes with the copy store and the live site/, so nothing may be
    written at its address; and no two files may share an address (content/assets.md is served
    at assets/index.html, content/reviews.md at reviews/index.html): the build stops before
    anything is written."""
    if BUILD.staged is not None:
        root = os.path.join(str(BUILD.staged), "")
        by_address: dict[str, list[str]] = {}
        for file in files:
            staged = not file.is_documentation_page() and file.abs_src_path and file.abs_src_path.startswith(root)
            if staged and not BUILD.preview:  # a preview copies: it shares nothing with the live site
                file.copy_file = functools.partial(_link_file, file)
                BUILD.linked[file.dest_uri] = file.src_uri
            if staged or file.is_documentation_page():
                by_address.setdefault(file.dest_uri.casefold(), []).append(file.src_uri)
        clashes = staging.address_clashes(by_address, CONTENT)
        if clashes:
            raise PluginError(format_problems(clashes))
    return files


def _link_file(file, dirty: bool = False) -> None:
    """The engine's copy of an attachment, as a hard link (a copy across file systems)."""
    BUILD.folders.make(os.path.dirname(file.abs_dest_path))
    staging.link_file(file.abs_src_path, file.abs_dest_path)


def on_page_context(context, page, config, nav):
    if BUILD.error_mode:
        return context
    _start_audit(config)
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
        return {"latest": views.latest(), "next_events": views.next_events()}
    if src == "events/index.md":
        return {"events": views.events()}
    if src == "statistics.md":
        return {"statistics": outputs.statistics_view(config, cat, _records(config), _counted()), "as_of": format_day(cat.day),
                "preview": BUILD.preview}
    if src == "subscribe.md":
        return {"feeds": [] if BUILD.preview else outputs.feed_links(config)}
    return {}


def _records(config) -> list[dict]:
    """Open-data records, computed once for the statistics page and the files."""
    if BUILD.records is None:
        BUILD.records = outputs.records(config, BUILD.cat)
    return BUILD.records


def _counted() -> list:
    """Every review ever public, computed once for the statistics page and statistics.json."""
    if BUILD.counted is None:
        BUILD.counted = opendata.ever_public(BUILD.cat)
    return BUILD.counted


def on_post_page(output: str, page, config) -> str:
    if BUILD.error_mode:
        return output
    src = page.file.src_uri
    ident = BUILD.cat.owners.owner(src) if is_item_source(src) and src not in BUILD.generated else None
    if outputs.wants_html(BUILD.cat, ident):
        BUILD.rendered[ident] = page.content or ""
    if BUILD.staged is not None:  # the engine writes the page in place: never through a link
        try:
            os.unlink(page.file.abs_dest_path)
        except FileNotFoundError:
            pass
    _page_done(page.file.dest_uri)
    return output


def _page_done(dest: str) -> None:
    """The engine writes a page after on_post_page: so the page before this one is written. The
    audit process reads such pages while the rest render, in batches."""
    if BUILD.audit is None:
        return
    if BUILD.last_page:
        BUILD.written.append(BUILD.last_page)
    BUILD.last_page = dest
    if len(BUILD.written) >= AUDIT_BATCH:
        BUILD.audit.written(BUILD.written)
        BUILD.written = []


def on_post_build(config) -> None:
    if BUILD.error_mode:
        return
    site = Path(config.site_dir)
    if BUILD.preview:
        (site / PREVIEW_MARKER).write_text("This is a preview build: it shows items that are not "
                                           "public. Never deploy it.\n", encoding="utf-8")
    else:
        outputs.write_all(site, config, BUILD.cat, BUILD.views, BUILD.rendered, _records(config), _counted())
        if BUILD.as_of_build:
            (site / AS_OF_MARKER).write_text(f"This site was built as of {BUILD.cat.day.isoformat()}, not "
                                             "today. Never deploy it.\n", encoding="utf-8")
        _replace_changed_copies(site)
        _audit(site)
    if config.strict and BUILD.warnings.get_counts():
        return  # the engine aborts next; on_build_error removes the unfinished folder
    old_register = BUILD.cat.register
    holiday_cache.save(BUILD.project / STAGING)  # before publishing: nothing after it may fail
    if BUILD.command == "build" and not BUILD.preview and not BUILD.verify_only and not BUILD.as_of_build:
        _write_register()
    if BUILD.site and BUILD.building:
        BUILD.site.publish(BUILD.building)
        BUILD.building = None
    if BUILD.staged:
        if not BUILD.preview and not BUILD.as_of_build:
            staging.promote(BUILD.staged, BUILD.project / STAGING / "public")
        else:
            remove_later(BUILD.staged)
        BUILD.staged = None
    if BUILD.command == "build":
        for line in summary.lines(BUILD.cat, old_register, preview=BUILD.preview, as_of_build=BUILD.as_of_build):
            log.info(line)


def _make_auditor(public_digests: Mapping[str, bytes] | None = None) -> Auditor:
    """The auditor of this build: every hidden item's needles and files, less what is public.
    `public_digests`: digests of published files known already (the audit process's)."""
    cat, staged = BUILD.cat, BUILD.staged_files
    hidden = [i for i in cat.items.values() if i.id not in BUILD.shown]
    return Auditor(hidden, [cat.items[i] for i in BUILD.shown], public_paths=staged,
                   hidden_files={p: BUILD.tree.path(p) for i in hidden for p in i.files},
                   public_files={p: s.source for p, s in staged.items() if s.source is not None},
                   public_digests=public_digests, cache_dir=_audit_cache(),
                   site_files={**{f"overrides/{n}": d for n, d in _overrides().items()},
                               "mkdocs.yml": BUILD.project / "mkdocs.yml"})


def _audit_cache() -> Path:
    """Texts read out of files, and verdicts on contents, kept between builds."""
    return BUILD.project / STAGING / "audit-cache"


def _start_audit(config) -> None:
    """Start the audit beside the engine once it has copied the attachments (before the first
    page renders): it prepares while the pages render."""
    if BUILD.audit is None and not BUILD.preview and BUILD.command == "build":
        digests = BUILD.store.digests() if BUILD.store else {}
        expected = {dest: digests[src] for dest, src in BUILD.linked.items() if src in digests}
        BUILD.audit = BackgroundAudit(_make_auditor, Path(config.site_dir), package_template_dirs(),
                                      _audit_cache(), _inlined_styles(Path(config.site_dir)), expected)


def _replace_changed_copies(site: Path) -> None:
    """Linked attachments whose bytes are no longer those copied from content/ (a tool rewrote
    a file of site/ in place, keeping its size and time): copied afresh and linked again, in
    the output and the staged tree, before the final audit reads them."""
    if BUILD.audit is None or BUILD.store is None:
        return
    try:
        changed = BUILD.audit.changed()
    except RuntimeError as err:
        raise PluginError(f"Nothing was published: {err}.") from None
    for dest in changed:
        src = BUILD.linked[dest]
        try:
            copy = BUILD.store.refresh(src, BUILD.tree.path(src))
        except OSError as err:
            raise PluginError(f"Nothing was published: site/{dest} had been changed in place after an earlier "
                              f"build, and {CONTENT}/{src} could not be copied again ({err}): was it moved or "
                              "deleted while the site was building? Build again.") from None
        staging.link_file(copy, BUILD.staged / src)
        staging.link_file(copy, site / dest)
        log.info(f"site/{dest} had been changed in place after an earlier build: published again "
                 f"from {CONTENT}/{src}")
    if changed:
        BUILD.store.save()


def _audit(site: Path) -> None:
    """Fail the build on any trace of a non-public item in any output file or path; only files
    byte-identical to the installed theme's own are skipped (overrides are always read)."""
    if BUILD.audit is not None:
        try:
            leaks, problems = BUILD.audit.result()
        except RuntimeError as err:
            raise PluginError(f"Nothing was published: {err}.") from None
        finally:
            BUILD.audit = None
    else:
        auditor = _make_auditor()
        leaks = audit_site(site, auditor, package_template_dirs(), cache_dir=_audit_cache(), blocks=_inlined_styles(site))
        problems = auditor.problems
    for problem in problems:
        log.info(problem)
    if leaks:
        lines = "\n".join(f"  {leak}" for leak in leaks)
        raise PluginError(f"Nothing was published: the leak audit found {len(leaks)} trace(s) of "
                          f"items that are not public. Remove them from the public pages:\n{lines}"
                          + _leak_sources(leaks))


def _inlined_styles(site: Path) -> list[bytes]:
    """The stylesheets every page carries inline that the site also publishes, byte for byte, as
    files (audited there): only those are taken out of pages before reading them. An override the
    engine does not publish (readme.css, .hidden.css ...) stays in the pages and is read there."""
    found = []
    for name, data in _overrides().items():
        if name.endswith(".css") and _published_as(site / name, data):
            found += [data, data.rstrip(b"\n")]
    return [b for b in found if b]


def _published_as(path: Path, data: bytes) -> bool:
    try:
        return not path.is_symlink() and path.is_file() and path.stat().st_size == len(data) \
            and path.read_bytes() == data
    except OSError:
        return False


def _leak_sources(leaks) -> str:
    """Where each leaked word comes from in content/: the files to edit (the lines above name
    built files). Search is as the audit reads: case, entities and spacing ignored."""
    texts = {src: normalise(text) for src, text in BUILD.tree.sources.items()}
    lines = []
    owners = BUILD.cat.owners
    for needle, item in sorted({(leak.needle, leak.item) for leak in leaks if leak.what != UNREADABLE}):
        words = normalise(needle)
        found = sorted(f"{CONTENT}/{src}" for src, text in texts.items()
                       if (mentions(text, words) or words in src.lower()) and owners.owner(src) != item)
        found += sorted(f"{CONTENT}/{f}" for f in BUILD.tree.files
                        if words in f.lower() and not f.endswith(".md") and owners.owner(f) != item)
        where = ", ".join(found) if found else "no content file: look in mkdocs.yml and overrides/"
        lines.append(f"  {needle!r} comes from: {where}")
    return "\nFiles to edit (or withdraw or embargo them too):\n" + "\n".join(lines)


def _write_register() -> None:
    cat = BUILD.cat
    new = reg.updated(cat.register, cat.decisions, cat.day)
    text = reg.dump(new)
    path = BUILD.project / reg.FILENAME
    old = path.read_text(encoding="utf-8") if path.exists() else None
    if old != text:
        path.write_text(text, encoding="utf-8")
        if dict(new) != dict(cat.register):  # not just the day of the last production build
            log.info(f"Updated {reg.FILENAME}: commit it with your content")


def on_build_error(error: Exception) -> None:
    if BUILD.audit is not None:
        BUILD.audit.cancel()
        BUILD.audit = None
    if BUILD.site and BUILD.building:
        BUILD.site.discard(BUILD.building)
        BUILD.building = None
    if BUILD.staged:
        remove_later(BUILD.staged)
        BUILD.staged = None


def on_shutdown() -> None:
    if BUILD.audit is not None:  # never leave the audit process behind
        BUILD.audit.cancel()
        BUILD.audit = None
    on_build_error(Exception())
    # Everything is written: spare the interpreter's final sweep over every object the build
    # made (a fifth of a second on 600 items). Nothing is collected after this in the process.
    gc.freeze()
