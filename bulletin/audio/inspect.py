"""Looking into a finished bulletin: its tags, chapters, duration and loudness measured afresh."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bulletin.audio import media
from bulletin.audio.meter import Levels, measure
from bulletin.audio.tags import BulletinTags, read_tags


@dataclass(frozen=True)
class Inspection:
    path: Path
    format: media.Probe
    size: int
    tags: BulletinTags
    levels: Levels  # measured now, on the decoded file


def inspect_file(path: Path) -> Inspection:
    """Read the tags and chapters of ``path`` and measure its loudness and true peak."""
    path = Path(path)
    info = media.probe(path)
    tags = read_tags(path) if path.suffix.lower() in (".mp3", ".wav") else BulletinTags()
    levels = measure(media.read_blocks(path, info.rate, info.channels), info.rate, info.channels)
    return Inspection(path, info, path.stat().st_size, tags, levels)
