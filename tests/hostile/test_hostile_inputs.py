"""Hostile input for check and build, through the real CLI in a bounded child process.

One class per finding of the sweep: scripts and front matter, recordings, Word documents,
station files (config, lexicon), outputs, text too big to speak, fitting before synthesis.
Every case ends with exit 1 or 2, a Vietnamese message naming the file (and the line where
there is one), no traceback, nothing left behind in the station folder.
"""

from __future__ import annotations

import io
import os
import struct
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from harness import assert_nothing_left, assert_refused, run_bounded, snapshot
from helpers import tone, write_audio

SCRIPTS = "scripts"


def refused(folder: Path, *args: str, names: str | None, line: int | None = None, env: dict | None = None,
            allowed: tuple[str, ...] = ()):
    """Run one hostile command; check the refusal and that nothing in the station changed."""
    before = snapshot(folder)
    outcome = run_bounded(*args, cwd=folder, env=env)
    assert_refused(outcome, names=names, line=line)
    assert_nothing_left(before, snapshot(folder), allowed=allowed)
    return outcome


def script(folder: Path, body: str = "Xin chào bà con.\n", front: str = "title: Bản tin thử\n",
           name: str = "thu.md") -> str:
    path = folder / SCRIPTS / name
    path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    return f"{SCRIPTS}/{name}"


def wav_header(path: Path, rate: int, channels: int = 1, frames: int = 8000) -> Path:
    """A 16-bit PCM WAV whose header says ``rate`` and ``channels`` (whatever they are)."""
    data = b"\0\0" * frames * channels
    fmt = struct.pack("<IHHIIHH", 16, 1, channels, rate, (rate * channels * 2) & 0xFFFFFFFF, channels * 2, 16)
    path.write_bytes(b"RIFF" + struct.pack("<I", 36 + len(data)) + b"WAVE" + b"fmt " + fmt + b"data"
                     + struct.pack("<I", len(data)) + data)
    return path


@pytest.fixture
def station(hostile_station):
    write_audio(hostile_station / SCRIPTS / "phong-van.wav", tone(1.0, rate=22050), 22050)
    return hostile_station


# -- front matter: impossible values, YAML bombs ---------------------------------------------

@pytest.mark.parametrize("front, line", [
    ("title: X\ndate: 2024-13-45\n", 3),
    ("title: X\ndate: 2024-02-30\n", 3),
    ("title: X\ndate: 2024-07-01 25:00\n", 3),
    ("title: X\ndate: 0224-07-15\n", 3),
    ("title: X\ntarget: .inf\n", 3),
    ("title: X\ntarget: .nan\n", 3),
    ("title: X\ntarget: -5\n", 3),
    ("title: X\nlevel: [1, 2]\n", 3),
    ("title: &a [x, x, x, x, x, x, x, x, x]\nid: *a\n", 3),
    ("title: X\nseries: &a [\"ha\", \"ha\"]\nvoice: &b [*a, *a, *a, *a]\nengine: [*b, *b, *b, *b]\n", 4),
    ("title: " + "[" * 9000 + "]" * 9000 + "\n", 1),
    ("title: X\n" + "ghi_chu: x\n" * 300, 1),
])
def test_impossible_or_explosive_front_matter(station, front, line):
    refused(station, "check", script(station, front=front), names="thu.md", line=line)


# -- script files that are not files ---------------------------------------------------------

@pytest.mark.parametrize("suffix", [".md", ".txt", ".docx"])
def test_a_script_that_is_a_fifo_does_not_block(station, suffix):
    os.mkfifo(station / SCRIPTS / f"ong{suffix}")
    refused(station, "check", f"{SCRIPTS}/ong{suffix}", names=f"ong{suffix}")


@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_dev_zero_behind_a_symlink_is_not_read(station, suffix):
    (station / SCRIPTS / f"khong{suffix}").symlink_to("/dev/zero")
    refused(station, "check", f"{SCRIPTS}/khong{suffix}", names=f"khong{suffix}")


