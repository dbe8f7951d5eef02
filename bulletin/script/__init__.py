"""Reading scripts: Markdown scripts, Word and text documents, official-document paperwork."""

from __future__ import annotations

from pathlib import Path

from bulletin.config import Station
from bulletin.errors import ScriptError
from bulletin.script import documents
from bulletin.script.markdown import parse_markdown
from bulletin.script.model import Bed, Item, Jingle, Meta, Pause, Recording, Script, Speech
from bulletin.script.recording import AUDIO_SUFFIXES, is_recording, parse_recording

__all__ = ["AUDIO_SUFFIXES", "Bed", "Item", "Jingle", "Meta", "Pause", "Recording", "Script", "Speech", "load_script"]


def load_script(path: str | Path, station: Station) -> Script:
    """Read a script in any supported format (.md, .txt, .docx, or a recording: .mp3, .m4a, .wav …)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".md", ".markdown"):
        return parse_markdown(path, station)
    if suffix == ".txt":
        return documents.parse_text(path, station)
    if suffix == ".docx":
        return documents.parse_docx(path, station)
    if is_recording(path):
        return parse_recording(path, station)
    if suffix == ".doc":
        raise ScriptError(
            "tệp Word cũ (.doc) chưa được hỗ trợ: mở tệp trong Word và lưu lại dạng .docx", path=path
        )
    raise ScriptError(
        f"không nhận dạng được loại tệp '{suffix or path.name}'; dùng kịch bản .md, văn bản .txt, Word .docx "
        f"hoặc tệp ghi âm ({', '.join(AUDIO_SUFFIXES[:8])})",
        path=path,
    )
