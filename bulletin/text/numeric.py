"""Rules for everything written with digits: numbers, units, dates, times, phones."""

from __future__ import annotations

import re

from bulletin.text import tables
from bulletin.text.numbers import digits
from bulletin.text.rulebase import GIO, QUY, SO, THANG, THU, Rewrite, RuleBase
from bulletin.text.vietnamese import is_syllable, letter_name, spell, tone_key

NUMBER = r"\d+(?:[.,]\d+)*"
_NUMBER = re.compile(NUMBER)
_RANGE_DASH = re.compile(r"\s*[-–—]\s*(?=\d)")
_HOUR_AFTER = re.compile(r"h(?![^\W\d_])")
# A house number and a capitalized street name: "- 38 Triệu Nữ Vương".
_NUMBER_THEN_NAME = re.compile(r"\d{1,4}[A-Z]?\s+[A-ZĐ][a-zđà-ỹ]+\s+[A-ZĐ]")
_SCALE = re.compile(r"\s?(nghìn|ngàn|triệu|tỷ|tỉ)\b")
# "mm/24h", "mm/24 giờ": a rainfall or flow per so many hours.
_PER_HOURS = re.compile(r"/(\d{1,2})\s?(?:h|giờ)(?![^\W\d_])")
# The national service numbers (police 113, fire 114, ambulance 115...), read digit by digit.
_DOI, _TUYEN, _NAM = tone_key("đội"), tone_key("tuyển"), tone_key("năm")
_SERVICE_NUMBERS = frozenset({"111", "112", "113", "114", "115", "116"})
# "/vụ" after a unit ("tấn/ha/vụ", "đ/suất"): any Vietnamese word can be the "per" part.
_PER_WORD = re.compile(r"/([^\W\d_]+)(?![\w/])")
# "NPK 16-16-8": three or more numbers joined by dashes are a formula, not a range.
_DASHED_GROUP = re.compile(r"\d+(?:-\d+){2,}(?![\d/-])")
# "3x3m", "20 x 30 cm", "3 x 3 x 2 m": dimensions, read "nhân".
_TIMES = re.compile(r"\s?[x×]\s?(?=\d)")
# "3G/4G", "4G/5G": mobile network generations, one or the other.
_GENERATIONS = re.compile(r"(\d)G(?:/\dG)+(?![^\W_])")
# "mg/1 lít", "mg/100 ml": a slash, a number and a unit after a unit.
_PER_NUMBER = re.compile(r"/\s?(\d+(?:[.,]\d+)?)")
# "tháng 8-2024", "tháng 8.2024": a month and its year joined by a dash or a dot.
_MONTH_DASH_YEAR = re.compile(r"(\d{1,2})[-.]((?:19|20)\d{2})")
# "17 giờ 00 (phút)": zero minutes are not said.
_ZERO_MINUTES = re.compile(r"0+(?:\s+phút)?(?![\w/]|[.,:]\d)")
# "ngày 27 và 28/6", "các ngày 5, 6 và 7/12": the date ends a list of days that already said "ngày".
_DAY_LIST = re.compile(r"(?:ngày|mùng|mồng)\s+\d{1,2}(?:\s*,\s*\d{1,2})*\s*(?:,|và|hoặc|đến)\s*$", re.IGNORECASE)

# Dates: the master pattern finds "d/m", "d/m/y", "m/yyyy", "d.m.yyyy", "d-m-yyyy", "d-m",
# and a full date with spaced slashes ("15 / 8 / 2024", as Word sometimes leaves it).
DATE = (r"(?<![\d/.,:])(?:\d{1,2} ?/ ?\d{1,2} ?/ ?\d{4}|\d{1,2}(?P<dsep>[/.-])\d{1,4}(?:(?P=dsep)\d{2,4})?)"
        r"(?![\d/]|[.,]\d)")
