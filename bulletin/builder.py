"""The whole path from a script to a tagged, fitted MP3.

parse → prepare text → decode every file (a bad one stops the build before
any synthesis) → synthesize → decode clips → sections → even loudness per
item → fit → speed-up → mix → master → encode to a temporary file → verify
loudness, true peak and duration on the file → tag → rename.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from bulletin.assets import resolve_sound
from bulletin.audio import media
from bulletin.audio.deliver import deliver
from bulletin.audio.levels import GroupLevel, level, pad_level
from bulletin.audio.meter import Levels
from bulletin.audio.mix import render
from bulletin.audio.tags import BulletinTags, ChapterTag
from bulletin.config import AudioSettings, Station
from bulletin.engines.cache import ClipCache
from bulletin.engines.choice import engine_chain
from bulletin.engines.synth import Progress, engines_by_item_json, speech_items, synthesize
from bulletin.errors import AssetError, AudioError, ConfigError, FitError
from bulletin.periods import quarter_of
from bulletin.plan.fit import FitPlan, plan_fit
from bulletin.plan.program import prepare_program, to_sections
from bulletin.plan.timeline import BedStyle, Chapter, Section, layout
from bulletin.script import load_script
from bulletin.script.model import Script
from bulletin.text import Normalizer
from bulletin.timing import format_clock


@dataclass(frozen=True)
class BuildOptions:
    engine: str | None = None
    voice: str | None = None
    allow_cut: bool = False
    fallback: bool = True  # auto: when gTTS cannot go on, espeak-ng speaks the rest
    pad: bool = False  # fill a short bulletin to the exact target with the bed
    wav: bool = False  # also write a WAV next to the MP3


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
    limiter: float = 0.0  # deepest limiter gain reduction, dB
    levels: tuple[GroupLevel, ...] = ()
    wav: Path | None = None
    # Which engine(s) spoke each chapter, in running order: (title, engines).
    engines_by_item: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())


def station_sounds(station: Station) -> tuple[Path | None, Path | None]:
    """The intro and outro jingles named in the station config (None when switched off)."""
    return _station_sound(station, station.intro_jingle, "intro_jingle"), \
        _station_sound(station, station.outro_jingle, "outro_jingle")


def pad_bed(station: Station) -> Path:
    """The bed that fills a short bulletin (``[bulletin] bed``)."""
    found = _station_sound(station, station.bed or "bed", "bed")
    assert found is not None
    return found


def _station_sound(station: Station, name: str, key: str) -> Path | None:
    if not name:
        return None
    found = resolve_sound(name, station)
    if found is None:
        raise ConfigError(
            f"không tìm thấy âm thanh '{name}' (bulletin.{key}) trong {station.assets_dir}",
            path=station.config_path,
        )
    return found


def build(
    script_path: Path,
    output: Path,
    station: Station,
    options: BuildOptions = BuildOptions(),
    progress: Progress | None = None,
) -> BuildResult:
    """Build ``script_path`` into ``output`` (.mp3 or .wav). Nothing is written on failure."""
    output = Path(output)
    if output.suffix.lower() not in (".mp3", ".wav"):
        raise ConfigError(f"tệp đầu ra phải có đuôi .mp3 hoặc .wav: {output}")
    script = load_script(script_path, station)
    cache = ClipCache.for_station(station)
    chain = engine_chain(
        options.engine or script.meta.engine or station.engine, station, cache,
        voice=options.voice or script.meta.voice or station.voice, fallback=options.fallback,
    )
    intro, outro = station_sounds(station)
    bed = pad_bed(station) if options.pad else None
    program = prepare_program(
        script, station, Normalizer.for_station(station), max_chars=chain.max_chars, intro=intro, outro=outro
    )
    settings = station.audio
    rate, channels = settings.sample_rate, settings.channels

    # Every file is decoded before any synthesis: a bad recording stops the build now.
    files = program.audio_files + ([bed] if bed is not None and bed not in program.audio_files else [])
    sounds = decode_files(files, script, rate, channels)

    synth = synthesize(speech_items(program.sections), chain, cache, progress)
    sounds.update(decode_clips(synth.clips, rate, channels))

    sections = to_sections(
        program,
        lambda u: sounds[u.text].duration,
        {path: sounds[str(path)].duration for path in files},
        crossfade=settings.jingle_crossfade,
    )
    leveled = level(sections, sounds, reference=settings.loudness, jingle_level=settings.jingle_level,
                    bed_level=settings.bed_level, engines=synth.engines, beds=(str(bed),) if bed else ())
    fmt = "wav" if output.suffix.lower() == ".wav" else "mp3"
    frames = media.max_frames(script.meta.target, rate, fmt)
    plan = fit_program(leveled.sections, script, settings, frames / rate, options, bed)
    placed = speed_up(pad_level(plan.sections, settings.bed_level), sounds, plan.tempo)
    timeline = layout(placed)
    mix = render(timeline, sounds, rate=rate, channels=channels, bed_gains=leveled.bed_gains,
                 style=bed_style(settings), frames=min(frames, round(timeline.duration * rate)), release=True)
    sounds.clear()  # the mix holds everything now; free what is left before mastering

    engines = tuple(sorted(set(synth.engines.values())))

    def tags(measured: Levels) -> BulletinTags:
        return bulletin_tags(script, station, engines, synth.by_item, measured, plan, timeline.chapters)

    delivered = deliver(
        mix, output, loudness=settings.loudness, ceiling=settings.true_peak, bitrate=settings.bitrate,
        max_duration=script.meta.target, tags=tags, wav=options.wav,
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
        warnings=tuple(synth.warnings) + leveled.warnings,
        true_peak=delivered.levels.true_peak,
        loudness_target=settings.loudness,
        ceiling=settings.true_peak,
        limiter=delivered.limiter,
        levels=leveled.groups,
        wav=delivered.wav,
        engines_by_item=tuple(synth.by_item),
    )


def decode_files(files: list[Path], script: Script, rate: int, channels: int) -> dict[str, media.Sound]:
    """Every recording, jingle and bed, decoded once; a bad file is named with its script line."""
    try:
        decoded = media.decode_many(files, rate, channels)
    except AssetError as exc:
        line = next((n for path, n in script.files if exc.path is not None and Path(path) == exc.path), None)
        if line is None:
            raise
        name = exc.path.name if exc.path is not None else ""
        raise AssetError(f"tệp '{name}': {exc.message}", path=script.path, line=line) from exc
    return {str(path): sound for path, sound in decoded.items()}


def decode_clips(clips: Mapping[str, Path], rate: int, channels: int) -> dict[str, media.Sound]:
    """The synthesized clips (text -> file), decoded to the working format."""
    try:
        decoded = media.decode_many(list(clips.values()), rate, channels)
    except AssetError as exc:
        raise AudioError(
            f"không đọc được đoạn giọng đọc đã tạo ({exc.message}); hãy xóa bộ nhớ đệm rồi tạo lại",
            path=exc.path,
        ) from exc
    return {text: decoded[Path(path)] for text, path in clips.items()}


def fit_program(
    sections: list[Section] | tuple[Section, ...], script: Script, settings: AudioSettings, limit: float,
    options: BuildOptions, bed: Path | None = None,
) -> FitPlan:
    """The fit plan, or a :class:`FitError` with the numbers when the content cannot fit."""
    plan = plan_fit(
        sections, script.meta.target, limit=limit, max_speedup=settings.max_speedup,
        allow_cut=options.allow_cut, cut_fade=settings.cut_fade, pad_bed=str(bed) if bed is not None else None,
    )
    if not plan.fits:
        raise FitError(not_fitting_message(plan, settings), path=script.path)
    return plan


def not_fitting_message(plan: FitPlan, settings: AudioSettings) -> str:
    return (
        f"bản tin dài {format_clock(plan.natural, decimals=1)}, vượt mục tiêu {format_clock(plan.target)}. "
        f"Kể cả khi rút ngắn mọi khoảng lặng, đọc nhanh hơn {100 * settings.max_speedup:.0f} % và bỏ mọi mục "
        f"không bắt buộc, bản tin vẫn dài {format_clock(plan.shortest, decimals=1)} "
        f"(thừa {plan.shortest - plan.limit:.1f} giây). Hãy bớt nội dung, đánh dấu @optional cho mục có thể bỏ, "
        "hoặc dùng --allow-cut để kết thúc sớm mục cuối tại ranh giới câu."
    ).replace(".0 giây", " giây")


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


def bed_style(settings: AudioSettings) -> BedStyle:
    return BedStyle(depth=settings.duck_depth, attack=settings.duck_attack, release=settings.duck_release,
                    hold=settings.duck_hold, fade=settings.bed_fade)


def bulletin_tags(
    script: Script, station: Station, engines: tuple[str, ...], by_item, measured: Levels, plan: FitPlan,
    chapters: tuple[Chapter, ...],
) -> BulletinTags:
    """The file's tags: what it is, how it was made, what was measured on it, its chapters."""
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
        chapters=tuple(ChapterTag(f"ch{i}", c.title, c.start, c.end) for i, c in enumerate(chapters)),
    )
