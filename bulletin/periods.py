"""Reporting periods: quarters, halves, years and date ranges (pure date arithmetic)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_PERIOD = re.compile(r"^\s*(\d{4})(?:\s*-\s*(?:([QqHh])\s*(\d)))?\s*$")
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_VN_DAY = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True, order=True)
class Period:
    """A closed range of days with a label such as "2024-Q3", "2024-H1", "2024" or a range."""

    start: dt.date
    end: dt.date  # inclusive
    label: str

    def __contains__(self, day: dt.date | dt.datetime) -> bool:
        if isinstance(day, dt.datetime):
            day = day.date()
        return self.start <= day <= self.end

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def kind(self) -> str:
        """"Q" quarter, "H" half, "Y" year, "R" any other range of days."""
        if re.fullmatch(r"\d{4}-Q[1-4]", self.label):
            return "Q"
        if re.fullmatch(r"\d{4}-H[12]", self.label):
            return "H"
        return "Y" if re.fullmatch(r"\d{4}", self.label) else "R"

    @property
    def number(self) -> int:
        """The quarter or half number (0 for years and ranges)."""
        return int(self.label[-1]) if self.kind in ("Q", "H") else 0

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def quarters(self) -> list[Period]:
        """Every quarter the period touches, in order (across year boundaries)."""
        result = []
        current = quarter_of(self.start)
        while current.start <= self.end:
            result.append(current)
            current = quarter_of(current.end + dt.timedelta(days=1))
        return result

    def bounds(self) -> tuple[str, str]:
        """Half-open text bounds for comparing "YYYY-MM-DD HH:MM" values: start <= x < stop."""
        return self.start.isoformat(), (self.end + dt.timedelta(days=1)).isoformat()

    def describe(self) -> str:
        """Vietnamese wording: "quý III năm 2024", "6 tháng đầu năm 2024", "năm 2024"."""
        if self.kind == "Q":
            return f"quý {ROMAN[self.number]} năm {self.year}"
        if self.kind == "H":
            return f"6 tháng {'đầu' if self.number == 1 else 'cuối'} năm {self.year}"
        if self.kind == "Y":
            return f"năm {self.year}"
        return f"thời gian từ ngày {vn_date(self.start)} đến ngày {vn_date(self.end)}"

    def short(self) -> str:
        """Compact Vietnamese label: "Quý III/2024", "6 tháng đầu năm 2024", "Năm 2024"."""
        if self.kind == "Q":
            return f"Quý {ROMAN[self.number]}/{self.year}"
        text = self.describe()
        return text[0].upper() + text[1:]


def vn_date(day: dt.date) -> str:
    """15/7/2024: the administrative way (no leading zeros)."""
    return f"{day.day}/{day.month}/{day.year}"


def quarter(year: int, q: int) -> Period:
    start = dt.date(year, 3 * q - 2, 1)
    end = dt.date(year + 1, 1, 1) if q == 4 else dt.date(year, 3 * q + 1, 1)
    return Period(start, end - dt.timedelta(days=1), f"{year}-Q{q}")


def half(year: int, h: int) -> Period:
    start = dt.date(year, 1 if h == 1 else 7, 1)
    end = dt.date(year, 6, 30) if h == 1 else dt.date(year, 12, 31)
    return Period(start, end, f"{year}-H{h}")


def year(y: int) -> Period:
    return Period(dt.date(y, 1, 1), dt.date(y, 12, 31), str(y))


def quarter_of(day: dt.date | dt.datetime) -> Period:
    return quarter(day.year, (day.month - 1) // 3 + 1)


def date_range(start: dt.date, end: dt.date) -> Period:
    """The days from ``start`` to ``end`` inclusive; a whole quarter/half/year keeps its name."""
    if end < start:
        raise ValueError(f"ngày kết thúc {vn_date(end)} ở trước ngày bắt đầu {vn_date(start)}")
    for candidate in (quarter_of(start), half(start.year, 1 if start.month <= 6 else 2), year(start.year)):
        if (candidate.start, candidate.end) == (start, end):
            return candidate
    return Period(start, end, f"{start.isoformat()}..{end.isoformat()}")


def parse_day(text: str) -> dt.date:
    """"2024-07-15" or "15/7/2024"; ValueError with a Vietnamese message otherwise."""
    value = text or ""
    m = _ISO_DAY.match(value)
    parts = (m.group(1), m.group(2), m.group(3)) if m else None
    if parts is None:
        m = _VN_DAY.match(value)
        parts = (m.group(3), m.group(2), m.group(1)) if m else None
    try:
        if parts is None:
            raise ValueError
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        raise ValueError(f"ngày không hợp lệ '{text}'; viết dạng 2024-07-15 hoặc 15/7/2024") from None


def parse_period(text: str) -> Period:
    """"2024-Q3", "2024-H1" or "2024"; ValueError with a Vietnamese message otherwise."""
    m = _PERIOD.match(text or "")
    if not m:
        raise ValueError(f"kỳ báo cáo không hợp lệ '{text}'; viết dạng 2024-Q3 (quý), 2024-H1 (6 tháng) hoặc 2024 (năm)")
    y = int(m.group(1))
    if not 1900 <= y <= 2999:
        raise ValueError(f"năm không hợp lệ trong kỳ báo cáo '{text}'")
    kind, number = (m.group(2) or "").upper(), int(m.group(3) or 0)
    if kind == "Q":
        if not 1 <= number <= 4:
            raise ValueError(f"kỳ báo cáo không hợp lệ '{text}': một năm chỉ có Q1 đến Q4")
        return quarter(y, number)
    if kind == "H":
        if not 1 <= number <= 2:
            raise ValueError(f"kỳ báo cáo không hợp lệ '{text}': chỉ có H1 (6 tháng đầu năm) và H2 (6 tháng cuối năm)")
        return half(y, number)
    return year(y)


def quarter_name(label: str) -> str:
    """"2024-Q2" -> "Quý II/2024" (other text is returned as it is)."""
    try:
        return parse_period(label).short()
    except ValueError:
        return label


def choose_period(period: str | None, start: str | None, end: str | None) -> Period | None:
    """The period named by ``--period`` or by ``--from``/``--to`` (None when neither is given)."""
    if period and (start or end):
        raise ValueError("dùng --period hoặc --from/--to, không dùng cả hai")
    if period:
        return parse_period(period)
    if not (start or end):
        return None
    first = parse_day(start) if start else dt.date(1900, 1, 1)
    last = parse_day(end) if end else dt.date(2999, 12, 31)
    return date_range(first, last)
