"""What every rule handler shares: the tables, the number reader, context look-ups.

A handler gets the line and the regex match of its candidate span, looks at
the words around it in the original line, and returns a :class:`Rewrite` (how
far it consumed and what is said) or ``None`` to let a more general rule read
the span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from bulletin.text import tables
from bulletin.text.numbers import NumberReader
from bulletin.text.vietnamese import is_caps, tone_key

_WORD = re.compile(r"[^\W_]+")

# Comparison keys of the context words rules test directly.
THU = tone_key("thứ")
THANG = tone_key("tháng")
QUY = tone_key("quý")
SO = tone_key("số")
CUA = tone_key("của")
GIO = tone_key("giờ")
_NEXT_TOKEN = re.compile(r"\s*([^\s]+)")
_PAUSE_AHEAD = re.compile(r"\s*[,;:.!?)\]]")


class Rewrite(NamedTuple):
    """A handler's answer: the span ends at ``end`` and is said as ``spoken``."""

    end: int
    spoken: str
    rule: str
    spelled: tuple[str, ...] = ()


_ROAD_NUMBER = re.compile(r"[.\-]?\s?[1-9]\d{0,3}[A-Z]?(?!\d|[.,]\d)")


@dataclass(frozen=True)
class Entry:
    """One abbreviation row: what is said, and when."""

    spoken: str
    # "", "prev", "next", "next-caps", "next-title", "next-digit", "next-colon", "next-road"
    condition: str = ""
    words: frozenset[str] = frozenset()


def _parse_condition(spoken: str, condition: str) -> Entry:
    if not condition:
        return Entry(spoken)
    side, _, values = condition.partition("=")
    if side == "next" and values in ("CAPS", "Title", "digit", ":", "road"):
        kind = {"CAPS": "next-caps", "Title": "next-title", "digit": "next-digit", ":": "next-colon",
                "road": "next-road"}[values]
        return Entry(spoken, kind)
    if side == "next" and "Title" in values.split("|"):
        # "next=Title|digit": either.
        return Entry(spoken, "next-title-digit")
    words = frozenset(tone_key(w) for w in values.split("|"))
    return Entry(spoken, side, words)


