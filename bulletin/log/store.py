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
from bulletin.log.chain import CHANGED, REMOVED, Head, Problem, Verification, check_chains, head_anchor
from bulletin.log.record import (
    ADD,
    AIRED_FORMAT,
    AMEND,
    AUTO,
    COLUMNS,
    MAX_SECONDS,
    VOID,
    Broadcast,
    entry_hash,
    from_row,
    invalid_values,
    now_utc,
    parse_aired,
    station_label,
)
from bulletin.log.schema import KEY_SQL, connect, log_id
from bulletin.periods import Period, parse_period, quarter_name

__all__ = [
    "AIRED_FORMAT", "COLUMNS", "AddResult", "Broadcast", "FileIdentity", "add", "add_many", "amend", "current",
    "history", "identify_file", "parse_aired", "proposed_id_of", "record_for_file", "remembered", "renumbered_note",
    "slot_logged", "verify", "void",
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
    revision_of: str = ""  # the bulletin this file corrects (same id, other audio), described
    # The proposed id the file carried when another bulletin (another title) already had it in the
    # log, so the airing was given ``record.bulletin_id`` instead; "" when the id was kept.
    renumbered_from: str = ""
    taken_by: str = ""  # that other bulletin, described: “title” (phát lần đầu …)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class FileIdentity:
    """What a file is, before it is logged: from an earlier airing of the same audio, else its tags."""

    sha256: str
    title: str
    bulletin_id: str
    series: str
    planned_quarter: str
    source: str  # "log": remembered from an earlier airing of the same file; "tags"; "": nothing known
    aired_at: str = ""  # the earlier airing it was remembered from
    # The id in the file's tags when ``bulletin build`` proposed it (the document had none): see :func:`add`.
    proposed_id: str = ""


def remembered(db: Path, sha256: str) -> Broadcast | None:
    """The latest current airing of the audio with this SHA-256 (its id, title, series as last corrected)."""
    if not Path(db).is_file():
        return None
    with connect(db, write=False) as conn:
        rows = conn.execute(f"{SELECT} e WHERE sha256 = ? AND kind <> '{VOID}' AND {CURRENT} "
                            "ORDER BY aired_at DESC, recorded_at DESC", (sha256,)).fetchall()
    return from_row(rows[0]) if rows else None


def identify_file(path: Path, db: Path | None) -> FileIdentity:
    """What ``path`` was logged as before (same audio, by hash), else what its tags say.

    A file made elsewhere (the Department's ready-made bulletin) has no tags of
    ours: the id, title and series given the first time it is logged are
    remembered for every later airing of the same file, so a re-broadcast is
    recognised without typing them again.
    """
    from bulletin.audio.tags import read_file_tags

    path = Path(path)
    if not path.is_file():
        raise LogError("không tìm thấy tệp âm thanh; hãy kiểm tra tên và thư mục của tệp", path=path)
    digest = sha256_of(path)
    earlier = remembered(db, digest) if db is not None else None
    if earlier is not None:
        return FileIdentity(digest, earlier.title, earlier.bulletin_id, earlier.series, earlier.planned_quarter,
                            "log", earlier.aired_at)
    tags = read_file_tags(path)
    return FileIdentity(digest, tags.title, tags.bulletin_id, tags.series, tags.quarter,
                        "tags" if tags.title else "", proposed_id=tags.bulletin_id if tags.id_proposed else "")


def proposed_id_of(path: Path) -> str:
    """The bulletin id in ``path``'s tags when ``bulletin build`` proposed it; "" when it was given
    (or the file has none)."""
    from bulletin.audio.tags import read_file_tags

    tags = read_file_tags(Path(path))
    return tags.bulletin_id if tags.id_proposed else ""


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
    station_name: str = "",
    station_code: str = "",
    known: FileIdentity | None = None,
) -> Broadcast:
    """A record for airing ``path``: what it is from the options, then ``known`` (an earlier airing of
    the same file, see :func:`identify_file`), then its tags; how long from its audio."""
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
    if known is not None and known.source:
        title = title or known.title
        bulletin_id = bulletin_id if bulletin_id is not None else known.bulletin_id
        series = series or known.series
        planned_quarter = planned_quarter if planned_quarter is not None else (known.planned_quarter or None)
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
        sha256=known.sha256 if known is not None else sha256_of(path),
        operator=operator,
        note=note,
        planned_quarter=quarter,
        station_name=station_name,
        station_code=station_code,
        padding_seconds=tags.padding_seconds if tags else 0.0,
    )


