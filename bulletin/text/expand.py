"""The expansion step: one pass over a repaired line, rule by rule.

A single precompiled pattern finds the next span some rule may rewrite; the
alternatives are ordered from the most specific (addresses, document symbols,
dates) to the most general (any number, any word, any symbol). The rule's
handler reads the span in context, or declines, in which case the general
number/word/symbol rules read it. Plain words are copied as written.
"""

from __future__ import annotations

import re

from bulletin.text import numeric, wording
from bulletin.text.numeric import NumericRules
from bulletin.text.rulebase import Rewrite
from bulletin.text.wording import WordRules

# Lowercase Vietnamese letters: a run of words made only of these is said as
# written (the common case, skipped in one step).
LOWER = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"

# (name, pattern), tried in this order at each position. "plain" is filled in
# per Expander (it must not swallow loanwords and lowercase abbreviations).
ALTERNATIVES = (
    ("plain", None),
    ("furniture", wording.FURNITURE),
    ("endmark", wording.ENDMARK),
    ("email", wording.EMAIL),
    ("url", wording.URL),
    ("fuel", wording.FUEL),
    ("phone", numeric.PHONE),
    ("vessel", numeric.VESSEL),
    ("plate", numeric.PLATE),
    ("docsym", wording.DOCSYM),
    ("date_range", numeric.DATE_RANGE),
    ("date", numeric.DATE),
    ("time", numeric.TIME),
    ("minus", numeric.MINUS),
    ("dollar", numeric.DOLLAR),
    ("spaced_number", numeric.SPACED_NUMBER),
    ("number", numeric.NUMBER),
    ("roman", wording.ROMAN),
    ("word", wording.WORD),
    ("symbol", wording.SYMBOL),
)


def _master(exclude: list[str]) -> re.Pattern:
    """The scanning pattern; ``exclude``: lowercase words that need a rule (loanwords...)."""
    guard = ""
    if exclude:
        words = "|".join(re.escape(w) for w in sorted(exclude, key=len, reverse=True))
        guard = f"(?!(?:{words})(?![^\\W_]))"
    word = f"{guard}[{LOWER}]{{2,}}"
    plain = rf"(?<![^\W_])(?<![&./,'’@-]){word}(?:\s+{word})*(?![^\W_]|[&./,'’@:-][^\s])"
    patterns = {**dict(ALTERNATIVES), "plain": plain}
    return re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in patterns.items()))


FALLBACK = re.compile(f"(?P<number>{numeric.NUMBER})|(?P<word>{wording.WORD})|(?P<symbol>{wording.SYMBOL})")

_SPACES = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r" (?=[,.;:!?…])")
# A cluster of pause marks: ", ." ",," ". ," (brackets turned into commas next to a stop).
_PUNCT_CLUSTER = re.compile(r"[,.;:!?…](?: ?[,.;:!?…])* ?")
_STRENGTH = {"?": 6, "!": 5, ".": 4, "…": 4, ";": 3, ":": 2, ",": 1}


def _one_pause(m: re.Match) -> str:
    marks = m.group().replace(" ", "")
    if marks in ("...", "…"):
        return "... "
    if len(marks) == 1:
        return marks + " "
    return max(marks, key=_STRENGTH.__getitem__) + " "


def tidy(text: str) -> str:
    """Spacing and punctuation of a spoken line: one space between words, one mark per pause."""
    text = _SPACES.sub(" ", text)
    text = _SPACE_BEFORE_PUNCT.sub("", text)
    text = _PUNCT_CLUSTER.sub(_one_pause, text).strip()
    if text[:1] in (",", ";", ":", ".", "!", "?") and not text.startswith("..."):
        text = text.lstrip(",;:.!? ")
    return text.rstrip(", ")


_LETTER = re.compile(r"[^\W\d_]")
_LOWERCASE = re.compile(f"[{LOWER}]")


def caps_line(line: str) -> bool:
    """Mostly capitals (a heading, a signature block)."""
    letters = len(_LETTER.findall(line))
    return letters >= 8 and len(_LOWERCASE.findall(line)) <= 0.3 * letters


