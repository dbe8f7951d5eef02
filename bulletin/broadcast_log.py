"""The broadcast log: one SQLite file per station, one record per airing.

Every write is a single transaction, so a record is either fully there or not
at all. The schema is versioned with ``PRAGMA user_version`` and upgraded by
the migrations in :data:`MIGRATIONS`, in order.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import uuid
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Iterator

from . import audio
from .errors import LogError
from .periods import Period
from .tags import read_tags

AIRED_FORMAT = "%Y-%m-%d %H:%M"


@dataclass(frozen=True)
class Broadcast:
    """One airing of one bulletin at one place."""

    id: str
    aired_at: str  # "YYYY-MM-DD HH:MM", local time of the station
    place: str
    bulletin_id: str
    title: str
    series: str
    level: str
    duration: float  # seconds
    file_name: str
    sha256: str
    operator: str = ""
    note: str = ""
    recorded_at: str = ""  # when the record was written (ISO, UTC)

    @property
    def aired(self) -> dt.datetime:
        return dt.datetime.strptime(self.aired_at, AIRED_FORMAT)

    @property
    def bulletin_key(self) -> str:
        """What makes two airings the same bulletin (re-broadcasts count once)."""
        return self.bulletin_id or self.sha256

    def as_dict(self) -> dict:
        return asdict(self)


COLUMNS = [f.name for f in fields(Broadcast)]

MIGRATIONS: list[str] = [
    # 1: the first schema
    """
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
    """,
]


def parse_aired(text: str) -> dt.datetime:
    """"YYYY-MM-DD HH:MM" (seconds and a 'T' separator are accepted)."""
    value = (text or "").strip().replace("T", " ")
    for fmt in (AIRED_FORMAT, "%Y-%m-%d %H:%M:%S"):
        try:
            return dt.datetime.strptime(value, fmt)
        except ValueError:
            continue
    raise ValueError(f"thời điểm phát không hợp lệ '{text}'; viết dạng \"2024-07-15 06:30\" (năm-tháng-ngày giờ:phút)")


@contextmanager
def connect(path: Path) -> Iterator[sqlite3.Connection]:
    """Open (and create or upgrade) the log; one transaction per ``with`` block."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), timeout=30, isolation_level=None)
    except (sqlite3.Error, OSError) as exc:
        raise LogError(f"không mở được sổ phát sóng ({exc})", path=path) from exc
    try:
        conn.execute("PRAGMA busy_timeout = 30000")
        _migrate(conn, path)
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    except sqlite3.DatabaseError as exc:
        raise LogError(f"sổ phát sóng bị lỗi hoặc không phải tệp SQLite ({exc})", path=path) from exc
    finally:
        conn.close()


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > len(MIGRATIONS):
        raise LogError(
            f"sổ phát sóng được tạo bởi phiên bản bulletin mới hơn (lược đồ {version}); hãy cập nhật bulletin",
            path=path,
        )
    if version == len(MIGRATIONS):
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Re-read under the write lock: another process may have migrated meanwhile.
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        for number in range(version, len(MIGRATIONS)):
            for statement in MIGRATIONS[number].split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number + 1}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def record_for_file(
    path: Path,
    aired: dt.datetime,
    *,
    place: str,
    operator: str = "",
    note: str = "",
    title: str | None = None,
    bulletin_id: str | None = None,
    series: str | None = None,
    default_series: str = "",
) -> Broadcast:
    """A record for airing ``path``: what it is from its tags, how long from its audio."""
    path = Path(path)
    if not path.is_file():
        raise LogError("không tìm thấy tệp âm thanh", path=path)
    tags = read_tags(path) if path.suffix.lower() == ".mp3" else None
    duration = audio.file_duration(path)
    if duration <= 0:
        raise LogError("tệp âm thanh không có nội dung", path=path)
    final_title = title or (tags.title if tags else "")
    if not final_title:
        raise LogError(
            "tệp không có thẻ tiêu đề (không do bulletin tạo); hãy ghi rõ --title \"…\" và nên có --id",
            path=path,
        )
    return Broadcast(
        id=str(uuid.uuid4()),
        aired_at=aired.strftime(AIRED_FORMAT),
        place=place,
        bulletin_id=bulletin_id or (tags.bulletin_id if tags else ""),
        title=final_title,
        series=series or (tags.series if tags else "") or default_series,
        level=(tags.level if tags else "") or "thường",
        duration=round(duration, 3),
        file_name=path.name,
        sha256=sha256_of(path),
        operator=operator,
        note=note,
        recorded_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    )


def add(db: Path, record: Broadcast) -> Broadcast:
    """Write ``record``; refuse an exact duplicate (same file, time and place)."""
    with connect(db) as conn:
        duplicate = conn.execute(
            "SELECT id FROM broadcasts WHERE sha256 = ? AND aired_at = ? AND place = ?",
            (record.sha256, record.aired_at, record.place),
        ).fetchone()
        if duplicate:
            raise LogError(
                f"đã có bản ghi này trong sổ (mã {duplicate[0]}): cùng tệp, cùng thời điểm {record.aired_at}, "
                f"cùng nơi phát '{record.place}'",
                path=db,
            )
        conn.execute(
            f"INSERT INTO broadcasts ({', '.join(COLUMNS)}) VALUES ({', '.join('?' for _ in COLUMNS)})",
            [getattr(record, c) for c in COLUMNS],
        )
    return record


def records(db: Path, period: Period | None = None) -> list[Broadcast]:
    """Records aired within ``period`` (all when None), oldest first."""
    if not Path(db).exists():
        return []
    with connect(db) as conn:
        query = f"SELECT {', '.join(COLUMNS)} FROM broadcasts"
        args: list = []
        if period is not None:
            query += " WHERE aired_at >= ? AND aired_at < ?"
            args = [period.start.isoformat(), (period.end + dt.timedelta(days=1)).isoformat()]
        rows = conn.execute(query + " ORDER BY aired_at, recorded_at", args).fetchall()
    return [Broadcast(*row) for row in rows]
