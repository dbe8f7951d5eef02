"""Reporting periods: quarters, halves, years and date ranges (pure date arithmetic)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_PERIOD = re.compile(r"^\s*(\d{4})(?:\s*-\s*(?:([QqHh])\s*(\d)))?\s*$")

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


# Years an operator can mean for a bulletin airing or a report; anything else is a typo ("0224").
MIN_YEAR, MAX_YEAR = 2000, 2099

_DAY_FORMS = "15/7/2024 hoặc 2024-07-15"
_TIME_FORMS = "17:00, 17h, 17h30 hoặc 17 giờ 30"
_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_CLOCK = re.compile(
    r"(\d{1,2})(?:"
    r":(\d{2})(?::(\d{2}))?"  # 17:00, 17:00:00
    r"|\s*(?:h|g|giờ)\s*(?:(\d{1,2})\s*(?:p|ph|phút|')?)?"  # 17h, 17h30, 17g30, 17 giờ 30 phút
    r")",
    re.IGNORECASE,
)


def parse_day(text: str) -> dt.date:
    """A day as operators write it: "15/7/2024", "15-7-2024", "15.7.2024" or "2024-07-15".

    ValueError with a Vietnamese message otherwise, saying what is wrong with an
    impossible date ("30/2/2024": February 2024 has 29 days).
    """
    value = (text or "").strip()
    m = _YMD.fullmatch(value)
    parts = (m.group(1), m.group(2), m.group(3)) if m else None
    if parts is None:
        m = _DMY.fullmatch(value)
        parts = (m.group(3), m.group(2), m.group(1)) if m else None
    if parts is None:
        raise ValueError(f"ngày không hợp lệ '{text}'; viết dạng {_DAY_FORMS}")
    return _real_day(int(parts[0]), int(parts[1]), int(parts[2]), text)


def _real_day(y: int, m: int, d: int, text: str) -> dt.date:
    if not MIN_YEAR <= y <= MAX_YEAR:
        raise ValueError(f"ngày không hợp lệ '{text}': năm {y} nằm ngoài khoảng {MIN_YEAR}–{MAX_YEAR}")
    if not 1 <= m <= 12:
        raise ValueError(f"ngày không hợp lệ '{text}': không có tháng {m} (tháng từ 1 đến 12)")
    last = calendar.monthrange(y, m)[1]
    if not 1 <= d <= last:
        raise ValueError(f"ngày không hợp lệ '{text}': tháng {m} năm {y} chỉ có {last} ngày")
    return dt.date(y, m, d)


def parse_clock(text: str) -> dt.time:
    """A time of day: "17:00", "17:00:00", "17h", "17h30", "17g30", "17 giờ 30 (phút)"."""
    value = (text or "").strip()
    m = _CLOCK.fullmatch(value)
    if not m:
        raise ValueError(f"giờ không hợp lệ '{text}'; viết dạng {_TIME_FORMS}")
    hour = int(m.group(1))
    minute = int(m.group(2) or m.group(4) or 0)
    second = int(m.group(3) or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(f"giờ không hợp lệ '{text}': giờ từ 0 đến 23, phút và giây từ 0 đến 59")
    return dt.time(hour, minute, second)


_DAYS_BACK = {"hôm nay": 0, "hôm qua": 1, "hôm kia": 2}
_DAY_WORDS = re.compile(r"(?<!\w)hôm\s+(?:nay|qua|kia)(?!\w)", re.IGNORECASE)


def day_in_words(text: str, today: dt.date | None = None) -> dt.date | None:
    """The day "hôm nay", "hôm qua" or "hôm kia" names (None for other text)."""
    back = _DAYS_BACK.get(" ".join(text.lower().split()))
    return None if back is None else (today or dt.date.today()) - dt.timedelta(days=back)


def parse_moment(text: str, *, today: dt.date | None = None) -> dt.datetime:
    """A date and time as operators type them, in either order.

    "21/10/2024 17:00", "21/10/2024 17h", "17h30 21/10/2024", "17h30 ngày 21/10/2024",
    ISO "2024-10-21 17:00" or "2024-10-21T17:00:00", "hôm nay 6h30", "17h hôm qua"; a time
    alone ("17h30") is on ``today`` (today's date when None). A date without a time is refused: an
    airing has a time. ValueError with a Vietnamese message otherwise.
    """
    value = " ".join((text or "").replace("\ufeff", "").split())
    # "hôm nay 6h30", "17h hôm qua": the day said in words
    said = _DAY_WORDS.search(value)
    if said:
        day = day_in_words(said.group(), today)
        value = " ".join(f"{value[:said.start()]} {day.day}/{day.month}/{day.year} {value[said.end():]}".split())
    iso = re.fullmatch(r"(\d{4}-\d{1,2}-\d{1,2})T(.+)", value)
    if iso:
        value = f"{iso.group(1)} {iso.group(2)}"
    value = re.sub(r"\s*,\s*|\s+(?:ngày|ng\.|lúc|vào lúc)\s+", " ", value, flags=re.IGNORECASE)
    for date_re in (_YMD, _DMY):
        for candidate in (re.fullmatch(rf"({date_re.pattern})\s+(.+)", value),
                          re.fullmatch(rf"(.+?)\s+({date_re.pattern})", value)):
            if candidate is None:
                continue
            groups = candidate.groups()
            day_text, time_text = (groups[0], groups[-1]) if candidate.re.pattern.startswith(
                f"({date_re.pattern})") else (groups[-4], groups[0])
            try:
                clock = parse_clock(time_text)
            except ValueError:
                if _CLOCK.fullmatch(time_text.strip()) is None:
                    continue
                raise
            return dt.datetime.combine(parse_day(day_text), clock)
    if _YMD.fullmatch(value) or _DMY.fullmatch(value):
        parse_day(value)  # an impossible date is named as such first
        raise ValueError(f"thiếu giờ phát trong '{text}'; viết dạng \"21/10/2024 17:00\" hoặc \"21/10/2024 17h\"")
    if _CLOCK.fullmatch(value):
        return dt.datetime.combine(today or dt.date.today(), parse_clock(value))
    raise ValueError(f"thời điểm không hợp lệ '{text}'; viết dạng \"21/10/2024 17:00\", \"21/10/2024 17h\", "
                     "\"17h30\" (hôm nay) hoặc \"2024-10-21 17:00\"")


_ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
# "quý 4/2026", "quý IV năm 2026", "Q4/2026", "q4 2026"
_VN_QUARTER = re.compile(r"^(?:quý|quy|q)\.?\s*(\d|i{1,3}|iv)\s*(?:[/\-.]|\s+năm\s+|\s+)\s*(\d{4})$")
# "6 tháng đầu năm 2025", "6 tháng cuối năm 2025", "H1/2025", "nửa đầu năm 2025"
_VN_HALF = re.compile(r"^(?:(?:6|sáu)\s+tháng|nửa)\s+(đầu|cuối)\s+năm\s+(\d{4})$")
_HALF_CODE = re.compile(r"^h\s*([12])\s*[/\-.\s]\s*(\d{4})$")
_VN_YEAR = re.compile(r"^năm\s+(\d{4})$")


def _as_code(text: str) -> str:
    """The period code ("2026-Q4") of a period written the way operators say it; ``text`` otherwise."""
    value = " ".join(text.lower().split())
    if m := _VN_QUARTER.match(value):
        number = m.group(1)
        return f"{m.group(2)}-Q{_ROMAN_QUARTERS.get(number, number)}"
    if m := _VN_HALF.match(value):
        return f"{m.group(2)}-H{1 if m.group(1) == 'đầu' else 2}"
    if m := _HALF_CODE.match(value):
        return f"{m.group(2)}-H{m.group(1)}"
    if m := _VN_YEAR.match(value):
        return m.group(1)
    return text


def parse_period(text: str) -> Period:
    """"2024-Q3", "2024-H1" or "2024", or as operators write them ("quý 3/2024", "Q3/2024",
    "6 tháng đầu năm 2024", "năm 2024"); ValueError with a Vietnamese message otherwise."""
    m = _PERIOD.match(_as_code(text or ""))
    if not m:
        raise ValueError(f"kỳ báo cáo không hợp lệ '{text}'; viết dạng 2024-Q3 hoặc \"quý 3/2024\" (quý), 2024-H1 "
                         "hoặc \"6 tháng đầu năm 2024\" (6 tháng), 2024 (năm)")
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
