"""Reminders: a series that will miss its quota this quarter at the current schedule.

:func:`quota_reminders` is pure: the current quarter's quota lines and the scheduled airings
left in the quarter (each with its series and bulletin key) in, Vietnamese sentences out
("Thông tin đối ngoại: còn 12 ngày, mới phát 01/02 bản tin, chưa có lịch cho bản tin thứ hai").
:func:`load` reads the log and the schedule and calls it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bulletin.errors import BulletinError
from bulletin.reports.quota import QuarterQuota
from bulletin.vn_format import vn_count

ORDINALS = {1: "thứ nhất", 2: "thứ hai", 3: "thứ ba", 4: "thứ tư", 5: "thứ năm", 6: "thứ sáu", 7: "thứ bảy",
            8: "thứ tám", 9: "thứ chín", 10: "thứ mười"}


@dataclass(frozen=True)
class Planned:
    """One scheduled airing, as the quota sees it."""

    at: dt.datetime
    series: str
    key: str  # bulletin id, or the file's hash (as in the log)


def ordinal(n: int) -> str:
    return ORDINALS.get(n, f"thứ {n}")


def quota_reminders(quotas: Sequence[QuarterQuota], planned: Sequence[Planned], today: dt.date) -> list[str]:
    """One sentence per series of the current quarter that the schedule leaves short."""
    found = []
    for q in quotas:
        if q.is_total or not q.counts or q.timing != "current" or q.due == 0:
            continue
        known = {b.key for b in q.bulletins}
        new = {p.key for p in planned
               if p.series == q.series and today <= p.at.date() <= q.quarter.end and p.key not in known}
        if len(new) >= q.due:
            continue
        where = f" ({q.station})" if q.station else ""
        found.append(f"{q.series}{where}: còn {q.days_left} ngày, mới phát {vn_count(q.aired)}/{vn_count(q.required)} "
                     f"bản tin, chưa có lịch cho bản tin {ordinal(q.aired + len(new) + 1)}")
    return found


def load(station, *, today: dt.date | None = None, now: dt.datetime | None = None, db: Path | None = None,
         schedule_file: Path | None = None, only_series: str | None = None) -> list[str]:
    """The reminders for ``station`` today, from its log and its schedule."""
    from bulletin.air import schedule as schedule_mod
    from bulletin.periods import quarter_of
    from bulletin.reports import quota as quota_mod

    now = now or dt.datetime.now()
    today = today or now.date()
    quarter = quarter_of(today)
    db = db or station.database_path
    quotas = quota_mod.load(db, quarter, required=station.quota_for, only_series=only_series,
                            series=[station.series, *station.quota_by_series], today=today, rules=station.rule_for)
    entries = schedule_mod.load(schedule_file or schedule_mod.schedule_path(station.root))
    end = dt.datetime.combine(quarter.end + dt.timedelta(days=1), dt.time())
    planned = []
    identities: dict[str, tuple[str, str] | None] = {}
    for airing in schedule_mod.occurrences(entries, now, end):
        if airing.entry.file not in identities:
            identities[airing.entry.file] = _identity(station, airing.entry)
        identity = identities[airing.entry.file]
        if identity is not None:
            planned.append(Planned(airing.at, *identity))
    return quota_reminders(quotas, planned, today)


def _identity(station, entry) -> tuple[str, str] | None:
    """(series, bulletin key) of a scheduled file, read from its tags (a script: its front matter)."""
    path = Path(entry.file)
    path = path if path.is_absolute() else Path(station.root) / path
    if not path.is_file():
        return None
    if entry.is_script:
        try:
            from bulletin.script import load_script

            meta = load_script(path, station).meta
            return meta.series or station.series, meta.id or f"kịch bản:{path.name}"
        except BulletinError:  # a script that does not read yet still holds a slot
            return station.series, f"kịch bản:{path.name}"
    from bulletin.audio.tags import read_tags
    from bulletin.log.store import sha256_of

    tags = read_tags(path) if path.suffix.lower() == ".mp3" else None
    series = (tags.series if tags else "") or station.series
    if not _long_enough(station, series, path, tags):
        return None  # an airing of it will not count: it must not quieten a reminder
    return series, (tags.bulletin_id if tags else "") or sha256_of(path)


def _long_enough(station, series: str, path: Path, tags) -> bool:
    """Whether an airing of this file lasts the series' minimum (its --pad music not counted)."""
    from bulletin.audio.media import file_duration

    try:
        seconds = file_duration(path)
    except BulletinError:
        return False
    return station.rule_for(series).long_enough(seconds, tags.padding_seconds if tags else 0.0)