class Expander(NumericRules, WordRules):
    """Rewrites one line into its spoken form, recording each rewrite."""

    def __init__(self, reading, lexicon: dict[str, str] | None = None):
        super().__init__(reading)
        self._line = ""
        self._caps: bool | None = None
        self._handlers = {name: getattr(self, name) for name, _ in ALTERNATIVES if name != "plain"}
        # Words that may need a rule even when written in plain lowercase or Titlecase.
        self._word_keys = frozenset(k.rstrip(".") for k in self.abbreviations) | frozenset(self.abbreviations_upper)
        lowercase_keys = [k for k in self._word_keys | frozenset(self.loanwords) if k.islower() and k.isalpha()]
        self._master = _master(lowercase_keys)
        self.lexicon = {k: v.replace("\n", " ").strip() for k, v in (lexicon or {}).items() if k.strip()}
        self._lexicon_re = None
        # A lexicon entry's spoken form is itself read by the built-in rules (digits, symbols).
        self._lexicon_spoken = {key: self.expand_line(value)[0] for key, value in self.lexicon.items()}
        if self.lexicon:
            keys = sorted(self.lexicon, key=len, reverse=True)
            alternatives = []
            for key in keys:
                before = r"(?<!\w)" if key[0].isalnum() else ""
                after = r"(?!\w)" if key[-1].isalnum() else ""
                alternatives.append(before + re.escape(key) + after)
            first = "".join(sorted({re.escape(k[0]) for k in keys}))
            self._lexicon_re = re.compile(f"(?=[{first}])(?:" + "|".join(alternatives) + ")")

    @property
    def _line_caps(self) -> bool:
        if self._caps is None:
            self._caps = caps_line(self._line)
        return self._caps

    def _plain(self, token: str) -> bool:
        """A word said as written: lowercase or Titlecase letters, no rule can apply."""
        return (len(token) > 1 and token.isalpha() and token[1:].islower()
                and token not in self._word_keys and token.upper() not in self._word_keys
                and token.lower() not in self.loanwords)

    def _rewrite(self, line: str, m: re.Match) -> Rewrite:
        result = self._handlers[m.lastgroup](line, m)
        if result is not None:
            return result
        fb = FALLBACK.match(line, m.start())
        if fb is None:
            return Rewrite(m.start() + 1, line[m.start()], "")
        return getattr(self, fb.lastgroup)(line, fb)

    def expand_line(self, line: str) -> tuple[str, list[tuple[int, int, str, str]], list[str]]:
        """(spoken line, [(start, end, spoken, rule)], spelled tokens) for one repaired line."""
        self._line = line
        self._caps = None
        out: list[str] = []
        changes: list[tuple[int, int, str, str]] = []
        spelled: list[str] = []
        lex = list(self._lexicon_re.finditer(line)) if self._lexicon_re is not None else []
        li = 0
        pos, n = 0, len(line)
        while pos < n:
            while li < len(lex) and lex[li].start() < pos:
                li += 1
            limit = lex[li].start() if li < len(lex) else n
            m = self._master.search(line, pos, limit) if pos < limit else None
            if m is None:
                out.append(line[pos:limit])
                pos = limit
                if li < len(lex):
                    hit = lex[li]
                    spoken = self._lexicon_spoken[hit.group()]
                    out.append(f" {spoken} ")
                    changes.append((hit.start(), hit.end(), spoken, "lexicon"))
                    pos = hit.end()
                    li += 1
                continue
            out.append(line[pos:m.start()])
            kind = m.lastgroup
            if kind == "plain" or (kind == "word" and self._plain(m.group())):
                out.append(m.group())
                pos = m.end()
                continue
            rw = self._rewrite(line, m)
            end = max(rw.end, m.start() + 1)
            original = line[m.start():end]
            if rw.spoken == original:
                out.append(original)
            else:
                # Spaces keep a rewrite apart from its neighbours ("20ha" -> "hai mươi héc ta");
                # tidy() removes the extra ones.
                out.append(f" {rw.spoken} " if rw.spoken[:1].isalnum() else rw.spoken)
                changes.append((m.start(), end, rw.spoken.strip(), rw.rule or "symbol"))
            spelled += rw.spelled
            pos = end
        return tidy("".join(out)), changes, spelled
