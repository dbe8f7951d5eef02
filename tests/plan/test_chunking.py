"""Cutting spoken text into engine requests: sentence, clause, word; never inside a word."""

from __future__ import annotations

import re

import pytest

from bulletin.engines.calibration import calibration_paragraphs
from bulletin.plan.chunking import Utterance, split_sentence, utterances
from bulletin.text import sentences

LONG = (
    "Ban chỉ đạo đề nghị các thôn rà soát lại các hộ gia đình sống ở vùng trũng thấp, ven sông và ven biển, "
    "chuẩn bị sẵn phương án sơ tán khi có lệnh."
)


@pytest.mark.parametrize("text, max_chars, expected", [
    # short sentences stay whole, one chunk each
    ("Xin chào quý vị. Mời quý vị nghe bản tin!", 100,
     [("Xin chào quý vị.", True), ("Mời quý vị nghe bản tin!", True)]),
    # no limit: whole sentences, however long
    (LONG, None, [(LONG, True)]),
    # too long: cut at the commas
    (LONG, 100, [("Ban chỉ đạo đề nghị các thôn rà soát lại các hộ gia đình sống ở vùng trũng thấp,", False),
                 ("ven sông và ven biển, chuẩn bị sẵn phương án sơ tán khi có lệnh.", True)]),
    # no comma at all: between words, before a word that opens a phrase ("và")
    ("Hội nông dân xã vừa phối hợp với trạm khuyến nông huyện mở lớp tập huấn kỹ thuật trồng lúa hữu cơ "
     "và hướng dẫn bà con cách làm đất chọn giống bón phân hợp lý.", 100,
     [("Hội nông dân xã vừa phối hợp với trạm khuyến nông huyện mở lớp tập huấn kỹ thuật trồng lúa hữu cơ", False),
      ("và hướng dẫn bà con cách làm đất chọn giống bón phân hợp lý.", True)]),
    # punctuation alone is not said
    ("Xin chào. … Hết.", 100, [("Xin chào.", True), ("Hết.", True)]),
    # extra spaces are not sent; a line break ends an utterance (text.sentences)
    ("Xin   chào  quý vị.", 100, [("Xin chào quý vị.", True)]),
    ("Xin   chào\nquý vị.", 100, [("Xin chào", True), ("quý vị.", True)]),
])
def test_utterances(text, max_chars, expected):
    assert [(u.text, u.sentence_end) for u in utterances(text, max_chars)] == expected


def test_no_tiny_tail_fragment():
    sentence = ("Các tuyến đường hoa không chỉ tạo cảnh quan sáng xanh sạch đẹp mà còn thể hiện tình đoàn kết "
                "của bà con.")
    chunks = split_sentence(sentence, 100)
    assert len(chunks) == 2
    assert min(len(c) for c in chunks) >= 25


@pytest.mark.parametrize("max_chars", [100, 60, 40])
def test_realistic_prose_never_longer_than_a_request_nor_split_inside_a_word(max_chars):
    for paragraph in calibration_paragraphs():
        chunks = utterances(paragraph, max_chars)
        words = paragraph.split()
        assert [w for u in chunks for w in u.text.split()] == words  # every word whole, in order, none lost
        for u in chunks:
            assert 0 < len(u.text) <= max_chars
        # chunks never cross a sentence end: the sentence ends are exactly the flagged chunks
        ends = [i for i, u in enumerate(chunks) if u.sentence_end]
        assert len(ends) == len(sentences(paragraph))
        assert all(re.search(r"[.!?…]$", chunks[i].text) for i in ends)
        assert not any(re.search(r"[.!?…]$", u.text) for u in chunks if not u.sentence_end)


def test_clause_cuts_preferred_over_word_cuts():
    chunks = [u.text for p in calibration_paragraphs() for u in utterances(p, 100) if not u.sentence_end]
    at_clause = [c for c in chunks if c.endswith((",", ";", ":"))]
    assert len(at_clause) >= 0.8 * len(chunks)


def test_a_token_longer_than_a_request_is_cut_hard_and_only_it():
    url = "https://" + "a" * 150 + ".vn"
    chunks = utterances(f"Xem tại {url} nhé, cảm ơn quý vị.", 100)
    assert all(len(u.text) <= 100 for u in chunks)
    assert "".join(u.text for u in chunks).replace(" ", "") == f"Xemtại{url}nhé,cảmơnquývị."
    assert "Xem tại" in chunks[0].text and chunks[-1].text.endswith("cảm ơn quý vị.")


def test_utterance_default_marks_a_sentence_end():
    assert Utterance("Xin chào.").sentence_end
