"""The audio boundary: decoding any input once, time-stretching, encoding, durations."""

from __future__ import annotations

import numpy as np
import pytest
from audio_helpers import decode as ffmpeg_decode
from helpers import probe_duration, tone, write_audio

from bulletin.audio import media
from bulletin.errors import AssetError, AudioError


@pytest.fixture
def inputs(tmp_path, ffmpeg):
    """The same 1 kHz tone (-12 dBFS) in every format, rate and channel count operators bring."""
    made = {}
    for name, rate, channels, seconds in (
        ("a.mp3", 48000, 2, 2.0), ("b.ogg", 22050, 1, 1.5), ("c.m4a", 32000, 2, 1.25),
        ("d.flac", 44100, 1, 1.2), ("e.wav", 22050, 2, 0.7), ("f.wav", 24000, 1, 0.9),
    ):
        made[name] = (write_audio(tmp_path / name, tone(seconds, freq=1000, rate=rate, channels=channels), rate),
                      seconds)
    return made


def test_every_input_is_converted_to_the_working_format(inputs):
    decoded = media.decode_many([p for p, _ in inputs.values()], 44100, 1)
    for name, (path, seconds) in inputs.items():
        sound = decoded[path]
        assert sound.rate == 44100 and sound.channels == 1 and sound.samples.dtype == np.float32, name
        # Compressed formats add a few ms of encoder padding at most.
        assert sound.duration == pytest.approx(seconds, abs=0.05), name
        spectrum = np.abs(np.fft.rfft(sound.samples[:, 0]))
        assert np.fft.rfftfreq(sound.frames, 1 / 44100)[spectrum.argmax()] == pytest.approx(1000, abs=2), name


def test_stereo_output_format(inputs):
    path, seconds = inputs["b.ogg"]
    sound = media.decode(path, 48000, 2)
    assert sound.channels == 2 and sound.rate == 48000
    assert np.allclose(sound.samples[:, 0], sound.samples[:, 1])


def test_each_file_is_decoded_once_even_when_named_twice(inputs):
    path, _ = inputs["a.mp3"]
    decoded = media.decode_many([path, path], 44100, 1)
    assert list(decoded) == [path]


def test_corrupt_file_is_named(tmp_path, inputs):
    bad = tmp_path / "hong.mp3"
    bad.write_bytes(b"ID3\x00not really audio" * 50)
    with pytest.raises(AssetError) as caught:
        media.decode_many([p for p, _ in inputs.values()] + [bad], 44100, 1)
    assert caught.value.path == bad
    assert "không giải mã được" in str(caught.value) and "hong.mp3" in str(caught.value)


def test_missing_and_empty_files_are_named(tmp_path, ffmpeg):
    with pytest.raises(AssetError, match="không tìm thấy"):
        media.decode(tmp_path / "khong-co.wav", 44100)
    empty = write_audio(tmp_path / "rong.wav", np.zeros((0, 1), np.float32), 44100)
    with pytest.raises(AssetError, match="độ dài bằng 0"):
        media.decode(empty, 44100)


def test_stretch_keeps_pitch_and_gives_exact_lengths(ffmpeg):
    rate = 44100
    sounds = [media.Sound(tone(seconds, freq=freq), rate) for seconds, freq in ((1.3, 440), (2.7, 660), (0.6, 880))]
    stretched = media.stretch(sounds, 1.08)
    for before, after in zip(sounds, stretched):
        assert after.frames == round(before.frames / 1.08)
        spectrum = np.abs(np.fft.rfft(after.samples[:, 0]))
        peak = np.fft.rfftfreq(after.frames, 1 / rate)[spectrum.argmax()]
        original = np.fft.rfftfreq(before.frames, 1 / rate)[np.abs(np.fft.rfft(before.samples[:, 0])).argmax()]
        assert peak == pytest.approx(original, abs=3)  # same pitch, not 8 % higher
        # The sound is where the plan expects it: it starts and ends within a few ms of the edges.
        loud = np.flatnonzero(np.abs(after.samples[:, 0]) > 0.05)
        assert loud[0] < 0.02 * rate and loud[-1] > after.frames - 0.02 * rate


def test_encode_is_atomic_and_mp3_lasts_at_most_its_budget(tmp_path, ffmpeg):
    for seconds in (5.0, 7.3):
        frames = media.max_frames(seconds, 44100, "mp3")
        out = media.encode(media.Sound(tone(frames / 44100), 44100), tmp_path / "x.mp3", bitrate="96k")
        measured = probe_duration(out)
        assert measured <= seconds and measured > seconds - 0.06
        assert media.file_duration(out) == pytest.approx(measured, abs=1e-3)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.mp3"]  # no temporary left behind


def test_failed_encode_leaves_nothing(tmp_path, ffmpeg):
    with pytest.raises(AudioError) as caught:
        media.encode(media.Sound(tone(1.0), 44100), tmp_path / "x.mp3", bitrate="no-such-bitrate")
    assert caught.value.path == tmp_path / "x.mp3"
    assert "ffmpeg không mã hóa được âm thanh" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_wav_export_roundtrip(tmp_path, ffmpeg):
    sound = media.Sound(tone(1.0, freq=500, channels=2), 44100)
    out = media.encode(sound, tmp_path / "x.wav")
    back = ffmpeg_decode(out, channels=2)
    assert back.shape == (44100, 2)
    assert np.max(np.abs(back - sound.samples)) < 1e-3


def test_codec_gain_compensates_what_the_encoder_does(tmp_path, ffmpeg):
    gain = media.codec_gain(44100, 1, "128k")
    sound = media.Sound(tone(3.0, freq=1000, dbfs=-20), 44100)
    out = media.encode(sound, tmp_path / "x.mp3")
    back = ffmpeg_decode(out)[44100:88200]
    measured = 10 * np.log10(np.mean(back.astype(np.float64) ** 2) / np.mean(sound.samples[44100:88200] ** 2))
    assert measured == pytest.approx(gain, abs=0.05)
