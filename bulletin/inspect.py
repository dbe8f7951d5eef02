"""Looking into a finished bulletin: its tags, chapters, duration and loudness measured afresh."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import audio
from .meter import Levels, measure
from .tags import BulletinTags, read_tags


@dataclass(frozen=True)
class Inspection:
    path: Path
    format: audio.Probe
    size: int
    tags: BulletinTags
    levels: Levels  # measured now, on the decoded file


def inspect_file(path: Path) -> Inspection:
    """Read the tags and chapters of ``path`` and measure its loudness and true peak."""
    path = Path(path)
    info = audio.probe(path)
    tags = read_tags(path) if path.suffix.lower() in (".mp3", ".wav") else BulletinTags()
    levels = measure(audio.read_blocks(path, info.rate, info.channels), info.rate, info.channels)
    return Inspection(path, info, path.stat().st_size, tags, levels)
