"""Benchmark: a warm rebuild of a 10-minute, 40-item bulletin against the fastest ffmpeg-only build.

    python benchmarks/bench_build.py [--runs 5] [--keep FOLDER]

Makes a station folder, writes a 40-item script with a music bed under part
of it, synthesizes the clips once with espeak-ng (the cache), then times,
alternately in the same run:

- ``bulletin build``, warm: every clip cached (and its decoded copy kept), so
  the run is decoding, per-stem dynamics and loudness, mixing with the ducked
  bed and jingle crossfades, mastering, ONE MP3 encode, verification on the
  file, tags. Each run is a fresh process, so the figure includes start-up and
  imports, as an operator experiences it; its peak memory is the process's
  maximum resident size.
- the yardstick: the fastest ffmpeg-only build of the same job, two passes
  over the same running order (every clip, jingle and pause concatenated, the
  bed looped and ducked with ``sidechaincompress``): first ``ebur128`` measures
  the integrated loudness, then ``volume`` brings it to the target and LAME
  encodes at the same bitrate. It has no true-peak limiter and no
  verification, so it does less than the job.

Also prints one cold build (an empty clip cache: synthesis included). Prints
the median (min–max) of each, the ratio of the medians and peak memory.
Timings on a shared machine are noisy: use several runs.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bulletin.config import load_station  # noqa: E402
from bulletin.engines.cache import ClipCache  # noqa: E402
from bulletin.engines.choice import engine_chain  # noqa: E402
from bulletin.engines.synth import speech_items, synthesize  # noqa: E402
from bulletin.plan.program import BedChange, Play, Say, Silence, prepare_program  # noqa: E402
from bulletin.prepare import station_sounds  # noqa: E402
from bulletin.script import load_script  # noqa: E402
from bulletin.station import init_station  # noqa: E402
from bulletin.text import Normalizer  # noqa: E402

SENTENCES = [
    "Ủy ban nhân dân xã đã tổ chức hội nghị tổng kết công tác sáu tháng đầu năm.",
    "Các thôn đã hoàn thành việc nạo vét kênh mương nội đồng trước mùa mưa bão.",
    "Người dân được hướng dẫn cách phòng chống dịch bệnh cho đàn gia súc, gia cầm.",
    "Sản phẩm nước mắm truyền thống của địa phương đã đạt chứng nhận ba sao.",
    "Trạm y tế xã tổ chức khám sức khỏe miễn phí cho người cao tuổi trong tháng này.",
    "Đề nghị các hộ gia đình chủ động gia cố nhà cửa, chuẩn bị lương thực dự phòng.",
    "Hội Phụ nữ xã phát động phong trào xây dựng gia đình năm không, ba sạch.",
    "Đoàn thanh niên ra quân làm sạch bãi biển và trồng cây xanh dọc tuyến đường.",
]


PLACES = ["thôn Một", "thôn Hai", "thôn Ba", "thôn Đông", "thôn Tây", "thôn Nam", "thôn Bắc", "xóm Chợ",
          "xóm Đình", "xóm Bến", "khu Trung tâm", "bãi Ngang", "đồng Cát", "làng Chài", "xóm Mới", "ấp Hòa"]


def make_station(folder: Path, items: int) -> Path:
    init_station(folder, name="Đài Truyền thanh xã Thử Nghiệm")
    config = folder / "bulletin.toml"
    text = config.read_text(encoding="utf-8")
    if "\n[cache]" not in text:  # a kept folder is reused: its cache is already warm
        config.write_text(text + '\n[cache]\nfolder = "cache"\n', encoding="utf-8")
    parts = []
    counter = 0
    for n in range(items):
        sentences = 3 if n % 4 == 3 else 2  # about 9:30 in all, so the fit has nothing to do
        said = []
        for _ in range(sentences):
            # Every sentence different, as in a real bulletin: no clip is used twice.
            place, sentence = PLACES[counter % len(PLACES)], SENTENCES[(counter // len(PLACES) + counter) % len(SENTENCES)]
            said.append(f"Tại {place}, {sentence[0].lower()}{sentence[1:]}")
            counter += 1
        bed = "@bed bed\n" if n % 10 == 0 else ("@bed off\n" if n % 10 == 5 else "")
        parts.append(f"# Tin số {n + 1}\n{bed}\n{' '.join(said)}\n")
    script = folder / "scripts" / "bench.md"
    script.write_text('---\ntitle: Bản tin thử tốc độ\nid: BENCH-01\ndate: 2024-07-15\ntarget: "10:00"\n---\n\n'
                      + "\n".join(parts), encoding="utf-8")
    return script


def warm_cache(script: Path, station_dir: Path):
    """Synthesize every clip once; returns the program and the clip of every utterance."""
    station = load_station(station_dir / "bulletin.toml")
    cache = ClipCache.for_station(station)
    chain = engine_chain("espeak", station, cache)
    intro, outro = station_sounds(station)
    program = prepare_program(load_script(script, station), station, Normalizer.for_station(station),
                              max_chars=chain.max_chars, intro=intro, outro=outro)
    synth = synthesize(speech_items(program.sections), chain, cache)
    return station, program, synth.clips


def ffmpeg_graph(station, program, clips) -> tuple[list[str], list[str]]:
    """The running order as ffmpeg inputs and a filter graph ending in ``[mix]``."""
    audio = station.audio
    inputs: list[str] = []
    chain: list[str] = []  # filter labels of the foreground, in order
    filters: list[str] = []
    bed_path = None
    index = 0

    def add_input(path: Path) -> str:
        nonlocal index
        inputs.extend(["-i", str(path)])
        label = f"s{len(chain)}"
        filters.append(f"[{index}:a]aresample={audio.sample_rate},aformat=channel_layouts=mono[{label}]")
        index += 1
        return label

    def add_gap(seconds: float) -> str:
        label = f"s{len(chain)}"
        filters.append(f"anullsrc=r={audio.sample_rate}:cl=mono,atrim=duration={seconds:.3f}[{label}]")
        return label

    for section in program.sections:
        for part in section.parts:
            if isinstance(part, BedChange):
                bed_path = part.path or bed_path
            elif isinstance(part, Say):
                for u in part.utterances:
                    chain.append(add_input(clips[u.text]))
            elif isinstance(part, Play):
                chain.append(add_input(part.path))
            elif isinstance(part, Silence):
                chain.append(add_gap(part.seconds))
    bed_input = index
    inputs += ["-stream_loop", "-1", "-i", str(bed_path)]
    filters.append("".join(f"[{label}]" for label in chain) + f"concat=n={len(chain)}:v=0:a=1,asplit=2[voice][key]")
    filters.append(f"[{bed_input}:a]aresample={audio.sample_rate},aformat=channel_layouts=mono,"
                   f"volume={audio.bed_level - 12:.1f}dB[bedraw]")
    filters.append("[bedraw][key]sidechaincompress=threshold=0.01:ratio=20:attack=300:release=800[ducked]")
    filters.append("[voice][ducked]amix=inputs=2:duration=first:normalize=0[mix]")
    return inputs, filters


def yardstick(station, program, clips, out: Path) -> float:
    """The two-pass ffmpeg build: measure with ``ebur128``, then ``volume`` + LAME. Returns the gain (dB)."""
    inputs, filters = ffmpeg_graph(station, program, clips)
    measure = ["ffmpeg", "-nostdin", "-hide_banner", "-nostats", "-y", *inputs, "-filter_complex",
               ";".join(filters + ["[mix]ebur128[out]"]), "-map", "[out]", "-f", "null", "-"]
    result = subprocess.run(measure, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"yardstick pass 1 failed:\n{result.stderr[-2000:]}")
    summary = result.stderr[result.stderr.rindex("Summary:"):]
    integrated = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))
    gain = station.audio.loudness - integrated
    encode = ["ffmpeg", "-nostdin", "-v", "error", "-y", *inputs, "-filter_complex",
              ";".join(filters + [f"[mix]volume={gain:.2f}dB[out]"]), "-map", "[out]", "-ac", "1",
              "-c:a", "libmp3lame", "-b:a", station.audio.bitrate, str(out)]
    result = subprocess.run(encode, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"yardstick pass 2 failed:\n{result.stderr[-2000:]}")
    return gain


BUILD_CHILD = """
import resource, sys, time
from pathlib import Path
start = time.perf_counter()
from bulletin.config import load_station
from bulletin.builder import build, BuildOptions
station = load_station(Path(sys.argv[1]))
result = build(Path(sys.argv[2]), Path(sys.argv[3]), station, BuildOptions(engine="espeak"))
elapsed = time.perf_counter() - start
print(json.dumps({"inside": elapsed, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "duration": result.duration, "loudness": result.loudness, "true_peak": result.true_peak,
                  "items": len(result.chapters), "encodes": result.encodes, "limiter": result.limiter,
                  "synthesized": result.synthesized}))
