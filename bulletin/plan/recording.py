"""Shaping a ready-made recording (pure): trim its ends, chapters at long pauses, cut points at pauses.

Everything here is arithmetic over the recording's duration and its quiet
spans (:func:`bulletin.audio.silence.quiet_spans`), in seconds of the file.
"""

from __future__ import annotations

from dataclasses import replace

from bulletin.plan.timeline import Piece

Span = tuple[float, float]

KEEP = 0.3  # seconds of silence kept before the first sound and after the last
CHAPTER_PAUSE = 2.0  # seconds: a pause this long starts a new chapter (--split-at-silence)
CUT_MARGIN = 0.5  # seconds: a cut point is never closer than this to a part's ends


def trimmed(duration: float, spans: tuple[Span, ...], keep: float = KEEP) -> Span:
    """The part of the file worth playing: silence at either end cut down to ``keep`` seconds."""
    start, end = 0.0, duration
    if spans and spans[0][0] <= 0.0 and spans[0][1] < duration:
        start = max(0.0, spans[0][1] - keep)
    if spans and spans[-1][1] >= duration and spans[-1][0] > start:
        end = min(duration, spans[-1][0] + keep)
    return round(start, 3), round(end, 3)


def chapters(part: Span, spans: tuple[Span, ...], pause: float = CHAPTER_PAUSE) -> list[Span]:
    """``part`` split in the middle of every pause at least ``pause`` seconds long."""
    return split(part, [s for s in spans if s[1] - s[0] >= pause])


def split(part: Span, spans: list[Span] | tuple[Span, ...], margin: float = 0.0) -> list[Span]:
    """``part`` divided at the middle of each of ``spans`` inside it (keeping ``margin`` from its ends)."""
    start, end = part
    points = [round((a + b) / 2, 3) for a, b in spans]
    points = [p for p in points if start + margin < p < end - margin]
    bounds = [start, *points, end]
    return [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]


def slice_key(path: str, span: Span) -> str:
    """The sound key of part of a file."""
    return f"{path}#{span[0]:.3f}-{span[1]:.3f}"


def at_pauses(piece: Piece, path: str, span: Span, spans: tuple[Span, ...]) -> list[tuple[Piece, str, Span]]:
    """A recording piece as consecutive pieces that each end in the middle of a pause.

    The bulletin may then end after any of them (``--allow-cut``): never inside
    speech. Returns (piece, path, span) for each part; one part when it has no pause.
    """
    parts = split(span, spans, CUT_MARGIN)
    if len(parts) < 2:
        return [(piece, path, span)]
    scale = piece.duration / (span[1] - span[0])
    result = []
    for n, (a, b) in enumerate(parts):
        first, last = n == 0, n == len(parts) - 1
        result.append((replace(
            piece, duration=(b - a) * scale, sound=slice_key(path, (a, b)), sentence_end=True,
            fade_in=piece.fade_in if first else 0.0, fade_out=piece.fade_out if last else 0.0,
            overlap=piece.overlap if first else 0.0,
        ), path, (a, b)))
    return result
