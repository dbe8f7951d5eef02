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


class ScriptErrors(ScriptError):
    """Several problems in one script, all found in one reading (``errors``, in line order)."""

    def __init__(self, errors: list[ScriptError], path: str | Path | None = None):
        self.errors = tuple(sorted(errors, key=lambda e: (e.line is not None, e.line or 0)))
        lines = "".join(
            f"\n  – {'dòng ' + str(e.line) + ': ' if e.line is not None else ''}{e.message}"
            + (f" ({_display(e.path)})" if e.path is not None and path is not None and e.path != Path(path) else "")
            for e in self.errors
        )
        super().__init__(f"{len(self.errors)} lỗi trong kịch bản:{lines}", path=path)

    @staticmethod
    def of(errors: list[ScriptError], path: str | Path | None = None) -> ScriptError:
        """The one error itself, or all of them together."""
        return errors[0] if len(errors) == 1 else ScriptErrors(errors, path)


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