""".replace("import resource", "import json, resource")


def timed(command: list[str], env: dict | None = None) -> tuple[float, float, str]:
    """Wall time, CPU time (user + system, the process and everything it waited for), stdout."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command[:4])}…\n{result.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu, result.stdout


def summary(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} s (min {min(values):.2f}, max {max(values):.2f})"


def timed_call(function, *args) -> tuple[float, float]:
    """Wall time and CPU time of the ffmpeg processes ``function`` runs."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    function(*args)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bulletin-bench-") as tmp:
        folder = (args.keep or Path(tmp)) / "station"
        script = make_station(folder, items=40)
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        out = folder / "out" / "bench.mp3"
        child = [sys.executable, "-c", BUILD_CHILD, str(folder / "bulletin.toml"), str(script), str(out)]
        cache = folder / "cache"
        if cache.exists():
            shutil.rmtree(cache)
        cold_time, cpu, stdout = timed(child, env)  # cold: synthesis and decoding included
        cold = json.loads(stdout.strip().splitlines()[-1])
        print(f"cold build: {cold_time:.2f} s, CPU {cpu:.2f} s, {cold['synthesized']} clips synthesized, "
              f"{cold['rss_mb']:.0f} MB")
        station, program, clips = warm_cache(script, folder)
        print(f"40 items, {len(clips)} cached clips")
        ours, memory, inside, yard, ours_cpu, yard_cpu = [], [], [], [], [], []
        for run in range(args.runs):
            # Alternated, so that load from other processes hits both alike.
            elapsed, cpu, stdout = timed(child, env)
            figures = json.loads(stdout.strip().splitlines()[-1])
            ours.append(elapsed)
            ours_cpu.append(cpu)
            inside.append(figures["inside"])
            memory.append(figures["rss_mb"])
            elapsed, cpu = timed_call(yardstick, station, program, clips, folder / "out" / "yardstick.mp3")
            yard.append(elapsed)
            yard_cpu.append(cpu)
            print(f"run {run + 1}: bulletin {ours[-1]:.2f} s ({figures['rss_mb']:.0f} MB, "
                  f"{figures['encodes']} encode), ffmpeg two-pass {yard[-1]:.2f} s")
        median = statistics.median
        print()
        print(f"bulletin build, warm, whole process:  {summary(ours)}; CPU {median(ours_cpu):.2f} s")
        print(f"bulletin build, without start-up:     {summary(inside)}")
        print(f"ffmpeg two-pass yardstick:            {summary(yard)}; CPU {median(yard_cpu):.2f} s")
        print(f"ratio to the yardstick:               {median(ours) / median(yard):.2f}x wall, "
              f"{median(ours_cpu) / median(yard_cpu):.2f}x CPU (goal: at most 1.1x)")
        print(f"cold build (synthesis included):      {cold_time:.2f} s")
        print(f"peak memory of bulletin build:        {max(memory):.0f} MB warm, {cold['rss_mb']:.0f} MB cold "
              "(goal: at most 250 MB)")
        print(f"bulletin output: {figures['duration']:.2f} s, {figures['loudness']:.1f} LUFS, "
              f"{figures['true_peak']:.1f} dBTP, {figures['items']} chapters, {figures['encodes']} encode, "
              f"deepest limiting {figures['limiter']:.1f} dB")


if __name__ == "__main__":
    main()