def test_a_folder_named_like_a_script(station):
    (station / SCRIPTS / "thu-muc.md").mkdir()
    refused(station, "check", f"{SCRIPTS}/thu-muc.md", names="thu-muc.md")


def test_a_script_far_larger_than_any_bulletin(station):
    with open(station / SCRIPTS / "lon.md", "wb") as fh:
        fh.write(b"---\ntitle: X\n---\n")
        fh.truncate(30_000_000)
    refused(station, "check", f"{SCRIPTS}/lon.md", names="lon.md")


def test_a_script_not_in_utf8_names_the_line(station):
    (station / SCRIPTS / "ansi.md").write_bytes("---\ntitle: X\n---\nXin chào\n".encode()
                                                + "Bà con chú ý\n".encode("latin-1"))
    refused(station, "check", f"{SCRIPTS}/ansi.md", names="ansi.md", line=5)


# -- text too big to speak: check and build refuse alike, before any synthesis ----------------

@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize("body", [
    "# Tin\n" + "bà con chú ý " * 80_000 + "\n",  # a 1 MB line without a full stop
    "# Tin\n" + "a" * 1_000_000 + "\n",  # a 1 MB word
    "# Tin\nXin chào " + "x" * 300 + " bà con.\n",  # one unspeakable word
    "# " + "Tiêu đề rất dài " * 100 + "\nXin chào.\n",  # a heading longer than any title
])
def test_text_no_engine_can_speak_is_refused_by_check_and_build(station, isolated_cache, command, body):
    clips_before = sorted(isolated_cache.rglob("clips/**/*"))
    args = [command, script(station, body)] + (["-o", "out/x.mp3", "--engine", "espeak"] if command == "build" else [])
    refused(station, *args, names="thu.md", line=5 if body.startswith("# Tin\n") else 4)
    assert sorted(isolated_cache.rglob("clips/**/*")) == clips_before  # nothing was synthesized


# -- @audio: gain, where recordings may come from, absurd headers ----------------------------

@pytest.mark.parametrize("gain", ["inf", "-inf", "nan", "+200", "-200", "1e400", "40.5"])
def test_gain_outside_forty_decibels_is_refused(station, gain):
    body = f"# Tin\nXin chào.\n@audio phong-van.wav gain={gain}\n"
    refused(station, "check", script(station, body), names="thu.md", line=6)


def test_gain_at_the_limit_is_accepted(station):
    body = "# Tin\nXin chào.\n@audio phong-van.wav gain=-40\n"
    outcome = run_bounded("check", script(station, body), cwd=station)
    assert outcome.code == 0, outcome.output


@pytest.fixture
def outside(tmp_path) -> Path:
    folder = tmp_path / "ngoai"
    folder.mkdir()
    write_audio(folder / "bi-mat.wav", tone(1.0, rate=22050), 22050)
    return folder / "bi-mat.wav"


@pytest.mark.parametrize("how", ["relative", "absolute", "symlink"])
def test_recordings_outside_the_station_and_script_folders_are_refused(station, outside, how):
    if how == "relative":
        ref = os.path.relpath(outside, station / SCRIPTS)
    elif how == "absolute":
        ref = str(outside)
    else:
        (station / SCRIPTS / "loi-tat.wav").symlink_to(outside)
        ref = "loi-tat.wav"
    refused(station, "check", script(station, f"# Tin\nXin chào.\n@audio \"{ref}\"\n"), names="thu.md", line=6)


def test_allow_outside_lets_the_station_use_other_folders(station, outside):
    config = station / "bulletin.toml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "[audio]\n", "[audio]\nallow_outside = true\n", 1), encoding="utf-8")
    outcome = run_bounded("check", script(station, f"# Tin\nXin chào.\n@audio \"{outside}\"\n"), cwd=station)
    assert outcome.code == 0, outcome.output


