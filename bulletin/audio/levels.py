"""Even loudness: every speech item, synthesized or recorded, at the same level.

Before assembly, the synthesized speech of each item (per engine), each
recording and each jingle is measured (ITU-R BS.1770) and given
the gain that brings it to the station's loudness target; the script's
``gain=`` stays a correction on top. Beds are set relative to that level.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from statistics import median

from bulletin.audio.media import Sound
from bulletin.audio.meter import SILENCE, LoudnessMeter
from bulletin.plan.timeline import Section

MAX_GAIN = 30.0  # dB; a quieter source is raised this much and reported


@dataclass(frozen=True)
class GroupLevel:
    """One group of sounds brought to the same loudness."""

    title: str  # the item (or file) it belongs to
    kind: str  # speech, recording or jingle
    measured: float  # LUFS before correction (-inf: too short or silent)
    gain: float  # dB applied


@dataclass(frozen=True)
class Leveled:
    sections: tuple[Section, ...]
    groups: tuple[GroupLevel, ...]
    bed_gains: dict[str, float]
    warnings: tuple[str, ...]


def level(
    sections: tuple[Section, ...] | list[Section],
    sounds: Mapping[str, Sound],
    *,
    reference: float,
    jingle_level: float = 0.0,
    bed_level: float = -8.0,
    engines: Mapping[str, str] | None = None,
    beds: tuple[str, ...] = (),
) -> Leveled:
    """Sections whose pieces carry the gain that brings each group to ``reference`` LUFS.

    Beds under the sections (and the extra ``beds``, such as the one that may
    pad the bulletin) get their level in pauses: ``bed_level`` LU below speech.
    """
    engines = engines or {}
    groups: dict[tuple, list[str]] = {}
    titles: dict[tuple, str] = {}
    for index, section in enumerate(sections):
        for piece in section.pieces:
            if piece.sound is None:
                continue
            key = _group(index, piece.kind, piece.sound, engines)
            members = groups.setdefault(key, [])
            if piece.sound not in members:
                members.append(piece.sound)
            titles.setdefault(key, section.title or section.role)

    measured = {key: _loudness([sounds[k] for k in members]) for key, members in groups.items()}
    speech = [reference - m for key, m in measured.items() if key[0] == "speech" and m != SILENCE]
    fallback = median(speech) if speech else 0.0
    gains: dict[tuple, float] = {}
    warnings: list[str] = []
    for key, loudness in measured.items():
        kind = key[0]
        if loudness == SILENCE:
            gains[key] = fallback if kind == "speech" else 0.0
            continue
        gain = reference - loudness + (jingle_level if kind == "jingle" else 0.0)
        if gain > MAX_GAIN:
            warnings.append(
                f"{_kind_name(kind)} trong “{titles[key]}” rất nhỏ ({loudness:.0f} LUFS): chỉ được tăng "
                f"{MAX_GAIN:.0f} dB, nên sẽ nhỏ hơn phần còn lại; hãy thu lại với mức to hơn"
            )
            gain = MAX_GAIN
        gains[key] = gain

    result = []
    for index, section in enumerate(sections):
        pieces = []
        for piece in section.pieces:
            if piece.sound is not None:
                piece = replace(piece, gain=piece.gain + gains[_group(index, piece.kind, piece.sound, engines)])
            pieces.append(piece)
        result.append(section.with_pieces(pieces))
    bed_gains = {}
    for key in {p.bed for s in sections for p in s.pieces if p.bed is not None} | set(beds):
        loudness = _loudness([sounds[key]])
        bed_gains[key] = reference + bed_level - loudness if loudness != SILENCE else 0.0

    report = tuple(GroupLevel(titles[key], key[0], measured[key], gains[key]) for key in groups)
    return Leveled(tuple(result), report, bed_gains, tuple(warnings))


def pad_level(sections: tuple[Section, ...], bed_level: float) -> tuple[Section, ...]:
    """A bed that fills time on its own (``--pad``) plays as loud as speech, not as a background."""
    return tuple(
        s.with_pieces(replace(p, gain=-bed_level) if p.sound is None and p.bed else p for p in s.pieces)
        if s.role == "pad" else s
        for s in sections
    )


def _group(index: int, kind: str, sound: str, engines: Mapping[str, str]) -> tuple:
    """Synthesized speech is measured per item and engine; every file on its own."""
    if kind == "speech":
        return ("speech", index, engines.get(sound, ""))
    return (kind, sound)


def _loudness(sounds: list[Sound]) -> float:
    """Integrated loudness of the sounds one after the other (without joining them)."""
    meter = LoudnessMeter(sounds[0].rate, sounds[0].channels)
    for sound in sounds:
        for start in range(0, sound.frames, 1 << 18):
            meter.feed(sound.samples[start : start + (1 << 18)])
    return meter.integrated()


def _kind_name(kind: str) -> str:
    return {"speech": "Giọng đọc", "recording": "Bản ghi âm", "jingle": "Nhạc hiệu"}.get(kind, kind)
