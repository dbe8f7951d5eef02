"""Ready-made recordings for tests: speech-like sound (bursts of voiced noise) with pauses, made with numpy
and encoded by the real ffmpeg in any format, with or without tags."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np


def talk(
    seconds: float,
    *,
    rate: int = 44100,
    lead: float = 2.0,
    tail: float = 3.0,
    long_pause_every: float = 0.0,
    long_pause: float = 2.6,
    seed: int = 1,
) -> tuple[np.ndarray, list[tuple[float, float]]]:
    """Mono talk of ``seconds``: 2.5–4.5 s bursts between 0.5–0.8 s pauses, silence ``lead`` and ``tail``
    at the ends, a ``long_pause`` after the burst that passes every ``long_pause_every`` seconds.

    Returns the samples (peak-free, RMS 1 over the bursts) and the bursts' (start, end) seconds.
    """
    rng = np.random.default_rng(seed)
    total = round(seconds * rate)
    bursts: list[tuple[float, float]] = []
    t, next_long = lead, long_pause_every or float("inf")
    while True:
        length = rng.uniform(2.5, 4.5)
        if t + length > seconds - tail:
            break
        bursts.append((t, t + length))
        t += length
        if t >= next_long:
            t += long_pause
            next_long += long_pause_every
        else:
            t += rng.uniform(0.5, 0.8)
    gate = np.zeros(total, dtype=np.float32)
    for start, end in bursts:
        gate[round(start * rate):round(end * rate)] = 1.0
    time = np.arange(total, dtype=np.float32) / rate
    voice = 0.5 * np.sin(2 * np.pi * 180 * time) + 0.25 * rng.standard_normal(total).astype(np.float32)
    voice *= 0.6 + 0.4 * np.sin(2 * np.pi * 4.0 * time) ** 2
    voice *= gate
    voice /= np.sqrt(np.mean(np.square(voice[gate > 0])))
    return voice.astype(np.float32), bursts


def write_recording(path: Path, samples: np.ndarray, rate: int, *, level_db: float, channels: int = 1,
                    out_rate: int | None = None, tags: dict[str, str] | None = None, codec: list[str] = ()) -> Path:
    """``samples`` at ``level_db`` dBFS RMS over the talk, encoded by ffmpeg as the suffix says."""
    scaled = np.clip(samples * 10 ** (level_db / 20), -1, 1)
    pcm = (scaled * 32767).astype("<i2").tobytes()
    meta = [x for key, value in (tags or {}).items() for x in ("-metadata", f"{key}={value}")]
    subprocess.run(
        ["ffmpeg", "-y", "-loglevel", "error", "-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", "-",
         "-ac", str(channels), "-ar", str(out_rate or rate), *codec, *meta, str(path)],
        input=pcm, check=True,
    )
    return path
