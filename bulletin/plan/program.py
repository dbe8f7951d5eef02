"""From a parsed script to the running order of the broadcast.

:func:`prepare_program` adds the station's opening and closing and turns
every paragraph into spoken utterances. :func:`to_sections` then gives each
part its duration (measured after synthesis, or estimated by ``check``) and
produces the sections that fitting and assembly work on. Both are pure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal, Union

from bulletin.config import Station
from bulletin.plan.chunking import Utterance, utterances
from bulletin.plan.recording import slice_key
from bulletin.plan.timeline import Piece, Section
from bulletin.script.model import Bed, Jingle, Pause, Recording, Script, Speech
from bulletin.text import Normalizer
from bulletin.text.vietnamese import is_syllable

INTRO_TITLE = "Mở đầu"
OUTRO_TITLE = "Kết thúc"


@dataclass(frozen=True)
class Say:
    utterances: tuple[Utterance, ...]
    is_title: bool = False


@dataclass(frozen=True)
class Play:
    path: Path
    kind: Literal["recording", "jingle"]
    gain: float = 0.0
    span: tuple[float, float] | None = None  # part of the file (seconds), None: all of it

    @property
    def key(self) -> str:
        """The sound key: the file, or the part of it played."""
        return str(self.path) if self.span is None else slice_key(str(self.path), self.span)


@dataclass(frozen=True)
class Silence:
    seconds: float
    min_seconds: float | None  # None: the operator asked for exactly this pause


@dataclass(frozen=True)
class BedChange:
    path: Path | None  # None stops the bed


Part = Union[Say, Play, Silence, BedChange]


@dataclass(frozen=True)
class ProgramSection:
    title: str
    role: Literal["intro", "item", "outro"]
    parts: tuple[Part, ...]
    optional: bool = False


@dataclass(frozen=True)
class Program:
    script: Script
    sections: tuple[ProgramSection, ...]

    @property
    def all_utterances(self) -> list[Utterance]:
        return [u for s in self.sections for p in s.parts if isinstance(p, Say) for u in p.utterances]

    @property
    def audio_files(self) -> list[Path]:
        found = []
        for section in self.sections:
            for part in section.parts:
                path = getattr(part, "path", None)
                if path is not None and path not in found:
                    found.append(path)
        return found


def prepare_program(
    script: Script,
    station: Station,
    normalizer: Normalizer,
    *,
    max_chars: int | None = None,
    intro: Path | None = None,
    outro: Path | None = None,
    station_parts: bool = True,
) -> Program:
    """The running order: opening, the script's items, closing; text made speakable.

    ``station_parts`` False leaves out the spoken ident and closing (a recording built unwrapped).
    """
    audio = station.audio

    def say(text: str, font: str | None = None, *, is_title: bool = False) -> Say | None:
        spoken = normalizer.normalize(text, font)
        found = tuple(utterances(spoken, max_chars))
        return Say(found, is_title) if found else None

    def gap(seconds: float, shortest: float) -> Silence:
        return Silence(seconds, min(seconds, shortest))

    sections: list[ProgramSection] = []
    opening: list[Part] = []
    # With a crossfade the speech overlaps the jingle instead of waiting for it.
    jingle_gap = [] if audio.jingle_crossfade > 0 else [gap(0.5, 0.3)]
    if intro is not None:
        opening += [Play(intro, "jingle"), *jingle_gap]
    ident = say(station_words(station, station.ident, script)) if station_parts else None
    if ident:
        opening += [ident, gap(audio.pause_between_items, audio.min_pause_between_items)]

    for index, item in enumerate(script.items):
        # Text before the first heading (the greeting) belongs to the opening.
        lead = index == 0 and not item.title
        parts: list[Part] = opening if lead else []
        if item.speak_title:
            title = say(item.title, is_title=True)
            if title:
                parts += [title, gap(audio.pause_after_title, audio.min_pause_after_title)]
        for segment in item.segments:
            if isinstance(segment, Speech):
                spoken = say(segment.text, segment.font)
                if spoken:
                    if parts and isinstance(parts[-1], Say):
                        parts.append(gap(audio.pause_between_paragraphs, audio.min_pause_between_paragraphs))
                    parts.append(spoken)
            elif isinstance(segment, Recording):
                parts.append(Play(segment.path, "recording", segment.gain, segment.span))
            elif isinstance(segment, Jingle):
                parts.append(Play(segment.path, "jingle"))
            elif isinstance(segment, Pause):
                parts.append(Silence(segment.seconds, None))
            elif isinstance(segment, Bed):
                parts.append(BedChange(segment.path))
        if lead:
            if parts and isinstance(parts[-1], Say):
                parts.append(gap(audio.pause_between_items, audio.min_pause_between_items))
            continue
        if not any(isinstance(p, (Say, Play)) for p in parts):
            # Only directives: keep bed changes so the running order stays right.
            parts = [p for p in parts if isinstance(p, BedChange)]
            if not parts:
                continue
        elif not script.recording or (station_parts and index == len(script.items) - 1):
            # A recording's chapters already hold its own pauses; only the closing needs one.
            parts.append(gap(audio.pause_between_items, audio.min_pause_between_items))
        if not sections and opening:
            sections.append(ProgramSection(INTRO_TITLE, "intro", tuple(opening)))
        sections.append(ProgramSection(item.title, "item", tuple(parts), item.optional))
    if not sections and opening:
        sections.append(ProgramSection(INTRO_TITLE, "intro", tuple(opening)))

    closing: list[Part] = [BedChange(None)]
    farewell = say(station_words(station, station.closing, script)) if station_parts else None
    if farewell:
        closing.append(farewell)
    if outro is not None:
        # The closing is never shortened: a fixed pause, or the jingle's crossfade.
        closing += [*([] if audio.jingle_crossfade > 0 else [Silence(0.4, None)]), Play(outro, "jingle")]
    sections.append(ProgramSection(OUTRO_TITLE, "outro", tuple(closing)))
    return Program(script, tuple(sections))


def station_words(station: Station, template: str, script: Script) -> str:
    """The station's ident or closing for this bulletin, the title in it as a presenter would say it."""
    return station.station_text(template, title=spoken_title(template, script.meta.title, script.meta.series))


