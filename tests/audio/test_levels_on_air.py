"""Levels as heard on the horns, measured on the MP3 with ffmpeg's own ``ebur128`` (not bulletin's meter).

Jingles at ``jingle_level`` relative to speech, the bed in a pause at
``bed_level``, ``--pad`` music no louder than the bed, items even, the file at
the target, true peak under the ceiling, one encode, chapters in time order;
and every built-in espeak-ng voice through a 12-minute script.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import numpy as np
import pytest
from audio_helpers import ebur128
from helpers import run_cli, tone, write_audio, write_script

from bulletin.audio.tags import read_tags
from bulletin.builder import BuildOptions, build
from bulletin.config import load_station
from bulletin.errors import AudioError

RATE = 44100

SENTENCES = [
    "Ủy ban nhân dân xã đã tổ chức hội nghị tổng kết công tác sáu tháng đầu năm.",
    "Các thôn đã hoàn thành việc nạo vét kênh mương nội đồng trước mùa mưa bão.",
    "Người dân được hướng dẫn cách phòng chống dịch bệnh cho đàn gia súc, gia cầm.",
    "Sản phẩm nước mắm truyền thống của địa phương đã đạt chứng nhận ba sao.",
    "Trạm y tế xã tổ chức khám sức khỏe miễn phí cho người cao tuổi trong tháng này.",
    "Đề nghị các hộ gia đình chủ động gia cố nhà cửa, chuẩn bị lương thực dự phòng.",
]
PLACES = ["thôn Một", "thôn Hai", "thôn Ba", "thôn Đông", "thôn Tây", "thôn Nam", "thôn Bắc", "xóm Chợ"]


def set_audio(station_dir: Path, **values: float) -> None:
    config = station_dir / "bulletin.toml"
    lines = "".join(f"{key} = {value}\n" for key, value in values.items())
    text = "".join(line for line in config.read_text(encoding="utf-8").splitlines(keepends=True)
                   if line.split("=")[0].strip() not in values)
    config.write_text(text.replace("[audio]\n", "[audio]\n" + lines, 1), encoding="utf-8")
    assert all(f"{key} = {value}" in config.read_text(encoding="utf-8") for key, value in values.items())


def relative(path: Path, start: float, end: float, speech: float) -> float:
    return ebur128(path, start, end).integrated - speech


@pytest.fixture
def music(station_dir, espeak):
    """A bed: a chord of steady tones, so its loudness is the same in any stretch."""
    chord = tone(9.0, freq=220, dbfs=-14) + tone(9.0, freq=330, dbfs=-16) + tone(9.0, freq=440, dbfs=-18)
    write_audio(station_dir / "audio_assets" / "nen.flac", chord, RATE)
    return station_dir


def test_jingle_bed_and_items_sit_where_the_docs_put_them(music):
    station_dir = music
    set_audio(station_dir, jingle_level=-2.0, bed_level=-10.0)
    station = load_station(station_dir / "bulletin.toml")
    body = (
        "# Tin một\n@bed nen\n\nHội nghị đã tổng kết công tác sáu tháng đầu năm. Các đại biểu thảo luận sôi nổi.\n\n"
        "# Tin ba\n@notitle\n@pause 5\n\nNgười dân được hướng dẫn phòng chống bão lũ. Mọi nhà cần chuẩn bị lương thực.\n@bed off\n\n"
        "# Tin bốn\n\nTrạm y tế xã khám sức khỏe miễn phí cho người cao tuổi. Xin mời bà con đến đúng giờ.\n"
    )
    script = write_script(station_dir / "scripts", "muc.md", body, front="title: Bản tin mức\n")
    out = station_dir / "out" / "muc.mp3"
    result = build(script, out, station, BuildOptions(engine="espeak"))
    assert result.encodes == 1
    assert result.limiter <= 6.0 and result.processing is not None
    whole = ebur128(out)
    assert whole.integrated == pytest.approx(-16.0, abs=0.5) and whole.true_peak <= -1.0
    chapters = {c.title: (c.start, c.end) for c in read_tags(out).chapters}
    # Items even (Tin một with the bed ducked under it; Tin ba after its pause).
    items = [ebur128(out, *chapters["Tin một"]).integrated, ebur128(out, chapters["Tin ba"][0] + 5.5,
             chapters["Tin ba"][1]).integrated, ebur128(out, *chapters["Tin bốn"]).integrated]
    assert max(items) - min(items) <= 1.0, items
    speech = ebur128(out, *chapters["Tin bốn"]).integrated
    # The intro jingle, up to where it starts to cross-fade into the ident.
    start, end = chapters["Mở đầu"]
    jingle_end = _jingle_seconds(station_dir) - station.audio.jingle_crossfade
    assert relative(out, 0.0, jingle_end, speech) == pytest.approx(-2.0, abs=1.0)
    # The bed in the 5 s pause, once it has come back up after the voice and before it ducks again.
    start, end = chapters["Tin ba"]  # it opens with the pause
    assert relative(out, start + 1.0, start + 4.4, speech) == pytest.approx(-10.0, abs=1.5)
    # ... and ducks under the voice that follows.
    assert relative(out, start + 5.5, end, speech) == pytest.approx(0.0, abs=1.0)


def _jingle_seconds(station_dir: Path) -> float:
    from helpers import probe_duration

    return probe_duration(station_dir / "audio_assets" / "intro.flac")


def test_pad_music_plays_at_bed_level_not_over_the_voice(station, station_dir, espeak):
    script = write_script(station_dir / "scripts", "ngan.md",
                          "# Tin ngắn\n\nBản tin hôm nay chỉ có một tin. Xin cảm ơn bà con đã lắng nghe.\n",
                          front='title: Bản tin ngắn\ntarget: "1:00"\n')
    out = station_dir / "out" / "ngan.mp3"
    result = run_cli("build", script, "-o", out, "--engine", "espeak", "--pad")
    assert result.exit_code == 0, result.output
    chapters = {c.title: (c.start, c.end) for c in read_tags(out).chapters}
    speech = ebur128(out, *chapters["Tin ngắn"]).integrated
    assert speech == pytest.approx(-16.0, abs=0.5)
    start, end = chapters["Nhạc nền"]
    pad = ebur128(out, start + 2.0, end - 2.0).integrated  # between the bed's fades
    assert pad - speech <= station.audio.bed_level + 0.5
    assert pad - speech >= station.audio.bed_level - 1.5  # at the bed level, not silence
    assert ebur128(out).true_peak <= -1.0


def test_chapters_read_back_in_time_order_with_ffprobe(station, station_dir, espeak):
    # Titles of very different lengths: mutagen would order CHAP frames by size.
    body = "".join(f"# {title}\n\nMột câu ngắn cho mục này.\n\n" for title in
                   ("Tin rất rất rất dài về nông nghiệp và nông thôn mới", "B", "Tin vừa", "Tin thứ tư khá dài hơn",
                    "C"))
    script = write_script(station_dir / "scripts", "chuong.md", body)
    out = station_dir / "out" / "chuong.mp3"
    build(script, out, station, BuildOptions(engine="espeak"))
    probed = subprocess.run(["ffprobe", "-v", "error", "-show_chapters", "-of", "json", str(out)],
                            capture_output=True, text=True, check=True)
    chapters = json.loads(probed.stdout)["chapters"]
    starts = [float(c["start_time"]) for c in chapters]
    assert len(starts) == 7 and starts == sorted(starts)
    assert [c["tags"]["title"] for c in chapters][1:3] == ["Tin rất rất rất dài về nông nghiệp và nông thôn mới", "B"]


def test_heavy_processing_is_said_with_what_to_do():
    from bulletin.audio.levels import GroupLevel, processing_verdict

    light = processing_verdict((GroupLevel("Tin một", "speech", -20.0, 4.0, 8.0, 0.3),), 0.8)
    assert not light.heavy and "nhẹ" in light.message
    clipped = processing_verdict((GroupLevel("Phỏng vấn", "recording", -30.0, 14.0, 15.0, 0.85),), 1.0)
    assert clipped.heavy and "MẠNH" in clipped.message and "Phỏng vấn" in clipped.message
    assert "thu lại" in clipped.message  # what to do
    limited = processing_verdict((), 9.5)
    assert limited.heavy and "9,5 dB" in limited.message and "[audio] loudness" in limited.message


def test_a_title_only_item_is_levelled_like_the_other_speech_with_no_advice_to_record_again(
        station, station_dir, espeak):
    script = write_script(station_dir / "scripts", "ket.md", f"# Tin chính\n\n{SENTENCES[0]} {SENTENCES[1]}\n\n# Kết\n")
    out = station_dir / "out" / "ket.mp3"
    result = run_cli("build", script, "-o", out, "--engine", "espeak")
    assert result.exit_code == 0, result.output
    assert "thu lại" not in result.output and "rất nhỏ" not in result.output, result.output
    assert "Xử lý âm thanh: nhẹ" in result.output, result.output
    # The one syllable is not crushed chasing its own loudness (33 dB off its peaks, then raised the
    # most allowed, 30 dB): its peaks are held like the other speech's and its gain is close to theirs.
    levels = {g.title: g for g in build(script, out, station, BuildOptions(engine="espeak")).levels}
    assert levels["Kết"].short and not levels["Tin chính"].short
    assert levels["Kết"].peak_control < levels["Tin chính"].peak_control + 3.0
    assert levels["Kết"].gain == pytest.approx(levels["Tin chính"].gain, abs=3.0)


def test_only_a_recording_is_to_be_recorded_again_when_too_quiet(station, station_dir, espeak):
    write_audio(station_dir / "scripts" / "nho.wav", tone(4.0, dbfs=-62.0), RATE)
    script = write_script(station_dir / "scripts", "nho.md",
                          f"# Tin\n\n{SENTENCES[2]}\n\n# Phỏng vấn\n@audio nho.wav\n")
    result = run_cli("build", script, "-o", station_dir / "out" / "nho.mp3", "--engine", "espeak")
    assert result.exit_code == 0, result.output
    warning = next(line for line in result.output.splitlines() if "rất nhỏ" in line)
    assert "Bản ghi âm trong “Phỏng vấn”" in warning and "hãy thu lại với mức to hơn" in warning


def test_heavy_processing_of_speech_points_to_another_voice_not_to_recording_again():
    from bulletin.audio.levels import GroupLevel, processing_verdict

    peaky = processing_verdict((GroupLevel("Tin một", "speech", -20.0, 4.0, 12.0, 0.8),), 1.0)
    assert peaky.heavy and "giọng đọc" in peaky.message and "thu lại" not in peaky.message
    # A syllable too short to measure says nothing about how hard the voice was processed.
    syllable = processing_verdict((GroupLevel("Kết", "speech", -21.0, 4.0, 9.0, 0.9, short=True),), 1.0)
    assert not syllable.heavy


def test_a_silent_item_stops_the_build_naming_it(station, station_dir, espeak):
    write_audio(station_dir / "scripts" / "lang.wav", np.zeros((RATE * 3, 1), np.float32), RATE)
    script = write_script(station_dir / "scripts", "im.md",
                          "# Tin một\n\nMột câu để đọc.\n\n# Phỏng vấn ông Ba\n@audio lang.wav\n")
    out = station_dir / "out" / "im.mp3"
    with pytest.raises(AudioError, match="Phỏng vấn ông Ba.*im lặng"):
        build(script, out, station, BuildOptions(engine="espeak"))
    result = run_cli("build", script, "-o", out, "--engine", "espeak")
    assert result.exit_code == 1 and "Phỏng vấn ông Ba" in result.output and "Traceback" not in result.output
    assert not out.exists() and list((station_dir / "out").iterdir()) == []


def twelve_minutes(folder: Path) -> Path:
    """A 48-item script read for about 12 minutes, every sentence different."""
    parts, counter = [], 0
    for n in range(48):
        said = []
        for _ in range(3 if n % 4 == 3 else 2):
            place, sentence = PLACES[counter % len(PLACES)], SENTENCES[(counter // len(PLACES) + counter) % len(SENTENCES)]
            said.append(f"Tại {place}, {sentence[0].lower()}{sentence[1:]}")
            counter += 1
        parts.append(f"# Tin số {n + 1}\n\n{' '.join(said)}\n")
    return write_script(folder, "dai.md", "\n".join(parts), front='title: Bản tin dài\ntarget: "14:00"\n')


@pytest.mark.parametrize("voice", ["vi", "vi-vn-x-central", "vi-vn-x-south"])
def test_every_builtin_voice_builds_twelve_minutes_at_default_settings(station, station_dir, espeak, voice):
    script = twelve_minutes(station_dir / "scripts")
    out = station_dir / "out" / "dai.mp3"
    result = build(script, out, station, BuildOptions(engine="espeak", voice=voice))
    assert result.duration > 11 * 60
    assert result.encodes == 1
    assert result.limiter <= 6.0, result.limiter
    measured = ebur128(out)
    assert measured.integrated == pytest.approx(-16.0, abs=0.5) and measured.true_peak <= -1.0
    assert not result.processing.heavy, result.processing.message


def test_a_bulletin_silent_as_a_whole_is_an_error_naming_the_output(tmp_path, ffmpeg):
    from bulletin.audio import media
    from bulletin.audio.deliver import deliver
    from bulletin.audio.tags import BulletinTags

    out = tmp_path / "out" / "im-lang.mp3"
    out.parent.mkdir()
    with pytest.raises(AudioError, match="im lặng hoàn toàn") as raised:
        deliver(media.silence(5.0, RATE), out, loudness=-16.0, ceiling=-1.0, bitrate="128k", max_duration=600.0,
                tags=lambda levels: BulletinTags(title="Im lặng"))
    assert raised.value.path == out and list(out.parent.iterdir()) == []
    # Too short to measure (under 0.4 s) is not silence: it is delivered.
    t = np.arange(round(0.3 * RATE)) / RATE
    short = media.Sound((0.3 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)[:, None], RATE)
    done = deliver(short, out, loudness=-16.0, ceiling=-1.0, bitrate="128k", max_duration=600.0,
                   tags=lambda levels: BulletinTags(title="Ngắn"))
    assert done.output.is_file() and done.levels.true_peak <= -1.0 and done.encodes == 1
