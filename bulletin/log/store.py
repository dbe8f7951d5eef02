"""The broadcast log: one SQLite file per station, one record per airing.

Nothing is ever deleted or overwritten. Adding a record, amending it and
voiding it each append one entry to the log's hash chain, inside one write
transaction, so an entry is either fully there or not at all and concurrent
writers cannot fork the chain. The *current state* of a record is its last
entry; listings, quotas and reports read that.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from bulletin.errors import AssetError, LogError
from bulletin.log.chain import Head, Verification, check_chains
from bulletin.log.record import (
    ADD,
    AIRED_FORMAT,
    AMEND,
    COLUMNS,
    VOID,
    Broadcast,
    entry_hash,
    from_row,
    now_utc,
    parse_aired,
)
from bulletin.log.schema import KEY_SQL, connect, log_id
from bulletin.periods import Period, parse_period, quarter_name

__all__ = [
    "AIRED_FORMAT", "COLUMNS", "AddResult", "Broadcast", "add", "add_many", "amend", "current", "history",
    "parse_aired", "record_for_file", "verify", "void",
]

SELECT = f"SELECT {', '.join(COLUMNS)} FROM broadcasts"
# An entry is current when no later entry corrects or voids it.
CURRENT = "NOT EXISTS (SELECT 1 FROM broadcasts s WHERE s.supersedes = e.id)"
ORDER = "ORDER BY aired_at, recorded_at, origin, seq"

# What ``log amend`` may change. The audio (file, hash, duration) cannot be
# amended: a wrong file is voided and the right one added.
AMENDABLE = ("aired_at", "place", "bulletin_id", "title", "series", "level", "operator", "note", "planned_quarter")


@dataclass(frozen=True)
class AddResult:
    record: Broadcast
    earlier_airings: int  # current airings of the same bulletin already in the log
    warnings: tuple[str, ...]


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
    planned_quarter: str | None = None,
    default_series: str = "",
) -> Broadcast:
    """A record for airing ``path``: what it is from its tags, how long from its audio."""
    from bulletin.audio import media  # numpy, mutagen: only when a file is logged, not for reading the log
    from bulletin.audio.tags import read_tags

    path = Path(path)
    if not path.is_file():
        raise LogError("không tìm thấy tệp âm thanh; hãy kiểm tra tên và thư mục của tệp", path=path)
    tags = read_tags(path) if path.suffix.lower() == ".mp3" else None
    try:
        duration = media.file_duration(path)
    except AssetError as exc:
        raise LogError("không đọc được âm thanh của tệp (tệp hỏng hoặc không phải tệp âm thanh); "
                       "hãy mở thử bằng trình nghe nhạc hoặc tạo lại tệp", path=path) from exc
    if duration <= 0:
        raise LogError("tệp âm thanh không có nội dung (độ dài bằng 0)", path=path)
    final_title = title or (tags.title if tags else "")
    if not final_title:
        raise LogError(
            "tệp không có thẻ tiêu đề (không do bulletin tạo); hãy ghi rõ --title \"…\" và nên có --id",
            path=path,
        )
    quarter = planned_quarter if planned_quarter is not None else (tags.quarter if tags else "")
    if quarter:
        try:
            checked = parse_period(quarter)
        except ValueError:
            checked = None
        if checked is None or checked.kind != "Q":
            if planned_quarter is not None:
                raise LogError(f"quý kế hoạch không hợp lệ '{quarter}'; viết dạng 2024-Q3")
            quarter = ""  # a tag we cannot read does not stop the airing being logged
        else:
            quarter = checked.label
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
        planned_quarter=quarter,
    )


def warnings_for(record: Broadcast, now: dt.datetime) -> tuple[str, ...]:
    """What an operator should double-check about a record (it is written anyway)."""
    from bulletin.timing import format_clock

    found = []
    if record.over_length:
        found.append(f"tệp dài {format_clock(record.duration)}, quá 10 phút của một bản tin")
    if record.aired > now:
        found.append(f"thời điểm phát {record.aired_at} ở tương lai; nếu ghi nhầm, sửa bằng "
                     f"'bulletin log amend {record.record_id[:8]} --aired … --reason …'")
    if record.off_plan:
        found.append(f"bản tin được làm cho {quarter_name(record.planned_quarter)} nhưng phát ngoài quý đó "
                     "(vẫn được ghi; báo cáo sẽ ghi chú điều này)")
    return tuple(found)


def add(db: Path, record: Broadcast, *, origin_name: str = "", now: dt.datetime | None = None) -> AddResult:
    """Append ``record``; refuse an exact duplicate (same file, time and place)."""
    record = replace(record, kind=ADD, record_id=record.id, supersedes="", reason="")
    with connect(db) as conn:
        _refuse_duplicate(conn, record, db)
        earlier = conn.execute(
            f"SELECT COUNT(*) FROM broadcasts e WHERE series = ? AND {KEY_SQL} = ? AND kind <> '{VOID}' AND {CURRENT}",
            (record.series, record.bulletin_key),
        ).fetchone()[0]
        written = _append(conn, record, origin_name)
    return AddResult(written, earlier, warnings_for(written, now or dt.datetime.now()))


def add_many(db: Path, records: Iterable[Broadcast], *, origin_name: str = "") -> int:
    """Append many records in one transaction (all or none); refuses exact duplicates."""
    count = 0
    with connect(db) as conn:
        for record in records:
            record = replace(record, kind=ADD, record_id=record.id, supersedes="", reason="")
            _refuse_duplicate(conn, record, db)
            _append(conn, record, origin_name)
            count += 1
    return count


def void(db: Path, ref: str, *, reason: str, origin_name: str = "") -> Broadcast:
    """Cancel record ``ref`` (its id or a unique prefix): a new entry, the old ones stay."""
    reason = _required_reason(reason)
    with connect(db) as conn:
        head = _head_of(conn, ref, db)
        return _append(conn, replace(head, id=str(uuid.uuid4()), kind=VOID, supersedes=head.id, reason=reason),
                       origin_name)


def amend(db: Path, ref: str, changes: dict[str, str], *, reason: str, origin_name: str = "") -> Broadcast:
    """Correct record ``ref`` with ``changes``: a new entry with the corrected values."""
    reason = _required_reason(reason)
    unknown = set(changes) - set(AMENDABLE)
    if unknown:
        raise LogError(f"không sửa được trường {', '.join(sorted(unknown))}; chỉ sửa được: {', '.join(AMENDABLE)}")
    if "aired_at" in changes:
        try:
            changes = {**changes, "aired_at": parse_aired(changes["aired_at"]).strftime(AIRED_FORMAT)}
        except ValueError as exc:
            raise LogError(str(exc)) from None
    if changes.get("planned_quarter"):
        try:
            quarter = parse_period(changes["planned_quarter"])
        except ValueError as exc:
            raise LogError(str(exc)) from None
        if quarter.kind != "Q":
            raise LogError(f"quý kế hoạch không hợp lệ '{changes['planned_quarter']}'; viết dạng 2024-Q3")
        changes = {**changes, "planned_quarter": quarter.label}
    for name in ("place", "title"):
        if name in changes and not changes[name].strip():
            raise LogError(f"không để trống trường {name} khi sửa bản ghi")
    with connect(db) as conn:
        head = _head_of(conn, ref, db)
        if all(getattr(head, k) == v for k, v in changes.items()):
            raise LogError(f"không có gì thay đổi: bản ghi {head.record_id[:8]} đã có đúng các giá trị này", path=db)
        amended = replace(head, id=str(uuid.uuid4()), kind=AMEND, supersedes=head.id, reason=reason, **changes)
        _refuse_duplicate(conn, amended, db, ignore_record=head.record_id)
        return _append(conn, amended, origin_name)


def current(
    db: Path,
    period: Period | None = None,
    *,
    series: str | None = None,
    place: str | None = None,
    include_void: bool = True,
) -> list[Broadcast]:
    """The current state of every record aired within ``period`` (all when None), oldest first."""
    if not Path(db).exists():
        return []
    where, args = _filters(period, series, place)
    if not include_void:
        where.append(f"kind <> '{VOID}'")
    with connect(db, write=False) as conn:
        rows = conn.execute(f"{SELECT} e WHERE {' AND '.join([CURRENT, *where])} {ORDER}", args).fetchall()
    return _resolve_forks([from_row(r) for r in rows])


def history(
    db: Path, period: Period | None = None, *, series: str | None = None, place: str | None = None
) -> list[Broadcast]:
    """Every entry (all versions) of the records whose current state is within the filters."""
    order = {r.record_id: n for n, r in enumerate(current(db, period, series=series, place=place))}
    if not order:
        return []
    with connect(db, write=False) as conn:
        entries = [from_row(r) for r in conn.execute(SELECT).fetchall()]
    chosen = [e for e in entries if e.record_id in order]
    return sorted(chosen, key=lambda e: (order[e.record_id], e.recorded_at, e.origin, e.seq))


def aired_before(db: Path, keys: Iterable[tuple[str, str]], before: str, *,
                 place: str | None = None) -> set[tuple[str, str]]:
    """Which (series, bulletin key) pairs have a current, not voided airing before ``before``
    (at ``place`` only, when given)."""
    keys = list(keys)
    if not keys or not Path(db).exists():
        return set()
    found = set()
    query = (f"SELECT 1 FROM broadcasts e WHERE series = ? AND {KEY_SQL} = ? AND aired_at < ? "
             f"AND kind <> '{VOID}' AND {CURRENT}" + (" AND place = ?" if place else "") + " LIMIT 1")
    with connect(db, write=False) as conn:
        for series, key in keys:
            if conn.execute(query, (series, key, before, *([place] if place else []))).fetchone():
                found.add((series, key))
    return found


def verify(db: Path) -> tuple[Verification, dict[str, str]]:
    """Check every chain; returns the result and the origin names (id -> station name)."""
    if not Path(db).exists():
        raise LogError("chưa có sổ phát sóng ở đường dẫn này", path=db)
    with connect(db, write=False) as conn:
        entries = [from_row(r) for r in conn.execute(SELECT).fetchall()]
        heads = {row[0]: Head(*row) for row in conn.execute(
            "SELECT origin, name, head_seq, head_id, head_hash FROM origins").fetchall()}
    problems = check_chains(entries, heads)
    return Verification(len(entries), len(heads), tuple(problems)), {h.origin: h.name for h in heads.values()}


def _append(conn: sqlite3.Connection, entry: Broadcast, origin_name: str) -> Broadcast:
    """Link ``entry`` to the head of this log's chain and write it (inside the write transaction)."""
    origin = log_id(conn)
    seq, head_id, head_hash = conn.execute(
        "SELECT head_seq, head_id, head_hash FROM origins WHERE origin = ?", (origin,)).fetchone()
    entry = replace(entry, origin=origin, seq=seq + 1, prev_id=head_id, prev_hash=head_hash,
                    recorded_at=now_utc(), record_id=entry.record_id or entry.id)
    entry = replace(entry, hash=entry_hash(entry))
    conn.execute(f"INSERT INTO broadcasts ({', '.join(COLUMNS)}) VALUES ({', '.join('?' for _ in COLUMNS)})",
                 [getattr(entry, c) for c in COLUMNS])
    conn.execute(
        "UPDATE origins SET head_seq = ?, head_id = ?, head_hash = ?, name = CASE WHEN ? <> '' THEN ? ELSE name END"
        " WHERE origin = ?",
        (entry.seq, entry.id, entry.hash, origin_name, origin_name, origin),
    )
    return entry


