"""The report section: what was aired in a period and whether the quota is met.

Building a report is pure (records in, values out); rendering turns it into
the text an operator pastes into the semi-annual report.
"""

from __future__ import annotations

from dataclasses import dataclass

from .broadcast_log import Broadcast
from .config import Station
from .periods import Period, quarter_of

BULLETIN_MINUTES = 10


@dataclass(frozen=True)
class QuarterStatus:
    quarter: Period
    series: str
    aired: int  # distinct bulletins (re-broadcasts count once)
    required: int

    @property
    def status(self) -> str:
        if self.aired == self.required:
            return "đạt"
        return "vượt" if self.aired > self.required else "chưa đạt"


@dataclass(frozen=True)
class Report:
    period: Period
    station: str
    series: str
    rows: tuple[Broadcast, ...]
    quarters: tuple[QuarterStatus, ...]
    required_per_quarter: int

    @property
    def distinct(self) -> int:
        return len({r.bulletin_key for r in self.rows})

    @property
    def summary(self) -> str:
        """One sentence in the style of the district report."""
        return (
            f"Trong {self.period.describe()}, đã tổ chức phát sóng {self.distinct:02d} bản tin chuyên đề "
            f"{self.series} (mỗi quý {self.required_per_quarter:02d} bản tin, thời lượng "
            f"{BULLETIN_MINUTES} phút/01 bản tin)."
        )


def make_report(records: list[Broadcast], period: Period, station: Station, series: str | None = None) -> Report:
    """The report for ``series`` (the station's series by default) over ``period``."""
    series = series or station.series
    rows = tuple(r for r in records if r.series == series and r.aired.date() in period)
    quarters = []
    for q in period.quarters():
        in_quarter = {r.bulletin_key for r in rows if r.aired.date() in q}
        quarters.append(QuarterStatus(q, series, len(in_quarter), station.quota_for(series)))
    return Report(period, station.name, series, rows, tuple(quarters), station.quota_for(series))


def vn_date(day) -> str:
    """15/7/2024: the administrative way (no leading zeros)."""
    return f"{day.day}/{day.month}/{day.year}"


def vn_duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    if not secs:
        return f"{minutes} phút"
    return f"{minutes} phút {secs:02d} giây" if minutes else f"{secs} giây"


TABLE_HEADER = ("STT", "Ngày phát", "Giờ", "Mã bản tin", "Tiêu đề", "Thời lượng", "Nơi phát", "Ghi chú")


def table_rows(report: Report) -> list[tuple[str, ...]]:
    return [
        (
            str(n),
            vn_date(r.aired),
            r.aired.strftime("%H:%M"),
            r.bulletin_id,
            r.title,
            vn_duration(r.duration),
            r.place,
            r.note,
        )
        for n, r in enumerate(report.rows, start=1)
    ]


def render_text(report: Report) -> str:
    """The report as plain text for the terminal."""
    lines = [f"BÁO CÁO PHÁT SÓNG BẢN TIN – {report.period.describe().upper()}", report.station, "", report.summary, ""]
    rows = table_rows(report)
    lines += format_table(TABLE_HEADER, rows) if rows else ["(Không có bản ghi phát sóng nào trong kỳ.)"]
    lines.append("")
    lines.append("Tổng hợp theo quý:")
    for q in report.quarters:
        label = q.quarter.describe()
        lines.append(f"- {label[0].upper()}{label[1:]}: {q.aired:02d}/{q.required:02d} bản tin – {q.status}")
    return "\n".join(lines)


def format_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(str(c)) for c in col) for col in zip(header, *rows)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return [fmt.format(*header), fmt.format(*("-" * w for w in widths))] + [fmt.format(*r) for r in rows]
