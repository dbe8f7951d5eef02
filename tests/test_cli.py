"""The command line: help everywhere, Vietnamese messages, exit codes, line-for-line normalize."""

from __future__ import annotations

import re

import click
import pytest
from helpers import run_cli, write_script

from bulletin.cli import cli


def _commands(group: click.Group, prefix=()):
    for name, command in group.commands.items():
        yield prefix + (name,), command
        if isinstance(command, click.Group):
            yield from _commands(command, prefix + (name,))


ALL_COMMANDS = [path for path, _ in _commands(cli)]


def test_every_command_has_help_with_an_example():
    assert ALL_COMMANDS, "no commands registered"
    for path, command in _commands(cli):
        if isinstance(command, click.Group):
            continue
        assert command.help, f"{' '.join(path)} has no help"
        assert "Ví dụ" in command.help, f"{' '.join(path)} help has no example"


@pytest.mark.parametrize("path", ALL_COMMANDS, ids=" ".join)
def test_help_is_vietnamese(path):
    result = run_cli(*path, "--help")
    assert result.exit_code == 0
    assert "Cách dùng:" in result.output
    assert "Usage:" not in result.output and "Show this message" not in result.output
    for english in ("[OPTIONS]", "COMMAND [ARGS]", " TEXT", "INTEGER", "FLOAT", " PATH", "FILENAME"):
        assert english not in result.output, english


def test_top_level_help_lists_commands():
    result = run_cli("--help")
    assert result.exit_code == 0
    for name in ("init", "check", "build", "normalize", "log", "report"):
        assert name in result.output
    assert "Lệnh" in result.output and "Tùy chọn" in result.output


def test_usage_errors_are_vietnamese_with_exit_code_2():
    result = run_cli("build")
    assert result.exit_code == 2
    assert "Thiếu tham số" in result.output and "Missing" not in result.output
    result = run_cli("check", "x.md", "--khong-co")
    assert result.exit_code == 2
    assert "Không có tùy chọn: --khong-co" in result.output


def test_unknown_command():
    result = run_cli("buid")
    assert result.exit_code == 2
    assert "Không có lệnh 'buid'" in result.output


def test_version():
    result = run_cli("--version")
    assert result.exit_code == 0
    assert "phiên bản" in result.output


def test_normalize_prints_one_line_per_input_line(station_dir):
    lines = ["Dòng một.", "", "  Dòng   ba  ", "Dòng bốn", "Dòng năm."]
    result = run_cli("normalize", input="\n".join(lines) + "\n")
    assert result.exit_code == 0
    out = result.output.split("\n")
    assert out[-1] == ""  # output ends with a newline
    assert len(out[:-1]) == len(lines)
    assert out[0] == "Dòng một."
    assert out[1] == ""
    assert out[3] == "Dòng bốn"
    assert out[4] == "Dòng năm."


def test_normalize_many_lines_keep_order(station_dir):
    lines = [f"Câu số {i}." if i % 7 else "" for i in range(300)]
    result = run_cli("normalize", input="\r\n".join(lines))
    assert result.exit_code == 0
    out = result.output.split("\n")[:-1]
    assert len(out) == 300
    # Empty input lines stay empty, every other output line is non-empty: order kept.
    assert [o == "" for o in out] == [line == "" for line in lines]


def test_normalize_arguments_are_one_text(station_dir):
    result = run_cli("normalize", "Xin", "chào")
    assert result.exit_code == 0
    assert result.output.count("\n") == 1