def _refuse_duplicate(conn: sqlite3.Connection, record: Broadcast, db: Path, ignore_record: str = "") -> None:
    duplicate = conn.execute(
        f"SELECT record_id FROM broadcasts e WHERE aired_at = ? AND sha256 = ? AND place = ? "
        f"AND kind <> '{VOID}' AND record_id <> ? AND {CURRENT}",
        (record.aired_at, record.sha256, record.place, ignore_record),
    ).fetchone()
    if duplicate:
        raise LogError(
            f"đã có bản ghi này trong sổ (mã {duplicate[0][:8]}): cùng tệp {record.file_name}, cùng thời điểm "
            f"{record.aired_at}, cùng nơi phát '{record.place}'; không ghi lại lần nữa",
            path=db,
        )


def _head_of(conn: sqlite3.Connection, ref: str, db: Path) -> Broadcast:
    """The current entry of the record named by ``ref`` (a record or entry id, or a prefix of one)."""
    ref = (ref or "").strip().lower()
    if len(ref) < 4:
        raise LogError(f"mã bản ghi '{ref}' quá ngắn; ghi ít nhất 8 ký tự đầu như trong 'bulletin log list'")
    records = {row[0] for row in conn.execute(
        "SELECT DISTINCT record_id FROM broadcasts WHERE substr(id, 1, ?) = ? OR substr(record_id, 1, ?) = ?",
        (len(ref), ref, len(ref), ref),
    ).fetchall()}
    if not records:
        raise LogError(f"không có bản ghi mã '{ref}' trong sổ; xem mã bằng 'bulletin log list'", path=db)
    if len(records) > 1:
        raise LogError(f"mã '{ref}' khớp với {len(records)} bản ghi; hãy ghi thêm ký tự của mã", path=db)
    record_id = records.pop()
    heads = _resolve_forks([from_row(r) for r in conn.execute(
        f"{SELECT} e WHERE record_id = ? AND {CURRENT}", (record_id,)).fetchall()])
    if not heads:
        raise LogError(f"bản ghi '{ref}' không còn phiên bản hiện hành; hãy chạy 'bulletin log verify'", path=db)
    head = heads[0]
    if head.kind == VOID:
        raise LogError(f"bản ghi {record_id[:8]} đã bị hủy trước đó (lý do: {head.reason}); "
                       "nếu cần, hãy ghi lần phát đúng bằng 'bulletin log add'", path=db)
    return head


def _required_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise LogError("cần ghi lý do (--reason \"…\"): sổ phát sóng giữ lại mọi lần sửa, hủy cùng lý do")
    return reason


def _filters(period: Period | None, series: str | None, place: str | None) -> tuple[list[str], list]:
    where: list[str] = []
    args: list = []
    if period is not None:
        start, stop = period.bounds()
        where.append("aired_at >= ? AND aired_at < ?")
        args += [start, stop]
    if series:
        where.append("series = ?")
        args.append(series)
    if place:
        where.append("place = ?")
        args.append(place)
    return where, args


def _resolve_forks(entries: list[Broadcast]) -> list[Broadcast]:
    """One current entry per record.

    Two corrections of the same entry can only meet through ``log import``
    (two logs corrected the same record); the later one wins, both stay in the history.
    """
    latest: dict[str, Broadcast] = {}
    for entry in entries:
        key = entry.record_id or entry.id
        kept = latest.get(key)
        if kept is None or (entry.recorded_at, entry.origin, entry.seq) > (kept.recorded_at, kept.origin, kept.seq):
            latest[key] = entry
    if len(latest) == len(entries):
        return entries
    chosen = {id(e) for e in latest.values()}
    return [e for e in entries if id(e) in chosen]
