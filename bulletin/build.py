"""The whole path from a script to a tagged, fitted MP3.

parse → prepare text → check every file → synthesize → compose sections →
fit → mix → master → encode to a temporary file → tag → rename.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import audio
from .assemble import Chapter, layout, render
from .assets import resolve_sound
from .config import Station
from .errors import AssetError, ConfigError, FitError
from .fit import FitPlan, plan_fit
from .periods import quarter_of
from .program import prepare_program, to_sections
from .script import Script, load_script
from .cache import ClipCache
from .engines.choice import engine_chain
from .synth import Progress, engines_by_item_json, speech_items, synthesize
from .tags import BulletinTags, ChapterTag, write_tags
from .text import Normalizer
from .timing import format_clock

# The encoder adds a few tens of milliseconds (delay and padding); plan below
# the target so the file itself stays within it.
ENCODER_MARGIN = 0.15


@dataclass(frozen=True)
class BuildOptions:
    engine: str | None = None
    voice: str | None = None
    allow_cut: bool = False
    fallback: bool = True  # auto: when gTTS cannot go on, espeak-ng speaks the rest


@dataclass(frozen=True)
class BuildResult:
    output: Path
    title: str
    duration: float  # measured on the written file
    size: int
    loudness: float
    peak: float
    plan: FitPlan
    chapters: tuple[Chapter, ...]
    engines: tuple[str, ...]
    synthesized: int
    cached: int
    warnings: tuple[str, ...] = field(default=())
    # Which engine(s) spoke each chapter, in running order: (title, engines).
    engines_by_item: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())


def station_sounds(station: Station) -> tuple[Path | None, Path | None]:
    """The intro and outro jingles named in the station config (None when switched off)."""

    def find(name: str, key: str) -> Path | None:
        if not name:
            return None
        found = resolve_sound(name, station)
        if found is None:
            raise ConfigError(
                f"không tìm thấy nhạc hiệu '{name}' (bulletin.{key}) trong {station.assets_dir}",
                path=station.config_path,
            )
        return found

    return find(station.intro_jingle, "intro_jingle"), find(station.outro_jingle, "outro_jingle")


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
    program = prepare_program(
        script, station, Normalizer.for_station(station), max_chars=chain.max_chars, intro=intro, outro=outro
    )
    rate, channels = station.audio.sample_rate, station.audio.channels

    # Every file is decoded before any synthesis: a bad recording stops the build now.
    sounds = {str(path): audio.decode(path, rate, channels) for path in program.audio_files}

    synth = synthesize(speech_items(program.sections), chain, cache, progress)
    for text, clip in synth.clips.items():
        sounds[text] = audio.decode(clip, rate, channels)

    sections = to_sections(
        program,
        lambda u: sounds[u.text].duration,
        {path: sounds[str(path)].duration for path in program.audio_files},
    )
    target = script.meta.target
    plan = plan_fit(sections, target - ENCODER_MARGIN, allow_cut=options.allow_cut)
    if not plan.fits:
        raise FitError(
            f"bản tin dài {format_clock(plan.natural)}, vượt mục tiêu {format_clock(target)}; "
            f"sau khi rút ngắn khoảng lặng và bỏ các mục không bắt buộc vẫn còn "
            f"{format_clock(plan.final)} (thừa {plan.overflow:.1f} giây). Hãy bớt nội dung, đánh dấu "
            f"@optional cho mục có thể bỏ, hoặc dùng --allow-cut để kết thúc sớm tại ranh giới câu.",
            path=script.path,
        )
    timeline = layout(plan.sections)
    mixed = render(
        timeline, sounds, rate=rate, channels=channels,
        bed_gain_db=station.audio.bed_level, duck_db=station.audio.duck_depth,
    )
    mastered = master(mixed, station.audio.loudness, station.audio.true_peak)
    loudness = audio.loudness(mastered)
    peak = audio.peak_db(mastered)

    engines = tuple(sorted(set(synth.engines.values())))
    tags = BulletinTags(
        title=script.meta.title,
        station=station.name,
        series=script.meta.series,
        date=(script.meta.date or dt.date.today()).isoformat(),
        comment=f"{script.meta.series} – {station.name}. Tạo bởi bulletin.",
        bulletin_id=script.meta.id,
        quarter=quarter_of(script.meta.date).label if script.meta.date else "",
        level=script.meta.level,
        engines=",".join(engines),
        engines_by_item=engines_by_item_json(synth.by_item, [s.title for s in plan.sections]),
        script_sha256=script.digest,
        loudness=f"{loudness:.1f}",
        true_peak=f"{peak:.1f}",
        target=format_clock(target),
        chapters=tuple(
            ChapterTag(f"ch{i}", c.title, c.start, c.end) for i, c in enumerate(timeline.chapters)
        ),
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(f".{output.stem}.{os.getpid()}.building{output.suffix}")
    try:
        audio.encode(mastered, tmp, bitrate=station.audio.bitrate)
        if output.suffix.lower() == ".mp3":
            write_tags(tmp, tags)
        duration = audio.file_duration(tmp)
        if duration > target + 1e-3:
            raise FitError(f"tệp mã hóa dài {duration:.3f} giây, vượt mục tiêu {target:.0f} giây", path=output)
        size = tmp.stat().st_size
        os.replace(tmp, output)
    finally:
        tmp.unlink(missing_ok=True)
    return BuildResult(
        output=output,
        title=script.meta.title,
        duration=duration,
        size=size,
        loudness=loudness,
        peak=peak,
        plan=plan,
        chapters=timeline.chapters,
        engines=engines,
        synthesized=synth.synthesized,
        cached=synth.cached,
        warnings=tuple(synth.warnings),
        engines_by_item=tuple(synth.by_item),
    )


def master(sound: audio.Sound, target_lufs: float, ceiling_db: float) -> audio.Sound:
    """Bring the mix to the loudness target without letting peaks pass the ceiling."""
    measured = audio.loudness(sound)
    gain = target_lufs - measured if measured != float("-inf") else 0.0
    headroom = ceiling_db - audio.peak_db(sound)
    return audio.apply_gain(sound, min(gain, headroom))
