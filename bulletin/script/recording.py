"""A recording as the script itself: the Department's ready-made bulletin (``build ban-tin-so.mp3``).

The file becomes one item holding the whole recording. What the bulletin is
(title, id, date, series) comes from the file's own tags, then its name, then
the station's defaults; ``check`` shows where each value came from. Trimming
silence, chapters at long silences and wrapping in the station's intro and
outro are decided later, on the decoded audio (:mod:`bulletin.prepare`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

from bulletin.config import Station
from bulletin.errors import ScriptError
from bulletin.script.model import Item, Meta, Recording, Script

# Any format ffmpeg reads; these are the ones a downloaded bulletin comes in.
AUDIO_SUFFIXES = (".mp3", ".m4a", ".wav", ".ogg", ".opus", ".flac", ".aac", ".wma", ".mp4", ".oga", ".webm")

_YMD = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)")
_DMY = re.compile(r"(?<!\d)(0?[1-9]|[12]\d|3[01])[-_.](0?[1-9]|1[0-2])[-_.]((?:19|20)\d\d)(?!\d)")

FROM_TAGS = "thẻ của tệp"
FROM_NAME = "tên tệp"
FROM_STATION = "cấu hình đài"
FROM_NOWHERE = "chưa có"


def is_recording(path: Path) -> bool:
    return Path(path).suffix.lower() in AUDIO_SUFFIXES


def parse_recording(path: Path, station: Station) -> Script:
    """A script of one item: the whole recording, with what its tags and name say it is."""
    from bulletin.audio.tags import read_file_tags  # mutagen: only when a recording is read

    path = Path(path)
    if not path.is_file():
        raise ScriptError("không tìm thấy tệp ghi âm" if not path.exists() else "đây là thư mục, không phải tệp ghi âm",
                          path=path)
    try:
        digest = _sha256(path)
    except OSError as exc:
        raise ScriptError(f"không đọc được tệp ghi âm ({exc.strerror})", path=path) from None
    tags = read_file_tags(path)
    found: list[tuple[str, str, str]] = []

    title, where = tags.title.strip(), FROM_TAGS
    if not title:
        title, where = title_from_name(path), FROM_NAME
    found.append(("Tiêu đề", title, where))

    bulletin_id = tags.bulletin_id.strip()
    found.append(("Mã bản tin", bulletin_id, FROM_TAGS if bulletin_id else FROM_NOWHERE))

    date, where = _day(tags.date), FROM_TAGS
    if date is None:
        date, where = date_from_name(path), FROM_NAME
    found.append(("Ngày", date.strftime("%d/%m/%Y") if date else "", where if date else FROM_NOWHERE))

    series, where = tags.series.strip(), FROM_TAGS
    if not series:
        series, where = station.series, FROM_STATION
    found.append(("Chuyên mục", series, where))

    level = tags.level if tags.level in ("thường", "ưu tiên", "khẩn cấp") else "thường"
    meta = Meta(title=title, id=bulletin_id, series=series, date=date, level=level, target=station.target_seconds)
    item = Item(title=title, line=0, segments=(Recording(path, 0),), speak_title=False)
    return Script(path, meta, (item,), digest, found=tuple(found), recording=True)


def title_from_name(path: Path) -> str:
    """"ban-tin_TTDN 2024-06-21" -> "ban tin TTDN": the name without its date and separators."""
    stem = _DMY.sub(" ", _YMD.sub(" ", Path(path).stem))
    words = re.sub(r"[-_.]+", " ", stem).split()
    return " ".join(words) or Path(path).stem


def date_from_name(path: Path) -> dt.date | None:
    """A date written in the file name ("2024-06-21", "20240621", "21-6-2024"), or None."""
    stem = Path(path).stem
    for pattern, order in ((_YMD, (1, 2, 3)), (_DMY, (3, 2, 1))):
        for m in pattern.finditer(stem):
            try:
                return dt.date(int(m.group(order[0])), int(m.group(order[1])), int(m.group(order[2])))
            except ValueError:
                continue
    return None


def _day(text: str) -> dt.date | None:
    from bulletin.periods import parse_day

    text = (text or "").strip()[:10]
    try:
        return parse_day(text) if text else None
    except ValueError:
        return None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
