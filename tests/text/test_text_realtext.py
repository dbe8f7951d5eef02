"""The real-text sets: lines of real Vietnamese public text and their spoken forms.

``realtext_blind.tsv`` (the blind set of issue 12), ``realtext_fresh.tsv`` (a
sample collected after the rules were made), ``realtext_round3.tsv`` and
``realtext_round4.tsv`` (third and fourth samples on other topics) hold written<TAB>spoken<TAB>source rows (``#`` lines are
comments). The spoken forms were written by hand before the normalizer was run on
the lines; each set is scored, not required line by line: at least 97 % of the
blind set and 90 % of each later sample must be read exactly as written down
(case, punctuation and spacing not compared). Run this file
directly to print the scores and the misread lines:

    PYTHONPATH=. python tests/text/test_text_realtext.py
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from bulletin.text import Normalizer

SET = Path(__file__).parent / "realtext_blind.tsv"
FRESH = Path(__file__).parent / "realtext_fresh.tsv"
ROUND3 = Path(__file__).parent / "realtext_round3.tsv"
ROUND4 = Path(__file__).parent / "realtext_round4.tsv"
REQUIRED = {SET: 0.97, FRESH: 0.90, ROUND3: 0.90, ROUND4: 0.90}


def rows(path: Path = SET) -> list[tuple[int, str, str, str]]:
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
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


def misread(normalizer: Normalizer, path: Path = SET) -> list[tuple[int, str, str, str]]:
    """(line number, written, expected, got) for every line not read as expected."""
    wrong = []
    for number, written, spoken, _ in rows(path):
        got = words_said(normalizer.normalize(written))
        if got != words_said(spoken):
            wrong.append((number, written, words_said(spoken), got))
    return wrong


@pytest.fixture(scope="module")
def normalizer():
    return Normalizer()


def test_sets_are_large_and_sourced():
    assert len(rows(SET)) >= 300
    for path in REQUIRED:
        assert all(written and spoken and source for _, written, spoken, source in rows(path))


@pytest.mark.parametrize("path", list(REQUIRED), ids=lambda p: p.stem)
def test_score(normalizer, path):
    total = len(rows(path))
    wrong = misread(normalizer, path)
    score = 1 - len(wrong) / total
    detail = "\n".join(f"line {n}: {w}\n  expected: {e}\n  got:      {g}" for n, w, e, g in wrong)
    assert score >= REQUIRED[path], f"{score:.1%} of {total} lines read as expected\n{detail}"


if __name__ == "__main__":
    normalizer = Normalizer()
    for path in REQUIRED:
        all_rows = rows(path)
        wrong = misread(normalizer, path)
        for number, written, expected, got in wrong:
            print(f"{path.name} line {number}: {written}\n  expected: {expected}\n  got:      {got}\n")
        print(f"{path.name}: {len(all_rows) - len(wrong)}/{len(all_rows)} lines read as expected "
              f"({1 - len(wrong) / len(all_rows):.1%})\n")
