"""The report section as a Word document laid out per Decree 30/2020/NĐ-CP.

A4 portrait; margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New
Roman (Unicode) 14 pt for text and 12 pt in tables (eight columns on 165 mm, widths from the content, rows never split across pages); paragraphs 6 pt apart at
single line spacing; page numbers centred in the header from page 2 on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from copy import deepcopy
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from bulletin.reports.report import QUOTA_HEADER, Report
from bulletin.vn_format import capitalize

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 12
PAGE = (Mm(210), Mm(297))
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}
TEXT_MM = 165  # A4 less the margins
# Times New Roman 12 pt (1 em = 4.23 mm), advance widths rounded up a little: capitals about
# 0.7 em, lower case 0.5 em, digits 0.5 em, "/:.,-() " about 0.33 em; plus the cell's left and
# right margins (set to 1 mm each: CELL_MARGIN_TWIPS) and a safety margin.
UPPER_MM, LOWER_MM, DIGIT_MM, NARROW_MM = 3.0, 2.5, 2.15, 1.45
BOLD = 1.12  # header cells are bold
# The Word table puts the time under the date in one cell: one column less for the title to use.
DOCX_HEADER = ("STT", "Ngày, giờ phát", "Mã bản tin", "Tiêu đề", "Thời lượng", "Nơi phát", "Ghi chú")
FREE_TEXT = ("Tiêu đề",)  # wraps between words; gets a fair share before the room left is shared
FREE_TEXT_SHARE = 0.2  # at least this share of the width for the title, when it needs it
NARROW = set("/:.,-()' ")
CELL_MARGIN_TWIPS = 57  # 1 mm
CELL_PADDING_MM = 2.8


def text_mm(text: str) -> float:
    """How wide ``text`` sets on one line in the table font (an upper estimate), mm."""
    return sum(NARROW_MM if c in NARROW else DIGIT_MM if c.isdigit() else UPPER_MM if c.isupper() else LOWER_MM
               for c in text)
# Characters XML cannot hold (and line breaks, which a table cell shows as spaces).
_XML_UNSAFE = re.compile(r"[\x00-\x1f]")


def write_docx(report: Report, path: Path) -> None:
    """Write ``report`` as a .docx file at ``path``."""
    doc = Document()
    _page_setup(doc)
    _fonts(doc)
    doc.core_properties.title = capitalize(report.title)
    doc.core_properties.author = report.station

    _letterhead(doc, report.station)
    _paragraph(doc, "BÁO CÁO", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_before=12)
    _paragraph(doc, capitalize(report.title), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(doc, report.summary, indent=True)

    cells = [docx_cells(row.cells()) for row in report.rows]
    columns = column_widths(DOCX_HEADER, cells)
    table = _table(doc, DOCX_HEADER, columns)
    template = _row_template(table, columns, centered=(0, 1, 4))
    for q, rows in report.rows_by_quarter():
        _append_rows(table, template, [docx_cells(row.cells()) for row in rows])
        _add_merged_row(table, report.quarter_total(q), columns)

    _paragraph(doc, "Tổng hợp theo quý:", bold=True, space_before=12)
    quota_rows = report.quota_rows()
    quota_columns = column_widths(QUOTA_HEADER, quota_rows)
    quota = _table(doc, QUOTA_HEADER, quota_columns)
    _append_rows(quota, _row_template(quota, quota_columns, centered=(1, 2, 3, 5)), quota_rows)
    notes = list(dict.fromkeys(f"- {q.quarter.short()}{f' – {q.station}' if q.station else ''}: {flag}."
                               for q in report.quarters if not q.is_total for flag in q.flags))
    for index, note in enumerate(notes):
        _paragraph(doc, note, indent=True, space_before=12 if index == 0 else None)
    _paragraph(doc, report.conclusion, indent=True, space_before=None if notes else 12)
    _signature(doc)
    doc.save(str(path))


def _borderless(doc, rows: int, widths_mm: Sequence[float]):
    table = doc.add_table(rows=rows, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths_mm):
        column.width = Mm(width)  # the grid, which LibreOffice lays out by
    for row in table.rows:
        _cant_split(row._tr)  # a heading or a signature block is never cut by a page break
        for cell, width in zip(row.cells, widths_mm):
            cell.width = Mm(width)
    return table


def _lines(cell, lines: Sequence[tuple[str, str]], *, size: int = TABLE_PT) -> None:
    """Centred lines in a cell: (text, style) with style letters b (bold), i (italic), u (underline)
    and L (the body size, 14 pt, for the motto and the place-and-date line)."""
    for index, (text, style) in enumerate(lines):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(text)
        run.bold, run.italic, run.underline = "b" in style, "i" in style, "u" in style
        _run_font(run, BODY_PT if "L" in style else size)


def _letterhead(doc, station: str) -> None:
    """The heading of an administrative document (Decree 30/2020/NĐ-CP): the station on the left,
    the national name and motto on the right, then the number and the place-and-date line for the
    official to fill in."""
    table = _borderless(doc, 2, (62, 103))
    _lines(table.cell(0, 0), [(station.upper(), "b")])
    _lines(table.cell(0, 1), [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "b"), ("Độc lập - Tự do - Hạnh phúc", "buL")])
    _lines(table.cell(1, 0), [("Số:       /BC", "")])
    _lines(table.cell(1, 1), [("……………, ngày …… tháng …… năm ………", "iL")])


def _signature(doc) -> None:
    """Where the report goes and who signs it, as the official fills them in."""
    table = _borderless(doc, 1, (80, 85))
    _lines(table.cell(0, 0), [("Nơi nhận:", "bi"), ("- ……………………;", ""), ("- Lưu: VT.", "")])
    for paragraph in table.cell(0, 0).paragraphs:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _lines(table.cell(0, 1), [("NGƯỜI BÁO CÁO", "bL"), ("(Ký, ghi rõ họ tên)", "iL"), ("", ""), ("", ""), ("", "")])


def docx_cells(cells: Sequence[str]) -> tuple[str, ...]:
    """A report row as the Word table shows it (date and time in one cell)."""
    return (cells[0], f"{cells[1]} {cells[2]}", *cells[3:])


def column_widths(header: Sequence[str], rows: Sequence[Sequence[str]], total: float = TEXT_MM) -> tuple[float, ...]:
    """Column widths (mm) from the content: no word, date, code or number is ever broken.

    Each column is at least as wide as its longest word (header included); what is left of
    ``total`` goes to the columns whose text is longer than that, in proportion to how much
    longer, so long titles and notes wrap at spaces and everything else stays on one line.
    """
    columns = list(zip(header, *rows)) if rows else [(h,) for h in header]
    least = [max(max((BOLD * text_mm(w) for w in str(col[0]).split()), default=0),
                 max(text_mm(word) for cell in col[1:] or [""] for word in (str(cell).split() or [""])))
             + CELL_PADDING_MM for col in columns]
    whole = [max(text_mm(str(cell)) for cell in col[1:] or col) + CELL_PADDING_MM for col in columns]
    whole = [max(w, m) for w, m in zip(whole, least)]
    if sum(least) >= total:  # cannot happen with real data; shrink evenly rather than overflow the page
        return tuple(w * total / sum(least) for w in least)
    if sum(whole) <= total:  # everything fits on one line: spread the slack evenly
        spare = (total - sum(whole)) / len(whole)
        return tuple(w + spare for w in whole)
    # Free text (titles, notes) is given a fair share first, so it does not wrap word by word.
    for n, name in enumerate(header):
        if name in FREE_TEXT:
            least[n] = max(least[n], min(whole[n], FREE_TEXT_SHARE * total))
    if sum(least) >= total:
        return tuple(w * total / sum(least) for w in least)
    spare = total - sum(least)
    want = [w - m for w, m in zip(whole, least)]
    return tuple(m + spare * x / sum(want) for m, x in zip(least, want))


def _page_setup(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE
    section.top_margin = MARGINS["top"]
    section.bottom_margin = MARGINS["bottom"]
    section.left_margin = MARGINS["left"]
    section.right_margin = MARGINS["right"]
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    # Page numbers at the top centre, none on the first page.
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False  # an empty header of its own
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(header)


def _fonts(doc) -> None:
    """Times New Roman everywhere, including the document defaults Word falls back to."""
    for style_name in ("Normal", "Header", "Table Grid"):
        style = doc.styles[style_name]
        style.font.name = FONT
        style.font.size = Pt(BODY_PT)
        _set_all_fonts(style.element.get_or_add_rPr())
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is not None and rpr_default.find(qn("w:rPr")) is not None:
            rpr = rpr_default.find(qn("w:rPr"))
            _set_all_fonts(rpr)
            lang = rpr.find(qn("w:lang"))
            if lang is not None:  # Word's spelling and hyphenation in Vietnamese
                lang.set(qn("w:val"), "vi-VN")
    normal = doc.styles["Normal"].paragraph_format
    normal.space_before = Pt(0)
    normal.space_after = Pt(6)
    normal.line_spacing = 1.0


def _set_all_fonts(rpr) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attribute}"), None)
    for attribute in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attribute}"), FONT)


def _paragraph(doc, text: str, *, bold: bool = False, italic: bool = False, align=None, indent: bool = False,
               space_before: float | None = None):
    paragraph = doc.add_paragraph()
    if space_before is not None:
        paragraph.paragraph_format.space_before = Pt(space_before)
    if align is not None:
        paragraph.alignment = align
    else:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if indent:
        paragraph.paragraph_format.first_line_indent = Mm(12.7)
    run = paragraph.add_run(text)
    run.bold = bold
    run.italic = italic
    _run_font(run, BODY_PT)
    return paragraph


def _run_font(run, size: int) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    _set_all_fonts(run._element.get_or_add_rPr())


def _table(doc, header: tuple[str, ...], widths_mm: Sequence[float]):
    table = doc.add_table(rows=1, cols=len(header))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(CELL_MARGIN_TWIPS))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.append(margins)
    # The grid widths (w:gridCol) are what LibreOffice and some Word versions lay out by.
    for column, width in zip(table.columns, widths_mm):
        column.width = Mm(width)
    for cell, text, width in zip(table.rows[0].cells, header, widths_mm):
        cell.width = Mm(width)
        _cell_text(cell, text, bold=True, center=True)
    # Repeat the header row on every page the table runs onto.
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    _cant_split(table.rows[0]._tr)
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    return table


def _cant_split(tr) -> None:
    """A row never breaks across a page."""
    tr_pr = tr.get_or_add_trPr()
    if tr_pr.find(qn("w:cantSplit")) is None:
        tr_pr.insert(0, OxmlElement("w:cantSplit"))


def _row_template(table, widths_mm: Sequence[float], *, centered: tuple[int, ...]):
    """One formatted row, detached: copied for every row (python-docx per cell is slow)."""
    row = table.add_row()
    for n, (cell, width) in enumerate(zip(row.cells, widths_mm)):
        cell.width = Mm(width)
        _cell_text(cell, "-", center=n in centered)
    tr = row._tr
    _cant_split(tr)
    tr.getparent().remove(tr)
    return tr


def _append_rows(table, template, rows: list[tuple[str, ...]]) -> None:
    tbl = table._tbl
    for cells in rows:
        tr = deepcopy(template)
        for t, text in zip(tr.iter(qn("w:t")), cells):
            t.text = _XML_UNSAFE.sub(" ", text)
            t.set(qn("xml:space"), "preserve")
        tbl.append(tr)


def _add_merged_row(table, text: str, widths_mm: Sequence[float]) -> None:
    row = table.add_row()
    for cell, width in zip(row.cells, widths_mm):
        cell.width = Mm(width)
    merged = row.cells[0].merge(row.cells[-1])
    _cell_text(merged, text, bold=True)
    _cant_split(row._tr)


def _cell_text(cell, text: str, *, bold: bool = False, center: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.first_line_indent = Mm(0)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
    run = paragraph.add_run(text)
    run.bold = bold
    _run_font(run, TABLE_PT)


def _page_field(paragraph) -> None:
    """A PAGE field: Word fills in the page number."""
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "2"), ("end", None)):
        run = paragraph.add_run()
        _run_font(run, BODY_PT)
        if kind is not None:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == "PAGE":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = " PAGE "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._element.append(element)
