"""Facts about written Vietnamese: syllables, tone marks, letter names.

Used to tell a real word from an abbreviation ("BÁO CÁO" is read, "UBND" is
not a syllable), to score legacy-encoding candidates, and to spell.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from bulletin.text import tables

# Combining tone marks and the tone they write.
TONE_MARKS = {
    "\u0301": "sắc",
    "\u0300": "huyền",
    "\u0309": "hỏi",
    "\u0303": "ngã",
    "\u0323": "nặng",
}

VIETNAMESE_LETTERS = frozenset("abcdđeghiklmnopqrstuvxyăâêôơư")
STOP_FINALS = ("p", "t", "c", "ch")
FRONT_VOWELS = ("i", "e", "ê", "y")


def _load_phonotactics() -> tuple[tuple[str, ...], frozenset[str]]:
    onsets: list[str] = [""]
    rimes: set[str] = set()
    for kind, values in tables.rows("phonotactics"):
        if kind == "onset":
            onsets.extend(values.split())
        elif kind == "rime":
            rimes.update(values.split())
    return tuple(sorted(onsets, key=len, reverse=True)), frozenset(rimes)


ONSETS, RIMES = _load_phonotactics()


def split_tone(word: str) -> tuple[str, list[str]]:
    """The word without tone marks (NFC), and the tones it carried."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = [TONE_MARKS[ch] for ch in decomposed if ch in TONE_MARKS]
    base = "".join(ch for ch in decomposed if ch not in TONE_MARKS)
    return unicodedata.normalize("NFC", base), tones


@lru_cache(maxsize=8192)
def tone_key(word: str) -> str:
    """A comparison key equal for both tone placements ("hoà" == "hòa") and any case."""
    base, tones = split_tone(word.lower())
    return base + ("|" + tones[0] if len(tones) == 1 else "|" * len(tones))


def _spelling_ok(onset: str, rime: str) -> bool:
    first = rime[0]
    if onset == "k":
        return first in FRONT_VOWELS
    if onset == "c":
        return first not in FRONT_VOWELS
    if onset in ("gh", "ngh"):
        return first in ("i", "e", "ê")
    if onset == "ng":
        return first not in ("i", "e", "ê")
    if onset == "g":
        return first not in ("e", "ê")
    if onset == "qu":
        return first not in ("u", "ư", "o")
    if onset == "gi":
        return first != "i"
    return True


@lru_cache(maxsize=8192)
def is_syllable(word: str, check_tone: bool = True) -> bool:
    """True when ``word`` is a possible Vietnamese written syllable (any case, either tone placement)."""
    if not word:
        return False
    base, tones = split_tone(word.lower())
    if len(tones) > 1 or any(ch not in VIETNAMESE_LETTERS for ch in base):
        return False
    for onset in ONSETS:
        if not base.startswith(onset):
            continue
        rime = base[len(onset):]
        if rime not in RIMES or not _spelling_ok(onset, rime):
            continue
        if check_tone and rime.endswith(STOP_FINALS) and (not tones or tones[0] not in ("sắc", "nặng")):
            continue
        return True
    return False


def segment(label: str) -> list[str] | None:
    """Split an unaccented run of letters ("quangnam") into syllables, or None."""
    pieces = read_label(label.lower())
    if pieces is None or any(not is_word for _, is_word in pieces):
        return None
    return [piece for piece, _ in pieces]


_SPELL_COST = 2.5
_VOWEL_LETTERS = frozenset("aăâeêioôơuưy")


@lru_cache(maxsize=1024)
def read_label(label: str) -> tuple[tuple[str, bool], ...] | None:
    """Cheapest reading of an unaccented run of letters as syllables and spelled letters.

    "ubndnuithanh" -> u, b, n, d, nui, thanh: each piece with True when it is a
    syllable, False when it is one letter to spell. None for an empty, very
    long or not lowercase label.
    """
    n = len(label)
    if n == 0 or n > 60 or label != label.lower():
        return None
    best: list[tuple[float, list[tuple[str, bool]]] | None] = [None] * (n + 1)
    best[n] = (0.0, [])
    for i in range(n - 1, -1, -1):
        options = []
        # A syllable without an onset costs a little more, so that ties go to
        # the usual split: "dichvucong" is dich vu cong, not dich vuc ong.
        cost = 1.1 if label[i] in _VOWEL_LETTERS else 1.0
        for j in range(min(n, i + 7), i, -1):
            if best[j] is not None and is_syllable(label[i:j], check_tone=False):
                options.append((cost + best[j][0], [(label[i:j], True), *best[j][1]]))
        if best[i + 1] is not None:
            options.append((_SPELL_COST + best[i + 1][0], [(label[i], False), *best[i + 1][1]]))
        best[i] = min(options, key=lambda o: o[0]) if options else None
    return tuple(best[0][1]) if best[0] else None


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, str]:
    """Toneless written place names and common words -> their spoken form with tones."""
    return tables.pairs("gazetteer")


