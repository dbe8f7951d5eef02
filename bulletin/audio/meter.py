"""Measuring what was made: loudness (ITU-R BS.1770-4) and true peak.

:class:`LoudnessMeter` computes what pyloudnorm computes, with the
K-weighting filters pyloudnorm defines, but block by block: pyloudnorm needs
several float64 copies of the whole signal (over a gigabyte for ten minutes)
and filters in float64 throughout, four times slower. The filters are applied
as their (short-lived) impulse response by FFT, so measuring needs numpy
only: scipy.signal alone costs ~80 MB and seconds to import. The tests check that
both agree within 0.02 LU. :class:`TruePeakMeter` finds the peak of the
signal oversampled 4× (BS.1770-4 Annex 2), interpolating only where a peak
can possibly be.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from bulletin.audio.media import Sound

OVERSAMPLE = 4
TAPS_PER_PHASE = 16
ABSOLUTE_GATE = -70.0  # LUFS
RELATIVE_GATE = -10.0  # LU below the ungated loudness
SILENCE = float("-inf")


@dataclass(frozen=True)
class Levels:
    loudness: float  # integrated, LUFS (-inf for silence)
    true_peak: float  # dBTP
    sample_peak: float  # dBFS


def db(value: float) -> float:
    return 20 * np.log10(value) if value > 0 else SILENCE


def loudness(sound: Sound, block: int = 1 << 18) -> float:
    """Integrated loudness (LUFS) of a sound; -inf when it is silent or shorter than 0.4 s."""
    meter = LoudnessMeter(sound.rate, sound.channels)
    for start in range(0, sound.frames, block):
        meter.feed(sound.samples[start : start + block])
    return meter.integrated()


@lru_cache(maxsize=8)
def k_weighting(rate: int) -> np.ndarray:
    """The two K-weighting biquads as second-order sections (pyloudnorm's definition, RBJ cookbook)."""
    # High shelf: +4 dB above 1500 Hz, Q 1/sqrt(2).
    a = 10 ** (4.0 / 40)
    w0 = 2 * np.pi * 1500.0 / rate
    alpha = np.sin(w0) / (2 / np.sqrt(2))
    cos, root = np.cos(w0), 2 * np.sqrt(a) * alpha
    shelf = [a * ((a + 1) + (a - 1) * cos + root), -2 * a * ((a - 1) + (a + 1) * cos),
             a * ((a + 1) + (a - 1) * cos - root),
             (a + 1) - (a - 1) * cos + root, 2 * ((a - 1) - (a + 1) * cos), (a + 1) - (a - 1) * cos - root]
    # High pass at 38 Hz, Q 0.5.
    w0 = 2 * np.pi * 38.0 / rate
    alpha, cos = np.sin(w0) / (2 * 0.5), np.cos(w0)
    highpass = [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2, 1 + alpha, -2 * cos, 1 - alpha]
    return np.array([np.array(s) / s[3] for s in (shelf, highpass)])


KERNEL_FLOOR = 1e-14  # the K-weighting's impulse response is cut where what is left holds less energy
FFT_SIZE = 1 << 16


@lru_cache(maxsize=8)
def k_kernel(rate: int) -> np.ndarray:
    """The K-weighting filter's impulse response, cut where it has died away (under -140 dB of its energy).

    The filter's slowest pole (the 38 Hz high pass) decays with a time constant
    of about 4 ms, so some 3,000 taps at 44.1 kHz hold it exactly for any
    practical purpose; filtering by FFT then needs nothing beyond numpy.
    """
    # The response sampled on a fine frequency grid; its inverse FFT is the impulse
    # response (time aliasing is nil: it has died away long before the grid's length).
    length = 1 << max(15, int(np.ceil(np.log2(rate))) - 1)
    z = np.exp(-1j * np.pi * np.arange(length // 2 + 1) / (length // 2))  # e^{-jw}
    spectrum = np.ones_like(z)
    for b0, b1, b2, a0, a1, a2 in k_weighting(rate):
        spectrum *= (b0 + b1 * z + b2 * z**2) / (a0 + a1 * z + a2 * z**2)
    response = np.fft.irfft(spectrum, length)
    energy = np.cumsum(response[::-1] ** 2)[::-1]  # energy from each tap to the end
    keep = int(np.argmax(energy < energy[0] * KERNEL_FLOOR)) or length
    return response[:keep]


@lru_cache(maxsize=8)
def _kernel_spectrum(rate: int) -> np.ndarray:
    return np.fft.rfft(k_kernel(rate).astype(np.float32), FFT_SIZE)


class KWeighting:
    """K-weighting a stream of blocks (frames, channels): FFT convolution with overlap-save."""

    def __init__(self, rate: int, channels: int):
        self.rate = rate
        self.taps = len(k_kernel(rate))
        self.history = np.zeros((channels, self.taps - 1), dtype=np.float32)

    def __call__(self, block: np.ndarray) -> np.ndarray:
        """The filtered block, shape (channels, frames), float32."""
        spectrum = _kernel_spectrum(self.rate)
        joined = np.concatenate([self.history, np.asarray(block, dtype=np.float32).T], axis=1)
        self.history = joined[:, len(joined[0]) - (self.taps - 1) :].copy()
        step = FFT_SIZE - (self.taps - 1)
        frames = len(block)
        out = np.empty((joined.shape[0], frames), dtype=np.float32)
        for start in range(0, frames, step):
            piece = joined[:, start : start + FFT_SIZE]
            filtered = np.fft.irfft(np.fft.rfft(piece, FFT_SIZE, axis=1) * spectrum, FFT_SIZE, axis=1)
            count = min(step, frames - start)
            out[:, start : start + count] = filtered[:, self.taps - 1 : self.taps - 1 + count]
        return out


class LoudnessMeter:
    """Integrated loudness of a stream of blocks, in constant memory."""

    def __init__(self, rate: int, channels: int):
        self.rate = rate
        self.hop = rate // 10  # 100 ms: gating blocks of 400 ms overlap by 75 %
        # float32 biquads stay within 0.001 LU of float64 here, at two thirds of the time.
        self.filter = KWeighting(rate, channels)
        self.energies: list[np.ndarray] = []  # summed squares per hop
        self.pending = np.zeros(0)

    def feed(self, block: np.ndarray) -> None:
        if not len(block):
            return
        filtered = self.filter(block)
        energy = np.concatenate([self.pending, np.square(filtered, dtype=np.float64).sum(axis=0)])
        whole = len(energy) // self.hop * self.hop
        if whole:
            self.energies.append(energy[:whole].reshape(-1, self.hop).sum(axis=1))
        self.pending = energy[whole:]

    def integrated(self) -> float:
        return gated_loudness(np.concatenate(self.energies) if self.energies else np.zeros(0), self.hop)


@lru_cache(maxsize=1)
def interpolator() -> tuple[np.ndarray, float]:
    """Polyphase 4× interpolation filter (phases × taps) and its worst-case gain.

    The gain bounds how far an interpolated value can exceed the samples
    around it, which tells where interpolation can be skipped.
    """
    # A windowed-sinc low pass (Kaiser, beta 9) at 0.98 of the original Nyquist frequency, unit gain at DC.
    count, cutoff = OVERSAMPLE * TAPS_PER_PHASE, 0.98 / OVERSAMPLE
    n = np.arange(count) - (count - 1) / 2
    taps = cutoff * np.sinc(cutoff * n) * np.kaiser(count, 9.0)
    taps = taps / taps.sum() * OVERSAMPLE
    phases = taps.reshape(TAPS_PER_PHASE, OVERSAMPLE).T[:, ::-1].astype(np.float32)
    return np.ascontiguousarray(phases), float(np.abs(phases).sum(axis=1).max())


def block_peaks(samples: np.ndarray, block: int) -> np.ndarray:
    """Sample peak of every ``block`` frames (all channels), without a full-size temporary."""
    count = -(-len(samples) // block)
    peaks = np.zeros(count, dtype=np.float32)
    step = block * 4096
    for start in range(0, len(samples), step):
        level = np.abs(samples[start : start + step]).max(axis=1)
        level = np.pad(level, (0, -len(level) % block))
        peaks[start // block : start // block + len(level) // block] = level.reshape(-1, block).max(axis=1)
    return peaks


def true_block_peaks(
    samples: np.ndarray, block: int, floor: float, peaks: np.ndarray | None = None,
    start: int = 0, stop: int | None = None, overshoot: float | None = None,
) -> np.ndarray:
    """Peak of the 4× oversampled signal in every block of ``samples[start:stop]``.

    Only blocks that may exceed ``floor`` (linear) are interpolated; the others
    keep their sample peak. Which blocks may is decided with ``overshoot``, how
    far an interpolated value can rise above the samples around it: by
    default the filter's worst case (exact, but it interpolates many blocks).
    Samples outside ``[start, stop)`` serve as context for the interpolation
    filter (zeros beyond the array). ``peaks`` are the blocks' sample peaks
    when already known.
    """
    stop = len(samples) if stop is None else stop
    phases, gain = interpolator()
    gain = gain if overshoot is None else overshoot
    if peaks is None:
        peaks = block_peaks(samples[start:stop], block)
    else:
        peaks = peaks.astype(np.float32)
    reach = 1 + TAPS_PER_PHASE // block  # neighbouring blocks the filter sees
    bound = _running_max(peaks, reach) * gain
    candidates = np.flatnonzero(bound > floor)
    if len(candidates):
        found = _interpolated_peaks(samples, candidates, block, phases, start, stop)
        peaks[candidates] = np.maximum(peaks[candidates], found)
    return peaks


def _running_max(values: np.ndarray, reach: int) -> np.ndarray:
    """The largest value within ``reach`` places of each place."""
    padded = np.pad(values, reach, mode="edge")
    result = values.copy()
    for shift in range(2 * reach + 1):
        np.maximum(result, padded[shift : shift + len(values)], out=result)
    return result


def _interpolated_peaks(samples, blocks, block, phases, start, stop) -> np.ndarray:
    """Largest interpolated |value| inside each of ``blocks`` (positions before ``stop`` only)."""
    from numpy.lib.stride_tricks import sliding_window_view

    taps = phases.shape[1]
    delay = taps // 2  # the filter's group delay, in input samples
    offsets = np.arange(block + taps - 1) - (taps - 1) + delay
    result = np.empty(len(blocks), dtype=np.float32)
    channels = samples.shape[1]
    for first in range(0, len(blocks), 1024):
        chosen = blocks[first : first + 1024]
        origin = start + chosen * block
        index = origin[:, None] + offsets[None, :]
        inside = (index >= 0) & (index < len(samples))
        windows = samples[np.clip(index, 0, len(samples) - 1)] * inside[:, :, None]  # (n, block+taps-1, ch)
        # One contiguous (positions × taps) matrix makes the product a single BLAS call.
        rows = sliding_window_view(windows, taps, axis=1).reshape(-1, taps)
        values = np.abs(rows @ phases.T).reshape(len(chosen), block, channels * len(phases))
        positions = origin[:, None] + np.arange(block)[None, :]
        values *= (positions < stop)[:, :, None]
        result[first : first + len(chosen)] = values.max(axis=(1, 2))
    return result


class TruePeakMeter:
    """The true peak of a stream of blocks.

    Each position is interpolated once, when the samples on both sides of it
    (the filter's reach) have arrived; block edges never create false peaks.
    """

    BLOCK = 64

    def __init__(self) -> None:
        self.peak = 0.0
        self.sample_peak = 0.0
        self.pending = np.zeros((0, 1), dtype=np.float32)  # context, then samples not yet measured
        self.context = 0

    def feed(self, samples: np.ndarray) -> None:
        if not len(samples):
            return
        self.sample_peak = max(self.sample_peak, float(np.abs(samples).max()))
        joined = samples if not len(self.pending) else np.concatenate([self.pending, samples])
        ready = len(joined) - TAPS_PER_PHASE  # positions whose right-hand context has arrived
        if ready <= self.context:
            self.pending = joined
            return
        self._measure(joined, self.context, ready)
        self.pending = joined[ready - TAPS_PER_PHASE :]
        self.context = TAPS_PER_PHASE

    def finish(self) -> float:
        """The true peak (linear) once the stream has ended."""
        if len(self.pending) > self.context:
            self._measure(self.pending, self.context, len(self.pending))
            self.pending = self.pending[-TAPS_PER_PHASE:]
            self.context = len(self.pending)
        return self.peak

    def _measure(self, samples: np.ndarray, start: int, stop: int) -> None:
        floor = max(self.peak, self.sample_peak)
        found = true_block_peaks(samples, self.BLOCK, floor, start=start, stop=stop)
        self.peak = max(self.peak, float(found.max()), float(np.abs(samples[start:stop]).max()))


def measure(
    blocks: Iterable[np.ndarray], rate: int, channels: int, unmeasured: tuple[int, int] | None = None,
) -> Levels:
    """Loudness and peaks of a sound given as blocks (frames, channels).

    Frames in ``unmeasured`` (start, end) count for the peaks but are left
    out of the loudness (silence is below the absolute gate).
    """
    loudness, peak = LoudnessMeter(rate, channels), TruePeakMeter()
    position = 0
    for block in blocks:
        peak.feed(block)
        if unmeasured is not None and position < unmeasured[1] and position + len(block) > unmeasured[0]:
            block = block.copy()
            block[max(0, unmeasured[0] - position) : max(0, unmeasured[1] - position)] = 0.0
        position += len(block)
        loudness.feed(block)
    return Levels(loudness.integrated(), db(peak.finish()), db(peak.sample_peak))


def measure_sound(sound: Sound, block: int = 1 << 18) -> Levels:
    return measure((sound.samples[i : i + block] for i in range(0, sound.frames, block)), sound.rate, sound.channels)


def gated_loudness(hops: np.ndarray, hop: int) -> float:
    """BS.1770 integrated loudness from the K-weighted energy of consecutive 100 ms hops.

    Blocks are 400 ms (four hops, 75 % overlap), gated at −70 LUFS and then
    10 LU below the loudness of what passed the first gate.
    """
    if len(hops) < 4:
        return SILENCE
    blocks = (hops[:-3] + hops[1:-2] + hops[2:-1] + hops[3:]) / (4 * hop)
    with np.errstate(divide="ignore"):
        loudness = -0.691 + 10 * np.log10(blocks)
    gated = blocks[loudness >= ABSOLUTE_GATE]
    if not len(gated):
        return SILENCE
    relative = -0.691 + 10 * np.log10(gated.mean()) + RELATIVE_GATE
    kept = blocks[(loudness > relative) & (loudness >= ABSOLUTE_GATE)]
    return float(-0.691 + 10 * np.log10(kept.mean())) if len(kept) else SILENCE
