"""Retention and the publication register: what went public stays public for a year.

The register (``publication-register.yml``) remembers, across fresh clones, every item that is
public or scheduled with its first public day, and when an item went. Once an item's first
public day P has come, P is fixed, and the item must stay public through `anniversary(P)`.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable, Mapping

from lscp_kit.clock import anniversary, format_day, parse_day
from lscp_kit.rules.decisions import EMBARGOED, PUBLIC, SCHEDULED, Decision
from lscp_kit.rules.frontmatter import FrontMatterError, load_yaml
from lscp_kit.rules.items import Item
from lscp_kit.problems import Problem

FILENAME = "publication-register.yml"
_HEADER = """\
# Publication register: every item that is public or scheduled, with its first public day,
# and the day it went once it has gone. `make site` keeps this file current and CI verifies
# it; commit it with your content. Do not edit it by hand: it is the memory that keeps a
# published item online for at least a year (see README, "Retention").
"""
LISTED_STATES = (PUBLIC, SCHEDULED, EMBARGOED)


@dataclass(frozen=True)
class Entry:
    """An item's first public day, and the day it went (None while it is still listed)."""

    first_public: date
    gone: date | None = None


LAST_BUILD = "last_production_build"
FRESH_START = "fresh_start"


@dataclass(frozen=True)
class FreshStart:
    """`make init` started this register afresh on `day`, removing the kit's example items
    `removed`: registers committed before it held those, which are no longer this site's."""

    day: date
    removed: frozenset[str] = frozenset()


class Register(dict):
    """Entries by item id; `last_build` is the day of the last production build that wrote it;
    `fresh_start` is set once `make init` has started the partnership's own register."""

    last_build: date | None = None
    fresh_start: FreshStart | None = None


def retention_end(first_public: date) -> date:
    """The last day an item must still be public: the same date a year on (29 Feb -> 1 Mar)."""
    return anniversary(first_public)


def may_go_from(first_public: date) -> date:
    """The first day an item may leave the site."""
    return retention_end(first_public) + timedelta(days=1)


def parse(text: str) -> tuple[Register, list[Problem]]:
    """Read the register file strictly; malformed lines are problems, never ignored."""
    try:
        data = load_yaml(text) or {}
    except FrontMatterError as err:
        return Register(), [Problem(FILENAME, "file", f"{err}: restore it from git (git checkout {FILENAME})")]
    if not isinstance(data, dict):
        return Register(), [Problem(FILENAME, "file", f"not a register: restore it from git (git checkout {FILENAME})")]
    register, problems = Register(), []
    for ident, node in data.items():
        if ident == LAST_BUILD:
            try:
                register.last_build = parse_day(node)
            except ValueError as err:
                problems.append(Problem(FILENAME, LAST_BUILD, f"{err}: restore it from git"))
            continue
        if ident == FRESH_START:
            try:
                register.fresh_start = _fresh_start(node)
            except (ValueError, KeyError, TypeError) as err:
                problems.append(Problem(FILENAME, FRESH_START, f"{err}: restore it from git"))
            continue
        try:
            if not isinstance(node, dict) or set(node) - {"first_public", "gone"}:
                raise ValueError("must hold first_public and, once gone, gone")
            gone = parse_day(node["gone"]) if node.get("gone") is not None else None
            register[str(ident)] = Entry(parse_day(node.get("first_public")), gone)
        except (ValueError, KeyError) as err:
            problems.append(Problem(FILENAME, str(ident), f"{err}: restore it from git"))
    return register, problems


def _fresh_start(node) -> FreshStart:
    if not isinstance(node, dict) or set(node) - {"day", "removed"}:
        raise ValueError("must hold day and removed (the example items make init removed)")
    removed = node.get("removed") or []
    if not isinstance(removed, list):
        raise ValueError("removed must be a list of item ids")
    return FreshStart(parse_day(node.get("day")), frozenset(str(i) for i in removed))


