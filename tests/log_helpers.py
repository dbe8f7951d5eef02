"""Helpers for the broadcast log, quota and report tests."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

from helpers import tone, write_audio

from bulletin.audio.tags import BulletinTags, write_tags
from bulletin.log.record import Broadcast

SERIES = "Thông tin đối ngoại"

# The foundation's schema (version 1), exactly as the first release created it.
V1_SCHEMA = """
    CREATE TABLE broadcasts (
        id TEXT PRIMARY KEY,
        aired_at TEXT NOT NULL,
        place TEXT NOT NULL,
        bulletin_id TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL,
        series TEXT NOT NULL DEFAULT '',
        level TEXT NOT NULL DEFAULT '',
        duration REAL NOT NULL,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        operator TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        recorded_at TEXT NOT NULL
    );
    CREATE INDEX broadcasts_aired ON broadcasts (aired_at);
    PRAGMA user_version = 1;
"""


def bulletin_mp3(folder: Path, name: str, seconds: float = 3.0, *, freq: float = 440.0, **tags: str) -> Path:
    """A real MP3 (real ffmpeg) with the tags ``bulletin build`` writes."""
    path = write_audio(Path(folder) / name, tone(seconds, freq=freq), 44100)
    if tags:
        write_tags(path, BulletinTags(**tags))
    return path


def entry(aired_at: str, key: str = "A", *, series: str = SERIES, duration: float = 590.0, kind: str = "add",
          planned: str = "", place: str = "Cụm loa trung tâm", note: str = "", title: str | None = None,
          reason: str = "") -> Broadcast:
    """A broadcast record value for pure tests and for writing with the library."""
    ident = str(uuid.uuid4())
    return Broadcast(
        id=ident, aired_at=aired_at, place=place, bulletin_id=key, title=title or f"Bản tin {key}", series=series,
        level="thường", duration=duration, file_name=f"{key}.mp3",
        sha256=hashlib.sha256(key.encode()).hexdigest(), note=note, recorded_at="2024-01-01T00:00:00+00:00",
        planned_quarter=planned, kind=kind, record_id=ident, reason=reason,
    )
