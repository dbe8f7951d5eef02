"""Independent measurements for audio tests: ffmpeg's own ebur128 filter and decoder.

Nothing here uses bulletin's code, so a test that compares bulletin's output
with these figures checks the code against an outside reference.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class Ebur128:
    integrated: float  # LUFS
    true_peak: float  # dBTP


def ebur128(path: Path, start: float | None = None, end: float | None = None) -> Ebur128:
    """Integrated loudness and true peak as ffmpeg's ``ebur128=peak=true`` reports them."""
    trim = []
    if start is not None:
        trim += ["-ss", f"{start:.3f}"]
    if end is not None:
        trim += ["-to", f"{end:.3f}"]
    result = subprocess.run(
        ["ffmpeg", "-nostdin", "-nostats", *trim, "-i", str(path), "-af", "ebur128=peak=true:framelog=verbose",
         "-f", "null", "-"],
        capture_output=True, text=True, check=True,
    )
    summary = result.stderr[result.stderr.rindex("Summary:"):]
    integrated = float(re.search(r"I:\s+(-?[\d.]+|-inf) LUFS", summary).group(1))
    peak = float(re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary).group(1))
    return Ebur128(integrated, peak)


def decode(path: Path, rate: int = 44100, channels: int = 1) -> np.ndarray:
    """Float samples decoded by ffmpeg: shape (frames,) for mono, (frames, channels) otherwise."""
    out = subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-i", str(path), "-ac", str(channels), "-ar", str(rate),
         "-f", "f32le", "-"],
        capture_output=True, check=True,
    ).stdout
    samples = np.frombuffer(out, dtype="<f4")
    return samples if channels == 1 else samples.reshape(-1, channels)


def band_level(samples: np.ndarray, rate: int, freq: float, start: float, end: float, width: float = 15.0) -> float:
    """Mean-square level (dB) of the component around ``freq`` Hz between ``start`` and ``end`` seconds."""
    segment = samples[round(start * rate) : round(end * rate)].astype(np.float64)
    window = np.hanning(len(segment))
    spectrum = np.abs(np.fft.rfft(segment * window)) ** 2
    freqs = np.fft.rfftfreq(len(segment), 1 / rate)
    band = (freqs > freq - width) & (freqs < freq + width)
    # Parseval: scaled so that a sine of amplitude A reads A²/2 whatever the window length.
    return float(10 * np.log10(2 * spectrum[band].sum() / (len(segment) * np.sum(window**2)) + 1e-30))


def onset(samples: np.ndarray, rate: int, freq: float, after: float = 0.0, threshold_db: float = -20.0) -> float:
    """First time (s) after ``after`` where the ``freq`` component reaches ``threshold_db`` below its maximum."""
    step = round(0.01 * rate)
    window = round(0.05 * rate)
    levels = []
    times = np.arange(round(after * rate), len(samples) - window, step)
    t = np.arange(window) / rate
    probe = np.exp(-2j * np.pi * freq * t) * np.hanning(window)
    for begin in times:
        levels.append(abs(np.dot(samples[begin : begin + window], probe)))
    levels = 20 * np.log10(np.asarray(levels) + 1e-12)
    first = int(np.argmax(levels >= levels.max() + threshold_db))
    return (times[first] + window / 2) / rate
