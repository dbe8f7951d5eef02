"""Mixing: the placed pieces of a timeline rendered into one buffer.

:func:`render` mixes into one preallocated float32 buffer (no repeated
concatenation, headroom for voice and bed adding up); a music bed is looped,
faded and ducked under speech with a gain curve computed on a coarse time grid.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping

import numpy as np

from bulletin.audio.media import Sound
from bulletin.plan.timeline import BedStyle, Timeline


def render(
    timeline: Timeline,
    sounds: MutableMapping[str, Sound],
    *,
    rate: int,
    channels: int = 1,
    bed_gains: Mapping[str, float] | None = None,
    style: BedStyle = BedStyle(),
    frames: int | None = None,
    release: bool = False,
) -> Sound:
    """Mix the timeline into one float32 buffer (float headroom: nothing clips here).

    ``bed_gains`` gives each bed's level in pauses (dB); ``frames`` the exact
    length of the result (default: the timeline's duration). With ``release``
    each sound is removed from ``sounds`` once placed for the last time, so
    the sources are freed while the mix fills (the buffer's untouched pages
    cost no memory): the peak is about one copy of the audio, not two.
    """
    frames = round(timeline.duration * rate) if frames is None else frames
    out = np.zeros((frames, channels), dtype=np.float32)
    beds_used = {p.piece.bed for p in timeline.placements if p.piece.bed is not None}
    last_use = {p.piece.sound: n for n, p in enumerate(timeline.placements) if p.piece.sound is not None}
    voice: list[tuple[int, int]] = []
    beds: dict[str, list[list[int]]] = {}
    raised: list[tuple[int, int, float]] = []  # stretches where the bed plays louder
    for n, placement in enumerate(timeline.placements):
        piece = placement.piece
        start = min(frames, round(placement.start * rate))
        length = min(round(piece.duration * rate), frames - start)
        if piece.bed is not None and length > 0:
            runs = beds.setdefault(piece.bed, [])
            if runs and runs[-1][1] >= start:
                runs[-1][1] = max(runs[-1][1], start + length)
            else:
                runs.append([start, start + length])
            if piece.sound is None and piece.gain:
                raised.append((start, start + length, piece.gain))
        if piece.sound is None or length <= 0:
            continue
        data = sounds[piece.sound].samples[:length]
        if piece.gain or piece.fade_in or piece.fade_out:
            data = data * np.float32(10 ** (piece.gain / 20))
            _fade(data, round(piece.fade_in * rate), round(piece.fade_out * rate))
        out[start : start + len(data)] += data
        voice.append((start, start + len(data)))  # beds duck under every sound, jingles too
        if release and last_use[piece.sound] == n and piece.sound not in beds_used:
            del sounds[piece.sound]
    gains = bed_gains or {}
    for key, runs in beds.items():
        layer = loopable(sounds[key].samples, round(style.loop_crossfade * rate))
        for start, end in runs:
            envelope = duck_envelope(voice, start, end, rate, style, gains.get(key, 0.0), raised)
            _add_bed(out, layer, start, end, envelope)
    return Sound(out, rate)


def _fade(data: np.ndarray, fade_in: int, fade_out: int) -> None:
    """Linear fades in place at both ends of ``data`` (a copy owned by the caller)."""
    fade_in, fade_out = min(fade_in, len(data)), min(fade_out, len(data))
    if fade_in > 0:
        data[:fade_in] *= np.linspace(0.0, 1.0, fade_in, dtype=np.float32)[:, None]
    if fade_out > 0:
        data[len(data) - fade_out :] *= np.linspace(1.0, 0.0, fade_out, dtype=np.float32)[:, None]


def loopable(bed: np.ndarray, crossfade: int) -> np.ndarray:
    """The bed with its end blended into its start, so repeating it has no seam."""
    crossfade = min(crossfade, len(bed) // 4)
    if crossfade <= 0:
        return bed
    ramp = np.linspace(0.0, 1.0, crossfade, dtype=np.float32)[:, None]
    unit = bed[: len(bed) - crossfade].copy()
    unit[:crossfade] = bed[:crossfade] * ramp + bed[len(bed) - crossfade :] * (1 - ramp)
    return unit


GRID_SECONDS = 0.005  # resolution of the bed's gain curve


def duck_envelope(
    voice: list[tuple[int, int]], start: int, end: int, rate: int, style: BedStyle, level: float,
    raised: list[tuple[int, int, float]] = (),
) -> tuple[np.ndarray, int]:
    """The bed's gain (linear) on a coarse grid over ``[start, end)``, and the grid step in frames.

    ``level`` dB in pauses, down by ``style.depth`` wherever something else
    sounds (pauses shorter than ``style.hold`` included), with linear-in-dB
    ramps that finish going down as the voice starts and come back up after
    it; ``raised`` stretches (start, end, dB) play louder, gliding in and out;
    faded from and to silence at both ends of the run.
    """
    step = max(1, round(GRID_SECONDS * rate))
    points = (end - start) // step + 2
    ducked = np.zeros(points, dtype=bool)
    hold = round(style.hold * rate)
    merged: list[list[int]] = []
    for a, b in sorted(voice):
        if b <= start or a >= end:
            continue
        if merged and a - merged[-1][1] < hold:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    for a, b in merged:
        ducked[max(0, (a - start) // step) : min(points, -(-(b - start) // step) + 1)] = True
    index = np.arange(points, dtype=np.float64)
    # Fraction of the full ducking depth: 1 under the voice, ramping to 0 around it.
    down = max(1.0, style.attack * rate / step)
    up = max(1.0, style.release * rate / step)
    big = float(points + down + up)
    next_on = np.where(ducked, index, big)
    next_on = np.minimum.accumulate(next_on[::-1])[::-1]  # nearest voice ahead
    last_on = np.where(ducked, index, -big)
    last_on = np.maximum.accumulate(last_on)  # nearest voice behind
    fraction = np.clip(np.maximum(1 - (next_on - index) / down, 1 - (index - last_on) / up), 0.0, 1.0)
    gain_db = level - style.depth * fraction
    fade = max(1, round(style.fade * rate / step))
    if raised:
        extra = np.zeros(points)
        for a, b, db in raised:
            extra[max(0, (a - start) // step) : max(0, (b - start) // step)] = db
        gain_db += np.convolve(np.pad(extra, fade, mode="edge"), np.ones(fade) / fade, mode="same")[fade:-fade]
    # Fade the whole run in and out (in the linear domain, from silence).
    edge = np.clip(np.minimum(index, points - 1 - index) / fade, 0.0, 1.0)
    linear = 10 ** (gain_db / 20) * edge
    return linear.astype(np.float32), step


def _add_bed(out: np.ndarray, layer: np.ndarray, start: int, end: int, envelope: tuple[np.ndarray, int]) -> None:
    """Add the looped ``layer`` to ``out[start:end]`` under ``envelope``, block by block."""
    curve, step = envelope
    grid = np.arange(len(curve), dtype=np.float64) * step
    block = 1 << 16
    for a in range(start, end, block):
        b = min(end, a + block)
        positions = np.arange(a - start, b - start)
        gain = np.interp(positions, grid, curve).astype(np.float32)
        source = np.take(layer, np.arange(a - start, b - start) % len(layer), axis=0)
        if source.shape[1] != out.shape[1]:
            source = np.repeat(source.mean(axis=1, keepdims=True), out.shape[1], axis=1)
        out[a:b] += source * gain[:, None]
