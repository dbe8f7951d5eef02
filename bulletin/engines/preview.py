"""Choosing a voice by ear: a short sample in any voice, prepared and levelled like a bulletin.

The sample text goes through the station's normalizer (numbers, dates and
abbreviations read as a bulletin would read them), is cut into the engine's
chunks, spoken through the clip cache, joined with short pauses and mastered
to the station's loudness and true-peak ceiling, so two samples can be
compared at the same level.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bulletin.config import Station
from bulletin.engines import engine_class, registry
from bulletin.engines.cache import ClipCache
from bulletin.engines.choice import engine_chain
from bulletin.errors import AudioError, ConfigError, EngineError, UsageError
from bulletin.files import output_folder

# Shows what listeners hear most: a greeting, a date, a number, an abbreviation, a long sentence.
SAMPLE_TEXT = (
    "Kính thưa quý vị và các bạn. Sáng ngày 5/12, UBND xã đã tổ chức ra quân dọn vệ sinh môi trường, "
    "thu hút hơn 200 người dân tham gia. Đề nghị bà con tiếp tục giữ gìn đường làng, ngõ xóm sạch đẹp."
)
MAX_SAMPLE_CHARS = 1000
GAP = 0.25  # seconds between two chunks
EDGE = 0.3  # seconds of silence before and after the sample


@dataclass(frozen=True)
class Preview:
    output: Path
    engine: str
    voice: str
    spoken: str  # the text as the engine read it
    duration: float
    loudness: float  # measured on the file, LUFS
    true_peak: float
    synthesized: int
    cached: int


def resolve_voice(station: Station, spec: str) -> tuple[str, str | None]:
    """(engine, voice) for ``spec``: ``engine:voice``, a voice of some engine, or an engine (its voice)."""
    if ":" in spec:
        name, _, voice = spec.partition(":")
        return name, voice or None
    if spec in registry():
        return spec, None
    owners = []
    for name in registry():
        try:
            cls = engine_class(name)
            settings = dict(station.engine_settings.get(name, {}))
            settings.pop("voice", None)
            voices = cls.for_station(settings, None, station.root).VOICES
        except (EngineError, ConfigError):
            continue
        if spec in voices:
            owners.append(name)
    if not owners:
        raise UsageError(f"không bộ đọc nào có giọng '{spec}'; xem danh sách giọng: bulletin engines")
    return owners[0], spec


def render_preview(
    station: Station,
    spec: str,
    output: Path,
    text: str | None = None,
    cache: ClipCache | None = None,
) -> Preview:
    """Speak ``text`` (or a built-in sample) with voice ``spec`` into ``output`` (.mp3 or .wav), levelled."""
    from bulletin.audio import master, media
    from bulletin.audio.deliver import deliver
    from bulletin.audio.dynamics import control
    from bulletin.audio.tags import BulletinTags
    from bulletin.plan.chunking import utterances
    from bulletin.text import Normalizer

    text = " ".join((text if text is not None else SAMPLE_TEXT).split())
    if not text:
        raise UsageError("văn bản nghe thử rỗng")
    if len(text) > MAX_SAMPLE_CHARS:
        raise UsageError(f"văn bản nghe thử dài {len(text)} ký tự; nghe thử chỉ dành cho đoạn ngắn (tối đa "
                         f"{MAX_SAMPLE_CHARS} ký tự), cả bản tin thì dùng 'bulletin build'")
    output = Path(output)
    if output.suffix.lower() not in (".mp3", ".wav"):
        raise UsageError(f"{output}: tệp nghe thử phải là .mp3 hoặc .wav")
    from bulletin.log.schema import refuse_to_overwrite

    # Never over the log (or any SQLite file) or the station's own files.
    refuse_to_overwrite(output, station.database_path, station.config_path, station.lexicon_path)
    output_folder(output, error=AudioError)  # made (or the file in its way named) before any synthesis
    name, voice = resolve_voice(station, spec)
    cache = cache or ClipCache.for_station(station)
    speaker = engine_chain(name, station, cache, voice=voice, fallback=False).primary
    engine = speaker.engine
    if engine.NEEDS_NETWORK:
        state = engine.available()
        if not state.usable:
            raise EngineError(f"không dùng được bộ đọc {name}: {state.reason}")
    spoken = Normalizer.for_station(station).normalize(text)
    chunks = [u.text for u in utterances(spoken, engine.MAX_CHARS)]
    if not chunks:
        raise UsageError("văn bản nghe thử không có chữ nào để đọc")
    clips = []
    synthesized = 0
    for chunk in chunks:
        clip, was_cached = cache.fetch(engine, speaker.voice, chunk)
        clips.append(clip)
        synthesized += not was_cached
    settings = station.audio
    rate, channels = settings.sample_rate, settings.channels
    decoded = media.decode_many(clips, rate, channels)
    pieces = [media.silence(EDGE, rate, channels)]
    for index, clip in enumerate(clips):
        if index:
            pieces.append(media.silence(GAP, rate, channels))
        pieces.append(decoded[Path(clip)])
    pieces.append(media.silence(EDGE, rate, channels))
    mix = media.Sound(np.concatenate([p.samples for p in pieces]), rate)
    # Peaks evened and speech at the target first (as a bulletin's items are), so mastering only trims peaks.
    speech = control([mix]).after
    if np.isfinite(speech):
        master.scale(mix, settings.loudness - speech)
    title = f"Nghe thử giọng {speaker.voice} ({name})"

    def tags(levels) -> BulletinTags:
        return BulletinTags(title=title, station=station.name, engines=name,
                            loudness=f"{levels.loudness:.1f}", true_peak=f"{levels.true_peak:.1f}",
                            loudness_target=f"{settings.loudness:.1f}", true_peak_ceiling=f"{settings.true_peak:.1f}")

    delivered = deliver(mix, output, loudness=settings.loudness, ceiling=settings.true_peak,
                        bitrate=settings.bitrate, max_duration=mix.duration + 5.0, tags=tags)
    return Preview(delivered.output, name, speaker.voice, spoken, delivered.duration, delivered.levels.loudness,
                   delivered.levels.true_peak, synthesized, len(chunks) - synthesized)
