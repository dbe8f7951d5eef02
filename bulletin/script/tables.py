"""Tables in an imported document, read the way an announcer would read them.

Pure functions over a table given as rows of cells, each cell the list of its
paragraphs' texts. What a table is decides how it is read:

- a **data table** (a header row over rows of figures) becomes one sentence a
  listener can follow per row, the header giving the words for each cell:
  "Thủy sản | 85,4" under "Mặt hàng | Tỷ trọng (%)" is "Thủy sản: 85,4 %.";
- a **radio script** ("Âm thanh | Lời bình") becomes its recordings, in order,
  and its narration; other notes in the sound column are not read;
- a **layout** table (an official document's header or signature block set in
  a table) and a **one-column** table (a framed passage) are read as the lines
  they hold; the paperwork rules then apply to them as to any line;
- anything else is **skipped**, and named by ``check`` with its position.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

Cell = list[str]  # the cell's paragraphs
Row = list[Cell]

SOUND_HEADERS = ("âm thanh", "tiếng động", "hiệu ứng", "nhạc", "băng", "kỹ thuật", "sound", "audio", "tư liệu")
NARRATION_HEADERS = ("lời bình", "lời dẫn", "lời đọc", "lời thoại", "lời", "nội dung", "phát thanh viên", "ptv",
                     "dẫn chương trình", "thuyết minh", "bình", "text")
NUMBER_HEADERS = ("stt", "tt", "số tt", "số thứ tự")
AUDIO_EXTENSION = re.compile(r"\.(?:mp3|wav|ogg|oga|m4a|aac|flac|wma|opus)\b", re.IGNORECASE)
_NAME_BREAK = re.compile(r"[:;,\t–—\"“”]")
# "PTV: Kính thưa …", "Dẫn 2: …": who reads, written in front of the narration.
SPEAKER_LABEL = re.compile(r"^(?:PTV|MC|BTV|Dẫn|Lời dẫn|Lời bình|Phát thanh viên|Người dẫn)\s*\d*\s*:\s*",
                           re.IGNORECASE)
_UNIT = re.compile(r"^(.*?)\s*\(([^()]{1,20})\)\s*$")
_YEAR = re.compile(r"^(?:năm\s+)?(\d{4})$", re.IGNORECASE)
_MAX_CELL = 60  # longer cells are prose, not figures
_PAPERWORK = re.compile(r"xã hội chủ nghĩa|độc lập\s*[-–]\s*tự do|nơi nhận|^(?:TM|KT|TL|TUQ)\.\s", re.IGNORECASE)


@dataclass(frozen=True)
class TableLine:
    """One line a table gives: ``kind`` is "speech", "heading", "directive", "line" (plain, for paperwork
    rules) or "note" (not read: a sound note); ``row`` is the row it comes from (0 = first)."""

    kind: str
    text: str
    row: int


@dataclass(frozen=True)
class TableReading:
    kind: str  # "data", "radio", "layout", "text", "empty" or "skip"
    lines: tuple[TableLine, ...] = ()
    description: str = ""  # "bảng 4 hàng × 7 cột: Chỉ tiêu | 2023 | …" for a skipped table


def _text(cell: Cell) -> str:
    return " ".join(p.strip() for p in cell if p.strip())


def _folded(text: str) -> str:
    return " ".join(text.casefold().replace(":", " ").split())


def _matches(text: str, words: tuple[str, ...]) -> bool:
    folded = _folded(text)
    return any(folded == w or folded.startswith(w + " ") or folded.startswith(w + "/") for w in words)


def describe(rows: list[Row]) -> str:
    columns = max((len(r) for r in rows), default=0)
    first = " | ".join(_text(c) for c in rows[0]) if rows else ""
    if len(first) > 80:
        first = first[:77].rstrip() + "…"
    return f"bảng {len(rows)} hàng × {columns} cột" + (f": {first}" if first else "")


def read_table(rows: list[Row], *, is_heading=lambda text: False) -> TableReading:
    """How the table ``rows`` is read (see the module docstring)."""
    rows = [r for r in rows if any(_text(c) for c in r)]
    if not rows:
        return TableReading("empty")
    columns = max(len(r) for r in rows)
    every = [p for r in rows for c in r for p in c if p.strip()]
    if any(_PAPERWORK.search(p) for p in every):
        return TableReading("layout", tuple(TableLine("line", p.strip(), i) for i, r in enumerate(rows)
                                            for c in r for p in c if p.strip()))
    if columns == 1:
        return TableReading("text", tuple(TableLine("line", p.strip(), i) for i, r in enumerate(rows)
                                          for c in r for p in c if p.strip()))
    if len(rows[0]) == 1 and len(rows) > 2:
        # A caption across the whole table ("BẢNG: KIM NGẠCH XUẤT KHẨU") over the header row.
        rest = read_table(rows[1:], is_heading=is_heading)
        if rest.kind in ("data", "radio"):
            caption = TableLine("speech", _text(rows[0][0]), 0)
            return TableReading(rest.kind, (caption,) + tuple(TableLine(x.kind, x.text, x.row + 1)
                                                             for x in rest.lines))
    radio = _radio(rows, is_heading)
    if radio is not None:
        return radio
    data = _data(rows)
    if data is not None:
        return data
    return TableReading("skip", description=describe(rows))


def _radio(rows: list[Row], is_heading) -> TableReading | None:
    header = [_text(c) for c in rows[0]]
    sound = next((i for i, h in enumerate(header) if _matches(h, SOUND_HEADERS)), None)
    narration = next((i for i, h in enumerate(header) if i != sound and _matches(h, NARRATION_HEADERS)), None)
    body = rows[1:]
    if sound is None or narration is None:
        # No header: two columns whose first holds recordings in most rows.
        if len(rows[0]) != 2 or sum(1 for r in rows if audio_files(_text(r[0]))) * 2 < len(rows):
            return None
        sound, narration, body = 0, 1, rows
    lines: list[TableLine] = []
    offset = len(rows) - len(body)
    for index, row in enumerate(body, start=offset):
        said = [SPEAKER_LABEL.sub("", p.strip()) for p in (row[narration] if narration < len(row) else [])]
        said = [p for p in said if p]
        if said and is_heading(said[0]):
            # A row that opens an item: the heading comes before the row's sounds.
            lines.append(TableLine("heading", said.pop(0), index))
        sounds = [s for p in (row[sound] if sound < len(row) else []) if p.strip()
                  for s in _sound_lines(p.strip(), index)]
        spoken = [TableLine("speech", p, index) for p in said]
        lines.extend(sounds + spoken if sound < narration else spoken + sounds)
    return TableReading("radio", tuple(lines))


def _sound_lines(paragraph: str, row: int) -> list[TableLine]:
    """A paragraph of the sound column: directives, recordings named by file, or a note not read."""
    if paragraph.startswith("@"):
        return [TableLine("directive", paragraph, row)]
    files = audio_files(paragraph)
    if not files:
        return [TableLine("note", paragraph, row)]
    return [TableLine("directive", f"@audio {shlex.quote(name) if ' ' in name else name}", row) for name in files]


def audio_files(text: str) -> list[str]:
    """Recordings named by file in a sound note: "Băng: phong van.mp3", "a.mp3, b.wav" (in one pass)."""
    names, start = [], 0
    for m in AUDIO_EXTENSION.finditer(text):
        name = _NAME_BREAK.split(text[start:m.end()])[-1].strip()
        if name and name != m.group():
            names.append(name)
        start = m.end()
    return names


def _data(rows: list[Row]) -> TableReading | None:
    """A header row over rows of short cells: one sentence per row."""
    if len(rows) < 2:
        return None
    header = [_text(c) for c in rows[0]]
    if not all(header[1:]) or any(len(h) > _MAX_CELL for h in header):
        return None
    body = [[_text(c) for c in r] for r in rows[1:]]
    if any(len(cell) > _MAX_CELL for r in body for cell in r[1:]):
        return None
    first = 0
    if _matches(header[0], NUMBER_HEADERS) and all(not r[0] or r[0].rstrip(".").isdigit() for r in body):
        first = 1  # the row numbers are not read
    names = [_column(h) for h in header]
    values = range(first + 1, len(header))
    lines = []
    for index, row in enumerate(body, start=1):
        if len(row) <= first or not row[first]:
            continue
        label, row_unit = _column(row[first].rstrip(" :"))  # "Diện tích lúa (ha)": the unit of the row
        cells = [((names[j][0], names[j][1] or row_unit), row[j]) for j in values if j < len(row) and row[j]]
        if not cells:
            continue
        if len(cells) == 1 and len(values) == 1:
            (name, unit), value = cells[0]
            said = _with_unit(value, unit)
        else:
            said = ", ".join(_named(name, _with_unit(value, unit)) for (name, unit), value in cells)
        lines.append(TableLine("speech", f"{label}: {said}.", index))
    return TableReading("data", tuple(lines)) if lines else None


def _named(name: str, value: str) -> str:
    """"kim ngạch 12,5 triệu USD"; a year column says "năm 2023 là 12" (two numbers side by side blur)."""
    year = _YEAR.match(name)
    if year:
        return f"năm {year.group(1)} là {value}"
    return f"{_lower_first(name)} {value}".strip()


def _column(header: str) -> tuple[str, str]:
    """"Tỷ trọng (%)" -> ("Tỷ trọng", "%")."""
    m = _UNIT.match(header)
    return (m.group(1), m.group(2).strip()) if m else (header, "")


def _with_unit(value: str, unit: str) -> str:
    if not unit or value.casefold().endswith(unit.casefold()) or not any(ch.isdigit() for ch in value):
        return value
    return f"{value} {unit}"


def _lower_first(name: str) -> str:
    """"Kim ngạch" -> "kim ngạch" inside a sentence; "USD", "GRDP" stay."""
    words = name.split()
    if words and not (len(words[0]) > 1 and words[0].isupper()):
        words[0] = words[0][:1].lower() + words[0][1:]
    return " ".join(words)