_GAZETTEER_COST = 0.8  # per syllable: a known name is preferred to toneless syllables
_LONGEST_ENTRY = 24


@lru_cache(maxsize=1024)
def read_web_label(label: str) -> tuple[tuple[str, str], ...] | None:
    """Cheapest reading of one label of a web or e-mail address.

    Pieces are ``(text, kind)``: ``"name"`` (a gazetteer entry, said with its
    tones), ``"syllable"`` (said as written) or ``"letter"`` (spelled). A
    one-syllable gazetteer entry keeps its tones only when the label also holds
    a longer entry ("soyte" sở y tế, but "so" alone is said "so").
    """
    n = len(label)
    if n == 0 or n > 60 or label != label.lower():
        return None
    names = gazetteer()
    best: list[tuple[float, list[tuple[str, str]]] | None] = [None] * (n + 1)
    best[n] = (0.0, [])
    for i in range(n - 1, -1, -1):
        options = []
        for j in range(min(n, i + _LONGEST_ENTRY), i, -1):
            spoken = names.get(label[i:j])
            if spoken is not None and best[j] is not None:
                # per syllable, and a little per piece: one longer entry beats two that split it
                cost = _GAZETTEER_COST * len(spoken.split()) + 0.01
                options.append((cost + best[j][0], [(spoken, "name"), *best[j][1]]))
        cost = 1.1 if label[i] in _VOWEL_LETTERS else 1.0
        for j in range(min(n, i + 7), i, -1):
            if best[j] is not None and is_syllable(label[i:j], check_tone=False):
                options.append((cost + best[j][0], [(label[i:j], "syllable"), *best[j][1]]))
        if best[i + 1] is not None:
            options.append((_SPELL_COST + best[i + 1][0], [(label[i], "letter"), *best[i + 1][1]]))
        best[i] = min(options, key=lambda o: o[0]) if options else None
    if best[0] is None:
        return None
    pieces = best[0][1]
    if not any(kind == "name" and " " in text for text, kind in pieces):
        # No longer name to vouch for them: one-syllable names are said as written.
        pieces = [(strip_tones(text), "syllable") if kind == "name" else (text, kind) for text, kind in pieces]
    return tuple(pieces)


def strip_tones(word: str) -> str:
    """ "báo" -> "bao", "đảng" -> "dang": the written form of a toneless address label."""
    base, _ = split_tone(word)
    return base.replace("đ", "d").replace("Đ", "D").translate(_HAT_FREE)


_HAT_FREE = str.maketrans("ăâêôơư", "aaeoou")


@lru_cache(maxsize=1)
def letter_names() -> dict[str, str]:
    return tables.pairs("letters")


@lru_cache(maxsize=1)
def code_letter_names() -> dict[str, str]:
    """Names of letters inside a spelled code: the short L, M, N, R ("lờ", "mờ", "nờ", "rờ")."""
    return {row[0]: row[2] if len(row) > 2 else row[1] for row in tables.rows("letters")}


def letter_name(ch: str, in_code: bool = False) -> str:
    """The Vietnamese name of one letter or digit ("C" -> "xê"); other characters unchanged.

    ``in_code``: the letter is part of a spelled code ("N" in "H5N1" is "nờ",
    a lone initial "N." is "en nờ").
    """
    names = code_letter_names() if in_code else letter_names()
    low = ch.lower()
    if low in names:
        return names[low]
    base, _ = split_tone(low)
    return names.get(base, ch)


def spell(token: str) -> str:
    """Letter by letter with Vietnamese names: "BTGHU" -> "bê tê giê hát u", "CLB" -> "xê lờ bê"."""
    return " ".join(letter_name(ch, in_code=True) for ch in token if ch.isalnum())


def is_caps(word: str) -> bool:
    """Written in capitals: at least two letters, none lowercase."""
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)
