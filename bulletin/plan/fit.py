"""Fitting a bulletin into its target duration: pure arithmetic over sections.

Too long, in this order: shorten pauses toward their minimums; speed speech
up (pitch kept) up to the station's maximum (not the closing ident); drop ``@optional`` items, last
first; and only when the operator allows it, end the last item early at a
sentence boundary. Every step is taken only as far as needed, and dropping an
item relaxes the steps before it again. The opening, the closing ident and
the outro are never dropped or cut. Too short: left alone, or padded with
the music bed before the closing when asked.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from bulletin.plan.timeline import Piece, Section, total_duration
from bulletin.timing import format_clock
from bulletin.vn_format import vn_number

EPSILON = 0.001  # seconds kept spare so rounding to samples never passes the target
PAD_TITLE = "Nhạc nền"
MIN_PAD = 0.05  # shorter differences are not worth a pad


@dataclass(frozen=True)
class FitStep:
    kind: Literal["gaps", "speed", "drop", "cut", "pad"]
    action: str  # Vietnamese, for the fit report
    gained: float  # seconds saved (negative: added)


@dataclass(frozen=True)
class FitPlan:
    target: float  # the maximum as the operator set it
    natural: float  # duration before any step
    sections: tuple[Section, ...]
    steps: tuple[FitStep, ...]
    fits: bool
    cut: bool = False
    tempo: float = 1.0  # speed-up applied to speech
    shortest: float = 0.0  # the best possible without cutting (pauses, speed-up, optional items)
    limit: float = 0.0  # what the sections may last (the target less the encoder's share)

    @property
    def final(self) -> float:
        return total_duration(self.sections)

    @property
    def overflow(self) -> float:
        return max(0.0, self.final - (self.limit or self.target))

    def step(self, kind: str) -> FitStep | None:
        return next((s for s in self.steps if s.kind == kind), None)

    def report(self) -> list[str]:
        """The fit report lines, in Vietnamese."""
        lines = [f"Độ dài tự nhiên: {format_clock(self.natural, decimals=1)} (tối đa {format_clock(self.target)})"]
        if not self.steps:
            lines.append("Không cần điều chỉnh.")
        for step in self.steps:
            lines.append(f"- {step.action}: {'bớt' if step.gained >= 0 else 'thêm'} {seconds(abs(step.gained))}")
        if self.fits:
            lines.append(f"Độ dài sau khi khớp: {format_clock(self.final, decimals=1)}")
        else:
            lines.append(
                f"Không khớp được: ngắn nhất có thể là {format_clock(self.shortest, decimals=1)}, "
                f"vẫn thừa {seconds(self.shortest - (self.limit or self.target))}"
            )
        return lines


def padding_of(plan: FitPlan) -> float:
    """Seconds of music ``--pad`` added to reach the target."""
    return sum(-step.gained for step in plan.steps if step.kind == "pad")


def seconds(value: float) -> str:
    """"12,3 giây": the decimal comma operators read."""
    return vn_number(value) + " giây"


def percent(fraction: float) -> str:
    return vn_number(100 * fraction) + " %"


def plan_fit(
    sections: list[Section] | tuple[Section, ...],
    target: float,
    *,
    limit: float | None = None,
    max_speedup: float = 0.0,
    allow_cut: bool = False,
    cut_fade: float = 0.4,
    pad_bed: str | None = None,
) -> FitPlan:
    """Decide how the bulletin fits ``target`` seconds; ``fits`` is False when it cannot.

    ``limit`` is what the sections may actually last (``target`` less what the
    encoder adds); ``pad_bed`` names the bed that fills a short bulletin up to it.
    """
    sections = tuple(sections)
    limit = target if limit is None else limit
    natural = total_duration(sections)
    budget = limit - EPSILON
    top = 1.0 + max_speedup

    def done(final: tuple[Section, ...], steps: list[FitStep], tempo: float = 1.0, *, cut: bool = False) -> FitPlan:
        padded, pad_step = _pad(final, budget, pad_bed, target)
        if pad_step:
            steps = steps + [pad_step]
        return FitPlan(target, natural, padded, tuple(steps), True, cut, tempo, shortest, limit)

    shortest = natural
    if natural <= budget:
        return done(sections, [])

    optional = [i for i, s in enumerate(sections) if s.optional]
    # Dropping optional items (last first) only ever shortens the bulletin, so the first count that
    # fits is found from each section's tightest duration with running sums (linear), and only
    # that count (or, after rounding, the next few) is planned in full.
    tight = [_tightest(s, top) for s in sections]
    remaining = sum(tight)
    first = len(optional)
    for count in range(len(optional) + 1):
        if count:
            remaining -= tight[optional[len(optional) - count]]
        if remaining <= budget + 1e-6:
            first = count
            break
    for count in range(first, len(optional) + 1):
        dropped = optional[len(optional) - count :]
        gone = set(dropped)
        kept = tuple(s for i, s in enumerate(sections) if i not in gone)
        keep, tempo = tighten(kept, budget, top)
        final = adjust(kept, keep, tempo)
        shortest = total_duration(adjust(kept, 0.0, top))
        if total_duration(final) <= budget + 1e-9:
            return done(final, _steps(sections, dropped, keep, tempo, final), tempo)

    # Mandatory content does not fit even with every step at its maximum.
    tightest = adjust(kept, 0.0, top)
    if not allow_cut:
        steps = _steps(sections, dropped, 0.0, top, tightest)
        return FitPlan(target, natural, tightest, tuple(steps), False, False, top, shortest, limit)
    points = cut_points(tightest, total_duration(tightest) - budget)
    if points is None:
        steps = _steps(sections, dropped, 0.0, top, tightest)
        return FitPlan(target, natural, tightest, tuple(steps), False, False, top, shortest, limit)
    shortened = apply_cut(kept, points, cut_fade)
    keep, tempo = tighten(shortened, budget, top)  # the cut may leave room to relax
    final = adjust(shortened, keep, tempo)
    steps = _steps(sections, dropped, keep, tempo, adjust(kept, keep, tempo))
    titles = ", ".join(f"“{kept[i].title}”" for i in sorted(points))
    gained = total_duration(adjust(kept, keep, tempo)) - total_duration(final)
    steps.append(FitStep("cut", f"Kết thúc sớm mục cuối tại ranh giới câu (mục {titles}, mờ dần {seconds(cut_fade)})",
                         gained))
    return done(final, steps, tempo, cut=True)


def tighten(sections: tuple[Section, ...], budget: float, top: float) -> tuple[float, float]:
    """How much of each pause's slack to keep (0..1) and the speed-up (1..top) to last ``budget``."""
    excess = total_duration(sections) - budget
    if excess <= 0:
        return 1.0, 1.0
    slack = sum(p.duration - p.shortest for s in sections for p in s.pieces if p.kind == "gap")
    if excess <= slack:
        return 1.0 - excess / slack, 1.0
    remaining = excess - slack
    voice = sum(s.voice_duration for s in sections if s.role != "outro")
    if voice <= remaining:
        return 0.0, top
    return 0.0, min(top, voice / (voice - remaining))


