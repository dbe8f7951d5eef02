"""Checking a script before building: every file, read-time estimates, the predicted fit."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from bulletin.config import Station
from bulletin.engines import Engine
from bulletin.engines.choice import likely_speaker
from bulletin.plan.fit import FitPlan, padding_of
from bulletin.prepare import BuildOptions, not_fitting_message, prepare
from bulletin.reports.quota import MORE_CONTENT, short_of_minimum
from bulletin.script.model import Jingle, Pause, Recording, Script, Skipped, Speech
from bulletin.text import Normalizer, count_syllables, repair
from bulletin.vn_format import vn_number


@dataclass(frozen=True)
class SectionEstimate:
    title: str
    role: str
    optional: bool
    syllables: int
    seconds: float


@dataclass(frozen=True)
class Passage:
    """One thing said or played, as the listener will hear it.

    ``kind`` is "title", "speech", "recording", "jingle" or "pause"; for speech, ``text`` is what is
    written with every rewrite in [brackets] and every word read letter by letter in {braces}.
    """

    kind: str
    text: str
    line: int | None = None


@dataclass(frozen=True)
class SpokenSection:
    title: str
    passages: tuple[Passage, ...]


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
    station: Station | None = field(default=None, repr=False, compare=False)
    normalizer: Normalizer | None = field(default=None, repr=False, compare=False)
    proposed_id: str | None = None  # the id given to a document that carries none (see prepare)

    @cached_property
    def spoken(self) -> tuple[SpokenSection, ...]:
        """The text as it will be heard (see :func:`spoken_text`); worked out only when asked for
        (``check --text``, the studio): it reads every paragraph again."""
        if self.station is None or self.normalizer is None:
            return ()
        return spoken_text(self.script, self.station, self.normalizer)

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
    if plan.fits:
        short = short_of_minimum(plan.final, station.rule_for(script.meta.series), padding=padding_of(plan),
                                 what="bản tin dự kiến")
        if short:
            warnings.append(f"{short}: vẫn tạo và phát được, nhưng sẽ không được tính. {MORE_CONTENT}")
    warnings.extend(skipped_notes(script))
    return CheckResult(script, chosen.NAME, voice, chosen.read_rate(voice).syllables_per_second, estimates,
                       script.meta.target, plan, tuple(problems), tuple(warnings), station, normalizer,
                       prepared.proposed_id)


def marked_spoken(normalizer: Normalizer, text: str, font: str | None = None) -> str:
    """``text`` as it will be read: rewritten spans as [spoken words], letter-by-letter readings as {letters}."""
    display = repair(text, font)
    spelled = set(normalizer.spelled_tokens(text, font))
    out, pos = [], 0
    for change in normalizer.explain(text, font):
        if change.rule.startswith("legacy-") or change.start < pos:
            continue  # legacy repair is already in the display text
        out.append(display[pos:change.start])
        spoken = " ".join(change.spoken.split())
        spelled_here = change.rule.startswith("spell") or change.original in spelled
        if not any(c.isalnum() for c in spoken):
            out.append(spoken)  # a symbol dropped or turned into a pause: nothing to mark
        else:
            out.append(f"{{{spoken}}}" if spelled_here else f"[{spoken}]")
        pos = change.end
    out.append(display[pos:])
    return " ".join("".join(out).replace("\n", " ").split())


def spoken_text(script: Script, station: Station, normalizer: Normalizer) -> tuple[SpokenSection, ...]:
    """The whole bulletin item by item as it will be heard: the station's words, titles, paragraphs, recordings."""
    from bulletin.plan.program import INTRO_TITLE, OUTRO_TITLE, station_words

    def said(kind: str, text: str, line: int | None = None, font: str | None = None) -> Passage:
        return Passage(kind, marked_spoken(normalizer, text, font), line)

    sections: list[SpokenSection] = []
    opening = [said("speech", station_words(station, station.ident, script))]
    for index, item in enumerate(script.items):
        passages = opening if index == 0 and not item.title else []
        if item.title and item.speak_title:
            passages.append(said("title", item.title, item.line))
        for segment in item.segments:
            if isinstance(segment, Speech):
                passages.append(said("speech", segment.text, segment.line, segment.font))
            elif isinstance(segment, Recording):
                passages.append(Passage("recording", segment.path.name, segment.line))
            elif isinstance(segment, Jingle):
                passages.append(Passage("jingle", segment.name, segment.line))
            elif isinstance(segment, Pause):
                passages.append(Passage("pause", vn_number(segment.seconds, 3, trim=True), segment.line))
        if passages is opening:
            continue
        if not sections:
            sections.append(SpokenSection(INTRO_TITLE, tuple(opening)))
        sections.append(SpokenSection(item.title, tuple(passages)))
    if not sections:
        sections.append(SpokenSection(INTRO_TITLE, tuple(opening)))
    sections.append(SpokenSection(OUTRO_TITLE, (said("speech", station_words(station, station.closing, script)),)))
    return tuple(sections)


