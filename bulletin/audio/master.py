"""Mastering: the whole bulletin to its loudness target under a true-peak ceiling.

One pass over the mix (:func:`analyse`) records, for every short grid block,
its K-weighted energy (BS.1770) and its true peak where a peak can matter.
Everything else is arithmetic on those small arrays: :func:`plan` finds the
gain that reaches the loudness target *after* a look-ahead limiter has
lowered the moments whose true peak would pass the ceiling, and
:func:`apply` then scales the mix in place in a second pass. Offline, the
look-ahead costs nothing: the limiter's ramp simply starts before the peak.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from bulletin.audio.media import Sound
from bulletin.audio.meter import SILENCE, KWeighting, true_block_peaks
from bulletin.audio.meter import gated_loudness as meter_loudness

ATTACK = 0.002  # seconds to pull 6 dB down ahead of a peak
RELEASE = 0.120  # seconds to let 6 dB come back after it
HEADROOM = 3.0  # dB of gain beyond the unlimited estimate the analysis prepares for
# How far a true peak may rise above the sample peaks around it, for choosing
# which blocks to interpolate. 3.5 dB covers real speech and music (only
# strong content near the Nyquist frequency goes beyond); the final MP3 is
# measured exactly afterwards, so a rare miss is corrected, not shipped.
OVERSHOOT = 10 ** (3.5 / 20)
CHUNK = 1 << 18
# Most gain beyond the unlimited estimate that mastering adds back for what the
# limiter takes away. Stems reach it with sane peaks (:mod:`bulletin.audio.dynamics`),
# so this is a safety stop against limiting whole passages, not a working range.
MAX_MAKEUP = 3.0


@dataclass(frozen=True)
class Analysis:
    """What mastering needs to know about a mix, per grid block."""

    rate: int
    grid: int  # samples per block
    energy: np.ndarray  # K-weighted energy (sum of squares, all channels)
    peaks: np.ndarray  # true peak (linear) where it exceeds ``floor``, else the sample peak
    floor: float

    @property
    def hop(self) -> int:
        return self.rate // 10


@dataclass(frozen=True)
class Plan:
    gain: float  # dB applied to the whole mix
    reduction: np.ndarray  # limiter gain reduction per grid block, dB (>= 0)
    loudness: float  # predicted integrated loudness after gain and limiter, LUFS

    @property
    def deepest(self) -> float:
        return float(self.reduction.max()) if len(self.reduction) else 0.0


@lru_cache(maxsize=8)
def grid_for(rate: int) -> int:
    """The divisor of a 100 ms hop closest to 32 samples (the limiter's time resolution)."""
    hop = rate // 10
    return min((d for d in range(8, 65) if hop % d == 0), key=lambda d: abs(d - 32))


def analyse(sound: Sound, target: float, ceiling: float, unmeasured: tuple[int, int] | None = None) -> Analysis:
    """Energy and peaks of ``sound`` per grid block.

    True peaks are computed only where a block could pass ``ceiling`` once
    the mix is brought to ``target`` and up to :data:`HEADROOM` dB beyond.
    Frames in ``unmeasured`` (start, end) count for the peaks but not for the
    loudness (the music that pads a short bulletin plays at the bed's level).
    """
    grid = grid_for(sound.rate)
    energy, peaks = blocks(sound, grid)
    if unmeasured is not None:
        energy[unmeasured[0] // grid : -(-unmeasured[1] // grid)] = 0.0  # below the absolute gate
    analysis = Analysis(sound.rate, grid, energy, peaks.astype(np.float64), np.inf)
    unlimited = gated_loudness(energy, analysis)
    gain = target - unlimited if unlimited != SILENCE else 0.0
    return refine(analysis, sound, 10 ** ((ceiling - gain - HEADROOM) / 20))


def blocks(sound: Sound, grid: int) -> tuple[np.ndarray, np.ndarray]:
    """K-weighted energy (sum of squares, all channels) and sample peak of every ``grid`` frames."""
    count = -(-sound.frames // grid)
    energy = np.zeros(count)
    peaks = np.zeros(count)
    weighting = KWeighting(sound.rate, sound.channels)
    step = CHUNK - CHUNK % grid
    for start in range(0, sound.frames, step):
        block = sound.samples[start : start + step]
        pad = -len(block) % grid
        first = start // grid
        level = np.pad(np.abs(block).max(axis=1), (0, pad))
        peaks[first : first + len(level) // grid] = level.reshape(-1, grid).max(axis=1)
        filtered = weighting(block)
        power = np.pad(np.square(filtered, dtype=np.float64).sum(axis=0), (0, pad))
        energy[first : first + len(power) // grid] = power.reshape(-1, grid).sum(axis=1)
    return energy, peaks


def refine(analysis: Analysis, sound: Sound, floor: float) -> Analysis:
    """The analysis with true peaks for every block that may exceed ``floor`` (linear)."""
    if floor >= analysis.floor:
        return analysis
    peaks = true_block_peaks(sound.samples, analysis.grid, floor, analysis.peaks, overshoot=OVERSHOOT)
    return replace(analysis, peaks=np.maximum(analysis.peaks, peaks), floor=floor)


def plan(analysis: Analysis, target: float, ceiling: float) -> Plan:
    """The gain that brings the limited mix to ``target`` LUFS with true peaks at most ``ceiling`` dBTP."""
    unlimited = gated_loudness(analysis.energy, analysis)
    if unlimited == SILENCE:
        return Plan(0.0, np.zeros(len(analysis.energy)), SILENCE)
    gain = target - unlimited
    result = _limited(analysis, gain, ceiling)
    most = gain + MAX_MAKEUP
    # Limiting takes some loudness away; adding it back makes more peaks to limit.
    # The loudness grows steadily with the gain: secant steps converge in a few tries.
    previous = None
    for _ in range(12):
        error = target - result.loudness
        if abs(error) < 0.02:
            break
        slope = 1.0
        if previous is not None and result.gain != previous.gain:
            slope = (result.loudness - previous.loudness) / (result.gain - previous.gain)
            slope = min(1.0, max(0.2, slope))
        previous = result
        result = _limited(analysis, min(most, result.gain + error / slope), ceiling)
        if result.gain >= most and result.loudness < target:
            break  # the limiter would be doing the leveller's job: stop short of the target
    return result


def _limited(analysis: Analysis, gain: float, ceiling: float) -> Plan:
    scale = 10 ** (gain / 20)
    ceiling_linear = 10 ** (ceiling / 20)
    level = analysis.peaks * scale
    need = np.zeros(len(level))
    over = level > ceiling_linear
    need[over] = 20 * np.log10(level[over] / ceiling_linear)
    steps_attack = max(1.0, ATTACK * analysis.rate / analysis.grid)
    steps_release = max(1.0, RELEASE * analysis.rate / analysis.grid)
    reduction = safe_envelope(ramps(need, attack=6.0 / steps_attack, release=6.0 / steps_release))
    energy = analysis.energy * scale**2 * 10 ** (-reduction / 10)
    return Plan(gain, reduction, gated_loudness(energy, analysis))


def gated_loudness(energy: np.ndarray, analysis: Analysis) -> float:
    """BS.1770 integrated loudness from the per-grid energies of the analysis."""
    return gated_loudness_of(energy, analysis.rate, analysis.grid)


def gated_loudness_of(energy: np.ndarray, rate: int, grid: int) -> float:
    """BS.1770 integrated loudness from K-weighted energies per ``grid`` frames."""
    hop = rate // 10
    per_hop = hop // grid
    whole = len(energy) // per_hop * per_hop
    return meter_loudness(energy[:whole].reshape(-1, per_hop).sum(axis=1), hop)


def ramps(need: np.ndarray, *, attack: float, release: float) -> np.ndarray:
    """The lowest curve above ``need`` that rises at most ``attack`` and falls at most ``release`` per step.

    ``max over k of need[k] - slope * |i - k|``, computed with two running
    maxima instead of a loop: looking ahead for the attack, back for the release.
    """
    index = np.arange(len(need), dtype=np.float64)
    after = np.maximum.accumulate(need + release * index) - release * index
    before = np.maximum.accumulate((need - attack * index)[::-1])[::-1] + attack * index
    return np.maximum(np.maximum(after, before), 0.0)


def safe_envelope(reduction: np.ndarray) -> np.ndarray:
    """Each block takes the largest reduction of itself and its neighbours.

    Interpolating between block centres then never dips below what any
    block needs.
    """
    if not len(reduction):
        return reduction
    padded = np.pad(reduction, 1, mode="edge")
    return np.maximum(np.maximum(padded[:-2], padded[1:-1]), padded[2:])


def apply(sound: Sound, result: Plan) -> None:
    """Scale ``sound`` in place by the plan's gain and limiter curve."""
    apply_curve(sound, 10 ** ((result.gain - result.reduction) / 20))


def apply_curve(sound: Sound, gains: np.ndarray) -> None:
    """Scale ``sound`` in place by ``gains`` (linear, one per grid block), interpolated between block centres."""
    for start, curve in _curves(sound, gains):
        sound.samples[start : start + len(curve)] *= curve[:, None]


def mastered(sound: Sound, result: Plan, extra: float = 0.0) -> Iterator[np.ndarray]:
    """The mastered sound (plan's gain and limiter, plus ``extra`` dB) as blocks, leaving ``sound`` untouched."""
    for start, curve in _curves(sound, 10 ** ((result.gain + extra - result.reduction) / 20)):
        yield sound.samples[start : start + len(curve)] * curve[:, None]


def _curves(sound: Sound, gains: np.ndarray) -> Iterator[tuple[int, np.ndarray]]:
    """Per chunk: its start and the per-sample gain, linear between block centres."""
    grid = grid_for(sound.rate)
    # Linear interpolation between block centres, done per block with broadcasting.
    prev = np.concatenate([gains[:1], gains[:-1]])
    nxt = np.concatenate([gains[1:], gains[-1:]])
    offset = (np.arange(grid) - (grid - 1) / 2) / grid  # -0.5 .. 0.5 within a block
    weight_next = np.clip(offset, 0, None)[None, :]
    weight_prev = np.clip(-offset, 0, None)[None, :]
    step = CHUNK - CHUNK % grid
    for start in range(0, sound.frames, step):
        first = start // grid
        length = min(step, sound.frames - start)
        count = -(-length // grid)
        g, p, n = gains[first : first + count, None], prev[first : first + count, None], nxt[first : first + count, None]
        yield start, (g + (n - g) * weight_next + (p - g) * weight_prev).astype(np.float32).reshape(-1)[:length]


def find(sound: Sound, target: float, ceiling: float, unmeasured: tuple[int, int] | None = None) -> Plan:
    """The plan that brings ``sound`` to ``target`` LUFS with true peaks under ``ceiling`` dBTP (not applied)."""
    analysis = analyse(sound, target, ceiling, unmeasured)
    result = plan(analysis, target, ceiling)
    # More gain than the analysis prepared for: look at the quieter blocks too.
    while 10 ** ((ceiling - result.gain) / 20) < analysis.floor:
        analysis = refine(analysis, sound, 10 ** ((ceiling - result.gain - HEADROOM) / 20))
        result = plan(analysis, target, ceiling)
    return result


def master(sound: Sound, target: float, ceiling: float, unmeasured: tuple[int, int] | None = None) -> Plan:
    """Analyse, plan and apply: ``sound`` ends at ``target`` LUFS with true peaks under ``ceiling`` dBTP."""
    result = find(sound, target, ceiling, unmeasured)
    apply(sound, result)
    return result


def scale(sound: Sound, gain: float) -> None:
    """Multiply ``sound`` in place by ``gain`` dB."""
    factor = np.float32(10 ** (gain / 20))
    for start in range(0, sound.frames, CHUNK):
        sound.samples[start : start + CHUNK] *= factor
