"""The station's schedule (lich-phat.toml): what airs, when, where; parsed from operators' words.

``when`` is written as operators write it: weekly slots ("thứ 2, 4, 6 lúc 6h30",
"thứ hai lúc 17 giờ", "chủ nhật 7h"), every day ("hằng ngày 6h") or one date
("21/10/2024 17:00"). Every airing the schedule makes has a stable *slot key*
(its minute and place): the player logs a slot once, across restarts.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from bulletin.errors import ConfigError
from bulletin.log.record import LEVEL_NAMES
from bulletin.periods import parse_clock, parse_moment

SCHEDULE_FILE = "lich-phat.toml"
AUDIO_SUFFIXES = (".mp3", ".wav", ".m4a", ".ogg", ".flac")
SCRIPT_SUFFIXES = (".md", ".docx", ".txt")
WEEKDAY_NAMES = ("thứ hai", "thứ ba", "thứ tư", "thứ năm", "thứ sáu", "thứ bảy", "chủ nhật")
_DAY_WORDS = {"2": 0, "hai": 0, "3": 1, "ba": 1, "4": 2, "tư": 2, "bốn": 2, "5": 3, "năm": 3, "6": 4, "sáu": 4,
              "7": 5, "bảy": 5, "bẩy": 5, "cn": 6, "chủ nhật": 6, "t2": 0, "t3": 1, "t4": 2, "t5": 3, "t6": 4,
              "t7": 5}
_DAILY = re.compile(r"^(?:hằng|hàng|mỗi|các)\s+ngày\b\s*(?:lúc\s+)?(.*)$")
WHEN_FORMS = ('"thứ 2, 4, 6 lúc 6h30", "thứ hai lúc 17 giờ", "hằng ngày 6h" hoặc một ngày "21/10/2024 17:00"')


@dataclass(frozen=True)
class When:
    """Weekly slots (``days`` Monday=0 … Sunday=6, ``times``) or one moment (``once``)."""

    days: tuple[int, ...] = ()
    times: tuple[dt.time, ...] = ()
    once: dt.datetime | None = None

    def describe(self) -> str:
        """Vietnamese, as a person would say it back: "thứ hai, thứ tư lúc 06:30"."""
        if self.once is not None:
            return f"{self.once:%d/%m/%Y %H:%M}"
        clock = ", ".join(f"{t:%H:%M}" for t in self.times)
        if len(self.days) == 7:
            return f"hằng ngày lúc {clock}"
        return f"{', '.join(WEEKDAY_NAMES[d] for d in self.days)} lúc {clock}"


@dataclass(frozen=True)
class Entry:
    """One line of the schedule: a file (built MP3, or a script built before it airs), when, where."""

    id: str
    file: str  # relative to the station folder (or absolute)
    when_text: str
    when: When
    place: str
    level: str = "thường"
    added: str = ""  # "YYYY-MM-DD HH:MM": slots before it are not "missed"
    line: int = 0  # where it starts in the file (for messages)

    @property
    def is_script(self) -> bool:
        return Path(self.file).suffix.lower() in SCRIPT_SUFFIXES

    @property
    def added_at(self) -> dt.datetime | None:
        return dt.datetime.fromisoformat(self.added) if self.added else None


@dataclass(frozen=True)
class Airing:
    """One planned airing of one entry (or an emergency bulletin) at one minute."""

    at: dt.datetime
    entry: Entry

    @property
    def slot(self) -> str:
        return slot_key(self.at, self.entry.place)


def slot_key(at: dt.datetime, place: str) -> str:
    """"2024-10-21 06:30 @ Cụm loa thôn 1": one place airs one thing at a time."""
    return f"{at:%Y-%m-%d %H:%M} @ {place}"


# -- reading what operators write -----------------------------------------------------


def parse_when(text: str, *, today: dt.date | None = None) -> When:
    """Weekly slots, every day, or one date and time; ValueError (Vietnamese) otherwise."""
    value = " ".join(unicodedata.normalize("NFC", text or "").lower().split())
    if not value:
        raise ValueError(f"chưa ghi thời gian phát; viết dạng {WHEN_FORMS}")
    daily = _DAILY.match(value)
    if daily:
        return When(tuple(range(7)), _times(daily.group(1), text))
    if re.match(r"^(thứ|t[2-7]\b|cn\b|chủ nhật)", value):
        days_text, times_text = _split_days_and_times(value, text)
        return When(_days(days_text, text), _times(times_text, text))
    try:
        moment = parse_moment(value.replace("lúc", " "), today=today)
    except ValueError as exc:
        if re.search(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{1,2}-\d{1,2}", value):
            raise  # a date was written: say what is wrong with it ("tháng 2 năm 2025 chỉ có 28 ngày")
        raise ValueError(f"không hiểu thời gian phát '{text}'; viết dạng {WHEN_FORMS}") from exc
    if re.fullmatch(r"[\d:hgiờphút' ]+", value):  # a time alone would be today only: say so
        raise ValueError(f"'{text}' chỉ có giờ, chưa có ngày; viết \"hằng ngày {text}\", "
                         f"\"thứ 2 lúc {text}\" hoặc \"21/10/2024 {text}\"")
    return When(once=moment.replace(second=0, microsecond=0))


def _split_days_and_times(value: str, original: str) -> tuple[str, str]:
    if " lúc " in f" {value} ":
        days, _, times = value.partition("lúc")
        return days.strip(), times.strip()
    tokens = value.split()
    for i in range(1, len(tokens)):
        rest = " ".join(tokens[i:])
        try:
            _times(rest, original)
        except ValueError:
            continue
        return " ".join(tokens[:i]), rest
    raise ValueError(f"thiếu giờ phát trong '{original}'; viết dạng \"thứ 2, 4, 6 lúc 6h30\"")


def _days(text: str, original: str) -> tuple[int, ...]:
    words = re.sub(r"\bthứ\b", " ", text.replace("chủ nhật", "cn"))
    found = set()
    for part in re.split(r"\s*(?:,|;|\bvà\b|&|\s)\s*", words):
        if not part:
            continue
        if part not in _DAY_WORDS:
            raise ValueError(f"không hiểu ngày '{part}' trong '{original}'; viết thứ 2 … thứ 7, chủ nhật "
                             "(hoặc thứ hai, thứ ba …)")
        found.add(_DAY_WORDS[part])
    if not found:
        raise ValueError(f"thiếu ngày trong tuần trong '{original}'; viết dạng \"thứ 2, 4, 6 lúc 6h30\"")
    return tuple(sorted(found))


def _times(text: str, original: str) -> tuple[dt.time, ...]:
    parts = [p for p in re.split(r"\s*(?:,|;|\bvà\b)\s*", text.replace("lúc", " ").strip()) if p.strip()]
    if not parts:
        raise ValueError(f"thiếu giờ phát trong '{original}'; viết dạng \"hằng ngày lúc 6h30\"")
    times = set()
    for part in parts:
        clock = parse_clock(part.strip())
        times.add(clock.replace(second=0))
    return tuple(sorted(times))


# -- the file ------------------------------------------------------------------------


HEADER = """\
# Lịch phát của đài. Sửa bằng lệnh "bulletin schedule add|list|remove" hoặc trang "Lịch phát",
# hoặc sửa trực tiếp tệp này. Mỗi mục [[airing]] gồm:
#   file  = tệp MP3 đã tạo (hoặc kịch bản .md/.docx/.txt: được tạo trước khi phát)
#   when  = "thứ 2, 4, 6 lúc 6h30", "thứ hai lúc 17 giờ", "hằng ngày 6h" hoặc "21/10/2024 17:00"
#   place = nơi phát (cụm loa); level = "thường", "ưu tiên" hoặc "khẩn cấp"
"""


def schedule_path(root: Path) -> Path:
    return Path(root) / SCHEDULE_FILE


def load(path: Path) -> list[Entry]:
    """The entries of a schedule file (none when it does not exist); ConfigError naming the line."""
    path = Path(path)
    if not path.exists():
        return []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"không đọc được lịch phát ({exc})", path=path) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise ConfigError(f"lịch phát viết sai cú pháp TOML ({exc})", path=path,
                          line=int(m.group(1)) if m else None) from None
    except RecursionError:
        raise ConfigError("lịch phát lồng quá nhiều tầng ngoặc; đây không phải lịch phát do bulletin viết",
                          path=path) from None
    unknown = set(data) - {"airing"}
    if unknown:
        raise ConfigError(f"mục không biết trong lịch phát: {', '.join(sorted(unknown))}; chỉ dùng [[airing]]",
                          path=path)
    rows = data.get("airing", [])
    if not isinstance(rows, list):
        raise ConfigError("'airing' phải là danh sách các mục [[airing]]", path=path)
    starts = [n for n, line in enumerate(text.splitlines(), start=1) if line.strip() == "[[airing]]"]
    entries = []
    for index, row in enumerate(rows):
        line = starts[index] if index < len(starts) else None
        entries.append(_entry(row, index, path, line, text))
    seen: dict[str, int] = {}
    for entry in entries:
        if entry.id in seen:
            raise ConfigError(f"mã '{entry.id}' dùng cho hai mục của lịch phát (dòng {seen[entry.id]}); "
                              "mỗi mục một mã riêng", path=path, line=entry.line)
        seen[entry.id] = entry.line
    return entries


def _entry(row, index: int, path: Path, line: int | None, text: str) -> Entry:
    if not isinstance(row, dict):
        raise ConfigError("mỗi mục của lịch phát phải là một bảng [[airing]]", path=path, line=line)

    def line_of(key: str) -> int | None:
        if line is None:
            return None
        lines = text.splitlines()
        for n in range(line, len(lines)):
            stripped = lines[n].strip()
            if stripped.startswith("[["):
                break
            if re.match(rf"{key}\s*=", stripped):
                return n + 1
        return line

    allowed = {"id", "file", "when", "place", "level", "added"}
    for key in row:
        if key not in allowed:
            raise ConfigError(f"khóa không biết '{key}' trong mục lịch phát; dùng: {', '.join(sorted(allowed))}",
                              path=path, line=line_of(key))
    for key in ("file", "when", "place"):
        value = row.get(key)
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f"mục lịch phát thiếu '{key}' (hoặc không phải chuỗi)", path=path, line=line)
    try:
        when = parse_when(row["when"])
    except ValueError as exc:
        raise ConfigError(str(exc), path=path, line=line_of("when")) from None
    level = row.get("level", "thường")
    if level not in LEVEL_NAMES or not level:
        raise ConfigError(f"mức độ '{level}' không hợp lệ; chọn: thường, ưu tiên, khẩn cấp", path=path,
                          line=line_of("level"))
    added = row.get("added", "")
    if added:
        try:
            added = parse_moment(str(added)).strftime("%Y-%m-%d %H:%M")
        except ValueError as exc:
            raise ConfigError(f"'added': {exc}", path=path, line=line_of("added")) from None
    suffix = Path(row["file"]).suffix.lower()
    if suffix not in AUDIO_SUFFIXES + SCRIPT_SUFFIXES:
        raise ConfigError(f"tệp '{row['file']}' không phải tệp âm thanh (.mp3, .wav …) hay kịch bản "
                          "(.md, .docx, .txt)", path=path, line=line_of("file"))
    return Entry(id=str(row.get("id") or index + 1), file=row["file"].strip(), when_text=row["when"].strip(),
                 when=when, place=row["place"].strip(), level=level, added=added, line=line or 0)


def _quote(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def dumps(entries: Iterable[Entry]) -> str:
    parts = [HEADER]
    for e in entries:
        parts.append("\n[[airing]]\n"
                     f"id = {_quote(e.id)}\nfile = {_quote(e.file)}\nwhen = {_quote(e.when_text)}\n"
                     f"place = {_quote(e.place)}\nlevel = {_quote(e.level)}\n"
                     + (f"added = {_quote(e.added)}\n" if e.added else ""))
    return "".join(parts)


def save(path: Path, entries: Iterable[Entry]) -> None:
    """Write the whole schedule at once (a reader never sees half a file)."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(dumps(entries), encoding="utf-8")
    os.replace(temporary, path)


