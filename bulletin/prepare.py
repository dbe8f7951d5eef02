"""The part of the path that ``check`` and ``build`` share: everything before synthesis.

Read the script, choose the engines (with or without fallback, as asked), add
the station's opening and closing, decode every recording, jingle and bed in
the working format, and plan the fit from a duration for each utterance. The
check passes estimated durations, the build measured ones; both plan with the
same function and the same limits, so the check predicts what the build does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from bulletin.assets import resolve_sound
from bulletin.audio import media
from bulletin.audio.silence import quiet_spans
from bulletin.config import AudioSettings, Station
from bulletin.engines import AUTO, auto_order, get_engine
from bulletin.engines.cache import ClipCache
from bulletin.engines.choice import EngineChain, Speaker, engine_chain
from bulletin.errors import AssetError, ConfigError, EngineError, FitError, ScriptError
from bulletin.log.identity import Identity, apply_identity, needs_proposed_id
from bulletin.plan import recording as recording_plan
from bulletin.plan.chunking import Utterance
from bulletin.plan.fit import FitPlan, plan_fit, seconds
from bulletin.plan.program import Play, Program, prepare_program, to_sections
from bulletin.plan.timeline import Section
from bulletin.script import load_script
from bulletin.script.convert import proposed_id
from bulletin.script.model import Script
from bulletin.text import Normalizer
from bulletin.timing import format_clock
from bulletin.vn_format import vn_number

OUTPUT_FORMATS = ("mp3", "wav")


@dataclass(frozen=True)
class BuildOptions:
    """How to build (and so how to check): engine, voice, fitting choices, outputs."""

    engine: str | None = None
    voice: str | None = None
    allow_cut: bool = False
    fallback: bool = True  # auto: when an online engine cannot go on, the next one speaks the rest
    pad: bool = False  # fill a short bulletin to the exact target with the bed
    wav: bool = False  # also write a WAV next to the MP3
    identity: Identity | None = None  # --id/--title/--series/--date/--level: replace the script's own
    # A recording given as the script (the Department's ready-made bulletin):
    wrap: bool | None = None  # between the station's intro, ident, closing and outro (None: [bulletin] wrap)
    split_at_silence: bool = False  # a chapter at every long pause instead of one item


@dataclass
class Prepared:
    """A script ready to be spoken: its program, engines, decoded files and the limits of the output."""

    script: Script
    station: Station
    options: BuildOptions
    cache: ClipCache
    chain: EngineChain
    chain_problem: str  # why no engine could be set up ("" when one could; ``check`` estimates anyway)
    normalizer: Normalizer
    program: Program
    bed: Path | None  # the bed that fills a short bulletin (``--pad``)
    files: list[Path]  # recordings, jingles and the pad bed, in program order
    sounds: dict[str, media.Sound]  # every file above, decoded in the working format (str(path) -> sound)
    output_format: str  # "mp3" or "wav": what the file holds decides how many frames fit
    # A recording given as the script: its pauses (str(path) -> quiet spans, seconds of the file)
    pauses: dict[str, tuple[tuple[float, float], ...]] = field(default_factory=dict)
    # The id given to a document that carries none (.docx, .txt, an untagged recording), or None.
    proposed_id: str | None = None

    @property
    def settings(self) -> AudioSettings:
        return self.station.audio

    @property
    def limit(self) -> float:
        """Seconds of audio the output file may hold (the target, less what the encoder adds)."""
        rate = self.settings.sample_rate
        return media.max_frames(self.script.meta.target, rate, self.output_format) / rate

    def file_durations(self) -> dict[Path | str, float]:
        durations: dict[Path | str, float] = {path: self.sounds[str(path)].duration for path in self.files}
        durations.update((key, self.sounds[key].duration) for key in self.slices)
        return durations

    @property
    def slices(self) -> list[str]:
        """Sound keys of the parts of recordings played (a recording given as the script)."""
        return [key for key in self.sounds if "#" in key and key.rsplit("#", 1)[0] in self.pauses]

    def sections(self, utterance_seconds: Callable[[Utterance], float]) -> tuple[Section, ...]:
        """The program as timed sections, given a duration for every utterance."""
        return tuple(to_sections(self.program, utterance_seconds, self.file_durations(),
                                 crossfade=self.settings.jingle_crossfade))

    def plan(self, sections) -> FitPlan:
        """The fit plan for ``sections`` under this output's limit and the options' choices."""
        settings = self.settings

        def fit(sections, allow_cut: bool) -> FitPlan:
            return plan_fit(
                sections, self.script.meta.target, limit=self.limit, max_speedup=settings.max_speedup,
                allow_cut=allow_cut, cut_fade=settings.cut_fade,
                pad_bed=str(self.bed) if self.bed is not None else None,
            )

        if not self.pauses:
            return fit(sections, self.options.allow_cut)
        plan = fit(sections, False)
        if plan.fits or not self.options.allow_cut:
            return plan
        # A recording may only end early in a pause: offer every pause as a place to end.
        plan = fit(self.at_pauses(sections), True)
        steps = tuple(replace(step, action=step.action.replace("tại ranh giới câu", "tại một khoảng lặng"))
                      if step.kind == "cut" else step for step in plan.steps)
        return replace(plan, steps=steps)

    def at_pauses(self, sections) -> tuple[Section, ...]:
        """``sections`` with every part of a recording divided at its pauses (the parts added to the sounds)."""
        result = []
        for section in sections:
            pieces = []
            for piece in section.pieces:
                whole, _, bounds = (piece.sound or "").rpartition("#")
                if piece.kind != "recording" or whole not in self.pauses:
                    pieces.append(piece)
                    continue
                start, end = (float(x) for x in bounds.split("-"))
                for part, _, span in recording_plan.at_pauses(piece, whole, (start, end), self.pauses[whole]):
                    if part.sound not in self.sounds:
                        self.sounds[part.sound] = cut(self.sounds[whole], span)
                    pieces.append(replace(part, duration=self.sounds[part.sound].duration * piece.duration
                                          / self.sounds[piece.sound].duration))
            result.append(section.with_pieces(pieces))
        return tuple(result)

    def fitting_plan(self, sections) -> FitPlan:
        """:meth:`plan`, or a :class:`FitError` with the numbers when the content cannot fit."""
        plan = self.plan(sections)
        if not plan.fits:
            raise FitError(not_fitting_message(plan, self.settings, recording=self.script.recording),
                           path=self.script.path)
        return plan


def output_format(output: Path | None) -> str:
    """"mp3" or "wav" from the output's suffix (an MP3 when there is no output yet)."""
    if output is None:
        return "mp3"
    fmt = Path(output).suffix.lower().lstrip(".")
    if fmt not in OUTPUT_FORMATS:
        raise ConfigError(f"tệp đầu ra phải có đuôi .mp3 hoặc .wav: {output}")
    return fmt


