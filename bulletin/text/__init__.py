"""Text preparation: from what is written to what an announcer says.

The public interface used by the rest of the toolkit:

- :func:`repair` turns legacy-encoded (TCVN3, VNI) or decomposed text into
  clean Unicode NFC for display (titles, tags, ``check`` listings).
- :class:`Normalizer` turns display text into the spoken form an engine reads.
- :func:`sentences` splits spoken text at sentence boundaries.
- :func:`count_syllables` counts spoken syllables (for read-time estimates).

The pipeline, per line (paragraph): legacy repair -> Unicode NFC and
whitespace -> station lexicon and built-in expansion rules -> spacing and
punctuation tidy. See docs/normalizer.md.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from bulletin import files
from bulletin.config import Reading
from bulletin.errors import ConfigError
from bulletin.text.expand import Expander
from bulletin.text.legacy import convert_paragraph
from bulletin.text.spoken import count_syllables, sentences
from bulletin.text.tables import rule_descriptions

# A station's own words: hundreds in practice; the caps keep a wrong file from taking the machine.
MAX_LEXICON_BYTES = 2 * files.MB
MAX_LEXICON_ENTRIES = 20_000
MAX_LEXICON_WORD = 200

__all__ = ["Change", "Normalizer", "repair", "load_lexicon", "sentences", "count_syllables"]


@dataclass(frozen=True)
class Change:
    """One rewrite: the original span, what is said instead, and the rule that said so."""

    start: int
    end: int
    original: str
    spoken: str
    rule: str


# Invisible characters Word leaves behind (soft hyphen only after legacy repair
# has had its chance: in TCVN3 it is the letter "ư").
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_WHITESPACE = re.compile(r"\s+")
# A tab between two numbers separates table cells (pasted from Word or a web page):
# a pause, so that "125<TAB>312" is not read as one space-grouped number.
_CELL_BREAK = re.compile(r"(?<=\d)[ \u00a0]*\t\s*(?=\d)")
# Only "\n" separates lines (what the CLI splits on); other breaks are whitespace.
_LINES = re.compile(r"\r?\n")


def _repair_line(line: str, font: str | None) -> tuple[str, str | None]:
    converted, encoding = convert_paragraph(line, font)
    text = unicodedata.normalize("NFC", converted)
    text = _CELL_BREAK.sub(", ", _INVISIBLE.sub("", text))
    return _WHITESPACE.sub(" ", text).strip(), encoding


def repair(text: str, font: str | None = None) -> str:
    """Clean Unicode NFC text with normalized whitespace (legacy TCVN3/VNI converted per paragraph)."""
    lines = (_repair_line(line, font)[0] for line in _LINES.split(text))
    return " ".join(line for line in lines if line)


def _rule_label(rule: str) -> str:
    description = rule_descriptions().get(rule)
    return f"{rule}: {description}" if description else rule


class Normalizer:
    """Spoken form of Vietnamese bulletin text, with the station's reading choices."""

    def __init__(self, reading: Reading | None = None, lexicon: dict[str, str] | None = None):
        self.reading = reading or Reading()
        self.lexicon = dict(lexicon or {})
        self._expander = Expander(self.reading, self.lexicon)
        self._seen: dict[tuple[str, str | None], list] = {}  # check reads each paragraph twice

    @classmethod
    def for_station(cls, station) -> Normalizer:
        return cls(station.reading, load_lexicon(station.lexicon_path))

    def _run(self, text: str, font: str | None) -> list:
        """Per line: (display line, offset in the display text, encoding, expansion result), remembered."""
        key = (text, font)
        found = self._seen.get(key)
        if found is None:
            if len(self._seen) >= 20_000:
                self._seen.clear()
            found = self._seen[key] = list(self._lines(text, font))
        return found

    def _lines(self, text: str, font: str | None):
        offset = 0
        for raw in _LINES.split(text):
            display, encoding = _repair_line(raw, font)
            yield raw, display, offset, encoding, self._expander.expand_line(display)
            offset += len(display) + 1

    def normalize(self, text: str, font: str | None = None) -> str:
        """The spoken form: one output line per input line."""
        return "\n".join(result[0] for _, _, _, _, result in self._run(text, font))

    def explain(self, text: str, font: str | None = None) -> list[Change]:
        """Every rewrite, with its span in the repaired (display) text, lines joined by newlines.

        A legacy-encoded line is reported first as one change covering the line.
        """
        changes: list[Change] = []
        for raw, display, offset, encoding, (_, rewrites, _) in self._run(text, font):
            if encoding:
                changes.append(Change(offset, offset + len(display), raw, display,
                                      _rule_label(f"legacy-{encoding}")))
            for start, end, spoken, rule in rewrites:
                changes.append(Change(offset + start, offset + end, display[start:end], spoken, _rule_label(rule)))
        return changes

    def spelled_tokens(self, text: str, font: str | None = None) -> list[str]:
        """Tokens read letter by letter (likely unknown abbreviations), each once, in order."""
        seen: dict[str, None] = {}
        for *_, (_, _, spelled) in self._run(text, font):
            for token in spelled:
                seen.setdefault(token, None)
        return list(seen)


def load_lexicon(path: Path) -> dict[str, str]:
    """The station lexicon: one ``written<TAB>spoken`` pair per line; ``#`` starts a comment."""
    path = Path(path)
    if not path.exists() and not path.is_symlink():
        return {}
    what = "từ điển riêng (reading.lexicon)"
    text = files.read_text(path, what=what, error=ConfigError, max_bytes=MAX_LEXICON_BYTES)
    entries: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#") or "\t" not in line:
            continue
        written, spoken = line.split("\t", 1)
        written = unicodedata.normalize("NFC", written.strip())
        spoken = unicodedata.normalize("NFC", spoken.strip())
        if len(written) > MAX_LEXICON_WORD or len(spoken) > MAX_LEXICON_WORD:
            raise ConfigError(f"{what}: mục quá dài (tối đa {MAX_LEXICON_WORD} ký tự mỗi bên)",
                              path=path, line=number)
        if written:
            entries[written] = spoken
            if len(entries) > MAX_LEXICON_ENTRIES:
                raise ConfigError(f"{what} có quá nhiều mục (tối đa {MAX_LEXICON_ENTRIES:,}); "
                                  "hãy giữ lại những từ đài thật sự cần".replace(",", "."), path=path, line=number)
    return entries
