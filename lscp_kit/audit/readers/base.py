"""What every reader shares: `Readings` (the texts read out of one file), `Refused` (a file of a
known format that cannot be read completely) and `Context` (where a reader is, inside which
files, and how much it may still unpack)."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Callable

MAX_UNPACKED = 256 * 1024 * 1024  # bytes one published file may unpack to, nested files included
MAX_NESTING = 64  # files inside files: past this the file is refused (zip quines, gzip towers)
MEMBER_COST = 1024  # what each nested file costs at least (a million empty members is a limit too)
LIMIT_FIX = "the archive is larger than the limit: publish its documents one by one"


@dataclass
class Readings:
    """Every text read out of one file."""

    text: list[str] = field(default_factory=list)  # decoded text
    markup: list[str] = field(default_factory=list)  # decoded text also read with tags removed
    raw: list[str] = field(default_factory=list)  # strings found in raw bytes (UTF-16 runs)
    folded: list[str] = field(default_factory=list)  # raw bytes as Latin-1, already `fold_latin1`ed
    problems: list[str] = field(default_factory=list)  # notes on the reading (nothing is left unread)
    unreadable: list[str] = field(default_factory=list)  # "<inner name>: <why>: <how to fix>": refused
    members: list[str] = field(default_factory=list)  # "<SHA-256 hex> <path inside>" of every file inside

    def extend(self, other: Readings) -> None:
        self.text += other.text
        self.markup += other.markup
        self.raw += other.raw
        self.folded += other.folded
        self.problems += other.problems
        self.unreadable += other.unreadable
        self.members += other.members


class Refused(Exception):
    """A file of a format the readers know that they cannot read completely; the message says
    what is wrong and how to fix it ("...: re-export the PDF")."""


class LimitReached(Refused):
    """The published file unpacks past the limit: it is refused as a whole, once."""


def limit_reached() -> LimitReached:
    return LimitReached(f"unpacks to more than {MAX_UNPACKED / 2**20:g} MB: {LIMIT_FIX}")


@dataclass
class Budget:
    """What one published file may still unpack to, shared by every file inside it."""

    left: int = -1  # -1: MAX_UNPACKED, read when the budget is made

    def __post_init__(self) -> None:
        if self.left < 0:
            self.left = MAX_UNPACKED

    def charge(self, size: int) -> None:
        self.left -= max(size, MEMBER_COST)
        if self.left < 0:
            raise limit_reached()


@dataclass
class Context:
    """Where a reader is: `path` the names of the files it is inside (empty for the published
    file itself), `budget` what may still be unpacked, `nested` how to read a file inside."""

    nested_reader: Callable[[str, bytes, Context], Readings]
    path: tuple[str, ...] = ()
    budget: Budget = field(default_factory=Budget)

    def nested(self, name: str, data: bytes) -> Readings:
        """Read a file found inside the current one (charged to the budget)."""
        if len(self.path) >= MAX_NESTING:
            raise LimitReached(f"holds files nested more than {MAX_NESTING} deep: {LIMIT_FIX}")
        self.budget.charge(len(data))
        found = self.nested_reader(name, data, Context(self.nested_reader, self.path + (name,), self.budget))
        found.members.append(f"{hashlib.sha256(data).hexdigest()} {'/'.join(self.path + (name,))}")
        return found

    def where(self) -> str:
        """How a refused part is named: nothing for the file itself, its path inside it."""
        return "".join(f"{name}: " for name in self.path)

    @property
    def remaining(self) -> int:
        """How many bytes a decompressor may still produce."""
        return max(self.budget.left, 0)
