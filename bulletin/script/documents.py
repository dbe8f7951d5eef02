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
import unicodedata
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
from bulletin.script.model import (
    SKIP_KINDS,
    Script,
    ScriptBuilder,
    Skipped,
    directive_names,
    meta_from_dict,
    read_source,
)
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
    """The text of a .txt file, whichever way Windows saved it.

    UTF-8 (with or without BOM), UTF-16 (with BOM, or without one: many NUL bytes), and
    the 8-bit "ANSI" saves: Windows-1258 (Vietnamese) or a legacy-font text (TCVN3/VNI
    bytes, read through cp1252 and converted by text.repair). Of the 8-bit readings, the
    one that gives more real Vietnamese syllables wins.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    sample = data[:4096]
    if len(sample) >= 4 and sample.count(0) * 4 >= len(sample):
        # UTF-16 saved without a BOM: NULs are the high bytes of Latin letters.
        order = "utf-16-le" if sample[1::2].count(0) >= sample[0::2].count(0) else "utf-16-be"
        return data.decode(order, errors="replace")
    legacy = data.decode("cp1252", errors="replace")
    vietnamese = unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
    if _syllables(vietnamese) > _syllables(textprep.repair(legacy)):
        return vietnamese
    return legacy


def _syllables(text: str) -> int:
    """How many words of ``text`` are Vietnamese syllables with a Vietnamese letter or tone."""
    from bulletin.text.vietnamese import is_syllable

    words = re.findall(r"[^\W\d_]+", text[:20_000])
    return sum(1 for word in words if not word.isascii() and is_syllable(word.lower()))


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
    style: str = ""  # the Word paragraph style (lowercase), "" in a .txt
    bold: bool = False  # every letter of the Word paragraph is bold
    numbered: bool = False  # a heading only by Word's automatic numbering (a list may look the same)


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
    Text is read as Word shows it: tracked insertions, content controls, fields and smart
    tags included, deletions and hidden text left out; text boxes follow their paragraph.
    """
    numbering = _Numbering(document)
    counter = itertools.count(1)
    lines: list[_Line] = []
    tables = itertools.count(1)

    def add(blocks) -> None:
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        for kind, element in blocks:
            if kind == "tbl":
                lines.extend(_table_lines(Table(element, document._body), next(tables), counter))
                continue
            paragraph = Paragraph(element, document._body)
            number = next(counter)
            raw, bold, boxes = _read_paragraph(element)
            style = ((paragraph.style.name if paragraph.style is not None else "") or "").lower()
            styled = _is_heading_style(style) or style == "title"
            raw = _join_breaks(raw, keep_together=styled).strip()
            if raw:
                font = _font_of(paragraph)
                text = textprep.repair(raw, font)
                heading = _is_heading_style(style)
                numbered = False
                label = numbering.label(paragraph)
                if label is not None:
                    level, mark = label
                    if mark:
                        raw, text = f"{mark} {raw}", f"{mark} {text}"
                    numbered = not heading and level == 0 and bool(mark) and _is_heading_text(text)
                    heading = heading or numbered
                bold = bold or _style_bold(paragraph.style)
                lines.append(_Line(number, raw, text, font, heading, style == "title", style=style,
                                   bold=bold, numbered=numbered))
            for box in boxes:
                add(_blocks(box))

    add(_blocks(document.element.body))
    return lines


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# What Word does not show as text: deletions, properties, and the second copy of a text box
# kept for old readers (mc:Fallback); text boxes are read as blocks of their own.
_NOT_SHOWN = frozenset({_W + "del", _W + "moveFrom", _W + "pPr", _W + "rPr", _W + "sdtPr", _W + "sdtEndPr",
                        "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"})
_FALSE = ("0", "false", "off", "none")


def _blocks(container):
    """("p"|"tbl", element) in reading order; block content controls are read through."""
    for child in container:
        if child.tag in (_W + "p", _W + "tbl"):
            yield child.tag[len(_W):], child
        elif child.tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from _blocks(content)
        elif child.tag == _W + "customXml":
            yield from _blocks(child)


def _on(properties, tag: str) -> bool:
    node = properties.find(_W + tag) if properties is not None else None
    return node is not None and (node.get(_W + "val") or "true").lower() not in _FALSE


