"""Cutting spoken text into what one engine request can say.

Chunks follow the language: a chunk never crosses a sentence end, long
sentences are cut at clause punctuation first, then between words, never
inside a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import sentences


@dataclass(frozen=True)
class Utterance:
    """One piece of spoken text for one engine request."""

    text: str
    sentence_end: bool = True  # the text finishes a sentence: a legal place to end


_CLAUSE = re.compile(r"(?<=[,;:])\s+")


def utterances(spoken: str, max_chars: int | None = None) -> list[Utterance]:
    """Sentences of ``spoken``, each cut into chunks of at most ``max_chars``."""
    result: list[Utterance] = []
    for sentence in sentences(spoken):
        parts = [sentence] if max_chars is None or len(sentence) <= max_chars else split_sentence(sentence, max_chars)
        for i, part in enumerate(parts):
            result.append(Utterance(part, sentence_end=i == len(parts) - 1))
    return result


def split_sentence(sentence: str, max_chars: int) -> list[str]:
    """Pack clauses (then words) greedily into chunks of at most ``max_chars``."""
    pieces: list[str] = []
    for clause in _CLAUSE.split(sentence):
        if len(clause) <= max_chars:
            pieces.append(clause)
        else:
            pieces.extend(_split_words(clause, max_chars))
    chunks: list[str] = []
    for piece in pieces:
        if chunks and len(chunks[-1]) + 1 + len(piece) <= max_chars:
            chunks[-1] = f"{chunks[-1]} {piece}"
        else:
            chunks.append(piece)
    return chunks


def _split_words(text: str, max_chars: int) -> list[str]:
    chunks: list[str] = []
    current = ""
    for word in text.split():
        if len(word) > max_chars:
            # A "word" this long is not speech (a URL left as is): cut it hard.
            if current:
                chunks.append(current)
                current = ""
            chunks.extend(word[i : i + max_chars] for i in range(0, len(word), max_chars))
            continue
        if current and len(current) + 1 + len(word) > max_chars:
            chunks.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        chunks.append(current)
    return chunks
