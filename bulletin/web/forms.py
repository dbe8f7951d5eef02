"""Turning what a form or an upload holds into what the library takes (no bulletin logic here)."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from pathlib import Path

import yaml

from bulletin.errors import ConfigError, LogError
from bulletin.script.recording import AUDIO_SUFFIXES

SCRIPT_TYPES = (".docx", ".txt", ".md")
AUDIO_TYPES = AUDIO_SUFFIXES  # every recording the command line takes as a script
MEDIA_TYPES = {".mp3": "audio/mpeg", ".wav": "audio/wav", ".ogg": "audio/ogg", ".oga": "audio/ogg",
               ".opus": "audio/ogg", ".flac": "audio/flac", ".m4a": "audio/mp4", ".mp4": "audio/mp4",
               ".aac": "audio/aac", ".wma": "audio/x-ms-wma", ".webm": "audio/webm"}
_ASF = bytes.fromhex("3026b2758e66cf11a6d900aa0062ce6c")  # the header object of a .wma
UPLOAD_FOLDER = "uploads"


class BadUpload(Exception):
    """An upload of a type the studio does not take; the message is for the operator."""


def safe_name(filename: str) -> str:
    """A file name without folders or odd characters ("../x y.docx" -> "x-y.docx")."""
    name = Path((filename or "").replace("\\", "/")).name
    stem, suffix = Path(name).stem, Path(name).suffix.lower()
    stem = re.sub(r"[^\w.-]+", "-", stem).strip(".-") or "ban-tin"
    return stem[:80] + suffix


def sniff(data: bytes, suffix: str) -> bool:
    """Whether the first bytes look like the type the name claims."""
    if suffix == ".docx":
        return data.startswith(b"PK\x03\x04")
    if suffix in (".txt", ".md"):
        if b"\x00" in data[:4096]:
            return False
        try:
            data[:65536].decode("utf-8")
        except UnicodeDecodeError as exc:  # a multi-byte character cut at the end is fine
            return exc.start >= 65530
        return True
    if suffix == ".mp3":
        return data.startswith(b"ID3") or (len(data) > 1 and data[0] == 0xFF and data[1] & 0xE0 == 0xE0)
    if suffix == ".wav":
        return data[:4] == b"RIFF" and data[8:12] == b"WAVE"
    if suffix in (".ogg", ".oga", ".opus"):
        return data.startswith(b"OggS")
    if suffix == ".flac":
        return data.startswith(b"fLaC")
    if suffix in (".m4a", ".mp4"):
        return data[4:8] == b"ftyp"
    if suffix == ".aac":  # ADTS frames, possibly after an ID3 tag, or the rare ADIF header
        return data.startswith((b"ID3", b"ADIF")) or (len(data) > 1 and data[0] == 0xFF and data[1] & 0xF6 == 0xF0)
    if suffix == ".wma":
        return data.startswith(_ASF)
    if suffix == ".webm":
        return data.startswith(b"\x1a\x45\xdf\xa3")
    return False


def save_upload(root: Path, filename: str, data: bytes) -> Path:
    """Keep an uploaded script or recording in the station's uploads folder; never overwrites."""
    name = safe_name(filename)
    suffix = Path(name).suffix
    if suffix not in SCRIPT_TYPES + AUDIO_TYPES:
        raise BadUpload(f"không nhận loại tệp '{suffix or name}': chỉ nhận văn bản .docx, .txt, .md "
                        f"hoặc âm thanh {', '.join(AUDIO_TYPES)}")
    if not data:
        raise BadUpload("tệp tải lên rỗng")
    if not sniff(data, suffix):
        raise BadUpload(f"nội dung tệp '{name}' không phải là tệp {suffix} (tệp hỏng hoặc đổi đuôi?)")
    folder = root / UPLOAD_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    n = 2
    while target.exists():
        target = folder / f"{Path(name).stem}-{n}{suffix}"
        n += 1
    tmp = target.with_name(f".{target.name}.part")
    tmp.write_bytes(data)
    tmp.replace(target)
    return target


_TIME = re.compile(r"^\s*(\d{1,2})\s*(?:[:hg]\s*(\d{1,2})?)?\s*(?:phút)?\s*$", re.IGNORECASE)


def parse_vn_moment(day: str, time: str) -> dt.datetime:
    """"15/7/2024" and "6:30" (or "6h30", "18g") -> datetime; LogError with a Vietnamese message."""
    from bulletin.periods import day_in_words, parse_day

    try:
        date = day_in_words(day or "") or parse_day(day)
    except ValueError as exc:
        raise LogError(str(exc)) from None
    m = _TIME.match(time or "")
    if not m or int(m.group(1)) > 23 or int(m.group(2) or 0) > 59:
        raise LogError(f"giờ phát không hợp lệ '{time}'; viết dạng 6:30 hoặc 6h30")
    return dt.datetime.combine(date, dt.time(int(m.group(1)), int(m.group(2) or 0)))


def split_front_matter(text: str) -> tuple[str, str]:
    """("front matter", "body") of a Markdown script (front matter empty when it has none)."""
    lines = text.splitlines(keepends=True)
    if lines and lines[0].strip() == "---":
        for n, line in enumerate(lines[1:], start=1):
            if line.strip() == "---":
                return "".join(lines[1:n]), "".join(lines[n + 1:]).lstrip("\n")
    return "", text


def compose_script(meta: dict[str, str], body: str) -> str:
    """A Markdown script: front matter from the form's fields, then the edited text."""
    values = {k: v.strip() for k, v in meta.items() if v and v.strip()}
    front = yaml.safe_dump(values, allow_unicode=True, sort_keys=False).strip()
    return f"---\n{front}\n---\n\n{body.strip()}\n"


# -- bulletin.toml ------------------------------------------------------------------


def update_toml(text: str, changes: dict[tuple[str, str], object]) -> str:
    """``text`` with ``[section] key = value`` set for each change; other lines and comments are kept."""
    lines = text.splitlines()
    for (section, key), value in changes.items():
        literal = _toml_literal(value)
        start = _section_line(lines, section)
        if start is None:
            lines += ["", f"[{section}]", f"{key} = {literal}"]
            continue
        end = next((n for n in range(start + 1, len(lines)) if lines[n].lstrip().startswith("[")), len(lines))
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for n in range(start + 1, end):
            if pattern.match(lines[n]):
                comment = _trailing_comment(lines[n])
                lines[n] = f"{key} = {literal}" + (f"  {comment}" if comment else "")
                break
        else:
            lines.insert(start + 1, f"{key} = {literal}")
    return "\n".join(lines) + "\n"


def _toml_literal(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(str(value), ensure_ascii=False)


def _section_line(lines: list[str], section: str) -> int | None:
    return next((n for n, line in enumerate(lines) if line.strip() == f"[{section}]"), None)


def _trailing_comment(line: str) -> str:
    """The ``# …`` after a value (outside a quoted string)."""
    quoted = False
    for n, ch in enumerate(line):
        if ch == '"' and (n == 0 or line[n - 1] != "\\"):
            quoted = not quoted
        elif ch == "#" and not quoted and "=" in line[:n]:
            return line[n:].strip()
    return ""


def check_toml(text: str, root: Path, config_path: Path):
    """The station the new text describes, or the same ConfigError the CLI would give."""
    from bulletin.config import station_from_dict

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"cú pháp TOML sai: {exc}", path=config_path) from exc
    return station_from_dict(data, root=root, config_path=config_path)
