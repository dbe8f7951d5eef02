"""Fixtures for the hostile-input suite: a station folder with a real log, for child processes."""

from __future__ import annotations

import shutil

import pytest


@pytest.fixture
def hostile_station(tmp_path, station_template, ffmpeg, isolated_cache):
    """A fresh station folder (the real ``bulletin init``) used as the child's working folder."""
    folder = tmp_path / "station"
    shutil.copytree(station_template, folder)
    return folder
