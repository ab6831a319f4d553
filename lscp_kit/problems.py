"""User-facing problems: every one names the file, the key, what is wrong and what to do."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, reported as ``content/<path>: <key>: <message>``."""

    path: str
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.key}: {self.message}"


def format_problems(problems: Iterable[Problem]) -> str:
    """The report shown to a comms officer: a count, then one problem a line."""
    problems = sorted(set(problems))
    noun = "problem" if len(problems) == 1 else "problems"
    lines = [f"Nothing was published: {len(problems)} {noun} to fix first."]
    lines += [f"  {p}" for p in problems]
    return "\n".join(lines)


class BuildStopped(Exception):
    """The build stops: the message says what to fix; nothing was published."""
