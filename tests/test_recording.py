"""The Department's ready-made bulletin: a downloaded recording built, checked, inspected as a bulletin.

The recordings are made by the tests (speech-like bursts with pauses, encoded by the real ffmpeg);
every level and duration claim is measured on the written MP3 with ffmpeg's ebur128 filter.
"""

from __future__ import annotations

import numpy as np
import pytest
from audio_helpers import decode, ebur128
from helpers import probe_duration, run_cli
from recording_helpers import talk, write_recording

from bulletin.audio.tags import read_tags
from bulletin.errors import ScriptError
from bulletin.script import load_script

RATE = 44100


@pytest.fixture(scope="module")
def downloads(tmp_path_factory, station_template):
    """A 10:20 MP3 with tags, a quiet 48 kHz stereo M4A without tags, a 9:30 WAV.

    (``station_template`` is asked for its check that ffmpeg is installed: fail under CI, skip elsewhere.)
    """
    folder = tmp_path_factory.mktemp("downloads")
    long, bursts = talk(620.0, long_pause_every=150.0)
    mp3 = write_recording(folder / "ban-tin-so.mp3", long, RATE, level_db=-24.0, codec=["-b:a", "128k"],
                          tags={"title": "Biển đảo quê hương", "date": "2024-08-15"})
    short, _ = talk(180.0, seed=2)
    m4a = write_recording(folder / "thong-tin-doi-ngoai_2024-08-15.m4a", short, RATE, level_db=-40.0, channels=2,
                          out_rate=48000, codec=["-c:a", "aac", "-b:a", "96k"])
    nine, _ = talk(570.0, seed=3)
    wav = write_recording(folder / "ban-tin-thang-9.wav", nine, RATE, level_db=-20.0)
    return {"mp3": mp3, "m4a": m4a, "wav": wav, "mp3 bursts": bursts}


def set_station(station_dir, **values: str) -> None:
    """Change [bulletin] keys of the station's bulletin.toml (values written as TOML)."""
    config = station_dir / "bulletin.toml"
    lines = config.read_text(encoding="utf-8").splitlines()
    for key, value in values.items():
        lines = [f"{key} = {value}" if line.split("=")[0].strip() == key else line for line in lines]
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")


CASES = {
    # kind: (wrap, title the build finds, what inspect says before)
    "mp3": (True, "Biển đảo quê hương", ["dài quá mục tiêu 10:00", "phát nhanh hơn khoảng"]),
    "m4a": (False, "thong tin doi ngoai", ["nhỏ hơn mục tiêu -16,0 LUFS", "thiếu tiêu đề",
                                           "[đạt] Thời lượng 3:00,0"]),
    "wav": (True, "ban tin thang 9", ["[đạt] Thời lượng 9:30,0", "[CHƯA ĐẠT] Độ lớn"]),
}


@pytest.mark.parametrize("kind", list(CASES))
def test_a_ready_made_recording_builds_to_a_compliant_bulletin(downloads, station_dir, espeak, kind):
    wrap, title, before_says = CASES[kind]
    source = downloads[kind]
    before = run_cli("inspect", source)
    assert before.exit_code == 1, before.output
    assert "Kết luận: tệp CHƯA đạt yêu cầu" in before.output
    for phrase in before_says:
        assert phrase in before.output, before.output

    out = station_dir / "out" / f"{kind}.mp3"
    built = run_cli("build", source, "-o", out, "--engine", "espeak", "--wrap" if wrap else "--no-wrap",
                    "--id", f"SO-{kind}")
    assert built.exit_code == 0, built.output

    measured = ebur128(out)
    assert probe_duration(out) <= 600.0
    assert measured.integrated == pytest.approx(-16.0, abs=0.5)
    assert measured.true_peak <= -1.0
    tags = read_tags(out)
    assert tags.title == title and tags.bulletin_id == f"SO-{kind}"
    chapters = [c.title for c in tags.chapters]
    if wrap:
        assert chapters == ["Mở đầu", title, "Kết thúc"]
        assert ebur128(out, 0.0, 1.5).integrated > -30.0  # the intro jingle sounds at once
    else:
        assert chapters == [title]
    after = run_cli("inspect", out)
    assert after.exit_code == 0, after.output
    assert "Kết luận: tệp đạt yêu cầu" in after.output


def test_the_long_recording_is_sped_up_within_the_limit_and_its_ends_trimmed(downloads, station_dir, espeak):
    result = run_cli("check", downloads["mp3"], "--engine", "espeak")
    assert result.exit_code == 0, result.output
    assert "Đọc nhanh hơn" in result.output
    speed = float(result.output.split("Đọc nhanh hơn ")[1].split(" %")[0].replace(",", "."))
    assert 0 < speed <= 8.0
    trimmed = result.output.split("Khoảng lặng bỏ đi: đầu ")[1].split(" (")[0]
    head, tail = (float(x.replace(",", ".")) for x in trimmed.replace(" giây", "").split(", cuối "))
    bursts = downloads["mp3 bursts"]
    assert head == pytest.approx(bursts[0][0] - 0.3, abs=0.1)  # 0.3 s of silence kept before the first sound
    assert tail == pytest.approx(620.0 - bursts[-1][1] - 0.3, abs=0.1)


