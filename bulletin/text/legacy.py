"""Legacy Vietnamese encodings (TCVN3/ABC, VNI-Windows) back to Unicode.

Text typed in the old 8-bit fonts arrives in a .docx as the cp1252 reading of
the legacy bytes ("UBND huyÖn Nói Thµnh", "Vieät Nam"). Each paragraph is
tried in both encodings and converted only when the result holds fewer
impossible syllables than the original; real Unicode Vietnamese is never
touched.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from bulletin.text import tables
from bulletin.text.vietnamese import is_syllable

# Letters only Unicode Vietnamese has (ă đ ĩ ũ ơ ư, the precomposed block) and
# the combining marks of decomposed text: their presence means "already Unicode".
_UNICODE_VIETNAMESE = re.compile("[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169"
                                 "\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9\u0300-\u0323]")
_HIGH_LATIN1 = re.compile("[\u00a0-\u00ff]")
_TOKEN_STRIP = "\"'()[]{}<>.,;:!?-–—…“”‘’«»*/\\|"
_UPPER_BASES = "AĂÂEÊIOÔƠUƯY"


def font_encoding(font: str | None) -> str | None:
    """The legacy encoding a .docx font name implies: "tcvn3", "tcvn3-upper", "vni" or None."""
    if not font:
        return None
    name = font.strip().lower()
    if name.startswith(".vn"):
        return "tcvn3-upper" if name.rstrip().endswith("h") else "tcvn3"
    if name.startswith("vni"):
        return "vni"
    return None


@lru_cache(maxsize=1)
def _tcvn3_table() -> dict[int, str]:
    return {ord(legacy): uni for legacy, uni in tables.rows("tcvn3")}


@lru_cache(maxsize=1)
def _vni_tables() -> tuple[re.Pattern, dict[str, str], dict[str, str]]:
    marks: dict[str, str] = {}
    letters: dict[str, str] = {}
    for kind, written, value in tables.rows("vni"):
        if kind == "mark":
            for ch in written:
                marks[ch] = value
        else:
            letters[written] = value
    pattern = re.compile(
        "([aAeEoOuUyYôÔöÖ])([" + re.escape("".join(marks)) + "])|([" + re.escape("".join(letters)) + "])"
    )
    return pattern, marks, letters


def decode_vni(text: str) -> str:
    """VNI-Windows (as cp1252 characters) to Unicode NFC."""
    pattern, marks, letters = _vni_tables()

    def one(m: re.Match) -> str:
        if m.group(3):
            return letters[m.group(3)]
        base, mark = m.group(1), marks[m.group(2)]
        base = letters.get(base, base)  # ô -> ơ, ö -> ư
        if ("\u0306" in mark and base not in "aA") or ("\u0302" in mark and base not in "aAeEoO"):
            return base + m.group(2)
        return unicodedata.normalize("NFC", base + mark)

    return pattern.sub(one, text)


def _merge_capitals(word: str) -> str:
    """ "A¸" decodes to "Aá": an uppercase vowel followed by its toned lowercase is one capital."""
    out: list[str] = []
    for ch in word:
        if out and out[-1] in _UPPER_BASES and ch.islower():
            base = unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", ch)
                                                        if c not in "\u0300\u0301\u0303\u0309\u0323"))
            if base.upper() == out[-1] and base != ch:
                out[-1] = ch.upper()
                continue
        out.append(ch)
    return "".join(out)


def decode_tcvn3(text: str, upper: bool = False) -> str:
    """TCVN3 (as cp1252 characters) to Unicode NFC.

    ``upper`` for the capital fonts (.VnTimeH): every letter is a capital.
    Without the hint, a word whose plain letters are all capitals is taken as
    typed in a capital font and uppercased whole.
    """
    table = _tcvn3_table()
    if upper:
        return text.translate(table).upper()
    ascii_letters = [ch for ch in text if ch.isascii() and ch.isalpha()]
    all_caps = len(ascii_letters) >= 3 and all(ch.isupper() for ch in ascii_letters)
    words = re.split(r"(\s+)", text)
    out = []
    for word in words:
        decoded = _merge_capitals(word.translate(table))
        plain = [ch for ch in word if ch.isascii() and ch.isalpha()]
        if all_caps or (len(plain) >= 2 and all(ch.isupper() for ch in plain)):
            decoded = decoded.upper()
        out.append(decoded)
    return "".join(out)


def impossible_syllables(text: str) -> int:
    """How many word-like tokens of ``text`` are not Vietnamese syllables."""
    count = 0
    for token in text.split():
        token = token.strip(_TOKEN_STRIP)
        if not token or any(ch.isdigit() for ch in token):
            continue
        if not any(ch.isalpha() for ch in token) and "\u00ad" not in token:
            continue
        if not is_syllable(token):
            count += 1
    return count


def convert_paragraph(text: str, font: str | None = None) -> tuple[str, str | None]:
    """The paragraph in Unicode, and the legacy encoding it was converted from (or None)."""
    if not _HIGH_LATIN1.search(text) or _UNICODE_VIETNAMESE.search(text):
        return text, None
    hint = font_encoding(font)
    candidates = [
        ("tcvn3", decode_tcvn3(text, upper=hint == "tcvn3-upper")),
        ("vni", decode_vni(text)),
    ]
    if hint == "vni":
        candidates.reverse()
    best_name, best_text, best_score = None, text, impossible_syllables(text)
    for name, candidate in candidates:
        if candidate == text:
            continue
        score = impossible_syllables(candidate)
        # The font names the encoding: a tie ("Sè:" and "Số:" are both syllables) goes to it.
        if score < best_score or (score == best_score and hint and hint.startswith(name) and best_name is None):
            best_name, best_text, best_score = name, candidate, score
    return best_text, best_name