def warnings_for(record: Broadcast, now: dt.datetime, rule=None) -> tuple[str, ...]:
    """What an operator should double-check about a record (it is written anyway).

    ``rule`` (a :class:`bulletin.config.SeriesRule`) gives the series' durations;
    without one a bulletin is 10 minutes.
    """
    from bulletin.timing import format_clock
    from bulletin.vn_format import vn_duration

    found = []
    target = rule.target_seconds if rule else 600.0
    if record.duration > (rule.max_seconds if rule else MAX_SECONDS):
        found.append(f"tệp dài {format_clock(record.duration)}, quá {vn_duration(target)} của một bản tin")
    if record.padding_seconds > 60:
        found.append(f"{format_clock(record.padding_seconds)} của tệp là nhạc đệm (--pad), không phải nội dung")
    if rule is not None and not rule.long_enough(record.duration, record.padding_seconds):
        content = (f"nội dung của tệp dài {format_clock(record.duration - record.padding_seconds)} (không kể "
                   f"{format_clock(record.padding_seconds)} nhạc đệm)" if record.padding_seconds >= 0.5
                   else f"tệp dài {format_clock(record.duration)}")
        found.append(f"{content}, ngắn hơn quy định ({format_clock(rule.min_seconds)} trở lên): được ghi nhưng "
                     "không tính vào chỉ tiêu")
    if record.aired > now:
        found.append(f"thời điểm phát {record.aired_at} ở tương lai; nếu ghi nhầm, sửa bằng "
                     f"'bulletin log amend {record.record_id[:8]} --aired … --reason …'")
    if record.off_plan:
        found.append(f"bản tin được làm cho {quarter_name(record.planned_quarter)} nhưng phát ngoài quý đó "
                     "(vẫn được ghi; báo cáo sẽ ghi chú điều này)")
    return tuple(found)


def add(
    db: Path,
    record: Broadcast,
    *,
    origin_name: str = "",
    now: dt.datetime | None = None,
    source: str | None = None,
    completion: str | None = None,
    ended_at: str | None = None,
    played_seconds: float | None = None,
    slot: str | None = None,
    station_name: str | None = None,
    station_code: str | None = None,
    padding_seconds: float | None = None,
    rule=None,
    proposed_id: str = "",
) -> AddResult:
    """Append ``record``; refuse an exact duplicate (same file, time and place) and a schedule
    slot already logged.

    The keyword arguments, when given, replace the record's as-played and station
    fields (see :class:`Broadcast`): the scheduled player passes ``source="auto"``,
    ``completion``, ``ended_at``, ``played_seconds`` and ``slot``.

    ``proposed_id``: the record's id was proposed by ``bulletin build`` (the file's tags say so),
    not given by the operator. When another bulletin, with another title, already has that id in
    the log, the two are different documents made before either was logged: the record gets the id
    of the bulletin with its own title in the log if there is one, else the next free number
    (:attr:`AddResult.renumbered_from` says so). An id the operator gave is never changed: the same
    id with other audio is a corrected version of the same bulletin (``revision_of``).
    """
    overrides = {k: v for k, v in {
        "source": source, "completion": completion, "ended_at": ended_at, "played_seconds": played_seconds,
        "slot": slot, "station_name": station_name, "station_code": station_code,
        "padding_seconds": padding_seconds}.items() if v is not None}
    record = replace(record, kind=ADD, record_id=record.id, supersedes="", reason="", **overrides)
    if record.source != AUTO:
        _refuse_future(record.aired, now or dt.datetime.now())
    with connect(db) as conn:
        renumbered_from, taken_by = "", ""
        if proposed_id and record.bulletin_id == proposed_id:
            settled, taken_by = _settle_proposed(conn, record)
            if settled != record.bulletin_id:
                renumbered_from, record = record.bulletin_id, replace(record, bulletin_id=settled)
        _refuse_duplicate(conn, record, db)
        _refuse_slot_taken(conn, record, db)
        earlier = conn.execute(
            f"SELECT COUNT(*) FROM broadcasts e WHERE series = ? AND {KEY_SQL} = ? AND kind <> '{VOID}' AND {CURRENT}",
            (record.series, record.bulletin_key),
        ).fetchone()[0]
        # Same bulletin id, other audio: a corrected version ("bản sửa") of a bulletin already logged.
        revision_of = ""
        if record.bulletin_id and earlier:
            other = conn.execute(
                f"SELECT title, aired_at FROM broadcasts e WHERE series = ? AND {KEY_SQL} = ? AND sha256 <> ? "
                f"AND kind <> '{VOID}' AND {CURRENT} ORDER BY aired_at LIMIT 1",
                (record.series, record.bulletin_id, record.sha256)).fetchone()
            if other:
                revision_of = f"“{other[0]}” (phát lần đầu {other[1]})"
        written = _append(conn, record, origin_name)
    return AddResult(written, earlier, warnings_for(written, now or dt.datetime.now(), rule), revision_of,
                     renumbered_from, taken_by if renumbered_from else "")


