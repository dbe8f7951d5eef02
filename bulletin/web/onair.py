"""The "Lịch phát" page: the week ahead, what is on air now, the schedule's entries, an emergency start."""

from __future__ import annotations

import datetime as dt
import os
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from bulletin.air import reminders, schedule, state
from bulletin.air.onair import OnAir
from bulletin.air.players import sound_player
from bulletin.config import Station
from bulletin.errors import BulletinError, ConfigError
from bulletin.vn_format import vn_date, vn_time
from bulletin.web.app import checked_form, studio_of
from bulletin.web.security import OutsideStation, inside

WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")
AUDIO_FOLDERS = ("out", "uploads", "audio")


def audio_files(root: Path) -> list[str]:
    """The station's audio files an operator may schedule or air (relative paths)."""
    found = []
    for folder in AUDIO_FOLDERS:
        base = root / folder
        if base.is_dir():
            found += sorted(f"{folder}/{p.name}" for p in base.iterdir()
                            if p.is_file() and p.suffix.lower() in schedule.AUDIO_SUFFIXES and not p.name.startswith("."))
    return found


def on_air(root: Path) -> dict[str, Any] | None:
    """What the "now playing" marker says, for the page (None when nothing plays)."""
    marker = state.now_playing(root)
    if not marker:
        return None
    started = dt.datetime.fromisoformat(str(marker.get("started")))
    return {"title": marker.get("title", ""), "place": marker.get("place", ""), "level": marker.get("level", ""),
            "started": f"{vn_time(started)} {vn_date(started.date())}", "played": round(float(marker.get("played") or 0)),
            "duration": round(float(marker.get("duration") or 0)),
            "stale": state.player_alive(root) is None}


def schedule_view(station: Station, now: dt.datetime) -> dict[str, Any]:
    root = Path(station.root)
    error = ""
    try:
        entries = schedule.load(schedule.schedule_path(root))
    except ConfigError as exc:
        entries, error = [], str(exc)
    week = [{"weekday": WEEKDAYS[a.at.weekday()], "day": vn_date(a.at.date()), "time": vn_time(a.at),
             "place": a.entry.place, "file": a.entry.file, "entry": a.entry.id, "level": a.entry.level}
            for a in schedule.occurrences(entries, now, now + dt.timedelta(days=7))]
    alive = state.player_alive(root)
    try:
        notes = reminders.load(station, now=now)
    except BulletinError as exc:
        notes = [str(exc)]
    return {"entries": [{"id": e.id, "file": e.file, "when": e.when_text, "described": e.when.describe(),
                         "place": e.place, "level": e.level} for e in entries],
            "week": week, "on_air": on_air(root), "player": alive, "files": audio_files(root),
            "default_place": station.default_place, "schedule_error": error, "reminders": notes,
            "recent": recent_airings(station, now)}


def recent_airings(station: Station, now: dt.datetime, days: int = 7, count: int = 5) -> list[dict[str, Any]]:
    """The player's last airings, newest first, with how each went (an airing that failed says so)."""
    from bulletin.log import store
    from bulletin.log.record import AUTO, COMPLETE, COMPLETION_NAMES
    from bulletin.periods import date_range

    try:
        records = store.current(station.database_path, date_range((now - dt.timedelta(days=days)).date(), now.date()),
                                include_void=False)
    except BulletinError:
        return []
    played = [r for r in records if r.source == AUTO][-count:]
    return [{"title": r.title, "place": r.place, "aired": f"{vn_time(r.aired)} {vn_date(r.aired.date())}",
             "outcome": COMPLETION_NAMES.get(r.completion, r.completion), "ok": r.completion == COMPLETE,
             "note": r.note} for r in reversed(played)]


def _back(**query: str) -> RedirectResponse:
    return RedirectResponse("/schedule?" + urlencode({k: v for k, v in query.items() if v}), status_code=303)


async def page(request: Request) -> Response:
    studio = studio_of(request)
    context = schedule_view(studio.station(), dt.datetime.now())
    return studio.render(request, "schedule.html", {"title": "Lịch phát", **context,
                                                    "message": request.query_params.get("msg", ""),
                                                    "error": request.query_params.get("error", "")})


def _station_file(root: Path, relative: str) -> Path:
    try:
        path = inside(root, relative)
    except OutsideStation:
        raise ConfigError("đường dẫn nằm ngoài thư mục của đài") from None
    if not path.is_file():
        raise ConfigError(f"không tìm thấy tệp '{relative}' trong thư mục của đài")
    return path


async def add(request: Request) -> Response:
    studio = studio_of(request)
    form = await checked_form(request)
    station = studio.station()
    try:
        path = _station_file(studio.root, str(form.get("file") or ""))
        entry = schedule.add(schedule.schedule_path(studio.root), str(path), str(form.get("when") or ""),
                             str(form.get("place") or "").strip() or station.default_place,
                             level=str(form.get("level") or "thường"), root=studio.root)
    except BulletinError as exc:
        return _back(error=str(exc))
    return _back(msg=f"Đã thêm mục {entry.id}: {entry.file} – {entry.when.describe()} – {entry.place}")


async def remove(request: Request) -> Response:
    studio = studio_of(request)
    await checked_form(request)
    try:
        entry = schedule.remove(schedule.schedule_path(studio.root), request.path_params["entry"])
    except BulletinError as exc:
        return _back(error=str(exc))
    return _back(msg=f"Đã bỏ mục {entry.id}: {entry.file} – {entry.when.describe()}")


async def emergency(request: Request) -> Response:
    """Ask the running player to air a file now; it stops what plays and logs both."""
    studio = studio_of(request)
    form = await checked_form(request)
    station = studio.station()
    try:
        path = _station_file(studio.root, str(form.get("file") or ""))
    except BulletinError as exc:
        return _back(error=str(exc))
    place = str(form.get("place") or "").strip() or station.default_place
    if state.player_alive(studio.root) is None:
        # No player runs: the studio airs it itself, through the computer's sound output, and logs it.
        try:
            player = sound_player()
        except BulletinError as exc:
            return _back(error=f"trình phát chưa chạy và {exc}")
        machine = OnAir(station, player)
        state.write(state.folder(studio.root) / state.ALIVE, {  # at once: a second press asks this player
            "pid": os.getpid(), "heartbeat_wall": dt.datetime.now().isoformat(timespec="seconds"),
            "player": player.name})
        threading.Thread(target=machine.air_now, args=(path, place), daemon=True, name="khan-cap").start()
        return _back(msg=f"Đang phát khẩn cấp “{path.name}” tại {place} qua loa của máy này (trình phát theo lịch "
                         "chưa chạy); lần phát được ghi sổ khi xong.")
    state.request_emergency(studio.root, path, place, dt.datetime.now())
    return _back(msg=f"Đã gửi lệnh phát khẩn cấp “{path.name}” tại {place}: trình phát ngắt bản tin đang phát "
                     "(nếu có) và phát ngay; cả hai được ghi sổ.")


ROUTES = [
    Route("/schedule", page),
    Route("/schedule/add", add, methods=["POST"]),
    Route("/schedule/{entry}/remove", remove, methods=["POST"]),
    Route("/schedule/emergency", emergency, methods=["POST"]),
]
