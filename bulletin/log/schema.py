"""The broadcast log's SQLite file: opening it, one transaction at a time, and its migrations.

The schema is versioned with ``PRAGMA user_version`` and upgraded by the
migrations in :data:`MIGRATIONS`, in order, inside one write transaction (so a
half-upgraded file cannot exist). Writers take the write lock at the start of
their transaction (``BEGIN IMMEDIATE``), which serializes them: several
processes can write at once and none of their records is lost.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from bulletin.errors import LogError
from bulletin.log.record import ADD, V1_COLUMNS, Broadcast, entry_hash

# What identifies a bulletin: its id, or the audio file's hash when it has none.
# Written the same way in queries so SQLite uses the index built on it.
KEY_SQL = "(CASE WHEN bulletin_id <> '' THEN bulletin_id ELSE sha256 END)"

BUSY_TIMEOUT_MS = 60_000


def _chain_and_corrections(conn: sqlite3.Connection) -> None:
    """2: corrections, planned quarter, per-origin hash chain; chains the records already there."""
    columns = (
        ("planned_quarter", "TEXT NOT NULL DEFAULT ''"),
        ("kind", "TEXT NOT NULL DEFAULT 'add'"),
        ("record_id", "TEXT NOT NULL DEFAULT ''"),
        ("supersedes", "TEXT NOT NULL DEFAULT ''"),
        ("reason", "TEXT NOT NULL DEFAULT ''"),
        ("origin", "TEXT NOT NULL DEFAULT ''"),
        ("seq", "INTEGER NOT NULL DEFAULT 0"),
        ("prev_id", "TEXT NOT NULL DEFAULT ''"),
        ("prev_hash", "TEXT NOT NULL DEFAULT ''"),
        ("hash", "TEXT NOT NULL DEFAULT ''"),
    )
    for name, declaration in columns:
        conn.execute(f"ALTER TABLE broadcasts ADD COLUMN {name} {declaration}")
    conn.execute("CREATE TABLE log_info (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute(
        """CREATE TABLE origins (
            origin TEXT PRIMARY KEY,
            name TEXT NOT NULL DEFAULT '',
            head_seq INTEGER NOT NULL DEFAULT 0,
            head_id TEXT NOT NULL DEFAULT '',
            head_hash TEXT NOT NULL DEFAULT ''
        )"""
    )
    log_id = str(uuid.uuid4())
    conn.execute("INSERT INTO log_info (key, value) VALUES ('log_id', ?)", (log_id,))
    # Records written before there was a chain are sealed now, in the order they were written.
    rows = conn.execute(f"SELECT {', '.join(V1_COLUMNS)} FROM broadcasts ORDER BY rowid").fetchall()
    prev: Broadcast | None = None
    for seq, row in enumerate(rows, start=1):
        entry = Broadcast(*row, kind=ADD, record_id=row[0], origin=log_id, seq=seq,
                          prev_id=prev.id if prev else "", prev_hash=prev.hash if prev else "")
        entry = replace(entry, hash=entry_hash(entry))
        conn.execute(
            "UPDATE broadcasts SET kind = ?, record_id = ?, origin = ?, seq = ?, prev_id = ?, prev_hash = ?, hash = ?"
            " WHERE id = ?",
            (entry.kind, entry.record_id, entry.origin, entry.seq, entry.prev_id, entry.prev_hash, entry.hash, entry.id),
        )
        prev = entry
    conn.execute(
        "INSERT INTO origins (origin, head_seq, head_id, head_hash) VALUES (?, ?, ?, ?)",
        (log_id, prev.seq if prev else 0, prev.id if prev else "", prev.hash if prev else ""),
    )
    conn.execute("CREATE UNIQUE INDEX broadcasts_chain ON broadcasts (origin, seq) WHERE seq > 0")
    conn.execute("CREATE INDEX broadcasts_supersedes ON broadcasts (supersedes)")
    conn.execute("CREATE INDEX broadcasts_record ON broadcasts (record_id)")
    conn.execute(f"CREATE INDEX broadcasts_key ON broadcasts (series, {KEY_SQL}, aired_at)")


MIGRATIONS: list[str | Callable[[sqlite3.Connection], None]] = [
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
    _chain_and_corrections,
]

SCHEMA_VERSION = len(MIGRATIONS)


@contextmanager
def connect(path: Path, *, write: bool = True) -> Iterator[sqlite3.Connection]:
    """Open (creating or upgrading) the log; the ``with`` block is one transaction.

    A write transaction holds the write lock from its first statement, so what
    it reads (the chain's head) is still true when it commits.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except (sqlite3.Error, OSError) as exc:
        raise LogError(f"không mở được sổ phát sóng ({exc}); hãy kiểm tra đường dẫn và quyền ghi", path=path) from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        migrate(conn, path)
        conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise LogError(
                "sổ phát sóng đang bị một chương trình khác giữ quá lâu; hãy đóng chương trình đó "
                "(ví dụ phần mềm xem SQLite) rồi thử lại", path=path,
            ) from exc
        raise LogError(f"không đọc/ghi được sổ phát sóng ({exc})", path=path) from exc
    except sqlite3.DatabaseError as exc:
        raise LogError(f"sổ phát sóng bị lỗi hoặc không phải tệp SQLite ({exc})", path=path) from exc
    finally:
        conn.close()


def migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Bring the file to :data:`SCHEMA_VERSION`; no-op when it is there already."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise LogError(
            f"sổ phát sóng được tạo bởi phiên bản bulletin mới hơn (lược đồ {version}); hãy cập nhật bulletin",
            path=path,
        )
    if version == SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Re-read under the write lock: another process may have migrated meanwhile.
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        for number in range(version, SCHEMA_VERSION):
            step = MIGRATIONS[number]
            if callable(step):
                step(conn)
            else:
                for statement in step.split(";"):
                    if statement.strip():
                        conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number + 1}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def log_id(conn: sqlite3.Connection) -> str:
    """The id of this log file: the origin of every entry first written in it."""
    return conn.execute("SELECT value FROM log_info WHERE key = 'log_id'").fetchone()[0]
