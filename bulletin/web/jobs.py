"""Builds in the background: one worker thread, one build at a time, progress as events.

Two builds asked for at once are queued, never interleaved: the worker takes
the next job only when the previous one has finished (or failed). Each job
keeps its events so a page that connects late still sees all of them.
"""

from __future__ import annotations

import functools
import queue
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bulletin.errors import BulletinError

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"


@dataclass
class Job:
    id: str
    script: Path
    output: Path
    engine: str | None
    pad: bool = False  # fill a short bulletin to the target with the bed (bulletin build --pad)
    # A ready-made recording as the script: --wrap/--no-wrap (None: the station's), --split-at-silence,
    # and --allow-cut (end early, in a pause)
    wrap: bool | None = None
    split_at_silence: bool = False
    allow_cut: bool = False
    status: str = QUEUED
    events: list[dict[str, Any]] = field(default_factory=list)
    result: Any = None  # BuildResult when done
    error: str = ""
    created: float = field(default_factory=time.time)
    started: float = 0.0
    finished: float = 0.0

    @property
    def finished_or_failed(self) -> bool:
        return self.status in (DONE, FAILED)

    @property
    def progress(self) -> float:
        """0..1: synthesis counts for most of it, the rest is mixing, fitting and encoding."""
        if self.status == DONE:
            return 1.0
        for event in reversed(self.events):
            if event.get("stage") == "synthesis" and event.get("total"):
                return 0.8 * event["done"] / event["total"]
            if event.get("stage") == "mixing":
                return 0.85
        return 0.0


Runner = Callable[[Job, Callable[[dict[str, Any]], None]], Any]


class BuildQueue:
    """Runs jobs with ``runner`` in one worker thread, in the order they were asked for."""

    def __init__(self, runner: Runner):
        self.runner = runner
        self.jobs: dict[str, Job] = {}
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._lock = threading.Lock()
        self.changed = threading.Condition(self._lock)
        self._thread: threading.Thread | None = None
        self.running_now = 0  # jobs inside the runner at this moment (never more than 1)
        self.most_at_once = 0

    def submit(self, script: Path, output: Path, engine: str | None, *, pad: bool = False, wrap: bool | None = None,
               split_at_silence: bool = False, allow_cut: bool = False) -> Job:
        job = Job(secrets.token_hex(6), script, output, engine or None, pad, wrap, split_at_silence, allow_cut)
        with self._lock:
            self.jobs[job.id] = job
            job.events.append({"stage": "queued", "text": "Đang chờ đến lượt tạo"})
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._work, name="bulletin-builds", daemon=True)
                self._thread.start()
        self._queue.put(job)
        return job

    def get(self, job_id: str) -> Job | None:
        return self.jobs.get(job_id)

    def stop(self) -> None:
        self._queue.put(None)

    def wait(self, job: Job, timeout: float) -> bool:
        """Block until ``job`` has finished or failed (for callers outside the event loop)."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while not job.finished_or_failed:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self.changed.wait(left)
        return True

    def _emit(self, job: Job, event: dict[str, Any]) -> None:
        with self._lock:
            job.events.append(event)
            self.changed.notify_all()

    def _work(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            with self._lock:
                job.status, job.started = RUNNING, time.time()
                self.running_now += 1
                self.most_at_once = max(self.most_at_once, self.running_now)
            self._emit(job, {"stage": "start", "text": "Bắt đầu tạo bản tin"})
            try:
                result = self.runner(job, functools.partial(self._emit, job))
            except BulletinError as exc:
                self._finish(job, FAILED, error=str(exc))
            except Exception as exc:  # noqa: BLE001  an unexpected failure must not kill the worker
                self._finish(job, FAILED, error=f"lỗi không lường trước khi tạo bản tin ({type(exc).__name__}: {exc})")
            else:
                self._finish(job, DONE, result=result)

    def _finish(self, job: Job, status: str, *, error: str = "", result: Any = None) -> None:
        with self._lock:
            job.status, job.error, job.result, job.finished = status, error, result, time.time()
            self.running_now -= 1
            job.events.append({"stage": status, "text": "Đã tạo xong bản tin" if status == DONE else f"Lỗi: {error}"})
            self.changed.notify_all()