def adjust(sections: tuple[Section, ...], keep: float, tempo: float) -> tuple[Section, ...]:
    """Pauses keep ``keep`` of their slack; voice is ``tempo`` times faster (the closing never changes)."""

    def piece(p: Piece) -> Piece:
        if p.kind == "gap" and p.min_duration is not None and keep < 1.0:
            return replace(p, duration=p.shortest + (p.duration - p.shortest) * keep)
        if p.is_voice and tempo != 1.0:
            natural = p.duration * p.tempo
            return replace(p, duration=natural / tempo, tempo=tempo, overlap=min(p.overlap, natural / tempo / 2))
        return p

    return tuple(s if s.role == "outro" else s.with_pieces(piece(p) for p in s.pieces) for s in sections)


def _tightest(section: Section, top: float) -> float:
    """``adjust((section,), 0.0, top)``'s duration, by arithmetic (no new pieces)."""
    if section.role == "outro":
        return section.duration
    total = 0.0
    for p in section.pieces:
        if p.kind == "gap" and p.min_duration is not None:
            total += p.shortest - p.overlap
        elif p.is_voice and top != 1.0:
            duration = p.duration * p.tempo / top
            total += duration - min(p.overlap, duration / 2)
        else:
            total += p.duration - p.overlap
    return total


