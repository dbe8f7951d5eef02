"""Measures of spoken text: sentences (for chunking) and syllables (for read time)."""

from __future__ import annotations

import re

from bulletin.text.numbers import NumberReader

# A sentence ends at . ! ? or … (with any closing quotes or brackets) followed by
# a space, unless what follows starts in lowercase: "ông bê. cho biết" is one.
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’»)\]]*(?=\s)")
_NEXT_CHAR = re.compile(r"\s+[\"“‘«(\[]*(\S)")
_LINE_BREAK = re.compile(r"\s*\n\s*")
_SYLLABLE = re.compile(r"[^\W\d_]+")
_DIGITS = re.compile(r"\d+")
_READER = NumberReader()


def sentences(text: str) -> list[str]:
    """Split spoken text into sentences (never inside a word); line breaks always split."""
    out: list[str] = []
    for paragraph in _LINE_BREAK.split(text.strip()):
        start = 0
        for m in _SENTENCE_END.finditer(paragraph):
            nxt = _NEXT_CHAR.match(paragraph, m.end())
            if nxt is None or nxt.group(1).islower():
                continue
            piece = paragraph[start:m.end()].strip()
            if piece:
                out.append(piece)
            start = m.end()
        rest = paragraph[start:].strip()
        if rest:
            out.append(rest)
    return out


def count_syllables(text: str) -> int:
    """Spoken syllables: Vietnamese writes one syllable per word; digits count as read."""
    count = len(_SYLLABLE.findall(text))
    for run in _DIGITS.findall(text):
        count += len(_READER.cardinal_words(int(run))) if len(run) < 16 else len(run)
    return count
