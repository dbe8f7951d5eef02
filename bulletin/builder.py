"""The whole path from a script to a tagged, fitted MP3.

prepare (:mod:`bulletin.prepare`, shared with ``check``: parse, engines, program, decode
every file so a bad one stops the build before any synthesis) → synthesize → decode clips → sections → even loudness per
item → fit → speed-up → mix → master → encode to a temporary file → verify
loudness, true peak and duration on the file → tag → rename.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from bulletin.audio import media
from bulletin.audio.deliver import deliver
from bulletin.audio.levels import GroupLevel, Processing, level, processing_verdict
from bulletin.audio.meter import Levels
from bulletin.audio.mix import render
from bulletin.audio.tags import BulletinTags, ChapterTag
from bulletin.config import AudioSettings, SeriesRule, Station
from bulletin.engines.cache import DECODED
from bulletin.engines.synth import Progress, engines_by_item_json, speech_items, synthesize
from bulletin.errors import AssetError, AudioError, EngineError
from bulletin.files import output_folder
from bulletin.log.schema import refuse_to_overwrite
from bulletin.periods import quarter_of
from bulletin.plan.fit import FitPlan, padding_of
from bulletin.plan.timeline import BedStyle, Chapter, Section, layout
from bulletin.prepare import BuildOptions, Prepared, prepare
from bulletin.reports.quota import MORE_CONTENT, short_of_minimum
from bulletin.script.model import Script
from bulletin.timing import format_clock

EARLY_FIT_MARGIN = 0.85  # estimates may be this much too long before a build is refused unsynthesized


@dataclass(frozen=True)
class BuildResult:
    output: Path
    title: str
    duration: float  # measured on the written file
    size: int
    loudness: float  # integrated, LUFS, measured on the written file
    peak: float  # sample peak, dBFS, measured on the written file
    plan: FitPlan
    chapters: tuple[Chapter, ...]
    engines: tuple[str, ...]
    synthesized: int
    cached: int
    warnings: tuple[str, ...] = field(default=())
    true_peak: float = float("-inf")  # dBTP, measured on the written file
    loudness_target: float = -16.0
    ceiling: float = -1.0
    limiter: float = 0.0  # deepest gain reduction of the final true-peak limiter, dB
    levels: tuple[GroupLevel, ...] = ()
    wav: Path | None = None
    # Which engine(s) spoke each chapter, in running order: (title, engines).
    engines_by_item: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())
    encodes: int = 1  # how many times the MP3 was encoded (1 unless the file needed a correction)
    processing: Processing | None = None  # light or heavy, in words for the operator
    proposed_id: str | None = None  # the id given to a document that carries none (see prepare)


def build(
    script_path: Path,
    output: Path,
    station: Station,
    options: BuildOptions = BuildOptions(),
    progress: Progress | None = None,
) -> BuildResult:
    """Build ``script_path`` into ``output`` (.mp3 or .wav). Nothing is written on failure."""
    output = Path(output)
    prepared = prepare(script_path, station, options, output=output)
    script, chain, cache, bed = prepared.script, prepared.chain, prepared.cache, prepared.bed
    settings = station.audio
    rate, channels = settings.sample_rate, settings.channels
    sounds = prepared.sounds
    refuse_to_overwrite_inputs(prepared, output)

    # The fit with estimated read times, before any synthesis (as ``check`` plans it): content
    # that cannot fit even read EARLY_FIT_MARGIN faster than estimated is refused now, not after
    # minutes of synthesis and hundreds of clips.
    speakers = chain.speakers
    prepared.fitting_plan(prepared.sections(
        lambda u: EARLY_FIT_MARGIN * min(s.engine.estimate_seconds(u.text, s.voice) for s in speakers)))

    try:
        synth = synthesize(speech_items(prepared.program.sections), chain, cache, progress)
    except EngineError as exc:
        if exc.path is not None:
            raise
        raise type(exc)(exc.message, path=script.path) from exc  # which bulletin could not be spoken
    sounds.update(decode_clips(synth.clips, rate, channels, keep=cache.folder / DECODED))

    sections = prepared.sections(lambda u: sounds[u.text].duration)
    leveled = level(sections, sounds, reference=settings.loudness, jingle_level=settings.jingle_level,
                    bed_level=settings.bed_level, engines=synth.engines, beds=(str(bed),) if bed else ())
    frames = media.max_frames(script.meta.target, rate, prepared.output_format)
    plan = prepared.fitting_plan(leveled.sections)
    placed = speed_up(plan.sections, sounds, plan.tempo)
    timeline = layout(placed)
    mix = render(timeline, sounds, rate=rate, channels=channels, bed_gains=leveled.bed_gains,
                 style=bed_style(settings), frames=min(frames, round(timeline.duration * rate)), release=True)
    sounds.clear()  # the mix holds everything now; free what is left before mastering

    engines = tuple(sorted(set(synth.engines.values())))

    def tags(measured: Levels) -> BulletinTags:
        return bulletin_tags(script, station, engines, synth.by_item, measured, plan, timeline.chapters,
                             proposed=prepared.proposed_id is not None)

    delivered = deliver(
        mix, output, loudness=settings.loudness, ceiling=settings.true_peak, bitrate=settings.bitrate,
        max_duration=script.meta.target, tags=tags, wav=options.wav, unmeasured=padded(timeline.chapters, rate),
    )
    return BuildResult(
        output=output,
        title=script.meta.title,
        duration=delivered.duration,
        size=delivered.size,
        loudness=delivered.levels.loudness,
        peak=delivered.levels.sample_peak,
        plan=plan,
        chapters=timeline.chapters,
        engines=engines,
        synthesized=synth.synthesized,
        cached=synth.cached,
        warnings=tuple(synth.warnings) + leveled.warnings + pad_warnings(plan)
        + quota_warnings(delivered.duration, plan, station.rule_for(script.meta.series)),
        true_peak=delivered.levels.true_peak,
        loudness_target=settings.loudness,
        ceiling=settings.true_peak,
        limiter=delivered.limiter,
        levels=leveled.groups,
        wav=delivered.wav,
        engines_by_item=tuple(synth.by_item),
        encodes=delivered.encodes,
        processing=processing_verdict(leveled.groups, delivered.limiter),
        proposed_id=prepared.proposed_id,
    )


def padded(chapters: tuple[Chapter, ...], rate: int) -> tuple[int, int] | None:
    """The frames of the music that pads a short bulletin: left out of its loudness (it plays at bed level)."""
    pad = next((c for c in chapters if c.role == "pad"), None)
    return (round(pad.start * rate), round(pad.end * rate)) if pad else None




def refuse_to_overwrite_inputs(prepared: Prepared, output: Path) -> None:
    """The MP3 (and the ``--wav`` copy) must not replace anything the build reads: a recording,
    a jingle, the script, the station config, the lexicon or the broadcast log."""
    station = prepared.station
    read = [prepared.script.path, station.config_path, station.lexicon_path, station.database_path,
            *prepared.files]
    outputs = [output]
    if prepared.options.wav and prepared.output_format == "mp3":
        outputs.append(output.with_suffix(".wav"))
    for target in outputs:
        refuse_to_overwrite(target, *(p for p in read if p is not None))
    writable_folder(output)


def writable_folder(output: Path) -> None:
    """The output's folder exists (made now when missing, as the operator asked for it) and takes a
    new file: found before the synthesis, not on a temporary file after it."""
    folder = output_folder(output, error=AudioError)
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".bulletin-", suffix=".probe"):
            pass
    except OSError as exc:
        raise AudioError(f"không ghi được vào thư mục ({exc.strerror}); hãy chọn thư mục khác cho -o (kiểm tra "
                         "quyền ghi và chỗ trống trên đĩa)", path=folder) from None


def decode_clips(clips: Mapping[str, Path], rate: int, channels: int, keep: Path | None = None) -> dict[str, media.Sound]:
    """The synthesized clips (text -> file), decoded to the working format (kept in ``keep`` for next time)."""
    try:
        decoded = media.decode_many(list(clips.values()), rate, channels, keep=keep)
    except AssetError as exc:
        raise AudioError(
            f"không đọc được đoạn giọng đọc đã tạo ({exc.message}); hãy xóa bộ nhớ đệm rồi tạo lại",
            path=exc.path,
        ) from exc
    return {text: decoded[Path(path)] for text, path in clips.items()}


def speed_up(sections: tuple[Section, ...], sounds: dict[str, media.Sound], tempo: float) -> tuple[Section, ...]:
    """Time-stretch every voice sound the plan speeds up (one ffmpeg call); pieces point to the results."""
    if tempo == 1.0:
        return sections
    keys = list(dict.fromkeys(p.sound for s in sections for p in s.pieces if p.tempo != 1.0 and p.sound))
    suffix = f"@{tempo:.6f}"
    for key, stretched in zip(keys, media.stretch([sounds[k] for k in keys], tempo)):
        sounds[key + suffix] = stretched
    result = tuple(
        s.with_pieces(replace(p, sound=p.sound + suffix) if p.tempo != 1.0 and p.sound else p for p in s.pieces)
        for s in sections
    )
    still_used = {p.sound for s in result for p in s.pieces} | {p.bed for s in result for p in s.pieces}
    for key in keys:
        if key not in still_used:
            del sounds[key]  # free the original before mixing
    return result


PAD_WARNING_SECONDS = 60.0


def pad_warnings(plan: FitPlan) -> tuple[str, ...]:
    padding = padding_of(plan)
    if padding <= PAD_WARNING_SECONDS:
        return ()
    return (f"--pad đã thêm {format_clock(padding)} nhạc nền (hơn 1 phút): nội dung đọc chỉ dài "
            f"{format_clock(plan.target - padding)}. Thẻ của tệp và sổ phát sóng ghi lại phần nhạc đệm, "
            "không tính là nội dung",)


def quota_warnings(duration: float, plan: FitPlan, rule: SeriesRule) -> tuple[str, ...]:
    """The file is shorter than the series' minimum (its --pad music left out): it will not count."""
    short = short_of_minimum(duration, rule, padding=padding_of(plan))
    if not short:
        return ()
    return (f"{short}: phát được, nhưng sẽ không được tính. {MORE_CONTENT}",)


