"""The scheduled player: airs each airing of the schedule at its time and logs what actually went out.

Every airing becomes one *as-played* record written by the player itself (``source="auto"``):
the actual start and end, the seconds played, the file's hash, and whether it was played
through (``complete``), stopped (``incomplete``: Ctrl+C, SIGTERM, a power cut found at the next
start), cut by an emergency bulletin (``interrupted``) or never started because the computer was
off (``missed``). Only complete airings count toward the quota (see :mod:`bulletin.reports.quota`).
A slot is logged once: its key (minute and place) is checked in the log before anything airs, so
a restart never airs or logs a slot twice.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from bulletin.air import schedule as schedule_mod
from bulletin.air import state
from bulletin.air.clock import ShiftedClock, SystemClock
from bulletin.air.players import Player
from bulletin.air.schedule import Airing, Entry
from bulletin.config import Station
from bulletin.errors import BulletinError, LogError
from bulletin.log import store
from bulletin.log.record import AUTO, COMPLETE, INCOMPLETE, INTERRUPTED, MISSED, Broadcast

LATE_LIMIT = dt.timedelta(minutes=10)  # a slot started later than this is missed, not aired late
LOOKBACK = dt.timedelta(days=31)  # how far back a restart looks for missed slots
POLL = 0.2  # seconds between checks while playing (stop, emergency)
HEARTBEAT = 1.0  # seconds between "still alive / still playing" writes
EMERGENCY = "khẩn cấp"
TOLERANCE = 1.0  # seconds: a playback that stops this close to the end is complete
BUILD_AHEAD = dt.timedelta(minutes=30)  # a scheduled script is built this long before it airs

__all__ = ["Event", "OnAir", "ShiftedClock", "SystemClock", "week_ahead"]


@dataclass(frozen=True)
class Event:
    """One thing the player did, for the command line or the studio to show (Vietnamese)."""

    kind: str  # aired | missed | recovered | started | error
    message: str
    record: Broadcast | None = None


class OnAir:
    """The player of one station. ``notify`` receives each :class:`Event` as it happens."""

    def __init__(self, station: Station, player: Player, *, clock=None, db: Path | None = None,
                 schedule_file: Path | None = None, notify: Callable[[Event], None] | None = None):
        self.station = station
        self.root = Path(station.root)
        self.player = player
        self.clock = clock or SystemClock()
        self.db = Path(db) if db is not None else station.database_path
        self.schedule_file = schedule_file or schedule_mod.schedule_path(self.root)
        self.notify = notify or (lambda event: None)
        self.events: list[Event] = []
        self._entries: list[Entry] = []
        self._mtime: float | None = -1.0
        self._last_beat = 0.0
        self._done: set[str] = set()  # slots tried in this run (aired, or found unplayable)
        self._last_error = ""
        self._built: set[str] = set()

    # -- what the schedule says ---------------------------------------------------------

    def entries(self) -> list[Entry]:
        """The schedule, read again whenever the file changed (edits apply while running)."""
        try:
            mtime = self.schedule_file.stat().st_mtime
        except FileNotFoundError:
            mtime = None
        if mtime != self._mtime:
            self._entries = schedule_mod.load(self.schedule_file)
            self._mtime = mtime
        return self._entries

    def upcoming(self, start: dt.datetime, end: dt.datetime) -> list[Airing]:
        return schedule_mod.occurrences(self.entries(), start, end)

    # -- running ------------------------------------------------------------------------

    def _emit(self, kind: str, message: str, record: Broadcast | None = None) -> Event:
        event = Event(kind, message, record)
        self.events.append(event)
        self.notify(event)
        return event

    def recover(self) -> list[Event]:
        """At start: an airing cut by a crash becomes an incomplete record; slots missed while the
        computer was off are recorded as missed. Safe to run again (nothing is logged twice)."""
        before = len(self.events)
        marker = state.now_playing(self.root)
        if marker is not None:
            self._recover_marker(marker)
        now = self.clock.now()
        for airing in self.upcoming(now - LOOKBACK, now - LATE_LIMIT):
            if airing.slot not in self._done and not store.slot_logged(self.db, airing.slot):
                self._log_missed(airing)
        return self.events[before:]

    def run(self, stop: threading.Event | None = None, until: dt.datetime | None = None) -> list[Event]:
        """Air the schedule until ``stop`` is set (or the clock passes ``until``)."""
        stop = stop or threading.Event()
        alive = state.player_alive(self.root)
        if alive and alive.get("pid") != os.getpid():
            raise LogError(f"bulletin onair đang chạy ở tiến trình khác (số {alive.get('pid')}); mỗi đài chỉ chạy "
                           "một trình phát. Hãy dừng trình kia trước")
        self._beat(force=True)
        recovered = False
        try:
            while not stop.is_set():
                self._beat()
                try:
                    if not recovered:  # inside: a mistyped schedule at start is said, the player still runs
                        self.recover()
                        recovered = True
                    request = state.take_emergency(self.root)
                    if request is not None and _stale(request):
                        self._emit("error", f"Bỏ qua lệnh phát khẩn cấp cũ ({request.get('requested_at')}, "
                                            f"{Path(str(request.get('file'))).name}): gửi lúc trình phát không chạy")
                        continue
                    if request is not None:
                        self._air_emergency(request, stop)
                        if not stop.is_set():
                            self.recover()
                        continue
                    now = self.clock.now()
                    due = [a for a in self.upcoming(now - LATE_LIMIT, now + dt.timedelta(microseconds=1))
                           if a.slot not in self._done and not store.slot_logged(self.db, a.slot)]
                    if due:
                        self._done.add(due[0].slot)  # tried once in this run, whatever happens next
                        self._air(due[0], stop)
                        if not stop.is_set():
                            self.recover()  # slots that went by while it played (a long emergency) are missed
                        continue
                except BulletinError as exc:
                    # One airing's problem (the log locked, the schedule mistyped while running) must not
                    # stop the station's player: said once, tried again every few seconds.
                    if str(exc) != self._last_error:
                        self._last_error = str(exc)
                        self._emit("error", f"Lỗi: {exc}")
                    self.clock.wait(5.0, stop)
                    if until is not None and self.clock.now() >= until:
                        break
                    continue
                self._last_error = ""
                if until is not None and now >= until:
                    break
                following = self.upcoming(now, now + dt.timedelta(days=8))
                if (following and following[0].entry.is_script and following[0].at - now <= BUILD_AHEAD
                        and following[0].slot not in self._built):
                    self._build_ahead(following[0])
                    continue  # building took time: look at the clock again before waiting
                target = following[0].at if following else now + dt.timedelta(hours=1)
                if until is not None:
                    target = min(target, until)
                self.clock.wait(max((target - now).total_seconds(), 0.01), stop)
        finally:
            self._stopped()
        return self.events

    def air_now(self, file: Path, place: str, stop: threading.Event | None = None) -> Event:
        """Air ``file`` at once as an emergency bulletin (no player running): logged like any airing."""
        stop = stop or threading.Event()
        try:
            event = self._air_emergency({"file": str(file), "place": place}, stop)
            # Another emergency sent meanwhile (it interrupted this one) is aired next.
            while not stop.is_set() and (request := state.take_emergency(self.root)) is not None:
                if not _stale(request):
                    event = self._air_emergency(request, stop)
            return event
        finally:
            self._stopped()

    def _stopped(self) -> None:
        """Say the player is gone (the studio then stops sending it emergencies)."""
        state.write(state.folder(self.root) / state.ALIVE, {"pid": os.getpid(), "stopped": True,
                                                             "heartbeat_wall": dt.datetime.now().isoformat()})

    # -- airing -------------------------------------------------------------------------

    def _beat(self, force: bool = False) -> None:
        import time

        if force or time.monotonic() - self._last_beat >= HEARTBEAT:
            self._last_beat = time.monotonic()
            state.write(state.folder(self.root) / state.ALIVE, {
                "pid": os.getpid(), "heartbeat_wall": dt.datetime.now().isoformat(timespec="seconds"),
                "clock": self.clock.now().isoformat(timespec="seconds"), "player": self.player.name})

    def _file_of(self, entry: Entry) -> Path:
        """The audio to air; a script is built first (again when it changed since)."""
        path = Path(entry.file)
        path = path if path.is_absolute() else self.root / path
        if not entry.is_script:
            return path
        output = self.root / "out" / f"{path.stem}.mp3"
        if not output.is_file() or output.stat().st_mtime < path.stat().st_mtime:
            from bulletin.builder import build

            build(path, output, self.station, progress=lambda _step: self._beat())  # still alive while building
            self._emit("built", f"Đã tạo {output.name} từ kịch bản {path.name} để phát")
        return output

    def _build_ahead(self, airing: Airing) -> None:
        """Build a scheduled script before its time, so it airs on the minute (a failure is said once;
        at airing time the slot is reported as missed if it still cannot be built)."""
        if airing.slot in self._built:
            return
        self._built.add(airing.slot)
        try:
            self._file_of(airing.entry)
        except BulletinError as exc:
            self._emit("error", f"Chưa tạo được bản tin cho {airing.at:%H:%M %d/%m/%Y} ({airing.entry.file}): {exc}")

    def _record(self, path: Path, at: dt.datetime, place: str, level: str) -> Broadcast:
        record = store.record_for_file(path, at, place=place, operator=self.station.operator,
                                       default_series=self.station.series, station_name=self.station.name,
                                       station_code=self.station.short_code)
        if level and level != "thường":
            record = replace(record, level=level)
        return record

    def _air(self, airing: Airing, stop: threading.Event) -> Event:
        try:
            path = self._file_of(airing.entry)
            record = self._record(path, airing.at, airing.entry.place, airing.entry.level)
        except BulletinError as exc:
            if stop.is_set():  # Ctrl+C in a terminal reaches ffprobe too: not the file's fault
                self._done.discard(airing.slot)
                return self._emit("note", f"Dừng trước khi phát {airing.slot}")
            # The slot cannot air: logged as missed when the file can be read, reported in any case.
            return self._log_missed(airing, reason=str(exc))
        return self._play(record, path, airing.slot, stop, planned=airing.at)

    def _air_emergency(self, request: dict, stop: threading.Event) -> Event:
        path = Path(request.get("file", ""))
        place = str(request.get("place") or self.station.default_place)
        start = self.clock.now()
        try:
            record = self._record(path, start, place, EMERGENCY)
        except BulletinError as exc:
            return self._emit("error", f"Không phát được bản tin khẩn cấp: {exc}")
        slot = f"{EMERGENCY} {start:%Y-%m-%d %H:%M:%S} @ {place}"
        return self._play(record, path, slot, stop, planned=None)

    def _play(self, record: Broadcast, path: Path, slot: str, stop: threading.Event,
              planned: dt.datetime | None) -> Event:
        start = self.clock.now()
        record = replace(record, aired_at=start.strftime("%Y-%m-%d %H:%M"),
                         note=_note(start, planned))
        marker_path = state.folder(self.root) / state.NOW_PLAYING
        marker = {"slot": slot, "file": str(path), "record": record.as_dict(), "pid": os.getpid(),
                  "started": start.isoformat(timespec="seconds"), "played": 0.0,
                  "heartbeat": start.isoformat(timespec="seconds"), "title": record.title, "place": record.place,
                  "level": record.level, "duration": record.duration}
        state.write(marker_path, marker)  # before the first sound: a crash from here on is found at restart
        self._emit("started", f"Bắt đầu phát {start:%H:%M:%S}: “{record.title}” tại {record.place}"
                              + (f" (mức {record.level})" if record.level == EMERGENCY else ""))
        playback = self.player.start(path)
        completion = COMPLETE
        last = 0.0
        while not playback.wait(POLL):
            if stop.is_set():
                playback.stop()
                completion = INCOMPLETE
                break
            if state.emergency_waiting(self.root):
                playback.stop()
                completion = INTERRUPTED
                break
            if playback.elapsed - last >= HEARTBEAT:
                last = playback.elapsed
                self._beat()
                state.write(marker_path, {**marker, "played": round(playback.elapsed, 1),
                                          "heartbeat": self.clock.now().isoformat(timespec="seconds")})
        if stop.is_set() and completion == COMPLETE and not playback.finished_cleanly:
            completion = INCOMPLETE  # Ctrl+C in a terminal stops the player program as well as us
        played = min(playback.elapsed, record.duration)
        problem = detail = ""
        if completion == COMPLETE and (not playback.finished_cleanly or played < record.duration - TOLERANCE):
            completion = INCOMPLETE
            detail = playback.error_text()
            problem = "trình phát báo lỗi, không phát hết tệp" if detail else "trình phát dừng trước khi hết tệp"
        playback.close()
        end = self.clock.now()
        if completion == COMPLETE:
            played = record.duration
        if detail:
            # The program's own words (often English, with paths) are for whoever fixes the machine:
            # shown here and in the service's log, not written into the broadcast log and its reports.
            self._emit("note", f"Lỗi trình phát khi phát “{record.title}”: {detail}")
        note = record.note + (f"; lỗi trình phát: {problem}" if problem else "")
        event = self._log(replace(record, note=note), slot, completion, end, played,
                          proposed_id=store.proposed_id_of(path))
        state.remove(marker_path)
        return event

    def _log(self, record: Broadcast, slot: str, completion: str, end: dt.datetime | None,
             played: float, proposed_id: str = "") -> Event:
        if store.slot_logged(self.db, slot):
            return self._emit("note", f"Khung giờ {slot} đã có trong sổ; không ghi lại")
        ended = end.strftime("%Y-%m-%d %H:%M:%S") if end is not None else None
        result = store.add(self.db, record, origin_name=self.station.name, source=AUTO, completion=completion,
                           ended_at=ended, played_seconds=round(played, 1), slot=slot, proposed_id=proposed_id)
        written = result.record
        if result.renumbered_from:
            self._emit("note", store.renumbered_note(result))
        from bulletin.log.record import COMPLETION_NAMES
        from bulletin.vn_format import vn_duration

        kind = {COMPLETE: "aired", MISSED: "missed"}.get(completion, completion)
        text = (f"{COMPLETION_NAMES[completion].capitalize()}: “{written.title}” tại {written.place}, "
                f"{written.aired:%d/%m/%Y %H:%M}" + (f"–{ended[11:]}" if ended else "")
                + (f", đã phát {vn_duration(played)}" if completion != MISSED else "")
                + ("" if completion == COMPLETE else " – không tính vào chỉ tiêu"))
        return self._emit(kind, text, written)

    def _log_missed(self, airing: Airing, reason: str = "") -> Event:
        why = reason or "máy phát không chạy lúc đến giờ (máy tắt hoặc mất điện)"
        try:
            path = self._file_of(airing.entry) if not airing.entry.is_script else self._built_or_source(airing.entry)
            record = self._record(path, airing.at, airing.entry.place, airing.entry.level)
        except BulletinError as exc:
            self._done.add(airing.slot)  # said once; nothing to log it with
            return self._emit("missed", f"Bỏ lỡ {airing.at:%H:%M %d/%m/%Y} tại {airing.entry.place} "
                                        f"({airing.entry.file}): {why}; không ghi sổ được vì: {exc}")
        record = replace(record, note=f"không phát: {why}")
        return self._log(record, airing.slot, MISSED, None, 0.0)

    def _built_or_source(self, entry: Entry) -> Path:
        path = Path(entry.file)
        path = path if path.is_absolute() else self.root / path
        built = self.root / "out" / f"{path.stem}.mp3"
        if built.is_file():
            return built
        raise LogError("kịch bản chưa được tạo thành tệp âm thanh", path=path)

    def _recover_marker(self, marker: dict) -> None:
        marker_path = state.folder(self.root) / state.NOW_PLAYING
        slot = str(marker.get("slot") or "")
        try:
            record = Broadcast(**marker["record"])
        except (KeyError, TypeError):
            self._emit("error", "Tệp đánh dấu đang phát bị hỏng; bỏ qua")
            state.remove(marker_path)
            return
        if slot and not store.slot_logged(self.db, slot):
            played = float(marker.get("played") or 0.0)
            ended = _moment(marker.get("heartbeat")) or _moment(marker.get("started"))
            record = replace(record, note=record.note + "; trình phát bị dừng đột ngột (mất điện, tắt máy hoặc "
                                                         "bị buộc dừng), ghi lại khi chạy lại")
            event = self._log(record, slot, INCOMPLETE, ended, played)
            self._emit("recovered", f"Lần phát trước bị ngắt giữa chừng: {event.message}", event.record)
        state.remove(marker_path)


def _note(start: dt.datetime, planned: dt.datetime | None) -> str:
    text = f"ghi tự động; bắt đầu {start:%H:%M:%S}"
    if planned is not None and start - planned >= dt.timedelta(minutes=1):
        text += f" (theo lịch {planned:%H:%M}, trễ {int((start - planned).total_seconds() // 60)} phút)"
    if planned is None:
        text = f"phát khẩn cấp; {text}"
    return text


EMERGENCY_EXPIRES = dt.timedelta(minutes=5)


def _stale(request: dict) -> bool:
    """An emergency request older than a few minutes (wall clock) was sent while no player ran:
    airing it hours later, at the next start, would be wrong."""
    sent = _moment(request.get("requested_at"))
    return sent is not None and dt.datetime.now() - sent > EMERGENCY_EXPIRES


def _moment(text) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(str(text))
    except ValueError:
        return None


def week_ahead(entries: list[Entry], start: dt.datetime, days: int = 7) -> list[Airing]:
    """The airings of the next ``days`` days from ``start``."""
    return schedule_mod.occurrences(entries, start, start + dt.timedelta(days=days))
