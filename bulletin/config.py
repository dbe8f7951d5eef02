"""The station configuration: ``bulletin.toml`` in the station folder.

Every value has a default, so a script builds with no configuration at all.
The station folder is the folder that holds ``bulletin.toml`` (or the current
folder when there is none); relative paths in the file are relative to it.
"""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from bulletin import files
from bulletin.errors import ConfigError

CONFIG_NAME = "bulletin.toml"
MAX_CONFIG_BYTES = 1 * files.MB

LEVELS = ("thường", "ưu tiên", "khẩn cấp")


@dataclass(frozen=True)
class Reading:
    """Regional reading choices for the text normalizer."""

    zero_tens: str = "linh"  # "linh" (North) or "lẻ" (South): 105 = một trăm linh năm
    four_after_tens: str = "tư"  # "tư" or "bốn": 24 = hai mươi tư
    thousand: str = "nghìn"  # "nghìn" (North) or "ngàn" (South)
    document_symbols: str = "expand"  # "expand", "spell" or "number": how "179-CV/BTGHU" is read
    lexicon: str = "lexicon.tsv"  # station lexicon, relative to the station folder


# Loudness presets: integrated loudness (LUFS) and true-peak ceiling (dBTP).
# ``audio.preset`` picks one; ``audio.loudness``/``audio.true_peak`` still override it.
PRESETS: dict[str, tuple[float, float]] = {
    "truyen-thanh": (-16.0, -1.0),  # speech on horn loudspeakers (default)
    "ebu-r128": (-23.0, -1.0),  # EBU R128 broadcast
    "internet": (-14.0, -1.0),  # streaming platforms
}

MP3_BITRATES = ("32k", "40k", "48k", "56k", "64k", "80k", "96k", "112k", "128k", "160k", "192k", "224k", "256k", "320k")


@dataclass(frozen=True)
class AudioSettings:
    """How the bulletin sounds: working format, levels, pauses, bed, fitting, export."""

    sample_rate: int = 44100  # working and output rate, Hz
    channels: int = 1
    preset: str = "truyen-thanh"
    loudness: float = -16.0  # integrated loudness target, LUFS (every speech item and the master)
    true_peak: float = -1.0  # ceiling, dBTP, measured on the decoded MP3
    bitrate: str = "128k"  # MP3, constant bitrate
    pause_between_items: float = 1.0  # seconds
    pause_after_title: float = 0.6
    pause_between_paragraphs: float = 0.4
    min_pause_between_items: float = 0.5
    min_pause_after_title: float = 0.3
    min_pause_between_paragraphs: float = 0.2
    jingle_level: float = 0.0  # jingle loudness relative to speech, LU
    jingle_crossfade: float = 0.5  # seconds a jingle overlaps the speech next to it
    bed_level: float = -8.0  # bed loudness in pauses relative to speech, LU
    duck_depth: float = 18.0  # dB the bed drops under speech
    duck_attack: float = 0.3  # seconds the bed takes to go down (before speech starts)
    duck_release: float = 0.8  # seconds it takes to come back up after speech
    duck_hold: float = 1.0  # pauses shorter than this keep the bed down
    bed_fade: float = 1.5  # fade in/out where a bed starts and stops, seconds
    max_speedup: float = 0.08  # fraction: 0.08 = speech up to 8 % faster
    cut_fade: float = 0.4  # fade on the last sentence kept after --allow-cut, seconds
    # @audio files must lie inside the station folder or the script's folder; true: anywhere
    allow_outside: bool = False


# What counts toward the quota, unless [quota] says otherwise: an airing at least this
# share of the target ("10 phút/01 bản tin": 9:00 of 10:00).
DEFAULT_MIN_SHARE = 0.9
# MP3 players and ffprobe report a few extra milliseconds of encoder padding on a
# bulletin fitted to exactly its target: no "too long" flag for those.
LENGTH_TOLERANCE = 0.5
NOT_COUNTED = ("không tính", "khong tinh", "none")


