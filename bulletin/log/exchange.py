"""Moving logs between stations: export to JSON Lines, import (merge) from it.

A district merges its communes' logs by importing their exports. Every entry
keeps the origin, position and hashes it was written with, so each origin's
chain stays verifiable in the merged log. Importing is idempotent: an entry
already present (same id, same hash) is skipped; one that is present with
different content is a conflict and nothing is imported.

File layout: the first line describes the log (format, version, its id, and
the head of every origin's chain); each further line is one entry.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, fields
from pathlib import Path

from bulletin.errors import LogError
from bulletin.files import output_folder
from bulletin.log.chain import Head, check_chains, describe, head_anchor
from bulletin.log.record import (
    COLUMNS,
    KINDS,
    REAL_COLUMNS,
    V3_DEFAULTS,
    Broadcast,
    from_row,
    invalid_values,
    now_utc,
)
from bulletin.log.schema import connect, log_id

FORMAT = "bulletin-log"
MAX_IMPORT_BYTES = 200_000_000
VERSION = 1

_TYPES = {f.name: (float if f.name in REAL_COLUMNS else int if f.name == "seq" else str) for f in fields(Broadcast)}
_NULLABLE = {"ended_at", "played_seconds", "slot"}


@dataclass(frozen=True)
class ImportResult:
    added: int
    skipped: int
    origins: tuple[tuple[str, int], ...]  # (station name, entries added) per origin in the file


def export_lines(db: Path) -> list[str]:
    """The whole log (every origin, every entry) as JSON Lines."""
    if not Path(db).exists():
        raise LogError("chưa có sổ phát sóng ở đường dẫn này", path=db)
    with connect(db, write=False) as conn:
        own = log_id(conn)
        heads = conn.execute("SELECT origin, name, head_seq, head_id, head_hash FROM origins ORDER BY origin").fetchall()
        rows = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM broadcasts WHERE seq > 0 ORDER BY origin, seq").fetchall()
    header = {
        "format": FORMAT,
        "version": VERSION,
        "log_id": own,
        "exported_at": now_utc(),
        "origins": [dict(zip(("origin", "name", "head_seq", "head_id", "head_hash"), h)) for h in heads],
    }
    lines = [json.dumps(header, ensure_ascii=False)]
    lines += [json.dumps(from_row(r).as_dict(), ensure_ascii=False) for r in rows]
    return lines


def export(db: Path, out: Path) -> int:
    """Write the export to ``out`` (complete or not at all); returns the number of entries."""
    out = Path(out)
    output_folder(out, error=LogError)
    lines = export_lines(db)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.part")
    try:
        tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
        os.replace(tmp, out)
    except OSError as exc:
        raise LogError(f"không ghi được tệp xuất ({exc})", path=out) from exc
    finally:
        if tmp.is_file():
            tmp.unlink()
    return len(lines) - 1


def read_export(path: Path) -> tuple[dict[str, Head], list[Broadcast]]:
    """Parse and check an export file: its chains must be whole and untouched."""
    path = Path(path)
    try:
        if not path.is_file() and path.exists():
            raise LogError("tệp cần nhập không phải tệp thường", path=path)
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise LogError(f"tệp cần nhập quá lớn (trên {MAX_IMPORT_BYTES // 1_000_000} MB)", path=path)
        text = path.read_text(encoding="utf-8-sig")  # a BOM (Windows Notepad) is accepted
    except FileNotFoundError:
        raise LogError("không tìm thấy tệp cần nhập", path=path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LogError(f"không đọc được tệp cần nhập ({exc}); tệp phải là bản xuất của 'bulletin log export'",
                       path=path) from exc
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if not lines:
        raise LogError("tệp cần nhập trống", path=path)
    header = _json(path, *lines[0])
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise LogError("tệp không phải bản xuất sổ phát sóng của bulletin ('bulletin log export')", path=path, line=1)
    if header.get("version") != VERSION:
        raise LogError(f"bản xuất dạng {header.get('version')} chưa được hỗ trợ; hãy cập nhật bulletin",
                       path=path, line=1)
    try:
        heads = {h["origin"]: Head(str(h["origin"]), str(h["name"]), int(h["head_seq"]), str(h["head_id"]),
                                   str(h["head_hash"])) for h in header["origins"]}
    except (KeyError, TypeError, ValueError):
        raise LogError("dòng đầu của tệp xuất bị hỏng (thiếu thông tin chuỗi)", path=path, line=1) from None
    entries = [_entry(path, n, _json(path, n, line)) for n, line in lines[1:]]
    problems = check_chains(entries, heads)
    if problems:
        names = {h.origin: h.name for h in heads.values()}
        shown = "; ".join(describe(p, names.get(p.origin, "")) for p in problems[:5])
        more = f" (và {len(problems) - 5} lỗi khác)" if len(problems) > 5 else ""
        raise LogError(f"tệp xuất đã bị sửa hoặc không đầy đủ, không nhập: {shown}{more}", path=path)
    return heads, entries


def import_file(db: Path, path: Path) -> ImportResult:
    """Merge the export ``path`` into the log ``db``, all or nothing."""
    heads, entries = read_export(path)
    by_origin: dict[str, list[Broadcast]] = {origin: [] for origin in heads}
    for entry in entries:
        by_origin[entry.origin].append(entry)
    added = skipped = 0
    per_origin = []
    with connect(db) as conn:
        own = log_id(conn)
        for origin, chain in by_origin.items():
            head = heads[origin]
            local = conn.execute("SELECT head_seq FROM origins WHERE origin = ?", (origin,)).fetchone()
            local_seq = local[0] if local else 0
            if local is None:
                conn.execute("INSERT INTO origins (origin, name) VALUES (?, ?)", (origin, head.name))
            new = 0
            for entry in sorted(chain, key=lambda e: e.seq):
                existing = conn.execute("SELECT hash, origin, seq FROM broadcasts WHERE id = ?", (entry.id,)).fetchone()
                if existing is not None:
                    if tuple(existing) != (entry.hash, entry.origin, entry.seq):
                        raise LogError(f"bản ghi {entry.id} đã có trong sổ với nội dung khác; không nhập gì cả",
                                       path=path)
                    skipped += 1
                    continue
                if entry.seq <= local_seq:
                    where = "chính sổ này" if origin == own else f"nguồn {head.name or origin}"
                    raise LogError(
                        f"bản ghi {entry.id} (số {entry.seq} của {where}) khác với bản ghi cùng số đã có: hai bản sao "
                        "của cùng một sổ đã được ghi tiếp riêng rẽ; không nhập gì cả", path=path)
                conn.execute(f"INSERT INTO broadcasts ({', '.join(COLUMNS)}) VALUES ({', '.join('?' for _ in COLUMNS)})",
                             [getattr(entry, c) for c in COLUMNS])
                new += 1
            if head.seq > local_seq:
                conn.execute("UPDATE origins SET head_seq = ?, head_id = ?, head_hash = ?, head_anchor = ?, "
                             "name = CASE WHEN ? <> '' THEN ? ELSE name END WHERE origin = ?",
                             (head.seq, head.id, head.hash, head_anchor(origin, head.seq, head.id, head.hash),
                              head.name, head.name, origin))
            added += new
            per_origin.append((head.name or origin, new))
    return ImportResult(added, skipped, tuple(per_origin))


def _json(path: Path, line_no: int, line: str):
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise LogError(f"dòng không phải JSON hợp lệ ({exc.msg})", path=path, line=line_no) from None


def _entry(path: Path, line_no: int, data) -> Broadcast:
    # Exports written before schema 3 have no as-played/station fields: they take the defaults.
    if isinstance(data, dict):
        data = {**V3_DEFAULTS, **data}
    if not isinstance(data, dict) or set(data) != set(COLUMNS):
        if isinstance(data, dict):
            odd = sorted(set(COLUMNS) - set(data)) + [f"thừa {name}" for name in sorted(set(data) - set(COLUMNS))]
        else:
            odd = ["dòng không phải một bản ghi"]
        raise LogError(f"bản ghi thiếu hoặc thừa trường ({', '.join(map(str, odd))})", path=path, line=line_no)
    for name, kind in _TYPES.items():
        value = data[name]
        if value is None and name in _NULLABLE:
            continue
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) if kind is float else (
            isinstance(value, kind) and not isinstance(value, bool))
        if not ok:
            raise LogError(f"trường {name} có giá trị sai kiểu: {value!r}", path=path, line=line_no)
    if data["kind"] not in KINDS:
        raise LogError(f"loại bản ghi không hợp lệ: {data['kind']!r}", path=path, line=line_no)
    reals = {name: float(data[name]) for name in REAL_COLUMNS if data[name] is not None}
    entry = Broadcast(**{**data, **reals})
    problems = invalid_values(entry)
    if problems:
        raise LogError("giá trị không hợp lệ, không nhập gì cả: " + "; ".join(problems), path=path, line=line_no)
    return entry
