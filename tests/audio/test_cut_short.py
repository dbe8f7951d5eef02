"""An MP3 cut short (a download that did not finish) is measured by the frames it holds and named as cut."""

from __future__ import annotations

import subprocess

from helpers import run_cli

from bulletin.audio import media


def _mp3(path, seconds):
    subprocess.run(["ffmpeg", "-y", "-loglevel", "error", "-f", "lavfi", "-i", f"sine=f=440:d={seconds}",
                    "-b:a", "128k", "-write_xing", "1", str(path)], check=True)
    return path


def test_a_file_cut_short_plays_what_it_holds_and_inspect_says_fetch_it_again(station_dir):
    whole = _mp3(station_dir / "out" / "du.mp3", 60.0)
    cut = station_dir / "out" / "cut.mp3"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 3])  # a third arrived

    full, partial = media.probe(whole), media.probe(cut)
    assert not full.cut_short and abs(full.duration - 60.0) < 0.2
    assert partial.cut_short and abs(partial.claimed - full.duration) < 0.2
    assert 15.0 < partial.duration < 25.0  # what a player plays, not what the header says

    result = run_cli("inspect", cut)
    assert result.exit_code == 1, result.output
    assert "Tệp bị cụt: phần đầu tệp ghi dài 1:00 nhưng chỉ có 0:" in result.output
    assert "lệnh build không sửa được" in result.output and "Chạy: bulletin build" not in result.output
    assert "bị cụt" not in run_cli("inspect", whole).output
