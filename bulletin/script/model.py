"""The script model: items, segments and metadata, and the builder every format shares."""

from __future__ import annotations

import datetime as dt
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Union

from bulletin import files
from bulletin import text as textprep
from bulletin.assets import resolve_sound
from bulletin.config import LEVELS, Station
from bulletin.errors import ScriptError, ScriptErrors
from bulletin.files import MB
from bulletin.timing import parse_duration


@dataclass(frozen=True)
class Speech:
    """A paragraph to be read aloud (display text; prepared later)."""

    text: str
    line: int
    font: str | None = None


@dataclass(frozen=True)
class Recording:
    """A recorded voice file played as part of an item."""

    path: Path
    line: int
    gain: float = 0.0
    start: float = 0.0  # seconds into the file where this part begins
    end: float | None = None  # seconds where it ends (None: the end of the file)

    @property
    def span(self) -> tuple[float, float] | None:
        """The part of the file played, or None for the whole file."""
        return None if self.start == 0.0 and self.end is None else (self.start, self.end or 0.0)


@dataclass(frozen=True)
class Pause:
    seconds: float
    line: int


@dataclass(frozen=True)
class Jingle:
    name: str
    path: Path
    line: int


@dataclass(frozen=True)
class Bed:
    """Start a music bed under what follows, or stop it (``path`` is None)."""

    name: str | None
    path: Path | None
    line: int


Segment = Union[Speech, Recording, Pause, Jingle, Bed]


@dataclass(frozen=True)
class Item:
    """One bulletin item: a titled section of speech and recordings."""

    title: str
    line: int
    segments: tuple[Segment, ...] = ()
    optional: bool = False
    speak_title: bool = True

    @property
    def speeches(self) -> tuple[Speech, ...]:
        return tuple(s for s in self.segments if isinstance(s, Speech))


@dataclass(frozen=True)
class Meta:
    title: str
    id: str = ""
    series: str = ""
    date: dt.date | None = None
    level: str = "thường"
    engine: str = ""
    voice: str = ""
    target: float = 600.0


# What a skipped line of an imported document was (the reason check gives).
SKIP_KINDS = {
    "paperwork": "thủ tục văn bản",
    "table": "bảng không đọc được",
    "direction": "ghi chú âm thanh trong bảng",
    "closing": "lời kết của văn bản (đài có lời kết riêng)",
}


@dataclass(frozen=True)
class Skipped:
    """A line of an imported document that is not read, and why.

    Unpacks as ``(line, text)`` like the plain pairs it replaced.
    """

    line: int
    text: str
    kind: str = "paperwork"  # a key of SKIP_KINDS, or a page-furniture kind (see script.furniture)
    label: str = ""  # what it is, for the operator ("ngày giờ đăng", "bảng 2 hàng × 5 cột")

    def __iter__(self):
        return iter((self.line, self.text))


@dataclass(frozen=True)
class Script:
    path: Path
    meta: Meta
    items: tuple[Item, ...]
    digest: str  # SHA-256 of the source file
    skipped: tuple[Skipped, ...] = ()  # lines of an imported document not read (unpack as (line, text))
    # A recording given as the script itself (``build ban-tin-so.mp3``): what was read from its
    # tags and name, as (what, value, where from) for ``check`` to show.
    found: tuple[tuple[str, str, str], ...] = ()
    recording: bool = False

    @property
    def files(self) -> list[tuple[Path, int]]:
        """Every audio file the script refers to, with its line."""
        found = []
        for item in self.items:
            for seg in item.segments:
                path = getattr(seg, "path", None)
                if path is not None:
                    found.append((path, seg.line))
        return found


# Bounds on text, checked while reading (so check and build refuse alike, before any slow step).
MAX_PARAGRAPH_CHARS = 10_000  # about 12 minutes read aloud
MAX_TITLE_CHARS = 500
MAX_WORD_CHARS = 200  # a long web address still fits; a megabyte "word" does not
MAX_GAIN = 40.0  # dB, either way: beyond that a recording is silence or noise

FRONT_MATTER_KEYS = ("title", "id", "series", "date", "level", "engine", "voice", "target")


