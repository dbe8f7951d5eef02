"""Checking a script before building: every file, read-time estimates, the predicted fit."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bulletin.audio import media
from bulletin.builder import decode_files, not_fitting_message, pad_bed, station_sounds
from bulletin.config import Station
from bulletin.engines import AUTO, Engine, auto_order, get_engine
from bulletin.engines.cache import ClipCache
from bulletin.engines.choice import EngineChain, Speaker, engine_chain, likely_speaker
from bulletin.errors import EngineError
from bulletin.plan.fit import FitPlan, plan_fit
from bulletin.plan.program import prepare_program, to_sections
from bulletin.script import load_script
from bulletin.script.model import Script
from bulletin.text import Normalizer, count_syllables


@dataclass(frozen=True)
class SectionEstimate:
    title: str
    role: str
    optional: bool
    syllables: int
    seconds: float


@dataclass(frozen=True)
class CheckResult:
    script: Script
    engine: str
    voice: str
    read_rate: float
    sections: tuple[SectionEstimate, ...]
    target: float
    plan: FitPlan
    problems: tuple[str, ...]  # reasons it cannot be built
    warnings: tuple[str, ...]

    @property
    def total(self) -> float:
        return sum(s.seconds for s in self.sections)

    @property
    def ok(self) -> bool:
        return not self.problems


def check(
    script_path: Path,
    station: Station,
    *,
    engine: str | None = None,
    voice: str | None = None,
    allow_cut: bool = False,
    pad: bool = False,
) -> CheckResult:
    """Validate ``script_path`` and everything it refers to; predict duration and every fit step."""
    script = load_script(script_path, station)
    name = engine or script.meta.engine or station.engine
    problems: list[str] = []
    cache = ClipCache.for_station(station)
    try:
        chain = engine_chain(name, station, cache, voice=voice or script.meta.voice or station.voice)
    except EngineError as exc:  # no engine usable: still estimate, with the last one tried
        problems.append(str(exc))
        last = get_engine(auto_order(station.engine_auto)[-1] if name == AUTO else name, root=station.root)
        chain = EngineChain((Speaker(last, last.voice_or_default(None)),))
    normalizer = Normalizer.for_station(station)
    intro, outro = station_sounds(station)
    program = prepare_program(script, station, normalizer, max_chars=chain.max_chars, intro=intro, outro=outro)
    speaker, unusable = likely_speaker(chain, program.all_utterances, cache)
    if speaker is None:
        problems.extend([] if problems else unusable)
        speaker = chain.speakers[-1]
    chosen: Engine = speaker.engine
    voice = speaker.voice
    settings = station.audio
    bed = pad_bed(station) if pad else None
    files = program.audio_files + ([bed] if bed is not None and bed not in program.audio_files else [])
    # Decoding every file (not just reading its header) finds damaged files now.
    decoded = decode_files(files, script, settings.sample_rate, 1)
    durations = {path: decoded[str(path)].duration for path in files}
    sections = to_sections(program, lambda u: chosen.estimate_seconds(u.text, voice), durations,
                           crossfade=settings.jingle_crossfade)
    target = script.meta.target
    plan = plan_fit(
        sections, target, limit=media.max_frames(target, settings.sample_rate, "mp3") / settings.sample_rate,
        max_speedup=settings.max_speedup, allow_cut=allow_cut, cut_fade=settings.cut_fade,
        pad_bed=str(bed) if bed is not None else None,
    )
    if not plan.fits:
        problems.append(not_fitting_message(plan, settings))

    estimates = tuple(
        SectionEstimate(
            s.title, s.role, s.optional,
            sum(count_syllables(p.sound) for p in s.pieces if p.kind == "speech"), s.duration,
        )
        for s in sections
    )

    warnings = []
    if speaker is not chain.primary and not problems:
        warnings.extend(f"{reason}; bản tin sẽ được đọc bằng {chosen.NAME}" for reason in unusable)
    if not chosen.read_rate(voice).measured:
        warnings.append(
            f"tốc độ đọc của bộ đọc {chosen.NAME} là số ước lượng, chưa đo trên máy này; chạy "
            f"'bulletin engines calibrate {chosen.NAME}' để ước tính thời lượng chính xác hơn"
        )
    spelled: dict[str, None] = {}
    for item in script.items:
        for text in [item.title] + [s.text for s in item.speeches]:
            for token in normalizer.spelled_tokens(text):
                spelled.setdefault(token)
    if spelled:
        warnings.append(
            "các từ sau sẽ được đánh vần từng chữ cái (có thể là chữ viết tắt chưa biết; "
            f"thêm cách đọc vào {station.reading.lexicon}): " + ", ".join(spelled)
        )
    if script.skipped:
        warnings.append(
            f"không đọc {len(script.skipped)} dòng thủ tục của văn bản (tiêu đề cơ quan, quốc hiệu, số, ngày, "
            f"nơi nhận, chữ ký) – {line_ranges([n for n, _ in script.skipped])}; nếu cần đọc dòng nào, "
            "hãy chuyển văn bản sang kịch bản .md"
        )
    return CheckResult(script, chosen.NAME, voice, chosen.read_rate(voice).syllables_per_second, estimates,
                       script.meta.target, plan, tuple(problems), tuple(warnings))


def line_ranges(numbers: list[int]) -> str:
    """"dòng 1–2, 45–52" from [1, 2, 45, …, 52]."""
    ranges: list[list[int]] = []
    for n in sorted(numbers):
        if ranges and n == ranges[-1][1] + 1:
            ranges[-1][1] = n
        else:
            ranges.append([n, n])
    return "dòng " + ", ".join(f"{a}–{b}" if a != b else f"{a}" for a, b in ranges)
