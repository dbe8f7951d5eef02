"""Which bulletin a file is: identity given on the command line, and a stable id proposed for
documents that carry none (.docx, .txt), so a corrected rebuild stays the same bulletin."""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterable
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


def same_title(a: str, b: str) -> bool:
    """Whether two titles name the same bulletin (case, spacing and Unicode form aside)."""
    return _title_key(a) == _title_key(b)


def _title_key(title: str) -> str:
    return " ".join(unicodedata.normalize("NFC", title or "").casefold().split())


def proposal_prefix(series: str, day: dt.date | None) -> str:
    """"TTĐN-2024-Q4-": what every id proposed for the series in that quarter starts with."""
    return f"{series_initials(series)}-{quarter_of(day or dt.date.today()).label}-"


_NUMBERED = re.compile(r"^(.*-)(\d+)$")


def next_id(prefix: str, taken: Iterable[tuple[str, str]], title: str | None = None,
            made: Iterable[tuple[str, str]] = ()) -> str:
    """The id for a bulletin titled ``title``: the id a bulletin of the same title already has in
    ``taken`` (the log's (id, title) pairs), else in ``made`` (files and scripts made but perhaps not
    logged; one whose id the log gives another title is stale), else ``prefix`` and the first number
    neither uses. Pure."""
    taken = [(i, t) for i, t in taken if i.startswith(prefix)]
    made = [(i, t) for i, t in made if i.startswith(prefix)]
    if title:
        logged_as = {}
        for i, t in taken:
            logged_as.setdefault(i, []).append(t)
        for pairs in (taken, [(i, t) for i, t in made if i not in logged_as or
                              any(same_title(other, t) for other in logged_as[i])]):
            same = sorted((_number(i, prefix), i) for i, t in pairs if same_title(t, title) and _number(i, prefix))
            if same:
                return same[0][1]
    used = {i for i, _ in taken} | {i for i, _ in made}
    number = 1
    while f"{prefix}{number:02d}" in used:
        number += 1
    return f"{prefix}{number:02d}"


def _number(bulletin_id: str, prefix: str) -> int:
    tail = bulletin_id[len(prefix):]
    return int(tail) if tail.isdigit() else 0


def split_numbered(bulletin_id: str) -> str | None:
    """"TTĐN-2024-Q4-" from "TTĐN-2024-Q4-02" (None for an id without a number at its end)."""
    m = _NUMBERED.match(bulletin_id or "")
    return m.group(1) if m else None


def logged_ids(db: Path | None, prefix: str) -> list[tuple[str, str]]:
    """(id, title) of every entry in the log whose id starts with ``prefix``; the log is only read
    (never created), and one that cannot be read holds none."""
    if db is None or not Path(db).is_file():
        return []
    try:
        conn = sqlite3.connect(f"{Path(db).resolve().as_uri()}?mode=ro", uri=True)
        try:
            return [(i, t) for i, t in conn.execute(
                "SELECT DISTINCT bulletin_id, title FROM broadcasts WHERE substr(bulletin_id, 1, ?) = ?",
                (len(prefix), prefix))]
        finally:
            conn.close()
    except sqlite3.Error:
        return []


MAX_MADE_FILES = 5000  # files looked at per folder: a station's out/ and scripts/, not a whole disk


def made_ids(folders: Iterable[Path], prefix: str) -> list[tuple[str, str]]:
    """(id, title) of the bulletins already made in ``folders`` whose id starts with ``prefix``: the tags
    of built files (.mp3, .wav) and the front matter of scripts (.md, as ``convert`` writes them).

    So that two documents made before either is logged do not get the same proposed id.
    """
    from bulletin.audio.tags import read_tags
    from bulletin.errors import AssetError

    found: list[tuple[str, str]] = []
    for folder in dict.fromkeys(Path(f) for f in folders):
        try:
            paths = sorted(p for p in folder.iterdir() if not p.name.startswith("."))[:MAX_MADE_FILES]
        except OSError:
            continue
        for path in paths:
            suffix = path.suffix.lower()
            try:
                if not path.is_file():
                    continue
                if suffix in (".mp3", ".wav"):
                    tags = read_tags(path)
                    pair = (tags.bulletin_id, tags.title)
                elif suffix == ".md":
                    pair = _front_matter_identity(path)
                else:
                    continue
            except (AssetError, OSError, ValueError):
                continue
            if pair[0].startswith(prefix):
                found.append(pair)
    return found


def _front_matter_identity(path: Path) -> tuple[str, str]:
    """The ``id`` and ``title`` lines of a script's front matter (plain values, as ``convert`` writes them)."""
    values = {"id": "", "title": ""}
    with open(path, encoding="utf-8-sig", errors="replace") as handle:
        lines = [handle.readline() for _ in range(102)]
    if lines[0].strip() != "---":
        return "", ""
    for line in lines[1:]:
        if line.strip() in ("---", "..."):
            break
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if sep and key in values:
            values[key] = _scalar(value.strip())
    return values["id"], values["title"]


def _scalar(text: str) -> str:
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1].replace("''", "'")
    if len(text) >= 2 and text[0] == text[-1] == '"':
        try:
            return str(json.loads(text))
        except ValueError:
            return text[1:-1]
    return text


def propose_id(series: str, day: dt.date | None, db: Path | None, *, title: str | None = None,
               folders: Iterable[Path] = ()) -> str:
    """"TTĐN-2024-Q4-02": series initials, quarter and a number.

    The number is the one a bulletin titled ``title`` already has in the log or among the files
    made in ``folders`` (the same document made again keeps its id), else the next one used by
    none of them (two different documents made the same day get different ids). The log is only
    read (never created); with nothing made yet the number is 01.
    """
    prefix = proposal_prefix(series, day)
    return next_id(prefix, logged_ids(db, prefix), title, made_ids(folders, prefix))