def _read_paragraph(paragraph) -> tuple[str, bool, list]:
    """(text, all bold, text boxes) of a ``w:p`` element; ``\n`` where Word breaks the line."""
    parts: list[str] = []
    boxes: list = []
    letters = bold_letters = 0

    def walk(element) -> None:
        nonlocal letters, bold_letters
        for child in element:
            tag = child.tag
            if tag == _W + "txbxContent":
                boxes.append(child)
            elif tag in _NOT_SHOWN:
                continue
            elif tag == _W + "r":
                properties = child.find(_W + "rPr")
                if _on(properties, "vanish") or _on(properties, "webHidden"):
                    continue  # hidden text: a note to the operator, not for the air
                bold = _on(properties, "b")
                for part in child:
                    if part.tag == _W + "t":
                        text = part.text or ""
                        parts.append(text)
                        count = sum(ch.isalpha() for ch in text)
                        letters += count
                        bold_letters += count if bold else 0
                    elif part.tag == _W + "tab":
                        parts.append("\t")
                    elif part.tag in (_W + "br", _W + "cr"):
                        kind = part.get(_W + "type")
                        parts.append("\n" if kind in (None, "textWrapping") else " ")
                    elif part.tag == _W + "noBreakHyphen":
                        parts.append("-")
                    elif part.tag not in _NOT_SHOWN:
                        walk(part)  # a drawing or shape that may hold a text box
            else:
                walk(child)  # insertions, hyperlinks, fields, smart tags, content controls

    walk(paragraph)
    return "".join(parts), letters > 0 and bold_letters == letters, boxes


def _join_breaks(text: str, keep_together: bool = False) -> str:
    """A line break typed inside a paragraph (Shift+Enter) is a pause unless the sentence goes on."""
    if "\n" not in text:
        return text
    pieces = [piece.strip() for piece in text.split("\n")]
    out = ""
    for piece in pieces:
        if not piece:
            continue
        if not out:
            out = piece
        elif (keep_together or out.endswith((".", ",", ";", ":", "!", "?", "…", "-", "–"))
              or _continues(piece) or not any(ch.islower() for ch in out.split(". ")[-1])):
            out = f"{out} {piece}"  # ongoing sentence, or a heading set in capitals over two lines
        else:
            out = f"{out}. {piece}"
    return out


def _style_bold(style) -> bool:
    while style is not None:
        if style.font is not None and style.font.bold is not None:
            return bool(style.font.bold)
        style = style.base_style
    return False


def _table_lines(table, position: int, counter) -> list[_Line]:
    """The lines a table gives (see :mod:`bulletin.script.tables`), numbered like paragraphs."""
    rows: list[list[list[str]]] = []
    numbers: list[int] = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is listed once per grid column it spans
                continue
            seen.add(id(cell._tc))
            texts = []
            for paragraph in cell.paragraphs:
                raw = _join_breaks(_read_paragraph(paragraph._p)[0])
                # each paragraph keeps its own font hint (a .VnTimeH header beside .VnTime text)
                texts.append(textprep.repair(raw, _font_of(paragraph)) if raw.strip() else "")
            cells.append(texts)
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
    # Cells were repaired paragraph by paragraph with their own fonts: the lines are Unicode now
    # and carry no font hint (a second repair under the table's font could only do harm).
    font = None
    lines = []
    used: dict[int, int] = {}
    for line in reading.lines:
        row_number = numbers[nonempty[line.row]]
        number = row_number + used.get(row_number, 0)  # lines of one row keep distinct numbers
        used[row_number] = used.get(row_number, 0) + 1
        text = textprep.repair(line.text)
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
                                if line.number not in not_read and not line.table],
                               headings=[line.number for line in lines if _heading_kind(line)])
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
        if _first_item_too(first, [line for line in candidates if line.number != first.number]):
            # "1. Xã ra quân…" over its own text, or the first of several Heading 1 items: the
            # bulletin is named after its first item, which is still read as that item.
            not_read.discard(first.number)
            numbered = _NUMBERED.match(first.text)
            title = numbered.group(1) if numbered else title

    if station.closing.strip():
        # The document's own sign-off ("… đến đây là kết thúc. Xin chào và hẹn gặp lại."): the station
        # says its closing after the last item, so the bulletin would end twice.
        for line in reversed([line for line in lines if line.number not in not_read][-2:]):
            if not _SIGN_OFF.search(line.text) or _heading_kind(line):
                break
            not_read.add(line.number)
            set_aside.append(Skipped(line.number, line.text, "closing", SKIP_KINDS["closing"]))

    builder = ScriptBuilder(path, station)
    read = [line for line in lines if line.number not in not_read]
    headings = _headings(read)
    if read and not headings:
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
        directive = _directive(line.raw)
        if directive is not None:
            flush()
            builder.directive(directive, line.number)
        elif line.number in headings:
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