@dataclass(frozen=True)
class SeriesRule:
    """What one series requires per quarter and what one airing must last to count."""

    series: str
    required: int | None  # bulletins per quarter; None: the series has no quota ("không tính")
    target_seconds: float  # the bulletin's duration ("10 phút/01 bản tin")
    min_seconds: float  # shorter airings are listed, flagged "ngắn hơn quy định", not counted

    @property
    def max_seconds(self) -> float:
        """Longer files are flagged "too long"."""
        return self.target_seconds + LENGTH_TOLERANCE

    @property
    def counts(self) -> bool:
        return bool(self.required)

    def long_enough(self, seconds: float, padding: float = 0.0) -> bool:
        """Whether an airing of ``seconds``, ``padding`` of them ``--pad`` music, lasts the minimum that
        counts: the music is not content, so it does not make a short bulletin long enough."""
        return seconds - padding >= self.min_seconds


@dataclass(frozen=True)
class Station:
    """Everything a build, a log entry or a report needs to know about the station."""

    root: Path = field(default_factory=Path.cwd)
    config_path: Path | None = None
    name: str = "Đài Truyền thanh cơ sở"
    place: str = ""
    operator: str = ""
    ident: str = "Đây là {station}."
    closing: str = "{station} vừa phát bản tin {title}. Cảm ơn quý vị và các bạn đã lắng nghe."
    series: str = "Thông tin đối ngoại"
    target: str = "10:00"
    engine: str = "auto"
    voice: str = ""
    intro_jingle: str = "intro"
    outro_jingle: str = "outro"
    bed: str = "bed"
    wrap: bool = True  # a recording given as the script plays between the intro, ident, closing and outro
    audio: AudioSettings = field(default_factory=AudioSettings)
    reading: Reading = field(default_factory=Reading)
    database: str = "broadcasts.db"
    cache_dir: str = ""  # empty: the user cache folder
    cache_max_mb: float = 2000.0  # [cache] max_mb: clips beyond it are pruned, least recently used first
    # [engines.<name>] tables: options of that engine (checked by the engine) and its voice
    engine_settings: dict[str, dict[str, Any]] = field(default_factory=dict)
    # [engines] auto = ["edge", "gtts", ...]: the order ``--engine auto`` tries; empty: the built-in order
    engine_auto: tuple[str, ...] = ()
    quota_per_quarter: int = 2
    quota_by_series: dict[str, int] = field(default_factory=dict)  # 0: no quota ("không tính")
    code: str = ""  # short code of the station ([station] code), on every log record
    target_seconds: float = 600.0  # ``target`` parsed once
    min_duration_seconds: float = 0.0  # [quota] min_duration; 0: DEFAULT_MIN_SHARE of the target
    series_targets: dict[str, float] = field(default_factory=dict)  # [quota.series."…"] target, seconds
    series_minimums: dict[str, float] = field(default_factory=dict)  # [quota.series."…"] min_duration
    # [programs]: explicit paths of ffmpeg, ffprobe, espeak (see bulletin.programs)
    programs: dict[str, str] = field(default_factory=dict)

    @property
    def assets_dir(self) -> Path:
        return self.root / "audio_assets"

    @property
    def database_path(self) -> Path:
        return self.root / self.database

    @property
    def lexicon_path(self) -> Path:
        return self.root / self.reading.lexicon

    @property
    def program_paths(self) -> dict[str, Path]:
        """``[programs]`` paths, relative ones taken from the station folder."""
        return {key: self.root / Path(value).expanduser() for key, value in self.programs.items()}

    @property
    def default_place(self) -> str:
        return self.place or self.name

    def quota_for(self, series: str) -> int:
        return self.quota_by_series.get(series, self.quota_per_quarter)

    @property
    def short_code(self) -> str:
        """[station] code, or the initials of the name ("Đài Truyền thanh xã Tam Hiệp" -> "ĐTTXTH")."""
        return self.code or "".join(word[0] for word in self.name.split() if word[:1].isalnum()).upper()

    def rule_for(self, series: str) -> SeriesRule:
        """The series' quota and durations, from [bulletin] target and [quota]."""
        target = self.series_targets.get(series, self.target_seconds)
        minimum = self.series_minimums.get(series) or self.min_duration_seconds or DEFAULT_MIN_SHARE * target
        required = self.quota_for(series)
        return SeriesRule(series, required or None, target, min(minimum, target))

    def station_text(self, template: str, **values: str) -> str:
        """Fill ``{station}``, ``{title}``… in the ident and closing templates.

        Only plain fields are filled: no attribute or index access ({station.__class__}), no
        format width ({station:999999999}); anything else is a :class:`ConfigError`.
        """
        values = {"station": self.name, **values}
        out: list[str] = []
        try:
            parts = list(string.Formatter().parse(template))
        except ValueError as exc:
            raise self._template_error(template, f"dấu ngoặc nhọn không khớp ({exc})") from None
        for literal, name, spec, conversion in parts:
            out.append(literal)
            if name is None:
                continue
            if name not in values or spec or conversion:
                raise self._template_error(template, f"trường '{{{name}{':' + spec if spec else ''}}}' không dùng được")
            out.append(str(values[name]))
        return "".join(out)

    def _template_error(self, template: str, why: str) -> ConfigError:
        return ConfigError(
            f"mẫu lời giới thiệu không hợp lệ ({template[:200]!r}): {why}; chỉ dùng {{station}} và {{title}}",
            path=self.config_path,
        )


