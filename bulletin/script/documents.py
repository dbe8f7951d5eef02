"""Scripts from the documents operators actually receive: plain text and Word.

The bulletin title is the Word "Title" paragraph, or the subject under an
administrative document type ("BÁO CÁO" / its subject), or the document's title
property, or the first line. The paperwork of an official document (issuing
body, motto, number, date, recipients, signature) is not read (see
:mod:`bulletin.script.paperwork`), nor is a pasted web page's furniture (dateline,
source tag, byline, share bar, links, captions: :mod:`bulletin.script.furniture`).
Word heading styles, Word's automatic numbering and typed numbered lines ("1. …",
"I. …") start items; other paragraphs are speech. A Word body is read in order,
tables where they stand (:mod:`bulletin.script.tables`). Directive lines
(``@audio …``) work here too. Every line left out is kept in ``Script.skipped``
with the reason, for ``check`` and ``convert``.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from bulletin import text as textprep
from bulletin.config import Station
from bulletin.errors import ScriptError
from bulletin.script.docx_guard import check_docx
from bulletin.script.furniture import KINDS as FURNITURE_KINDS
from bulletin.script.furniture import find_furniture
from bulletin.script.model import Script, ScriptBuilder, Skipped, meta_from_dict, read_source
from bulletin.script.paperwork import find_layout
from bulletin.script.tables import read_table

# "1. Công tác…", "2) …", "I. …", "IV - …": a short line with a number in front.
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}|[IVXLC]{1,6})\s*[.)\-–:]\s+(\S.*)$")
_MAX_HEADING_CHARS = 150


def _is_numbered_heading(line: str) -> bool:
    m = _NUMBERED.match(line)
    # A numbered heading is short and is not a finished sentence.
    return m is not None and _is_heading_text(m.group(1))


def _decode_text(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    # Legacy-font text saved as "ANSI": the bytes are TCVN3/VNI code points
    # read through cp1252; text.repair converts them back to Vietnamese.
    return data.decode("cp1252", errors="replace")


@dataclass(frozen=True)
class _Line:
    """One non-empty line (.txt) or paragraph (.docx) of a document."""

    number: int
    raw: str  # as written (legacy encodings still in place)
    text: str  # repaired display text
    font: str | None = None
    heading: bool = False  # a Word heading style, or an auto-numbered heading
    title_style: bool = False  # the Word "Title" style
    table: bool = False  # from a table: its own paragraph, never the title nor a numbered heading
    skip: str = ""  # not read at all: the Skipped kind ("table", "direction")
    label: str = ""  # what a skipped line is, for check


def parse_text(path: Path, station: Station) -> Script:
    """A plain-text bulletin: title on the first line, numbered lines start items."""
    data = read_source(path)
    lines = [
        _Line(number, raw.strip(), textprep.repair(raw))
        for number, raw in enumerate(_decode_text(path, data).splitlines(), start=1)
        if raw.strip()
    ]
    if not lines:
        raise ScriptError("tệp văn bản trống", path=path)
    return _assemble(path, station, lines, data, joins_lines=True)


def parse_docx(path: Path, station: Station) -> Script:
    """A Word bulletin: the title, heading styles or numbered lines for items, paragraphs and tables in order."""
    import docx  # python-docx; imported here so other formats do not pay for it
    from docx.opc.exceptions import PackageNotFoundError

    data = read_source(path)
    check_docx(path, data)  # encrypted, damaged, zip bomb, too many paragraphs: refused before python-docx
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ScriptError(
            "không mở được tệp Word (.docx); tệp có thể bị hỏng hoặc không phải .docx thật", path=path
        ) from exc
    lines = word_lines(document)
    if not any(not line.skip for line in lines):
        raise ScriptError("tài liệu Word trống", path=path)
    core_title = textprep.repair(document.core_properties.title or "")
    return _assemble(path, station, lines, data, core_title=core_title)


def word_lines(document) -> list[_Line]:
    """The body of a Word document in reading order: paragraphs and tables as they come.

    Paragraph numbers (counting those inside tables) stand in for line numbers in messages.
    """
    from docx.table import Table

    numbering = _Numbering(document)
    counter = itertools.count(1)
    lines: list[_Line] = []
    tables = 0
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            tables += 1
            lines.extend(_table_lines(block, tables, counter))
            continue
        number = next(counter)
        raw = block.text.strip()
        if not raw:
            continue
        font = _font_of(block)
        style = ((block.style.name if block.style is not None else "") or "").lower()
        text = textprep.repair(raw, font)
        heading = _is_heading_style(style)
        label = numbering.label(block)
        if label is not None:
            level, mark = label
            if mark:
                raw, text = f"{mark} {raw}", f"{mark} {text}"
            heading = heading or (level == 0 and bool(mark) and _is_heading_text(text))
        lines.append(_Line(number, raw, text, font, heading, style == "title"))
    return lines


def _table_lines(table, position: int, counter) -> list[_Line]:
    """The lines a table gives (see :mod:`bulletin.script.tables`), numbered like paragraphs."""
    rows: list[list[list[str]]] = []
    numbers: list[int] = []
    fonts: Counter[str] = Counter()  # the table's font: a hint for legacy encodings, as for paragraphs
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is listed once per grid column it spans
                continue
            seen.add(id(cell._tc))
            cells.append([p.text for p in cell.paragraphs])
            for paragraph in cell.paragraphs:
                if paragraph.text.strip():
                    fonts[_font_of(paragraph) or ""] += len(paragraph.text)
        numbers.append(next(counter))
        for _ in range(sum(len(c) for c in cells) - 1):
            next(counter)
        rows.append(cells)
    nonempty = [i for i, r in enumerate(rows) if any(p.strip() for c in r for p in c)]
    reading = read_table([rows[i] for i in nonempty], is_heading=_is_heading_text)
    if reading.kind == "empty":
        return []
    if reading.kind == "skip":
        first = numbers[nonempty[0]] if nonempty else next(counter)
        return [_Line(first, reading.description, reading.description, skip="table",
                      label=f"bảng thứ {position} trong tài liệu")]
    font = fonts.most_common(1)[0][0] or None if fonts else None
    lines = []
    used: dict[int, int] = {}
    for line in reading.lines:
        row_number = numbers[nonempty[line.row]]
        number = row_number + used.get(row_number, 0)  # lines of one row keep distinct numbers
        used[row_number] = used.get(row_number, 0) + 1
        text = textprep.repair(line.text, font)
        if line.kind == "note":
            lines.append(_Line(number, line.text, text, font, skip="direction", label=f"bảng thứ {position}"))
        elif line.kind == "line":
            lines.append(_Line(number, line.text, text, font))
        else:
            lines.append(_Line(number, line.text, text, font, heading=line.kind == "heading", table=True))
    return lines


class _Numbering:
    """Word's automatic numbering ("List Number", numbered headings): the number each paragraph shows."""

    _ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
              (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))

    def __init__(self, document):
        try:
            self.part = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            self.part = None
        self.counts: dict[str, list[int]] = {}

    def label(self, paragraph) -> tuple[int, str] | None:
        """(level, "1.") for a numbered paragraph, (level, "") for a bullet, None when not numbered."""
        num_id, level = self._num_pr(paragraph)
        if num_id is None or num_id == "0":
            return None
        fmt, text, start = self._level(num_id, level)
        counts = self.counts.setdefault(num_id, [])
        while len(counts) <= level:
            counts.append(0)
        del counts[level + 1:]
        counts[level] += 1
        if fmt in ("bullet", "none"):
            return level, ""
        values = [(start if c == 0 else c) for c in counts]
        values[level] = counts[level] + start - 1
        mark = re.sub(r"%(\d)", lambda m: self._format(values[int(m.group(1)) - 1] if int(m.group(1)) <= len(values)
                                                       else 1, fmt), text)
        return level, mark.strip()

    def _num_pr(self, paragraph) -> tuple[str | None, int]:
        from docx.oxml.ns import qn

        sources = [paragraph._p.pPr]
        style = paragraph.style
        while style is not None:
            sources.append(style.element.pPr)
            style = style.base_style
        num_id, level = None, None
        for ppr in sources:
            if ppr is None:
                continue
            numpr = ppr.find(qn("w:numPr"))
            if numpr is None:
                continue
            if num_id is None and numpr.find(qn("w:numId")) is not None:
                num_id = numpr.find(qn("w:numId")).get(qn("w:val"))
            if level is None and numpr.find(qn("w:ilvl")) is not None:
                level = int(numpr.find(qn("w:ilvl")).get(qn("w:val")) or 0)
        return num_id, level or 0

    def _level(self, num_id: str, level: int) -> tuple[str, str, int]:
        """(numFmt, lvlText, start) of a list level; a plain "1." list when Word's definition is missing."""
        from docx.oxml.ns import qn

        fallback = ("decimal", f"%{level + 1}.", 1)
        if self.part is None:
            return fallback
        try:
            abstract_id = self.part.num_having_numId(int(num_id)).abstractNumId.val
        except (KeyError, ValueError, AttributeError):
            return fallback
        found = self.part.xpath(f'./w:abstractNum[@w:abstractNumId="{abstract_id}"]/w:lvl[@w:ilvl="{level}"]')
        if not found:
            return fallback
        lvl = found[0]

        def value(tag: str, default: str) -> str:
            node = lvl.find(qn(tag))
            return node.get(qn("w:val"), default) if node is not None else default

        try:
            start = int(value("w:start", "1"))
        except ValueError:
            start = 1
        return value("w:numFmt", "decimal"), value("w:lvlText", f"%{level + 1}."), start

    def _format(self, n: int, fmt: str) -> str:
        if fmt in ("upperRoman", "lowerRoman"):
            roman, rest = "", max(1, min(n, 3999))
            for amount, letters in self._ROMAN:
                while rest >= amount:
                    roman, rest = roman + letters, rest - amount
            return roman if fmt == "upperRoman" else roman.lower()
        if fmt in ("upperLetter", "lowerLetter"):
            letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[(max(n, 1) - 1) % 26]
            return letter if fmt == "upperLetter" else letter.lower()
        return str(n)