def renumbered_note(result: AddResult) -> str:
    """What the operator is told when a proposed id was already another bulletin's (see :func:`add`)."""
    record = result.record
    kept = ("mã của bản tin cùng tiêu đề đã có trong sổ" if result.earlier_airings
            else "mã mới, tính là một bản tin riêng")
    return (f"Mã {result.renumbered_from} (mã đề xuất khi tạo tệp) đã thuộc bản tin khác trong sổ: {result.taken_by}. "
            f"Lần phát này được ghi với mã {record.bulletin_id} ({kept}). Nếu thực ra đây là bản sửa của bản tin "
            f"kia, hãy sửa mã: bulletin log amend {record.record_id[:8]} --id {result.renumbered_from} "
            "--reason \"Bản sửa\"")


def _settle_proposed(conn: sqlite3.Connection, record: Broadcast) -> tuple[str, str]:
    """The id a record with a proposed id is logged under, and the bulletin that already had the
    proposed one when it is another ("" when the id is kept). See :func:`add`."""
    from bulletin.log.identity import next_id, same_title, split_numbered

    prefix = split_numbered(record.bulletin_id)
    if prefix is None:
        return record.bulletin_id, ""
    owners = conn.execute(
        f"SELECT title, aired_at FROM broadcasts e WHERE bulletin_id = ? AND kind <> '{VOID}' AND {CURRENT} "
        "ORDER BY aired_at", (record.bulletin_id,)).fetchall()
    if not owners or any(same_title(title, record.title) for title, _ in owners):
        return record.bulletin_id, ""  # free, or this same bulletin aired before
    current = conn.execute(
        f"SELECT bulletin_id, title FROM broadcasts e WHERE substr(bulletin_id, 1, ?) = ? AND kind <> '{VOID}' "
        f"AND {CURRENT}", (len(prefix), prefix)).fetchall()
    mine = [(i, t) for i, t in current if same_title(t, record.title)]
    every = conn.execute("SELECT DISTINCT bulletin_id, '' FROM broadcasts WHERE substr(bulletin_id, 1, ?) = ?",
                         (len(prefix), prefix)).fetchall()
    settled = next_id(prefix, mine, record.title) if mine else next_id(prefix, every + [(record.bulletin_id, "")])
    return settled, f"“{owners[0][0]}” (phát lần đầu {owners[0][1]})"


FUTURE_GRACE = dt.timedelta(hours=1)  # a computer clock a little behind the station's


def _refuse_future(aired: dt.datetime, now: dt.datetime) -> None:
    """The log records what aired: a broadcast later than now is a mistyped date (nothing is written)."""
    if aired > now + FUTURE_GRACE:
        raise LogError(f"thời điểm phát {aired:%H:%M %d/%m/%Y} chưa tới (bây giờ là {now:%H:%M %d/%m/%Y}): sổ phát "
                       "sóng chỉ ghi những lần đã phát; hãy kiểm tra lại ngày, tháng, năm")


def add_many(db: Path, records: Iterable[Broadcast], *, origin_name: str = "") -> int:
    """Append many records in one transaction (all or none); refuses exact duplicates."""
    count = 0
    with connect(db) as conn:
        for record in records:
            record = replace(record, kind=ADD, record_id=record.id, supersedes="", reason="")
            _refuse_duplicate(conn, record, db)
            _refuse_slot_taken(conn, record, db)
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
            aired = parse_aired(changes["aired_at"])
        except ValueError as exc:
            raise LogError(str(exc)) from None
        _refuse_future(aired, dt.datetime.now())
        changes = {**changes, "aired_at": aired.strftime(AIRED_FORMAT)}
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
        _refuse_slot_taken(conn, amended, db, ignore_record=head.record_id)
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
                 place: str | None = None) -> set[tuple[str, ...]]:
    """Which (series, bulletin key) pairs have a current, not voided airing before ``before``
    (at ``place`` only, when given); each also as (station, series, key) for every station
    that aired it (see :func:`station_label`)."""
    keys = list(keys)
    if not keys or not Path(db).exists():
        return set()
    found: set[tuple[str, ...]] = set()
    query = (f"SELECT DISTINCT station_name, station_code FROM broadcasts e WHERE series = ? AND {KEY_SQL} = ? "
             f"AND aired_at < ? AND kind <> '{VOID}' AND {CURRENT}" + (" AND place = ?" if place else ""))
    with connect(db, write=False) as conn:
        for series, key in keys:
            for name, code in conn.execute(query, (series, key, before, *([place] if place else []))).fetchall():
                found.add((series, key))
                found.add((station_label(name, code), series, key))
    return found


