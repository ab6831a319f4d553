"""One build of the site, engine-neutral: the pipeline's order and state in one place.

    prepare   read the environment, content/, the register and the settings; decide every
              item as of the build moment; plan the staged tree: the one problem list that
              `make site`, `make preview` and `make report` share
    stage     write the staged tree (only what is public) that the engine builds from
    pages     the templates' data for each page; pages go to the audit as they are written
    finish    feeds and open data, the leak audit, the register, the swap into site/, the
              staged tree promoted, the summary

An engine adapter (hooks/publish.py for MkDocs and ProperDocs) turns engine objects into plain
data and calls these methods; it decides nothing. The clock is read by the caller.
"""
from __future__ import annotations

import fcntl
import logging
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from html import escape
from pathlib import Path
from typing import Iterable, Mapping

from lscp_kit import checks, routes, settings
from lscp_kit.prefetch import Job, Prefetch
from lscp_kit.audit.step import AuditStep
from lscp_kit.clock import AsOfError, london_day, parse_as_of
from lscp_kit.files import content, overrides, register_history, site_config, staging
from lscp_kit.files.site_config import SiteConfig
from lscp_kit.files.copy_store import CopyStore
from lscp_kit.files.sitedir import SiteDir, output_problem, remove_later
from lscp_kit.outputs import digest, pages, summary, writer
from lscp_kit.outputs.views import Views
from lscp_kit.problems import BuildStopped, Problem, format_problems
from lscp_kit.rules import annual, catalogue, holiday_cache, notices
from lscp_kit.rules import register as reg
from lscp_kit.rules.content_html import extension_problems
from lscp_kit.rules.items import is_item_source

log = logging.getLogger("lscp")
CONTENT = "content"
STAGING = ".staging"
PREVIEW_MARKER = "PREVIEW-BUILD-DO-NOT-DEPLOY.txt"
AS_OF_MARKER = "AS-OF-BUILD-DO-NOT-DEPLOY.txt"
NOT_PUBLISHED = "Nothing was published: the previous site/ is unchanged."
NOT_PUBLISHED_PREFIX = "Nothing was published: "
PREVIEW_DIR = "preview-site"  # where a preview is written: never the configured site_dir
# Pages whose templates' data wait for the attachment checks (the accessibility statement lists
# the documents that are not accessible): the engine renders them last, so that the checks read
# the attachments while the other pages render.
RENDER_LAST = ("accessibility.md",)


@dataclass(frozen=True)
class EngineFile:
    """A file the engine is about to publish: where it comes from and where it goes."""

    src: str
    dest: str
    page: bool
    abs_src: str | None


def preview_flag(value: str | None) -> bool:
    """SITE_PREVIEW: only "1" turns the preview on; "", "0" or unset leave it off; anything else
    (false, no, off ...) is an error rather than a guess."""
    if value is None or value.strip() in ("", "0"):
        return False
    if value.strip() == "1":
        return True
    raise ValueError(f"SITE_PREVIEW={value!r} is not understood: use SITE_PREVIEW=1 for a preview, "
                     "or leave it unset (or 0) for the public site")


