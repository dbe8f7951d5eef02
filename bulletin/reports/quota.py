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
from dataclasses import dataclass, replace
from pathlib import Path

from bulletin.config import DEFAULT_MIN_SHARE, SeriesRule
from bulletin.log.record import COMPLETE, Broadcast, station_label
from bulletin.periods import Period
from bulletin.timing import format_clock
from bulletin.vn_format import vn_count, vn_duration

REACHED, SHORT, EXCEEDED, NOT_STARTED = "đạt", "chưa đạt", "vượt", "chưa đến kỳ"
NO_QUOTA = "không tính chỉ tiêu"
SHORT_NOTE = "ngắn hơn quy định"


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
    not_complete: tuple[Broadcast, ...] = ()  # airings not played through (player records): not counted
    too_short: tuple[Broadcast, ...] = ()  # shorter than the series' minimum: listed, not counted
    rule: SeriesRule | None = None
    station: str = ""  # "Đài xã Tam Hiệp (TH)" when the quota is per station; "" for the whole log
    members: tuple[QuarterQuota, ...] = ()  # the stations' lines, on a district total line

    @property
    def is_total(self) -> bool:
        return bool(self.members)

    @property
    def counts(self) -> bool:
        """False for a series with no quota ("không tính" or 0): nothing is ever due."""
        return self.required > 0

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
    def durations(self) -> tuple[float, float] | None:
        """Shortest and longest counted bulletin (first airing in the quarter)."""
        found = [b.duration for b in self.counted]
        return (min(found), max(found)) if found else None

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
        if not self.counts:
            return NO_QUOTA
        if self.members:  # the district reaches its quota when every station does
            behind = [m for m in self.members if m.status in (SHORT, NOT_STARTED)]
            if not behind:
                return REACHED
            return NOT_STARTED if all(m.status == NOT_STARTED for m in behind) and not self.aired else SHORT
        if self.aired > self.required:
            return EXCEEDED
        if self.aired == self.required:
            return REACHED
        return NOT_STARTED if self.timing == "future" and not self.aired else SHORT

    @property
    def flags(self) -> tuple[str, ...]:
        found = []
        limit = self.rule.target_seconds if self.rule else 600.0
        if self.over_length:
            found.append(f"{vn_count(len(self.over_length))} lần phát tệp dài quá {vn_duration(limit)}")
        if self.too_short:
            least = vn_duration(self.rule.min_seconds) if self.rule else ""
            found.append(f"{vn_count(len(self.too_short))} lần phát {SHORT_NOTE} (dưới {least}, không tính)")
        if self.off_plan:
            found.append(f"{vn_count(len(self.off_plan))} lần phát ngoài quý kế hoạch của bản tin")
        if self.voided:
            found.append(f"{vn_count(len(self.voided))} bản ghi đã hủy (không tính)")
        if self.not_complete:
            found.append(f"{vn_count(len(self.not_complete))} lần phát không trọn vẹn (không tính)")
        return tuple(found)


def short_of_minimum(seconds: float, rule: SeriesRule, *, padding: float = 0.0, what: str = "bản tin") -> str:
    """"bản tin dài 6:00, ngắn hơn 9:00, thời lượng tối thiểu để được tính vào chỉ tiêu chuyên mục “…”"
    when an airing this long would not count (its content under the series' minimum; ``padding``
    seconds of ``--pad`` music are not content); "" when it would, or when the series has no quota.

    ``check``, ``build`` and ``inspect`` say it before the bulletin airs, in the words of the quota.
    """
    if not rule.counts or rule.long_enough(seconds, padding):
        return ""
    length = (f"nội dung {what} dài {format_clock(seconds - padding)} (cộng {format_clock(padding)} nhạc nền --pad)"
              if padding >= 0.5 else f"{what} dài {format_clock(seconds)}")
    return (f"{length}, ngắn hơn {format_clock(rule.min_seconds)}, thời lượng tối thiểu để được tính vào chỉ tiêu "
            f"chuyên mục “{rule.series}”")


MORE_CONTENT = ("Muốn được tính, hãy thêm nội dung; --pad chỉ thêm nhạc nền trước phần kết cho đủ thời lượng phát, "
                "phần nhạc đó không được tính là nội dung")


