"""Whole builds with real espeak-ng and ffmpeg, checked on the MP3 with ffmpeg's own meters.

The fit tests use recordings of known length (tones) so that each step is
needed by an exact amount; the loudness tests use real speech.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest
from audio_helpers import band_level, decode, ebur128, onset
from helpers import probe_duration, run_cli, tone, write_audio, write_script

from bulletin.audio.tags import read_tags
from bulletin.builder import BuildOptions, build
from bulletin.errors import FitError

RATE = 44100
OUTRO_HZ = 1500

TONE_STATION = """
[station]
name = "Đài Truyền thanh xã Thử"
ident = ""
closing = ""

[bulletin]
intro_jingle = ""
outro_jingle = "ket"

[cache]
folder = "cache"
"""


@pytest.fixture
def tones(station_dir, espeak):
    """A station without spoken idents, a 2 s outro tone, and tone 'recordings' of known length."""
    (station_dir / "bulletin.toml").write_text(TONE_STATION, encoding="utf-8")
    assets = station_dir / "audio_assets"
    write_audio(assets / "ket.wav", tone(2.0, freq=OUTRO_HZ), RATE)
    for name, seconds, freq in (("a", 10.0, 440), ("b", 10.0, 550), ("c1", 3.0, 700), ("c2", 3.0, 800),
                                ("c3", 3.0, 900)):
        write_audio(station_dir / "scripts" / f"{name}.wav", tone(seconds, freq=freq), RATE)
    return station_dir


def tone_script(folder: Path, target: str, *, optional_c: bool = False) -> Path:
    """Three items: A (10 s), B (10 s), C (three 3 s 'sentences'); natural length 34.0 s."""
    body = (
        "# A\n@notitle\n@audio a.wav\n\n"
        "# B\n@notitle\n@audio b.wav\n\n"
        "# C\n@notitle\n" + ("@optional\n" if optional_c else "") + "@audio c1.wav\n@audio c2.wav\n@audio c3.wav\n"
    )
    return write_script(folder / "scripts", "tones.md", body, front=f'title: Thử khớp\ntarget: "{target}"\n')


def built(folder: Path, target: str, *args: str, optional_c: bool = False):
    script = tone_script(folder, target, optional_c=optional_c)
    out = folder / "out" / "tones.mp3"
    result = run_cli("build", script, "-o", out, *args)
    return result, out


def chapters_of(path: Path) -> dict[str, tuple[float, float]]:
    return {c.title: (c.start, c.end) for c in read_tags(path).chapters}


def assert_outro_at_the_end(out: Path) -> None:
    """The outro jingle is whole and last, and its chapter starts where it is heard."""
    duration = probe_duration(out)
    start, end = chapters_of(out)["Kết thúc"]
    assert end == pytest.approx(duration, abs=0.06)  # the file's last frame is padding
    assert end - start == pytest.approx(2.0, abs=0.002)
    samples = decode(out)
    assert onset(samples, RATE, OUTRO_HZ) == pytest.approx(start, abs=0.03)
    assert band_level(samples, RATE, OUTRO_HZ, start + 0.2, start + 1.8) > -25


def test_natural_length_needs_no_fitting(tones):
    result, out = built(tones, "0:40")
    assert result.exit_code == 0, result.output
    assert "Không cần điều chỉnh." in result.output
    assert probe_duration(out) == pytest.approx(34.0, abs=0.06)
    assert_outro_at_the_end(out)


def test_pauses_alone_make_it_fit(tones):
    result, out = built(tones, "0:33")
    assert result.exit_code == 0, result.output
    assert "Rút ngắn các khoảng lặng vừa đủ" in result.output and "Đọc nhanh" not in result.output
    assert 32.9 < probe_duration(out) <= 33.0
    assert_outro_at_the_end(out)


def test_speed_up_keeps_pitch_and_fits(tones):
    result, out = built(tones, "0:32")
    assert result.exit_code == 0, result.output
    assert "Rút ngắn các khoảng lặng xuống mức tối thiểu" in result.output
    assert "Đọc nhanh hơn 1,9 % (giữ nguyên cao độ giọng)" in result.output
    assert 31.9 < probe_duration(out) <= 32.0
    assert_outro_at_the_end(out)
    samples = decode(out)
    start, end = chapters_of(out)["B"]
    # B's 10 s tone now lasts 10 / 1.0186 s, at the same 550 Hz.
    heard = onset(samples[::-1], RATE, 550, after=len(samples) / RATE - end - 0.1)
    assert (len(samples) / RATE - heard) - start == pytest.approx(10 / 1.0186, abs=0.05)
    segment = samples[round((start + 1) * RATE) : round((start + 8) * RATE)]
    peak = np.fft.rfftfreq(len(segment), 1 / RATE)[np.abs(np.fft.rfft(segment)).argmax()]
    assert peak == pytest.approx(550, abs=1)


def test_optional_item_is_dropped_when_speed_up_is_not_enough(tones):
    result, out = built(tones, "0:30", optional_c=True)
    assert result.exit_code == 0, result.output
    assert "Bỏ mục không bắt buộc “C”" in result.output
    assert list(chapters_of(out)) == ["A", "B", "Kết thúc"]
    assert probe_duration(out) == pytest.approx(24.0, abs=0.06)
    assert_outro_at_the_end(out)


def test_no_cut_without_allow_cut_and_no_file(tones):
    result, out = built(tones, "0:30")
    assert result.exit_code == 1
    assert "Lỗi:" in result.output and "--allow-cut" in result.output
    assert "0:34,0" in result.output and "0:30,4" in result.output  # natural and shortest possible
    assert not out.exists() and list((tones / "out").iterdir()) == []


def test_allow_cut_ends_at_a_sentence_and_keeps_the_outro(tones):
    result, out = built(tones, "0:30", "--allow-cut")
    assert result.exit_code == 0, result.output
    assert "Kết thúc sớm mục cuối tại ranh giới câu" in result.output
    assert 29.9 < probe_duration(out) <= 30.0
    assert_outro_at_the_end(out)
    samples = decode(out)
    start, end = chapters_of(out)["C"]
    # The first two 'sentences' are whole; the third is gone.
    assert band_level(samples, RATE, 700, start + 0.5, start + 2.5) > -30
    assert band_level(samples, RATE, 800, start + 3.5, start + 5.0) > -30
    assert band_level(samples, RATE, 900, start, end) < -50  # a present tone reads about -20


def test_check_predicts_the_same_steps(tones):
    script = tone_script(tones, "0:32")
    result = run_cli("check", script)
    assert result.exit_code == 0, result.output
    assert "Dự kiến khớp thời lượng:" in result.output
    assert "Đọc nhanh hơn 1,9 % (giữ nguyên cao độ giọng)" in result.output
    cut = run_cli("check", tone_script(tones, "0:30"))
    assert cut.exit_code == 1 and "--allow-cut" in cut.output
    allowed = run_cli("check", tone_script(tones, "0:30"), "--allow-cut")
    assert allowed.exit_code == 0 and "Kết thúc sớm mục cuối tại ranh giới câu" in allowed.output


def test_corrupt_recording_stops_before_synthesis(tones):
    (tones / "scripts" / "hong.mp3").write_bytes(b"ID3\x03\x00garbage" * 200)
    script = write_script(tones / "scripts", "hong.md",
                          "# Tin\n\nMột câu cần đọc bằng giọng máy.\n\n@audio hong.mp3\n")
    out = tones / "out" / "hong.mp3"
    result = run_cli("build", script, "-o", out)
    assert result.exit_code == 1
    assert "hong.mp3" in result.output and "dòng 8" in result.output and "không giải mã được" in result.output
    assert not out.exists() and list((tones / "out").iterdir()) == []
    clips = tones / "cache" / "clips"
    assert not clips.exists() or not any(p.is_file() for p in clips.rglob("*"))  # nothing was synthesized


# -- real speech -------------------------------------------------------------------


@pytest.fixture
def interview(station_dir, espeak):
    """A recorded 'interview': real speech at another rate, in stereo, as M4A, 20 dB quieter."""
    wav = station_dir / "scripts" / "raw.wav"
    subprocess.run(["espeak-ng", "-v", "vi", "-w", str(wav),
                    "Tôi là nông dân ở thôn ba. Năm nay gia đình tôi thu hoạch được mười tấn lúa. "
                    "Chúng tôi rất phấn khởi."], check=True)
    path = station_dir / "scripts" / "pv.m4a"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(wav), "-af", "volume=-20dB", "-ar", "48000",
                    "-ac", "2", str(path)], check=True)
    write_audio(station_dir / "scripts" / "nen.ogg", tone(7.0, freq=180, dbfs=-6), 22050)
    return path


def test_items_are_even_and_the_mp3_hits_the_loudness_target(station, station_dir, interview):
    script = write_script(station_dir / "scripts", "tin.md", (
        "# Tin một\n\nHội nghị đã tổng kết công tác sáu tháng đầu năm. Các đại biểu thảo luận sôi nổi.\n\n"
        "# Phỏng vấn\n@notitle\n@audio pv.m4a\n\n"
        "# Tin ba\n@bed nen.ogg\n\nNgười dân được hướng dẫn phòng chống bão lũ. Mọi nhà cần chuẩn bị lương thực.\n"
    ), front="title: Bản tin thử\nid: T-01\ndate: 2024-08-02\n")
    out = station_dir / "out" / "tin.mp3"
    result = build(script, out, station, BuildOptions(engine="espeak", wav=True))
    # espeak speech is peaky: its own peak control evens it, the final limiter only trims odd peaks.
    assert any(g.peak_control > 1.0 for g in result.levels if g.kind == "speech")
    assert result.limiter <= 6.0 and result.encodes == 1
    measured = ebur128(out)
    assert measured.integrated == pytest.approx(-16.0, abs=0.5)
    assert measured.true_peak <= -1.0
    assert result.loudness == pytest.approx(measured.integrated, abs=0.2)
    # The WAV copy meets the same target and ceiling on its own.
    wav = ebur128(result.wav)
    assert wav.integrated == pytest.approx(-16.0, abs=0.5) and wav.true_peak <= -1.0
    chapters = chapters_of(out)
    assert list(chapters) == ["Mở đầu", "Tin một", "Phỏng vấn", "Tin ba", "Kết thúc"]
    assert [c.title for c in result.chapters] == list(chapters)
    items = [ebur128(out, *chapters[title]).integrated for title in ("Tin một", "Phỏng vấn", "Tin ba")]
    assert max(items) - min(items) <= 1.0, items
    tags = read_tags(out)
    assert (tags.bulletin_id, tags.quarter, tags.engines, tags.language) == ("T-01", "2024-Q3", "espeak", "vie")
    assert float(tags.loudness) == pytest.approx(measured.integrated, abs=0.2)
    assert float(tags.true_peak) <= -1.0 and tags.loudness_target == "-16.0" and tags.true_peak_ceiling == "-1.0"


def test_ebu_preset_and_wav_copy(station_dir, interview):
    config = station_dir / "bulletin.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('preset = "truyen-thanh"', 'preset = "ebu-r128"'), encoding="utf-8")
    assert 'preset = "ebu-r128"' in config.read_text(encoding="utf-8")
    script = write_script(station_dir / "scripts", "r128.md", "# Phỏng vấn\n@audio pv.m4a\n")
    out = station_dir / "out" / "r128.mp3"
    result = run_cli("build", script, "-o", out, "--engine", "espeak", "--wav")
    assert result.exit_code == 0, result.output
    assert "mục tiêu -23,0" in result.output
    assert "Xử lý âm thanh: nhẹ" in result.output and "dB ở các đỉnh" not in result.output
    for path in (out, out.with_suffix(".wav")):
        measured = ebur128(path)
        assert measured.integrated == pytest.approx(-23.0, abs=0.5) and measured.true_peak <= -1.0
        assert [c.title for c in read_tags(path).chapters] == ["Mở đầu", "Phỏng vấn", "Kết thúc"]
    assert sorted(p.name for p in out.parent.iterdir()) == ["r128.mp3", "r128.wav"]


def test_sentences_are_never_cut_without_permission(station, station_dir, espeak):
    sentences = " ".join(f"Đây là câu thứ {n} của bản tin, được đọc chậm rãi và rõ ràng." for n in range(1, 9))
    script = write_script(station_dir / "scripts", "dai.md", f"# Tin dài\n\n{sentences}\n",
                          front='title: Bản tin dài\ntarget: "0:40"\n')
    out = station_dir / "out" / "dai.mp3"
    with pytest.raises(FitError):
        build(script, out, station, BuildOptions(engine="espeak"))
    assert not out.exists()
    result = build(script, out, station, BuildOptions(engine="espeak", allow_cut=True))
    assert result.plan.cut and probe_duration(out) <= 40.0
    item = next(s for s in result.plan.sections if s.title == "Tin dài")
    spoken = [p for p in item.pieces if p.kind == "speech"]
    assert spoken[-1].sentence_end and spoken[-1].fade_out > 0
    assert [c.title for c in result.chapters][-1] == "Kết thúc"


def test_pad_fills_exactly_ten_minutes(station, station_dir, espeak):
    script = write_script(station_dir / "scripts", "ngan.md", "# Tin ngắn\n\nBản tin hôm nay chỉ có một tin.\n")
    out = station_dir / "out" / "ngan.mp3"
    result = run_cli("build", script, "-o", out, "--engine", "espeak", "--pad")
    assert result.exit_code == 0, result.output
    assert "Thêm nhạc nền trước phần kết cho đủ 10:00" in result.output
    duration = probe_duration(out)
    assert 599.95 < duration <= 600.0
    titles = [c.title for c in read_tags(out).chapters]
    assert titles == ["Mở đầu", "Tin ngắn", "Nhạc nền", "Kết thúc"]
    # The speech at the target; the padding music at bed level does not count (nor pull the speech up).
    chapters = chapters_of(out)
    assert ebur128(out, *chapters["Tin ngắn"]).integrated == pytest.approx(-16.0, abs=0.5)
    assert ebur128(out).true_peak <= -1.0
    # More than a minute of music: said, and recorded in the tags and the log.
    assert "Cảnh báo: --pad đã thêm" in result.output
    padding = float(read_tags(out).padding)
    assert 500 < padding < 600
    logged = run_cli("log", "add", out, "--aired", "2/10/2024 6h30")
    assert logged.exit_code == 0 and "là nhạc đệm (--pad)" in logged.output
    from bulletin.log import store

    (record,) = store.current(station_dir / "broadcasts.db")
    assert record.padding_seconds == pytest.approx(padding, abs=0.1)


def test_inspect_reads_back_what_build_wrote(station, station_dir, espeak):
    script = write_script(station_dir / "scripts", "xem.md", "# Tin xem\n\nMột tin để xem lại.\n",
                          front="title: Bản tin xem\nid: X-9\n")
    out = station_dir / "out" / "xem.mp3"
    built_result = build(script, out, station, BuildOptions(engine="espeak"))
    result = run_cli("inspect", out)
    assert result.exit_code == 0, result.output
    assert "Tiêu đề: Bản tin xem" in result.output and "Mã bản tin: X-9" in result.output
    assert "MP3, 44100 Hz, mono, 128 kb/s" in result.output
    loudness = ebur128(out).integrated
    assert f"Độ lớn đo lại: {loudness:.1f} LUFS".replace(".", ",") in result.output
    for chapter in built_result.chapters:
        assert chapter.title in result.output
    assert run_cli("inspect", station_dir / "khong-co.mp3").exit_code == 1