def skipped_notes(script: Script) -> list[str]:
    """What an imported document holds but the bulletin will not read, grouped by reason, with line numbers."""
    notes = []
    by_kind: dict[str, list[Skipped]] = {}
    for entry in script.skipped:
        by_kind.setdefault(entry.kind, []).append(entry)
    paperwork = by_kind.pop("paperwork", [])
    if paperwork:
        notes.append(
            f"không đọc {len(paperwork)} dòng thủ tục của văn bản (tiêu đề cơ quan, quốc hiệu, số, ngày, "
            f"nơi nhận, chữ ký) – {line_ranges([s.line for s in paperwork])}; nếu cần đọc dòng nào, "
            f"hãy chuyển văn bản sang kịch bản .md (bulletin convert {script.path.name} -o kich-ban.md) rồi sửa"
        )
    for table in by_kind.pop("table", []):
        notes.append(
            f"không đọc {table.label} (dòng {table.line}, {table.text}): không phải bảng số liệu có hàng tiêu đề "
            "hay kịch bản hai cột “Âm thanh | Lời bình”; nếu cần đọc, hãy chép nội dung bảng thành đoạn văn"
        )
    directions = by_kind.pop("direction", [])
    if directions:
        notes.append(
            "không đọc ghi chú trong cột âm thanh của bảng (chỉ tên tệp ghi âm như phong-van.mp3 hoặc lệnh "
            "@audio mới được phát):" + "".join(f"\n  – dòng {s.line}: «{s.text}»" for s in directions)
        )
    closing = by_kind.pop("closing", [])
    if closing:
        notes.append(
            "không đọc lời kết của văn bản: sau mục cuối, đài đọc lời kết riêng ([station] closing trong "
            "bulletin.toml), để bản tin không kết thúc hai lần:"
            + "".join(f"\n  – dòng {s.line}: «{s.text}»" for s in sorted(closing, key=lambda s: s.line))
        )
    furniture = [s for kind in by_kind.values() for s in kind]
    if furniture:
        furniture.sort(key=lambda s: s.line)
        notes.append(
            f"không đọc {len(furniture)} dòng là phần trình bày của trang web (ngày giờ đăng, nguồn, tác giả, "
            "nút chia sẻ, liên kết, chú thích ảnh, chuyên mục, từ khóa, chân trang, số trang):"
            + "".join(f"\n  – dòng {s.line}: «{s.text}» ({s.label or s.kind})" for s in furniture)
        )
    return notes


def line_ranges(numbers: list[int]) -> str:
    """"dòng 1–2, 45–52" from [1, 2, 45, …, 52]."""
    ranges: list[list[int]] = []
    for n in sorted(numbers):
        if ranges and n == ranges[-1][1] + 1:
            ranges[-1][1] = n
        else:
            ranges.append([n, n])
    return "dòng " + ", ".join(f"{a}–{b}" if a != b else f"{a}" for a, b in ranges)
