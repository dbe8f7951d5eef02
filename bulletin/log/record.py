"""One entry of the broadcast log and the hash that chains it to the one before.

An entry is immutable once written. Corrections are new entries: an *amend*
carries the corrected values of a record, a *void* cancels it; both name the
entry they supersede. ``record_id`` is the id of the first entry of a record
and stays the same through its corrections.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
from dataclasses import dataclass, fields

AIRED_FORMAT = "%Y-%m-%d %H:%M"

ADD, AMEND, VOID = "add", "amend", "void"
KINDS = (ADD, AMEND, VOID)

MANUAL, AUTO = "manual", "auto"
SOURCES = (MANUAL, AUTO)
COMPLETE, INCOMPLETE, INTERRUPTED, MISSED = "complete", "incomplete", "interrupted", "missed"
COMPLETIONS = (COMPLETE, INCOMPLETE, INTERRUPTED, MISSED)
COMPLETION_NAMES = {COMPLETE: "phát trọn", INCOMPLETE: "phát không trọn", INTERRUPTED: "bị ngắt giữa chừng",
                    MISSED: "không phát được"}

# A little above 10:00: MP3 players and ffprobe report a few extra milliseconds
# of encoder padding on a bulletin fitted to exactly 10:00.
MAX_SECONDS = 600.5

# Bump (and keep the old one for verifying old entries) if the hashed content ever changes.
HASH_PREFIX = "bulletin-log/1\n"


@dataclass(frozen=True)
class Broadcast:
    """One airing of one bulletin at one place, as one entry of the log."""

    id: str  # unique per entry
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
    recorded_at: str = ""  # when the entry was written (ISO, UTC)
    # schema 2
    planned_quarter: str = ""  # "2024-Q2": the quarter the bulletin was made for
    kind: str = ADD  # add | amend | void
    record_id: str = ""  # the record this entry belongs to (id of its first entry)
    supersedes: str = ""  # the entry this one corrects or voids
    reason: str = ""  # why it was amended or voided
    origin: str = ""  # id of the log the entry was first written in
    seq: int = 0  # position in its origin's chain, from 1
    prev_id: str = ""  # the entry before it in its origin's chain
    prev_hash: str = ""
    hash: str = ""
    # schema 3: as-played records (the scheduled player), stations, padding
    source: str = MANUAL  # manual (log add) | auto (the scheduled player)
    completion: str = COMPLETE  # complete | incomplete | interrupted | missed
    ended_at: str | None = None  # "YYYY-MM-DD HH:MM[:SS]", local time, when playing stopped
    played_seconds: float | None = None  # how much of the file was actually played
    slot: str | None = None  # stable key of the schedule slot (auto records): logged once
    station_name: str = ""  # the station that made the record (bulletin.toml [station] name)
    station_code: str = ""  # its short code ([station] code)
    padding_seconds: float = 0.0  # music added by --pad to reach the target duration

    @property
    def aired(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.aired_at)

    @property
    def aired_quarter(self) -> str:
        """"2024-Q3": the quarter of the airing (from the text, for speed)."""
        return f"{self.aired_at[:4]}-Q{(int(self.aired_at[5:7]) - 1) // 3 + 1}"

    @property
    def bulletin_key(self) -> str:
        """What makes two airings the same bulletin (re-broadcasts count once)."""
        return self.bulletin_id or self.sha256

    @property
    def voided(self) -> bool:
        return self.kind == VOID

    @property
    def over_length(self) -> bool:
        return self.duration > MAX_SECONDS

    @property
    def off_plan(self) -> bool:
        """Aired outside the quarter it was made for (when that is known)."""
        return bool(self.planned_quarter) and self.planned_quarter != self.aired_quarter

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in COLUMNS}


COLUMNS = tuple(f.name for f in fields(Broadcast))
V1_COLUMNS = COLUMNS[: COLUMNS.index("recorded_at") + 1]
V3_COLUMNS = COLUMNS[COLUMNS.index("hash") + 1:]
HASHED = tuple(c for c in COLUMNS if c != "hash")
# The schema-3 fields with their defaults. A field at its default is left out of
# the hashed payload, so every entry written before schema 3 keeps its hash.
V3_DEFAULTS = {f.name: f.default for f in fields(Broadcast) if f.name in V3_COLUMNS}
REAL_COLUMNS = ("duration", "played_seconds", "padding_seconds")


def entry_hash(entry: Broadcast) -> str:
    """SHA-256 of every field but ``hash`` itself (``prev_hash`` included: that is the chain).

    Schema-3 fields are hashed only when they differ from their default (see
    :data:`V3_DEFAULTS`); changing one from or to its default changes the hash all the same.
    """
    payload = {name: _plain(getattr(entry, name)) for name in HASHED}
    for name in REAL_COLUMNS:
        if _is_number(payload[name]):
            payload[name] = float(payload[name])
    if _is_number(payload["seq"]) and float(payload["seq"]).is_integer():
        payload["seq"] = int(payload["seq"])
    for name, default in V3_DEFAULTS.items():
        if payload[name] == default and type(payload[name]) is type(default):
            del payload[name]
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256((HASH_PREFIX + text).encode("utf-8")).hexdigest()


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _plain(value):
    """A value as JSON can hold it; a BLOB (only an outside edit makes one) becomes text that
    no genuine entry holds, so its hash cannot match."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "\x00blob:" + bytes(value).hex()
    return value


