"""Measuring an engine's read rate from real synthesis.

Realistic bulletin prose in spoken form (``data/calibration-vi.txt``) is cut
the way builds cut it, every chunk is synthesized (through the clip cache, so
a second calibration costs nothing) and measured, and a least-squares fit of

    seconds = syllables / syllables_per_second + pauses * pause + padding

over the clips gives the :class:`~bulletin.engines.ReadRate` that ``check``
uses for its estimates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

import numpy as np

from bulletin.engines import Engine, ReadRate, count_pauses
from bulletin.plan.chunking import utterances
from bulletin.text import count_syllables

# Chunk sizes measured: whole sentences, and the 100-character requests of
# network engines (an offline engine speaks those when it stands in for gTTS).
CHUNK_SIZES = (None, 100)
MEASURE_RATE = 44100  # Hz; decoding rate, as builds use it


@dataclass(frozen=True)
class Calibration:
    engine: str
    voice: str
    identity: str
    rate: ReadRate
    clips: int
    syllables: int
    seconds: float  # measured total
    total_error: float  # |predicted - measured| / measured, over all clips together
    clip_error: float  # median of the same per clip


def calibration_paragraphs() -> list[str]:
    """The paragraphs of the built-in calibration text."""
    text = resources.files("bulletin.data").joinpath("calibration-vi.txt").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    return [" ".join(p.split()) for p in "\n".join(lines).split("\n\n") if p.strip()]


def measure(
    engine: Engine,
    voice: str,
    cache,
    paragraphs: list[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Calibration:
    """Synthesize ``paragraphs`` with ``engine`` and fit its read rate to the clip durations."""
    from bulletin.audio import media

    paragraphs = paragraphs if paragraphs is not None else calibration_paragraphs()
    sizes = sorted({_limit(size, engine.MAX_CHARS) for size in CHUNK_SIZES}, key=lambda s: s or 10**9)
    texts = list(dict.fromkeys(u.text for size in sizes for p in paragraphs for u in utterances(p, size)))
    rows = []
    for done, text in enumerate(texts, start=1):
        clip, _ = cache.fetch(engine, voice, text)
        seconds = media.decode(clip, MEASURE_RATE, 1).duration
        rows.append((count_syllables(text), count_pauses(text), seconds))
        if progress is not None:
            progress(done, len(texts))
    data = np.array(rows, dtype=float)
    rate = fit(data[:, 0], data[:, 1], data[:, 2])
    predicted = np.array([rate.seconds_for(s, p) for s, p, _ in rows])
    measured = data[:, 2]
    return Calibration(
        engine=engine.NAME,
        voice=voice,
        identity=engine.identity(voice),
        rate=rate,
        clips=len(rows),
        syllables=int(data[:, 0].sum()),
        seconds=float(measured.sum()),
        total_error=float(abs(predicted.sum() - measured.sum()) / measured.sum()),
        clip_error=float(np.median(np.abs(predicted - measured) / measured)),
    )


def fit(syllables: np.ndarray, pauses: np.ndarray, seconds: np.ndarray) -> ReadRate:
    """Least squares of seconds on syllables, pauses and a constant; no negative terms."""
    columns = {"syllable": syllables, "pause": pauses, "padding": np.ones_like(syllables)}
    while True:
        names = list(columns)
        coef, *_ = np.linalg.lstsq(np.column_stack([columns[n] for n in names]), seconds, rcond=None)
        values = dict(zip(names, coef))
        negative = [n for n in ("pause", "padding") if n in values and values[n] < 0]
        if not negative:
            break
        del columns[negative[0]]  # a negative pause or padding is noise: drop that term and refit
    return ReadRate(
        syllables_per_second=round(1 / values["syllable"], 3),
        pause=round(float(values.get("pause", 0.0)), 3),
        padding=round(float(values.get("padding", 0.0)), 3),
    )


def _limit(size: int | None, max_chars: int | None) -> int | None:
    if max_chars is None:
        return size
    return max_chars if size is None else min(size, max_chars)