def add(path: Path, file: str, when_text: str, place: str, *, level: str = "thường",
        now: dt.datetime | None = None, root: Path | None = None) -> Entry:
    """Append one entry (checked first: the file exists, ``when`` reads, no slot taken twice)."""
    now = now or dt.datetime.now()
    try:
        when = parse_when(when_text, today=now.date())
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    if when.once is not None and when.once <= now:
        raise ConfigError(f"thời điểm {when.describe()} đã qua; lịch phát chỉ nhận thời điểm sắp tới")
    if not place.strip():
        raise ConfigError("cần ghi nơi phát (--place \"Cụm loa thôn 1\")")
    if level not in LEVEL_NAMES or not level:
        raise ConfigError(f"mức độ '{level}' không hợp lệ; chọn: thường, ưu tiên, khẩn cấp")
    base = Path(root) if root is not None else Path(path).parent
    target = Path(file)
    if not (target if target.is_absolute() else base / target).is_file():
        raise ConfigError("không tìm thấy tệp cần phát; hãy kiểm tra tên và thư mục", path=target)
    if target.suffix.lower() not in AUDIO_SUFFIXES + SCRIPT_SUFFIXES:
        raise ConfigError("tệp không phải tệp âm thanh (.mp3 …) hay kịch bản (.md, .docx, .txt)", path=target)
    if not target.is_absolute():
        file = target.as_posix()
    else:
        try:
            file = target.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            file = str(target)
    entries = load(path)
    number = max([int(e.id) for e in entries if e.id.isdigit()] + [0]) + 1
    entry = Entry(str(number), file, " ".join(when_text.split()), when, place.strip(), level,
                  added=now.strftime("%Y-%m-%d %H:%M"))
    week = occurrences([entry], now, now + dt.timedelta(days=7 if when.once is None else 3660))
    taken = {a.slot: a for a in occurrences(entries, now, now + dt.timedelta(days=3660 if when.once else 7))}
    for airing in week:
        if airing.slot in taken:
            raise ConfigError(f"{airing.entry.place} đã có mục {taken[airing.slot].entry.id} phát lúc "
                              f"{airing.at:%H:%M %d/%m/%Y}; một nơi phát chỉ phát một bản tin một lúc")
    save(path, [*entries, entry])
    return replace(entry, line=0)


