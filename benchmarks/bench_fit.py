"""How ``check`` scales with the number of ``@optional`` items (the fit planner must stay near-linear).

Run on demand (tests never time anything):

    PYTHONPATH=. python benchmarks/bench_fit.py [--sizes 1000 10000] [--runs 3]

Writes scripts of N short optional items that cannot all fit a 10-minute target (so
the planner has to decide how many to drop), and runs the real ``check`` on each,
alternating with a yardstick: ``check`` of a 100-item script in the same process.
Prints the median seconds per size and the ratio to the yardstick (a linear planner
gives a ratio near N/100, a quadratic one near (N/100)²).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bulletin.checker import check
from bulletin.config import load_station
from bulletin.station import init_station

YARDSTICK = 100


def write_script(folder: Path, count: int) -> Path:
    path = folder / f"tuy-chon-{count}.md"
    items = "".join(f"# Tin số {n}\n@optional\nBà con chú ý lịch tiêm phòng đợt {n} tại trạm y tế xã.\n\n"
                    for n in range(1, count + 1))
    path.write_text(f"---\ntitle: Nhiều mục\nengine: espeak\ntarget: \"10:00\"\n---\n{items}", encoding="utf-8")
    return path


def timed(script: Path, station) -> float:
    start = time.perf_counter()
    result = check(script, station)
    seconds = time.perf_counter() - start
    assert result.plan.fits, result.problems  # dropping optional items must make it fit
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "station"
        init_station(folder)
        station = load_station(folder / "bulletin.toml")
        yard = write_script(folder, YARDSTICK)
        timed(yard, station)  # warm up imports and the estimator
        for size in args.sizes:
            script = write_script(folder, size)
            ours, base = [], []
            for _ in range(args.runs):
                base.append(timed(yard, station))
                ours.append(timed(script, station))
            median, yardstick = statistics.median(ours), statistics.median(base)
            print(f"check, {size:>6} optional items: median {median:7.2f} s  (min {min(ours):.2f}, "
                  f"max {max(ours):.2f}); yardstick {YARDSTICK} items {yardstick:.3f} s; "
                  f"ratio {median / yardstick:7.1f} (linear ≈ {size / YARDSTICK:.0f})")


if __name__ == "__main__":
    main()
