"""The quota: distinct bulletins aired per quarter and series against what is required.

Counting rules (the same for ``quota`` and ``report``):

- a bulletin is its id (or its audio file's hash when it has none); airing it
  again, at another time or place, adds an airing but counts once, in the
  quarter where it was first aired;
- voided records do not count; amended records count with their amended values;
- flags point at what a reviewer will ask about: files over 10:00, airings
  outside the quarter the bulletin was made for, voided records.

:func:`compute` is pure; :func:`load` reads the log and calls it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bulletin.log.record import Broadcast
from bulletin.periods import Period
from bulletin.vn_format import vn_count

REACHED, SHORT, EXCEEDED, NOT_STARTED = "đạt", "chưa đạt", "vượt", "chưa đến kỳ"


@dataclass(frozen=True)
class BulletinCount:
    """One distinct bulletin aired in a quarter."""

    key: str
    bulletin_id: str
    title: str
    duration: float  # of its first airing in the quarter
    airings: int  # in this quarter
    first_aired: str  # in this quarter
    planned_quarter: str
    counted: bool  # False: it was first aired in an earlier quarter, so it counted there


@dataclass(frozen=True)
class QuarterQuota:
    quarter: Period
    series: str
    required: int
    bulletins: tuple[BulletinCount, ...]
    airings: int
    total_seconds: float  # of every airing in the quarter
    over_length: tuple[Broadcast, ...]
    off_plan: tuple[Broadcast, ...]
    voided: tuple[Broadcast, ...]
    today: dt.date

    @property
    def counted(self) -> tuple[BulletinCount, ...]:
        return tuple(b for b in self.bulletins if b.counted)

    @property
    def aired(self) -> int:
        return len(self.counted)

    @property
    def due(self) -> int:
        return max(0, self.required - self.aired)

    @property
    def timing(self) -> str:
        """"past", "current" or "future" relative to ``today``."""
        if self.today > self.quarter.end:
            return "past"
        return "current" if self.today >= self.quarter.start else "future"

    @property
    def days_left(self) -> int:
        """Days left in the quarter, today included (0 once it is over)."""
        if self.timing == "past":
            return 0
        return (self.quarter.end - max(self.today, self.quarter.start)).days + 1

    @property
    def status(self) -> str:
        if self.aired > self.required:
            return EXCEEDED
        if self.aired == self.required:
            return REACHED
        return NOT_STARTED if self.timing == "future" and not self.aired else SHORT

    @property
    def flags(self) -> tuple[str, ...]:
        found = []
        if self.over_length:
            found.append(f"{vn_count(len(self.over_length))} lần phát tệp dài quá 10 phút")
        if self.off_plan:
            found.append(f"{vn_count(len(self.off_plan))} lần phát ngoài quý kế hoạch của bản tin")
        if self.voided:
            found.append(f"{vn_count(len(self.voided))} bản ghi đã hủy (không tính)")
        return tuple(found)


def compute(
    records: Sequence[Broadcast],
    period: Period,
    *,
    required: Callable[[str], int],
    series: Iterable[str] = (),
    earlier: set[tuple[str, str]] = frozenset(),
    today: dt.date,
) -> tuple[QuarterQuota, ...]:
    """The quota of every quarter of ``period`` for every series.

    ``records`` are current states (voided ones included, they are flagged);
    ``earlier`` holds the (series, bulletin key) pairs aired before the period;
    ``series`` are shown even when nothing of theirs was aired.
    """
    start, stop = period.bounds()
    in_period = sorted((r for r in records if start <= r.aired_at < stop), key=lambda r: r.aired_at)
    all_series = sorted(set(series) | {r.series for r in in_period})
    by_quarter: dict[str, list[Broadcast]] = {}
    for r in in_period:
        by_quarter.setdefault(r.aired_quarter, []).append(r)
    seen = set(earlier)
    result = []
    for quarter in period.quarters():
        in_quarter = by_quarter.get(quarter.label, [])
        for name in all_series:
            mine = [r for r in in_quarter if r.series == name]
            active = [r for r in mine if not r.voided]
            bulletins: dict[str, list[Broadcast]] = {}
            for r in active:
                bulletins.setdefault(r.bulletin_key, []).append(r)
            counts = []
            for key, airings in bulletins.items():
                first = airings[0]
                counts.append(BulletinCount(key, first.bulletin_id, first.title, first.duration, len(airings),
                                            first.aired_at, first.planned_quarter, (name, key) not in seen))
            seen |= {(name, key) for key in bulletins}
            result.append(QuarterQuota(
                quarter=quarter,
                series=name,
                required=required(name),
                bulletins=tuple(counts),
                airings=len(active),
                total_seconds=sum(r.duration for r in active),
                over_length=tuple(r for r in active if r.over_length),
                off_plan=tuple(r for r in active if r.off_plan),
                voided=tuple(r for r in mine if r.voided),
                today=today,
            ))
    return tuple(result)


def load(
    db: Path,
    period: Period,
    *,
    required: Callable[[str], int],
    series: Iterable[str] = (),
    only_series: str | None = None,
    place: str | None = None,
    today: dt.date | None = None,
) -> tuple[QuarterQuota, ...]:
    """Read the log and compute the quota of ``period`` (see :func:`compute`)."""
    from bulletin.log import store

    records = store.current(db, period, series=only_series, place=place)
    keys = {(r.series, r.bulletin_key) for r in records if not r.voided}
    earlier = store.aired_before(db, keys, period.start.isoformat(), place=place)
    shown = [only_series] if only_series else list(series)
    return compute(records, period, required=required, series=shown, earlier=earlier,
                   today=today or dt.date.today())


def day_of(aired_at: str) -> dt.date:
    return dt.date.fromisoformat(aired_at[:10])
