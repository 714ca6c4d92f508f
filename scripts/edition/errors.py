"""The one error a user can cause: it names the file and line and never becomes a traceback."""

from __future__ import annotations

from pathlib import Path


class EditionError(Exception):
    """A problem in an input file, reported as ``path:line: message``."""

    def __init__(self, path: str | Path, message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(self.location() + ": " + message)

    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path
