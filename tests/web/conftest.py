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


@pytest.fixture
def chrome_programs() -> tuple[str, str]:
    """Debian's chromium and chromedriver; under CI a missing one fails the test instead of skipping it."""
    import os
    import shutil

    found = shutil.which("chromium"), shutil.which("chromedriver")
    if None in found:
        message = "chromium and chromium-driver are not installed (./run.sh test installs them)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    return found  # type: ignore[return-value]