def prepare(
    script_path: Path,
    station: Station,
    options: BuildOptions = BuildOptions(),
    *,
    output: Path | None = None,
    tolerate_engine_errors: bool = False,
) -> Prepared:
    """Read, choose engines, lay out the program and decode every file (a bad one stops here, before synthesis).

    ``tolerate_engine_errors``: when no engine can be set up, keep going without a chain (what ``check``
    wants, to still report everything else); the build lets the error through.
    """
    fmt = output_format(output)
    script = apply_identity(load_script(script_path, station), options.identity)
    proposed = None
    if not script.meta.id and needs_proposed_id(script_path):  # a corrected rebuild keeps the same id
        proposed = proposed_id(script, station, output)
        script = replace(script, meta=replace(script.meta, id=proposed))
    settings = station.audio
    recorded: dict[str, media.Sound] = {}
    pauses: dict[str, tuple[tuple[float, float], ...]] = {}
    if script.recording:
        script, recorded, pauses = shape_recording(script, settings, split=options.split_at_silence)
    wrap = not script.recording or (station.wrap if options.wrap is None else options.wrap)
    cache = ClipCache.for_station(station)
    name = options.engine or script.meta.engine or station.engine
    problem = ""
    try:
        chain = engine_chain(name, station, cache, voice=options.voice or script.meta.voice or station.voice,
                             fallback=options.fallback)
    except EngineError as exc:
        if not tolerate_engine_errors:
            raise
        # No engine usable: still estimate, with the last one that would have been tried.
        problem = str(exc)
        last = get_engine(auto_order(station.engine_auto)[-1] if name == AUTO else name, root=station.root)
        chain = EngineChain((Speaker(last, last.voice_or_default(None)),))
    intro, outro = station_sounds(station) if wrap else (None, None)
    bed = pad_bed(station) if options.pad else None
    normalizer = Normalizer.for_station(station)
    program = prepare_program(script, station, normalizer, max_chars=chain.max_chars, intro=intro, outro=outro,
                              station_parts=wrap)
    files = program.audio_files + ([bed] if bed is not None and bed not in program.audio_files else [])
    sounds = recorded | decode_files([f for f in files if str(f) not in recorded], script, settings.sample_rate,
                                     settings.channels)
    for section in program.sections:
        for part in section.parts:
            if isinstance(part, Play) and part.span is not None and part.key not in sounds:
                sounds[part.key] = cut(sounds[str(part.path)], part.span)
    return Prepared(script, station, options, cache, chain, problem, normalizer, program, bed, files, sounds, fmt,
                    pauses, proposed)