def _steps(sections, dropped, keep, tempo, final) -> list[FitStep]:
    """The report's steps, each credited with what it gained (they add up to the total)."""
    steps: list[FitStep] = []
    before = total_duration(sections)
    after_gaps = total_duration(adjust(sections, keep, 1.0))
    after_speed = total_duration(adjust(sections, keep, tempo))
    if before - after_gaps > 1e-6:
        what = "xuống mức tối thiểu" if keep <= 0 else "vừa đủ"
        steps.append(FitStep("gaps", f"Rút ngắn các khoảng lặng {what}", before - after_gaps))
    if tempo > 1.0:
        steps.append(FitStep("speed", f"Đọc nhanh hơn {percent(tempo - 1)} (giữ nguyên cao độ giọng)",
                             after_gaps - after_speed))
    if dropped:
        titles = ", ".join(f"“{sections[i].title}”" for i in sorted(dropped, reverse=True))
        steps.append(FitStep("drop", f"Bỏ mục không bắt buộc {titles}", after_speed - total_duration(final)))
    return steps


def cut_points(sections: tuple[Section, ...], excess: float) -> dict[int, int] | None:
    """Where to end the bulletin's last items early: section index -> pieces kept (before the closing pause).

    Items are cut from the last one backwards, each after a piece that ends a
    sentence (never down to its title alone), or removed whole. ``None`` when
    even that cannot remove ``excess``.
    """
    points: dict[int, int] = {}
    removed = 0.0
    for index in reversed([i for i, s in enumerate(sections) if s.role == "item"]):
        pieces = list(sections[index].pieces)
        body = pieces[:-1] if pieces and pieces[-1].kind == "gap" else pieces
        need = excess - removed
        running = 0.0
        for end in range(len(body) - 1, 0, -1):
            running += body[end].duration - body[end].overlap
            keep = body[:end]
            if running >= need and _ends_sentence(keep) and not all(p.is_title or p.kind == "gap" for p in keep):
                points[index] = end
                return points
        points[index] = 0  # the whole item goes
        removed += sections[index].duration
        if removed >= excess:
            return points
    return None


def apply_cut(sections: tuple[Section, ...], points: dict[int, int], fade: float) -> tuple[Section, ...]:
    """The sections with each cut item ended after ``points[i]`` pieces, faded, closing pause kept."""
    result = []
    for index, section in enumerate(sections):
        if index not in points:
            result.append(section)
            continue
        if points[index] == 0:
            continue
        pieces = list(section.pieces)
        tail = [pieces[-1]] if pieces and pieces[-1].kind == "gap" else []
        keep = pieces[: points[index]]
        last = max(i for i, p in enumerate(keep) if p.kind != "gap")
        keep[last] = replace(keep[last], fade_out=min(fade, keep[last].duration))
        result.append(section.with_pieces(keep[: last + 1] + tail))
    return tuple(result)


def _ends_sentence(pieces: list[Piece]) -> bool:
    """True when the last sounding piece of ``pieces`` finishes a sentence."""
    for piece in reversed(pieces):
        if piece.kind != "gap":
            return piece.sentence_end
    return False


def _pad(sections: tuple[Section, ...], budget: float, bed: str | None, target: float):
    """A bed-only section before the closing that brings the bulletin to ``budget``."""
    missing = budget - total_duration(sections)
    if bed is None or missing < MIN_PAD:
        return sections, None
    pad = Section(PAD_TITLE, "pad", (Piece("gap", missing, None, bed=bed),))
    at = next((i for i, s in enumerate(sections) if s.role == "outro"), len(sections))
    step = FitStep("pad", f"Thêm nhạc nền trước phần kết cho đủ {format_clock(target)}", -missing)
    return sections[:at] + (pad,) + sections[at:], step