class ScriptBuilder:
    """Collects headings, paragraphs and directives into a :class:`Script`.

    Shared by every input format so that all of them accept the same
    directives and report errors the same way.
    """

    def __init__(self, path: Path, station: Station):
        self.path = path
        self.station = station
        self.items: list[Item] = []
        self._title: str | None = None
        self._title_line = 0
        self._segments: list[Segment] = []
        self._optional = False
        self._speak_title = True
        self._open = False  # an item (or the untitled lead) has content pending
        self.errors: list[ScriptError] = []  # every problem found; finish() raises them together

    def error(self, message: str, line: int | None) -> ScriptError:
        return ScriptError(message, path=self.path, line=line)

    def _bounded(self, text: str, line: int, limit: int, what: str) -> None:
        """A paragraph or title of sane size with no absurdly long word (before any slow step)."""
        if len(text) > limit:
            raise self.error(f"{what} dài {_count(len(text))} ký tự, quá {_count(limit)} ký tự (hơn cả một bản tin "
                             "đọc liền); hãy tách thành nhiều đoạn", line)
        longest = max(text.split(), key=len, default="")
        if len(longest) > MAX_WORD_CHARS:
            raise self.error(f"{what} có một từ dài {_count(len(longest))} ký tự liền nhau («{longest[:30]}…»), quá "
                             f"{MAX_WORD_CHARS} ký tự; không đọc được thành lời, hãy sửa lại", line)

    def heading(self, title: str, line: int) -> None:
        self._bounded(title, line, MAX_TITLE_CHARS, "tiêu đề")
        self._close()
        self._title = textprep.repair(title)
        self._title_line = line
        self._open = True

    def paragraph(self, text: str, line: int, font: str | None = None) -> None:
        self._bounded(text, line, MAX_PARAGRAPH_CHARS, "đoạn văn")
        text = textprep.repair(text, font)
        if text:
            self._segments.append(Speech(text, line, font))
            self._open = True

    def directive(self, source: str, line: int) -> None:
        """Apply one ``@name args`` line; a mistake in it is noted (see :meth:`finish`) and reading goes on."""
        self.collect(self._directive, source, line)

    def _directive(self, source: str, line: int) -> None:
        try:
            words = _split_words(source[1:])
        except ValueError as exc:
            raise self.error(f"không đọc được lệnh {source!r} ({exc}); kiểm tra dấu ngoặc kép", line) from exc
        if not words:
            raise self.error("thiếu tên lệnh sau '@'", line)
        name, args = words[0].lower(), words[1:]
        handler = getattr(self, f"_d_{name}", None)
        if handler is None:
            known = ", ".join(f"@{n[3:]}" for n in dir(self) if n.startswith("_d_"))
            raise self.error(f"lệnh không hợp lệ '@{name}'; các lệnh hợp lệ: {known}", line)
        handler(args, line)
        self._open = True

    def collect(self, action, *args) -> None:
        """Run ``action(*args)``; a :class:`ScriptError` is noted and reading goes on (all are reported)."""
        try:
            action(*args)
        except ScriptError as exc:
            self.errors.append(exc)

    # -- directives -------------------------------------------------------

    def _d_audio(self, args: list[str], line: int) -> None:
        if not args:
            raise self.error("@audio cần tên tệp ghi âm, ví dụ: @audio phong-van.mp3 gain=-3", line)
        ref, options = args[0], args[1:]
        gain = 0.0
        for opt in options:
            key, _, value = opt.partition("=")
            if key != "gain" or not value:
                raise self.error(f"tùy chọn không hợp lệ '{opt}' cho @audio; chỉ có gain=SỐ_dB, ví dụ gain=-3", line)
            gain = self._number(value, "gain", line)
            if not -MAX_GAIN <= gain <= MAX_GAIN:  # also refuses inf and nan
                raise self.error(f"gain={value}: phải là số dB từ -{MAX_GAIN:g} đến +{MAX_GAIN:g}, ví dụ gain=-3", line)
        path = self.resolve(ref, line, kind="tệp ghi âm")
        self._segments.append(Recording(path, line, gain))

    def _d_pause(self, args: list[str], line: int) -> None:
        if len(args) != 1:
            raise self.error("@pause cần đúng một số giây, ví dụ: @pause 1.5", line)
        seconds = self._number(args[0].rstrip("s"), "@pause", line)
        if not 0 < seconds <= 60:
            raise self.error(f"@pause {args[0]}: số giây phải lớn hơn 0 và không quá 60", line)
        self._segments.append(Pause(seconds, line))

    def _d_jingle(self, args: list[str], line: int) -> None:
        if len(args) != 1:
            raise self.error("@jingle cần đúng một tên nhạc hiệu, ví dụ: @jingle intro", line)
        self._segments.append(Jingle(args[0], self.resolve(args[0], line, kind="nhạc hiệu"), line))

    def _d_bed(self, args: list[str], line: int) -> None:
        if len(args) != 1:
            raise self.error("@bed cần tên nhạc nền hoặc 'off', ví dụ: @bed bed hoặc @bed off", line)
        if args[0].lower() == "off":
            self._segments.append(Bed(None, None, line))
        else:
            self._segments.append(Bed(args[0], self.resolve(args[0], line, kind="nhạc nền"), line))

    def _d_optional(self, args: list[str], line: int) -> None:
        self._flag(args, line, "@optional")
        self._optional = True

    def _d_notitle(self, args: list[str], line: int) -> None:
        self._flag(args, line, "@notitle")
        self._speak_title = False

    def _flag(self, args: list[str], line: int, name: str) -> None:
        if args:
            raise self.error(f"{name} không nhận tham số", line)
        if self._title is None:
            raise self.error(f"{name} chỉ dùng bên trong một mục (sau một dòng tiêu đề # hoặc ##)", line)

    def _number(self, value: str, what: str, line: int) -> float:
        try:
            return float(value.replace(",", "."))
        except ValueError:
            raise self.error(f"{what}: '{value}' không phải là số", line) from None

    # -- files ------------------------------------------------------------

    def resolve(self, ref: str, line: int, *, kind: str) -> Path:
        """Find an audio file: next to the script, then in the station's audio_assets/.

        The file must lie (links followed) inside the station folder or the script's folder, so a
        received document cannot pull in any file on the computer; ``[audio] allow_outside = true``
        lifts this.
        """
        found = resolve_sound(ref, self.station, near=self.path.parent)
        if found is None:
            raise self.error(
                f"không tìm thấy {kind} '{ref}' (đã tìm cạnh kịch bản và trong audio_assets/)", line
            )
        if not self.station.audio.allow_outside and not self._allowed(found):
            raise self.error(
                f"{kind} '{ref}' nằm ngoài thư mục của đài và thư mục của kịch bản; hãy chép tệp vào "
                "audio_assets/ (hoặc đặt allow_outside = true trong mục [audio] của bulletin.toml)", line
            )
        return found

    def _allowed(self, found: Path) -> bool:
        from bulletin.assets import builtin_sounds_dir

        if _inside(found, [self.station.root, self.path.parent, self.station.assets_dir]):
            return True
        return _inside(found, [builtin_sounds_dir(self.station)])  # the built-in intro/outro/bed

    # -- assembly ---------------------------------------------------------

    def _close(self) -> None:
        if self._open:
            if self._title is None and not self._segments:
                pass
            else:
                self.items.append(
                    Item(
                        title=self._title or "",
                        line=self._title_line,
                        segments=tuple(self._segments),
                        optional=self._optional,
                        speak_title=self._speak_title and bool(self._title),
                    )
                )
        self._title = None
        self._title_line = 0
        self._segments = []
        self._optional = False
        self._speak_title = True
        self._open = False

    def finish(self, meta: Meta | None, digest: str) -> Script:
        """The script, or every problem noted while reading it (``meta`` is None when it had errors)."""
        self._close()
        spoken = [i for i in self.items if i.speak_title or any(not isinstance(s, (Pause, Bed)) for s in i.segments)]
        if not spoken and not self.errors:
            self.errors.append(ScriptError("kịch bản trống: không có mục hay đoạn văn nào để đọc", path=self.path))
        if self.errors:
            raise ScriptErrors.of(self.errors, self.path)
        assert meta is not None
        return Script(self.path, meta, tuple(self.items), digest)


