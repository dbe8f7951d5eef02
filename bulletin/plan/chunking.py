"""Cutting spoken text into what one engine request can say.

Chunks follow the language: a chunk never crosses a sentence end; a sentence
too long for one request is cut at clause punctuation when possible, else
between words (preferably before a conjunction or preposition), never inside a
word. Among all legal ways to cut, the chosen one has the fewest and the least
awkward cuts and avoids tiny fragments (see :data:`CUT_COST`).

Each chunk is one engine request and one cached clip. ``sentence_end`` marks
the chunks after which the bulletin may legally end (the fitting stage relies
on clips never crossing a sentence end).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bulletin.text import sentences


@dataclass(frozen=True)
class Utterance:
    """One piece of spoken text for one engine request."""

    text: str
    sentence_end: bool = True  # the text finishes a sentence: a legal place to end


# What a cut costs, by the kind of place it falls; one chunk more costs 1.0.
CUT_COST = {
    "clause": 0.0,  # after , ; : or around brackets
    "phrase": 1.5,  # between words, before a word that opens a phrase
    "word": 2.5,  # between any two words
    "inside": 50.0,  # inside a token longer than a request (never speech: a URL left as is)
}
SHORT_CHUNK = 25  # characters; a shorter chunk sounds like a stray fragment…
SHORT_COST = 1.5  # …and costs this much

# Words that open a phrase in Vietnamese: cutting before them keeps phrases whole.
PHRASE_OPENERS = frozenset(
    """và hoặc hay nhưng mà thì nên vì để nhằm do bởi nếu khi còn cùng với theo tại trong
    ngoài trên dưới từ đến sau trước của cho về như nhất là đồng thời bao gồm gồm""".split()
)

_CLAUSE_END = re.compile(r"[,;:)\]]$")
_CLAUSE_START = re.compile(r"^[(\[]")
_SPOKEN = re.compile(r"[^\W_]", re.UNICODE)


def utterances(spoken: str, max_chars: int | None = None) -> list[Utterance]:
    """Sentences of ``spoken``, each cut into chunks of at most ``max_chars`` characters."""
    result: list[Utterance] = []
    for sentence in sentences(spoken):
        sentence = " ".join(sentence.split())
        if not _SPOKEN.search(sentence):
            continue  # punctuation only: nothing to say
        parts = [sentence] if max_chars is None or len(sentence) <= max_chars else split_sentence(sentence, max_chars)
        parts = [p for p in parts if _SPOKEN.search(p)]
        for i, part in enumerate(parts):
            result.append(Utterance(part, sentence_end=i == len(parts) - 1))
    return result


def split_sentence(sentence: str, max_chars: int) -> list[str]:
    """The cheapest cut of ``sentence`` into chunks of at most ``max_chars``."""
    if max_chars < 1:
        raise ValueError("max_chars must be positive")
    tokens = _tokens(sentence, max_chars)
    n = len(tokens)
    # Length of tokens[i:j] joined: prefix sums of token lengths and separators.
    text_len = [0]
    for text, sep, _ in tokens:
        text_len.append(text_len[-1] + len(text) + len(sep))

    def length(i: int, j: int) -> int:
        return text_len[j] - text_len[i] - len(tokens[i][1])

    best = [0.0] + [float("inf")] * n  # best[j]: cheapest cut of tokens[:j]
    back = [0] * (n + 1)
    for j in range(1, n + 1):
        end_cost = 0.0 if j == n else CUT_COST[tokens[j][2]]
        for i in range(j - 1, -1, -1):
            size = length(i, j)
            if size > max_chars:
                break
            cost = best[i] + 1.0 + end_cost + (SHORT_COST if size < SHORT_CHUNK and n > 1 else 0.0)
            if cost < best[j]:
                best[j], back[j] = cost, i
    cuts = []
    j = n
    while j > 0:
        cuts.append(back[j])
        j = back[j]
    bounds = sorted(cuts) + [n]
    return [_join(tokens[a:b]) for a, b in zip(bounds, bounds[1:])]


def _tokens(sentence: str, max_chars: int) -> list[tuple[str, str, str]]:
    """(text, separator before it, kind of cut allowed before it) for every token."""
    tokens: list[tuple[str, str, str]] = []
    previous = ""
    for word in sentence.split():
        if not tokens:
            kind = "clause"
        elif _CLAUSE_END.search(previous) or _CLAUSE_START.search(word):
            kind = "clause"
        elif word.lower().strip("\"'“”‘’") in PHRASE_OPENERS:
            kind = "phrase"
        else:
            kind = "word"
        if len(word) <= max_chars:
            tokens.append((word, " " if tokens else "", kind))
        else:
            for k in range(0, len(word), max_chars):
                sep = ("" if k else " ") if tokens else ""
                tokens.append((word[k : k + max_chars], sep, "inside" if k else kind))
        previous = word
    return tokens


def _join(tokens: list[tuple[str, str, str]]) -> str:
    return tokens[0][0] + "".join(sep + text for text, sep, _ in tokens[1:])
