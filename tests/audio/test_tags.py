"""Tags and chapters written into MP3 and WAV files, read back by mutagen and by ffprobe."""

from __future__ import annotations

import json
import subprocess
from dataclasses import fields

import pytest
from helpers import tone
from mutagen.id3 import ID3

from bulletin.audio import media
from bulletin.audio.tags import BulletinTags, ChapterTag, read_tags, write_tags

TAGS = BulletinTags(
    title="Bản tin quý III", station="Đài Truyền thanh xã Tam Hiệp", series="Thông tin đối ngoại",
    date="2024-07-15", comment="Thử nghiệm", bulletin_id="TTĐN-2024-Q3-01", quarter="2024-Q3", level="ưu tiên",
    engines="espeak", script_sha256="ab" * 32, loudness="-16.0", true_peak="-1.3", target="10:00",
    loudness_target="-16.0", true_peak_ceiling="-1.0", fit="Rút ngắn các khoảng lặng vừa đủ",
    chapters=(ChapterTag("ch0", "Mở đầu", 0.0, 4.2), ChapterTag("ch1", "Tin một", 4.2, 7.5),
              ChapterTag("ch2", "Kết thúc", 7.5, 9.0)),
)


@pytest.fixture(params=["mp3", "wav"])
def sound_file(request, tmp_path, ffmpeg):
    return media.encode(media.Sound(tone(9.0), 44100), tmp_path / f"x.{request.param}")


def test_every_field_and_chapter_reads_back(sound_file):
    write_tags(sound_file, TAGS)
    back = read_tags(sound_file)
    assert back == BulletinTags(**{**{f.name: getattr(TAGS, f.name) for f in fields(TAGS)},
                                   "genre": "Bản tin", "language": "vie"})


def test_mp3_is_id3v24_with_a_table_of_contents(tmp_path, ffmpeg):
    path = media.encode(media.Sound(tone(9.0), 44100), tmp_path / "x.mp3")
    write_tags(path, TAGS)
    id3 = ID3(str(path))
    assert id3.version[:2] == (2, 4)
    toc = id3.getall("CTOC")[0]
    assert list(toc.child_element_ids) == ["ch0", "ch1", "ch2"]
    # Another reader (ffprobe) sees the same chapters.
    result = subprocess.run(["ffprobe", "-v", "error", "-show_chapters", "-of", "json", str(path)],
                            capture_output=True, text=True, check=True)
    chapters = sorted(json.loads(result.stdout)["chapters"], key=lambda c: float(c["start_time"]))
    assert [(c["tags"]["title"], float(c["start_time"]), float(c["end_time"])) for c in chapters] == [
        ("Mở đầu", 0.0, 4.2), ("Tin một", 4.2, 7.5), ("Kết thúc", 7.5, 9.0)]


def test_rewriting_replaces_the_old_tag(sound_file):
    write_tags(sound_file, TAGS)
    write_tags(sound_file, BulletinTags(title="Mới"))
    back = read_tags(sound_file)
    assert back.title == "Mới" and back.chapters == () and back.bulletin_id == ""
    # The audio is untouched by tagging.
    assert media.file_duration(sound_file) == pytest.approx(9.0, abs=0.06)


def test_untagged_file_reads_as_empty(tmp_path, ffmpeg):
    path = media.encode(media.Sound(tone(1.0), 44100), tmp_path / "x.mp3")
    assert read_tags(path) == BulletinTags()