MAX_SCRIPT_BYTES = 20 * MB  # a Word document with pictures; a text script is a few tens of KB


def _count(n: int) -> str:
    return f"{n:,}".replace(",", ".")  # 10.000: the Vietnamese thousands separator


def _inside(path: Path, folders: list[Path]) -> bool:
    """True when ``path`` (links followed) lies in one of ``folders`` (links followed)."""
    real = Path(path).resolve()
    return any(real.is_relative_to(Path(folder).resolve()) for folder in folders)


def read_source(path: Path) -> bytes:
    """The script's bytes: a regular file of sensible size (never a FIFO, device or folder)."""
    return files.read_bytes(path, what="tệp kịch bản", error=ScriptError, max_bytes=MAX_SCRIPT_BYTES)


def meta_from_dict(data: dict, path: Path, station: Station, key_lines: dict[str, int] | None = None) -> Meta:
    """Check and convert front matter (or importer) values into :class:`Meta`.

    Keys are read whatever their case ("Date:" is date); every mistake is reported at
    once, each on its line, an unknown key with the key it most likely meant.
    """
    import difflib

    lines = {str(k).lower(): n for k, n in (key_lines or {}).items()}
    errors: list[ScriptError] = []

    def fail(key: str, message: str) -> None:
        errors.append(ScriptError(message, path=path, line=lines.get(key)))

    values: dict[str, object] = {}
    for raw_key, value in data.items():
        key = str(raw_key).strip().lower()
        if key in FRONT_MATTER_KEYS:
            values[key] = value
            continue
        close = difflib.get_close_matches(key, FRONT_MATTER_KEYS, n=1, cutoff=0.6)
        hint = f" (có phải '{close[0]}'?)" if close else ""
        fail(key, f"khóa không hợp lệ '{raw_key}'{hint}; các khóa hợp lệ: {', '.join(FRONT_MATTER_KEYS)}")
    title = values.get("title")
    if title is None or not str(title).strip():
        if not any("title" in e.message for e in errors):
            errors.append(ScriptError("thiếu 'title' (tiêu đề bản tin) trong phần khai báo đầu tệp", path=path,
                                      line=1))

    def text_value(key: str, default: str = "") -> str:
        value = values.get(key, default)
        if value is None:
            return default
        if isinstance(value, (dict, list)):
            fail(key, f"'{key}' phải là một chuỗi")
            return default
        return textprep.repair(str(value))

    date = values.get("date")
    if date is not None:
        if isinstance(date, dt.datetime):
            date = date.date()
        elif isinstance(date, str):
            from bulletin.periods import parse_clock, parse_day

            try:
                day, _, clock = date.strip().replace("T", " ", 1).partition(" ")
                if clock.strip():
                    parse_clock(clock)  # "2024-06-21 06:30": the time must be real too (no hour 25)
                date = parse_day(day)  # "2024-06-21" or "21/6/2024"
            except ValueError as exc:
                fail("date", str(exc))
                date = None
        elif not isinstance(date, dt.date):
            fail("date", f"ngày không hợp lệ '{date}'; viết dạng NĂM-THÁNG-NGÀY, ví dụ 2024-06-21")
            date = None
    level = text_value("level", "thường").lower()
    if level not in LEVELS:
        fail("level", f"mức độ không hợp lệ '{level}'; chọn một trong: {', '.join(LEVELS)}")
    target_raw = values.get("target", station.target)
    target = station.target
    try:
        target = parse_duration(target_raw if isinstance(target_raw, (int, float)) else str(target_raw))
    except ValueError as exc:
        fail("target", str(exc))
    if errors:
        raise ScriptErrors.of(errors, path)
    return Meta(
        title=textprep.repair(str(title)),
        id=text_value("id"),
        series=text_value("series") or station.series,
        date=date,
        level=level,
        engine=text_value("engine"),
        voice=text_value("voice"),
        target=target,
    )


_CURLY_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})


def directive_names() -> tuple[str, ...]:
    """The directives a script may use ("audio", "pause", ...)."""
    return tuple(sorted(n[3:] for n in dir(ScriptBuilder) if n.startswith("_d_")))


def _split_words(text: str) -> list[str]:
    """Words of a directive, quotes grouping them; a backslash is a letter (Windows paths: C:\\Am thanh\\pv.mp3)."""
    # Word turns typed quotes into curly ones: “phong van.wav” groups like "phong van.wav".
    text = text.translate(_CURLY_QUOTES)
    lexer = shlex.shlex(text, posix=True)
    lexer.whitespace_split = True
    lexer.commenters = ""
    lexer.escape = ""
    return list(lexer)