def compute(
    records: Sequence[Broadcast],
    period: Period,
    *,
    required: Callable[[str], int],
    series: Iterable[str] = (),
    earlier: set[tuple[str, str]] = frozenset(),
    today: dt.date,
    rules: Callable[[str], SeriesRule] | None = None,
    per_station: bool = True,
) -> tuple[QuarterQuota, ...]:
    """The quota of every quarter of ``period`` for every series.

    When the records come from more than one station (a district's merged log),
    each station has its own line and a district total line follows them
    (``station`` set, ``members`` on the total).

    ``records`` are current states (voided ones included, they are flagged);
    ``earlier`` holds the (series, bulletin key) pairs aired before the period;
    ``series`` are shown even when nothing of theirs was aired.
    """
    start, stop = period.bounds()
    in_period = sorted((r for r in records if start <= r.aired_at < stop), key=lambda r: r.aired_at)
    all_series = sorted(set(series) | {r.series for r in in_period})
    stations = sorted({label_of(r) for r in in_period})
    if per_station and len(stations) > 1:
        return _per_station(in_period, period, stations, required=required, series=all_series,
                            earlier=earlier, today=today, rules=rules)
    by_quarter: dict[str, list[Broadcast]] = {}
    for r in in_period:
        by_quarter.setdefault(r.aired_quarter, []).append(r)
    seen = {pair for pair in earlier if len(pair) == 2}
    result = []
    rule_of = rules or (lambda name: SeriesRule(name, required(name) or None, 600.0, DEFAULT_MIN_SHARE * 600.0))
    for quarter in period.quarters():
        in_quarter = by_quarter.get(quarter.label, [])
        for name in all_series:
            mine = [r for r in in_quarter if r.series == name]
            rule = rule_of(name)
            live = [r for r in mine if not r.voided]
            played = [r for r in live if r.completion == COMPLETE]
            # Music added by --pad is not content: it does not make a short bulletin long enough.
            active = [r for r in played if rule.long_enough(r.duration, r.padding_seconds)]
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
                required=rule.required or 0,
                bulletins=tuple(counts),
                airings=len(active),
                total_seconds=sum(r.duration for r in active),
                over_length=tuple(r for r in active if r.duration > rule.max_seconds),
                off_plan=tuple(r for r in active if r.off_plan),
                voided=tuple(r for r in mine if r.voided),
                today=today,
                not_complete=tuple(r for r in live if r.completion != COMPLETE),
                too_short=tuple(r for r in played if not rule.long_enough(r.duration, r.padding_seconds)),
                rule=rule,
            ))
    return tuple(result)


def label_of(r: Broadcast) -> str:
    return station_label(r.station_name, r.station_code)


def _per_station(records, period, stations, *, required, series, earlier, today, rules):
    parts = []
    for label in stations:
        mine = [r for r in records if label_of(r) == label]
        own_earlier = {pair[1:] for pair in earlier if len(pair) == 3 and pair[0] == label}
        lines = compute(mine, period, required=required, series=series, earlier=own_earlier, today=today,
                        rules=rules, per_station=False)
        parts.append([replace(q, station=label or "(không rõ đài)") for q in lines])
    result = []
    for lines in zip(*parts):
        result += lines
        first = lines[0]
        result.append(replace(
            first, station=f"Cả {len(lines)} đài", required=sum(q.required for q in lines),
            bulletins=tuple(b for q in lines for b in q.bulletins), airings=sum(q.airings for q in lines),
            total_seconds=sum(q.total_seconds for q in lines),
            over_length=tuple(r for q in lines for r in q.over_length),
            off_plan=tuple(r for q in lines for r in q.off_plan), voided=tuple(r for q in lines for r in q.voided),
            not_complete=tuple(r for q in lines for r in q.not_complete),
            too_short=tuple(r for q in lines for r in q.too_short), members=tuple(lines)))
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
    rules: Callable[[str], SeriesRule] | None = None,
    station: str | None = None,
) -> tuple[QuarterQuota, ...]:
    """Read the log and compute the quota of ``period`` (see :func:`compute`);
    ``station`` keeps one station (its code or name)."""
    from bulletin.log import store

    records = [r for r in store.current(db, period, series=only_series, place=place)
               if not station or station in (r.station_code, r.station_name)]
    keys = {(r.series, r.bulletin_key) for r in records if not r.voided}
    earlier = store.aired_before(db, keys, period.start.isoformat(), place=place)
    if station:
        earlier = {pair[1:] for pair in earlier if len(pair) == 3 and station in pair[0]}
    shown = [only_series] if only_series else list(series)
    return compute(records, period, required=required, series=shown, earlier=earlier,
                   today=today or dt.date.today(), rules=rules)


def day_of(aired_at: str) -> dt.date:
    return dt.date.fromisoformat(aired_at[:10])