class RuleBase:
    """Tables and context helpers, built once per Normalizer."""

    def __init__(self, reading):
        self.reading = reading
        self.reader = NumberReader.for_reading(reading)
        thousand = reading.thousand

        self.abbreviations: dict[str, list[Entry]] = {}
        for row in tables.rows("abbreviations"):
            written, spoken = row[0], row[1]
            condition = row[2] if len(row) > 2 else ""
            self.abbreviations.setdefault(written, []).append(_parse_condition(spoken, condition))
        # Case-insensitive fallback for capitalized abbreviations written "Ubnd", "Covid".
        self.abbreviations_upper = {k.upper(): k for k in self.abbreviations if k.isupper()}

        self.units = {k: v.replace("{nghìn}", thousand) for k, v in tables.pairs("units").items()}
        # Units that apply only near a cue ("CV" is mã lực after "công suất", else công văn).
        self.unit_cues = {row[0]: row[2].removeprefix("near=") for row in tables.rows("units") if len(row) > 2}
        self.per_units = tables.pairs("per_units")
        self.loanwords = tables.pairs("loanwords")
        self.web_words = tables.pairs("web")
        self.symbols = tables.pairs("symbols")
        self.cues = {kind: frozenset(" ".join(tone_key(w) for w in phrase.split()) for phrase in phrases)
                     for kind, phrases in tables.grouped("cues").items()}
        self.vessel_prefixes = tables.pairs("vessel_prefixes")
        self.doc_codes: dict[str, dict[str, str]] = {}
        for code, spoken, kind in tables.rows("document_codes"):
            self.doc_codes.setdefault(kind, {})[code] = spoken
        self.doc_type_names = frozenset(" ".join(tone_key(w) for w in spoken.split())
                                        for spoken in self.doc_codes.get("type", {}).values())

    # -- context ------------------------------------------------------------
    @staticmethod
    def prev_words(line: str, start: int, count: int = 2) -> list[str]:
        """The ``count`` words before ``start``, as comparison keys (lowercase, tone-neutral)."""
        words = _WORD.findall(line, max(0, start - 60), start)
        return [tone_key(w) for w in words[-count:]]

    @staticmethod
    def next_words(line: str, end: int, count: int = 2) -> list[str]:
        words = _WORD.findall(line, end, min(len(line), end + 60))
        return [tone_key(w) for w in words[:count]]

    def after_cue(self, line: str, start: int, kind: str, skip: str = "") -> str | None:
        """The cue phrase of ``kind`` (one to four words) that ends just before ``start``, if any.

        With ``skip``, up to four words of that cue kind may stand between the
        cue and ``start`` ("gọi ngay số 114", "tổng đài tư vấn miễn phí 1900 1234").
        """
        cues = self.cues.get(kind, frozenset())
        if not skip:
            return self._cue_ending(self.prev_words(line, start, 4), cues)
        # A filler may itself end a cue ("đầu số 1022"): try before dropping each one.
        fillers = self.cues.get(skip, frozenset())
        prev = self.prev_words(line, start, 8)
        for _ in range(4):
            found = self._cue_ending(prev, cues)
            if found or not (prev and prev[-1] in fillers):
                return found
            prev.pop()
        return self._cue_ending(prev, cues)

    @staticmethod
    def _cue_ending(prev: list[str], cues: frozenset[str]) -> str | None:
        """The longest cue phrase (up to four words) that ``prev`` ends with."""
        for size in (4, 3, 2, 1):
            if len(prev) >= size:
                phrase = " ".join(prev[-size:])
                if phrase in cues:
                    return phrase
        return None

    def near_cue(self, line: str, start: int, kind: str, count: int = 6) -> bool:
        """A cue phrase of ``kind`` among the ``count`` words before ``start``."""
        prev = f" {' '.join(self.prev_words(line, start, count))} "
        return any(f" {cue} " in prev for cue in self.cues.get(kind, ()))

    def before_cue(self, line: str, end: int, kind: str) -> str | None:
        """The cue phrase of ``kind`` that starts just after ``end``, if any.

        A pause mark in between ("05/10, Huyện đoàn…") breaks the link.
        """
        if _PAUSE_AHEAD.match(line, end):
            return None
        cues = self.cues.get(kind, frozenset())
        nxt = self.next_words(line, end, 2)
        if len(nxt) == 2 and f"{nxt[0]} {nxt[1]}" in cues:
            return f"{nxt[0]} {nxt[1]}"
        if nxt and nxt[0] in cues:
            return nxt[0]
        return None

    @staticmethod
    def next_token(line: str, end: int) -> str:
        """The raw next whitespace-separated token ("" at the end of the line)."""
        m = _NEXT_TOKEN.match(line, end)
        return m.group(1) if m else ""

    # -- abbreviations ------------------------------------------------------
    def lookup(self, written: str, prev: str, following: str) -> str | None:
        """The spoken form of an abbreviation in context, or None.

        ``prev`` is the previous word's comparison key, ``following`` the raw
        text right after the abbreviation.
        """
        entry = self.lookup_entry(written, prev, following)
        return entry.spoken if entry else None

    def lookup_entry(self, written: str, prev: str, following: str) -> Entry | None:
        """The abbreviation row that applies in context, or None."""
        entries = self.abbreviations.get(written)
        if entries is None:
            return None
        # "ĐT.609", "ĐH-12": a road's number joined by a dot or dash, never with a leading zero
        road = _ROAD_NUMBER.match(following)
        following = following.lstrip()
        nxt = _WORD.match(following)
        next_word = nxt.group() if nxt else ""
        for entry in entries:
            cond = entry.condition
            if (not cond
                    or (cond == "prev" and prev in entry.words)
                    or (cond == "next" and next_word and tone_key(next_word) in entry.words)
                    or (cond == "next-caps" and next_word and is_caps(next_word))
                    or (cond in ("next-title", "next-title-digit") and next_word[:1].isupper())
                    or (cond in ("next-digit", "next-title-digit") and next_word[:1].isdecimal())
                    or (cond == "next-colon" and following.startswith(":"))
                    or (cond == "next-road" and road is not None)):
                return entry
        return None
