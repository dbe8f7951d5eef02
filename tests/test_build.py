"""End to end: a script built with the real espeak-ng and ffmpeg, read back from the file."""

from __future__ import annotations

import re

import pytest
from helpers import probe_duration, run_cli, tone, write_audio, write_script

from bulletin.audio.tags import read_tags
from bulletin.builder import BuildOptions, build
from bulletin.checker import check
from bulletin.errors import FitError

BODY = """Kính thưa quý vị và các bạn.

# Quảng bá sản phẩm địa phương

Huyện giới thiệu nhiều sản phẩm tới du khách trong và ngoài nước. Các sản phẩm được đón nhận.

@audio pv.mp3

# Biển đảo quê hương
@optional

Ngư dân vươn khơi bám biển. Chính quyền hỗ trợ bà con yên tâm sản xuất.
"""

ESPEAK = BuildOptions(engine="espeak")  # offline: tests never use the network

FRONT = "title: Bản tin thử nghiệm\nid: TTĐN-2024-Q3-09\ndate: 2024-08-15\nlevel: ưu tiên\n"


@pytest.fixture
def script(station_dir, espeak):
    # A recording in another rate, channel count and format than the working one.
    write_audio(station_dir / "pv.mp3", tone(3.0, rate=48000, channels=2), 48000, b="96k")
    return write_script(station_dir, "thu.md", BODY, front=FRONT)


def test_build_writes_a_tagged_mp3_read_back(station, station_dir, script):
    out = station_dir / "out" / "thu.mp3"
    result = run_cli("build", script, "-o", out, "--engine", "espeak")
    assert result.exit_code == 0, result.output
    assert out.is_file()
    duration = probe_duration(out)
    assert 15 < duration < 600
    assert f"Đã tạo: {out}" in result.output

    tags = read_tags(out)
    assert tags.title == "Bản tin thử nghiệm"
    assert tags.station == station.name
    assert tags.series == "Thông tin đối ngoại"
    assert tags.date == "2024-08-15"
    assert tags.bulletin_id == "TTĐN-2024-Q3-09"
    assert tags.quarter == "2024-Q3"
    assert tags.level == "ưu tiên"
    assert tags.language == "vie"
    assert tags.engines == "espeak"
    assert len(tags.script_sha256) == 64
    assert [c.title for c in tags.chapters] == [
        "Mở đầu", "Quảng bá sản phẩm địa phương", "Biển đảo quê hương", "Kết thúc"]
    # Chapters tile the whole file, in order.
    assert tags.chapters[0].start == 0
    for before, after in zip(tags.chapters, tags.chapters[1:]):
        assert before.end == pytest.approx(after.start, abs=0.002)
    assert tags.chapters[-1].end == pytest.approx(duration, abs=0.1)
    # The recording (3 s) lies inside its item.
    item = tags.chapters[1]
    assert item.end - item.start > 3.0
    # Nothing but the result was left in the output folder.
    assert sorted(p.name for p in out.parent.iterdir()) == ["thu.mp3"]


def test_check_estimate_is_close_to_the_build(station, station_dir, script):
    estimate = check(script, station, engine="espeak")
    assert estimate.ok
    result = build(script, station_dir / "out" / "a.mp3", station, ESPEAK)
    assert result.duration == pytest.approx(estimate.total, rel=0.15)
    assert [s.title for s in estimate.sections] == [c.title for c in result.chapters]


def test_too_long_drops_the_optional_item(station, station_dir, script):
    natural = build(script, station_dir / "out" / "full.mp3", station, ESPEAK).duration
    optional_len = [c for c in read_tags(station_dir / "out" / "full.mp3").chapters
                    if c.title == "Biển đảo quê hương"][0]
    # Shorter by nearly the whole optional item: more than pauses and speed-up can give.
    target = natural - (optional_len.end - optional_len.start) * 0.9
    minutes, seconds = divmod(target, 60)
    short = write_script(station_dir, "ngan.md", BODY,
                         front=FRONT + f'target: "{int(minutes)}:{seconds:04.1f}"\n')
    out = station_dir / "out" / "ngan.mp3"
    result = run_cli("build", short, "-o", out, "--engine", "espeak")
    assert result.exit_code == 0, result.output
    assert "Bỏ mục không bắt buộc “Biển đảo quê hương”" in result.output
    assert probe_duration(out) <= target
    assert [c.title for c in read_tags(out).chapters] == ["Mở đầu", "Quảng bá sản phẩm địa phương", "Kết thúc"]


def test_cannot_fit_stops_with_numbers_and_no_file(station, station_dir, script):
    short = write_script(station_dir, "ngan.md", BODY, front=FRONT + 'target: "0:10"\n')
    out = station_dir / "out" / "ngan.mp3"
    with pytest.raises(FitError, match="vượt mục tiêu 0:10"):
        build(short, out, station, ESPEAK)
    result = run_cli("build", short, "-o", out, "--engine", "espeak")
    assert result.exit_code == 1
    assert "--allow-cut" in result.output
    assert not out.exists()
    assert list(out.parent.iterdir()) == []
    # Vietnamese numbers: "thừa 18,3 giây", "vẫn dài 0:31,4", never a decimal point.
    message = result.output.replace(str(short), "")
    assert re.search(r"vẫn dài \d+:\d\d,\d \(thừa \d+(,\d)? giây\)", message), message
    assert not re.search(r"\d\.\d", message), message


def test_allow_cut_ends_at_a_sentence_and_keeps_the_outro(station, station_dir, espeak):
    body = "# Mục dài\n\n" + " ".join(f"Đây là câu số {i} của bản tin." for i in range(1, 13)) + "\n"
    path = write_script(station_dir, "dai.md", body, front='title: Dài\ntarget: "0:40"\n')
    out = station_dir / "out" / "dai.mp3"
    result = run_cli("build", path, "-o", out, "--engine", "espeak", "--allow-cut")
    assert result.exit_code == 0, result.output
    assert "Kết thúc sớm mục cuối tại ranh giới câu" in result.output
    assert probe_duration(out) <= 40.0
    chapters = read_tags(out).chapters
    assert [c.title for c in chapters] == ["Mở đầu", "Mục dài", "Kết thúc"]
    # The closing ident and outro jingle are whole: the last chapter is as long as in a full build.
    full = build(write_script(station_dir, "dai2.md", body, front="title: Dài\n"), station_dir / "out" / "d2.mp3", station, ESPEAK)
    assert chapters[-1].end - chapters[-1].start == pytest.approx(
        full.chapters[-1].end - full.chapters[-1].start, abs=0.01)


def test_rebuild_uses_the_clip_cache(station, station_dir, script, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "empty-cache"))
    first = build(script, station_dir / "out" / "1.mp3", station, ESPEAK)
    second = build(script, station_dir / "out" / "2.mp3", station, ESPEAK)
    assert first.synthesized > 0
    assert second.synthesized == 0 and second.cached == first.synthesized + first.cached


def test_txt_input_builds(station, station_dir, espeak):
    path = station_dir / "dan.txt"
    path.write_text("Tin ngắn\n\n1. Mục một\nMột câu ngắn.\n", encoding="utf-8")
    out = station_dir / "out" / "dan.mp3"
    result = run_cli("build", path, "-o", out, "--engine", "espeak")
    assert result.exit_code == 0, result.output
    assert read_tags(out).title == "Tin ngắn"
    assert [c.title for c in read_tags(out).chapters] == ["Mở đầu", "1. Mục một", "Kết thúc"]