def _assemble(
    path: Path, station: Station, lines: list[_Line], data: bytes, *, joins_lines: bool = False, core_title: str = ""
) -> Script:
    """Title, paperwork, page furniture, items and paragraphs from a document's lines (both formats)."""
    set_aside = [Skipped(line.number, line.text, line.skip, line.label) for line in lines if line.skip]
    lines = [line for line in lines if not line.skip]
    layout = find_layout([(line.number, line.text) for line in lines])
    not_read = {number for number, _ in layout.skipped} | set(layout.title_lines)
    set_aside += [Skipped(number, text, "paperwork") for number, text in layout.skipped]
    furniture = find_furniture([(line.number, line.text) for line in lines
                                if line.number not in not_read and not line.table])
    not_read |= {number for number, _, _ in furniture.skipped}
    set_aside += [Skipped(number, text, kind, FURNITURE_KINDS[kind]) for number, text, kind in furniture.skipped]
    for number, (_, tag) in furniture.trimmed.items():
        set_aside.append(Skipped(number, tag, "source", FURNITURE_KINDS["source"]))
    lines = [_trim(line, furniture.trimmed.get(line.number)) for line in lines]
    styled = next((line for line in lines if line.title_style), None)
    title_line = 0
    if styled is not None:
        title, not_read, title_line = styled.text, not_read | {styled.number}, styled.number
    elif layout.title:
        title, title_line = layout.title, min(layout.title_lines, default=0)
    elif core_title:
        title = core_title
    else:
        candidates = [line for line in lines if line.number not in not_read]
        first = next((line for line in candidates if not line.table), candidates[0] if candidates else lines[0])
        title, not_read, title_line = first.text, not_read | {first.number}, first.number

    builder = ScriptBuilder(path, station)
    read = [line for line in lines if line.number not in not_read]
    if read and not any(_is_heading(line) for line in read):
        # One article with no headings of its own (a news page, a notice): it is the bulletin's
        # one item, under the document's title, not a greeting that runs the whole bulletin long.
        builder.collect(builder.heading, title, title_line or read[0].number)
    paragraph: list[_Line] = []

    def flush() -> None:
        if paragraph:
            builder.collect(builder.paragraph, " ".join(p.raw for p in paragraph), paragraph[0].number, paragraph[0].font)
            paragraph.clear()

    previous = None
    for line in lines:
        if line.number in not_read:
            flush()
            continue
        if re.match(r"^@[A-Za-z]", line.raw):
            flush()
            builder.directive(line.raw, line.number)
        elif _is_heading(line):
            flush()
            builder.collect(builder.heading, line.text, line.number)
        elif joins_lines and paragraph and previous == line.number - 1 and _continues(line.text):
            # Hard-wrapped text: a line that starts in lowercase goes on with the one above.
            paragraph.append(line)
        else:
            flush()
            paragraph.append(line)
            if line.table:
                flush()
        previous = line.number
    flush()
    meta = meta_from_dict({"title": title}, path, station)
    skipped = tuple(sorted(set_aside, key=lambda s: (s.line, s.kind)))
    return replace(builder.finish(meta, hashlib.sha256(data).hexdigest()), skipped=skipped)


