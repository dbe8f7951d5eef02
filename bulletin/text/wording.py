"""Rules for words and symbols: abbreviations, letters, Roman numerals,
document symbols, web and e-mail addresses, symbols and document furniture."""

from __future__ import annotations

import re

from bulletin.text.numbers import digits, roman_value
from bulletin.text.numeric import address_dash
from bulletin.text.rulebase import CUA, QUY, SO, THU, Rewrite, RuleBase
from bulletin.text.vietnamese import (
    gazetteer,
    is_caps,
    is_syllable,
    letter_name,
    read_web_label,
    spell,
    split_tone,
    tone_key,
)

WORD = r"[^\W\d_](?:[^\W_]|['’](?=[^\W\d_])|[&./,-](?=[^\W_]))*"
ROMAN = r"(?<![\w])[IVXLCDM]+(?![\w])"
# "1520 /TTr-UBND", "219/TTr- SNV": a stray space before the slash after the number, or after a
# dash before a part in capitals, is part of the symbol.
DOCSYM = (r"(?<![\w/])(?:\d+[a-z]?(?:\.\d{3})*(?:/\d{4})? ?)?[-/]"
          r"[A-ZĐ][A-Za-zĐđƠơƯư0-9]*(?:[-/&](?: (?=[A-ZĐ]{2}))?[A-ZĐ][A-Za-zĐđƠơƯư0-9]*)*")
EMAIL = r"[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
URL = (r"(?:https?://|www\.)[^\s<>\"'()\[\]{}]+"
       r"|(?<![\w@.])[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.(?:vn|com|net|org|gov|edu|int|info|biz)"
       r"(?![\w-])(?:/[^\s<>\"'()\[\]{}]*)?")
FURNITURE = r"^\s*(?:(?:[•●▪◦○■□►➢✓✔*]|[-+–—](?!\d))+\s*)+"
ENDMARK = r"\.?/+\.+"
# Fuel grades: "RON 95-III", "RON95-III", "E5 RON 92-II", "E5RON92": the octane number,
# then the emission level (a Roman numeral or a digit).
FUEL = r"(?<![\w])(?:E\d{1,2}\s?)?RON\s?\d{2,3}(?:\s?[-–]\s?(?:IV|V|I{1,3}|[1-5]))?(?![\w])"
_FUEL = re.compile(r"(?:E(\d{1,2})\s?)?RON\s?(\d{2,3})(?:\s?[-–]\s?(IV|V|I{1,3}|[1-5]))?")
SYMBOL = r"[^\w\s.,;:!?]"

_DOCSYM = re.compile(r"(?:(\d+[a-z]?(?:\.\d{3})*)(?:/(\d{4}))? ?)?[-/](.+)")
# Letters, a number (with its thousands dots or decimal comma: "hộ/3.850 khẩu"), a symbol.
_PIECES = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)*|[^\w]")
_YEAR_AFTER = re.compile(r"\s*[/-]\s*(\d{4})(?!\d)")
# "Quý III - IV/2024", "thế kỷ XIX - XX": a second numeral after a dash ends a range.
_ROMAN_RANGE = re.compile(r"\s*[-–]\s*([IVX]+)(?!\w)")
_RAW_WORD = re.compile(r"[^\W\d_]+")
# A chemical formula's letters: element symbols, one capital and at most one small letter each.
_FORMULA = re.compile(r"(?:[A-Z][a-z]?)+")
_VOWELS = frozenset("aăâeêioôơuưy")
_URL_TRAIL = ".,;:!?)>]}'\""
_BRACKETED = re.compile(r"\s*([^\W\d_][^\s()]{0,14})\s*\)")
_DATE_AHEAD = re.compile(r"\s*\d+[/.-]\d")
_BRACKETED_WORDS = re.compile(r"([^()]{1,60}?)\)")
# A crop variety code: "ĐV108", "NK7328", "TBR225".
_VARIETY = re.compile(r"([A-ZĐ]{1,4})(\d{1,5})")
_LAST_TOKEN = re.compile(r"(\S+)\s*$")
_MIDDLE_NAMES = frozenset({"Văn", "Thị"})
# "Thứ 2 - Thứ 6", "T2 - T6", "thứ Hai – Chủ nhật": a dash between weekdays is "đến".
_WEEKDAY_BEFORE = re.compile(r"(?:\b[Tt]hứ\s+(?:[2-7]|[Hh]ai|[Bb]a|[Tt]ư|[Nn]ăm|[Ss]áu|[Bb]ảy)|\bT[2-7])\s*$")
_WEEKDAY_AFTER = re.compile(r"\s*(?:[Tt]hứ\b|T[2-7]\b|[Cc]hủ\s+[Nn]hật\b|CN\b)")
# "Ngày/tháng/năm sinh": slashes between the parts of a date label are not said.
_DATE_LABEL = frozenset({tone_key("ngày"), tone_key("tháng"), tone_key("năm")})
_NAME_BEFORE = re.compile(r"(?<![^\W\d_])[^\W\d_a-zđ][^\W\d_]+\s+$")


