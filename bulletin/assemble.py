"""Assembly: the bulletin as sections of pieces, laid out in time and mixed.

Planning is pure: :func:`layout` turns sections into start times and chapters
without touching audio. :func:`render` mixes the placed pieces with numpy
(one output buffer, no repeated concatenation).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

import numpy as np

from .audio import Sound

PieceKind = Literal["speech", "recording", "jingle", "gap"]


@dataclass(frozen=True)
class Piece:
    """One thing heard in sequence: a clip, a recording, a jingle or a silence."""

    kind: PieceKind
    duration: float
    sound: str | None = None  # key into the sounds mapping; None for gaps
    gain: float = 0.0
    min_duration: float | None = None  # gaps: shortest allowed when fitting
    sentence_end: bool = False  # the bulletin may end right after this piece
    bed: str | None = None  # key of the music bed playing under this piece
    fade_out: float = 0.0  # seconds of fade at the end (after a cut)
    is_title: bool = False  # the spoken item title (an item is never cut down to it)

    @property
    def shortest(self) -> float:
        return self.duration if self.min_duration is None else min(self.min_duration, self.duration)


@dataclass(frozen=True)
class Section:
    """A chapter of the bulletin: the opening, one item, or the closing."""

    title: str
    role: Literal["intro", "item", "outro"]
    pieces: tuple[Piece, ...]
    optional: bool = False

    @property
    def duration(self) -> float:
        return sum(p.duration for p in self.pieces)

    def with_pieces(self, pieces) -> "Section":
        return replace(self, pieces=tuple(pieces))


@dataclass(frozen=True)
class Placement:
    start: float
    piece: Piece
    section: int


@dataclass(frozen=True)
class Chapter:
    title: str
    start: float
    end: float
    role: str


@dataclass(frozen=True)
class Timeline:
    placements: tuple[Placement, ...]
    chapters: tuple[Chapter, ...]
    duration: float


def total_duration(sections) -> float:
    return sum(s.duration for s in sections)


def layout(sections: tuple[Section, ...] | list[Section]) -> Timeline:
    """Start times for every piece and a chapter per section."""
    placements: list[Placement] = []
    chapters: list[Chapter] = []
    t = 0.0
    for index, section in enumerate(sections):
        start = t
        for piece in section.pieces:
            placements.append(Placement(t, piece, index))
            t += piece.duration
        chapters.append(Chapter(section.title, start, t, section.role))
    return Timeline(tuple(placements), tuple(chapters), t)


def render(
    timeline: Timeline,
    sounds: dict[str, Sound],
    *,
    rate: int,
    channels: int = 1,
    bed_gain_db: float = -24.0,
    duck_db: float = 18.0,
) -> Sound:
    """Mix the timeline into one float32 buffer (with headroom: no clipping here)."""
    frames = round(timeline.duration * rate)
    out = np.zeros((frames, channels), dtype=np.float32)
    voice = np.zeros(frames, dtype=bool)
    bed_runs: dict[str, list[tuple[int, int]]] = {}
    for placement in timeline.placements:
        piece = placement.piece
        start = round(placement.start * rate)
        length = min(round(piece.duration * rate), frames - start)
        if piece.bed is not None:
            runs = bed_runs.setdefault(piece.bed, [])
            if runs and runs[-1][1] == start:
                runs[-1] = (runs[-1][0], start + length)
            else:
                runs.append((start, start + length))
        if piece.sound is None or length <= 0:
            continue
        data = sounds[piece.sound].samples[:length]
        if piece.gain:
            data = data * np.float32(10 ** (piece.gain / 20))
        if piece.fade_out > 0:
            data = _fade_out(data, round(piece.fade_out * rate))
        out[start : start + len(data)] += data
        if piece.kind in ("speech", "recording"):
            voice[start : start + len(data)] = True
    for key, runs in bed_runs.items():
        _mix_bed(out, voice, sounds[key].samples, runs, rate, bed_gain_db, duck_db)
    return Sound(out, rate)


def _fade_out(data: np.ndarray, frames: int) -> np.ndarray:
    frames = min(frames, len(data))
    if frames <= 0:
        return data
    data = data.copy()
    data[-frames:] *= np.linspace(1.0, 0.0, frames, dtype=np.float32)[:, None]
    return data


def _mix_bed(out, voice, bed, runs, rate, bed_gain_db, duck_db) -> None:
    """Loop the bed over each run, ducked under voice, faded in and out."""
    attack, release, fade = round(0.15 * rate), round(0.5 * rate), round(1.0 * rate)
    base = np.float32(10 ** (bed_gain_db / 20))
    ducked = np.float32(10 ** ((bed_gain_db - duck_db) / 20))
    for start, end in runs:
        length = end - start
        if length <= 0:
            continue
        reps = -(-length // len(bed))
        layer = np.tile(bed, (reps, 1))[:length]
        # Gain envelope: low where someone speaks, smoothed so the bed glides.
        target = np.where(voice[start:end], ducked, base).astype(np.float32)
        envelope = _smooth(target, attack, release)
        edge = min(fade, length // 2)
        if edge:
            ramp = np.linspace(0.0, 1.0, edge, dtype=np.float32)
            envelope[:edge] *= ramp
            envelope[-edge:] *= ramp[::-1]
        out[start:end] += layer * envelope[:, None]


def _smooth(target: np.ndarray, attack: int, release: int) -> np.ndarray:
    """Falling edges take ``attack`` frames, rising edges ``release`` frames."""
    down = np.convolve(target, np.ones(attack, dtype=np.float32) / attack, mode="same") if attack > 1 else target
    up = np.convolve(target, np.ones(release, dtype=np.float32) / release, mode="same") if release > 1 else target
    # Take the lower curve: ducks in time for speech, recovers slowly after it.
    return np.minimum(down, up).astype(np.float32)
