"""Fitting a bulletin into its target duration: pure arithmetic over sections.

Too long, in this order: shorten pauses toward their minimums; drop
``@optional`` items, last first; and only when the operator allows it, end the
last item at a sentence boundary. The outro is never touched.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .assemble import Piece, Section, total_duration
from .timing import format_clock

CUT_FADE = 0.4  # seconds of fade on the last sentence kept after a cut


@dataclass(frozen=True)
class FitStep:
    action: str  # Vietnamese, for the fit report
    gained: float  # seconds saved (negative: added)


@dataclass(frozen=True)
class FitPlan:
    target: float
    natural: float
    sections: tuple[Section, ...]
    steps: tuple[FitStep, ...]
    fits: bool
    cut: bool = False

    @property
    def final(self) -> float:
        return total_duration(self.sections)

    @property
    def overflow(self) -> float:
        return max(0.0, self.final - self.target)

    def report(self) -> list[str]:
        """The fit report lines, in Vietnamese."""
        lines = [f"Độ dài tự nhiên: {format_clock(self.natural, decimals=1)} (mục tiêu tối đa {format_clock(self.target)})"]
        if not self.steps:
            lines.append("Không cần điều chỉnh.")
        for step in self.steps:
            lines.append(f"- {step.action}: {'bớt' if step.gained >= 0 else 'thêm'} {abs(step.gained):.1f} giây")
        lines.append(f"Độ dài sau khi khớp: {format_clock(self.final, decimals=1)}")
        return lines


def plan_fit(sections: list[Section] | tuple[Section, ...], target: float, *, allow_cut: bool = False) -> FitPlan:
    """Decide how the bulletin fits ``target`` seconds; ``fits`` is False when it cannot."""
    sections = tuple(sections)
    natural = total_duration(sections)
    if natural <= target:
        return FitPlan(target, natural, sections, (), True)

    optional = [i for i, s in enumerate(sections) if s.optional]
    steps: list[FitStep] = []
    current = sections
    # Each pass drops one more optional item (last first), then shortens pauses
    # only as much as still needed.
    for dropped_count in range(len(optional) + 1):
        dropped = set(optional[len(optional) - dropped_count :])
        kept = tuple(s for i, s in enumerate(sections) if i not in dropped)
        shortened, gained = shorten_gaps(kept, total_duration(kept) - target)
        steps = []
        if gained > 0:
            steps.append(FitStep("Rút ngắn các khoảng lặng", gained))
        if dropped:
            titles = ", ".join(f"“{sections[i].title}”" for i in sorted(dropped, reverse=True))
            steps.append(FitStep(f"Bỏ mục không bắt buộc {titles}", sum(sections[i].duration for i in dropped)))
        current = shortened
        if total_duration(current) <= target + 1e-9:
            return FitPlan(target, natural, current, tuple(steps), True)

    if not allow_cut:
        return FitPlan(target, natural, current, tuple(steps), False)
    cut, gained = cut_at_sentence(current, total_duration(current) - target)
    if cut is None:
        return FitPlan(target, natural, current, tuple(steps), False)
    steps.append(FitStep("Kết thúc sớm mục cuối tại ranh giới câu", gained))
    return FitPlan(target, natural, cut, tuple(steps), True, cut=True)


def shorten_gaps(sections: tuple[Section, ...], excess: float) -> tuple[tuple[Section, ...], float]:
    """Shorten every gap by the same fraction of its slack, just enough to remove ``excess``."""
    slack = sum(p.duration - p.shortest for s in sections for p in s.pieces if p.kind == "gap")
    if excess <= 0 or slack <= 0:
        return sections, 0.0
    keep = max(0.0, 1.0 - excess / slack)  # fraction of each gap's slack kept

    def shorter(p: Piece) -> Piece:
        if p.kind != "gap" or p.min_duration is None:
            return p
        return replace(p, duration=p.shortest + (p.duration - p.shortest) * keep)

    result = tuple(s.with_pieces(shorter(p) for p in s.pieces) for s in sections)
    return result, total_duration(sections) - total_duration(result)


def cut_at_sentence(sections: tuple[Section, ...], excess: float) -> tuple[tuple[Section, ...] | None, float]:
    """End the bulletin's last items early, at a sentence end, keeping the outro whole.

    Returns the new sections and the seconds gained, or ``None`` when even
    cutting every item cannot remove ``excess``.
    """
    sections = list(sections)
    before = total_duration(sections)
    items = [i for i, s in enumerate(sections) if s.role == "item"]
    for index in reversed(items):
        section = sections[index]
        pieces = list(section.pieces)
        # The pause that closes the item stays, so the outro does not crowd in.
        tail = [pieces.pop()] if pieces and pieces[-1].kind == "gap" else []
        need = excess - (before - total_duration(sections))
        removed = 0.0
        for end in range(len(pieces) - 1, 0, -1):
            removed += pieces[end].duration
            keep = pieces[:end]
            if removed >= need and _ends_sentence(keep) and not all(p.is_title or p.kind == "gap" for p in keep):
                last = max(i for i, p in enumerate(keep) if p.kind != "gap")
                keep[last] = replace(keep[last], fade_out=min(CUT_FADE, keep[last].duration))
                sections[index] = section.with_pieces(keep[: last + 1] + tail)
                return _non_empty(sections), before - total_duration(sections)
        sections[index] = section.with_pieces(())  # the whole item goes
        if before - total_duration(sections) >= excess:
            return _non_empty(sections), before - total_duration(sections)
    return None, 0.0


def _non_empty(sections: list[Section]) -> tuple[Section, ...]:
    return tuple(s for s in sections if s.pieces)


def _ends_sentence(pieces: list[Piece]) -> bool:
    """True when the last sounding piece of ``pieces`` finishes a sentence."""
    for piece in reversed(pieces):
        if piece.kind == "gap":
            continue
        return piece.sentence_end
    return False