_FULL_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})|(\d{1,2})([.-])(\d{1,2})\5(\d{4})")
_DAY_MONTH = re.compile(r"(\d{1,2})/(\d{1,2})")
_MONTH_YEAR = re.compile(r"(\d{1,2})/(\d{4})")
_DASH_DAY_MONTH = re.compile(r"(\d{1,2})-(\d{1,2})")
_GROUPED = re.compile(r"\d{2,4}(?:\.\d{2,4})+")
_NEXT_DATE = re.compile(r"\s*[-–—]\s*(\d{1,2}/\d{1,2}(?:/\d{4})?|\d{1,2}[.-]\d{1,2}[.-]\d{4})(?![\d/])")
# "từ 12.3-30.4", "10.3 - 10.4": a day.month range (only after a first day.month).
_NEXT_DOT_DATE = re.compile(r"\s*(?:[-–—]|đến|tới)\s*(\d{1,2}\.\d{1,2}(?:\.\d{4})?)(?![\d/]|\.\d)")
_DOT_DAY_MONTH = re.compile(r"(\d{1,2})\.(\d{1,2})")
_AND_DOT_DATE = re.compile(r"\s*(và|hoặc)\s+(\d{1,2}\.\d{1,2}(?:\.\d{4})?)(?![\d/]|[.,]\d)")
# What may follow a date after a weak cue ("trước 9-11.", "từ 22-3 đến tháng 8"): the end of
# the phrase, or a word of ``date_follower``, or "năm" and a year.
_PHRASE_END = re.compile(r"\s*(?:$|[,.;:!?)\]\u2013\u2014])")
_YEAR_NEXT = re.compile(r"\s*năm\s+\d{4}")
# "các ngày 21/8, 24/8": a list of dates after "các ngày" does not repeat "ngày".
_DATE_LIST = re.compile(r"(?:các|những|hai|ba|\d)\s+ngày\s+\d{1,2}/\d{1,2}(?:\s*,\s*\d{1,2}/\d{1,2})*\s*(?:,|và|hoặc)\s*$",
                        re.IGNORECASE)
# "06/2024 - 12/2024": a range of months.
_NEXT_MONTH_YEAR = re.compile(r"\s*[-–—]\s*(\d{1,2})/(\d{4})(?![\d/])")

DATE_RANGE = (r"(?<![\d/.,])\d{1,2}\s*[-–]\s*\d{1,2}"
              r"(?:/\d{1,4}(?:/\d{4})?(?![\d/])|\.\d{1,2}(?:\.\d{4})?(?![\d/]|[.,]\d))")
# "12-13/4", "6-8/2024"; "11 - 13.3" (days of one month written with a dot, as news pages do)
_DATE_RANGE = re.compile(r"(\d{1,2})\s*[-–]\s*(\d{1,2})([/.])(\d{1,4})(?:[/.](\d{4}))?")

TIME = r"(?<![\d.,/:])\d{1,3}(?:[hH](?:\d{2})?|g\d{2}|:\d+(?::\d{2})?)(?:['’]|ph(?:út)?|p)?(?![^\W\d_])"
_TIME = re.compile(r"(\d{1,3})(?:[hH](\d{2})?|g(\d{2})|:(\d+)(?::(\d{2}))?)(?:['’]|ph(?:út)?|p)?")
# "8h15 phút": the minutes already said "phút".
_MINUTES_WORD = re.compile(r"\s+phút(?![^\W\d_])")
_PER_AFTER_HOURS = re.compile(r"/(?:(\d{1,2})\s?(?:h|giờ)(?![^\W\d_])|([^\W\d_]+)(?![\w/]))")
_NEXT_TIME = re.compile(r"\s*[-–—]\s*(\d{1,2}(?:[hH](?:\d{2})?|:\d{2}))(?![^\W\d_])")

# "2 150 hộ", "12 500 000 đồng": thousands grouped by spaces (a non-breaking space
# arrives here as a space).
SPACED_NUMBER = r"(?<![\d.,/])[1-9]\d{0,2}(?: \d{3})+(?:,\d+)?(?![\d./]|,\d|\s\d)"
# "$1.000", "US$ 2 triệu": a dollar sign before the amount.
DOLLAR = r"(?:US)?\$\s?\d+(?:[.,]\d+)*"

PHONE = (r"(?<![\d.,/])(?:\+84|0)(?:[ .-]?\d){7,11}(?![\d])"
         r"|\(0\d{2,3}\)[ .-]?\d(?:[ .-]?\d){6,7}(?![\d])"
         r"|(?<![\d.,/])(?:1800|1900)(?:[ .]?\d{3,4}(?:[ .]?\d{2,3})?|(?:\.\d{2}){3})(?![\d])")

VESSEL = r"(?<![\w])[A-ZĐ][A-Za-zĐđ]{0,3}[ .-]?\d{4,5}[ .-]?TS(?![\w])"
_VESSEL = re.compile(r"([A-ZĐ][A-Za-zĐđ]{0,3})[ .-]?(\d{4,5})[ .-]?TS")

# Vehicle registration plates: "92C-123.45", "92H1-456.78", "43A-1234", "51LD 12345".
PLATE = r"(?<![\w.-])\d{2}[A-Z]{1,2}\d?(?:[-. ]\d{3}\.\d{2}|-\d{4,5})(?!\w|\.\d)"
_PLATE = re.compile(r"(\d{2})([A-Z]{1,2})(\d?)[-. ](\d{3,5})(?:\.(\d{2}))?")

# A minus sign: before degrees anywhere, before a percentage after a space or bracket
# ("giảm 12 vụ (-7,6%)"); a dash after a number is a range and is read there first.
MINUS = (r"(?<![\w%)])[-−](?=\d+(?:[.,]\d+)?\s*(?:°|º|oC|độ))"
         r"|(?<=[\s(])[-−](?=\d+(?:[.,]\d+)?\s?%)")