def shape_recording(script: Script, settings: AudioSettings, *, split: bool):
    """A recording given as the script, decoded once: silence at its ends trimmed, and split into
    chapters at long pauses when asked. Returns the script with those parts, the decoded file and its pauses."""
    (item,) = script.items
    (segment,) = item.segments
    path = segment.path
    try:
        sound = media.decode(path, settings.sample_rate, settings.channels)
    except AssetError as exc:
        raise ScriptError(f"tệp ghi âm: {exc.message}", path=path) from exc
    decoded = {str(path): sound}
    spans = quiet_spans(sound)
    if spans and spans[0][0] <= 0.0 and spans[0][1] >= sound.duration:
        raise ScriptError("tệp ghi âm không có tiếng (im lặng từ đầu đến cuối); hãy kiểm tra lại tệp tải về",
                          path=path)
    whole = recording_plan.trimmed(sound.duration, spans)
    parts = recording_plan.chapters(whole, spans) if split else [whole]
    items = tuple(
        replace(item, title=script.meta.title if len(parts) == 1 else f"Phần {n}",
                segments=(replace(segment, start=a, end=b),))
        for n, (a, b) in enumerate(parts, start=1)
    )
    found = list(script.found)
    found.append(("Thời lượng tệp", format_clock(sound.duration, decimals=1), "đo trên tệp"))
    head, tail = whole[0], sound.duration - whole[1]
    if head > 0.05 or tail > 0.05:
        found.append(("Khoảng lặng bỏ đi", f"đầu {seconds(head)}, cuối {seconds(tail)}", "đo trên tệp"))
    if split:
        found.append(("Số phần", f"{len(parts)} (tách ở khoảng lặng từ {seconds(recording_plan.CHAPTER_PAUSE)})",
                      "đo trên tệp"))
    return replace(script, items=items, found=tuple(found)), decoded, {str(path): spans}


def cut(sound: media.Sound, span: tuple[float, float]) -> media.Sound:
    """The part of ``sound`` from ``span[0]`` to ``span[1]`` seconds (no copy)."""
    start, end = (round(t * sound.rate) for t in span)
    return media.Sound(sound.samples[start:end], sound.rate)


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


def decode_files(files: list[Path], script: Script, rate: int, channels: int) -> dict[str, media.Sound]:
    """Every recording, jingle and bed, decoded once; a bad file is named with its script line."""
    try:
        for path in dict.fromkeys(files):
            media.check_input(path)  # absurd headers refused before anything is decoded
        decoded = media.decode_many(files, rate, channels)
    except AssetError as exc:
        line = next((n for path, n in script.files if exc.path is not None and Path(path) == exc.path), None)
        if line is None:
            raise
        name = exc.path.name if exc.path is not None else ""
        raise AssetError(f"tệp '{name}': {exc.message}", path=script.path, line=line) from exc
    return {str(path): sound for path, sound in decoded.items()}


def not_fitting_message(plan: FitPlan, settings: AudioSettings, *, recording: bool = False) -> str:
    if recording:  # a ready-made recording: no pauses to shorten in the script, no @optional items
        return (
            f"bản tin dài {format_clock(plan.natural, decimals=1)}, vượt mục tiêu {format_clock(plan.target)}. "
            f"Kể cả khi phát nhanh hơn {100 * settings.max_speedup:.0f} %, bản tin vẫn dài "
            f"{format_clock(plan.shortest, decimals=1)} (thừa {vn_number(plan.shortest - plan.limit, trim=True)} "
            "giây). Hãy dùng --allow-cut để kết thúc sớm tại một khoảng lặng, hoặc --no-wrap để bỏ nhạc hiệu và "
            "lời của đài."
        )
    return (
        f"bản tin dài {format_clock(plan.natural, decimals=1)}, vượt mục tiêu {format_clock(plan.target)}. "
        f"Kể cả khi rút ngắn mọi khoảng lặng, đọc nhanh hơn {100 * settings.max_speedup:.0f} % và bỏ mọi mục "
        f"không bắt buộc, bản tin vẫn dài {format_clock(plan.shortest, decimals=1)} "
        f"(thừa {vn_number(plan.shortest - plan.limit, trim=True)} giây). Hãy bớt nội dung, đánh dấu @optional "
        "cho mục có thể bỏ, hoặc dùng --allow-cut để kết thúc sớm mục cuối tại ranh giới câu."
    )