def test_bad_config_is_a_clear_error(tmp_path, monkeypatch):
    (tmp_path / "bulletin.toml").write_text("[station]\nname = \n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("normalize", "x")
    assert result.exit_code == 1
    assert result.output.startswith("Lỗi: bulletin.toml: cú pháp TOML sai")
    assert "Traceback" not in result.output


def test_unknown_config_key(tmp_path, monkeypatch):
    (tmp_path / "bulletin.toml").write_text("[audio]\nloudnes = -16\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("normalize", "x")
    assert result.exit_code == 1
    assert "khóa không hợp lệ trong [audio]: loudnes" in result.output


@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize(
    "name, content, words",
    [
        ("khong-co.md", None, "không tìm thấy tệp kịch bản"),
        ("sai.md", "title: [\n", "sai cú pháp YAML"),
        ("trong.md", "", "kịch bản trống"),
        ("lenh.md", "# A\n@phat x\n", "lệnh không hợp lệ '@phat'"),
        ("ghi-am.md", "# A\n@audio pv-khong-co.mp3\n", "không tìm thấy tệp ghi âm 'pv-khong-co.mp3'"),
    ],
)
def test_bad_input_clear_message_exit_1_no_output(station_dir, command, name, content, words):
    if content is not None:
        if content.startswith("title"):
            (station_dir / name).write_text(f"---\n{content}---\n# A\n", encoding="utf-8")
        else:
            write_script(station_dir, name, content)
    out = station_dir / "out" / "x.mp3"
    args = [command, name] + (["-o", out] if command == "build" else []) + ["--engine", "espeak"]
    result = run_cli(*args)
    assert result.exit_code == 1, result.output
    assert words in result.output
    assert name in result.output
    assert "Traceback" not in result.output
    assert not out.exists()
    assert not [p for p in (station_dir / "out").iterdir()]


def test_unreadable_audio_is_named_before_synthesis(station_dir, espeak):
    (station_dir / "hong.mp3").write_bytes(b"ID3\x03\x00\x00\x00\x00\x00\x00 this is not audio" * 20)
    write_script(station_dir, "a.md", "# Mục\n\nMột câu.\n\n@audio hong.mp3\n")
    out = station_dir / "out" / "a.mp3"
    result = run_cli("build", "a.md", "-o", out, "--engine", "espeak")
    assert result.exit_code == 1
    assert "hong.mp3" in result.output and "không giải mã được" in result.output
    assert not out.exists()
    assert list((station_dir / "out").iterdir()) == []


def test_debug_shows_traceback(station_dir):
    result = run_cli("--debug", "check", "khong-co.md")
    assert result.exit_code == 1
    assert "Traceback" in result.output and "ScriptError" in result.output
    assert "không tìm thấy tệp kịch bản" in result.output


def test_wrong_output_suffix_is_refused(station_dir, espeak):
    write_script(station_dir, "a.md", "# Mục\n\nMột câu.\n")
    result = run_cli("build", "a.md", "-o", "out/a.ogg", "--engine", "espeak")
    assert result.exit_code == 1
    assert ".mp3 hoặc .wav" in result.output


def test_unknown_engine_is_usage_error(station_dir):
    write_script(station_dir, "a.md", "# Mục\n\nMột câu.\n")
    result = run_cli("build", "a.md", "--engine", "festival")
    assert result.exit_code == 2
    assert "không có bộ đọc 'festival'" in result.output


def test_init_never_overwrites(tmp_path, ffmpeg):
    folder = tmp_path / "dai"
    first = run_cli("init", folder, "--name", "Đài Truyền thanh xã Tam Hiệp")
    assert first.exit_code == 0
    config = folder / "bulletin.toml"
    assert 'name = "Đài Truyền thanh xã Tam Hiệp"' in config.read_text(encoding="utf-8")
    for relative in ("scripts/vi-du.md", "lexicon.tsv", "audio_assets/intro.flac",
                     "audio_assets/outro.flac", "audio_assets/bed.flac"):
        assert (folder / relative).is_file(), relative
    config.write_text("# của tôi\n", encoding="utf-8")
    (folder / "audio_assets" / "intro.flac").write_bytes(b"mine")
    second = run_cli("init", folder)
    assert second.exit_code == 0
    assert config.read_text(encoding="utf-8") == "# của tôi\n"
    assert (folder / "audio_assets" / "intro.flac").read_bytes() == b"mine"
    assert "Giữ nguyên" in second.output


def test_init_refuses_a_file(tmp_path):
    target = tmp_path / "tep"
    target.write_text("x", encoding="utf-8")
    result = run_cli("init", target)
    assert result.exit_code != 0
    assert "Traceback" not in result.output


def test_example_in_new_station_checks(station_dir):
    result = run_cli("check", "scripts/vi-du.md", "--engine", "espeak")
    assert result.exit_code == 0, result.output
    assert "Quảng bá sản phẩm OCOP của địa phương" in result.output
    assert "Kết luận: có thể tạo bản tin." in result.output


def test_check_writes_numbers_with_the_decimal_comma(station_dir, espeak):
    write_script(station_dir, "lang.md", "# Tin\n\nBà con chú ý.\n\n@pause 1.5\n\nXin cảm ơn.\n")
    result = run_cli("check", "lang.md", "--engine", "espeak", "--text")
    assert result.exit_code == 0, result.output
    assert "(lặng 1,5 giây)" in result.output
    assert re.search(r"Độ dài sau khi khớp: 0:\d\d,\d\n", result.output), result.output
    assert not [line for line in result.output.splitlines() if any(
        a.isdigit() and b == "." and c.isdigit() for a, b, c in zip(line, line[1:], line[2:]))], result.output


def test_build_makes_a_missing_output_folder_for_the_mp3_and_the_wav(station_dir, espeak):
    write_script(station_dir, "a.md", "# Mục\n\nMột câu.\n")
    result = run_cli("build", "a.md", "-o", "out/moi/thang-10/a.mp3", "--engine", "espeak", "--wav")
    assert result.exit_code == 0, result.output
    folder = station_dir / "out" / "moi" / "thang-10"
    assert sorted(p.name for p in folder.iterdir()) == ["a.mp3", "a.wav"]


def test_an_output_folder_that_cannot_be_made_is_named_before_synthesis(station_dir, espeak, isolated_cache):
    write_script(station_dir, "a.md", "# Mục\n\nMột câu chưa từng đọc trong bộ nhớ đệm.\n")
    (station_dir / "out" / "tep").write_text("một tệp, không phải thư mục", encoding="utf-8")
    clips_before = sorted(isolated_cache.rglob("clips/**/*"))
    for extra in ((), ("--wav",)):
        result = run_cli("build", "a.md", "-o", "out/tep/con/a.mp3", "--engine", "espeak", *extra)
        assert result.exit_code == 1
        assert "'tep' là một tệp, không phải thư mục" in result.output and "-o" in result.output, result.output
        assert "building" not in result.output and "Traceback" not in result.output
    assert sorted(isolated_cache.rglob("clips/**/*")) == clips_before  # nothing was synthesized


@pytest.mark.parametrize("command, made", [
    (("convert", "tin.txt", "-o", "{folder}/tin.md"), "tin.md"),
    (("log", "export", "-o", "{folder}/so.jsonl"), "so.jsonl"),
    (("report", "--period", "2024-Q3", "-o", "{folder}/bao-cao.docx"), "bao-cao.docx"),
    (("report", "--period", "2024-Q3", "-o", "{folder}/bao-cao.csv"), "bao-cao.csv"),
    (("engines", "preview", "espeak:vi", "Xin chào bà con.", "-o", "{folder}/mau.mp3"), "mau.mp3"),
])
def test_convert_export_report_and_preview_make_a_missing_folder_or_name_the_file_in_the_way(
        station_dir, espeak, command, made):
    from log_helpers import entry

    from bulletin.log import store

    (station_dir / "tin.txt").write_text("Thông báo\n\nBà con chú ý phòng chống bão.\n", encoding="utf-8")
    store.add(station_dir / "broadcasts.db", entry("2024-07-10 06:30", "A"))
    result = run_cli(*(a.format(folder="ra/quy-3") for a in command))
    assert result.exit_code == 0, result.output
    assert [p.name for p in (station_dir / "ra" / "quy-3").iterdir()] == [made]
    (station_dir / "chan").write_text("một tệp", encoding="utf-8")
    result = run_cli(*(a.format(folder="chan/quy-3") for a in command))
    assert result.exit_code == 1
    assert "'chan' là một tệp, không phải thư mục" in result.output, result.output
    assert "Errno" not in result.output and "Traceback" not in result.output