@pytest.mark.parametrize("make", [
    lambda p: wav_header(p, 4_000_000_000, frames=88_000),
    lambda p: wav_header(p, 1, frames=100_000),
    lambda p: wav_header(p, 44100, channels=200, frames=100),
    lambda p: wav_header(p, 44100, channels=0, frames=100),
    lambda p: p.write_bytes(b"RIFF\xff\xff\xff\xffWAVEfmt " + os.urandom(2000)),
    lambda p: p.write_text("không phải âm thanh", encoding="utf-8"),
    lambda p: p.write_bytes(b""),
])
def test_absurd_or_broken_recordings_are_refused_before_decoding(station, make):
    make(station / SCRIPTS / "hong.wav")
    outcome = refused(station, "check", script(station, "# Tin\nXin chào.\n@audio hong.wav\n"),
                      names="hong.wav", line=6)
    assert outcome.peak_kb < 500_000  # refused from the header: nothing was decoded


def test_a_real_recording_of_hours_is_refused_from_its_header(station, ffmpeg):
    path = station / SCRIPTS / "hai-gio.flac"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "anullsrc=r=8000:cl=mono", "-t", "7300",
                    "-c:a", "flac", str(path)], check=True)
    outcome = refused(station, "check", script(station, "# Tin\nXin chào.\n@audio hai-gio.flac\n"),
                      names="hai-gio.flac", line=6)
    assert outcome.peak_kb < 500_000


# -- Word documents: bombs, encryption, damage, size ------------------------------------------