def dump(register: Register) -> str:
    """The register as text: sorted by id, one stable form, so its git diff reads as a log."""
    lines = [_HEADER]
    if register.last_build:
        lines.append(f"{LAST_BUILD}: {register.last_build.isoformat()}\n")
    start = register.fresh_start
    if start:
        lines.append(f"{FRESH_START}:  # make init removed the kit's example items and started this register\n"
                     f"  day: {start.day.isoformat()}\n  removed:\n")
        lines.extend(f"    - {ident}\n" for ident in sorted(start.removed))
    for ident in sorted(register):
        entry = register[ident]
        lines.append(f"{ident}:\n  first_public: {entry.first_public.isoformat()}\n")
        if entry.gone:
            lines.append(f"  gone: {entry.gone.isoformat()}\n")
    return "".join(lines)


def fixed(register: Register, ident: str, day: date) -> date | None:
    """The recorded first public day of an item that has gone public and not yet gone."""
    entry = register.get(ident)
    if entry and entry.gone is None and entry.first_public <= day:
        return entry.first_public
    return None


def first_public_days(register: Register, decisions: Mapping[str, Decision], day: date) -> dict[str, date]:
    """Each listed item's first public day: the register's once fixed, else the content's."""
    days = {}
    for ident, decision in decisions.items():
        if decision.state in LISTED_STATES and decision.first_public_day:
            days[ident] = fixed(register, ident, day) or decision.first_public_day
    return days


def updated(register: Register, decisions: Mapping[str, Decision], day: date) -> Register:
    """The register as of `day`: listed items in, scheduled ones that left out, gone ones dated."""
    new = Register()
    new.last_build, new.fresh_start = day, getattr(register, "fresh_start", None)
    for ident, first in first_public_days(register, decisions, day).items():
        new[ident] = Entry(first)
    for ident, old in register.items():
        if ident in new or (old.first_public > day and old.gone is None):
            continue
        if old.first_public <= day or old.gone:
            decision = decisions.get(ident)
            went = old.gone or (decision.gone_on if decision and decision.gone_on else None) or day
            new[ident] = Entry(old.first_public, went)
    return new


def retention_problems(register: Register, items: Mapping[str, Item], day: date,
                       root: str = "content", skip: Iterable[str] = ()) -> list[Problem]:
    """Every way an item still inside its year would leave the site early (`skip`: items whose
    front matter could not be read, already reported)."""
    problems = []
    for ident, entry in sorted(register.items()):
        first = fixed(register, ident, day)
        if first is None or day > retention_end(first) or ident in skip:
            continue
        item = items.get(ident)
        for key, what in _early_exits(item, first):
            path = item.path if item else f"{root}/{ident}"
            problems.append(Problem(path, key, _retention_message(ident, what, first, undo=_undo(item, root, ident))))
    return problems


def _undo(item: Item | None, root: str, ident: str) -> str:
    """How to undo the change, naming the file as it is (or was) in the repository."""
    if item is None:
        return (f"Bring it back from git: `git checkout HEAD -- {root}/{ident}.md` if it was one page, or "
                f"`git checkout HEAD -- {root}/{ident}` if it was a folder with its files")
    return f"Undo this change (`git checkout HEAD -- {item.path}` puts back the committed file)"


def _early_exits(item: Item | None, first: date) -> list[tuple[str, str]]:
    if item is None:
        return [("file", "deleted")]
    go = may_go_from(first)
    exits = []
    if item.status == "draft":
        exits.append(("status", "set back to draft"))
    if item.type == "rapid-review":
        exits.append(("type", "made a rapid review, which is never public"))
    if item.embargo and (item.embargo.until is None or item.embargo.until > first):
        exits.append(("embargo", "embargoed"))
    if item.date and item.date > first:
        exits.append(("date", f"moved to {item.date}, later than its first public day"))
    if item.withdrawn and item.withdrawn.date < go:
        exits.append(("withdrawn.date", f"withdrawn on {item.withdrawn.date}"))
    if item.remove_after and item.remove_after < go:
        exits.append(("remove_after", f"removed on {item.remove_after}"))
    return exits


