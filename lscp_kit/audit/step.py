"""The build's audit step: the audit process started beside the engine, pages sent to it as
they are written, changed copies replaced, and the final verdict that stops the build on any
trace of a non-public item."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

from lscp_kit.audit import UNREADABLE, Auditor, BackgroundAudit, audit_site, package_template_dirs
from lscp_kit.audit.matcher import SHARED
from lscp_kit.audit.sources import leak_sources
from lscp_kit.files import overrides, staging
from lscp_kit.problems import BuildStopped

if TYPE_CHECKING:
    from lscp_kit.build import Build

log = logging.getLogger("lscp")
CONTENT = "content"
AUDIT_BATCH = 40  # pages sent to the audit process at a time


class AuditStep:
    """The leak audit of one production build."""

    def __init__(self, build: Build):
        self.build = build
        self.audit: BackgroundAudit | None = None
        self.last_page: str | None = None
        self.written: list[str] = []

    def make_auditor(self, public_digests: Mapping[str, bytes] | None = None) -> Auditor:
        """The auditor of this build: every hidden item's needles and files, less what is public.
        `public_digests`: digests of published files known already (the audit process's)."""
        b = self.build
        cat, staged = b.cat, b.staged_files
        hidden = [i for i in cat.items.values() if i.id not in b.shown]
        return Auditor(hidden, [cat.items[i] for i in b.shown], public_paths=staged,
                       hidden_files={p: b.tree.path(p) for i in hidden for p in i.files},
                       public_files={p: s.source for p, s in staged.items() if s.source is not None},
                       public_digests=public_digests, cache_dir=self.cache(),
                       site_files={**{f"overrides/{n}": d for n, d in b.overrides().items()},
                                   "mkdocs.yml": b.project / "mkdocs.yml"},
                       names=_names(b), public_pages={p: s.text for p, s in staged.items() if s.text is not None})

    def cache(self) -> Path:
        """Texts read out of files, and verdicts on contents, kept between builds."""
        return self.build.project / ".staging" / "audit-cache"

    def start(self, output: Path) -> None:
        """The audit process, once the engine has put the attachments in place."""
        b = self.build
        if self.audit is None:
            digests = b.store.digests() if b.store else {}
            expected = {dest: digests[src] for dest, src in b.linked.items() if src in digests}
            self.audit = BackgroundAudit(self.make_auditor, output, package_template_dirs(), self.cache(),
                                         overrides.inlined_styles(output, b.overrides()), expected,
                                         ready=b.prefetch.ready if b.prefetch else None)

    def page_written(self, dest: str) -> None:
        """The engine writes a page after it is handed over: so the page before it is written."""
        if self.audit is None:
            return
        if self.last_page:
            self.written.append(self.last_page)
        self.last_page = dest
        if len(self.written) >= AUDIT_BATCH:
            self.audit.written(self.written)
            self.written = []

    def replace_changed_copies(self, output: Path) -> None:
        """Linked attachments whose bytes are no longer those copied from content/ (a tool rewrote
        a file of site/ in place, keeping its size and time): copied afresh and linked again, in
        the output and the staged tree, before the final audit reads them."""
        b = self.build
        if self.audit is None or b.store is None:
            return
        try:
            changed = self.audit.changed()
        except RuntimeError as err:
            raise BuildStopped(f"Nothing was published: {err}.") from None
        for dest in changed:
            src = b.linked[dest]
            try:
                copy = b.store.refresh(src, b.tree.path(src))
            except OSError as err:
                raise BuildStopped(f"Nothing was published: site/{dest} had been changed in place after an "
                                   f"earlier build, and {CONTENT}/{src} could not be copied again ({err}): was it "
                                   "moved or deleted while the site was building? Build again.") from None
            staging.link_file(copy, b.staged / src)
            staging.link_file(copy, output / dest)
            log.info(f"site/{dest} had been changed in place after an earlier build: published again "
                     f"from {CONTENT}/{src}")
        if changed:
            b.store.save()

    def finish(self, output: Path) -> None:
        """Stop on any trace of a non-public item in any output file or path; only files
        byte-identical to the installed theme's own are skipped (overrides are always read)."""
        b = self.build
        if self.audit is not None:
            try:
                leaks, problems = self.audit.result()
            except RuntimeError as err:
                raise BuildStopped(f"Nothing was published: {err}.") from None
            finally:
                self.audit = None
        else:
            auditor = self.make_auditor()
            leaks = audit_site(output, auditor, package_template_dirs(), cache_dir=self.cache(),
                               blocks=overrides.inlined_styles(output, b.overrides()))
            problems = auditor.problems
        for problem in problems:
            log.info(problem)
        if leaks:
            raise BuildStopped(refusal(leaks, b))



    def cancel(self) -> None:
        """Never leave the audit process behind."""
        if self.audit is not None:
            self.audit.cancel()
            self.audit = None


def _names(build: Build) -> list[str]:
    """The partnership's own names: its site's name, its name, short name and partners."""
    s = build.settings
    return [] if s is None else [s.site_name, s.name, s.short_name, *s.partners]


def refusal(leaks: list, build: Build) -> str:
    """The message of a refused build: traces of hidden items (with the content files they come
    from), files a public and a hidden item share, and files that cannot be read completely."""
    unreadable = [leak for leak in leaks if leak.what == UNREADABLE]
    shared = [leak for leak in leaks if leak.what == SHARED]
    traces = [leak for leak in leaks if leak not in unreadable and leak not in shared]
    parts = []
    if traces:
        parts.append(f"the leak audit found {len(traces)} trace(s) of items that are not public. Remove them "
                     "from the public pages:\n" + "\n".join(f"  {leak}" for leak in traces)
                     + leak_sources(traces, build.tree, build.cat, CONTENT))
    if shared:
        parts.append(f"{len(shared)} file(s) are attached to a public item and to one that is not public:\n"
                     + "\n".join(f"  {leak}" for leak in shared))
    if unreadable:
        parts.append(f"{len(unreadable)} published file(s) cannot be read completely by the audit. Fix or "
                     "remove each one:\n" + "\n".join(f"  {leak}" for leak in unreadable))
    return "Nothing was published: " + "\n".join(parts)
