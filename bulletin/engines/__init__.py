"""Speech engines behind one small interface, found through a registry.

Adding an engine means adding one module with an :class:`Engine` subclass and
one line in :data:`BUILTIN`; third-party packages register theirs through the
``bulletin.engines`` entry point group (``name = "package.module:Class"``).
Callers never test engine names: what differs between engines is data on the
class (network, voices, options, request size, read rate, place in ``auto``).
"""

from __future__ import annotations

import importlib
import json
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any, ClassVar

from bulletin.errors import ConfigError, EngineError, UsageError
from bulletin.text import count_syllables


class NetworkUnavailable(EngineError):
    """The engine needs the Internet and it cannot be reached."""


class RateLimited(EngineError):
    """The service refuses more requests for now (HTTP 429)."""


class ServiceChanged(EngineError):
    """The service answers, but not the way the engine expects."""


@dataclass(frozen=True)
class Availability:
    usable: bool
    reason: str = ""  # Vietnamese, for the operator


@dataclass(frozen=True)
class VoiceFacts:
    """What an operator chooses a voice by (Vietnamese words, as ``bulletin engines`` shows them)."""

    gender: str = ""  # "nữ", "nam", or "" when unknown
    region: str = ""  # "Bắc", "Trung", "Nam", or "" when unknown
    language: str = "vi"  # language code of the voice ("en" for the English test voice)


@dataclass(frozen=True)
class Option:
    """One engine setting an operator may change in ``[engines.<name>]``."""

    kind: type  # bool, int, float or str
    default: Any
    help: str  # Vietnamese
    minimum: float | None = None
    maximum: float | None = None

    def check(self, engine: str, key: str, value: Any) -> Any:
        where = f"engines.{engine}.{key}"
        if self.kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, self.kind) or (self.kind is not bool and isinstance(value, bool)):
            names = {bool: "true hoặc false", int: "số nguyên", float: "số", str: "chuỗi"}
            raise ConfigError(f"{where} phải là {names[self.kind]}, không phải {value!r}")
        if self.minimum is not None and value < self.minimum or self.maximum is not None and value > self.maximum:
            raise ConfigError(f"{where} = {value} nằm ngoài khoảng cho phép {self.minimum:g}–{self.maximum:g}")
        return value


@dataclass(frozen=True)
class ReadRate:
    """How long an engine takes to say a text, measured from real synthesis.

    seconds = syllables / syllables_per_second + pauses * pause + padding,
    where ``pauses`` counts clause punctuation inside the text and ``padding``
    is the silence the engine puts around every clip.
    """

    syllables_per_second: float
    pause: float = 0.0
    padding: float = 0.0
    measured: bool = True  # False: a reasonable guess, not yet measured

    def seconds(self, text: str) -> float:
        return self.seconds_for(count_syllables(text), count_pauses(text))

    def seconds_for(self, syllables: float, pauses: float) -> float:
        return syllables / self.syllables_per_second + pauses * self.pause + self.padding

    def as_dict(self) -> dict[str, float]:
        return {"syllables_per_second": self.syllables_per_second, "pause": self.pause, "padding": self.padding}


_PAUSE = re.compile(r"[,;:]+(?=\s)|\s[–—-]\s")


def count_pauses(text: str) -> int:
    """Clause punctuation inside ``text`` (where an engine pauses briefly)."""
    return len(_PAUSE.findall(text.strip()))