# Where each TOML table/key lands in Station. Keys not listed are rejected, so a
# typo is reported instead of silently ignored.
_STATION_KEYS = {"name", "place", "operator", "ident", "closing", "code"}
_BULLETIN_KEYS = {"series", "target", "engine", "voice", "intro_jingle", "outro_jingle", "bed", "wrap"}
_BOOL_KEYS = {"wrap"}
_SECTION_NAMES = {"station", "bulletin", "audio", "reading", "log", "cache", "quota", "engines", "programs"}
_PROGRAM_KEYS = {"ffmpeg", "ffprobe", "espeak"}  # bulletin.programs.CONFIG_KEYS


def find_config(start: Path | None = None) -> Path | None:
    """The nearest ``bulletin.toml`` in ``start`` or one of its parents."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load_station(config: Path | None = None, *, start: Path | None = None) -> Station:
    """Load the station from ``config``, or find one from ``start``, or use defaults."""
    path = config if config is not None else find_config(start)
    if path is None:
        return Station(root=(start or Path.cwd()).resolve())
    path = Path(path)
    # A regular file of sensible size, UTF-8, a byte-order mark (Windows Notepad) accepted.
    text = files.read_text(path, what="tệp cấu hình", error=ConfigError, max_bytes=MAX_CONFIG_BYTES)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        hint = "; đường dẫn Windows viết bằng dấu / (C:/ffmpeg/bin) hoặc trong nháy đơn ('C:\\ffmpeg\\bin')" \
            if "\\" in text else ""
        raise ConfigError(f"cú pháp TOML sai: {exc}{hint}", path=path) from exc
    return station_from_dict(data, root=path.resolve().parent, config_path=path)


def station_from_dict(data: dict[str, Any], *, root: Path, config_path: Path | None = None) -> Station:
    """Build a :class:`Station` from parsed TOML, checking names and types."""

    def fail(msg: str) -> ConfigError:
        return ConfigError(msg, path=config_path)

    unknown = set(data) - _SECTION_NAMES
    if unknown:
        raise fail(f"mục không hợp lệ [{', '.join(sorted(unknown))}]; các mục hợp lệ: {', '.join(sorted(_SECTION_NAMES))}")

    values: dict[str, Any] = {"root": root, "config_path": config_path}
    for section, keys in (("station", _STATION_KEYS), ("bulletin", _BULLETIN_KEYS)):
        table = _table(data, section, fail)
        _reject_unknown(table, keys, section, fail)
        for key in keys & table.keys():
            values[key] = _typed(table[key], bool if key in _BOOL_KEYS else str, f"{section}.{key}", fail)

    audio_table = _table(data, "audio", fail)
    values["audio"] = with_preset(_dataclass_from(AudioSettings, audio_table, "audio", fail), audio_table, fail)
    values["reading"] = _dataclass_from(Reading, _table(data, "reading", fail), "reading", fail)

    log = _table(data, "log", fail)
    _reject_unknown(log, {"database"}, "log", fail)
    if "database" in log:
        values["database"] = _typed(log["database"], str, "log.database", fail)

    cache = _table(data, "cache", fail)
    _reject_unknown(cache, {"folder", "max_mb"}, "cache", fail)
    if "folder" in cache:
        values["cache_dir"] = _typed(cache["folder"], str, "cache.folder", fail)
    if "max_mb" in cache:
        limit = _typed(cache["max_mb"], float, "cache.max_mb", fail)
        if not 10 <= limit <= 1_000_000:  # also nan
            raise fail(f"cache.max_mb phải từ 10 đến 1000000 (MB), không phải {limit!r}")
        values["cache_max_mb"] = limit

    engines = dict(_table(data, "engines", fail))
    if "auto" in engines:
        order = engines.pop("auto")
        if not isinstance(order, list) or not order or not all(isinstance(n, str) for n in order):
            raise fail(f"engines.auto phải là danh sách tên bộ đọc, ví dụ [\"edge\", \"espeak\"], không phải {order!r}")
        values["engine_auto"] = tuple(order)
    values["engine_settings"] = {
        str(name): dict(_typed(table, dict, f"engines.{name}", fail)) for name, table in engines.items()
    }

    programs = _table(data, "programs", fail)
    _reject_unknown(programs, _PROGRAM_KEYS, "programs", fail)
    values["programs"] = {key: _typed(value, str, f"programs.{key}", fail) for key, value in programs.items()}
    for key, value in values["programs"].items():
        if any(ord(ch) < 32 for ch in value):  # "C:\ffmpeg\bin": \f and \b are TOML escapes
            raise fail(f"programs.{key}: đường dẫn có ký tự lạ; trên Windows viết bằng dấu / (\"C:/ffmpeg/bin\") "
                       "hoặc trong nháy đơn ('C:\\ffmpeg\\bin')")

    quota = _table(data, "quota", fail)
    _reject_unknown(quota, {"per_quarter", "series", "min_duration"}, "quota", fail)
    if "per_quarter" in quota:
        values["quota_per_quarter"] = _required_count(quota["per_quarter"], "quota.per_quarter", fail)
    if "min_duration" in quota:
        values["min_duration_seconds"] = _seconds(quota["min_duration"], "quota.min_duration", fail)
    if "series" in quota:
        series = _typed(quota["series"], dict, "quota.series", fail)
        by_series, targets, minimums = {}, {}, {}
        for name, value in series.items():
            key = f'quota.series."{name}"'
            if isinstance(value, dict):
                _reject_unknown(value, {"per_quarter", "target", "min_duration"}, key, fail)
                if "per_quarter" in value:
                    by_series[str(name)] = _required_count(value["per_quarter"], f"{key}.per_quarter", fail)
                if "target" in value:
                    targets[str(name)] = _seconds(value["target"], f"{key}.target", fail)
                if "min_duration" in value:
                    minimums[str(name)] = _seconds(value["min_duration"], f"{key}.min_duration", fail)
            else:
                by_series[str(name)] = _required_count(value, key, fail)
        values.update(quota_by_series=by_series, series_targets=targets, series_minimums=minimums)
    if "target" in values:
        values["target_seconds"] = _seconds(values["target"], "bulletin.target", fail)

    station = Station(**values)
    _validate(station, fail)
    return station


def _required_count(value: Any, name: str, fail) -> int:
    """Bulletins per quarter: a whole number, or "không tính" (no quota: 0)."""
    if isinstance(value, str) and value.strip().lower() in NOT_COUNTED:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise fail(f"{name} phải là số nguyên (số bản tin mỗi quý, 0 trở lên) hoặc \"không tính\", không phải {value!r}")
    return value


def _seconds(value: Any, name: str, fail) -> float:
    from bulletin.timing import parse_duration

    try:
        return parse_duration(value if isinstance(value, (int, float)) else str(value))
    except ValueError as exc:
        raise fail(f"{name}: {exc}") from None


def _validate(station: Station, fail) -> None:
    from bulletin.timing import parse_duration

    try:
        parse_duration(station.target)
    except ValueError as exc:
        raise fail(f"bulletin.target: {exc}") from exc
    reading = station.reading
    if reading.zero_tens not in ("linh", "lẻ"):
        raise fail("reading.zero_tens phải là \"linh\" hoặc \"lẻ\"")
    if reading.four_after_tens not in ("tư", "bốn"):
        raise fail("reading.four_after_tens phải là \"tư\" hoặc \"bốn\"")
    if reading.thousand not in ("nghìn", "ngàn"):
        raise fail("reading.thousand phải là \"nghìn\" hoặc \"ngàn\"")
    if reading.document_symbols not in ("expand", "spell", "number"):
        raise fail("reading.document_symbols phải là \"expand\", \"spell\" hoặc \"number\"")
    if station.audio.sample_rate not in (22050, 24000, 32000, 44100, 48000):
        raise fail("audio.sample_rate phải là một trong 22050, 24000, 32000, 44100, 48000")
    if station.audio.channels not in (1, 2):
        raise fail("audio.channels phải là 1 (mono) hoặc 2 (stereo)")
    if station.quota_per_quarter < 0:
        raise fail("quota.per_quarter phải là số bản tin mỗi quý (0 trở lên)")
    for series, required in station.quota_by_series.items():
        if required < 0:
            raise fail(f"quota.series.\"{series}\" phải là số bản tin mỗi quý (0 trở lên)")
    for key, template in (("station.ident", station.ident), ("station.closing", station.closing)):
        if len(template) > 2000:
            raise fail(f"{key} quá dài (tối đa 2000 ký tự)")
        station.station_text(template, title="")  # a bad field is found now, before anything is read
    _validate_audio(station.audio, fail)


def with_preset(settings: AudioSettings, table: dict, fail) -> AudioSettings:
    """Loudness and ceiling from ``audio.preset``, unless the table sets them itself."""
    if settings.preset not in PRESETS:
        raise fail(f"audio.preset không hợp lệ '{settings.preset}'; chọn một trong: {', '.join(PRESETS)}")
    loudness, ceiling = PRESETS[settings.preset]
    return replace(
        settings,
        loudness=settings.loudness if "loudness" in table else loudness,
        true_peak=settings.true_peak if "true_peak" in table else ceiling,
    )


# name -> (lowest, highest, unit) for the numeric audio settings an operator may change.
_AUDIO_RANGES = {
    "loudness": (-40.0, -5.0, "LUFS"),
    "true_peak": (-9.0, 0.0, "dBTP"),
    "jingle_level": (-20.0, 10.0, "LU"),
    "jingle_crossfade": (0.0, 3.0, "giây"),
    "bed_level": (-40.0, 0.0, "LU"),
    "duck_depth": (0.0, 40.0, "dB"),
    "duck_attack": (0.01, 3.0, "giây"),
    "duck_release": (0.01, 5.0, "giây"),
    "duck_hold": (0.0, 10.0, "giây"),
    "bed_fade": (0.0, 10.0, "giây"),
    "max_speedup": (0.0, 0.25, ""),
    "cut_fade": (0.0, 3.0, "giây"),
}


def _validate_audio(audio: AudioSettings, fail) -> None:
    for name, (low, high, unit) in _AUDIO_RANGES.items():
        value = getattr(audio, name)
        if not low <= value <= high:
            raise fail(f"audio.{name} = {value:g} nằm ngoài khoảng cho phép {low:g} đến {high:g} {unit}".rstrip())
    if audio.bitrate not in MP3_BITRATES:
        raise fail(f"audio.bitrate không hợp lệ '{audio.bitrate}'; dùng một trong: {', '.join(MP3_BITRATES)}")
    for kind in ("between_items", "after_title", "between_paragraphs"):
        pause, shortest = getattr(audio, f"pause_{kind}"), getattr(audio, f"min_pause_{kind}")
        if not 0 <= shortest <= pause <= 10:
            raise fail(f"audio.min_pause_{kind} phải nằm trong khoảng 0 đến audio.pause_{kind} (tối đa 10 giây)")


def _table(data: dict, name: str, fail) -> dict:
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise fail(f"[{name}] phải là một bảng (mục)")
    return table


def _reject_unknown(table: dict, allowed: set[str], section: str, fail) -> None:
    unknown = set(table) - allowed
    if unknown:
        raise fail(
            f"khóa không hợp lệ trong [{section}]: {', '.join(sorted(unknown))}; "
            f"các khóa hợp lệ: {', '.join(sorted(allowed))}"
        )


def _typed(value: Any, kind: type, name: str, fail) -> Any:
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        names = {str: "chuỗi", int: "số nguyên", float: "số", dict: "bảng", bool: "true hoặc false"}
        raise fail(f"{name} phải là {names.get(kind, kind.__name__)}, không phải {value!r}")
    return value


def _dataclass_from(cls, table: dict, section: str, fail):
    known = {f.name: f for f in fields(cls)}
    _reject_unknown(table, set(known), section, fail)
    kinds = {f.name: type(getattr(cls(), f.name)) for f in fields(cls)}
    return replace(cls(), **{k: _typed(v, kinds[k], f"{section}.{k}", fail) for k, v in table.items()})
