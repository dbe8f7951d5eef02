"""The held-out style set: real-looking bulletin sentences and their spoken forms.

``heldout_style.tsv`` (first round), ``heldout_style_round2.tsv`` (written
after the first round of fixes), ``heldout_style_round3.tsv`` (a third
reviewer's set, written before reading the normalizer; its TCVN3, VNI and NFD
rows were encoded with the reviewer's own tables) and ``heldout_style_round4.tsv``
(a fourth reviewer's set of bulletin lines with Word and web furniture: bullets,
non-breaking, zero-width and soft-hyphen characters, NFD rows, signature blocks)
hold one sentence per line
(written<TAB>spoken), written by hand from the reading conventions before the
normalizer was run on them, then aligned with the documented house styles.
Case, punctuation and spacing are not compared: only the words said.
"""

import unicodedata
from pathlib import Path

import pytest

from bulletin.text import Normalizer

SETS = ("heldout_style.tsv", "heldout_style_round2.tsv", "heldout_style_round3.tsv", "heldout_style_round4.tsv")
ROWS = [(f"{name.removesuffix('.tsv')}-{number}", *line.split("\t")) for name in SETS
        for number, line in enumerate((Path(__file__).parent / name).read_text(encoding="utf-8").splitlines(), 1)
        if line.strip()]


def words_said(text: str) -> str:
    """Lowercase NFC words, punctuation (commas, stops, brackets...) and spacing ignored."""
    text = unicodedata.normalize("NFC", text).lower()
    text = "".join(" " if unicodedata.category(ch).startswith("P") else ch for ch in text)
    return " ".join(text.split())


@pytest.fixture(scope="module")
def normalizer():
    return Normalizer()


def test_sets_are_large():
    assert len(ROWS) >= 300
    assert all(len(row) == 3 and row[1] and row[2] for row in ROWS)


@pytest.mark.parametrize("written, spoken", [pytest.param(w, s, id=row_id) for row_id, w, s in ROWS])
def test_heldout_sentence(normalizer, written, spoken):
    assert words_said(normalizer.normalize(written)) == words_said(spoken)