_NAME_NUMBER_BEFORE = re.compile(r"([A-ZĐ][^\s.,;:]*)\s+\d{1,3}\s*$")
# "Thôn 2 - 3": after a word that numbers things the dash is still a range.
_NUMBERING_WORDS = frozenset(tone_key(w) for w in tables.grouped("cues")["numbered_name_before"])


def address_dash(line: str, start: int, end: int) -> bool:
    """ "P.Hải Châu 2 - 38 Triệu Nữ Vương": a spaced dash between a name's number and a house
    number with its street is a pause, not a range."""
    if not (line[start:start + 1].isspace() or line[start - 1:start].isspace()):
        return False
    if not line[end - 1:end].isspace() and not line[end:end + 1].isspace():
        return False
    dash = line.find("-", start, end + 1) if "-" in line[start:end + 1] else start
    name = _NAME_NUMBER_BEFORE.search(line, max(0, start - 40), dash)
    return bool(name and tone_key(name.group(1)) not in _NUMBERING_WORDS
                and _NUMBER_THEN_NAME.match(line, end + (1 if line[end:end + 1].isspace() else 0)))


class NumericRules(RuleBase):
    """Handlers for numeric spans; mixed into the Expander."""

    def __init__(self, reading):
        super().__init__(reading)
        units = sorted(self.units, key=len, reverse=True)
        self._unit_after = re.compile(r"\s?(" + "|".join(map(re.escape, units)) + r")(?![^\W\d_])")
        per = sorted(self.per_units, key=len, reverse=True)
        self._per_unit = re.compile(r"/(" + "|".join(map(re.escape, per)) + r")(?![^\W\d_])")
        # Abbreviations that start with a digit ("2,4-D") are found where a number starts.
        numeric_keys = sorted((k for k in self.abbreviations if k[:1].isdecimal()), key=len, reverse=True)
        self._numeric_abbreviation = re.compile(
            "(?:" + "|".join(map(re.escape, numeric_keys)) + r")(?![^\W_])") if numeric_keys else None

    # -- plain numbers, units, percent, ranges ---------------------------------
    def _unit_suffix(self, line: str, pos: int) -> tuple[int, str, str]:
        """Scale word and unit right after a number: (end, spoken suffix, rule)."""
        words: list[str] = []
        rule = ""
        scale = _SCALE.match(line, pos)
        if scale:
            words.append(scale.group(1))
            pos = scale.end()
        unit = self._unit_after.match(line, pos)
        if unit and unit.group(1) in self.unit_cues and not self.near_cue(line, pos, self.unit_cues[unit.group(1)]):
            unit = None
        if unit and not (scale and unit.group(1) in ("k", "m", "g", "l", "V", "W")):
            written = unit.group(1)
            if written == "g" and self.before_cue(line, unit.end(), "time_of_day"):
                return unit.end(), "giờ", "time"  # "7g sáng": the old way of writing hours
            words.append(self.units[written])
            pos = unit.end()
            rule = "percent" if written in ("%", "‰") else (
                "currency" if self.units[written].endswith(("đồng", "đô la", "đô la Mỹ", "ơ rô")) else "unit")
            while True:
                per = self._per_unit.match(line, pos)
                if per:
                    words += ["trên", self.per_units[per.group(1)]]
                    pos = per.end()
                    continue
                per = _PER_HOURS.match(line, pos)
                if per:
                    words += ["trên", self.reader.cardinal(int(per.group(1))), "giờ"]
                    pos = per.end()
                    continue
                per = _PER_NUMBER.match(line, pos)
                per_unit = self._unit_after.match(line, per.end()) if per else None
                if per_unit:
                    words += ["trên", self.reader.written(per.group(1), decimal_dot=True),
                              self.units[per_unit.group(1)]]
                    pos = per_unit.end()
                    continue
                per = _PER_WORD.match(line, pos)
                if not (per and per.group(1).islower() and is_syllable(per.group(1))):
                    break
                words += ["trên", per.group(1)]
                pos = per.end()
        elif scale:
            # "15 triệu" keeps the scale word but it is not a unit; leave it to the text.
            return pos - len(scale.group(0)), "", ""
        return pos, " ".join(words), rule

    def _read_number(self, token: str, line: str, start: int, unit: bool) -> tuple[str, str]:
        """One number token in its context: (spoken, rule)."""
        plain = token.isdecimal()
        cue = self.after_cue(line, start, "digits_before", skip="digits_filler") if plain else None
        if cue and (cue not in self.cues["weak_digits_before"] or self._looks_like_phone(token)):
            return digits(token), "digits"
        if plain and (len(token) >= 10 or (token[0] == "0" and len(token) >= 4)):
            return digits(token), "digits"
        if token[:1] == "0" and token[1:2].isdecimal() and _GROUPED.fullmatch(token):
            # "069.234.260": no quantity is written with a leading zero; a number dialled
            return ", ".join(digits(g) for g in token.split(".")), "digits"
        if plain and len(token) >= 7 and not unit and not (
                self.before_cue(line, start + len(token), "ratio_after")
                or self.before_cue(line, start + len(token), "per_word")):
            return digits(token), "digits"  # "8011035": a service number written without separators
        if plain and token[0] == "0" and len(token) > 1 and self.after_cue(line, start, "zero_name_before"):
            return digits(token), "digits"  # "Đề án 06" is a name: không sáu
        if token in _SERVICE_NUMBERS and self.after_cue(line, start, "emergency_before"):
            return digits(token), "digits"  # "Trung tâm Cấp cứu 115": một một năm
        if (token == "4" and self.after_cue(line, start, "four_is_tu_before")
                and not self.before_cue(line, start + 1, "four_is_bon_after")):
            return self.reader.month(4), "ordinal"  # "hạng 4": hạng tư
        prev = self.prev_words(line, start, 1)
        if plain and prev and prev[-1] == THU:
            return self.reader.ordinal(int(token)), "ordinal"
        if plain and prev and prev[-1] == THANG and 1 <= int(token) <= 12:
            return self.reader.month(int(token)), "number"
        spoken = self.reader.written(token, decimal_dot=unit)
        return spoken, "decimal" if "phẩy" in spoken else "number"

    @staticmethod
    def _looks_like_phone(token: str) -> bool:
        """After "gọi": a number dialled, not a count ("gọi 113", "gọi 1022", but "gọi 318 công dân")."""
        return (token[0] == "0" or len(token) >= 7 or token in _SERVICE_NUMBERS
                or (len(token) == 4 and token[0] == "1" and token[1] in "089"))

    def number(self, line: str, m: re.Match) -> Rewrite:
        if self._numeric_abbreviation is not None:
            abbreviation = self._numeric_abbreviation.match(line, m.start())
            if abbreviation:
                return Rewrite(abbreviation.end(), self.lookup(abbreviation.group(), "", ""), "abbreviation")
        generations = _GENERATIONS.match(line, m.start())
        if generations:
            spoken = ", ".join(f"{self.reader.cardinal(int(d))} {letter_name('G')}"
                               for d in re.findall(r"\d", generations.group()))
            return Rewrite(generations.end(), spoken, "letter")
        return self._number(line, m.start(), m.end(), m.group())

    def spaced_number(self, line: str, m: re.Match) -> Rewrite | None:
        """ "2 150 hộ": thousands grouped by spaces, unless the first part names a thing ("thôn 4 120 hộ")."""
        if self.after_cue(line, m.start(), "numbered_name_before"):
            return None
        whole, _, frac = m.group().partition(",")
        token = whole.replace(" ", ".") + (f",{frac}" if frac else "")
        return self._number(line, m.start(), m.end(), token)

    def dollar(self, line: str, m: re.Match) -> Rewrite:
        """ "$1.000" -> một nghìn đô la; "US$" -> đô la Mỹ."""
        amount = _NUMBER.search(m.group()).group()
        spoken = self.reader.written(amount, decimal_dot=True)
        end = m.end()
        scale = _SCALE.match(line, end)
        if scale:
            spoken, end = f"{spoken} {scale.group(1)}", scale.end()
        currency = "đô la Mỹ" if m.group().startswith("US") else "đô la"
        return Rewrite(end, f"{spoken} {currency}", "currency")

    def _number(self, line: str, start: int, end: int, token: str) -> Rewrite:
        """A number (``token``, its text normalized) spanning ``start:end``, with what follows it."""
        if token.strip("0") == "" and len(token) == 2 and self.prev_words(line, start, 1) == [GIO]:
            zero = _ZERO_MINUTES.match(line, start)
            if zero:
                return Rewrite(zero.end(), "", "time")
        group = _DASHED_GROUP.match(line, start)
        if group:
            return Rewrite(group.end(), " ".join(self.reader.cardinal(int(n)) for n in group.group().split("-")),
                           "number")
        end, suffix, unit_rule = self._unit_suffix(line, end)
        scale_follows = bool(_SCALE.match(line, end))
        spoken, rule = self._read_number(token, line, start, bool(suffix) or scale_follows)
        if suffix:
            spoken, rule = f"{spoken} {suffix}", unit_rule
        dash = _RANGE_DASH.match(line, end)
        if dash and not self._dash_between_addresses(line, start, dash, suffix):
            other = _NUMBER.match(line, dash.end())
            if other and not line.startswith("/", other.end()):
                end2, suffix2, _ = self._unit_suffix(line, other.end())
                if suffix and suffix2 and suffix2 != suffix:
                    # "16,4°N - 125,3°E": two readings of different things, not a range
                    return Rewrite(end, f"{spoken},", rule)
                spoken2, _ = self._read_number(other.group(), line, other.start(), bool(suffix2))
                if self._score(line, start) and not self.before_cue(line, end2, "ratio_after"):
                    return Rewrite(end2, f"{spoken} {spoken2}", "score")  # "thắng 2-0": hai không
                if not suffix2 and _HOUR_AFTER.match(line, end2):
                    suffix2, end2 = "giờ", end2 + 1  # "11-14h": mười một đến mười bốn giờ
                spoken = f"{spoken} đến {spoken2}" + (f" {suffix2}" if suffix2 else "")
                return Rewrite(end2, spoken, "range")
        times = _TIMES.match(line, end)
        if times:
            factors = [spoken]
            while times:
                other = _NUMBER.match(line, times.end())
                end, suffix2, _ = self._unit_suffix(line, other.end())
                spoken2, _ = self._read_number(other.group(), line, other.start(), bool(suffix2))
                factors.append(spoken2 + (f" {suffix2}" if suffix2 else ""))
                times = None if suffix2 else _TIMES.match(line, end)
            return Rewrite(end, " nhân ".join(factors), "unit")
        if token.isdecimal() and line.startswith("h", end) and not re.match(r"h[^\W\d_]", line[end:end + 2]):
            return Rewrite(end + 1, f"{spoken} giờ", "time")
        return Rewrite(end, spoken, rule)

    @staticmethod
    def _dash_between_addresses(line: str, start: int, dash: re.Match, suffix: str) -> bool:
        return not suffix and address_dash(line, dash.start(), dash.end())

    def _score(self, line: str, start: int) -> bool:
        """ "thắng 2-0", "thắng Thái Lan 3-2", "thua U23 Uzbekistan 0-3": a score, not a range.

        Up to four capitalized words (a team, after an optional "đội" or "đội tuyển")
        may stand between the cue and the score. A cue word inside a name ("xã Tam
        Hòa 2020-2025") is not one.
        """
        words = line[max(0, start - 80):start].split()
        if self._score_cue(words):
            return True
        team = 0
        while words and team < 4 and words[-1][:1].isupper():
            words.pop()
            team += 1
        if words and tone_key(words[-1]) == _DOI:
            words.pop()
        elif len(words) > 1 and [tone_key(w) for w in words[-2:]] == [_DOI, _TUYEN]:
            del words[-2:]
        return team > 0 and self._score_cue(words)

    def _score_cue(self, words: list[str]) -> bool:
        cues = self.cues["score_before"]
        for size in (2, 1):
            if len(words) >= size and " ".join(tone_key(w) for w in words[-size:]) in cues:
                if words[-size][:1].islower():
                    return True
                # A capitalized cue starts a sentence ("Tỷ số 3-2"), or is part of a name.
                return len(words) == size or words[-size - 1][-1:] in ".!?:;"
        return False

    def minus(self, line: str, m: re.Match) -> Rewrite:
        return Rewrite(m.end(), "âm ", "number")

    # -- dates ----------------------------------------------------------------
    def _valid(self, day: int, month: int) -> bool:
        return 1 <= day <= 31 and 1 <= month <= 12

    def _date_words(self, day: int, month: int, year: str | None, with_day_word: bool) -> str:
        words = ["ngày"] if with_day_word else []
        words += [self.reader.cardinal(day), "tháng", self.reader.month(month)]
        if year:
            words += ["năm", self.reader.cardinal(int(year))]
        return " ".join(words)

    def _day_word_needed(self, line: str, start: int) -> bool:
        bracketed = line[:start].rstrip().endswith("(")  # a pause cuts the link to "ngày"
        if not bracketed and self.after_cue(line, start, "day_said") is not None:
            return False
        return not (_DAY_LIST.search(line, max(0, start - 40), start)
                    or _DATE_LIST.search(line, max(0, start - 60), start))

    def _listed_day(self, line: str, start: int) -> bool:
        """ "ngày 11 và 12-10", "3 ngày 25, 26 và 27-12": the last day of a list after "ngày"."""
        return bool(_DAY_LIST.search(line, max(0, start - 40), start))

    def _bracketed_date(self, line: str, start: int) -> bool:
        """ "ngày mai (29.8)", "Hôm nay (13-2)": a date alone in brackets after a day word."""
        return (line[:start].rstrip().endswith("(") and self.after_cue(line, start, "bracket_date_after") is not None)

    def _date_ends(self, line: str, end: int) -> bool:
        """Nothing a number could count follows: the phrase ends, or "đến", "và"... or "năm 2024"."""
        if _PHRASE_END.match(line, end) or _YEAR_NEXT.match(line, end):
            return True
        return self.before_cue(line, end, "date_follower") is not None

    def _weak_date(self, line: str, start: int, end: int, partner: re.Pattern) -> bool:
        """After "từ", "đến", "trước", "hết"...: a date only when another date or the end follows."""
        if self.after_cue(line, start, "weak_date_before") is None:
            return False
        nxt = partner.match(line, end)
        if nxt and self._parse_date(nxt.group(1)):
            # "từ 12.3-30.4", but not "từ 2.5 đến 3.5 m": the second must end the phrase too
            return self._date_ends(line, nxt.end())
        return self._date_ends(line, end)

    def _ratio(self, a: int, b: int, line: str, end: int, start: int | None = None) -> str:
        """ "9/11 xã" -> chín trên mười một xã; "2/3 số hộ", "giảm 1/2" -> hai phần ba, một phần hai."""
        fraction = self.before_cue(line, end, "fraction_after") or (
            start is not None and self.after_cue(line, start, "fraction_before")
            and not self.before_cue(line, end, "ratio_after"))
        if fraction:
            denominator = "tư" if b == 4 else self.reader.cardinal(b)
            return f"{self.reader.cardinal(a)} phần {denominator}"
        return f"{self.reader.cardinal(a)} trên {self.reader.cardinal(b)}"

    def _then_date(self, line: str, end: int, spoken: str, rule: str, dotted: bool = False) -> Rewrite:
        """A following "- date" makes a range read with "đến"; "và 1.5" after a dotted date is another."""
        nxt = (_NEXT_DOT_DATE if dotted else _NEXT_DATE).match(line, end)
        if nxt:
            other = self._parse_date(nxt.group(1))
            if other:
                day, month, year = other
                return Rewrite(nxt.end(), f"{spoken} đến {self._date_words(day, month, year, True)}", "range")
        also = _AND_DOT_DATE.match(line, end) if dotted else None
        if also:
            other = self._parse_date(also.group(2))
            if other and self._date_ends(line, also.end()):
                # "lễ 30.4 và 1.5": the second date of a pair, written the same way
                day, month, year = other
                return Rewrite(also.end(), f"{spoken} {also.group(1)} {self._date_words(day, month, year, True)}",
                               rule)
        return Rewrite(end, spoken, rule)

    def _parse_date(self, text: str) -> tuple[int, int, str | None] | None:
        full = _FULL_DATE.fullmatch(text)
        if full:
            if full.group(1):
                day, month, year = int(full.group(1)), int(full.group(2)), full.group(3)
            else:
                day, month, year = int(full.group(4)), int(full.group(6)), full.group(7)
            return (day, month, year) if self._valid(day, month) else None
        dm = _DAY_MONTH.fullmatch(text) or _DOT_DAY_MONTH.fullmatch(text) or _DASH_DAY_MONTH.fullmatch(text)
        if dm and self._valid(int(dm.group(1)), int(dm.group(2))):
            return int(dm.group(1)), int(dm.group(2)), None
        return None

    def date(self, line: str, m: re.Match) -> Rewrite | None:
        text, start, end = m.group().replace(" ", ""), m.start(), m.end()
        prev = self.prev_words(line, start, 1)
        p1 = prev[-1] if prev else ""

        month_year = _MONTH_DASH_YEAR.fullmatch(text)
        if month_year and p1 == QUY and 1 <= int(month_year.group(1)) <= 4:
            # "quý 2-2024", "quý 3.2024": the quarter and its year
            quarter, year = int(month_year.group(1)), int(month_year.group(2))
            return Rewrite(end, f"{self.reader.cardinal(quarter)} năm {self.reader.cardinal(year)}", "quarter")
        if month_year and 1 <= int(month_year.group(1)) <= 12 and (
                p1 == THANG or self.after_cue(line, start, "date_before")):
            month, year = int(month_year.group(1)), int(month_year.group(2))
            prefix = "" if p1 == THANG else "tháng "
            return Rewrite(end, f"{prefix}{self.reader.month(month)} năm {self.reader.cardinal(year)}", "month")

        full = _FULL_DATE.fullmatch(text)
        if full:
            parsed = self._parse_date(text)
            if parsed is None:
                return None
            day, month, year = parsed
            spoken = self._date_words(day, month, year, self._day_word_needed(line, start))
            return self._then_date(line, end, spoken, "date")

        my = _MONTH_YEAR.fullmatch(text)
        if my:
            month, year = int(my.group(1)), my.group(2)
            if p1 == SO or self.after_cue(line, start, "issue_before"):
                # "Bản tin số 02/2024", "đợt 3/2023": an issue number and its year
                return Rewrite(end, f"{self.reader.cardinal(month)} năm {self.reader.cardinal(int(year))}", "docsym")
            if p1 == QUY and 1 <= month <= 4:
                return Rewrite(end, f"{self.reader.cardinal(month)} năm {self.reader.cardinal(int(year))}", "quarter")
            if 1 <= month <= 12:
                prefix = "" if p1 == THANG else "tháng "
                spoken = f"{prefix}{self.reader.month(month)} năm {self.reader.cardinal(int(year))}"
                nxt = _NEXT_MONTH_YEAR.match(line, end)
                if nxt and 1 <= int(nxt.group(1)) <= 12:
                    # "06/2024 - 12/2024": tháng sáu năm … đến tháng mười hai năm …
                    spoken += (f" đến tháng {self.reader.month(int(nxt.group(1)))} "
                               f"năm {self.reader.cardinal(int(nxt.group(2)))}")
                    return Rewrite(nxt.end(), spoken, "range")
                return Rewrite(end, spoken, "month")
            return Rewrite(end, f"{self.reader.cardinal(month)} năm {self.reader.cardinal(int(year))}", "docsym")

        dot = _DOT_DAY_MONTH.fullmatch(text)
        if dot:
            # "sáng 17.10", "từ 12.3-30.4", "ngày mai (29.8)": a day and month written with a dot.
            day, month = int(dot.group(1)), int(dot.group(2))
            if not self._valid(day, month) or self._unit_after.match(line, end) or _SCALE.match(line, end):
                return None
            if (self.after_cue(line, start, "day_cue") or self._bracketed_date(line, start)
                    or self._weak_date(line, start, end, _NEXT_DOT_DATE)):
                spoken = self._date_words(day, month, None, self._day_word_needed(line, start))
                return self._then_date(line, end, spoken, "date", dotted=True)
            return None

        dm = _DAY_MONTH.fullmatch(text)
        if dm:
            a, b = int(dm.group(1)), int(dm.group(2))
            if line.startswith("h", end) and (a, b) == (24, 24):
                return Rewrite(end + 1, f"{self._ratio(a, b, line, end)} giờ", "ratio")
            is_date = self._valid(a, b) and (a, b) != (24, 7)
            if is_date and not self.after_cue(line, start, "date_before"):
                if (self.before_cue(line, end, "ratio_after") or self.before_cue(line, end, "fraction_after")
                        or self.after_cue(line, start, "ratio_before")
                        or self.after_cue(line, start, "fraction_before")):
                    is_date = False
            if not is_date:
                return Rewrite(end, self._ratio(a, b, line, end, start), "ratio")
            spoken = self._date_words(a, b, None, self._day_word_needed(line, start))
            return self._then_date(line, end, spoken, "date")

        dash = _DASH_DAY_MONTH.fullmatch(text)
        if dash:
            day, month = int(dash.group(1)), int(dash.group(2))
            if self._valid(day, month) and not self._unit_after.match(line, end) and (
                    self.after_cue(line, start, "dash_date_before") or self._bracketed_date(line, start)
                    or (self._listed_day(line, start) and self._date_ends(line, end))
                    or self._weak_date(line, start, end, _NEXT_DATE)
                    or (day > month and self.after_cue(line, start, "descending_date_before"))):
                # (a range runs upwards: "đến 15-6" is a date, "từ 5-7 người" a range)
                return Rewrite(end, self._date_words(day, month, None, self._day_word_needed(line, start)), "date")
        return None

    def date_range(self, line: str, m: re.Match) -> Rewrite | None:
        """ "12-13/4" (days of one month) and "6-8/2024" (months of one year)."""
        d = _DATE_RANGE.fullmatch(m.group())
        if not d:
            return None
        a, b, dotted, third, year = int(d.group(1)), int(d.group(2)), d.group(3) == ".", d.group(4), d.group(5)
        if dotted and (self._unit_after.match(line, m.end()) or _SCALE.match(line, m.end())
                       or not (self.after_cue(line, m.start(), "day_cue") or self._date_ends(line, m.end()))):
            return None  # "2 - 3.5 m", "từ 8 - 9.5 điểm": numbers written with a decimal dot
        prev = self.prev_words(line, m.start(), 1)
        if prev and prev[-1] == THU:
            return None  # "Thứ 6 - 26/02/2016": a weekday, then a date
        if len(third) == 4 and year is None and not dotted:
            if 1 <= a < b <= 12:
                prefix = "" if prev and prev[-1] == THANG else "tháng "
                spoken = (f"{prefix}{self.reader.month(a)} đến tháng {self.reader.month(b)} "
                          f"năm {self.reader.cardinal(int(third))}")
                return Rewrite(m.end(), spoken, "range")
            return None
        month = int(third)
        if not (1 <= a < b <= 31 and 1 <= month <= 12):
            return None
        words = [] if not self._day_word_needed(line, m.start()) else ["ngày"]
        words += [self.reader.cardinal(a), "đến", self.reader.cardinal(b), "tháng", self.reader.month(month)]
        if year:
            words += ["năm", self.reader.cardinal(int(year))]
        return Rewrite(m.end(), " ".join(words), "range")

    # -- times ------------------------------------------------------------------
    def _time_words(self, text: str) -> str | None:
        t = _TIME.fullmatch(text)
        if not t:
            return None
        hour = int(t.group(1))
        minute = t.group(2) or t.group(3) or t.group(4)
        second = t.group(5)
        if hour > 24 or (minute is not None and (len(minute) != 2 or int(minute) > 59)):
            return None
        if second is not None and int(second) > 59:
            return None
        words = [self.reader.cardinal(hour), "giờ"]
        if minute and int(minute):
            words += [self.reader.cardinal(int(minute)), "phút"]
        if second and int(second):
            words += [self.reader.cardinal(int(second)), "giây"]  # "07:30:15"; ":00" is not said
        return " ".join(words)

    def time(self, line: str, m: re.Match) -> Rewrite | None:
        spoken = self._time_words(m.group())
        if spoken is None:
            ratio = re.fullmatch(r"(\d+):(\d+)", m.group())
            if ratio:
                a, b = int(ratio.group(1)), int(ratio.group(2))
                return Rewrite(m.end(), f"{self.reader.cardinal(a)} trên {self.reader.cardinal(b)}", "ratio")
            return None
        end = m.end()
        said = _MINUTES_WORD.match(line, end)
        t = _TIME.fullmatch(m.group())
        if said and (t.group(2) or t.group(3) or t.group(4)):
            end = said.end()  # "8h15 phút": phút is said once
        nxt = _NEXT_TIME.match(line, end)
        if nxt:
            other = self._time_words(nxt.group(1))
            if other:
                return Rewrite(nxt.end(), f"{spoken} đến {other}", "range")
        if not any(t.group(i) for i in (2, 3, 4, 5)):
            # "24h/24h/ngày", "8h/ngày": hours per something, the slash read "trên"
            per = _PER_AFTER_HOURS.match(line, end)
            while per:
                spoken += (f" trên {self.reader.cardinal(int(per.group(1)))} giờ" if per.group(1)
                           else f" trên {per.group(2)}")
                end = per.end()
                per = _PER_AFTER_HOURS.match(line, end)
        return Rewrite(end, spoken, "time")

    # -- vehicle plates ------------------------------------------------------------
    def plate(self, line: str, m: re.Match) -> Rewrite | None:
        """ "92C-123.45": province code, series, then the number, all digit by digit."""
        p = _PLATE.fullmatch(m.group())
        if p is None:
            return None
        province, series, series_digit, number, tail = p.groups()
        head = " ".join([digits(province), spell(series)] + ([digits(series_digit)] if series_digit else []))
        return Rewrite(m.end(), f"{head}, {digits(number + (tail or ''))}", "plate")

    # -- fishing vessels ------------------------------------------------------------
    def vessel(self, line: str, m: re.Match) -> Rewrite | None:
        """ "QNa 90479 TS": the province, the number digit by digit, then "tê ét"."""
        v = _VESSEL.fullmatch(m.group())
        province = self.vessel_prefixes.get(v.group(1)) if v else None
        if province is None:
            return None
        return Rewrite(m.end(), f"{province} {digits(v.group(2))} tê ét", "vessel")

    # -- phone numbers ------------------------------------------------------------
    def phone(self, line: str, m: re.Match) -> Rewrite | None:
        text = m.group()
        numerals = re.sub(r"\D", "", text)
        if text.startswith(("1800", "1900")):
            # "1900 1234", "1800.1091": the separator shows a phone number; otherwise
            # ("năm 1900") a cue must say so.
            separated = text[4:5] in (" ", ".") and self.prev_words(line, m.start(), 1) != [_NAM]
            if not (separated or self.after_cue(line, m.start(), "digits_before", skip="digits_filler")):
                return None
        elif text.startswith("+84"):
            if not 11 <= len(numerals) <= 12:
                return None
        elif len(numerals) not in (10, 11) and not (
                8 <= len(numerals) <= 9 and self.after_cue(line, m.start(), "digits_before", skip="digits_filler")):
            return None  # "gọi 0290 1022": an area code and a short number after a cue
        groups = [g for g in re.split(r"[\s.()-]+", text) if g]
        if len(groups) == 1:
            n = groups[0]
            if n.startswith("+84"):
                groups = ["+84", n[3:]]
            elif len(n) == 10:
                groups = [n[:4], n[4:7], n[7:]]
            elif len(n) == 11:
                groups = [n[:4], n[4:7], n[7:]]
            else:
                groups = [n[:4], n[4:]]
        spoken = ", ".join(("cộng " + digits(g)) if g.startswith("+") else digits(g) for g in groups)
        return Rewrite(m.end(), spoken, "phone")
