"""The ``bulletin`` command: a thin layer that parses options, calls the library, prints.

Only this package imports click, prints or exits. Expected problems arrive as
:class:`~bulletin.errors.BulletinError` and become one Vietnamese message and
an exit code (1 for bad input, 2 for bad usage); ``--debug`` shows tracebacks.
"""

import signal

from bulletin.cli import doctor, engines, log, onair, produce, reports, web  # noqa: F401  (each module registers its commands)
from bulletin.cli.base import cli, terminated, utf8_console

__all__ = ["cli", "main"]


def main() -> None:
    utf8_console()
    # A scheduler stops a command with SIGTERM: stop like Ctrl+C (temporary files removed,
    # programs we started ended) instead of dying with everything left behind.
    signal.signal(signal.SIGTERM, terminated)
    cli(prog_name="bulletin")

