"""A Word file checked before python-docx opens it.

A ``.docx`` is a zip of XML parts. A received one may be a zip bomb (a few MB that
unpack to gigabytes), password-protected (then it is not a zip at all but an OLE
container), damaged, or have far more paragraphs than any bulletin. Everything here
reads only the zip directory and streams ``word/document.xml`` once, bounded, so
the check itself costs little memory whatever the file holds.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from bulletin.errors import ScriptError

MAX_UNPACKED_BYTES = 60_000_000  # every part together, unpacked (text, styles, pictures)
MAX_RATIO = 200  # unpacked / packed for one large part; text XML packs about 5-20×
RATIO_FROM_BYTES = 2_000_000  # small parts may pack better without harm
MAX_PARTS = 5_000
MAX_PARAGRAPHS = 20_000  # a 10-minute bulletin has about a hundred
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted .docx and old .doc files

DAMAGED = "không mở được tệp Word (.docx); tệp có thể bị hỏng hoặc không phải .docx thật"


def check_docx(path: Path, data: bytes) -> None:
    """Refuse (:class:`ScriptError`) a ``.docx`` that is encrypted, damaged or too big once unpacked."""
    if data.startswith(OLE_MAGIC):
        raise ScriptError(
            "tệp Word được đặt mật khẩu (mã hóa) hoặc là tệp .doc cũ đổi đuôi; hãy mở trong Word, bỏ mật khẩu "
            "và lưu lại dạng .docx", path=path,
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise ScriptError(DAMAGED, path=path) from None
    with archive:
        parts = archive.infolist()
        if len(parts) > MAX_PARTS:
            raise ScriptError(f"tệp Word có quá nhiều phần ({len(parts)}); {DAMAGED}", path=path)
        total = 0
        for part in parts:
            if part.flag_bits & 0x1:
                raise ScriptError("tệp Word được đặt mật khẩu (mã hóa); hãy bỏ mật khẩu và lưu lại", path=path)
            total += part.file_size
            packed = max(part.compress_size, 1)
            if part.file_size > RATIO_FROM_BYTES and part.file_size / packed > MAX_RATIO:
                raise ScriptError(
                    f"tệp Word nén bất thường (phần '{part.filename[:80]}' bung ra gấp "
                    f"{part.file_size // packed:,} lần); không mở tệp này".replace(",", "."), path=path,
                )
        if total > MAX_UNPACKED_BYTES:
            raise ScriptError(
                f"tệp Word quá lớn khi giải nén ({total / 1e6:.0f} MB, tối đa {MAX_UNPACKED_BYTES / 1e6:.0f} MB); "
                "hãy bỏ bớt hình ảnh hoặc tách tài liệu", path=path,
            )
        if "word/document.xml" not in archive.namelist():
            raise ScriptError(DAMAGED, path=path)
        paragraphs = _count_paragraphs(archive, path)
    if paragraphs > MAX_PARAGRAPHS:
        raise ScriptError(
            f"tài liệu Word có hơn {MAX_PARAGRAPHS:,} đoạn cho một bản tin; "
            "hãy tách tài liệu".replace(",", "."), path=path,
        )


W_P = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"


def _count_paragraphs(archive: zipfile.ZipFile, path: Path) -> int:
    """``<w:p>`` elements in the body, counted while streaming the XML (which must be well formed);
    zipfile stops at the declared size, and every element is dropped once seen."""
    count = 0
    parser = ElementTree.XMLPullParser(events=("end",))
    try:
        with archive.open("word/document.xml") as body:
            while chunk := body.read(1 << 20):
                parser.feed(chunk)
                for _, element in parser.read_events():
                    count += element.tag == W_P
                    element.clear()
                if count > MAX_PARAGRAPHS:
                    return count  # enough to refuse
            parser.close()
            for _, element in parser.read_events():
                count += element.tag == W_P
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError,
            ElementTree.ParseError):
        raise ScriptError(DAMAGED, path=path) from None
    return count
