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
from bulletin.log.chain import head_anchor
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


def _as_played(conn: sqlite3.Connection) -> None:
    """3: as-played fields (scheduled player), the station on every record, padding; anchored heads."""
    columns = (
        ("source", "TEXT NOT NULL DEFAULT 'manual'"),
        ("completion", "TEXT NOT NULL DEFAULT 'complete'"),
        ("ended_at", "TEXT"),
        ("played_seconds", "REAL"),
        ("slot", "TEXT"),
        ("station_name", "TEXT NOT NULL DEFAULT ''"),
        ("station_code", "TEXT NOT NULL DEFAULT ''"),
        ("padding_seconds", "REAL NOT NULL DEFAULT 0"),
    )
    for name, declaration in columns:
        conn.execute(f"ALTER TABLE broadcasts ADD COLUMN {name} {declaration}")
    conn.execute("CREATE INDEX broadcasts_slot ON broadcasts (slot) WHERE slot IS NOT NULL")
    conn.execute("ALTER TABLE origins ADD COLUMN head_anchor TEXT NOT NULL DEFAULT ''")
    # The heads already there are trusted as they are at the upgrade.
    for origin, seq, entry_id, hash_ in conn.execute(
            "SELECT origin, head_seq, head_id, head_hash FROM origins").fetchall():
        conn.execute("UPDATE origins SET head_anchor = ? WHERE origin = ?",
                     (head_anchor(origin, seq, entry_id, hash_), origin))


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
    _as_played,
]

SCHEMA_VERSION = len(MIGRATIONS)


SQLITE_MAGIC = b"SQLite format 3\x00"


@contextmanager
def connect(path: Path, *, write: bool = True) -> Iterator[sqlite3.Connection]:
    """Open (creating or upgrading) the log; the ``with`` block is one transaction.

    A write transaction holds the write lock from its first statement, so what
    it reads (the chain's head) is still true when it commits. A read opens the
    file read-only and refuses anything that is not a bulletin log (another
    program's SQLite file, an empty file): reading never creates or changes a file,
    except to upgrade a genuine log to the current schema.
    """
    path = Path(path)
    if not write:
        _check_is_log(path)
    try:
        if write:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        else:
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                   timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except (sqlite3.Error, OSError) as exc:
        raise LogError(f"không mở được sổ phát sóng ({exc}); hãy kiểm tra đường dẫn và quyền ghi", path=path) from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if write:
            _refuse_foreign(conn, path)
            migrate(conn, path)
        elif (version := conn.execute("PRAGMA user_version").fetchone()[0]) > SCHEMA_VERSION:
            migrate(conn, path)  # refuses with the message to update bulletin
        elif version == 0:
            raise LogError(f"{NOT_A_LOG}; không đọc, không ghi gì vào tệp này – hãy kiểm tra --db", path=path)
        elif version < SCHEMA_VERSION:
            conn.close()
            with connect(path, write=True):  # a genuine older log: upgrade it once
                pass
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                   timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    except LogError as exc:
        if exc.path is None:
            exc.path = path  # name the log in every message about it
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


NOT_A_LOG = "tệp không phải sổ phát sóng của bulletin"


def _check_is_log(path: Path) -> None:
    """Before reading: the file exists, is a regular SQLite file and looks like a log."""
    if not path.exists():
        raise LogError("chưa có sổ phát sóng ở đường dẫn này", path=path)
    if not path.is_file():
        raise LogError(f"{NOT_A_LOG} (không phải tệp thường)", path=path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise LogError(f"không đọc được sổ phát sóng ({exc.strerror})", path=path) from None
    if not head:
        raise LogError(f"{NOT_A_LOG} (tệp trống); không đọc, không ghi gì vào tệp này", path=path)
    if head != SQLITE_MAGIC:
        raise LogError(f"{NOT_A_LOG} (không phải tệp SQLite); hãy kiểm tra --db", path=path)


def _refuse_foreign(conn: sqlite3.Connection, path: Path) -> None:
    """Never add the log's tables to another program's SQLite file."""
    # One statement, one snapshot: another process may be creating the log right now.
    version, ours, tables = conn.execute(
        "SELECT (SELECT user_version FROM pragma_user_version), "
        "(SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'broadcasts'), "
        "(SELECT COUNT(*) FROM sqlite_master WHERE type = 'table')").fetchone()
    if (version == 0 and tables) or (version > 0 and not ours):
        raise LogError(f"{NOT_A_LOG} (tệp SQLite của chương trình khác); không ghi gì vào tệp này – "
                       "hãy kiểm tra --db", path=path)


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
    row = conn.execute("SELECT value FROM log_info WHERE key = 'log_id'").fetchone()
    if row is None or not isinstance(row[0], str) or not row[0]:
        raise LogError("sổ phát sóng bị sửa ngoài bulletin: mất dòng định danh của sổ (bảng log_info); "
                       "hãy chạy 'bulletin log verify' và khôi phục từ bản sao lưu hoặc bản xuất gần nhất")
    return row[0]


def refuse_to_overwrite(output: Path, *protected: Path) -> None:
    """An output must not replace the log, an input, or any bulletin log or SQLite file.

    Checked before anything is written (``log export -o broadcasts.db``,
    ``report -o broadcasts.db`` would otherwise replace the log).
    """
    output = Path(output)
    for other in protected:
        if other is None:
            continue
        other = Path(other)
        same = output.resolve() == other.resolve()
        if not same and output.exists() and other.exists():
            try:
                same = output.samefile(other)
            except OSError:
                same = False
        if same:
            raise LogError(f"tệp kết quả trùng với tệp đang đọc ({other.name}); không ghi đè – "
                           "hãy chọn tên tệp khác cho -o", path=output)
    if output.exists():
        if not output.is_file():
            raise LogError("tệp kết quả không phải tệp thường; hãy chọn tên tệp khác cho -o", path=output)
        try:
            with open(output, "rb") as fh:
                head = fh.read(len(SQLITE_MAGIC))
        except OSError:
            head = b""
        if head == SQLITE_MAGIC:
            raise LogError("tệp kết quả là một tệp SQLite (có thể là sổ phát sóng); không ghi đè – "
                           "hãy chọn tên tệp khác cho -o", path=output)
