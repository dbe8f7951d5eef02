"""Fitting to the target: pure planning over sections, one test per step and its order."""

from __future__ import annotations

import pytest

from bulletin.plan.fit import plan_fit
from bulletin.plan.timeline import Piece, Section, layout, total_duration


def voice(seconds: float, *, end: bool = True, title: bool = False, key: str = "v") -> Piece:
    return Piece("speech", seconds, key, sentence_end=end, is_title=title)


def gap(seconds: float = 1.0, shortest: float | None = 0.5) -> Piece:
    return Piece("gap", seconds, None, min_duration=shortest)


def item(title: str, *pieces: Piece, optional: bool = False) -> Section:
    return Section(title, "item", tuple(pieces) + (gap(),), optional)


OUTRO = Section("Kết thúc", "outro", (voice(4.0, key="closing"), Piece("jingle", 3.0, "outro")))


def bulletin(*items: Section) -> tuple[Section, ...]:
    return (Section("Mở đầu", "intro", (Piece("jingle", 3.0, "intro"), voice(2.0), gap())),) + items + (OUTRO,)


# Natural length: intro 6 + items + outro 7. Gap slack: 0.5 per gap.
THREE = bulletin(item("A", voice(10.0)), item("B", voice(10.0)), item("C", voice(10.0)))  # 6 + 33 + 7 = 46


def test_short_bulletin_is_left_alone():
    plan = plan_fit(THREE, 60.0)
    assert plan.fits and plan.steps == () and plan.final == pytest.approx(46.0)
    assert plan.report()[1] == "Không cần điều chỉnh."


def test_pauses_are_shortened_first_and_only_as_needed():
    plan = plan_fit(THREE, 45.0)
    assert [s.kind for s in plan.steps] == ["gaps"]
    assert plan.final <= 45.0 and plan.final == pytest.approx(45.0, abs=0.01)
    gaps = [p.duration for s in plan.sections for p in s.pieces if p.kind == "gap"]
    assert all(0.5 <= g < 1.0 for g in gaps)
    assert plan.tempo == 1.0


def test_speech_is_sped_up_after_pauses_are_at_their_minimum():
    plan = plan_fit(THREE, 43.0, max_speedup=0.08)
    assert [s.kind for s in plan.steps] == ["gaps", "speed"]
    assert all(p.duration == 0.5 for s in plan.sections for p in s.pieces if p.kind == "gap")
    assert 1.0 < plan.tempo <= 1.08
    assert plan.final == pytest.approx(43.0, abs=0.01)
    sped = [p for s in plan.sections[:-1] for p in s.pieces if p.is_voice]
    assert all(p.tempo == plan.tempo for p in sped)
    assert [p.duration for p in sped] == pytest.approx([d / plan.tempo for d in (2.0, 10.0, 10.0, 10.0)])
    assert plan.sections[-1] == OUTRO  # the closing ident keeps its pace
    # Jingles are music: never stretched.
    assert [p.duration for s in plan.sections for p in s.pieces if p.kind == "jingle"] == [3.0, 3.0]
    gains = {s.kind: s.gained for s in plan.steps}
    assert gains["gaps"] == pytest.approx(2.0) and sum(gains.values()) == pytest.approx(46.0 - plan.final)


def test_optional_items_go_last_first_and_the_rest_relaxes_again():
    sections = bulletin(item("A", voice(10.0), optional=True), item("B", voice(10.0)),
                        item("C", voice(10.0), optional=True))
    # Pauses and 8 % give at most 2 + 34 * (1 - 1/1.08) = 4.5 s: not enough for 40 s.
    plan = plan_fit(sections, 40.0, max_speedup=0.08)
    assert plan.fits
    assert [s.title for s in plan.sections] == ["Mở đầu", "A", "B", "Kết thúc"]
    assert [s.kind for s in plan.steps] == ["drop"]  # 35 s without C: nothing else needed
    assert "“C”" in plan.steps[0].action
    assert plan.tempo == 1.0


def test_second_optional_item_dropped_only_when_the_first_is_not_enough():
    sections = bulletin(item("A", voice(10.0), optional=True), item("B", voice(10.0)),
                        item("C", voice(5.0), optional=True))
    plan = plan_fit(sections, 27.0, max_speedup=0.08)
    assert [s.title for s in plan.sections] == ["Mở đầu", "B", "Kết thúc"]
    drop = plan.step("drop")
    assert "“C”, “A”" in drop.action
    assert sum(s.gained for s in plan.steps) == pytest.approx(total_duration(sections) - plan.final)


