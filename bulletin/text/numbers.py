"""Numbers in words, with the station's regional choices.

Conventions (standard Northern reading, see docs/normalizer.md):
"mười lăm", "hai mươi lăm", "hai mươi mốt" (mốt after mươi only),
"một trăm linh năm" (linh/lẻ), "hai mươi tư"/"hai mươi bốn", nghìn/ngàn,
inner zero hundreds keep "không trăm" (1.032), trailing zero groups are silent
(1.000.000 = "một triệu").
"""

from __future__ import annotations

import re

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")

_ROMAN = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_value(token: str) -> int | None:
    """The value of a well-formed Roman numeral ("XIII" -> 13), else None."""
    if not token or not _ROMAN.fullmatch(token):
        return None
    total = 0
    for i, ch in enumerate(token):
        value = _ROMAN_VALUES[ch]
        if i + 1 < len(token) and _ROMAN_VALUES[token[i + 1]] > value:
            total -= value
        else:
            total += value
    return total


def digits(text: str) -> str:
    """Digit by digit: "0905" -> "không chín không năm"."""
    return " ".join(DIGITS[int(ch)] for ch in text if ch.isdecimal())


class NumberReader:
    """Reads numbers aloud with one set of regional choices."""

    def __init__(self, zero_tens: str = "linh", four_after_tens: str = "tư", thousand: str = "nghìn"):
        self.zero_tens = zero_tens
        self.four_after_tens = four_after_tens
        self.thousand = thousand
        self._cache: dict[int, str] = {}

    @classmethod
    def for_reading(cls, reading) -> NumberReader:
        return cls(reading.zero_tens, reading.four_after_tens, reading.thousand)

    # -- integers ---------------------------------------------------------
    def _hundreds(self, n: int, full: bool) -> list[str]:
        """0 <= n < 1000; ``full`` when a higher group was said (so "không trăm", "linh")."""
        h, rest = divmod(n, 100)
        t, u = divmod(rest, 10)
        words: list[str] = []
        if h or full:
            words += [DIGITS[h], "trăm"]
        if t == 0:
            if u:
                if h or full:
                    words.append(self.zero_tens)
                words.append(DIGITS[u])
        elif t == 1:
            words.append("mười")
            if u == 5:
                words.append("lăm")
            elif u:
                words.append(DIGITS[u])
        else:
            words += [DIGITS[t], "mươi"]
            if u == 1:
                words.append("mốt")
            elif u == 4:
                words.append(self.four_after_tens)
            elif u == 5:
                words.append("lăm")
            elif u:
                words.append(DIGITS[u])
        return words

    def _below_billion(self, n: int, full: bool) -> list[str]:
        groups = ((n // 1_000_000, "triệu"), (n // 1000 % 1000, self.thousand), (n % 1000, ""))
        words: list[str] = []
        started = full
        for i, (group, scale) in enumerate(groups):
            later = any(g for g, _ in groups[i + 1:])
            if group == 0:
                if started and later and scale:
                    # An inner all-zero group: "một triệu không trăm nghìn năm trăm".
                    words += [DIGITS[0], "trăm", scale]
                continue
            words += self._hundreds(group, started)
            if scale:
                words.append(scale)
            started = True
        return words

    def cardinal_words(self, n: int) -> list[str]:
        if n == 0:
            return [DIGITS[0]]
        if n >= 1_000_000_000:
            high, low = divmod(n, 1_000_000_000)
            words = self.cardinal_words(high) + ["tỷ"]
            if low:
                words += self._below_billion(low, full=True)
            return words
        return self._below_billion(n, full=False)

    def cardinal(self, n: int) -> str:
        """2024 -> "hai nghìn không trăm hai mươi tư"."""
        spoken = self._cache.get(n)
        if spoken is None:
            spoken = " ".join(self.cardinal_words(n))
            if len(self._cache) < 4096:
                self._cache[n] = spoken
        return spoken

    def ordinal(self, n: int) -> str:
        """After "thứ": 1 -> "nhất", 4 -> "tư", otherwise the cardinal."""
        if n == 1:
            return "nhất"
        if n == 4:
            return "tư"
        return self.cardinal(n)

    def month(self, n: int) -> str:
        """Month names: "tháng tư" for 4 whatever the regional choice."""
        return "tư" if n == 4 else self.cardinal(n)

    # -- written numbers --------------------------------------------------
    def fraction_digits(self, frac: str) -> str:
        """What follows "phẩy": up to two digits as a number ("05" -> "không năm"), more digit by digit."""
        if len(frac) > 2:
            return digits(frac)
        stripped = frac.lstrip("0")
        words = [DIGITS[0]] * (len(frac) - len(stripped))
        if stripped:
            words.append(self.cardinal(int(stripped)))
        return " ".join(words)

    def decimal(self, whole: str, frac: str, mark: str = "phẩy") -> str:
        """ "12", "5" -> "mười hai phẩy năm"."""
        return f"{self.cardinal(int(whole or '0'))} {mark} {self.fraction_digits(frac)}"

    def written(self, token: str, *, decimal_dot: bool = False) -> str:
        """A number as written in Vietnamese text: "1.032", "12,5", "06", "1.000.000".

        Dots group thousands and the comma is the decimal mark. A dot that does
        not group thousands ("2.1") is read "chấm", or "phẩy" when
        ``decimal_dot`` (the number carries a unit or percent).
        """
        if "." not in token and "," not in token:
            return self.cardinal(int(token))
        if _THOUSANDS.fullmatch(token):
            whole, _, frac = token.partition(",")
            value = self.cardinal(int(whole.replace(".", "")))
            return f"{value} phẩy {self.fraction_digits(frac)}" if frac else value
        if _EN_THOUSANDS.fullmatch(token) or (not decimal_dot and _EN_ROUND_THOUSANDS.fullmatch(token)):
            # "1,234,567"; "9,500 học sinh": a decimal never ends in a written zero
            return self.cardinal(int(token.replace(",", "")))
        if _DECIMAL_COMMA.fullmatch(token):
            whole, frac = token.split(",")
            return self.decimal(whole, frac)
        if decimal_dot and _DECIMAL_DOT.fullmatch(token):
            whole, frac = token.split(".")
            return self.decimal(whole, frac)
        parts = re.split(r"([.,])", token)
        words = []
        for i, part in enumerate(parts):
            if part == ".":
                words.append("chấm")
            elif part == ",":
                words.append("phẩy")
            elif part and i and part[0] == "0" and len(part) > 1:
                words.append(self.fraction_digits(part))  # "0.05": không chấm không năm
            elif part:
                words.append(self.cardinal(int(part)))
        return " ".join(words)


_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_EN_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3}){2,}")
_EN_ROUND_THOUSANDS = re.compile(r"[1-9]\d{0,2},\d{2}0")
_DECIMAL_COMMA = re.compile(r"\d+,\d+")
_DECIMAL_DOT = re.compile(r"\d+\.\d+")
