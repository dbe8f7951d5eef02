"""Mixing: pieces in one buffer, jingle crossfades, the ducked and looped bed, headroom."""

from __future__ import annotations

import numpy as np
import pytest
from audio_helpers import band_level
from helpers import tone

from bulletin.audio.media import Sound
from bulletin.audio.mix import render
from bulletin.plan.timeline import BedStyle, Piece, Section, layout

RATE = 44100


def sounds(**parts) -> dict[str, Sound]:
    return {key: Sound(samples, RATE) for key, samples in parts.items()}


def test_pieces_land_at_their_times_with_gain_and_nothing_clips():
    timeline = layout([Section("A", "item", (
        Piece("speech", 1.0, "a", gain=6.0), Piece("gap", 0.5), Piece("recording", 1.0, "b", gain=-6.0),
    ))])
    mix = render(timeline, sounds(a=tone(1.0, dbfs=-3), b=tone(1.0, dbfs=-3)), rate=RATE)
    assert mix.frames == round(2.5 * RATE)
    first, silence, second = mix.samples[:RATE, 0], mix.samples[RATE:round(1.5 * RATE), 0], mix.samples[-RATE:, 0]
    # +6 dB on a -3 dBFS tone goes past full scale: kept in float, for the limiter to handle.
    assert np.abs(first).max() == pytest.approx(10 ** (3 / 20), rel=0.01)
    assert np.abs(silence).max() == 0.0
    assert np.abs(second).max() == pytest.approx(10 ** (-9 / 20), rel=0.01)


def test_jingle_crossfades_into_speech():
    sections = [Section("Mở đầu", "intro", (
        Piece("jingle", 3.0, "j", fade_out=1.0), Piece("speech", 2.0, "s", overlap=1.0),
    ))]
    timeline = layout(sections)
    assert timeline.duration == pytest.approx(4.0)
    mix = render(timeline, sounds(j=tone(3.0, freq=300), s=tone(2.0, freq=1200)), rate=RATE).samples[:, 0]
    # During the overlap both are heard, the jingle fading out; after it only speech.
    assert band_level(mix, RATE, 300, 2.05, 2.45) > band_level(mix, RATE, 300, 2.55, 2.95) + 3
    assert band_level(mix, RATE, 1200, 2.1, 2.9) > band_level(mix, RATE, 1200, 0.5, 1.5) + 40
    assert band_level(mix, RATE, 300, 3.2, 3.9) < band_level(mix, RATE, 300, 0.5, 1.5) - 40


def test_bed_is_ducked_under_voice_by_the_configured_depth_and_looped():
    style = BedStyle(depth=18.0, attack=0.3, release=0.8, hold=1.0, fade=1.0)
    # voice 4 s, a 4 s pause, voice 4 s; a 3 s bed must loop under all of it.
    pieces = (Piece("recording", 4.0, "v", bed="bed"), Piece("gap", 4.0, None, bed="bed"),
              Piece("recording", 4.0, "v", bed="bed"))
    mix = render(layout([Section("A", "item", pieces)]), sounds(v=tone(4.0, freq=1000), bed=tone(3.0, freq=200)),
                 rate=RATE, bed_gains={"bed": -10.0}, style=style).samples[:, 0]
    under = band_level(mix, RATE, 200, 1.5, 3.5)
    pause = band_level(mix, RATE, 200, 5.0, 7.0)
    assert pause - under == pytest.approx(18.0, abs=1.0)
    # In the pause the bed plays at its level: -10 dB on a -12 dBFS tone.
    assert np.abs(mix[round(5.5 * RATE) : round(6.5 * RATE)]).max() == pytest.approx(10 ** (-22 / 20), rel=0.03)
    # Still there at the end (looped), ducked, and faded out at the very end.
    assert band_level(mix, RATE, 200, 9.5, 10.5) == pytest.approx(under, abs=1.5)
    assert band_level(mix, RATE, 200, 11.9, 12.0) < band_level(mix, RATE, 200, 10.4, 10.5) - 10


def test_ducking_glides_and_short_pauses_keep_the_bed_down():
    style = BedStyle(depth=20.0, attack=0.3, release=0.8, hold=1.0, fade=0.1)
    pieces = (Piece("gap", 2.0, None, bed="bed"), Piece("speech", 2.0, "v", bed="bed"),
              Piece("gap", 0.6, None, bed="bed"), Piece("speech", 2.0, "v", bed="bed"),
              Piece("gap", 3.0, None, bed="bed"))
    mix = render(layout([Section("A", "item", pieces)]),
                 sounds(v=np.zeros((round(2.0 * RATE), 1), np.float32), bed=np.ones((RATE, 1), np.float32)),
                 rate=RATE, style=style).samples[:, 0]
    level = 20 * np.log10(np.abs(mix) + 1e-12)

    def at(t):
        return level[round(t * RATE)]

    assert at(1.0) == pytest.approx(0.0, abs=0.1)
    assert at(1.85) == pytest.approx(-10.0, abs=1.0)  # halfway down, before the voice
    assert at(2.0) == pytest.approx(-20.0, abs=0.5)  # fully down as the voice starts
    assert at(4.3) == pytest.approx(-20.0, abs=0.1)  # a 0.6 s pause stays ducked
    assert at(6.6 + 0.4) == pytest.approx(-10.0, abs=1.0)  # halfway back up after release/2
    assert at(8.0) == pytest.approx(0.0, abs=0.1)


def test_render_to_an_exact_length():
    timeline = layout([Section("A", "item", (Piece("speech", 1.0, "a"),))])
    mix = render(timeline, sounds(a=tone(1.0)), rate=RATE, frames=RATE - 10)
    assert mix.frames == RATE - 10
