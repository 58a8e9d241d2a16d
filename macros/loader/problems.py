"""Problems found in data/: where (file, line, column, field) and what, in Swedish."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the project root, with forward slashes
    line: int  # 1-based; 0 when the whole file is meant
    column: int  # 1-based
    field: str  # dotted field path, e.g. "participants.max" or "levels[0]"; "" for the file
    message: str  # what was expected, what was found

    def __str__(self) -> str:
        field = self.field or "(filen)"
        return f"{self.path}:{self.line}:{self.column}: {field}: {self.message}"

    def github_annotation(self) -> str:
        # GitHub Actions shows these as inline annotations on the pull request.
        message = f"{self.field or '(filen)'}: {self.message}".replace("%", "%25").replace("\n", "%0A")
        return f"::error file={self.path},line={max(self.line, 1)},col={max(self.column, 1)}::{message}"


class DataError(Exception):
    """Raised when data/ has problems; carries all of them, sorted by file and line."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        noun = "fel" if count == 1 else "fel"
        lines = [str(p) for p in self.problems]
        lines.append(f"{count} {noun} i data/. Rätta dem och kör igen.")
        return "\n".join(lines)


def in_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def field_path(path: tuple) -> str:
    """("participants", "max") -> "participants.max"; ("levels", 0) -> "levels[0]"."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