def real_docx(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def with_body(data: bytes, body: bytes, *, method=zipfile.ZIP_DEFLATED) -> bytes:
    """``data`` (a .docx) with word/document.xml replaced by ``body``."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as target:
        for info in source.infolist():
            target.writestr(info.filename, body if info.filename == "word/document.xml" else source.read(info))
    return out.getvalue()


def zip_bomb() -> bytes:
    return with_body(real_docx(["Xin chào."]), b"<w:document>" + b" " * 300_000_000 + b"</w:document>")


def many_paragraphs() -> bytes:
    paragraphs = b"".join(b"<w:p><w:r><w:t>Tin.</w:t></w:r></w:p>" for _ in range(30_000))
    ns = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    return with_body(real_docx(["x"]), b"<w:document " + ns + b"><w:body>" + paragraphs + b"</w:body></w:document>")


def without_body() -> bytes:
    source, out = zipfile.ZipFile(io.BytesIO(real_docx(["x"]))), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                target.writestr(info, source.read(info))
    return out.getvalue()


@pytest.mark.parametrize("make", [
    zip_bomb,
    many_paragraphs,
    without_body,
    lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(4000),  # password-protected (OLE container)
    lambda: real_docx(["Xin chào."])[:1500],  # cut off while downloading
    lambda: b"PK\x03\x04" + os.urandom(3000),
    lambda: "Đây là văn bản, không phải Word".encode(),
    lambda: with_body(real_docx(["x"]), b"<w:document><w:body>" * 3, method=zipfile.ZIP_STORED),
])
def test_word_documents_that_are_bombs_encrypted_or_damaged(station, make):
    (station / SCRIPTS / "van-ban.docx").write_bytes(make())
    outcome = refused(station, "check", f"{SCRIPTS}/van-ban.docx", names="van-ban.docx")
    assert outcome.peak_kb < 700_000


# -- station files: config and lexicon ---------------------------------------------------------

def set_config(folder: Path, old: str, new: str) -> None:
    config = folder / "bulletin.toml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("ident", ["{foo}", "{station:999999999}", "{station:>1000000000}", "{0}",
                                   "{station.__class__}", "{station!r}", "{station", "{title[0]}"])
def test_ident_with_unknown_fields_or_huge_widths(station, ident):
    set_config(station, 'ident = "Đây là {station}."', f"ident = '{ident}'")
    refused(station, "check", script(station), names="bulletin.toml")


@pytest.mark.parametrize("old, new", [
    ("[log]\n", "[cache]\nmax_mb = nan\n\n[log]\n"),
    ("[log]\n", "[cache]\nmax_mb = -1\n\n[log]\n"),
    ("[audio]\n", "[audio]\nallow_outside = \"có\"\n"),
])
def test_config_values_out_of_range(station, old, new):
    set_config(station, old, new)
    refused(station, "check", script(station), names="bulletin.toml")


@pytest.mark.parametrize("make", ["fifo", "zero", "ansi"])
def test_config_files_that_cannot_be_read(station, make):
    path = station / "khac.toml"
    if make == "fifo":
        os.mkfifo(path)
    elif make == "zero":
        path.symlink_to("/dev/zero")
    else:
        path.write_bytes(b"[station]\nname = \"\xd0\xe0i x\xe3\"\n")  # Windows-1258, not UTF-8
    refused(station, "--config", "khac.toml", "check", script(station), names="khac.toml")


@pytest.mark.parametrize("make, line", [
    (lambda p: p.write_bytes("Đài\tđài\n".encode() + b"X\xe3\tx\xe3\n"), 2),
    (lambda p: p.write_text("".join(f"TỪ{n}\ttừ {n}\n" for n in range(25_000)), encoding="utf-8"), 20_001),
    (lambda p: p.write_text("UBND\t" + "ủy ban " * 100 + "\n", encoding="utf-8"), 1),
    (lambda p: (p.unlink(), os.mkfifo(p)), None),
    (lambda p: (p.unlink(), p.symlink_to("/dev/zero")), None),
])
def test_lexicons_that_are_not_text_or_too_big(station, make, line):
    make(station / "lexicon.tsv")
    refused(station, "check", script(station), names="lexicon.tsv", line=line)


def test_a_bom_in_every_station_file_is_accepted(station):
    for name in ("bulletin.toml", "lexicon.tsv"):
        path = station / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    (station / "lexicon.tsv").write_bytes(b"\xef\xbb\xbfUBND\t\xe1\xbb\xa7y ban\n")
    (station / SCRIPTS / "bom.md").write_bytes(b"\xef\xbb\xbf---\ntitle: X\n---\nUBND x\xc3\xa3 h\xe1\xbb\x8dp.\n")
    (station / SCRIPTS / "bom.txt").write_bytes(b"\xef\xbb\xbfB\xe1\xba\xa3n tin\nUBND x\xc3\xa3 h\xe1\xbb\x8dp.\n")
    for name in ("bom.md", "bom.txt"):
        outcome = run_bounded("check", f"{SCRIPTS}/{name}", cwd=station)
        assert outcome.code == 0, outcome.output
        assert "ủy ban" in outcome.output or "Kết luận" in outcome.output


# -- outputs: never over an input, never into a folder that takes no file -----------------------

@pytest.mark.parametrize("args, names", [
    (("-o", f"{SCRIPTS}/phong-van.wav"), "phong-van.wav"),
    (("-o", f"{SCRIPTS}/phong-van.mp3", "--wav"), "phong-van.wav"),
    (("-o", "audio_assets/intro.wav"), None),
    (("-o", "/sys/kernel/ban-tin.mp3"), "/sys/kernel"),
    (("-o", "bulletin.toml/ban-tin.mp3"), "bulletin.toml"),
    (("-o", f"{SCRIPTS}/thu.md"), "thu.md"),
])
def test_build_output_never_replaces_an_input_and_is_checked_before_synthesis(station, isolated_cache, args, names):
    if args[1].startswith("audio_assets/"):
        write_audio(station / "audio_assets" / "intro.wav", tone(1.0, rate=22050), 22050)
        set_config(station, 'intro_jingle = "intro"', 'intro_jingle = "intro.wav"')
    body = "# Tin\nXin chào bà con.\n@audio phong-van.wav\n"
    clips_before = sorted(isolated_cache.rglob("clips/**/*"))
    refused(station, "build", script(station, body), "--engine", "espeak", *args, names=names)
    assert sorted(isolated_cache.rglob("clips/**/*")) == clips_before


def test_a_log_configured_with_an_audio_name_is_not_overwritten(station):
    set_config(station, 'database = "broadcasts.db"', 'database = "out/so.mp3"')
    from log_helpers import entry

    from bulletin.log import store

    store.add(station / "out" / "so.mp3", entry("2024-07-10 06:30", "A"))
    refused(station, "build", script(station), "--engine", "espeak", "-o", "out/so.mp3", names="so.mp3")


def test_init_into_a_read_only_place(station, tmp_path):
    outcome = run_bounded("init", "/sys/kernel/dai-xa", cwd=tmp_path)
    assert_refused(outcome, names="/sys/kernel/dai-xa")


def test_a_cache_folder_that_takes_no_file(station):
    set_config(station, "[log]\n", "[cache]\nfolder = \"/sys/kernel/bo-nho-dem\"\n\n[log]\n")
    refused(station, "build", script(station), "--engine", "espeak", "-o", "out/x.mp3", names="bo-nho-dem")


# -- fitting before synthesis -------------------------------------------------------------------

def test_five_thousand_paragraphs_are_refused_before_anything_is_synthesized(station, isolated_cache):
    # A plain-text document (the Word reader's own speed on 5,000 paragraphs is another matter).
    lines = ["Bản tin tổng hợp"] + [f"Bà con thôn {n} chú ý lịch tiêm phòng cho đàn gia súc." for n in range(5000)]
    (station / SCRIPTS / "dai.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    clips_before = sorted(isolated_cache.rglob("clips/**/*"))
    outcome = refused(station, "build", f"{SCRIPTS}/dai.txt", "--engine", "espeak", "-o", "out/dai.mp3",
                      names="dai.txt")
    assert "vượt mục tiêu" in outcome.output
    assert sorted(isolated_cache.rglob("clips/**/*")) == clips_before


def test_check_and_build_agree_on_content_that_cannot_fit(station, isolated_cache):
    body = "".join(f"# Tin {n}\n" + "Bà con chú ý phòng chống bão lũ, gia cố nhà cửa. " * 8 + "\n\n"
                   for n in range(40))
    path = script(station, body, front="title: X\ntarget: \"1:00\"\n")
    check = run_bounded("check", path, cwd=station)
    assert check.code == 1 and "vượt mục tiêu" in check.output
    refused(station, "build", path, "--engine", "espeak", "-o", "out/x.mp3", names="thu.md")
    assert not list(isolated_cache.rglob("clips/**/*.wav"))


def test_the_fit_planner_drops_the_right_number_of_many_optional_items():
    from bulletin.plan.fit import plan_fit
    from bulletin.plan.timeline import Piece, Section

    sections = [Section("Mở đầu", "intro", (Piece("speech", 5.0, "a"),))]
    sections += [Section(f"Tin {n}", "item", (Piece("speech", 2.0, f"t{n}"),), optional=True) for n in range(3000)]
    plan = plan_fit(sections, 605.0, max_speedup=0.0)
    kept = [s for s in plan.sections if s.role == "item"]
    assert plan.fits and len(kept) == 299  # 5 + 299 × 2 = 603 s ≤ 605 s; one more would pass it
    assert [s.title for s in kept] == [f"Tin {n}" for n in range(299)]  # the last ones were dropped



@pytest.mark.parametrize("target", ["out/so.mp3", "scripts/khac.wav"])
def test_a_voice_preview_never_replaces_the_log(station, target):
    set_config(station, 'database = "broadcasts.db"', f'database = "{target}"')
    from log_helpers import entry

    from bulletin.log import store

    store.add(station / target, entry("2024-07-10 06:30", "A"))
    refused(station, "engines", "preview", "espeak", "-o", target, names=Path(target).name)
