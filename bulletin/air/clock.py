"""Clocks the player reads and waits on: the system's, and one that tests set and move forward.

The player never calls ``time`` or ``datetime.now`` itself: it asks its clock, so a test
can start it just before a slot, jump over idle hours at once, and still play short
files in real time.
"""

from __future__ import annotations

import datetime as dt
import threading
import time


class SystemClock:
    """Local wall-clock time; waiting is real waiting (cut short when ``stop`` is set)."""

    STEP = 1.0

    def now(self) -> dt.datetime:
        return dt.datetime.now()

    def wait(self, seconds: float, stop: threading.Event) -> None:
        if seconds > 0:
            stop.wait(min(seconds, self.STEP))  # the caller looks for emergencies between steps


class ShiftedClock:
    """Starts at a chosen moment and runs at real speed; waiting for a later moment jumps to it.

    ``now()`` = the start + the real time elapsed since + every jump. Playing a short file
    takes its real seconds, so recorded start and end times differ by what was played.
    """

    def __init__(self, start: dt.datetime):
        self._start = start
        self._origin = time.monotonic()
        self._jumped = 0.0
        self._lock = threading.Lock()

    def now(self) -> dt.datetime:
        with self._lock:
            return self._start + dt.timedelta(seconds=time.monotonic() - self._origin + self._jumped)

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._jumped += seconds

    def wait(self, seconds: float, stop: threading.Event) -> None:
        if seconds > 0 and not stop.is_set():
            self.advance(seconds)
