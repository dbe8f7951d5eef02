"""Speech engines behind one small interface, found through a registry.

Adding an engine means adding one module with an :class:`Engine` subclass and
one line in :data:`BUILTIN`; third-party packages register theirs through the
``bulletin.engines`` entry point group. Callers never test engine names.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from pathlib import Path
from typing import ClassVar

from ..errors import EngineError, UsageError
from ..text import count_syllables


@dataclass(frozen=True)
class Availability:
    usable: bool
    reason: str = ""  # Vietnamese, for the operator


class Engine:
    """A text-to-speech engine that writes one audio file per piece of text."""

    NAME: ClassVar[str] = ""
    DESCRIPTION: ClassVar[str] = ""
    NEEDS_NETWORK: ClassVar[bool] = False
    VOICES: ClassVar[dict[str, str]] = {}  # voice id -> Vietnamese description
    DEFAULT_VOICE: ClassVar[str] = ""
    MAX_CHARS: ClassVar[int | None] = None  # longest text one request accepts
    OUTPUT_SUFFIX: ClassVar[str] = ".wav"
    # Spoken syllables per second, per voice, measured from real synthesis.
    READ_RATE: ClassVar[dict[str, float]] = {}
    # Seconds of silence the engine adds around every clip it writes.
    CLIP_PADDING: ClassVar[float] = 0.0

    def __init__(self, options: dict | None = None):
        self.options = dict(options or {})

    def voice_or_default(self, voice: str | None) -> str:
        voice = voice or self.DEFAULT_VOICE
        if self.VOICES and voice not in self.VOICES:
            raise UsageError(
                f"giọng '{voice}' không có trong bộ đọc {self.NAME}; các giọng: {', '.join(self.VOICES)}"
            )
        return voice

    def read_rate(self, voice: str | None = None) -> float:
        voice = voice or self.DEFAULT_VOICE
        return self.READ_RATE.get(voice) or next(iter(self.READ_RATE.values()), 4.5)

    def estimate_seconds(self, text: str, voice: str | None = None) -> float:
        """How long ``text`` takes to say, from the calibrated read rate."""
        return count_syllables(text) / self.read_rate(voice) + self.CLIP_PADDING

    def available(self) -> Availability:
        raise NotImplementedError

    def synthesize(self, text: str, voice: str, out: Path) -> Path:
        """Speak ``text`` with ``voice`` into ``out`` (complete file or nothing)."""
        raise NotImplementedError


# name -> "module:Class"; imported lazily so a missing optional library only
# affects its own engine.
BUILTIN: dict[str, str] = {
    "espeak": "bulletin.engines.espeak:EspeakEngine",
    "gtts": "bulletin.engines.gtts:GttsEngine",
}

ENTRY_POINT_GROUP = "bulletin.engines"


def registry() -> dict[str, str]:
    """Every known engine: built-in ones and those registered by other packages."""
    found = dict(BUILTIN)
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        found.setdefault(ep.name, ep.value)
    return found


def engine_class(name: str) -> type[Engine]:
    spec = registry().get(name)
    if spec is None:
        raise UsageError(f"không có bộ đọc '{name}'; các bộ đọc: {', '.join(sorted(registry()))}, auto")
    module_name, _, attr = spec.partition(":")
    try:
        return getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise EngineError(f"không nạp được bộ đọc '{name}' ({exc})") from exc


def get_engine(name: str, options: dict | None = None) -> Engine:
    return engine_class(name)(options)
