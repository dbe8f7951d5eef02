"""The report section: what was aired in a period and whether the quota is met.

Building a report is pure (records in, values out); rendering turns it into
what an operator pastes into the semi-annual report: plain text for the
terminal, Markdown, CSV (for spreadsheets) or a Word document
(:mod:`bulletin.reports.docx`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bulletin.config import SeriesRule, Station
from bulletin.log.record import COMPLETE, COMPLETION_NAMES, Broadcast
from bulletin.periods import Period, quarter_name
from bulletin.reports.quota import QuarterQuota, compute
from bulletin.vn_format import capitalize, vn_count, vn_date, vn_duration, vn_time

FORMATS = ("text", "md", "csv", "docx")
TABLE_HEADER = ("STT", "Ngày phát", "Giờ", "Mã bản tin", "Tiêu đề", "Thời lượng", "Nơi phát", "Ghi chú")
QUOTA_HEADER = ("Quý", "Số bản tin đã phát", "Chỉ tiêu", "Lượt phát", "Tổng thời lượng", "Kết quả")


@dataclass(frozen=True)
class ReportRow:
    number: int
    record: Broadcast
    notes: tuple[str, ...]
    show_station: bool = False  # the report covers several stations: say which one aired it

    def cells(self) -> tuple[str, ...]:
        r = self.record
        place = (f"{r.place} ({r.station_code})" if self.show_station and r.station_code
                 and r.station_code not in r.place else r.place)
        return (str(self.number), vn_date(r.aired), vn_time(r.aired), r.bulletin_id, r.title,
                vn_duration(r.duration), place, "; ".join(self.notes))


@dataclass(frozen=True)
class Report:
    period: Period
    station: str
    series: str
    rows: tuple[ReportRow, ...]
    quarters: tuple[QuarterQuota, ...]
    required_per_quarter: int
    target_minutes: int
    place: str = ""
    rule: SeriesRule | None = None

    @property
    def main_quarters(self) -> tuple[QuarterQuota, ...]:
        """One line per quarter: the district total when the log holds several stations."""
        return tuple(q for q in self.quarters if q.is_total or not q.station)

    @property
    def distinct(self) -> int:
        """Bulletins counted toward the quota in the period (re-broadcasts once, per station)."""
        return sum(q.aired for q in self.main_quarters)

    @property
    def airings(self) -> int:
        return len(self.rows)

    @property
    def voided(self) -> int:
        return sum(len(q.voided) for q in self.quarters)

    @property
    def title(self) -> str:
        return f"Kết quả phát sóng bản tin chuyên đề {self.series} {self.period.describe()}"

    @property
    def summary(self) -> str:
        """One sentence in the style of the district report, stating what was actually aired."""
        where = f" tại {self.place}" if self.place else ""
        target = vn_duration(self.rule.target_seconds) if self.rule else f"{self.target_minutes} phút"
        if self.required_per_quarter:
            quota = f"chỉ tiêu: mỗi quý {vn_count(self.required_per_quarter)} bản tin, thời lượng {target}/01 bản tin"
            if self.rule:
                quota += f", tính khi phát từ {vn_duration(self.rule.min_seconds)} trở lên"
        else:
            quota = "chuyên mục không tính chỉ tiêu"
        if not self.distinct:
            again = (f"; có {vn_count(self.airings)} lượt phát khác (phát lại hoặc không đủ điều kiện tính)"
                     if self.airings else "")
            return (f"{capitalize(_during(self.period))}, chưa phát sóng bản tin chuyên đề {self.series} nào được "
                    f"tính{where} ({quota}){again}.")
        spans = [q.durations for q in self.main_quarters if q.durations]
        shortest, longest = min(s[0] for s in spans), max(s[1] for s in spans)
        length = (f"thời lượng {vn_duration(shortest)}/01 bản tin" if round(shortest) == round(longest)
                  else f"thời lượng từ {vn_duration(shortest)} đến {vn_duration(longest)}/01 bản tin")
        extra = f", với {vn_count(self.airings)} lượt phát" if self.airings > self.distinct else ""
        return (f"{capitalize(_during(self.period))}, đã tổ chức phát sóng {vn_count(self.distinct)} bản tin chuyên đề "
                f"{self.series}{where}, {length}{extra} ({quota}).")

    @property
    def conclusion(self) -> str:
        """Whether the quota is met, quarter by quarter."""
        relevant = [q for q in self.main_quarters if q.timing != "future"]
        if not relevant:
            return "Kỳ báo cáo chưa bắt đầu."
        if not any(q.counts for q in relevant):
            return "Chuyên mục không tính chỉ tiêu."
        short = [q for q in relevant if q.status not in ("đạt", "vượt")]
        if not short:
            return "Kết quả: đạt chỉ tiêu " + ("của quý." if len(relevant) == 1 else f"cả {len(relevant)} quý.")
        if any(q.is_total for q in short):
            behind = [m for q in short for m in q.members if m.status not in ("đạt", "vượt")]
            parts = [f"{m.quarter.short()} {m.station} còn thiếu {vn_count(m.due)} bản tin" for m in behind]
            return "Kết quả: chưa đạt chỉ tiêu – " + "; ".join(parts) + "."
        parts = [f"{q.quarter.short()} còn thiếu {vn_count(q.due)} bản tin"
                 + (f" (còn {q.days_left} ngày)" if q.timing == "current" else "") for q in short]
        return "Kết quả: chưa đạt chỉ tiêu – " + "; ".join(parts) + "."

    def quota_rows(self) -> list[tuple[str, ...]]:
        return [(q.quarter.short() + (f" – {q.station}" if q.station else ""), vn_count(q.aired), vn_count(q.required), vn_count(q.airings),
                 vn_duration(q.total_seconds) if q.airings else "–", q.status) for q in self.quarters]

    def quarter_total(self, q: QuarterQuota) -> str:
        """"Cộng Quý I/2024: 02 bản tin, 03 lượt phát, 29 phút 40 giây"."""
        if not q.airings:
            return f"Cộng {q.quarter.short()}: không có lượt phát nào"
        return (f"Cộng {q.quarter.short()}: {vn_count(q.aired)} bản tin, {vn_count(q.airings)} lượt phát, "
                f"{vn_duration(q.total_seconds)}")

    def rows_by_quarter(self) -> list[tuple[QuarterQuota, list[ReportRow]]]:
        grouped: dict[str, list[ReportRow]] = {}
        for row in self.rows:
            grouped.setdefault(row.record.aired_quarter, []).append(row)
        return [(q, grouped.get(q.quarter.label, [])) for q in self.main_quarters]


def _during(period: Period) -> str:
    if period.kind == "R":
        return f"từ ngày {vn_date(period.start)} đến ngày {vn_date(period.end)}"
    return f"trong {period.describe()}"


def make_report(
    records: Sequence[Broadcast],
    period: Period,
    station: Station,
    series: str | None = None,
    *,
    earlier: set[tuple[str, str]] = frozenset(),
    place: str | None = None,
    today: dt.date | None = None,
) -> Report:
    """The report for ``series`` (the station's series by default) over ``period``.

    ``records`` are current states; voided ones are left out of the table and
    counted in the quota flags.
    """
    series = series or station.series
    start, stop = period.bounds()
    mine = [r for r in records if r.series == series and start <= r.aired_at < stop and (not place or r.place == place)]
    rule = station.rule_for(series)
    quarters = compute(mine, period, required=station.quota_for, series=[series], earlier=earlier,
                       today=today or dt.date.today(), rules=station.rule_for)
    rows = []
    active = sorted((r for r in mine if not r.voided), key=lambda r: (r.aired_at, r.place))
    first_aired: dict[str, str] = {key: "" for (_s, key) in earlier}
    several = len({(r.station_name, r.station_code) for r in active}) > 1
    for number, r in enumerate(active, start=1):
        rows.append(ReportRow(number, r, row_notes(r, rule, first_aired), several))
        if r.completion == COMPLETE and rule.long_enough(r.duration, r.padding_seconds):
            first_aired.setdefault(r.bulletin_key, r.aired_at)
    return Report(period, station.name, series, tuple(rows), quarters, station.quota_for(series),
                  round(station.target_seconds / 60), place or "", rule)


def row_notes(r: Broadcast, rule: SeriesRule, first_aired: dict[str, str]) -> tuple[str, ...]:
    """What a reviewer needs to know about one airing, each said once and in plain words."""
    notes = [r.note] if r.note else []
    if r.bulletin_key in first_aired:
        first = first_aired[r.bulletin_key]
        notes.append(f"phát lại (lần đầu {vn_date(dt.date.fromisoformat(first[:10]))})" if first
                     else "phát lại (lần đầu ở kỳ trước)")
    if r.completion != COMPLETE:
        notes.append(f"{COMPLETION_NAMES.get(r.completion, r.completion)}, không tính")
    elif not rule.long_enough(r.duration, r.padding_seconds):
        notes.append(f"ngắn hơn quy định (dưới {vn_duration(rule.min_seconds)}"
                     + (", không kể nhạc đệm" if r.padding_seconds else "") + "), không tính")
    if r.duration > rule.max_seconds:
        notes.append(f"dài quá {vn_duration(rule.target_seconds)}")
    if r.off_plan:
        notes.append(f"làm cho {quarter_name(r.planned_quarter)}, phát ngoài quý đó")
    if r.padding_seconds >= 60:
        notes.append(f"có {vn_duration(r.padding_seconds)} nhạc đệm")
    return tuple(dict.fromkeys(n.strip() for n in notes if n.strip()))


def load_report(db: Path, period: Period, station: Station, series: str | None = None, *,
                place: str | None = None, today: dt.date | None = None, station_filter: str | None = None) -> Report:
    """Read the log and build the report of ``period`` (one station's only, with ``station_filter``)."""
    from bulletin.log import store

    series = series or station.series
    records = [r for r in store.current(db, period, series=series, place=place)
               if not station_filter or station_filter in (r.station_code, r.station_name)]
    keys = {(r.series, r.bulletin_key) for r in records if not r.voided}
    earlier = store.aired_before(db, keys, period.start.isoformat(), place=place)
    if station_filter:
        earlier = {pair[1:] for pair in earlier if len(pair) == 3 and station_filter in pair[0]}
    return make_report(records, period, station, series, earlier=earlier, place=place, today=today)
