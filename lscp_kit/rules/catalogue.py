"""The catalogue: every item, its decision as of a day, and every problem, from one pass."""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Mapping

from lscp_kit.files import layout
from lscp_kit.rules import register as reg
from lscp_kit.rules.content_html import html_problems
from lscp_kit.rules.decisions import Decision, decide
from lscp_kit.rules.items import Item, folder_index, is_item_source, item_id, parse_item
from lscp_kit.rules.links import Owners, hidden_link_problems, resolve
from lscp_kit.problems import Problem
from lscp_kit.routes import GENERATED_PREFIXES
from lscp_kit.rules.timelines import Timings, timeline_problems, timings
from lscp_kit.rules.timelines import reminders as timeline_reminders


@dataclass
class Catalogue:
    """Items and decisions as of `day`, with the indexes the site and the scripts need."""

    day: date
    items: dict[str, Item]
    decisions: dict[str, Decision]
    register: reg.Register = field(default_factory=reg.Register)
    unparsed: frozenset[str] = frozenset()  # ids of items whose front matter could not be read
    targets: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)  # page -> target -> paths

    @cached_property
    def first_public(self) -> dict[str, date]:
        """First public day of every public or scheduled item (the register's, once fixed)."""
        return reg.first_public_days(self.register, self.decisions, self.day)

    @cached_property
    def links(self) -> dict[str, frozenset[str]]:
        """Every content path each page's links may reach."""
        return {src: frozenset().union(*found.values()) for src, found in self.targets.items()}

    def published_page(self, src: str) -> bool:
        """True for a page the site shows: a plain page, or a public item's page (an item that
        failed to parse has its own problems reported)."""
        if not is_item_source(src):
            return True
        owner = self.owners.owner(src)
        return owner in self.items and self.is_public(owner)

    def is_public(self, ident: str) -> bool:
        decision = self.decisions.get(ident)
        return bool(decision and decision.public)

    @cached_property
    def public(self) -> list[Item]:
        """Public items, newest first (first public day, then title)."""
        items = [i for i in self.items.values() if self.is_public(i.id)]
        return sorted(items, key=lambda i: (-self.first_public[i.id].toordinal(), i.title, i.id))

    @cached_property
    def hidden(self) -> list[Item]:
        return [i for i in self.items.values() if not self.is_public(i.id)]

    def review(self, ref: str) -> Item | None:
        """The review a learning item's `reviews:` entry names (``2022-baby-x``)."""
        item = self.items.get(f"reviews/{ref}")
        return item if item and item.section == "reviews" else None

    @cached_property
    def _learning_by_review(self) -> dict[str, list[Item]]:
        index: dict[str, list[Item]] = {}
        for learning in self.public:
            for ref in learning.reviews:
                index.setdefault(f"reviews/{ref}", []).append(learning)
        return index

    def public_learning_about(self, review: Item) -> list[Item]:
        """Public learning items that draw on `review`, newest first."""
        return self._learning_by_review.get(review.id, [])

    def first_public_of(self, ident: str) -> date | None:
        """The item's first public day: the register's, once fixed; else its decision's."""
        return self.first_public.get(ident) or self.decisions[ident].first_public_day

    def timings(self, item: Item) -> Timings:
        return timings(item, self.first_public_of(item.id))

    @cached_property
    def owners(self) -> Owners:
        return Owners(self.items.values(), self.unparsed)


def load(sources: Mapping[str, str], files: frozenset[str], day: date, register: reg.Register | None = None,
         root: str = "content", site_url: str = "") -> tuple[Catalogue, list[Problem]]:
    """Parse every item, decide each as of `day`, and collect every problem of the content."""
    items: dict[str, Item] = {}
    problems: list[Problem] = []
    failed: set[str] = set()  # ids of items whose own problems are reported: no knock-on errors
    folders = folder_index(files)
    bundles = layout.bundles(frozenset(files))
    for src in sorted(sources):
        if is_item_source(src) and layout.classify(src, bundles)[0] == layout.ITEM:
            item, found = parse_item(src, sources[src], files, root, folders)
            problems += found
            if item:
                items[item.id] = item
            else:
                failed.add(item_id(src))
    decisions = {ident: decide(item, day) for ident, item in items.items()}
    cat = Catalogue(day, items, decisions, reg.Register() if register is None else register, frozenset(failed))
    cat.targets = resolve(sources, site_url)
    problems += html_problems(sources, root)
    problems += _reference_problems(cat, failed)
    problems += _notice_problems(cat)
    problems += _link_problems(cat, cat.links, root, sources, site_url)
    problems += _missing_link_problems(cat, files, root)
    problems += reg.retention_problems(cat.register, items, day, root, skip=failed)
    problems += reg.first_publication_problems(cat.register, items, decisions, day)
    return cat, problems


def _reference_problems(cat: Catalogue, failed: set[str]) -> list[Problem]:
    problems = []
    for item in cat.items.values():
        for ref in item.reviews:
            if cat.review(ref) is None and f"reviews/{ref}" not in failed:
                problems.append(Problem(item.path, "reviews", f"{ref!r} is not a review: give its path "
                                "under content/reviews/ without .md, e.g. 2022-baby-x"))
    return problems


def _notice_problems(cat: Catalogue) -> list[Problem]:
    return [p for i in cat.items.values()
            for p in timeline_problems(i, cat.decisions[i.id], cat.first_public.get(i.id), cat.day)]


def _link_problems(cat: Catalogue, links: Mapping[str, frozenset[str]], root: str,
                   sources: Mapping[str, str], site_url: str) -> list[Problem]:
    """Links from every page that will be published (public items and plain pages)."""
    hidden = {i.id: cat.decisions[i.id] for i in cat.hidden}
    if not hidden:
        return []
    pages = {src: paths for src, paths in links.items() if cat.published_page(src)}
    return hidden_link_problems(pages, cat.owners, hidden, root, sources, site_url)




def _missing_link_problems(cat: Catalogue, files: frozenset[str], root: str) -> list[Problem]:
    """A link from a page to a file or page that does not exist: reported with every other
    problem, before the engine would stop on it alone."""
    problems = []
    for src, found_by_target in cat.targets.items():
        if not cat.published_page(src):
            continue
        for target, found in sorted(found_by_target.items()):
            path = target.split("#", 1)[0].split("?", 1)[0]
            if not posixpath.splitext(path)[1] or path.startswith("/") or "://" in path or ":" in path.split("/")[0]:
                continue
            if found and not any(p in files or p.startswith(GENERATED_PREFIXES) for p in found):
                problems.append(Problem(f"{root}/{src}", "link", f"links to {target}, which does not exist "
                                        f"(looked for content/{sorted(found)[0]}): correct the link or add the file"))
    return problems


def reminders(cat: Catalogue) -> list[str]:
    """Things the comms team must do before a scheduled item's day (not errors yet)."""
    return sorted(r for i in cat.items.values()
                  for r in timeline_reminders(i, cat.decisions[i.id], cat.first_public.get(i.id)))
