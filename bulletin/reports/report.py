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

from bulletin.config import Station
from bulletin.log.record import Broadcast
from bulletin.periods import Period, quarter_name
from bulletin.reports.quota import QuarterQuota, compute
from bulletin.timing import parse_duration
from bulletin.vn_format import capitalize, vn_count, vn_date, vn_duration, vn_time

FORMATS = ("text", "md", "csv", "docx")
TABLE_HEADER = ("STT", "Ngày phát", "Giờ", "Mã bản tin", "Tiêu đề", "Thời lượng", "Nơi phát", "Ghi chú")
QUOTA_HEADER = ("Quý", "Số bản tin đã phát", "Chỉ tiêu", "Lượt phát", "Tổng thời lượng", "Kết quả")


@dataclass(frozen=True)
class ReportRow:
    number: int
    record: Broadcast
    notes: tuple[str, ...]

    def cells(self) -> tuple[str, ...]:
        r = self.record
        return (str(self.number), vn_date(r.aired), vn_time(r.aired), r.bulletin_id, r.title,
                vn_duration(r.duration), r.place, "; ".join(self.notes))


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

    @property
    def distinct(self) -> int:
        """Bulletins counted toward the quota in the period (re-broadcasts once)."""
        return sum(q.aired for q in self.quarters)

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
        """One sentence in the style of the district report."""
        where = f" tại {self.place}" if self.place else ""
        quota = (f"mỗi quý {vn_count(self.required_per_quarter)} bản tin, thời lượng "
                 f"{self.target_minutes} phút/01 bản tin")
        if not self.distinct:
            again = (f"; có {vn_count(self.airings)} lượt phát lại bản tin đã tính ở kỳ trước" if self.airings else "")
            return (f"{capitalize(_during(self.period))}, chưa phát sóng bản tin chuyên đề {self.series} mới nào{where} "
                    f"(chỉ tiêu: {quota}){again}.")
        extra = f", với {vn_count(self.airings)} lượt phát" if self.airings > self.distinct else ""
        return (f"{capitalize(_during(self.period))}, đã tổ chức phát sóng {vn_count(self.distinct)} bản tin chuyên đề "
                f"{self.series}{where} ({quota}){extra}.")

    @property
    def conclusion(self) -> str:
        """Whether the quota is met, quarter by quarter."""
        relevant = [q for q in self.quarters if q.timing != "future"]
        if not relevant:
            return "Kỳ báo cáo chưa bắt đầu."
        short = [q for q in relevant if q.aired < q.required]
        if not short:
            return "Kết quả: đạt chỉ tiêu " + ("của quý." if len(relevant) == 1 else f"cả {len(relevant)} quý.")
        parts = [f"{q.quarter.short()} còn thiếu {vn_count(q.due)} bản tin"
                 + (f" (còn {q.days_left} ngày)" if q.timing == "current" else "") for q in short]
        return "Kết quả: chưa đạt chỉ tiêu – " + "; ".join(parts) + "."

    def quota_rows(self) -> list[tuple[str, ...]]:
        return [(q.quarter.short(), vn_count(q.aired), vn_count(q.required), vn_count(q.airings),
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
        return [(q, grouped.get(q.quarter.label, [])) for q in self.quarters]


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
    quarters = compute(mine, period, required=station.quota_for, series=[series], earlier=earlier,
                       today=today or dt.date.today())
    rows = []
    active = sorted((r for r in mine if not r.voided), key=lambda r: (r.aired_at, r.place))
    seen_keys: set[str] = {key for (_s, key) in earlier}
    for number, r in enumerate(active, start=1):
        notes = [r.note] if r.note else []
        if r.bulletin_key in seen_keys:
            notes.append("phát lại")
        seen_keys.add(r.bulletin_key)
        if r.over_length:
            notes.append("dài quá 10 phút")
        if r.off_plan:
            notes.append(f"bản tin {quarter_name(r.planned_quarter)}")
        rows.append(ReportRow(number, r, tuple(notes)))
    minutes = round(parse_duration(station.target) / 60)
    return Report(period, station.name, series, tuple(rows), quarters, station.quota_for(series), minutes,
                  place or "")


def load_report(db: Path, period: Period, station: Station, series: str | None = None, *,
                place: str | None = None, today: dt.date | None = None) -> Report:
    """Read the log and build the report of ``period``."""
    from bulletin.log import store

    series = series or station.series
    records = store.current(db, period, series=series, place=place)
    keys = {(r.series, r.bulletin_key) for r in records if not r.voided}
    earlier = store.aired_before(db, keys, period.start.isoformat(), place=place)
    return make_report(records, period, station, series, earlier=earlier, place=place, today=today)
