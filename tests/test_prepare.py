"""``check`` and ``build`` share one preparation: the check predicts the build's own plan."""

from __future__ import annotations

from dataclasses import replace

import pytest
from helpers import probe_duration, tone, write_audio, write_script

from bulletin.audio import media
from bulletin.builder import build
from bulletin.checker import check
from bulletin.errors import EngineError
from bulletin.prepare import BuildOptions, prepare

BODY = """Kính thưa quý vị và các bạn.

# Mùa vụ mới

Bà con nông dân xuống giống đúng lịch thời vụ. Cán bộ khuyến nông hướng dẫn từng thôn.

@audio pv.wav

# Tin vắn
@optional

Trạm y tế xã thông báo lịch tiêm chủng cho trẻ em trong tháng này.
"""


@pytest.fixture
def stereo(station):
    """A stereo station whose target is short enough that the optional item must go."""
    return replace(station, audio=replace(station.audio, channels=2))


@pytest.fixture
def script(station_dir, espeak):
    write_audio(station_dir / "pv.wav", tone(4.0, rate=48000, channels=1), 48000)
    return write_script(station_dir, "thu.md", BODY, front="title: Bản tin thử\ntarget: 0:33\n")


def test_check_plans_exactly_what_build_does_for_stereo_wav_without_fallback(stereo, station_dir, script):
    options = BuildOptions(engine="espeak", fallback=False)
    out = station_dir / "out" / "thu.wav"
    predicted = check(script, stereo, options, output=out)
    built = build(script, out, stereo, options)

    # The same output limits: a WAV holds a different number of frames than an MP3.
    rate = stereo.audio.sample_rate
    wav_limit = media.max_frames(33.0, rate, "wav") / rate
    assert predicted.plan.limit == built.plan.limit == wav_limit
    assert wav_limit != media.max_frames(33.0, rate, "mp3") / rate
    # The same decisions, from estimated durations on one side and measured ones on the other.
    assert [s.kind for s in predicted.plan.steps] == [s.kind for s in built.plan.steps]
    assert [s.title for s in predicted.plan.sections] == [s.title for s in built.plan.sections]
    assert "drop" in [s.kind for s in built.plan.steps]  # the optional item had to go
    assert predicted.engine == "espeak" and built.engines == ("espeak",)
    assert probe_duration(out) <= 33.0


def test_check_decodes_in_the_configured_channels(stereo, script):
    prepared = prepare(script, stereo, BuildOptions(engine="espeak"))
    assert prepared.sounds and all(sound.channels == 2 for sound in prepared.sounds.values())


def test_no_fallback_is_honoured_by_check_as_by_build(station, station_dir, script):
    """Offline (as in tests), auto without fallback cannot speak: check says so and build refuses."""
    with_fallback = check(script, station, BuildOptions(engine="auto"))
    assert with_fallback.ok and with_fallback.engine == "espeak"
    without = check(script, station, BuildOptions(engine="auto", fallback=False))
    assert not without.ok
    with pytest.raises(EngineError):
        build(script, station_dir / "out" / "x.mp3", station, BuildOptions(engine="auto", fallback=False))
    assert not (station_dir / "out" / "x.mp3").exists()