def _is_heading(line: _Line) -> bool:
    return line.heading or (not line.table and _is_numbered_heading(line.text))


def _trim(line: _Line, trimmed: tuple[str, str] | None) -> _Line:
    """The line without the source tag in front of it ("(QNO) - ")."""
    if trimmed is None:
        return line
    rest = trimmed[0]
    raw = line.raw[len(line.raw) - len(rest):] if line.raw.endswith(rest) else rest
    return replace(line, raw=raw, text=rest)


def _is_heading_text(text: str) -> bool:
    """Short and not a finished sentence: what a heading looks like."""
    body = text.strip()
    return 0 < len(body) <= _MAX_HEADING_CHARS and not body.endswith((".", ";", ":", "?", "!"))


def _continues(text: str) -> bool:
    first = text[0]
    return not first.isupper() and not first.isdigit() and first not in "-+•*–"


def _is_heading_style(style: str) -> bool:
    name = style.lower()
    return name.startswith(("heading", "tiêu đề", "tieu de")) and not name.startswith("heading 3")


def _font_of(paragraph) -> str | None:
    """The font most of the paragraph's text is set in (a hint for legacy encodings)."""
    from docx.oxml.ns import qn

    counts: Counter[str] = Counter()
    for run in paragraph.runs:
        name = run.font.name
        rpr = run._element.rPr
        if name is None and rpr is not None and rpr.rFonts is not None:
            name = rpr.rFonts.get(qn("w:hAnsi"))
        if name:
            counts[name] += len(run.text)
    if counts:
        return counts.most_common(1)[0][0]
    style = paragraph.style
    while style is not None:
        if style.font is not None and style.font.name:
            return style.font.name
        style = style.base_style
    return None
