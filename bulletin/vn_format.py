"""Numbers, dates and durations written the Vietnamese administrative way."""

from __future__ import annotations

import datetime as dt

from bulletin.periods import vn_date

__all__ = ["vn_count", "vn_date", "vn_duration", "vn_number", "vn_time", "capitalize"]


def vn_count(n: int) -> str:
    """Counts in reports are written with two digits: "02 bản tin", "04", "12"."""
    return f"{n:02d}"


def vn_number(value: float, decimals: int = 1, *, trim: bool = False) -> str:
    """"18,3", "-16,0", "1 250,5": the decimal comma (and a space between thousands) operators read.

    ``trim`` drops a fraction that is all zeros ("18" rather than "18,0"), for values that are
    usually whole (a timeout, a pause, a size limit).
    """
    text = f"{value:,.{decimals}f}"
    if trim and decimals and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", " ").replace(".", ",")


def vn_duration(seconds: float) -> str:
    """"10 phút", "9 phút 41 giây", "45 giây", "1 giờ 20 phút"."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(f"{hours} giờ")
    if minutes:
        parts.append(f"{minutes} phút")
    if secs or not parts:
        parts.append(f"{secs:02d} giây" if parts else f"{secs} giây")
    return " ".join(parts)


def vn_time(moment: dt.datetime | dt.time) -> str:
    """"06:30", "14:05": the time of day, as the operator typed it and a clock shows it."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]
