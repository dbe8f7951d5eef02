"""A station working folder: configuration, scripts, sounds, lexicon, log."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from bulletin.audio.jingles import SOUNDS, make_default_assets
from bulletin.config import CONFIG_NAME
from bulletin.errors import ConfigError, UsageError

TEMPLATES = {
    CONFIG_NAME: "bulletin.toml",
    "scripts/vi-du.md": "vi-du.md",
    "lexicon.tsv": "lexicon.tsv",
}


def init_station(folder: Path, *, name: str | None = None) -> tuple[list[Path], list[Path]]:
    """Create the station layout in ``folder``; returns (created, kept) paths. Never overwrites."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"'{folder}' đã có và không phải là thư mục")
    try:
        return _init(folder, name)
    except OSError as exc:
        where = Path(exc.filename) if exc.filename else folder
        raise ConfigError(f"không tạo được thư mục của đài ({exc.strerror}); hãy chọn một thư mục ghi được "
                          "(kiểm tra quyền ghi và chỗ trống trên đĩa)", path=where) from None


def _init(folder: Path, name: str | None) -> tuple[list[Path], list[Path]]:
    created: list[Path] = []
    kept: list[Path] = []
    for target, template in TEMPLATES.items():
        path = folder / target
        if path.exists():
            kept.append(path)
            continue
        text = resources.files("bulletin.data").joinpath(template).read_text(encoding="utf-8")
        if name and target == CONFIG_NAME:
            text = text.replace('name = "Đài Truyền thanh cơ sở"', f'name = "{_toml_escape(name)}"')
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_new(path, text)
        created.append(path)
    assets = folder / "audio_assets"
    kept += [assets / f"{n}.flac" for n in SOUNDS if (assets / f"{n}.flac").exists()]
    created += make_default_assets(assets)
    (folder / "out").mkdir(exist_ok=True)
    return created, kept


def _toml_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _write_new(path: Path, text: str) -> None:
    """Create ``path`` with ``text``; fails rather than overwrite a file made meanwhile."""
    with open(path, "x", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
