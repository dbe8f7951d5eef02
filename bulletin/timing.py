"""Durations as operators write and read them ("10:00", "9 phút 41 giây")."""

from __future__ import annotations

import math
import re

_CLOCK = re.compile(r"^\s*(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:[.,]\d+)?)\s*$")
_SECONDS = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*s?\s*$")


def parse_duration(text: str | int | float) -> float:
    """Seconds from "10:00", "1:02:03", "600" or "600s"; a number is taken as seconds."""
    if isinstance(text, bool):
        raise ValueError(f"thời lượng không hợp lệ: {text!r}")
    if isinstance(text, (int, float)):
        seconds = float(text)
    else:
        m = _CLOCK.match(text)
        if m:
            hours, minutes, secs = m.group(1), m.group(2), m.group(3).replace(",", ".")
            if m.group(1) is not None and int(minutes) >= 60:
                raise ValueError(f"thời lượng không hợp lệ: {text!r}")
            if float(secs) >= 60:
                raise ValueError(f"thời lượng không hợp lệ: {text!r} (giây phải nhỏ hơn 60)")
            seconds = int(hours or 0) * 3600 + int(minutes) * 60 + float(secs)
        else:
            m = _SECONDS.match(text)
            if not m:
                raise ValueError(f"thời lượng không hợp lệ: {text!r} (viết dạng 10:00)")
            seconds = float(m.group(1).replace(",", "."))
    if not math.isfinite(seconds) or seconds > 24 * 3600:
        raise ValueError(f"thời lượng không hợp lệ: {text!r} (viết dạng 10:00)")
    if seconds <= 0:
        raise ValueError(f"thời lượng phải lớn hơn 0: {text!r}")
    return seconds


def format_clock(seconds: float, *, decimals: int = 0) -> str:
    """"9:41" (or "9:41,3" with decimals=1, the decimal comma operators read); hours when needed.

    ``parse_duration`` reads both forms back."""
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    scale = 10**decimals
    total = round(seconds * scale)
    whole, frac = divmod(total, scale)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    if decimals:
        text += f",{frac:0{decimals}d}"
    return sign + text