class Engine:
    """A text-to-speech engine that writes one audio file per piece of text."""

    NAME: ClassVar[str] = ""
    DESCRIPTION: ClassVar[str] = ""  # Vietnamese, one line
    NEEDS_NETWORK: ClassVar[bool] = False
    VOICES: ClassVar[dict[str, str]] = {}  # voice id -> Vietnamese description
    VOICE_FACTS: ClassVar[dict[str, VoiceFacts]] = {}  # voice id -> gender, region, language
    DEFAULT_VOICE: ClassVar[str] = ""
    OPTIONS: ClassVar[dict[str, Option]] = {}
    MAX_CHARS: ClassVar[int | None] = None  # longest text one request accepts
    OUTPUT_SUFFIX: ClassVar[str] = ".wav"
    READ_RATES: ClassVar[dict[str, ReadRate]] = {}  # per voice
    # Place in ``--engine auto``: higher is tried first, None is never chosen automatically.
    AUTO_RANK: ClassVar[int | None] = None
    # Bump when the way this engine produces audio changes, to invalidate cached clips.
    CACHE_VERSION: ClassVar[int] = 1

    def __init__(self, options: dict[str, Any] | None = None, calibration: dict[str, ReadRate] | None = None):
        given = dict(options or {})
        unknown = sorted(set(given) - set(self.OPTIONS))
        if unknown:
            known = ", ".join(self.OPTIONS) or "không có"
            raise ConfigError(
                f"bộ đọc {self.NAME} không có tùy chọn {', '.join(unknown)}; các tùy chọn: {known}"
            )
        # Every option is spelled out (defaults included) so equal settings give equal cache keys.
        self.options = {
            key: option.check(self.NAME, key, given[key]) if key in given else option.default
            for key, option in sorted(self.OPTIONS.items())
        }
        self.calibration = dict(calibration or {})  # identity -> measured ReadRate

    @classmethod
    def for_station(cls, options: dict[str, Any] | None, calibration: dict[str, ReadRate] | None,
                    root: Path | None) -> Engine:
        """The engine with a station's ``[engines.<name>]`` settings; ``root`` is the station folder.

        Engines whose voices are files the station owns (Piper) find them here.
        """
        return cls(options, calibration)

    def voice_facts(self, voice: str) -> VoiceFacts:
        return self.VOICE_FACTS.get(voice, VoiceFacts())

    def auto_eligible(self) -> bool:
        """Whether ``auto`` may choose this engine with these settings (e.g. it has a Vietnamese voice)."""
        return True

    def voice_or_default(self, voice: str | None) -> str:
        voice = voice or self.DEFAULT_VOICE
        if self.VOICES and voice not in self.VOICES:
            raise UsageError(
                f"giọng '{voice}' không có trong bộ đọc {self.NAME}; các giọng: {', '.join(self.VOICES)}"
            )
        return voice

    def identity(self, voice: str) -> str:
        """What decides the sound of a clip besides its text: engine, version, voice, options."""
        return json.dumps([self.NAME, self.CACHE_VERSION, voice, self.options], ensure_ascii=False, sort_keys=True)

    def read_rate(self, voice: str | None = None) -> ReadRate:
        """The calibrated read rate for ``voice`` with the current options."""
        voice = self.voice_or_default(voice)
        measured = self.calibration.get(self.identity(voice))
        if measured is not None:
            return measured
        base = self.READ_RATES.get(voice) or next(iter(self.READ_RATES.values()), ReadRate(4.5, measured=False))
        return self.adjust_read_rate(base)

    def adjust_read_rate(self, rate: ReadRate) -> ReadRate:
        """The built-in rate (measured with default options) under the current options."""
        return rate

    def estimate_seconds(self, text: str, voice: str | None = None) -> float:
        """How long the clip of ``text`` will last, from the calibrated read rate."""
        return self.read_rate(voice).seconds(text)

    def backend(self) -> str:
        """What speaks for this engine on this machine (program, version, where from), Vietnamese; "" if nothing to say."""
        return ""

    def available(self) -> Availability:
        """Whether the engine can be used right now (program found, network reachable)."""
        raise NotImplementedError

    def synthesize(self, text: str, voice: str, out: Path) -> Path:
        """Speak ``text`` with ``voice`` into ``out``: a complete file or none at all."""
        raise NotImplementedError


@contextmanager
def partial_file(out: Path) -> Iterator[Path]:
    """A unique temporary path next to ``out``, renamed to ``out`` only if the block succeeds."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.stem}.", suffix=".part")
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)


# name -> "module:Class"; imported lazily so a missing optional library only
# affects its own engine.
BUILTIN: dict[str, str] = {
    "edge": "bulletin.engines.edge:EdgeEngine",
    "espeak": "bulletin.engines.espeak:EspeakEngine",
    "gtts": "bulletin.engines.gtts:GttsEngine",
    "piper": "bulletin.engines.piper:PiperEngine",
}

ENTRY_POINT_GROUP = "bulletin.engines"
AUTO = "auto"


def registry() -> dict[str, str]:
    """Every known engine: built-in ones and those registered by other packages."""
    found = dict(BUILTIN)
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        found.setdefault(ep.name, ep.value)
    return found


def engine_class(name: str) -> type[Engine]:
    spec = registry().get(name)
    if spec is None:
        raise UsageError(f"không có bộ đọc '{name}'; các bộ đọc: {', '.join(sorted(registry()))}, {AUTO}")
    module_name, _, attr = spec.partition(":")
    try:
        cls = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise EngineError(f"không nạp được bộ đọc '{name}' ({exc})") from exc
    if not (isinstance(cls, type) and issubclass(cls, Engine)):
        raise EngineError(f"'{spec}' đăng ký cho bộ đọc '{name}' không phải là một bộ đọc")
    return cls


def get_engine(name: str, options: dict[str, Any] | None = None,
               calibration: dict[str, ReadRate] | None = None, root: Path | None = None) -> Engine:
    """Engine ``name`` with ``options``; ``root`` (the station folder) lets it find station-owned voices."""
    return engine_class(name).for_station(options, calibration, root)


def auto_order(configured: list[str] | tuple[str, ...] | None = None) -> list[str]:
    """The engines ``auto`` tries, best first (each later one is a fallback).

    ``configured`` is a station's own order (``[engines] auto = [...]``); without
    one, engines are ranked by ``AUTO_RANK``.
    """
    if configured:
        known = registry()
        unknown = [name for name in configured if name not in known]
        if unknown:
            raise ConfigError(
                f"engines.auto: không có bộ đọc {', '.join(unknown)}; các bộ đọc: {', '.join(sorted(known))}"
            )
        return list(dict.fromkeys(configured))
    ranked = []
    for name in registry():
        try:
            rank = engine_class(name).AUTO_RANK
        except EngineError:
            continue
        if rank is not None:
            ranked.append((-rank, name))
    return [name for _, name in sorted(ranked)]