_LATIN_CAPS = re.compile(r"[A-Z]+")
_JOINT_TYPES = frozenset({"TTLT", "NQLT"})
_TIMES_TOKEN = re.compile(r"x(\d+(?:[.,]\d+)?)")
_NUMBER_OR_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
_CAPS_NAME = re.compile(r"[A-Z]+(?:-[A-Z]+)+")
# The words on either side of a word in capitals ("HAPPY NEW YEAR").
_CAPS_BEFORE = re.compile(r"(?<![\w])([A-Z]{3,})\s+$")
_CAPS_AFTER = re.compile(r"\s+([A-Z]{3,})(?![\w])")
# "bão số 5 (NESAT)", "bão số 3 - YAGI": a storm's number, then its name.
_STORM_NUMBER = re.compile(r"(?i:bão)\s+(?i:số)\s+\d{1,2}\s*[(,:–-]?\s*$")
_ENGLISH_ONSETS = frozenset(
    "b bl br c ch cl cr d dr f fl fr g gl gr h j k kl kn kr l m n p ph pl pr qu r s sc sch sh sk sl sm sn sp "
    "spl spr st str sw t th thr tr tw v w wh wr x y z".split())
_VOWELS_LATIN = frozenset("AEIOUY")


def pronounceable(token: str, vowel_share: float = 0.3) -> bool:
    """A word in Latin capitals that can be read as a word: vowels enough, an onset English
    or Vietnamese readers know, no run of more than two consonants inside ("NORU", "WIPHA",
    "MARATHON"; not "EVNSPC", "PVOIL", "HCDC")."""
    word = token.upper()
    vowels = sum(ch in _VOWELS_LATIN for ch in word)
    if len(word) < 3 or vowels < len(word) * vowel_share:
        return False
    onset = re.match(r"[^AEIOUY]*", word).group().lower()
    if onset and onset not in _ENGLISH_ONSETS:
        return False
    inner = re.findall(r"[^AEIOUY]+", word[len(onset):])
    tail = inner.pop() if inner and word[-1] not in _VOWELS_LATIN else ""
    if any(len(run) > 2 and not (len(run) == 3 and ("H" in run or run[-1] in "RL")) for run in inner):
        return False
    return len(tail) <= 3


def _keep(end: int, text: str) -> Rewrite:
    return Rewrite(end, text, "")


