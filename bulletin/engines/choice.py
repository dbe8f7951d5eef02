"""Which engines a build uses: the chain for ``--engine``, their settings, and what works now."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bulletin.config import Station
from bulletin.engines import AUTO, Availability, Engine, auto_order, get_engine, registry
from bulletin.errors import ConfigError, EngineError, UsageError
from bulletin.plan.chunking import Utterance

if TYPE_CHECKING:
    from bulletin.engines.cache import ClipCache


@dataclass(frozen=True)
class Speaker:
    """An engine with the voice it speaks in."""

    engine: Engine
    voice: str

    @property
    def name(self) -> str:
        return self.engine.NAME


# The longest text any engine says in one request (espeak-ng and piper have no limit of their
# own; one sentence without a full stop must not become one enormous clip): about a minute.
MAX_CHUNK_CHARS = 1000


@dataclass(frozen=True)
class EngineChain:
    """The engines a build may use, preferred first; each later one is a fallback."""

    speakers: tuple[Speaker, ...]

    @property
    def primary(self) -> Speaker:
        return self.speakers[0]

    @property
    def max_chars(self) -> int | None:
        """Chunk size every engine of the chain can say (fallbacks speak the primary's chunks)."""
        limits = [s.engine.MAX_CHARS for s in self.speakers if s.engine.MAX_CHARS is not None]
        return min(limits + [MAX_CHUNK_CHARS])


def engine_chain(
    name: str,
    station: Station,
    cache: ClipCache,
    *,
    voice: str | None = None,
    fallback: bool = True,
) -> EngineChain:
    """The engines for ``name`` (an engine or ``auto``) with their options, voices and calibration.

    ``voice`` (from the command line, the script or the station) applies to the
    engines that have it; the others use ``voice`` from ``[engines.<name>]`` or
    their default. Offline engines are checked now; network engines when needed.
    """
    try:
        names = auto_order(station.engine_auto) if name == AUTO else [name]
    except ConfigError as exc:
        raise ConfigError(exc.message, path=station.config_path) from exc
    calibration = cache.calibration()
    engines = []
    for engine_name in names:
        settings = dict(station.engine_settings.get(engine_name, {}))
        configured_voice = settings.pop("voice", "")
        try:
            engine = get_engine(engine_name, settings, calibration, station.root)
        except ConfigError as exc:
            raise ConfigError(exc.message, path=exc.path or station.config_path) from exc
        if name == AUTO and not engine.auto_eligible():
            continue  # e.g. Piper without a Vietnamese voice
        engines.append((engine_name, engine, configured_voice))
    if not fallback:
        engines = engines[:1]
    speakers = []
    for engine_name, engine, configured_voice in engines:
        chosen = voice if voice and (voice in engine.VOICES or len(names) == 1) else configured_voice
        try:
            speakers.append(Speaker(engine, engine.voice_or_default(chosen or None)))
        except UsageError as exc:
            if chosen == voice:
                raise
            raise ConfigError(f"engines.{engine_name}.voice: {exc.message}", path=station.config_path) from exc
    if voice and not any(s.voice == voice for s in speakers):
        raise UsageError(f"không bộ đọc nào có giọng '{voice}'; xem danh sách giọng: bulletin engines")
    usable = []
    reasons = []
    for speaker in speakers:
        if not speaker.engine.NEEDS_NETWORK:
            state = speaker.engine.available()
            if not state.usable:
                reasons.append(f"{speaker.name}: {state.reason}")
                continue
        usable.append(speaker)
    if not usable:
        raise EngineError("không dùng được bộ đọc nào – " + "; ".join(reasons))
    return EngineChain(tuple(usable))


def likely_speaker(
    chain: EngineChain, utterances: Sequence[Utterance], cache: ClipCache
) -> tuple[Speaker | None, list[str]]:
    """The engine that will most likely speak: the first with every clip cached or usable now.

    Also returns why each engine before it (or every engine, when the speaker is None) cannot speak.
    """
    reasons = []
    for speaker in chain.speakers:
        if all(cache.lookup(speaker.engine, speaker.voice, u.text) for u in utterances):
            return speaker, reasons
        state = speaker.engine.available()
        if state.usable:
            return speaker, reasons
        reasons.append(f"không dùng được bộ đọc {speaker.name}: {state.reason}")
    return None, reasons


@dataclass(frozen=True)
class EngineStatus:
    """One engine as ``bulletin engines`` shows it."""

    name: str
    engine: Engine | None  # None: it could not be loaded (see state.reason)
    voice: str  # the voice this station would use
    state: Availability


def engine_statuses(station: Station, cache: ClipCache, *, check: bool = True) -> list[EngineStatus]:
    """Every registered engine with the station's settings and, if ``check``, whether it works now."""
    calibration = cache.calibration()
    statuses = []
    for name in registry():
        settings = dict(station.engine_settings.get(name, {}))
        voice = settings.pop("voice", "")
        try:
            engine = get_engine(name, settings, calibration, station.root)
            voice = engine.voice_or_default(voice or None)
        except (EngineError, ConfigError, UsageError) as exc:
            statuses.append(EngineStatus(name, None, voice, Availability(False, str(exc))))
            continue
        state = engine.available() if check else Availability(True, "")
        statuses.append(EngineStatus(name, engine, voice, state))
    return statuses


def auto_names(station: Station, statuses: list[EngineStatus]) -> list[str]:
    """The engines ``auto`` would try for this station, best first (those it may choose)."""
    by_name = {s.name: s for s in statuses}
    names = []
    for name in auto_order(station.engine_auto):
        status = by_name.get(name)
        if status is not None and status.engine is not None and status.engine.auto_eligible():
            names.append(name)
    return names
