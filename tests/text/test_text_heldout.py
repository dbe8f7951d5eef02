"""The held-out style set: real-looking bulletin sentences and their spoken forms.

``heldout_style.tsv`` holds one sentence per line (written<TAB>spoken), written
by hand from the reading conventions before the normalizer was run on them.
Case, punctuation and spacing are not compared: only the words said.
"""

import unicodedata
from pathlib import Path

import pytest

from bulletin.text import Normalizer

ROWS = [line.split("\t") for line in
        (Path(__file__).parent / "heldout_style.tsv").read_text(encoding="utf-8").splitlines() if line.strip()]


def words_said(text: str) -> str:
    """Lowercase NFC words, punctuation (commas, stops, brackets...) and spacing ignored."""
    text = unicodedata.normalize("NFC", text).lower()
    text = "".join(" " if unicodedata.category(ch).startswith("P") else ch for ch in text)
    return " ".join(text.split())


@pytest.fixture(scope="module")
def normalizer():
    return Normalizer()


def test_set_is_large():
    assert len(ROWS) >= 300
    assert all(len(row) == 2 and row[0] and row[1] for row in ROWS)


@pytest.mark.parametrize("written, spoken", [pytest.param(w, s, id=f"row{i + 1}") for i, (w, s) in enumerate(ROWS)])
def test_heldout_sentence(normalizer, written, spoken):
    assert words_said(normalizer.normalize(written)) == words_said(spoken)
