"""A station folder with the offline voice, and the studio over it."""

from __future__ import annotations

import pytest

pytest.importorskip("starlette")


@pytest.fixture
def studio_dir(station_dir, espeak):
    config = station_dir / "bulletin.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('engine = "auto"', 'engine = "espeak"'),
                      encoding="utf-8")
    return station_dir
