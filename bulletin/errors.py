"""Exceptions an operator can act on.

Every expected problem is raised as a :class:`BulletinError` subclass whose
message is already in Vietnamese and names the file (and line) involved.
Only the CLI turns them into a printed message and an exit code.
"""

from __future__ import annotations

from pathlib import Path


class BulletinError(Exception):
    """Base class: an expected problem with a message for the operator."""

    exit_code = 1

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None):
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{_display(self.path)}"
            if self.line is not None:
                where += f", dòng {self.line}"
            where += ": "
        return where + self.message


class UsageError(BulletinError):
    """The command was called the wrong way (exit code 2)."""

    exit_code = 2


class ConfigError(BulletinError):
    """The station configuration (bulletin.toml) is wrong."""


class ScriptError(BulletinError):
    """A bulletin script cannot be read or is malformed."""


class AssetError(BulletinError):
    """A referenced audio file is missing or cannot be decoded."""


class EngineError(BulletinError):
    """A speech engine cannot be used at all (stop, or fall back)."""


class ChunkError(EngineError):
    """One piece of text could not be synthesized (retry or fall back)."""


class AudioError(BulletinError):
    """Audio processing or encoding failed."""


class FitError(BulletinError):
    """The mandatory content cannot fit the target duration."""


class LogError(BulletinError):
    """The broadcast log cannot be read or written."""


def _display(path: Path) -> str:
    """Show a path relative to the current folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)
