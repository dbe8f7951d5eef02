"""The rule tables in ``data/*.tsv``: loaded once, shared by every Normalizer.

Each file is UTF-8, one row per line, columns separated by a tab; blank
lines and lines starting with ``#`` are ignored. ``\\uXXXX`` escapes are
allowed where a character would be invisible (soft hyphen) or ambiguous.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"

_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def _unescape(value: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of ``data/<name>.tsv`` as tuples of columns (escapes resolved)."""
    out = []
    for line in (DATA_DIR / f"{name}.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        out.append(tuple(_unescape(col) for col in line.split("\t")))
    return tuple(out)


@cache
def pairs(name: str) -> dict[str, str]:
    """A two-column table as a dict (first row wins for a repeated key)."""
    table: dict[str, str] = {}
    for row in rows(name):
        table.setdefault(row[0], row[1] if len(row) > 1 else "")
    return table


@cache
def grouped(name: str) -> dict[str, tuple[str, ...]]:
    """A ``kind<TAB>value`` table as ``{kind: (value, ...)}``."""
    table: dict[str, list[str]] = {}
    for row in rows(name):
        table.setdefault(row[0], []).append(row[1])
    return {kind: tuple(values) for kind, values in table.items()}


@cache
def rule_descriptions() -> dict[str, str]:
    """Rule name -> the Vietnamese description shown by ``explain``."""
    return pairs("rules")
