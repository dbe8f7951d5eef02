"""Which bulletin a file is: identity given on the command line, and a stable id proposed for
documents that carry none (.docx, .txt), so a corrected rebuild stays the same bulletin."""

from __future__ import annotations

import datetime as dt
import sqlite3
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

from bulletin.periods import quarter_of

PROPOSE_FOR = (".docx", ".txt")


def needs_proposed_id(path: Path) -> bool:
    """True for a document (.docx, .txt) and for a recording whose own tags carry no bulletin id."""
    suffix = Path(path).suffix.lower()
    if suffix in PROPOSE_FOR:
        return True
    from bulletin.script.recording import is_recording

    if not is_recording(path) or not Path(path).is_file():
        return False
    from bulletin.audio.tags import read_file_tags

    return not read_file_tags(path).bulletin_id


@dataclass(frozen=True)
class Identity:
    """Values that replace the script's own (``build``/``check`` --id, --title, --series, --date, --level)."""

    id: str | None = None
    title: str | None = None
    series: str | None = None
    date: dt.date | None = None
    level: str | None = None

    @property
    def empty(self) -> bool:
        return all(v is None for v in (self.id, self.title, self.series, self.date, self.level))


def apply_identity(script, identity: Identity | None):
    """``script`` with the given identity values in its metadata."""
    if identity is None or identity.empty:
        return script
    changes = {k: v for k, v in {"id": identity.id, "title": identity.title, "series": identity.series,
                                 "date": identity.date, "level": identity.level}.items() if v is not None}
    return replace(script, meta=replace(script.meta, **changes))


def series_initials(series: str) -> str:
    """"Thông tin đối ngoại" -> "TTĐN" (the usual abbreviation of a series)."""
    letters = []
    for word in series.split():
        first = word[0]
        base = unicodedata.normalize("NFD", first)[0]
        letters.append("Đ" if first in "Đđ" else base.upper())
    return "".join(c for c in letters if c.isalnum()) or "BT"


def propose_id(series: str, day: dt.date | None, db: Path | None) -> str:
    """"TTĐN-2024-Q4-02": series initials, quarter and the next number not yet used in the log.

    The log is only read (never created); without one the number is 01.
    """
    quarter = quarter_of(day or dt.date.today()).label
    prefix = f"{series_initials(series)}-{quarter}-"
    used: set[str] = set()
    if db is not None and Path(db).is_file():
        try:
            conn = sqlite3.connect(f"{Path(db).resolve().as_uri()}?mode=ro", uri=True)
            try:
                used = {row[0] for row in conn.execute(
                    "SELECT DISTINCT bulletin_id FROM broadcasts WHERE bulletin_id LIKE ?", (prefix + "%",))}
            finally:
                conn.close()
        except sqlite3.Error:
            used = set()
    number = 1
    while f"{prefix}{number:02d}" in used:
        number += 1
    return f"{prefix}{number:02d}"