class WordRules(RuleBase):
    """Handlers for word-like spans; mixed into the Expander."""

    # -- words and abbreviations ---------------------------------------------------
    def word(self, line: str, m: re.Match) -> Rewrite:
        token = m.group()
        if "'" in token or "’" in token:
            return _keep(m.end(), token)  # names such as "K'Ho", "Ea H'leo"
        if token.isalpha():
            return self._simple_word(line, m.start(), m.end(), token)
        return self._compound(line, m.start(), m.end(), token)

    @staticmethod
    def _keep_stop(entry, following: str) -> str:
        """A dotted abbreviation that ends the line, or ("v.v.") is followed by a
        capital, also ends the sentence; one that announces a name ("TS.") does not."""
        rest = following[1:].strip(" \"”')")
        if not rest or (not entry.condition and rest[:1].isupper()):
            return entry.spoken + "."
        return entry.spoken

    def _prev_raw_word(self, line: str, start: int) -> str:
        words = _RAW_WORD.findall(line, max(0, start - 40), start)
        return words[-1] if words else ""

    @staticmethod
    def _name_before(line: str, start: int) -> bool:
        """A capitalized word right before ``start`` (only spaces between): "Nguyễn V." is an initial."""
        before = _NAME_BEFORE.search(line, max(0, start - 40), start)
        return before is not None

    def _syllable_in_caps_line(self, token: str) -> bool:
        return self._line_caps and is_syllable(token)

    def _bracket_repeats(self, line: str, start: int, token: str) -> bool:
        """ "thông tin đối ngoại (TTĐN)": the bracketed abbreviation only repeats the words before it."""
        prev = self.prev_words(line, start, 1)
        spoken = self.lookup(token, prev[-1] if prev else "", line[start:])
        if not spoken:
            return self._initials_repeat(line, start, token)
        words = [tone_key(w) for w in spoken.replace(",", " ").split()]
        if self.prev_words(line, start, len(words)) == words:
            return True
        # "BH thất nghiệp (BHTN)": the words before may themselves be abbreviated
        said: list[str] = []
        for found in list(_RAW_WORD.finditer(line, max(0, start - 60), start))[-len(words):]:
            raw = found.group()
            expansion = self.lookup(raw, "", line[found.end():]) if is_caps(raw) and len(raw) > 1 else ""
            said += [tone_key(w) for w in (expansion or raw).replace(",", " ").split()]
        return said[-len(words):] == words

    @staticmethod
    def _initials_repeat(line: str, start: int, token: str) -> bool:
        """ "đơn vị hành chính (ĐVHC)": an unknown abbreviation made of the initials of the
        words right before the brackets."""
        if not is_caps(token) or not token.isalpha() or not 3 <= len(token) <= 8:
            return False
        words = _RAW_WORD.findall(line, max(0, start - 80), start)[-len(token):]
        if len(words) < len(token):
            return False
        initials = "".join(split_tone(w[0])[0].upper() for w in words)
        return initials == token

    def _bracket_expands(self, line: str, start: int, inside: str) -> bool:
        """ "UBND (Ủy ban nhân dân)": the brackets only spell out the abbreviation before them."""
        before = _LAST_TOKEN.search(line, 0, start)
        if not before:
            return False
        spoken = self.lookup(before.group(1), "", line[start:])
        return bool(spoken) and [tone_key(w) for w in spoken.replace(",", " ").split()] == [
            tone_key(w) for w in _RAW_WORD.findall(inside)]

    def _simple_word(self, line: str, start: int, end: int, token: str) -> Rewrite:
        prev = self.prev_words(line, start, 1)
        prev_key = prev[-1] if prev else ""
        following = line[end:]
        if len(token) == 1:
            return self._letter(line, start, end, token, prev_key)
        if following.startswith("."):
            entry = self.lookup_entry(token + ".", prev_key, following[1:])
            if entry is not None:
                return Rewrite(end + 1, self._keep_stop(entry, following), "abbreviation")
        spoken = self.lookup(token, prev_key, following)
        if spoken is not None and not self._syllable_in_caps_line(token):
            return Rewrite(end, spoken, "abbreviation")
        loan = self.loanwords.get(token.lower())
        if loan is not None:
            return Rewrite(end, loan, "loanword")
        if token.islower() or (token[0].isupper() and token[1:].islower()):
            key = self.abbreviations_upper.get(token.upper())
            if key and not is_syllable(token):
                spoken = self.lookup(key, prev_key, following)
                if spoken is not None:
                    return Rewrite(end, spoken, "abbreviation")
            return _keep(end, token)
        if is_caps(token):
            if is_syllable(token):
                return _keep(end, token)
            split = self._code_and_place(token)
            if split is not None:
                return Rewrite(end, split, "abbreviation")
            if self._word_in_capitals(line, start, end, token):
                return Rewrite(end, token.capitalize(), "loanword")  # "bão YAGI" is bão Yagi
            return Rewrite(end, spell(token), "spell", (token,))
        if _FORMULA.fullmatch(token) and sum(ch.isupper() for ch in token) >= 2:
            # "KCl", "NaCl", "CaCO3": a chemical formula, element by element, letter by letter
            return Rewrite(end, spell(token), "spell", (token,))
        return _keep(end, token)

    def _storm_name(self, line: str, start: int) -> bool:
        """Right after "bão", "bão số 3 (", "tên quốc tế (là)": a storm's name."""
        if self.after_cue(line, start, "storm_before"):
            return True
        before = line[max(0, start - 30):start]
        return bool(_STORM_NUMBER.search(before))

    def _word_in_capitals(self, line: str, start: int, end: int, token: str) -> bool:
        """A name or English word written in capitals, said as a word, not spelled: a storm's
        name ("YAGI", "NORU"), a long pronounceable word ("MARATHON"), a phrase of such words
        ("HAPPY NEW YEAR")."""
        if not _LATIN_CAPS.fullmatch(token):
            return False
        if self._storm_name(line, start):
            return pronounceable(token, vowel_share=0.2)
        if not pronounceable(token):
            return False
        if len(token) >= 6:
            return True
        before = _CAPS_BEFORE.search(line, max(0, start - 20), start)
        after = _CAPS_AFTER.match(line, end)
        neighbours = [m.group(1) for m in (before, after) if m]
        words = [w for w in neighbours
                 if not is_syllable(w) and w not in self.abbreviations and pronounceable(w)]
        return bool(words) and max(len(w) for w in words + [token]) >= 4

    def _code_and_place(self, token: str) -> str | None:
        """ "EVNHANOI": a known code glued to a place name (e vê nờ hà nội)."""
        for cut in range(len(token) - 4, 1, -1):
            head, tail = token[:cut], token[cut:].lower()
            place = gazetteer().get(tail)
            if place and " " in place:
                code = self.abbreviations.get(head)
                if code:
                    return f"{code[-1].spoken} {place}"
        return None

    def _letter(self, line: str, start: int, end: int, token: str, prev_key: str) -> Rewrite:
        following = line[end:]
        dotted = following.startswith(".")
        prev_raw = self._prev_raw_word(line, start)
        initial = self._name_before(line, start)
        if dotted and not initial:
            spoken = self.lookup(token + ".", prev_key, following[1:])
            if spoken is not None:
                return Rewrite(end + 1, spoken, "abbreviation")
        vowel = split_tone(token.lower())[0] in _VOWELS  # "ở", "ý" are words
        spoken = token if vowel else letter_name(token)
        if dotted and token.isupper() and prev_raw and following[1:].strip(" \"”'),;") != "":
            return Rewrite(end + 1, spoken, "letter")  # an initial: "Nguyễn V. Nam"
        return Rewrite(end, spoken, "" if vowel else "letter")

    def _piece(self, piece: str, prev_key: str, following: str) -> tuple[str, str, tuple[str, ...]]:
        """One letters-or-digits piece inside a compound token: (spoken, rule, spelled)."""
        if piece.isdecimal():
            return self.reader.cardinal(int(piece)), "number", ()
        if piece[0].isdecimal():
            return self.reader.written(piece), "number", ()
        if len(piece) == 1:
            return letter_name(piece, in_code=True), "letter", ()
        spoken = self.lookup(piece, prev_key, following)
        if spoken is not None:
            return spoken, "abbreviation", ()
        loan = self.loanwords.get(piece.lower())
        if loan is not None:
            return loan, "loanword", ()
        if is_caps(piece) and not is_syllable(piece):
            return spell(piece), "spell", (piece,)
        return piece, "", ()

    def _per_noun(self, line: str, start: int, before: str, after: str) -> bool:
        """ "3 cán bộ/thôn": a counted noun per unit is "trên"; "12 xã/phường" lists two kinds."""
        if tone_key(after) not in self.cues["per_target"] or tone_key(before) in self.cues["per_target"]:
            return False
        return any(w.isdecimal() for w in _NUMBER_OR_WORD.findall(line, max(0, start - 30), start)[-3:])

    def _compound(self, line: str, start: int, end: int, token: str) -> Rewrite:
        times = _TIMES_TOKEN.fullmatch(token)
        if times:
            return Rewrite(end, f"nhân {self.reader.written(times.group(1))}", "unit")  # "x2": nhân hai
        prev = self.prev_words(line, start, 1)
        prev_key = prev[-1] if prev else ""
        following = line[end:]
        variety = _VARIETY.fullmatch(token)
        if variety and self.after_cue(line, start, "variety_before"):
            letters, number = variety.groups()
            return Rewrite(end, f"{spell(letters)} {self.reader.cardinal(int(number))}", "spell")
        if following.startswith("."):
            entry = self.lookup_entry(token + ".", prev_key, following[1:])
            if entry is not None:
                return Rewrite(end + 1, self._keep_stop(entry, following), "abbreviation")
        spoken = self.lookup(token, prev_key, following)
        if spoken is not None:
            return Rewrite(end, spoken, "abbreviation")
        loan = self.loanwords.get(token.lower())
        if loan is not None:
            return Rewrite(end, loan, "loanword")

        if _CAPS_NAME.fullmatch(token) and self._storm_name(line, start) and all(
                pronounceable(p, vowel_share=0.2) for p in token.split("-")):
            return Rewrite(end, "-".join(p.capitalize() for p in token.split("-")), "loanword")  # "KONG-REY"
        pieces = _PIECES.findall(token)
        out: list[str] = []
        rules: list[str] = []
        spelled: list[str] = []
        i = 0
        while i < len(pieces):
            piece = pieces[i]
            if not piece.isalnum() and not piece[0].isdecimal():
                nxt = pieces[i + 1] if i + 1 < len(pieces) else ""
                before = pieces[i - 1] if i else ""
                if piece == "&":
                    out.append("và")
                elif piece == "/" and tone_key(before) in _DATE_LABEL and tone_key(nxt) in _DATE_LABEL:
                    pass
                elif piece == "/":
                    unit_with_digit = nxt + (pieces[i + 2] if i + 2 < len(pieces) else "")
                    if unit_with_digit in self.per_units and unit_with_digit != nxt:
                        out += ["trên", self.per_units[unit_with_digit]]
                        i += 3
                        rules.append("unit")
                        continue
                    if nxt in self.per_units:
                        out += ["trên", self.per_units[nxt]]
                        i += 2
                        rules.append("unit")
                        continue
                    if (nxt[:1].isdecimal() or tone_key(before) in self.cues["per_word"] or before in self.units
                            or self._per_noun(line, start, before, nxt)):
                        out.append("trên")
                elif piece == "." and before.isalpha() and len(before) > 1 and is_syllable(before) \
                        and not is_caps(before) and nxt[:1].isupper():
                    out[-1] += "."  # a sentence end typed without a space: "Thành.Các"
                elif piece == ",":
                    if out:
                        out[-1] += ","
                i += 1
                continue
            # The longest run of pieces that is a dictionary entry ("TT&TT" in "VH-TT&TT").
            for j in range(len(pieces), i + 1, -1):
                if not pieces[j - 1].isalnum():
                    continue
                key = "".join(pieces[i:j])
                found = self.lookup(key, prev_key, "".join(pieces[j:]) + following)
                if found is not None:
                    out.append(found)
                    rules.append("abbreviation")
                    prev_key = tone_key(pieces[j - 1])
                    i = j
                    break
            else:
                rest = "".join(pieces[i + 1:]) + following
                dotted = (self.lookup(piece + ".", prev_key, "".join(pieces[i + 2:]) + following)
                          if piece.isalpha() and i + 2 < len(pieces) and pieces[i + 1] == "." else None)
                if dotted is not None:
                    # "Q.1", "P.Hải Châu", "H.Nhà Bè": quận, phường, huyện written against the name
                    out.append(dotted)
                    rules.append("abbreviation")
                    prev_key = tone_key(piece)
                    i += 2
                    continue
                if piece[0] == "0" and len(piece) > 1 and piece.isdecimal() and i and pieces[i - 1].isalpha():
                    spoken, rule, spelled_here = digits(piece), "digits", ()  # a code: "A00" = a không không
                else:
                    spoken, rule, spelled_here = self._piece(piece, prev_key, rest)
                out.append(spoken)
                rules.append(rule)
                spelled += spelled_here
                prev_key = tone_key(piece)
                i += 1
        rule = next((r for r in ("spell", "abbreviation", "unit", "loanword", "letter", "number") if r in rules),
                    "symbol")
        return Rewrite(end, " ".join(out), rule, tuple(spelled))

    # -- Roman numerals ---------------------------------------------------------------
    def roman(self, line: str, m: re.Match) -> Rewrite | None:
        token = m.group()
        value = roman_value(token)
        if value is None:
            return None
        cue = self.after_cue(line, m.start(), "roman_before")
        heading = (not line[:m.start()].strip() and line[m.end():m.end() + 1] in (".", ")", "-", ":")
                   and set(token) <= {"I", "V", "X"})
        # "Tam Xuân I": a lone I after a name is a number (place names do not end in "I"),
        # but after the middle names Văn, Thị it is a person's initial ("Nguyễn Văn I").
        prev_raw = self._prev_raw_word(line, m.start())
        # A dot that ends the line ends the sentence: "Trường Tiểu học Tam Xuân I." is số một.
        after_name = token == "I" and prev_raw[:1].isupper() and prev_raw not in _MIDDLE_NAMES \
            and (not line.startswith(".", m.end()) or not line[m.end() + 1:].strip(" \"”’')"))
        # II, XIV... need no context, but "XI", "VI" in a capitals heading are words ("XI MĂNG").
        free = len(token) >= 2 and set(token) <= {"I", "V", "X"} and not self._syllable_in_caps_line(token)
        if not (cue or heading or after_name or free):
            return None
        spoken = self.reader.ordinal(value) if cue == THU else self.reader.cardinal(value)
        end = m.end()
        upper = _ROMAN_RANGE.match(line, end) if cue else None
        if upper and (roman_value(upper.group(1)) or 0) > value:
            spoken = f"{spoken} đến {self.reader.cardinal(roman_value(upper.group(1)))}"
            end = upper.end()
        year = _YEAR_AFTER.match(line, end)
        if year and cue:
            return Rewrite(year.end(), f"{spoken} năm {self.reader.cardinal(int(year.group(1)))}",
                           "quarter" if cue == QUY else "roman")
        return Rewrite(end, spoken, "roman")

    # -- fuel grades ------------------------------------------------------------------
    def fuel(self, line: str, m: re.Match) -> Rewrite:
        """ "E5 RON 92-II" -> e năm ron chín mươi hai hai."""
        ethanol, octane, level = _FUEL.fullmatch(m.group()).groups()
        words = [f"e {self.reader.cardinal(int(ethanol))}"] if ethanol else []
        words += ["ron", self.reader.cardinal(int(octane))]
        if level:
            words.append(self.reader.cardinal(int(level) if level.isdecimal() else roman_value(level)))
        return Rewrite(m.end(), " ".join(words), "unit")

    # -- document symbols ------------------------------------------------------------
    def _issuer(self, code: str) -> tuple[str, tuple[str, ...]]:
        codes = self.doc_codes
        for kind in ("issuer", "unit", "sector"):
            if code in codes.get(kind, {}):
                return codes[kind][code], ()
        numbered = re.fullmatch(r"([A-ZĐ][A-Za-zĐđ]*?)(\d+)", code)
        if numbered:
            letters, number = numbered.groups()
            name, spelled = self._issuer(letters)
            khoa = " khóa" if letters == "QH" else ""
            return f"{name}{khoa} {self.reader.cardinal(int(number))}", spelled
        for prefix, name in codes.get("prefix", {}).items():
            rest = code[len(prefix):]
            if code.startswith(prefix) and rest in codes.get("sector", {}):
                return f"{name} {codes['sector'][rest]}", ()
        entries = self.abbreviations.get(code)
        if entries:
            return entries[-1].spoken, ()
        return spell(code), (code,)

    def _type_said(self, line: str, start: int, doc_type: str) -> bool:
        """The words before already name the document: its own type ("Công văn số 179-CV/…"),
        or a type written out right before the symbol ("Quy định 37-QĐ/TW", where the Party's
        QĐ is a quy định)."""
        before = self.prev_words(line, start, 6)
        if " ".join(tone_key(w) for w in doc_type.split()) in " ".join(before):
            return True
        if before and before[-1] == SO:
            before.pop()
        return any(" ".join(before[-size:]) in self.doc_type_names for size in (1, 2, 3) if len(before) >= size)

    def docsym(self, line: str, m: re.Match) -> Rewrite | None:
        parsed = _DOCSYM.fullmatch(m.group())
        if not parsed:
            return None
        number, year, code = parsed.groups()
        parts = [p.strip() for p in re.split(r"[-/&]", code) if p.strip()]
        prev = self.prev_words(line, m.start(), 1)
        if not number and not (prev and prev[-1] == SO):
            return None
        if not any(sum(ch.isalpha() for ch in p) >= 2 for p in parts):
            return None
        head = []
        if number:
            suffix = number[-1] if number[-1].isalpha() else ""  # "12a/QĐ-UBND"
            head.append(self.reader.written(number.rstrip(suffix) if suffix else number))
            if suffix:
                head.append(letter_name(suffix))
        if year:
            head += ["năm", self.reader.cardinal(int(year))]
        style = self.reading.document_symbols
        if style == "number" and head:
            return Rewrite(m.end(), " ".join(head), "docsym")
        if style == "spell" or (style == "number" and not head):
            return Rewrite(m.end(), " ".join(head + [spell(p) for p in parts]), "docsym")

        types = self.doc_codes.get("type", {})
        doc_type = types.get(parts[0]) if parts else None
        issuers = parts[1:] if doc_type else parts
        # Only a joint document ("TTLT-BTC-BNN") has several issuers; otherwise the parts after
        # the issuer name the drafting department ("UBND-KTHT", "SYT-NVY"), which is not said.
        if not (doc_type and parts[0] in _JOINT_TYPES):
            issuers = issuers[:1]
        spelled: list[str] = []
        names: list[str] = []
        for part in issuers:
            if part in self.doc_codes.get("unit", {}) and names:
                continue
            name, spelled_here = self._issuer(part)
            names.append(name)
            spelled += spelled_here
        words = list(head)
        if doc_type and not self._type_said(line, m.start(), doc_type):
            words.append(doc_type)
        if names and CUA not in self.next_words(line, m.end(), 10):
            words += ["của", " và ".join(names)]
        return Rewrite(m.end(), " ".join(words), "docsym", tuple(spelled))

    # -- web and e-mail addresses -------------------------------------------------
    def _address_part(self, part: str) -> tuple[str, tuple[str, ...]]:
        low = part.lower()
        if low in self.web_words:
            return self.web_words[low], ()
        if part.isdecimal():
            return digits(part), ()
        pieces = read_web_label(low) if low.isalpha() else None
        if pieces:
            return " ".join(letter_name(text, in_code=True) if kind == "letter" else text
                            for text, kind in pieces), ()
        return spell(part), ()

    def _address(self, text: str) -> str:
        words = []
        for piece in re.findall(r"[A-Za-z]+|\d+|[^A-Za-z\d]", text):
            if piece.isalnum():
                words.append(self._address_part(piece)[0])
            elif piece in self.web_words:
                words.append(self.web_words[piece])
        return " ".join(w for w in words if w)

    def url(self, line: str, m: re.Match) -> Rewrite | None:
        text = m.group()
        end = m.end()
        while text and text[-1] in _URL_TRAIL:
            text, end = text[:-1], end - 1
        body = re.sub(r"^https?://", "", text).rstrip("/")
        if not body:
            return None
        return Rewrite(end, self._address(body), "url")

    def email(self, line: str, m: re.Match) -> Rewrite:
        local, _, domain = m.group().partition("@")
        spoken = f"{self._address(local)} {self.web_words['@']} {self._address(domain)}"
        return Rewrite(m.end(), spoken, "email")

    # -- symbols and furniture ---------------------------------------------------
    def furniture(self, line: str, m: re.Match) -> Rewrite:
        return Rewrite(m.end(), "", "furniture")

    def endmark(self, line: str, m: re.Match) -> Rewrite:
        return Rewrite(m.end(), ".", "furniture")

    def symbol(self, line: str, m: re.Match) -> Rewrite:
        ch = m.group()
        before = line[:m.start()].rstrip()[-1:]
        after = line[m.end():].lstrip()[:1]
        between_numbers = before.isdecimal() and after.isdecimal()
        if ch == "(":
            inner = _BRACKETED.match(line, m.end())
            if inner and self._bracket_repeats(line, m.start(), inner.group(1)):
                return Rewrite(inner.end(), "", "abbreviation")
            words = _BRACKETED_WORDS.match(line, m.end())
            if words and self._bracket_expands(line, m.start(), words.group(1)):
                return Rewrite(words.end(), "", "abbreviation")
        if ch in "-–—−":
            if between_numbers and address_dash(line, m.start(), m.end()):
                return Rewrite(m.end(), ", ", "symbol")
            if between_numbers and not _DATE_AHEAD.match(line, m.end()):
                return Rewrite(m.end(), " đến ", "range")
            if _WEEKDAY_AFTER.match(line, m.end()) and _WEEKDAY_BEFORE.search(line, max(0, m.start() - 12), m.start()):
                return Rewrite(m.end(), " đến ", "range")
            # A spaced en or em dash sets words apart ("Trần Văn Tân – Phó Bí thư"): a pause.
            # A hyphen joins them ("kinh tế - xã hội"): nothing is said.
            spaced = line[m.start() - 1:m.start()].isspace() and line[m.end():m.end() + 1].isspace()
            after_quote = before in "\"”’»)"
            return Rewrite(m.end(), ", " if (ch in "–—" and spaced) or (spaced and after_quote and before)
                           else " ", "symbol")
        if ch == "/":
            prev = self.prev_words(line, m.start(), 1)
            per = between_numbers or (prev and prev[-1] in self.cues["per_word"]) or (
                after.isdecimal() and any(w.isdecimal() for w in self.prev_words(line, m.start(), 3)))
            # "6 lớp/ 205 trẻ": a count over a count
            return Rewrite(m.end(), " trên " if per else " ", "symbol")
        if ch in "<>≤≥" and not after.isdecimal():
            return Rewrite(m.end(), " ", "symbol")
        if ch == "+" and not after.isdecimal():
            return Rewrite(m.end(), " ", "symbol")
        if ch == "…":
            return Rewrite(m.end(), "...", "symbol")
        spoken = self.symbols.get(ch, "")
        if spoken == ",":
            return Rewrite(m.end(), ", ", "symbol")
        return Rewrite(m.end(), f" {spoken} " if spoken else " ", "symbol")
