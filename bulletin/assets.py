"""Where the station's sounds come from.

A name in a script or in ``bulletin.toml`` is looked up next to the script,
then in the station's ``audio_assets/``. The built-in names (intro, outro,
bed) fall back to the sounds made by :mod:`bulletin.audio.jingles`, so a script
builds even in a folder that has none.
"""

from __future__ import annotations

from pathlib import Path

from bulletin.config import Station
from bulletin.errors import ConfigError

AUDIO_EXTENSIONS = (".mp3", ".wav", ".m4a", ".ogg", ".oga", ".opus", ".flac", ".aac", ".wma")


def find_audio(ref: str, folders: list[Path]) -> Path | None:
    """The file ``ref`` names in the first folder that has it; a bare name matches any audio extension."""
    ref_path = Path(ref)
    for folder in folders:
        candidate = ref_path if ref_path.is_absolute() else folder / ref_path
        if candidate.is_file():
            return candidate
        if not candidate.suffix:
            for ext in AUDIO_EXTENSIONS:
                if candidate.with_suffix(ext).is_file():
                    return candidate.with_suffix(ext)
    return None


def builtin_sounds_dir(station: Station) -> Path:
    """The default jingles and bed, made once into the cache folder."""
    from bulletin.audio import jingles
    from bulletin.engines.cache import cache_folder

    folder = cache_folder(station) / "default_sounds"
    if not all((folder / f"{name}.flac").is_file() for name in jingles.SOUNDS):
        try:
            jingles.make_default_assets(folder)
        except OSError as exc:
            raise ConfigError(f"không ghi được vào thư mục bộ nhớ đệm ({exc.strerror}); kiểm tra quyền ghi, chỗ "
                              "trống trên đĩa hoặc đặt [cache] folder trong bulletin.toml", path=folder) from None
    return folder


def resolve_sound(ref: str, station: Station, near: Path | None = None) -> Path | None:
    """Find a sound by name or path for a script in folder ``near``."""
    from bulletin.audio import jingles

    folders = ([near] if near is not None else []) + [station.assets_dir]
    found = find_audio(ref, folders)
    if found is None and ref in jingles.SOUNDS:
        found = find_audio(ref, [builtin_sounds_dir(station)])
    return found