def bed_style(settings: AudioSettings) -> BedStyle:
    return BedStyle(depth=settings.duck_depth, attack=settings.duck_attack, release=settings.duck_release,
                    hold=settings.duck_hold, fade=settings.bed_fade)


def bulletin_tags(
    script: Script, station: Station, engines: tuple[str, ...], by_item, measured: Levels, plan: FitPlan,
    chapters: tuple[Chapter, ...], *, proposed: bool = False,
) -> BulletinTags:
    """The file's tags: what it is, how it was made, what was measured on it, its chapters.

    ``proposed``: the bulletin id was proposed (the document carries none), not given.
    """
    settings = station.audio
    return BulletinTags(
        title=script.meta.title,
        station=station.name,
        series=script.meta.series,
        date=(script.meta.date or dt.date.today()).isoformat(),
        comment=f"{script.meta.series} – {station.name}. Tạo bởi bulletin.",
        bulletin_id=script.meta.id,
        quarter=quarter_of(script.meta.date).label if script.meta.date else "",
        level=script.meta.level,
        engines=",".join(engines),
        engines_by_item=engines_by_item_json(by_item, [s.title for s in plan.sections]),
        script_sha256=script.digest,
        loudness=f"{measured.loudness:.1f}",
        true_peak=f"{measured.true_peak:.1f}",
        target=format_clock(script.meta.target),
        loudness_target=f"{settings.loudness:.1f}",
        true_peak_ceiling=f"{settings.true_peak:.1f}",
        fit="; ".join(step.action for step in plan.steps),
        padding=f"{padding_of(plan):.1f}" if padding_of(plan) else "",
        id_proposed="1" if proposed and script.meta.id else "",
        chapters=tuple(ChapterTag(f"ch{i}", c.title, c.start, c.end) for i, c in enumerate(chapters)),
    )
