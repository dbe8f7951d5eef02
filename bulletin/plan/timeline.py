"""The timeline: a bulletin as sections of pieces, laid out in time (pure).

:func:`layout` turns sections into start times and chapters without touching
audio; :mod:`bulletin.audio.mix` renders the result.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

PieceKind = Literal["speech", "recording", "jingle", "gap"]
VOICE = ("speech", "recording")  # what fitting may speed up and what a bed ducks under


@dataclass(frozen=True)
class Piece:
    """One thing heard in sequence: a clip, a recording, a jingle or a silence."""

    kind: PieceKind
    duration: float  # seconds on the timeline (after any speed-up)
    sound: str | None = None  # key into the sounds mapping; None for gaps
    gain: float = 0.0  # dB: the script's gain= plus the loudness correction; on a gap, raises the bed
    min_duration: float | None = None  # gaps: shortest allowed when fitting
    sentence_end: bool = False  # the bulletin may end right after this piece
    bed: str | None = None  # key of the music bed playing under this piece
    fade_in: float = 0.0  # seconds of fade at the start (jingle crossfades)
    fade_out: float = 0.0  # seconds of fade at the end (after a cut, jingle crossfades)
    is_title: bool = False  # the spoken item title (an item is never cut down to it)
    overlap: float = 0.0  # seconds this piece starts before the previous one ends
    tempo: float = 1.0  # speed-up factor; the sound is time-stretched by it

    @property
    def shortest(self) -> float:
        return self.duration if self.min_duration is None else min(self.min_duration, self.duration)

    @property
    def is_voice(self) -> bool:
        return self.kind in VOICE


@dataclass(frozen=True)
class Section:
    """A chapter of the bulletin: the opening, one item, a pad of music, or the closing."""

    title: str
    role: Literal["intro", "item", "pad", "outro"]
    pieces: tuple[Piece, ...]
    optional: bool = False

    @property
    def duration(self) -> float:
        return sum(p.duration - p.overlap for p in self.pieces)

    @property
    def voice_duration(self) -> float:
        return sum(p.duration for p in self.pieces if p.is_voice)

    def with_pieces(self, pieces) -> Section:
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


@dataclass(frozen=True)
class BedStyle:
    """How a music bed sits under the voice."""

    depth: float = 18.0  # dB lower under voice than in pauses
    attack: float = 0.3  # seconds to go down, ending where the voice starts
    release: float = 0.8  # seconds to come back up after the voice
    hold: float = 1.0  # pauses shorter than this keep the bed down
    fade: float = 1.5  # fade in and out where a bed starts and stops
    loop_crossfade: float = 0.5  # seconds blended where a bed loops


def total_duration(sections) -> float:
    return sum(s.duration for s in sections)


def layout(sections: tuple[Section, ...] | list[Section]) -> Timeline:
    """Start times for every piece and a chapter per section (chapters follow each other)."""
    placements: list[Placement] = []
    starts: list[float] = []
    t = 0.0
    for index, section in enumerate(sections):
        for n, piece in enumerate(section.pieces):
            t = max(0.0, t - piece.overlap)
            if n == 0:
                starts.append(t)
            placements.append(Placement(t, piece, index))
            t += piece.duration
    ends = starts[1:] + [t]
    chapters = tuple(Chapter(s.title, start, end, s.role) for s, start, end in zip(sections, starts, ends))
    return Timeline(tuple(placements), chapters, t)
