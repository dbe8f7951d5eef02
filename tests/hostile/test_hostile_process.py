"""A build stopped, a disk that fills up, a cache that grows: what is left behind.

SIGTERM (what a scheduler sends) must end the build's own programs and remove its
temporary files; a build killed outright leaves temporary files that the next build
removes; a clip an engine wrote only in part never enters the cache; the cache keeps
to its size limit.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from harness import assert_nothing_left, assert_refused, run_bounded, snapshot
from helpers import write_script

from bulletin.engines.cache import ClipCache
from bulletin.engines.espeak import EspeakEngine

LONG_BODY = "".join(
    f"# Tin số {n}\n\nBà con thôn {n} chú ý: lịch tiêm phòng cho đàn gia súc bắt đầu từ sáng thứ hai tuần tới, "
    "các hộ chăn nuôi đưa trâu bò đến điểm tiêm đúng giờ. Cán bộ thú y có mặt từ bảy giờ.\n\n"
    for n in range(1, 13)
)


def descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (Linux /proc)."""
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = (task / "children").read_text().split()
            except OSError:
                continue
            for child in map(int, children):
                if child not in found:
                    found.add(child)
                    todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def start_build(folder: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.Popen([sys.executable, "-m", "bulletin", "build", *args], cwd=folder, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def test_sigterm_during_synthesis_ends_the_engine_and_leaves_nothing(hostile_station, espeak):
    path = write_script(hostile_station / "scripts", "dai.md", LONG_BODY)
    before = snapshot(hostile_station)
    build = start_build(hostile_station, str(path), "--engine", "espeak", "-o", "out/dai.mp3")
    seen: set[int] = set()
    deadline = time.monotonic() + 60
    while not seen and time.monotonic() < deadline and build.poll() is None:
        seen |= descendants(build.pid)  # an espeak-ng (or ffmpeg) of this build is running
        time.sleep(0.01)
    assert seen, "the build never started a program"
    build.send_signal(signal.SIGTERM)
    output = build.communicate(timeout=60)[0].decode("utf-8")
    assert build.returncode == 143, output
    assert "SIGTERM" in output and "Traceback" not in output
    time.sleep(0.2)
    assert not [pid for pid in seen if alive(pid)], "programs of the stopped build still run"
    assert_nothing_left(before, snapshot(hostile_station))


def test_sigterm_while_encoding_removes_the_temporary_file(hostile_station, espeak):
    path = write_script(hostile_station / "scripts", "dai.md", LONG_BODY)
    before = snapshot(hostile_station)
    out = hostile_station / "out"
    build = start_build(hostile_station, str(path), "--engine", "espeak", "-o", "out/dai.mp3")
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and build.poll() is None:
        if any(p.name.startswith(".dai.") for p in out.iterdir()):
            break
        time.sleep(0.005)
    assert build.poll() is None, "the build ended before its temporary file was seen"
    children = descendants(build.pid)
    build.send_signal(signal.SIGTERM)
    output = build.communicate(timeout=60)[0].decode("utf-8")
    assert build.returncode == 143, output
    time.sleep(0.2)
    assert not [pid for pid in children if alive(pid)]
    assert sorted(p.name for p in out.iterdir()) == sorted(Path(k).name for k in before if k.startswith("out/"))


def test_temporary_files_of_killed_builds_are_removed_by_the_next_build(hostile_station, espeak):
    dead = subprocess.Popen(["true"])
    dead.wait()
    out = hostile_station / "out"
    stale = out / f".ban-tin.{dead.pid}.building.mp3"
    stale_wav = out / f".ban-tin.{dead.pid}.building.wav"
    running = out / f".khac.{os.getpid()}.building.mp3"  # a build still running (this process is alive)
    for path in (stale, stale_wav, running):
        path.write_bytes(b"\xff\xfb" * 1000)
    path = write_script(hostile_station / "scripts", "ngan.md", "Xin chào bà con.\n")
    done = run_bounded("build", str(path), "--engine", "espeak", "-o", "out/ngan.mp3", cwd=hostile_station)
    assert done.code == 0, done.output
    assert not stale.exists() and not stale_wav.exists()
    assert running.exists()


def truncating_espeak(folder: Path) -> Path:
    """espeak-ng as on a full disk: it exits 0 but the WAV's data stops halfway."""
    wrapper = folder / "espeak-ng-day-dia"
    real = shutil.which("espeak-ng")
    wrapper.write_text(
        f"#!{sys.executable}\n"
        "import os, subprocess, sys\n"
        f"code = subprocess.call([{real!r}, *sys.argv[1:]])\n"
        "if '-w' in sys.argv:\n"
        "    out = sys.argv[sys.argv.index('-w') + 1]\n"
        "    size = os.path.getsize(out)\n"
        "    with open(out, 'r+b') as fh:\n"
        "        fh.truncate(44 + (size - 44) // 2)\n"
        "sys.exit(code)\n",
        encoding="utf-8",
    )
    wrapper.chmod(0o755)
    return wrapper


def test_a_clip_cut_short_by_a_full_disk_never_enters_the_cache(hostile_station, espeak, isolated_cache, tmp_path):
    path = write_script(hostile_station / "scripts", "day.md", "# Tin\n\nBà con chú ý lịch tiêm phòng.\n")
    before = snapshot(hostile_station)
    clips_before = set((isolated_cache / "bulletin" / "clips").rglob("*"))
    outcome = run_bounded("build", str(path), "--engine", "espeak", "-o", "out/day.mp3", cwd=hostile_station,
                          env={"BULLETIN_ESPEAK": str(truncating_espeak(tmp_path))})
    assert_refused(outcome, names="day.md")
    assert "cắt cụt" in outcome.output
    assert_nothing_left(before, snapshot(hostile_station))
    assert set((isolated_cache / "bulletin" / "clips").rglob("*")) - clips_before <= {
        p for p in (isolated_cache / "bulletin" / "clips").rglob("*") if p.is_dir()}  # no clip, no temporary file


def test_the_cache_keeps_to_its_size_limit_least_recently_used_first(espeak, tmp_path):
    engine = EspeakEngine()
    cache = ClipCache(tmp_path)
    texts = [f"Câu thử số {n} của bản tin." for n in ("một", "hai", "ba", "bốn")]
    clips = []
    for n, text in enumerate(texts):
        clip, _ = cache.fetch(engine, "vi", text)
        os.utime(clip, (1_000_000 + n, 1_000_000 + n))  # made one after another
        clips.append(clip)
    sizes = [c.stat().st_size for c in clips]
    cache.fetch(engine, "vi", texts[0])  # used again: now the most recent
    cache.max_bytes = sizes[0] + sizes[3] + 1
    removed = cache.prune(keep={clips[3]})
    assert removed.clips == 2
    assert [c.exists() for c in clips] == [True, False, False, True]