def _retention_message(ident: str, what: str, first: date, went: str = "first went public",
                       undo: str = "Change the date") -> str:
    end, go = retention_end(first), may_go_from(first)
    return (f"{ident} cannot be {what}: it {went} on {first} ({format_day(first)}) and "
            f"must stay online for at least a year, through {end}. The first day it may go is {go} "
            f"({format_day(go)}). {undo}, or date the withdrawal or removal {go} or later.")


def first_publication_problems(register: Register, items: Mapping[str, Item],
                               decisions: Mapping[str, Decision], day: date) -> list[Problem]:
    """Retention from the first build on: an item going public (or public but not yet in the
    register) may not plan to leave before its year is up."""
    problems = []
    for ident, item in sorted(items.items()):
        decision = decisions[ident]
        first = decision.first_public_day
        if decision.state not in LISTED_STATES or first is None or fixed(register, ident, day):
            continue
        go = may_go_from(first)
        for key, when, what in (("withdrawn.date", item.withdrawn and item.withdrawn.date, "withdrawn"),
                                ("remove_after", item.remove_after, "removed")):
            if when and first <= when < go and when > day:
                problems.append(Problem(item.path, key, _retention_message(
                    ident, f"{what} on {when}", first, "first goes public" if first > day else "first went public",
                    undo=f"Change `{key}` in {item.path}")))
    return problems


def verify_problems(register: Register, items: Mapping[str, Item], decisions: Mapping[str, Decision],
                    day: date) -> list[Problem]:
    """CI mode: the committed register must already say what this build would record."""
    expected = updated(register, decisions, day)
    fix = f"run `make site` and commit {FILENAME}"
    problems = []
    for ident, entry in sorted(expected.items()):
        if entry.gone is not None:
            continue
        old = register.get(ident)
        path = items[ident].path
        if old is None or old.gone is not None:
            problems.append(Problem(path, FILENAME, f"{ident} is {decisions[ident].state} (first public "
                                    f"day {entry.first_public}) but not in the register: {fix}"))
        elif old.first_public != entry.first_public:
            problems.append(Problem(path, FILENAME, f"the register says {ident} is first public on "
                                    f"{old.first_public}, the content says {entry.first_public}: {fix}"))
    for ident, old in sorted(register.items()):
        if old.gone is None and old.first_public > day and ident not in expected:
            problems.append(Problem(FILENAME, ident, f"listed as scheduled for {old.first_public}, but "
                                    f"it is no longer scheduled: {fix}"))
    return problems


def _kept(entry: Entry | None, old: Entry) -> bool:
    """The current register still holds an earlier entry: same first public day, not gone early."""
    return (entry is not None and entry.first_public == old.first_public
            and (entry.gone is None or entry.gone >= may_go_from(old.first_public)))


def history_problems(current: Register | None, versions: Iterable[tuple[str, Register]], day: date,
                     missing_file: bool = False) -> list[Problem]:
    """Append-only against git: every entry of an earlier committed register (`versions`:
    (commit, register), newest first) that had gone public and is still inside its year must
    still be in the current register. Registers committed before `make init` started this one
    held the kit's example: the items it removed are not this site's."""
    current = current if current is not None else Register()
    start = current.fresh_start
    lost: dict[str, tuple[str, Entry]] = {}
    for rev, old in versions:
        forgiven = start.removed if start and old.fresh_start is None else frozenset()
        for ident, entry in old.items():
            went_public = entry.first_public <= (old.last_build or day)
            if (entry.gone is None and went_public and day <= retention_end(entry.first_public)
                    and ident not in forgiven and ident not in lost and not _kept(current.get(ident), entry)):
                lost[ident] = (rev, entry)
    state = "is missing" if missing_file else "no longer holds it"
    return [Problem(FILENAME, ident, f"{ident} went public on {entry.first_public} and must stay online through "
                    f"{retention_end(entry.first_public)}, but the register {state}; git history (commit "
                    f"{rev[:12]}) still does. Put the register back: git checkout {rev[:12]} -- {FILENAME}")
            for ident, (rev, entry) in sorted(lost.items())]