def remove(path: Path, entry_id: str) -> Entry:
    entries = load(path)
    kept = [e for e in entries if e.id != entry_id.strip()]
    if len(kept) == len(entries):
        known = ", ".join(e.id for e in entries) or "lịch đang trống"
        raise ConfigError(f"không có mục mã '{entry_id}' trong lịch phát (có: {known}); xem bằng "
                          "'bulletin schedule list'", path=path)
    save(path, kept)
    return next(e for e in entries if e.id == entry_id.strip())


# -- airings ---------------------------------------------------------------------------


def occurrences(entries: Iterable[Entry], start: dt.datetime, end: dt.datetime) -> list[Airing]:
    """Every airing with ``start <= at < end``, in time order (not before an entry was added)."""
    found = []
    for entry in entries:
        since = max(start, entry.added_at) if entry.added_at else start
        if entry.when.once is not None:
            if since <= entry.when.once < end:
                found.append(Airing(entry.when.once, entry))
            continue
        day = since.date()
        while day <= end.date():
            if day.weekday() in entry.when.days:
                for clock in entry.when.times:
                    at = dt.datetime.combine(day, clock)
                    if since <= at < end:
                        found.append(Airing(at, entry))
            day += dt.timedelta(days=1)
    return sorted(found, key=lambda a: (a.at, a.entry.place, a.entry.id))
