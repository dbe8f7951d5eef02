"""What an administrative document prints but an announcer never reads.

Official documents (Decree 30/2020/NĐ-CP) open with the issuing body, the
national motto, the document number and the place and date, then a document
type ("BÁO CÁO") over its subject; they close with the recipients ("Nơi
nhận:") and the signature block ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", a name).
When such a document is imported as a bulletin, the subject is its title and
none of the rest is read aloud. Pure functions over (line number, text) pairs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

Line = tuple[int, str]  # (line or paragraph number, display text)

# Document types that head an administrative text (the line above its subject).
DOCUMENT_TYPES = (
    "BÁO CÁO", "THÔNG BÁO", "KẾ HOẠCH", "BẢN TIN", "TỜ TRÌNH", "CÔNG VĂN", "HƯỚNG DẪN", "THƯ NGỎ",
    "LỜI KÊU GỌI", "CHƯƠNG TRÌNH", "ĐỀ CƯƠNG", "TÀI LIỆU", "THÔNG CÁO", "KẾT LUẬN", "CHỈ THỊ",
    "NGHỊ QUYẾT", "QUYẾT ĐỊNH", "THƯ", "BẢN TIN THÔNG TIN ĐỐI NGOẠI",
)
# Bodies that issue documents: the first words of the header lines above the motto.
ISSUERS = (
    "UBND", "ỦY BAN", "UỶ BAN", "HĐND", "HỘI ĐỒNG", "SỞ", "BAN", "HUYỆN ỦY", "HUYỆN UỶ", "TỈNH ỦY",
    "TỈNH UỶ", "THÀNH ỦY", "ĐẢNG ỦY", "ĐẢNG BỘ", "ĐẢNG UỶ", "TRUNG TÂM", "PHÒNG", "ĐÀI", "HỘI", "MẶT TRẬN",
    "UBMTTQ", "BỘ", "CỤC", "CHI CỤC", "TỔNG CỤC", "ĐOÀN", "CÔNG AN", "BỘ CHỈ HUY", "BAN CHỈ HUY",
    "BAN CHỈ ĐẠO", "VĂN PHÒNG", "TRƯỜNG", "BỆNH VIỆN", "XÃ", "HUYỆN", "TỈNH", "THỊ TRẤN", "PHƯỜNG",
)

# Lines of a signature block: the signer's office, a seal note, and the name under them.
SIGNATURE_TITLES = (
    "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "TRƯỞNG BAN",
    "PHÓ TRƯỞNG BAN", "BÍ THƯ", "PHÓ BÍ THƯ", "CHÁNH VĂN PHÒNG", "TRƯỞNG ĐÀI", "NGƯỜI VIẾT", "NGƯỜI DUYỆT",
    "NGƯỜI BIÊN TẬP", "BAN BIÊN TẬP", "THỦ TRƯỞNG ĐƠN VỊ", "CHỈ HUY TRƯỞNG", "GIÁM ĐỐC TRUNG TÂM",
)
# Capitals lines that start like an issuing body but are sentences or slogans.
NOT_ISSUERS = ("PHÒNG CHỐNG", "PHÒNG NGỪA", "PHÒNG TRÁNH", "BAN HÀNH", "HỘI NGHỊ", "HỘI THI", "HỘI DIỄN",
               "ĐOÀN KẾT", "BỘ ĐỘI", "XÃ HỘI", "ĐÀI TRUYỀN THANH XIN")
_PLACES = ("XÃ", "HUYỆN", "TỈNH", "PHƯỜNG", "THỊ TRẤN")
_SEAL = re.compile(r"^\(?\s*(?:đã ký|ký tên|ký, ghi rõ họ tên|ký và ghi rõ họ tên|ký và đóng dấu|"
                   r"ký tên, đóng dấu|đã ký và đóng dấu|chữ ký)[^)]{0,30}\)?\.?$", re.IGNORECASE)
_NAME_WORD = re.compile(r"^[A-ZĐ\u00c0-\u1ef9][^\W\d_]*$")
_CLOSING_RUN = 8  # a closing block is at most this many lines

_SEPARATOR = re.compile(r"^[\s\-_=*.~–—]+$")
_NUMBER_LINE = re.compile(r"^số\s*(?:[:.]\s*\S+|\d[\w/.\-]*)$", re.IGNORECASE)
_DATE_LINE = re.compile(r"^[^\d,]{0,40},?\s*ngày\s*[\d.…_ ]*\s*tháng\s*[\d.…_ ]*\s*năm\s*[\d.…_ ]*$", re.IGNORECASE)
_SUBJECT = re.compile(r"^(?:v/v|về việc)\s*[:.]?\s*(.+)$", re.IGNORECASE)
_SIGNATURE = re.compile(r"^(?:TM|KT|TL|TUQ|Q|T/M|T\.M)\.?\s+\S")
_HEADER_ZONE = 8  # header lines sit at the very top
_FOOTER_ZONE = 12  # a signature block sits in the last lines


@dataclass(frozen=True)
class Layout:
    """Where the title is and which lines are paperwork (not read)."""

    title: str | None = None
    title_lines: frozenset[int] = frozenset()
    skipped: tuple[Line, ...] = ()


def _folded(text: str) -> str:
    return " ".join(text.replace("-", " ").replace("–", " ").split()).casefold()


def is_motto(text: str) -> bool:
    folded = _folded(text)
    return "xã hội chủ nghĩa việt nam" in folded or ("độc lập" in folded and "hạnh phúc" in folded)


def _is_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _is_issuer(text: str) -> bool:
    return len(text) <= 80 and _is_capitals(text) and text.startswith(ISSUERS)


def _is_header(text: str, official: bool) -> bool:
    """Paperwork at the top; issuing-body lines only count in an official header (with the motto)."""
    return bool(
        is_motto(text)
        or _SEPARATOR.match(text)
        or (len(text) <= 60 and _NUMBER_LINE.match(text))
        or (len(text) <= 80 and _DATE_LINE.match(text))
        or (official and _is_issuer(text))
    )


def _document_type(text: str) -> str | None:
    """The document type a capitals line starts with ("BÁO CÁO"), if any."""
    if not _is_capitals(text):
        return None
    for kind in sorted(DOCUMENT_TYPES, key=len, reverse=True):
        if text == kind or text.startswith(kind + " "):
            return kind
    return None


def find_layout(lines: list[Line]) -> Layout:
    """The title and the paperwork of a document given as its non-empty lines, in order."""
    skipped: list[Line] = []
    title: str | None = None
    title_lines: set[int] = set()
    # Issuing-body lines look like capitals headings; trust them only next to the motto.
    official = any(is_motto(text) for _, text in lines[:_HEADER_ZONE])
    start = 0
    while start < min(len(lines), _HEADER_ZONE) and _is_header(lines[start][1], official):
        skipped.append(lines[start])
        start += 1
    if start < len(lines):
        number, text = lines[start]
        kind = _document_type(text)
        subject = _SUBJECT.match(text)
        if kind is not None:
            title_lines.add(number)
            following = lines[start + 1] if start + 1 < len(lines) else None
            if text == kind and following is not None and len(following[1]) <= 250:
                # "BÁO CÁO" over its subject: the subject is the title.
                title, title_lines = following[1], title_lines | {following[0]}
                start += 2
            else:
                title = text
                start += 1
            # A number line under the title ("Số 02/2024") or a separator is paperwork too.
            while start < len(lines) and _is_header(lines[start][1], official=False):
                skipped.append(lines[start])
                start += 1
        elif subject is not None:
            title, title_lines = f"Về việc {subject.group(1)}", {number}
            start += 1
    end = len(lines)
    for index in range(start, len(lines)):
        if _folded(lines[index][1]).startswith("nơi nhận"):
            end = index
            break
    for index in range(max(start, end - _FOOTER_ZONE), end):
        if _SIGNATURE.match(lines[index][1]) and _is_capitals(lines[index][1]):
            end = index
            break
    end = _closing_block(lines, start, end)
    skipped.extend(lines[end:])
    return Layout(title, frozenset(title_lines), tuple(skipped))


def _closing_block(lines: list[Line], start: int, end: int) -> int:
    """Where the issuing body and signature lines at the end of the text begin (``end`` when there are none)."""
    first = end
    marked = False
    index = end - 1
    while index >= start and end - index <= _CLOSING_RUN:
        text = lines[index][1].strip()
        if _is_closing_mark(text):
            marked = True
        elif not _is_person_name(text):
            break
        first = index
        index -= 1
    return first if marked else end


def _is_closing_mark(text: str) -> bool:
    """An office ("CHỦ TỊCH"), a seal note ("(Đã ký)"), a signature line ("KT. CHỦ TỊCH") or an issuing body."""
    folded = " ".join(text.split())
    if folded in SIGNATURE_TITLES or _SEAL.match(folded):
        return True
    if _SIGNATURE.match(folded) and _is_capitals(folded):
        return True
    return (_is_issuer(folded) and not folded.startswith(NOT_ISSUERS)
            and not folded.endswith(("!", ".", "?", ":")) and (not folded.startswith(_PLACES) or len(folded.split()) <= 4))


def _is_person_name(text: str) -> bool:
    """"Lê Văn Sinh", "NGUYỄN VĂN AN": two to five capitalised words, nothing else."""
    words = text.split()
    return 2 <= len(words) <= 5 and all(_NAME_WORD.match(w) for w in words) and not _is_issuer(text)
