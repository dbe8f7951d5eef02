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
from dataclasses import dataclass, fields

AIRED_FORMAT = "%Y-%m-%d %H:%M"

ADD, AMEND, VOID = "add", "amend", "void"
KINDS = (ADD, AMEND, VOID)

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
HASHED = tuple(c for c in COLUMNS if c != "hash")


def entry_hash(entry: Broadcast) -> str:
    """SHA-256 of every field but ``hash`` itself (``prev_hash`` included: that is the chain)."""
    payload = {name: getattr(entry, name) for name in HASHED}
    payload["duration"] = float(payload["duration"])
    payload["seq"] = int(payload["seq"])
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256((HASH_PREFIX + text).encode("utf-8")).hexdigest()


def from_row(row) -> Broadcast:
    """An entry from a row selected with :data:`COLUMNS` in order."""
    return Broadcast(*row)


def parse_aired(text: str) -> dt.datetime:
    """"YYYY-MM-DD HH:MM" (seconds and a 'T' separator are accepted)."""
    value = (text or "").strip().replace("T", " ")
    for fmt in (AIRED_FORMAT, "%Y-%m-%d %H:%M:%S"):
        try:
            return dt.datetime.strptime(value, fmt)
        except ValueError:
            continue
    raise ValueError(f"thời điểm phát không hợp lệ '{text}'; viết dạng \"2024-07-15 06:30\" (năm-tháng-ngày giờ:phút)")


def now_utc() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