def test_mandatory_content_that_cannot_fit_is_reported_with_numbers():
    plan = plan_fit(THREE, 30.0, max_speedup=0.08)
    assert not plan.fits and not plan.cut
    # Shortest possible: 46 s less 4 pauses * 0.5 s less 32 s of speech * (1 - 1/1.08);
    # the closing ident (4 s) is never sped up.
    assert plan.shortest == pytest.approx(44.0 - 32.0 * (1 - 1 / 1.08), abs=0.01)
    assert plan.report()[-1].startswith("Không khớp được: ngắn nhất có thể là 0:41,6")


def test_cut_ends_the_last_item_at_a_sentence_end_and_keeps_the_closing():
    last = item("C", voice(3.0, title=True), voice(4.0, end=False), voice(4.0), voice(4.0, end=False), voice(4.0))
    sections = bulletin(item("A", voice(10.0)), last)  # 6 + 11 + 20 + 7 = 44
    plan = plan_fit(sections, 38.0, max_speedup=0.08, allow_cut=True, cut_fade=0.4)
    assert plan.fits and plan.cut
    assert [s.kind for s in plan.steps][-1] == "cut"
    cut = plan.sections[2]
    spoken = [p for p in cut.pieces if p.kind == "speech"]
    # Ends after the first whole sentence (title + two clips), never mid-sentence.
    assert len(spoken) == 3 and spoken[-1].sentence_end and spoken[-1].fade_out == 0.4
    assert cut.pieces[-1].kind == "gap"  # the pause before the closing stays
    assert plan.sections[-1] == OUTRO
    assert plan.final <= 38.0
    # After the cut there was room again: speech is only as fast as needed.
    assert plan.tempo < 1.08


def test_without_allow_cut_nothing_is_cut():
    last = item("C", voice(3.0, title=True), voice(4.0), voice(4.0), voice(4.0))
    plan = plan_fit(bulletin(item("A", voice(10.0)), last), 30.0, max_speedup=0.08)
    assert not plan.fits
    assert all(p.fade_out == 0 for s in plan.sections for p in s.pieces)


def test_an_item_is_never_cut_down_to_its_title():
    last = item("C", voice(3.0, title=True), voice(20.0))
    sections = bulletin(item("A", voice(10.0)), item("B", voice(10.0)), last)
    plan = plan_fit(sections, 40.0, allow_cut=True)
    assert plan.fits and [s.title for s in plan.sections] == ["Mở đầu", "A", "B", "Kết thúc"]


def test_pad_fills_exactly_before_the_closing():
    plan = plan_fit(THREE, 60.0, limit=59.97, pad_bed="bed.flac")
    assert [s.kind for s in plan.steps] == ["pad"]
    assert plan.final == pytest.approx(59.97 - 0.001, abs=1e-6)
    assert [s.role for s in plan.sections] == ["intro", "item", "item", "item", "pad", "outro"]
    pad = plan.sections[4].pieces[0]
    assert pad.bed == "bed.flac" and pad.sound is None and pad.duration == pytest.approx(13.969, abs=0.001)
    assert plan.steps[0].gained < 0


def test_limit_is_what_the_sections_may_last():
    plan = plan_fit(THREE, 46.0, limit=45.9)
    assert [s.kind for s in plan.steps] == ["gaps"] and plan.final <= 45.9


def test_layout_follows_the_plan_with_crossfades():
    sections = (
        Section("Mở đầu", "intro", (Piece("jingle", 4.0, "intro", fade_out=0.5),
                                     Piece("speech", 2.0, "id", overlap=0.5))),
        Section("A", "item", (Piece("speech", 3.0, "a"), Piece("gap", 1.0))),
        Section("Kết thúc", "outro", (Piece("speech", 2.0, "c"), Piece("jingle", 3.0, "outro", overlap=0.5,
                                                                        fade_in=0.5))),
    )
    timeline = layout(sections)
    assert [round(p.start, 3) for p in timeline.placements] == [0.0, 3.5, 5.5, 8.5, 9.5, 11.0]
    assert timeline.duration == pytest.approx(14.0) == total_duration(sections)
    assert [(c.start, c.end) for c in timeline.chapters] == [(0.0, 5.5), (5.5, 9.5), (9.5, 14.0)]
