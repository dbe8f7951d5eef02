"""Speech dynamics: each stem's peaks brought within reach of its loudness before mixing.

Synthetic speech is peaky: espeak-ng's voices peak 19–21 dB above their
loudness, where a −16 LUFS target under a −1 dBTP ceiling leaves 15 dB. If the
final limiter had to close that gap it would work on every syllable and pull
the loudness down with it (and mastering would push the gain up to make up for
it, limiting harder still). So every stem (a speech item per engine, a
recording, a jingle) goes through a gentle look-ahead peak control of its
own, set :data:`PEAK_TO_LOUDNESS` dB above the stem's loudness: it looks
2 ms ahead, so nothing is clipped, and recovers over ~60 ms per 6 dB, slowly
enough not to distort the voice. The static gain that sets the stem's level is
computed afterwards from the stem's loudness *after* peak control; the final
limiter then only meets the odd peak (a crossfade, an inter-sample overshoot).

Everything is computed on a grid of ~32-sample blocks (one K-weighted energy
and one sample peak per block), like the mastering analysis.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bulletin.audio.master import apply_curve, blocks, gated_loudness_of, grid_for, ramps, safe_envelope
from bulletin.audio.media import Sound
from bulletin.audio.meter import SILENCE

PEAK_TO_LOUDNESS = 13.5  # dB: sample peaks kept this close to the stem's loudness (after processing)
ATTACK = 0.001  # seconds to pull 6 dB down ahead of a peak
RELEASE = 0.010  # seconds to let 6 dB come back after it
SILENT_PEAK = 10 ** (-80 / 20)  # a stem whose peaks stay under -80 dBFS is silent


@dataclass(frozen=True)
class Controlled:
    """What peak control did to one stem."""

    before: float  # integrated loudness before, LUFS (-inf: too short or silent)
    after: float  # integrated loudness after, LUFS
    deepest: float  # deepest gain reduction, dB
    share: float  # fraction of the stem's sounding time reduced by more than 1 dB
    peak: float  # sample peak before, linear


def control(sounds: Sequence[Sound], *, peak_to_loudness: float = PEAK_TO_LOUDNESS,
            chase: bool = True) -> Controlled:
    """Bring the sample peaks of a stem (``sounds`` one after the other) within ``peak_to_loudness`` dB
    of its integrated loudness *after* processing, in place.

    Everything is decided on per-block arrays (a few secant steps on the
    threshold: lowering peaks lowers the loudness too), then applied once.

    ``chase=False``: one step, the threshold ``peak_to_loudness`` above the loudness *before*
    processing, for a stem of a few syllables. Its loudness is mostly its peaks, so lowering them
    lowers the loudness almost as much, and the secant steps would chase it down (a title "Kết"
    of one syllable: from −21 to −48 LUFS, 33 dB off its peaks).
    """
    if not sounds:
        return Controlled(SILENCE, SILENCE, 0.0, 0.0, 0.0)
    rate = sounds[0].rate
    grid = grid_for(rate)
    stems = [blocks(sound, grid) for sound in sounds]
    energy = np.concatenate([e for e, _ in stems])
    peaks = np.concatenate([p for _, p in stems])
    peak = float(peaks.max()) if len(peaks) else 0.0
    before = gated_loudness_of(energy, rate, grid)
    if before == SILENCE or peak < SILENT_PEAK:
        return Controlled(before, before, 0.0, 0.0, peak)
    with np.errstate(divide="ignore"):
        level = 20 * np.log10(np.maximum(peaks, 1e-12))
    bounds = np.cumsum([0] + [len(p) for _, p in stems])
    attack = 6.0 / max(1.0, ATTACK * rate / grid)
    release = 6.0 / max(1.0, RELEASE * rate / grid)

    def reduce(threshold: float) -> tuple[np.ndarray, float]:
        need = np.maximum(0.0, level - threshold)
        # Ramps per sound: the gain recovers across the silence between clips anyway.
        reduction = np.concatenate([safe_envelope(ramps(need[a:b], attack=attack, release=release))
                                    for a, b in zip(bounds[:-1], bounds[1:])])
        return reduction, gated_loudness_of(energy * 10 ** (-reduction / 10), rate, grid)

    threshold = before + peak_to_loudness
    reduction, after = reduce(threshold)
    previous = None
    for _ in range(6 if chase else 0):
        error = (threshold - after) - peak_to_loudness  # > 0: the peaks may come closer still
        if error <= 0.05 or not reduction.any():
            break
        slope = 1.0
        if previous is not None and previous[0] != threshold:
            slope = min(1.0, max(0.1, 1 - (after - previous[1]) / (threshold - previous[0])))
        previous = (threshold, after)
        threshold -= error / slope
        reduction, after = reduce(threshold)
    if not reduction.any():
        return Controlled(before, before, 0.0, 0.0, peak)
    return _applied(sounds, bounds, peaks, reduction, before, after, peak)


def _applied(sounds: Sequence[Sound], bounds, peaks: np.ndarray, reduction: np.ndarray, before: float,
             after: float, peak: float) -> Controlled:
    """Apply the per-block ``reduction`` to ``sounds`` in place; what it did."""
    if not reduction.any():
        return Controlled(before, after, 0.0, 0.0, peak)
    audible = peaks > SILENT_PEAK * 100
    share = float((audible & (reduction > 1.0)).sum() / max(1, audible.sum()))
    for sound, a, b in zip(sounds, bounds[:-1], bounds[1:]):
        if reduction[a:b].any():
            apply_curve(sound, 10 ** (-reduction[a:b] / 20))
    return Controlled(before, after, float(reduction.max()), share, peak)
