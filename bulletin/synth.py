"""The synthesis stage: every utterance of a bulletin to an audio clip, cached.

Clips are stored by a key made of the engine, voice, options and exact text,
so a rebuild only synthesizes what changed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from platformdirs import user_cache_dir

from .chunking import Utterance
from .config import Station
from .engines import Engine, get_engine
from .errors import EngineError

Progress = Callable[[int, int, bool], None]  # done, total, was it cached


@dataclass
class SynthResult:
    clips: dict[str, Path] = field(default_factory=dict)  # utterance text -> clip file
    engines: dict[str, str] = field(default_factory=dict)  # utterance text -> engine name
    synthesized: int = 0
    cached: int = 0
    warnings: list[str] = field(default_factory=list)


def cache_folder(station: Station) -> Path:
    """The station's cache: ``[cache] folder`` in bulletin.toml, else the user cache folder."""
    if station.cache_dir:
        return (station.root / station.cache_dir).resolve()
    return Path(user_cache_dir("bulletin", appauthor=False))


def clip_key(engine: Engine, voice: str, text: str) -> str:
    blob = json.dumps([engine.NAME, voice, sorted(engine.options.items()), text], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def choose_engine(name: str) -> Engine:
    """The engine to use; ``auto`` takes gTTS when it is reachable, espeak-ng otherwise."""
    if name != "auto":
        engine = get_engine(name)
        state = engine.available()
        if not state.usable:
            raise EngineError(f"không dùng được bộ đọc {name}: {state.reason}")
        return engine
    for candidate in ("gtts", "espeak"):
        engine = get_engine(candidate)
        if engine.available().usable:
            return engine
    raise EngineError("không có bộ đọc nào dùng được: " + get_engine("espeak").available().reason)


def synthesize(
    utterances: list[Utterance],
    engine: Engine,
    voice: str,
    cache: Path,
    progress: Progress | None = None,
) -> SynthResult:
    """A clip for every distinct utterance text, from the cache when possible."""
    result = SynthResult()
    texts = list(dict.fromkeys(u.text for u in utterances))
    cache.mkdir(parents=True, exist_ok=True)
    for done, text in enumerate(texts, start=1):
        key = clip_key(engine, voice, text)
        path = cache / key[:2] / f"{key}{engine.OUTPUT_SUFFIX}"
        was_cached = path.is_file()
        if not was_cached:
            path.parent.mkdir(parents=True, exist_ok=True)
            engine.synthesize(text, voice, path)
            result.synthesized += 1
        else:
            result.cached += 1
        result.clips[text] = path
        result.engines[text] = engine.NAME
        if progress is not None:
            progress(done, len(texts), was_cached)
    return result
