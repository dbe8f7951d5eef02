"""Checking a script before building: every file, read-time estimates, the predicted fit."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from bulletin.config import Station
from bulletin.engines import Engine
from bulletin.engines.choice import likely_speaker
from bulletin.plan.fit import FitPlan
from bulletin.prepare import BuildOptions, not_fitting_message, prepare
from bulletin.script.model import Script
from bulletin.text import count_syllables


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
    options: BuildOptions = BuildOptions(),
    *,
    output: Path | None = None,
    **choices,
) -> CheckResult:
    """Validate ``script_path`` and everything it refers to; predict duration and every fit step.

    ``options`` and ``output`` are the ones the build will get, so the prediction is the build's own
    plan with estimated speech durations. Keyword ``choices`` (engine, voice, allow_cut, pad, fallback)
    override fields of ``options``.
    """
    options = replace(options, **choices)
    prepared = prepare(script_path, station, options, output=output, tolerate_engine_errors=True)
    script, chain, cache, program = prepared.script, prepared.chain, prepared.cache, prepared.program
    normalizer = prepared.normalizer
    problems: list[str] = [prepared.chain_problem] if prepared.chain_problem else []
    speaker, unusable = likely_speaker(chain, program.all_utterances, cache)
    if speaker is None:
        problems.extend([] if problems else unusable)
        speaker = chain.speakers[-1]
    chosen: Engine = speaker.engine
    voice = speaker.voice
    sections = prepared.sections(lambda u: chosen.estimate_seconds(u.text, voice))
    plan = prepared.plan(sections)
    if not plan.fits:
        problems.append(not_fitting_message(plan, prepared.settings, recording=script.recording))

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
