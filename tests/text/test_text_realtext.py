"""The blind real-text set: lines of real Vietnamese public text and their spoken forms.

``realtext_blind.tsv`` holds written<TAB>spoken<TAB>source rows (``#`` lines are
comments). The spoken forms were written by hand before the normalizer was run
on the lines; the set is scored, not required line by line: at least 97 % of
the lines must be read exactly as written down (case, punctuation and spacing
not compared). Run this file directly to print the score and the misread lines:

    PYTHONPATH=. python tests/text/test_text_realtext.py
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from bulletin.text import Normalizer

SET = Path(__file__).parent / "realtext_blind.tsv"
REQUIRED = 0.97


def rows() -> list[tuple[int, str, str, str]]:
    out = []
    for number, line in enumerate(SET.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        written, spoken, source = line.split("\t")
        out.append((number, written, spoken, source))
    return out


def words_said(text: str) -> str:
    """Lowercase NFC words, punctuation (commas, stops, brackets...) and spacing ignored."""
    text = unicodedata.normalize("NFC", text).lower()
    text = "".join(" " if unicodedata.category(ch).startswith("P") else ch for ch in text)
    return " ".join(text.split())


def misread(normalizer: Normalizer) -> list[tuple[int, str, str, str]]:
    """(line number, written, expected, got) for every line not read as expected."""
    wrong = []
    for number, written, spoken, _ in rows():
        got = words_said(normalizer.normalize(written))
        if got != words_said(spoken):
            wrong.append((number, written, words_said(spoken), got))
    return wrong


@pytest.fixture(scope="module")
def normalizer():
    return Normalizer()


def test_set_is_large_and_sourced():
    all_rows = rows()
    assert len(all_rows) >= 300
    assert all(written and spoken and source for _, written, spoken, source in all_rows)


def test_score(normalizer):
    total = len(rows())
    wrong = misread(normalizer)
    score = 1 - len(wrong) / total
    detail = "\n".join(f"line {n}: {w}\n  expected: {e}\n  got:      {g}" for n, w, e, g in wrong)
    assert score >= REQUIRED, f"{score:.1%} of {total} lines read as expected\n{detail}"


if __name__ == "__main__":
    all_rows = rows()
    wrong = misread(Normalizer())
    for number, written, expected, got in wrong:
        print(f"line {number}: {written}\n  expected: {expected}\n  got:      {got}\n")
    print(f"{len(all_rows) - len(wrong)}/{len(all_rows)} lines read as expected "
          f"({1 - len(wrong) / len(all_rows):.1%})")
