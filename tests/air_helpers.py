"""What the on-air tests share: short tagged MP3s made by ffmpeg, a schedule, a player run in a thread."""

from __future__ import annotations

import datetime as dt
import subprocess
import threading
import time
from pathlib import Path

from bulletin.air import schedule, state
from bulletin.air.clock import ShiftedClock
from bulletin.air.onair import OnAir
from bulletin.air.players import SilentPlayer

MONDAY = dt.datetime(2024, 10, 21)  # a Monday in Q4 2024


def bulletin_mp3(path: Path, seconds: float, title: str, bulletin_id: str = "", freq: int = 440) -> Path:
    """A real MP3 of ``seconds`` with the tags bulletin writes (title, id as TXXX:BULLETIN_ID)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["ffmpeg", "-y", "-loglevel", "error", "-f", "lavfi", "-i", f"sine=f={freq}:d={seconds}",
                    "-metadata", f"title={title}", str(path)], check=True)
    if bulletin_id:
        from mutagen.id3 import ID3, TXXX

        tags = ID3(path)
        tags.add(TXXX(encoding=3, desc="BULLETIN_ID", text=[bulletin_id]))
        tags.save(path)
    return path


def add(root: Path, file: str, when: str, place: str = "Cụm loa thôn 1", added: dt.datetime = MONDAY) -> None:
    schedule.add(schedule.schedule_path(root), file, when, place, now=added, root=root)


def player(station, start: dt.datetime, events=None, player=None) -> OnAir:
    return OnAir(station, player or SilentPlayer(), clock=ShiftedClock(start),
                 notify=(events.append if events is not None else None))


def run_in_thread(machine: OnAir, until: dt.datetime):
    stop = threading.Event()
    thread = threading.Thread(target=machine.run, kwargs={"stop": stop, "until": until}, daemon=True)
    thread.start()
    return thread, stop


def wait_for(condition, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.05)


def playing(root: Path, title: str, at_least: float = 0.0) -> bool:
    marker = state.now_playing(root)
    return bool(marker and marker.get("title") == title and float(marker.get("played") or 0) >= at_least)