def from_row(row) -> Broadcast:
    """An entry from a row selected with :data:`COLUMNS` in order."""
    return Broadcast(*row)


def parse_aired(text: str, *, today: dt.date | None = None) -> dt.datetime:
    """When a bulletin was aired, as operators type it (see :func:`bulletin.periods.parse_moment`):
    "21/10/2024 17:00", "21/10/2024 17h", "17h30" (today), "2024-10-21 17:00"."""
    from bulletin.periods import parse_moment

    try:
        return parse_moment(text, today=today).replace(second=0, microsecond=0)
    except ValueError as exc:
        detail = str(exc)
        if detail.startswith("thời điểm không hợp lệ"):
            raise ValueError("thời điểm phát không hợp lệ" + detail[len("thời điểm không hợp lệ"):]) from None
        raise ValueError(f"thời điểm phát không hợp lệ: {detail}") from None


LEVEL_NAMES = ("thường", "ưu tiên", "khẩn cấp", "")
MAX_DURATION = 24 * 3600.0  # one airing of one file: anything longer is a wrong value
_AIRED_RE = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")
_QUARTER_RE = re.compile(r"\d{4}-Q[1-4]")
_TEXT_FIELDS = ("id", "aired_at", "place", "bulletin_id", "title", "series", "level", "file_name", "sha256",
                "operator", "note", "recorded_at", "planned_quarter", "kind", "record_id", "supersedes", "reason",
                "origin", "prev_id", "prev_hash", "hash", "source", "completion", "station_name", "station_code")


def invalid_values(entry: Broadcast) -> list[str]:
    """Every value of ``entry`` a log must not hold, in Vietnamese (empty: the entry is fine).

    The one check for ``log add``, ``amend``, ``void`` and ``import``, run before anything is
    written: a value that passes can be listed, counted and reported.
    """
    found = []
    for name in _TEXT_FIELDS:
        if not isinstance(getattr(entry, name), str):
            found.append(f"trường {name} phải là chuỗi, không phải {getattr(entry, name)!r}")
    if found:
        return found
    if not _AIRED_RE.fullmatch(entry.aired_at):
        found.append(f"thời điểm phát '{entry.aired_at}' không đúng dạng NĂM-THÁNG-NGÀY GIỜ:PHÚT")
    else:
        from bulletin.periods import parse_moment

        try:
            parse_moment(entry.aired_at)
        except ValueError as exc:
            found.append(f"thời điểm phát: {exc}")
    for name in ("duration", "padding_seconds", "played_seconds"):
        value = getattr(entry, name)
        if value is None and name == "played_seconds":
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            found.append(f"{name} phải là một số hữu hạn, không phải {value!r}")
        elif name == "duration" and not 0 < value <= MAX_DURATION:
            found.append(f"thời lượng {value!r} giây phải lớn hơn 0 và không quá 24 giờ")
        elif name != "duration" and not 0 <= value <= MAX_DURATION:
            found.append(f"{name} {value!r} phải từ 0 đến 24 giờ")
    if not entry.title.strip() and entry.kind != VOID:
        found.append("thiếu tiêu đề bản tin")
    if not entry.place.strip() and entry.kind != VOID:
        found.append("thiếu nơi phát")
    if entry.level not in LEVEL_NAMES:
        found.append(f"mức độ '{entry.level}' không hợp lệ; chọn một trong: thường, ưu tiên, khẩn cấp")
    if entry.planned_quarter and not _QUARTER_RE.fullmatch(entry.planned_quarter):
        found.append(f"quý kế hoạch '{entry.planned_quarter}' không hợp lệ; viết dạng 2024-Q3")
    if entry.kind not in KINDS:
        found.append(f"loại bản ghi '{entry.kind}' không hợp lệ ({', '.join(KINDS)})")
    if entry.source not in SOURCES:
        found.append(f"nguồn ghi '{entry.source}' không hợp lệ ({', '.join(SOURCES)})")
    if entry.completion not in COMPLETIONS:
        found.append(f"tình trạng phát '{entry.completion}' không hợp lệ ({', '.join(COMPLETIONS)})")
    if entry.ended_at is not None:
        from bulletin.periods import parse_moment

        try:
            parse_moment(entry.ended_at) if isinstance(entry.ended_at, str) else None
        except ValueError:
            found.append(f"thời điểm kết thúc '{entry.ended_at}' không hợp lệ")
        if not isinstance(entry.ended_at, str):
            found.append("thời điểm kết thúc phải là chuỗi")
    if entry.slot is not None and not isinstance(entry.slot, str):
        found.append("khung giờ (slot) phải là chuỗi")
    return found


def station_label(name: str, code: str) -> str:
    """"Đài xã Tam Hiệp (TH)": how a station is named in quotas and reports ("" when unknown)."""
    if name and code:
        return f"{name} ({code})"
    return name or code


def now_utc() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