def verify(db: Path) -> tuple[Verification, dict[str, str]]:
    """Check every chain; returns the result and the origin names (id -> station name)."""
    if not Path(db).exists():
        raise LogError("chưa có sổ phát sóng ở đường dẫn này", path=db)
    with connect(db, write=False) as conn:
        entries = [from_row(r) for r in conn.execute(SELECT).fetchall()]
        head_rows = conn.execute("SELECT origin, name, head_seq, head_id, head_hash, head_anchor FROM origins").fetchall()
        own = conn.execute("SELECT value FROM log_info WHERE key = 'log_id'").fetchone()
    bookkeeping: list[Problem] = []
    heads: dict[str, Head] = {}
    for row in head_rows:
        origin, name, seq, head_id, head_hash, anchor = row
        if not (isinstance(origin, str) and isinstance(seq, int) and isinstance(head_id, str)
                and isinstance(head_hash, str) and isinstance(anchor, str)):
            bookkeeping.append(Problem(CHANGED, str(head_id), str(origin), 0,
                                       "dòng ghi cuối chuỗi (bảng origins) có kiểu dữ liệu sai: bị sửa ngoài bulletin"))
            origin, seq, head_id, head_hash, anchor = str(origin), 0, "", "", None
        heads[origin] = Head(origin, name if isinstance(name, str) else "", seq, head_id, head_hash, anchor)
    if own is None or own[0] not in heads:
        bookkeeping.append(Problem(REMOVED, "log_info" if own is None else str(own[0]), "", 0,
                                   "mất dòng định danh của sổ hoặc dòng ghi cuối chuỗi của chính sổ này "
                                   "(bảng log_info/origins): bị sửa ngoài bulletin"))
    try:
        problems = bookkeeping + check_chains(entries, heads)
    except (TypeError, ValueError) as exc:  # a cell no genuine entry holds
        problems = bookkeeping + [Problem(CHANGED, "?", "", 0, f"sổ có ô dữ liệu không đọc được ({exc})")]
    return Verification(len(entries), len(heads), tuple(problems)), {h.origin: h.name for h in heads.values()}


def _append(conn: sqlite3.Connection, entry: Broadcast, origin_name: str) -> Broadcast:
    """Link ``entry`` to the head of this log's chain and write it (inside the write transaction)."""
    origin = log_id(conn)
    head = conn.execute("SELECT head_seq, head_id, head_hash FROM origins WHERE origin = ?", (origin,)).fetchone()
    if head is None or not isinstance(head[0], int):
        raise LogError("sổ phát sóng bị sửa ngoài bulletin: mất hoặc hỏng dòng ghi cuối chuỗi của sổ (bảng origins); "
                       "hãy chạy 'bulletin log verify' và khôi phục từ bản sao lưu hoặc bản xuất gần nhất")
    seq, head_id, head_hash = head
    entry = replace(entry, origin=origin, seq=seq + 1, prev_id=head_id, prev_hash=head_hash,
                    recorded_at=now_utc(), record_id=entry.record_id or entry.id)
    problems = invalid_values(entry)
    if problems:
        raise LogError("không ghi sổ: " + "; ".join(problems))
    entry = replace(entry, hash=entry_hash(entry))
    conn.execute(f"INSERT INTO broadcasts ({', '.join(COLUMNS)}) VALUES ({', '.join('?' for _ in COLUMNS)})",
                 [getattr(entry, c) for c in COLUMNS])
    conn.execute(
        "UPDATE origins SET head_seq = ?, head_id = ?, head_hash = ?, head_anchor = ?,"
        " name = CASE WHEN ? <> '' THEN ? ELSE name END WHERE origin = ?",
        (entry.seq, entry.id, entry.hash, head_anchor(origin, entry.seq, entry.id, entry.hash),
         origin_name, origin_name, origin),
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


def _refuse_slot_taken(conn: sqlite3.Connection, record: Broadcast, db: Path, ignore_record: str = "") -> None:
    """A schedule slot is logged once: unique among current, not voided auto records."""
    if record.source != AUTO or record.slot is None or record.kind == VOID:
        return
    taken = conn.execute(
        f"SELECT record_id FROM broadcasts e WHERE slot = ? AND source = '{AUTO}' AND kind <> '{VOID}' "
        f"AND record_id <> ? AND {CURRENT}",
        (record.slot, ignore_record),
    ).fetchone()
    if taken:
        raise LogError(f"khung giờ phát '{record.slot}' đã được ghi sổ (bản ghi {taken[0][:8]}); "
                       "không ghi lại lần nữa", path=db)


def slot_logged(db: Path, slot: str) -> bool:
    """Whether schedule slot ``slot`` already has a current, not voided auto record."""
    if not Path(db).exists():
        return False
    with connect(db, write=False) as conn:
        return conn.execute(
            f"SELECT 1 FROM broadcasts e WHERE slot = ? AND source = '{AUTO}' AND kind <> '{VOID}' AND {CURRENT}",
            (slot,)).fetchone() is not None


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