def test_check_shows_what_the_tags_and_the_name_gave(downloads, station_dir):
    tagged = run_cli("check", downloads["mp3"], "--engine", "espeak")
    assert "Tiêu đề: Biển đảo quê hương (thẻ của tệp)" in tagged.output
    assert "Ngày: 15/08/2024 (thẻ của tệp)" in tagged.output
    assert "Thời lượng tệp: 10:20,0 (đo trên tệp)" in tagged.output
    untagged = run_cli("check", downloads["m4a"], "--engine", "espeak", "--no-wrap")
    assert untagged.exit_code == 0, untagged.output
    assert "Tiêu đề: thong tin doi ngoai (tên tệp)" in untagged.output
    assert "Ngày: 15/08/2024 (tên tệp)" in untagged.output
    assert "Chuyên mục: Thông tin đối ngoại (cấu hình đài)" in untagged.output
    assert "Mã bản tin đề xuất: TTĐN-" in untagged.output
    assert "Mở đầu" not in untagged.output and "Kết thúc" not in untagged.output
    named = run_cli("check", downloads["m4a"], "--engine", "espeak", "--title", "Bản tin tháng 8")
    assert "Kịch bản: " in named.output and "“Bản tin tháng 8”" in named.output
    assert "Mở đầu" in named.output and "Kết thúc" in named.output  # the station default wraps


def test_the_station_default_decides_the_wrapping(downloads, station_dir):
    set_station(station_dir, wrap="false")
    unwrapped = run_cli("check", downloads["wav"], "--engine", "espeak")
    assert unwrapped.exit_code == 0 and "Mở đầu" not in unwrapped.output
    wrapped = run_cli("check", downloads["wav"], "--engine", "espeak", "--wrap")
    assert "Mở đầu" in wrapped.output and "Kết thúc" in wrapped.output
    set_station(station_dir, wrap='"có"')
    wrong = run_cli("check", downloads["wav"])
    assert wrong.exit_code != 0 and "bulletin.wrap phải là true hoặc false" in wrong.output


@pytest.fixture
def short_talk(tmp_path):
    """A 45-second recording: long pauses (2.6 s) after the bursts ending past 12 s and 26 s."""
    samples, bursts = talk(45.0, long_pause_every=12.0, lead=1.0, tail=1.0, seed=7)
    path = write_recording(tmp_path / "ngan.wav", samples, RATE, level_db=-22.0)
    return path, bursts


def test_split_at_silence_makes_a_chapter_at_every_long_pause(short_talk, station_dir, espeak):
    path, bursts = short_talk
    pauses = [(a_end, b_start) for (_, a_end), (b_start, _) in zip(bursts, bursts[1:]) if b_start - a_end > 2.0]
    assert len(pauses) >= 2
    out = station_dir / "out" / "phan.mp3"
    result = run_cli("build", path, "-o", out, "--engine", "espeak", "--no-wrap", "--split-at-silence")
    assert result.exit_code == 0, result.output
    chapters = read_tags(out).chapters
    assert [c.title for c in chapters] == [f"Phần {n}" for n in range(1, len(pauses) + 2)]
    lead = bursts[0][0] - 0.3  # silence trimmed at the start
    for chapter, (quiet_from, quiet_to) in zip(chapters[1:], pauses):
        assert quiet_from - lead < chapter.start < quiet_to - lead


def test_a_recording_too_long_is_cut_only_with_allow_cut_and_only_in_a_pause(short_talk, station_dir, espeak):
    set_station(station_dir, target='"0:30"')
    path, _ = short_talk
    refused = run_cli("check", path, "--engine", "espeak", "--no-wrap")
    assert refused.exit_code == 1 and "dùng --allow-cut để kết thúc sớm tại một khoảng lặng" in refused.output
    out = station_dir / "out" / "cat.mp3"
    assert run_cli("build", path, "-o", out, "--engine", "espeak", "--no-wrap").exit_code == 1
    assert not out.exists()
    result = run_cli("build", path, "-o", out, "--engine", "espeak", "--no-wrap", "--allow-cut")
    assert result.exit_code == 0, result.output
    assert probe_duration(out) <= 30.0
    samples = decode(out)
    tail = samples[-round(0.15 * RATE):]
    body = samples[: round(20 * RATE)]
    # The bulletin ends in a pause: its last 0.15 s are silent, not faded speech.
    assert 20 * np.log10(np.sqrt(np.mean(tail ** 2)) + 1e-9) < 20 * np.log10(np.sqrt(np.mean(body ** 2))) - 40


def test_a_broken_or_silent_recording_gives_a_clear_message(tmp_path, station, station_dir):
    broken = tmp_path / "hong.mp3"
    broken.write_bytes(b"day khong phai am thanh" * 100)
    result = run_cli("build", broken)
    assert result.exit_code == 1 and result.output.startswith("Lỗi: ")
    assert "hong.mp3" in result.output and "không giải mã được" in result.output
    silent = write_recording(tmp_path / "im-lang.wav", np.zeros(RATE * 5, dtype=np.float32), RATE, level_db=0.0)
    result = run_cli("check", silent)
    assert result.exit_code == 1 and "không có tiếng" in result.output
    with pytest.raises(ScriptError, match="không tìm thấy tệp ghi âm"):
        load_script(tmp_path / "khong-co.m4a", station)
