"""The default station sounds, synthesized from tones (licence-clean, rebuildable).

``python -m bulletin.audio.jingles FOLDER`` writes ``intro.flac``, ``outro.flac`` and
``bed.flac``; ``bulletin init`` calls the same code. The output is
deterministic: the same code always makes the same sounds.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from bulletin.audio.media import Sound, encode

RATE = 44100
A4 = 440.0


def _freq(semitones_from_a4: float) -> float:
    return A4 * 2 ** (semitones_from_a4 / 12)


# Semitone offsets from A4 for the notes we use.
NOTES = {"C4": -9, "D4": -7, "E4": -5, "F4": -4, "G4": -2, "A4": 0, "B4": 2,
         "C5": 3, "D5": 5, "E5": 7, "F5": 8, "G5": 10, "A5": 12, "C6": 15,
         "A3": -12, "B3": -10, "F3": -16, "G3": -14, "C3": -21, "E3": -17}


def _bell(freq: float, seconds: float, decay: float = 1.6) -> np.ndarray:
    """A struck, bell-like tone: a few inharmonic partials with exponential decay."""
    t = np.arange(round(seconds * RATE)) / RATE
    partials = ((1.0, 1.0), (2.0, 0.45), (3.01, 0.22), (4.2, 0.10))
    tone = sum(a * np.sin(2 * np.pi * freq * m * t) * np.exp(-t * decay * m ** 0.7) for m, a in partials)
    attack = np.minimum(1.0, t / 0.005)
    return (tone * attack).astype(np.float32)


def _pad(freqs: list[float], seconds: float) -> np.ndarray:
    """A soft sustained chord with slow attack and release."""
    t = np.arange(round(seconds * RATE)) / RATE
    chord = np.zeros_like(t)
    for i, f in enumerate(freqs):
        vibrato = 1 + 0.002 * np.sin(2 * np.pi * (4.5 + 0.3 * i) * t)
        chord += np.sin(2 * np.pi * f * t * vibrato) + 0.25 * np.sin(4 * np.pi * f * t)
    edge = min(len(t) // 2, round(1.2 * RATE))
    env = np.ones_like(t)
    env[:edge] = np.sin(np.linspace(0, np.pi / 2, edge)) ** 2
    env[-edge:] = env[:edge][::-1]
    return (chord * env / len(freqs)).astype(np.float32)


def _place(buffer: np.ndarray, sound: np.ndarray, at: float, gain: float = 1.0) -> None:
    start = round(at * RATE)
    end = min(len(buffer), start + len(sound))
    buffer[start:end] += sound[: end - start] * gain


def _peak_normalize(x: np.ndarray, dbfs: float = -3.0) -> np.ndarray:
    return (x / np.max(np.abs(x)) * 10 ** (dbfs / 20)).astype(np.float32)


def intro() -> np.ndarray:
    """Rising bright arpeggio over a warm chord: about 6 seconds."""
    out = np.zeros(round(6.0 * RATE), dtype=np.float32)
    for i, note in enumerate(["C5", "E5", "G5", "C6"]):
        _place(out, _bell(_freq(NOTES[note]), 3.5), 0.25 * i, 0.8)
    _place(out, _pad([_freq(NOTES[n]) for n in ("C4", "E4", "G4", "C5")], 4.8), 0.9, 0.9)
    _place(out, _bell(_freq(NOTES["C5"]), 4.0, decay=1.0), 1.5, 0.6)
    return _peak_normalize(out)


def outro() -> np.ndarray:
    """Falling arpeggio resolving on the tonic: about 5 seconds."""
    out = np.zeros(round(5.0 * RATE), dtype=np.float32)
    for i, note in enumerate(["G5", "E5", "D5", "C5"]):
        _place(out, _bell(_freq(NOTES[note]), 3.0), 0.3 * i, 0.8)
    _place(out, _pad([_freq(NOTES[n]) for n in ("F4", "A4", "C5")], 1.6), 0.2, 0.6)
    _place(out, _pad([_freq(NOTES[n]) for n in ("C4", "E4", "G4", "C5")], 3.4), 1.4, 0.9)
    return _peak_normalize(out)


def bed() -> np.ndarray:
    """A calm chord progression (C–Am–F–G) that loops without a seam: 32 seconds."""
    length = round(32.0 * RATE)
    overlap = round(2.0 * RATE)
    out = np.zeros(length + overlap, dtype=np.float32)
    chords = [("C4", "E4", "G4"), ("A3", "C4", "E4"), ("F3", "A3", "C4"), ("G3", "B3", "D4")]
    for i, chord in enumerate(chords):
        _place(out, _pad([_freq(NOTES[n]) for n in chord], 10.0), 8.0 * i - 1.0 if i else 0.0)
    # Fold the tail onto the head so the end flows into the start when looped.
    tail = out[length:]
    fade = np.linspace(0.0, 1.0, overlap, dtype=np.float32)
    looped = out[:length].copy()
    looped[:overlap] = looped[:overlap] * fade + tail * (1 - fade)
    return _peak_normalize(looped, -6.0)


SOUNDS = {"intro": intro, "outro": outro, "bed": bed}


def make_default_assets(folder: Path, *, overwrite: bool = False) -> list[Path]:
    """Write the default jingles and bed into ``folder``; existing files are kept."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in SOUNDS.items():
        path = folder / f"{name}.flac"
        if path.exists() and not overwrite:
            continue
        encode(Sound(make()[:, None], RATE), path, fmt="flac")
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover - developer tool
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("audio_assets")
    for p in make_default_assets(target, overwrite=True):
        print(p)
