"""Reading the files an operator hands us (scripts, documents, the station config, the lexicon),
and making the folder an output goes to.

Every such file may be hostile: a FIFO that never ends, ``/dev/zero`` behind a symlink, a
folder, a file far larger than any bulletin. One helper reads them all: only a regular
file, at most ``max_bytes``, a UTF-8 byte-order mark (as Windows Notepad saves) accepted.
Problems are raised as the caller's :class:`bulletin.errors.BulletinError` subclass,
naming the file (and, for text that is not UTF-8, the line).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from bulletin.errors import BulletinError
from bulletin.vn_format import vn_number

MB = 1_000_000


def read_bytes(path: str | Path, *, what: str, error: type[BulletinError], max_bytes: int) -> bytes:
    """The bytes of ``path`` if it is a regular file no larger than ``max_bytes``.

    ``what`` names the file for the operator ("tệp kịch bản", "từ điển riêng"). A FIFO or a
    device is refused without reading from it (it is opened non-blocking and checked first).
    """
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise error(f"không tìm thấy {what}", path=path) from None
    except IsADirectoryError:
        raise error(f"đây là thư mục, không phải {what}", path=path) from None
    except PermissionError:
        raise error(f"không có quyền đọc {what}", path=path) from None
    except OSError as exc:
        raise error(f"không đọc được {what} ({exc.strerror})", path=path) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        if stat.S_ISDIR(info.st_mode):
            raise error(f"đây là thư mục, không phải {what}", path=path)
        raise error(f"{what} không phải tệp thường (là ống dẫn, thiết bị hoặc tệp đặc biệt); "
                    "hãy chọn một tệp lưu trên đĩa", path=path)
    with os.fdopen(fd, "rb") as handle:
        if info.st_size > max_bytes:
            raise error(_too_large(what, max_bytes), path=path)
        try:
            data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise error(f"không đọc được {what} ({exc.strerror})", path=path) from None
    if len(data) > max_bytes:  # grew while being read
        raise error(_too_large(what, max_bytes), path=path)
    return data


def decode_text(data: bytes, path: str | Path, *, what: str, error: type[BulletinError]) -> str:
    """UTF-8 text (a leading byte-order mark dropped); otherwise an error naming the line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise error(f"{what} không phải văn bản UTF-8; hãy lưu lại với mã hóa UTF-8", path=path, line=line) from None


def read_text(path: str | Path, *, what: str, error: type[BulletinError], max_bytes: int) -> str:
    """:func:`read_bytes` then :func:`decode_text`."""
    return decode_text(read_bytes(path, what=what, error=error, max_bytes=max_bytes), path, what=what, error=error)


def _too_large(what: str, max_bytes: int) -> str:
    return f"{what} quá lớn (tối đa {vn_number(max_bytes / MB, trim=True)} MB); hãy kiểm tra lại đúng tệp chưa"


def output_folder(output: str | Path, *, error: type[BulletinError], option: str = "-o") -> Path:
    """Make the folder ``output`` goes to (and its parents) if missing; return it.

    Called before any slow work, so a folder that cannot be made is named at once (the path
    that stands in the way, or the folder and why) instead of failing on a temporary file later.
    """
    folder = Path(output).parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        blocking = next((p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), None)
        if blocking is not None:
            raise error(f"'{blocking.name}' là một tệp, không phải thư mục, nên không tạo được thư mục cho tệp "
                        f"kết quả; hãy chọn thư mục khác cho {option}", path=blocking) from None
        raise error(f"không tạo được thư mục cho tệp kết quả ({_why(exc)}); hãy chọn thư mục khác cho {option}",
                    path=folder) from None
    if not folder.is_dir():  # a link to a file, say
        raise error(f"'{folder.name}' không phải thư mục; hãy chọn thư mục khác cho {option}", path=folder)
    return folder


def _why(exc: OSError) -> str:
    """Why a file or folder could not be written, in Vietnamese."""
    return {
        errno.EACCES: "không có quyền ghi",
        errno.EPERM: "không có quyền ghi",
        errno.EROFS: "ổ đĩa chỉ cho đọc",
        errno.ENOSPC: "hết chỗ trống trên đĩa",
        errno.ENAMETOOLONG: "tên quá dài",
    }.get(exc.errno, exc.strerror or str(exc))
