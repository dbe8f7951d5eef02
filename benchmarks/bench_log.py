"""How fast the broadcast log stays when it is big.

Builds a log of 100,000 records (ten years of a district that merged the logs
of its communes: about 10,000 airings a year, two or three bulletins a quarter
aired at many places), then times, as medians of several runs (min–max):

- ``quota`` and ``report`` for one year, through the library and through the
  command line (a new Python process each time, as an operator runs it);
- ``log add`` of one more record (library: the write transaction only;
  command line: with reading the MP3's tags and duration);
- ``log verify`` and ``log export`` of the whole log, for information.

Run:  python benchmarks/bench_log.py [--records 100000] [--runs 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bulletin.config import Station  # noqa: E402
from bulletin.log import exchange as log_exchange  # noqa: E402
from bulletin.log import store  # noqa: E402
from bulletin.log.record import Broadcast  # noqa: E402
from bulletin.periods import parse_period  # noqa: E402
from bulletin.reports import quota, render, report  # noqa: E402

SERIES = "Thông tin đối ngoại"
PLACES = [f"Cụm loa thôn {n}" for n in range(1, 41)]


def synthetic(count: int, first_year: int, years: int, seed: int = 1) -> list[Broadcast]:
    rng = random.Random(seed)
    per_year = count // years
    records: list[Broadcast] = []
    taken: set[tuple[str, str, str]] = set()
    while len(records) < count:
        year = first_year + min(len(records) // per_year, years - 1)
        day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
        quarter = (day.month - 1) // 3 + 1
        number = rng.randrange(1, 4)  # two or three bulletins a quarter
        series = SERIES if rng.random() < 0.9 else "Chuyển đổi số"
        key = f"{'TTĐN' if series == SERIES else 'CĐS'}-{year}-Q{quarter}-{number:02d}"
        aired_at = f"{day.isoformat()} {rng.choice(('06', '11', '17'))}:{rng.randrange(60):02d}"
        place = rng.choice(PLACES)
        if (key, aired_at, place) in taken:  # an exact duplicate: the log would refuse it
            continue
        taken.add((key, aired_at, place))
        records.append(Broadcast(
            id=str(uuid.uuid4()),
            aired_at=aired_at,
            place=place,
            bulletin_id=key,
            title=f"Bản tin {key}",
            series=series,
            level="thường",
            duration=round(rng.uniform(560, 605), 3),
            file_name=f"{key}.mp3",
            sha256=hashlib.sha256(key.encode()).hexdigest(),
            operator="Nguyễn Văn A",
            note="",
            planned_quarter=f"{year}-Q{quarter}",
        ))
    return records


def timed(fn, runs: int) -> tuple[float, float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), max(times)


def show(label: str, figures: tuple[float, float, float]) -> None:
    median, low, high = figures
    print(f"  {label:<52} median {median * 1000:8.1f} ms   (min {low * 1000:.1f}, max {high * 1000:.1f})")


def cli(*args: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "bulletin", *args], check=True, env=env, stdout=subprocess.DEVNULL)


def make_mp3(folder: Path) -> Path:
    from bulletin.audio.tags import BulletinTags, write_tags

    path = folder / "ban-tin.mp3"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=22050",
                    "-t", "5", "-b:a", "64k", str(path)], check=True)
    write_tags(path, BulletinTags(title="Bản tin thử", bulletin_id="TTĐN-2030-Q1-01", series=SERIES))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "broadcasts.db"
        first_year = 2024 - options.years + 1
        start = time.perf_counter()
        store.add_many(db, synthetic(options.records, first_year, options.years), origin_name="Huyện")
        built = time.perf_counter() - start
        size = db.stat().st_size / 1e6
        print(f"Log: {options.records:,} records over {options.years} years, built in {built:.1f} s, {size:.1f} MB")
        station = Station(root=folder)
        year = parse_period("2024")
        in_year = len(store.current(db, year))
        print(f"Year 2024: {in_year:,} airings; runs per figure: {options.runs}\n")

        print("Library:")
        show("quota 2024 (load + compute)",
             timed(lambda: quota.load(db, year, required=station.quota_for, series=[SERIES]), options.runs))
        show("quota 2024 (load + compute + render)", timed(lambda: render.render_quota(
            quota.load(db, year, required=station.quota_for, series=[SERIES]), year), options.runs))
        show("report 2024 (load + build)", timed(lambda: report.load_report(db, year, station), options.runs))
        show("report 2024 text", timed(lambda: render.render_text(report.load_report(db, year, station)),
                                       options.runs))
        show("report 2024 md", timed(lambda: render.render_markdown(report.load_report(db, year, station)),
                                     options.runs))
        show("report 2024 csv", timed(lambda: render.render_csv(report.load_report(db, year, station)),
                                      options.runs))
        show("report 2024-Q3 docx (quarter, ~2,500 rows)", timed(lambda: render.save(
            report.load_report(db, parse_period("2024-Q3"), station), "docx", folder / "q3.docx"), 3))

        counter = iter(range(10**9))

        def one_add() -> None:
            n = next(counter)
            record = synthetic(1, 2030, 1, seed=n + 100)[0]
            store.add(db, record)

        show("log add (one record, own transaction)", timed(one_add, max(options.runs, 20)))
        show("log verify (whole log)", timed(lambda: store.verify(db), 3))
        show("log export (whole log)", timed(lambda: log_exchange.export(db, folder / "export.jsonl"), 3))

        print("\nCommand line (a new process each run, Python start-up included):")
        show("python -c pass (start-up alone)",
             timed(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), options.runs))
        show("bulletin quota 2024", timed(lambda: cli("quota", "2024", "--db", str(db)), options.runs))
        show("bulletin report --period 2024 --format md",
             timed(lambda: cli("report", "--period", "2024", "--format", "md", "--db", str(db)), options.runs))
        mp3 = make_mp3(folder)
        places = iter(range(10**6))
        show("bulletin log add MP3 (tags, ffprobe, SHA-256, write)", timed(lambda: cli(
            "log", "add", str(mp3), "--aired", "2031-01-01 06:30", "--place", f"Cụm {next(places)}",
            "--db", str(db)), options.runs))
        result, _ = store.verify(db)
        print(f"\nAfter the benchmark the log verifies: {result.ok} ({result.entries:,} entries)")


if __name__ == "__main__":
    main()