_TITLE_BREAK = re.compile(r"\s*(?:[:;(]|\s[-–—]\s)\s*")


def spoken_title(template: str, title: str, series: str = "", *, max_words: int = 12) -> str:
    """``title`` as it reads inside ``template`` ("… vừa phát bản tin {title}."):

    a title in capitals in sentence case (abbreviations, numerals and codes kept), without the words
    the template already says before it ("bản tin" twice), and a long title cut at its first break
    (a colon, a dash) or replaced by the series name.
    """
    words = title.split()
    if not words:
        return title
    letters = [c for c in title if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        # Words that are syllables go to lower case; "UBND", "II/2024", "OCOP" stay as written.
        words = [w.lower() if is_syllable(w.lower()) else w for w in words]
        words[0] = words[0][:1].upper() + words[0][1:]
    before = template.split("{title}", 1)[0].split() if "{title}" in template else []
    for size in range(min(len(before), len(words) - 1), 1, -1):
        if [w.casefold() for w in before[-size:]] == [w.casefold() for w in words[:size]]:
            words = words[size:]
            break
    said = " ".join(words)
    if len(words) > max_words:
        head = _TITLE_BREAK.split(said, maxsplit=1)[0]
        if 2 <= len(head.split()) <= max_words:
            said = head
        elif series:
            said = series
        else:
            said = " ".join(words[:max_words])
    if said and before and letters and all(c.isupper() for c in letters):
        said = said[:1].lower() + said[1:] if is_syllable(said.split()[0].lower()) else said
    return said


def to_sections(
    program: Program,
    speech_duration: Callable[[Utterance], float],
    file_duration: Mapping[Path | str, float],
    *,
    speech_key: Callable[[Utterance], str] = lambda u: u.text,
    crossfade: float = 0.0,
) -> list[Section]:
    """Sections of timed pieces; the sound keys are ``speech_key(u)`` and file paths (or :attr:`Play.key`
    for part of a file, whose duration ``file_duration`` holds under that key).

    A jingle right next to speech or a recording overlaps it by ``crossfade``
    seconds, fading out under the voice that follows or in over the voice
    that ends.
    """
    sections: list[Section] = []
    bed: str | None = None
    previous: Piece | None = None
    for psection in program.sections:
        pieces: list[Piece] = []
        for part in psection.parts:
            if isinstance(part, BedChange):
                bed = str(part.path) if part.path is not None else None
                continue
            if isinstance(part, Say):
                new = [Piece("speech", speech_duration(u), speech_key(u), sentence_end=u.sentence_end,
                             bed=bed, is_title=part.is_title) for u in part.utterances]
            elif isinstance(part, Play):
                duration = file_duration[part.path] if part.span is None else file_duration[part.key]
                new = [Piece(part.kind, duration, part.key, gain=part.gain,
                             sentence_end=True, bed=bed)]
            else:
                new = [Piece("gap", part.seconds, None, min_duration=part.min_seconds, bed=bed)]
            if new and previous is not None and crossfade > 0:
                new[0], faded = _crossfade(previous, new[0], crossfade)
                if faded is not previous:
                    if pieces and pieces[-1] is previous:
                        pieces[-1] = faded
                    elif sections and sections[-1].pieces and sections[-1].pieces[-1] is previous:
                        sections[-1] = sections[-1].with_pieces(sections[-1].pieces[:-1] + (faded,))
            pieces += new
            previous = pieces[-1] if pieces else previous
        if pieces:
            sections.append(Section(psection.title, psection.role, tuple(pieces), psection.optional))
    return sections


def _crossfade(before: Piece, after: Piece, seconds: float) -> tuple[Piece, Piece]:
    """``after`` overlapping ``before`` when one is a jingle and the other a voice."""
    jingle_first = before.kind == "jingle" and after.is_voice
    jingle_last = before.is_voice and after.kind == "jingle"
    if not (jingle_first or jingle_last):
        return after, before
    overlap = min(seconds, before.duration / 2, after.duration / 2)
    if jingle_first:
        return replace(after, overlap=overlap), replace(before, fade_out=overlap)
    return replace(after, overlap=overlap, fade_in=overlap), before
