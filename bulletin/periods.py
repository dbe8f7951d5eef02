"""Reporting periods: quarters, halves and years (pure date arithmetic)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_PERIOD = re.compile(r"^\s*(\d{4})(?:\s*-\s*(?:([QqHh])\s*([1-4])))?\s*$")


@dataclass(frozen=True, order=True)
class Period:
    """A closed range of days with a label such as "2024-Q3", "2024-H1" or "2024"."""

    start: dt.date
    end: dt.date  # inclusive
    label: str

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def kind(self) -> str:
        return "Q" if "Q" in self.label else "H" if "H" in self.label else "Y"

    def quarters(self) -> list["Period"]:
        first = (self.start.month - 1) // 3 + 1
        last = (self.end.month - 1) // 3 + 1
        return [quarter(self.year, q) for q in range(first, last + 1)]

    def describe(self) -> str:
        """Vietnamese wording: "quý III năm 2024", "6 tháng đầu năm 2024", "năm 2024"."""
        if self.kind == "Q":
            return f"quý {ROMAN[int(self.label[-1])]} năm {self.year}"
        if self.kind == "H":
            return f"6 tháng {'đầu' if self.label.endswith('1') else 'cuối'} năm {self.year}"
        return f"năm {self.year}"


ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


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


def quarter_of(day: dt.date) -> Period:
    return quarter(day.year, (day.month - 1) // 3 + 1)


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
        return quarter(y, number)
    if kind == "H":
        if number > 2:
            raise ValueError(f"kỳ báo cáo không hợp lệ '{text}': chỉ có H1 (6 tháng đầu năm) và H2 (6 tháng cuối năm)")
        return half(y, number)
    return year(y)
