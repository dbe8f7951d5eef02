"""The player's small files in the station folder (.phat-song/): what is playing, that the player is
alive, and an emergency request waiting for it.

The "now playing" marker is written *before* playback starts and removed only after the
as-played record is in the log, so a player killed mid-airing (power cut, kill -9) leaves it
behind and the next start records that airing as incomplete.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

FOLDER = ".phat-song"
NOW_PLAYING = "dang-phat.json"
ALIVE = "may-phat.json"
EMERGENCY = "khan-cap.json"
ALIVE_SECONDS = 10.0  # a heartbeat older than this: the player is not running


def folder(root: Path) -> Path:
    return Path(root) / FOLDER


def write(path: Path, data: dict) -> None:
    """Whole file or nothing: written aside, then renamed over."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(temporary, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=1)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(temporary, path)


def read(path: Path) -> dict | None:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def remove(path: Path) -> None:
    try:
        Path(path).unlink()
    except FileNotFoundError:
        pass


def now_playing(root: Path) -> dict | None:
    """What the marker says is on air (None when nothing is)."""
    return read(folder(root) / NOW_PLAYING)


def player_alive(root: Path, now: dt.datetime | None = None) -> dict | None:
    """The running player's heartbeat (pid, since, heartbeat), or None when no player runs."""
    beat = read(folder(root) / ALIVE)
    if not beat or beat.get("stopped"):
        return None
    try:
        last = dt.datetime.fromisoformat(beat["heartbeat_wall"])
    except (KeyError, TypeError, ValueError):
        return None
    if abs((dt.datetime.now() - last).total_seconds()) > ALIVE_SECONDS:
        return None
    pid = beat.get("pid")
    if isinstance(pid, int) and os.name != "nt" and pid != os.getpid():
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            pass
    return beat


def request_emergency(root: Path, file: Path, place: str, requested: dt.datetime) -> Path:
    """Ask the running player to air ``file`` now (it stops what is playing)."""
    path = folder(root) / EMERGENCY
    write(path, {"file": str(Path(file).resolve()), "place": place,
                 "requested_at": requested.isoformat(timespec="seconds")})
    return path


def take_emergency(root: Path) -> dict | None:
    """The waiting emergency request, removed from the folder (None when there is none)."""
    path = folder(root) / EMERGENCY
    data = read(path)
    if data is not None:
        remove(path)
    return data


def emergency_waiting(root: Path) -> bool:
    return (folder(root) / EMERGENCY).exists()