# A bulletin's own sign-off, at its very end.
_SIGN_OFF = re.compile(r"(?:đến đây là kết thúc|xin được kết thúc|xin chào và hẹn gặp lại|hẹn gặp lại quý vị|"
                       r"cảm ơn quý vị (?:và các bạn )?đã (?:theo dõi|lắng nghe)|xin cảm ơn và hẹn gặp lại)",
                       re.IGNORECASE)
# "Tin 1:", "Tin thứ hai", "* Tin vắn:", "Mục 3 –": a marker that starts an item, with or without its title.
_MARKER = re.compile(r"^[*•\-–]?\s*(?:tin|mục|phần)\s+(?:\d{1,2}|thứ\s+[^\W\d_]+|vắn|[IVX]{1,4})"
                     r"(?![^\W_])\s*[:.)\-–]?\s*(.*)$", re.IGNORECASE)
_ROMAN_LABEL = re.compile(r"^\s*[IVXLC]{1,6}\s*[.)\-–:]")
# "a) …", "b. …": a lettered sub-point, never the rest of the line above.
_LETTER_LABEL = re.compile(r"^[a-zđ]\s*[).]\s")


def _heading_kind(line: _Line, caps_headings: bool = True) -> str:
    """What makes the line an item heading ("" when it is not one): its style, a number, a marker…"""
    if line.heading:
        if line.table:
            return "table"
        return "list" if line.numbered else f"style:{line.style}"
    if line.table:
        return ""
    if _is_numbered_heading(line.text):
        return "roman" if _ROMAN_LABEL.match(line.text) else "number"
    marker = _MARKER.match(line.text)
    if marker and (not marker.group(1) or _is_heading_text(marker.group(1))):
        return "marker"
    if line.bold and _is_heading_text(line.text) and len(line.text.split()) >= 2:
        return "bold"
    if caps_headings and _is_caps_heading(line.text):
        return "caps"
    return ""


def _is_caps_heading(text: str) -> bool:
    """ "TIN TRONG NƯỚC", "ĐẢM BẢO AN TOÀN GIAO THÔNG": a short line in capitals."""
    letters = [ch for ch in text if ch.isalpha()]
    return (len(letters) >= 6 and not any(ch.islower() for ch in letters) and len(text.split()) >= 2
            and _is_heading_text(text))


def _headings(read: list[_Line]) -> set[int]:
    """The line numbers that start items, among the lines read.

    Numbered lines that are a list rather than items are left as text: numbered lines that
    follow one another with no text of their own between them ("Hồ sơ gồm có:" then
    "1. Đơn …", "2. Giấy …"). A document typed all in capitals has no caps headings.
    """
    plain = [line for line in read if not line.table and not line.heading]
    caps_lines = sum(_is_caps_heading(line.text) for line in plain)
    caps_headings = caps_lines * 2 <= len(plain)
    kinds = [_heading_kind(line, caps_headings) for line in read]
    listed = ("number", "roman", "list")
    in_list = [False] * len(read)
    for i, kind in enumerate(kinds):
        if kind not in listed:
            continue
        after = kinds[i + 1] if i + 1 < len(read) else ""
        if after == kind or (i and in_list[i - 1] and kinds[i - 1] == kind):
            in_list[i] = True  # "1. Đơn …" then "2. Giấy …": entries of a list, not items
    return {line.number for line, kind, listed_entry in zip(read, kinds, in_list) if kind and not listed_entry}


def _first_item_too(first: _Line, rest: list[_Line]) -> bool:
    """Whether the line that names the bulletin also starts its first item."""
    kind = _heading_kind(first)
    if not rest or _heading_kind(rest[0]) or not kind:
        return False  # a title over the first heading, or a line that is no heading at all
    if kind in ("number", "roman", "marker"):
        return True
    return kind.startswith("style:") and any(_heading_kind(line) == kind for line in rest)


def _directive(raw: str) -> str | None:
    """ "@audio pv.mp3" (also "@ audio …" as Word may space it); None for text such as "@UBNDxa cảm ơn"."""
    m = re.match(r"^@\s*([A-Za-z]+)(?![^\W_])(.*)$", raw)
    if not m or m.group(1).lower() not in directive_names():
        return None
    return f"@{m.group(1)}{m.group(2)}"


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
    """A hard-wrapped line goes on with the one above: it starts with a lowercase letter."""
    first = text[0]
    return first.isalpha() and first.islower() and not _LETTER_LABEL.match(text)


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
