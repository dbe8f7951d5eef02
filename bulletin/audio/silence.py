"""Where a recording is quiet: the pauses a ready-made bulletin may be trimmed, split or cut at.

Quiet is relative to the recording itself (a quiet file's pauses are found as
well as a loud one's): a 50 ms window is quiet when its level is well under
the level of the recording's speech (its loud windows).
"""

from __future__ import annotations

import numpy as np

from bulletin.audio.media import Sound

WINDOW = 0.05  # seconds per measured window
BELOW_SPEECH = 30.0  # dB under the speech level that counts as quiet
FLOOR = -70.0  # dBFS: quieter than this is always quiet
SHORTEST = 0.3  # seconds: shorter dips are gaps between words, not pauses


def quiet_spans(sound: Sound, *, below: float = BELOW_SPEECH, shortest: float = SHORTEST) -> tuple[tuple[float, float], ...]:
    """The pauses of ``sound`` as (start, end) seconds, each at least ``shortest`` long, in order."""
    hop = max(1, round(WINDOW * sound.rate))
    count = sound.frames // hop
    if count == 0:
        return ()
    samples = sound.samples[: count * hop]
    power = np.square(samples, dtype=np.float64).mean(axis=1).reshape(count, hop).mean(axis=1)
    level = 10 * np.log10(np.maximum(power, 1e-12))
    speech = float(np.percentile(level, 90))
    threshold = max(speech - below, FLOOR)
    quiet = level < threshold
    spans = []
    edges = np.flatnonzero(np.diff(np.concatenate(([0], quiet.astype(np.int8), [0]))))
    for first, last in zip(edges[::2], edges[1::2]):
        start = first * hop / sound.rate
        end = sound.duration if last == count else last * hop / sound.rate
        if end - start >= shortest:
            spans.append((round(start, 3), round(end, 3)))
    return tuple(spans)