class Build:
    """Everything one build knows, from `prepare` to `finish`."""

    def __init__(self, site: SiteConfig, command: str, environ: Mapping[str, str], now: datetime):
        self.site, self.command, self.environ, self.now = site, command, environ, now
        self.project = site.project
        self.content_dir = self.project / CONTENT
        self.preview = False
        self.as_of: datetime | None = None
        self.as_of_build = False
        self.verify_only = bool(environ.get("CI"))
        self.settings: settings.Settings | None = None
        self.attachments = checks.Findings()  # .accessibility: what the accessibility statement lists
        self.checked = False  # whether `attachments` holds this build's checks yet
        self.checks_late = False  # whether they are reported at `finish` (run beside the engine)
        self.prefetch: Prefetch | None = None
        self.cat: catalogue.Catalogue | None = None
        self.tree: content.Tree | None = None
        self.views: Views | None = None
        self.shown: frozenset[str] = frozenset()
        self.routes: dict[str, routes.Route] = {}
        self.staged_files: dict[str, staging.Staged] = {}
        self.problems: list[Problem] = []
        self.rendered: dict[str, str] = {}  # item id -> page HTML, for feeds that carry it in full
        self.linked: dict[str, str] = {}  # output path -> content path of each linked attachment
        self.folders = staging.Folders()
        self._overrides: dict[str, bytes] | None = None
        self.cached_records: list[dict] | None = None
        self.cached_counted: list | None = None
        self.staged: Path | None = None  # this build's staged tree
        self.store: CopyStore | None = None
        self.sitedir: SiteDir | None = None
        self.building: Path | None = None
        self.auditing = AuditStep(self)
        self.lock = None

    # Before the engine ---------------------------------------------------------------------

    def prepare(self) -> list[Problem]:
        """Every problem of the content, the settings and the environment, at once."""
        problems = self._environment()
        if self.as_of is None:
            self.problems = problems
            return problems
        day = london_day(self.as_of)
        self.settings, found = settings.read(self.site.site_name, self.site.site_url, self.site.extra)
        problems += found + self._config_problems()
        tree = self.tree = content.read_tree(self.content_dir, CONTENT)
        problems += tree.problems + content.overrides_problems(self.project / "overrides")
        register, found = content.read_register(self.project)
        holiday_cache.load(self.project / STAGING)
        problems += found + register_history.problems(self.project, register, day, self.environ)
        self.cat, found = catalogue.load(tree.sources, tree.files, day, register, CONTENT, self.settings.site_url)
        problems += found
        if self.verify_only and not self.preview:
            problems += reg.verify_problems(register, self.cat.items, self.cat.decisions, day)
        self.shown = frozenset(self.cat.items if self.preview else (i.id for i in self.cat.public))
        self.views = Views(self.cat, self.shown, tree.sizes, self.as_of)
        self.staged_files, found = staging.plan(self.cat, tree, self.shown, self._generated(), self._asset_refs())
        problems += found
        self._read_ahead()
        if problems or not self._audits():  # a production build checks its attachments beside the engine
            problems += self._check_attachments()
        else:
            self.checks_late = True
        self.problems = problems
        return problems

    def _audits(self) -> bool:
        """Whether this build publishes a site, and so runs the leak audit."""
        return self.command == "build" and not self.preview

    def _read_ahead(self) -> None:
        """Every attachment read once, two at a time, while the build goes on: the checks' facts
        of each one it publishes; for the leak audit, the readings of those and of every file
        of the items it does not publish."""
        audit = self._audits()
        jobs = {rel: Job(rel, s.source, audit, True) for rel, s in self.staged_files.items() if s.source is not None}
        if audit:
            for item in self.cat.items.values():
                if item.id not in self.shown:
                    jobs.update({rel: Job(rel, self.tree.path(rel), True, False) for rel in item.files
                                 if not rel.endswith(".md") and rel not in jobs})
        self.prefetch = Prefetch(list(jobs.values()), self.auditing.cache(), self._checks_cache())

    def _checks_cache(self) -> Path:
        return self.project / STAGING / "attachment-checks"

    def checked_attachments(self) -> checks.Findings:
        """The attachment checks of this build, once every attachment is read."""
        if not self.checked:
            self._check_attachments()
        return self.attachments

    def _config_problems(self) -> list[Problem]:
        """Markdown extensions and plugins that read other files (content/ after all), and scripts
        and stylesheets added to every page, are refused."""
        try:
            text = (self.project / site_config.CONFIG).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
        return (extension_problems(self.site.markdown_extensions, self.site.plugins, text)
                + site_config.view_code_problems(self.site, text))

    def _check_attachments(self) -> list[Problem]:
        """Public attachments checked before publication: redactions that do not hold, hidden
        history, metadata, accessibility. In a preview every shown item's files are checked and
        their problems are warnings, so an officer sees them without the preview stopping."""
        staged = self.staged_files
        assets = {rel: s.source for rel, s in staged.items() if rel.startswith("assets/") and s.source is not None}
        if self.prefetch is not None:
            self.prefetch.wait()
        self.attachments = checks.check_catalogue(
            self.cat, self.shown, lambda rel: staged[rel].source if rel in staged else None,
            self._checks_cache(), assets=assets)
        self.checked = True
        if self.preview:
            self.attachments.warnings[:0] = [str(p) for p in self.attachments.errors]
            return []
        return list(self.attachments.errors)

    def _environment(self) -> list[Problem]:
        """SITE_PREVIEW and SITE_AS_OF, read strictly (a report is always of the public site)."""
        problems = []
        try:
            self.preview = preview_flag(self.environ.get("SITE_PREVIEW")) and self.command != "report"
        except ValueError as err:
            problems.append(Problem("environment", "SITE_PREVIEW", str(err)))
        try:
            self.as_of = parse_as_of(self.environ.get("SITE_AS_OF"), self.now)
        except AsOfError as err:
            problems.append(Problem("environment", "SITE_AS_OF", str(err).removeprefix("SITE_AS_OF: ")))
            return problems
        self.as_of_build = london_day(self.as_of) != london_day(self.now)
        if problems:
            self.as_of = None
        return problems

    def _generated(self) -> dict[str, str]:
        filters = self.views.review_filters
        self.routes = routes.generated_pages(filters["types"], filters["themes"], self.views.themes("learning"))
        return {src: staging.page_text(route.title, "") for src, route in self.routes.items()}

    def _asset_refs(self) -> set[str]:
        """Paths under assets/ that the site config or the theme overrides name."""
        return overrides.asset_refs([*self.site.theme_values, dict(self.site.extra)], self.overrides())

    def overrides(self) -> dict[str, bytes]:
        if self._overrides is None:
            self._overrides = overrides.read_files(self.project / "overrides")
        return self._overrides

    def reminders(self) -> list[str]:
        """Warnings for the comms team: deadlines coming, the annual report, embargoes about to
        lift, pseudonyms that are ordinary words, attachment metadata."""
        return (catalogue.reminders(self.cat) + [w for w in [annual.warning(self.cat)] if w]
                + notices.embargo_reminders(self.cat) + notices.pseudonym_clashes(self.cat)
                + ([] if self.checks_late else self.attachments.warnings))

    @property
    def day(self):
        return self.cat.day

    @property
    def source_date_epoch(self) -> int:
        return int(self.as_of.timestamp())

    def template_data(self) -> dict:
        """What every page's templates read as ``config.extra.lscp``."""
        day = self.day.isoformat()
        return {"preview": self.preview, "as_of": day,
                "as_of_build": day if self.as_of_build and not self.preview else None,
                "feeds": [] if self.preview else writer.autodiscovery(self.settings, self.cat),
                "brand": self.settings.brand(), "calendar": writer.calendar_links(self.settings)}

    def theme_assets(self) -> dict[str, str]:
        """The theme's logo and favicon, when the partnership names its own."""
        brand = self.settings.brand()
        return {key: brand[key] for key in ("logo", "favicon") if brand[key]}

    def as_of_warning(self) -> str | None:
        if self.as_of_build and not self.preview:
            return (f"This is an as-of build for {self.day.isoformat()}, not today: it is marked "
                    f"{AS_OF_MARKER} and must never be deployed. The register is left alone.")
        return None

    # The engine's folders -----------------------------------------------------------------

    def stage(self) -> Path:
        """A fresh staged tree for this build, under a lock. It replaces .staging/public (what an
        engine without the kit would build) only once a production build has passed its audit."""
        base = self.project / STAGING
        base.mkdir(parents=True, exist_ok=True)
        if self.command != "build":  # the preview server: one tree, rewritten where it changed
            folder = base / ("serve-preview" if self.preview else "serve")
            staging.sync(self.staged_files, folder)
            return folder
        self.lock = open(base / ".lock", "w")  # noqa: SIM115 - held until the process ends
        fcntl.flock(self.lock, fcntl.LOCK_EX)
        staging.clean(base)
        self.staged = Path(tempfile.mkdtemp(prefix="build-", dir=base))
        self.store = CopyStore(base / "copies")
        staging.write_fresh(self.staged_files, self.staged, self.store)
        return self.staged

    def output_folder(self) -> Path:
        """Build into a fresh folder; the final one is pointed at it only once all has passed.
        A preview never writes into the configured output folder."""
        final = self.site.site_dir
        if self.preview:
            final = self.project / PREVIEW_DIR
            configured, _problems = site_config.read(self.project)
            if configured is not None and configured.site_dir.resolve() == final.resolve():
                final = self.project / (PREVIEW_DIR + "-only")  # the live site is called preview-site
            log.warning(f"Preview build: written to {final.name}/, never to the site's own folder.")
        problem = output_problem(final, self.project, (CONTENT, STAGING))
        if problem:
            raise BuildStopped(format_problems([problem]))
        self.sitedir = SiteDir(final)
        self.sitedir.lock()
        self.sitedir.clean()
        self.building = self.sitedir.new()
        return self.building

    def problems_tree(self) -> Path:
        """`make preview` with content problems: a one-page site listing them, so the browser
        shows what to fix instead of waiting for a build that cannot finish."""
        folder = self.project / STAGING / "problems"
        lines = "\n".join(f"<li><code>{escape(p.path)}</code>: <strong>{escape(p.key)}</strong>: "
                          f"{escape(p.message)}</li>" for p in sorted(set(self.problems)))
        text = (f"---\ntitle: Problems to fix\n---\n\n# Problems to fix\n\nThe site cannot be built until "
                f"these are fixed. This page updates when you save a file.\n\n<ul>\n{lines}\n</ul>\n")
        files = {"index.md": staging.Staged(text=text)}
        for path in self._asset_refs():  # the site's own stylesheet, so the page looks like the site
            if (self.content_dir / path).is_file() and not (self.content_dir / path).is_symlink():
                files[path] = staging.Staged(source=self.content_dir / path)
        staging.sync(files, folder)
        return folder

    def watched(self) -> list[Path]:
        """What the preview server watches: content/ and the register (never the staged tree)."""
        register = self.project / reg.FILENAME
        return [self.content_dir] + ([register] if register.exists() else [])

    # Files and pages ------------------------------------------------------------------------

    def take_files(self, files: Iterable[EngineFile]) -> set[str]:
        """The staged attachments a production build links instead of copying (their content
        paths). No two files may share an address (content/assets.md is served at
        assets/index.html): the build stops before anything is written."""
        if self.staged is None:
            return set()
        root = os.path.join(str(self.staged), "")
        by_address: dict[str, list[str]] = {}
        linked: set[str] = set()
        for file in files:
            staged = not file.page and bool(file.abs_src) and file.abs_src.startswith(root)
            if staged and not self.preview:  # a preview copies: it shares nothing with the live site
                linked.add(file.src)
                self.linked[file.dest] = file.src
            if staged or file.page:
                by_address.setdefault(file.dest.casefold(), []).append(file.src)
        clashes = staging.address_clashes(by_address, CONTENT)
        if clashes:
            raise BuildStopped(format_problems(clashes))
        return linked

    def link(self, abs_src: str, abs_dest: str) -> None:
        """The engine's copy of an attachment, as a hard link (a copy across file systems)."""
        self.folders.make(os.path.dirname(abs_dest))
        staging.link_file(abs_src, abs_dest)

    def page_view(self, src: str, output: Path) -> dict:
        """The templates' data for the page staged at `src`; the audit starts beside the engine
        before the first page renders (the attachments are in place by then)."""
        if self._audits():
            self.auditing.start(output)
        view = pages.view(self, src)
        if not self.preview:
            view["section_feed"] = writer.section_feed(self.settings, src, self.cat)
        return view

    def page_done(self, src: str, dest: str, html: str, abs_dest: str) -> None:
        """A page rendered, about to be written: kept for the feeds if they carry it in full, and
        the page before it (written by now) goes to the audit process, in batches."""
        ident = self.cat.owners.owner(src) if is_item_source(src) and src not in self.routes else None
        if writer.wants_html(self.cat, ident):
            self.rendered[ident] = html
        if self.staged is not None:  # the engine writes the page in place: never through a link
            try:
                os.unlink(abs_dest)
            except FileNotFoundError:
                pass
        self.auditing.page_written(dest)

    # After the engine ----------------------------------------------------------------------

    def finish(self, output: Path, engine_warnings: int = 0) -> list[str]:
        """Outputs, audit, register, swap and promote; the summary lines. With engine warnings
        (strict) nothing is published: the engine stops next and `discard` cleans up."""
        if self.preview:
            (output / PREVIEW_MARKER).write_text("This is a preview build: it shows items that are not "
                                                 "public. Never deploy it.\n", encoding="utf-8")
        else:
            errors = self._late_checks()
            writer.write_all(output, self.settings, self.cat, self.views, self.rendered, pages.records(self),
                             pages.counted(self))
            if self.as_of_build:
                (output / AS_OF_MARKER).write_text(f"This site was built as of {self.day.isoformat()}, not "
                                                   "today. Never deploy it.\n", encoding="utf-8")
            self.auditing.replace_changed_copies(output)
            self._audit(output, errors)
        if engine_warnings:
            return []
        old_register = self.cat.register
        holiday_cache.save(self.project / STAGING)  # before publishing: nothing after it may fail
        if self._audits() and not self.verify_only and not self.as_of_build:
            self._write_register()
        if self.sitedir and self.building:
            self.sitedir.publish(self.building)
            self.building = None
        if self.staged:
            if not self.preview and not self.as_of_build:
                staging.promote(self.staged, self.project / STAGING / "public")
            else:
                remove_later(self.staged)
            self.staged = None
        if self.command != "build":
            return []
        lines = summary.lines(self.cat, old_register, preview=self.preview, as_of_build=self.as_of_build)
        return lines + ([self._digest(old_register)] if not self.preview and not self.as_of_build else [])

    def _late_checks(self) -> list[Problem]:
        """The attachment checks of a build that ran them beside the engine: their warnings
        logged now, their errors returned (the build stops on them with the audit's verdict)."""
        if not self.checks_late:
            return []
        found = self.checked_attachments()
        for warning in found.warnings:
            log.warning(warning)
        return list(found.errors)

    def _audit(self, output: Path, errors: list[Problem]) -> None:
        """The leak audit's verdict, with the attachment problems found beside the engine: all
        of them at once."""
        try:
            self.auditing.finish(output)
        except BuildStopped as stop:
            if errors:
                raise BuildStopped(format_problems(errors) + "\nAnd " + str(stop).removeprefix(NOT_PUBLISHED_PREFIX)) \
                    from None
            raise
        if errors:
            raise BuildStopped(format_problems(errors))

    def _digest(self, old_register: reg.Register) -> str:
        """The email digest of what became public, outside the site; the summary's line."""
        came = summary.changes(self.cat, old_register)[1]
        return digest.publish(self.project, self.cat, came, self.settings, self.auditing.make_auditor)

    def _write_register(self) -> None:
        cat = self.cat
        new = reg.updated(cat.register, cat.decisions, cat.day)
        text = reg.dump(new)
        path = self.project / reg.FILENAME
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != text:
            path.write_text(text, encoding="utf-8")
            if dict(new) != dict(cat.register):  # not just the day of the last production build
                log.info(f"Updated {reg.FILENAME}: commit it with your content")

    def discard(self) -> None:
        """A build that stopped: the audit process ended, the unfinished folders removed."""
        self.auditing.cancel()
        if self.prefetch is not None:
            self.prefetch.close()
        if self.sitedir and self.building:
            self.sitedir.discard(self.building)
            self.building = None
        if self.staged:
            remove_later(self.staged)
            self.staged = None
