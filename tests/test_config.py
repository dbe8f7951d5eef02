"""The station configuration: defaults, discovery, validation, and the timing helpers it uses."""

from __future__ import annotations

import pytest

from bulletin.config import find_config, load_station
from bulletin.errors import ConfigError
from bulletin.timing import format_clock, parse_duration


def test_defaults_without_any_config(tmp_path):
    station = load_station(start=tmp_path)
    assert station.config_path is None
    assert station.root == tmp_path.resolve()
    assert station.target == "10:00"
    assert station.audio.loudness == -16.0 and station.audio.true_peak == -1.0
    assert station.database_path == tmp_path.resolve() / "broadcasts.db"
    assert station.quota_for("Thông tin đối ngoại") == 2


def test_found_in_a_parent_folder(tmp_path):
    (tmp_path / "bulletin.toml").write_text('[station]\nname = "Đài A"\n', encoding="utf-8")
    inner = tmp_path / "scripts" / "2024"
    inner.mkdir(parents=True)
    assert find_config(inner) == tmp_path / "bulletin.toml"
    station = load_station(start=inner)
    assert station.name == "Đài A"
    assert station.root == tmp_path.resolve()
    assert station.assets_dir == tmp_path.resolve() / "audio_assets"


def test_values_are_read(tmp_path):
    path = tmp_path / "bulletin.toml"
    path.write_text(
        '[station]\nname = "Đài B"\nplace = "Cụm 1"\n'
        '[bulletin]\ntarget = "9:30"\nengine = "espeak"\n'
        '[audio]\nloudness = -23\nbitrate = "96k"\n'
        '[reading]\nzero_tens = "lẻ"\nthousand = "ngàn"\n'
        '[log]\ndatabase = "so/phat-song.db"\n'
        '[quota]\nper_quarter = 3\n[quota.series]\n"Chuyên đề khác" = 1\n',
        encoding="utf-8",
    )
    station = load_station(path)
    assert (station.name, station.default_place, station.target, station.engine) == ("Đài B", "Cụm 1", "9:30", "espeak")
    assert station.audio.loudness == -23.0 and station.audio.bitrate == "96k"
    assert station.reading.zero_tens == "lẻ" and station.reading.thousand == "ngàn"
    assert station.database_path == tmp_path.resolve() / "so" / "phat-song.db"
    assert station.quota_for("Thông tin đối ngoại") == 3
    assert station.quota_for("Chuyên đề khác") == 1


@pytest.mark.parametrize("text, words", [
    ("[stations]\n", "mục không hợp lệ [stations]"),
    ("[audio]\nloudness = \"to\"\n", "audio.loudness phải là số"),
    ("[reading]\nzero_tens = \"linh lẻ\"\n", "reading.zero_tens"),
    ("[bulletin]\ntarget = \"mười phút\"\n", "bulletin.target"),
    ("[audio]\nsample_rate = 12345\n", "audio.sample_rate"),
    ("[quota]\nper_quarter = \"2\"\n", "quota.per_quarter phải là số nguyên"),
    ("[station]\nname = 5\n", "station.name phải là chuỗi"),
    ("station = 1\n", "[station] phải là một bảng"),
])
def test_bad_values_are_named(tmp_path, text, words):
    path = tmp_path / "bulletin.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_station(path)
    assert words in str(caught.value)
    assert "bulletin.toml" in str(caught.value)


def test_missing_explicit_config(tmp_path):
    with pytest.raises(ConfigError, match="không tìm thấy tệp cấu hình"):
        load_station(tmp_path / "khong-co.toml")


@pytest.mark.parametrize("text, seconds", [
    ("10:00", 600.0), ("9:41", 581.0), ("0:40", 40.0), ("1:02:03", 3723.0), ("600", 600.0),
    ("90s", 90.0), ("9:30,5", 570.5), (600, 600.0), (42.5, 42.5),
])
def test_parse_duration(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "mười", "10:75", "0:00", "-5", "1:60:00", True])
def test_parse_duration_rejects(text):
    with pytest.raises(ValueError):
        parse_duration(text)


@pytest.mark.parametrize("seconds, decimals, text", [
    (581, 0, "9:41"), (600, 0, "10:00"), (59.96, 1, "1:00,0"), (3723, 0, "1:02:03"), (52.07, 1, "0:52,1"),
])
def test_format_clock(seconds, decimals, text):
    assert format_clock(seconds, decimals=decimals) == text
    assert parse_duration(text) == pytest.approx(round(seconds, decimals))  # what is shown reads back
