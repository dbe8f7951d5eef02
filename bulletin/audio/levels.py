"""Even loudness: every speech item, synthesized or recorded, at the same level.

Before assembly, the synthesized speech of each item (per engine), each
recording and each jingle is a stem: its peaks are brought within reach of
its loudness (:mod:`bulletin.audio.dynamics`), then it is measured (ITU-R
BS.1770) and given the one static gain that brings it to the station's
loudness target (jingles: plus ``jingle_level``); the script's ``gain=``
stays a correction on top. Beds are set relative to that level. A silent
item stops the build.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from statistics import median

import numpy as np

from bulletin.audio.dynamics import SILENT_PEAK, Controlled, control
from bulletin.audio.media import Sound
from bulletin.audio.meter import SILENCE, LoudnessMeter
from bulletin.errors import AudioError
from bulletin.plan.timeline import Section
from bulletin.vn_format import vn_number

MAX_GAIN = 30.0  # dB; a quieter source is raised this much and reported
# Synthesized speech shorter than this (a BS.1770 short-term window) is a few syllables, mostly
# peaks: its peak control takes one step, and it is never reported as too quiet or peaky.
MIN_MEASURED_SECONDS = 3.0
# What to do about a source too quiet to raise to the target, by kind: only a recording can be recorded again.
QUIET_ADVICE = {
    "recording": "hãy thu lại với mức to hơn",
    "jingle": "hãy dùng tệp nhạc hiệu to hơn",
    "speech": "hãy thử giọng đọc hoặc bộ đọc khác",
}


@dataclass(frozen=True)
class GroupLevel:
    """One group of sounds brought to the same loudness."""

    title: str  # the item (or file) it belongs to
    kind: str  # speech, recording or jingle
    measured: float  # LUFS before correction (-inf: too short or silent)
    gain: float  # dB applied (static over the stem)
    peak_control: float = 0.0  # deepest gain reduction of the stem's peak control, dB
    share: float = 0.0  # fraction of the stem's sounding time reduced by more than 1 dB
    short: bool = False  # synthesized speech of a few syllables (see MIN_MEASURED_SECONDS)


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

    def duration(key: tuple) -> float:
        return sum(sounds[k].duration for k in groups[key])

    # Synthesized speech of a few syllables (a title alone) is mostly peaks: its peak control takes
    # one step from its loudness instead of chasing it down (see ``dynamics.control``).
    short = {key for key in groups if key[0] == "speech" and duration(key) < MIN_MEASURED_SECONDS}
    controlled: dict[tuple, Controlled] = {}
    done: set[str] = set()
    for key, members in groups.items():
        # A clip heard in two items is processed once (with the first item's stem).
        fresh = [sounds[k] for k in members if k not in done]
        done.update(members)
        result = control(fresh, chase=key not in short) if fresh else None
        if result is None or len(fresh) < len(members):
            loudness = _loudness([sounds[k] for k in members])
            result = Controlled(loudness, loudness, result.deepest if result else 0.0,
                                result.share if result else 0.0, max(_peak(sounds[k]) for k in members))
        if result.peak < SILENT_PEAK and key[0] in ("speech", "recording"):
            raise AudioError(
                f"{_kind_name(key[0]).lower()} của mục “{titles[key]}” im lặng hoàn toàn (không có tiếng); "
                "hãy kiểm tra tệp ghi âm hoặc bộ đọc rồi tạo lại"
            )
        controlled[key] = result
    measured = {key: c.after for key, c in controlled.items()}
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
            if key not in short:
                warnings.append(f"{_kind_name(kind)} trong “{titles[key]}” rất nhỏ ({loudness:.0f} LUFS): chỉ được "
                                f"tăng {MAX_GAIN:.0f} dB, nên sẽ nhỏ hơn phần còn lại; {QUIET_ADVICE.get(kind, QUIET_ADVICE['recording'])}")
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

    report = tuple(GroupLevel(titles[key], key[0], controlled[key].before, gains[key], controlled[key].deepest,
                              controlled[key].share, key in short) for key in groups)
    return Leveled(tuple(result), report, bed_gains, tuple(warnings))


@dataclass(frozen=True)
class Processing:
    """How hard the sound was processed, in words an operator can act on."""

    heavy: bool
    message: str  # Vietnamese, one or two sentences


# What to do about a source whose peaks had to be pressed down most of the time, by kind.
PEAKY_ADVICE = {
    "recording": "hãy thu lại bản ghi âm nhỏ hơn, không để vỡ tiếng",
    "jingle": "hãy dùng tệp nhạc hiệu khác",
    "speech": "hãy chọn giọng đọc hoặc bộ đọc khác",
}
# Beyond these, processing is audible: the source itself needs attention.
HEAVY_LIMITER = 6.0  # dB of the final limiter
HEAVY_SHARE = 0.7  # of a stem's sounding time under peak control (built-in espeak-ng voices: 0.2–0.55)


def processing_verdict(groups: tuple[GroupLevel, ...], limiter: float) -> Processing:
    """Light or heavy, from the stems' peak control and the final limiter's deepest reduction."""
    # A stem of a few syllables is mostly peaks: its share under peak control says nothing.
    worst = max((g for g in groups if not g.short), key=lambda g: g.share, default=None)
    if limiter > HEAVY_LIMITER:
        return Processing(True, f"Xử lý âm thanh: MẠNH (bộ giới hạn cuối phải giảm tới {vn_number(limiter)} dB). Âm thanh "
                                "có thể bị nén, nghe mệt trên loa; hãy giảm độ lớn mục tiêu ([audio] loudness) "
                                "hoặc dùng giọng đọc, bản ghi âm khác.")
    if worst is not None and worst.share > HEAVY_SHARE:
        return Processing(True, f"Xử lý âm thanh: MẠNH ({_kind_name(worst.kind).lower()} của mục “{worst.title}” có "
                                f"nhiều đỉnh nhọn, {round(worst.share * 100)} % thời gian phải nén). Hãy nghe lại mục "
                                f"này; nếu tiếng bị méo, {PEAKY_ADVICE.get(worst.kind, PEAKY_ADVICE['speech'])}.")
    return Processing(False, f"Xử lý âm thanh: nhẹ (các đỉnh tiếng được làm gọn, bộ giới hạn cuối chỉ giảm tối đa "
                             f"{vn_number(limiter)} dB ở vài đỉnh lẻ); không cần làm gì thêm.")


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


def _peak(sound: Sound) -> float:
    return float(np.abs(sound.samples).max()) if sound.frames else 0.0


def _kind_name(kind: str) -> str:
    return {"speech": "Giọng đọc", "recording": "Bản ghi âm", "jingle": "Nhạc hiệu"}.get(kind, kind)
