"""bulletin: Vietnamese radio bulletins from text to a logged broadcast.

The public library API, used by the command line and the web studio alike.
Names are imported on first use, so ``import bulletin`` stays light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# name -> module that defines it
_EXPORTS = {
    # station
    "Station": "bulletin.config", "load_station": "bulletin.config", "init_station": "bulletin.station",
    # errors
    "BulletinError": "bulletin.errors", "ScriptError": "bulletin.errors", "AssetError": "bulletin.errors",
    "EngineError": "bulletin.errors", "AudioError": "bulletin.errors", "LogError": "bulletin.errors",
    "ConfigError": "bulletin.errors", "UsageError": "bulletin.errors", "FitError": "bulletin.errors",
    # reading and speaking
    "load_script": "bulletin.script", "Script": "bulletin.script", "Normalizer": "bulletin.text",
    "convert_document": "bulletin.script.convert", "to_markdown": "bulletin.script.convert",
    "spoken_text": "bulletin.checker",
    # the whole path
    "build": "bulletin.builder", "BuildOptions": "bulletin.prepare", "BuildResult": "bulletin.builder",
    "check": "bulletin.checker", "CheckResult": "bulletin.checker",
    "inspect_file": "bulletin.audio.inspect", "judge_file": "bulletin.audio.inspect",
    # log, quota, report
    "parse_period": "bulletin.periods", "log_store": "bulletin.log.store", "log_exchange": "bulletin.log.exchange",
    "load_quota": "bulletin.reports.quota", "load_report": "bulletin.reports.report",
    "render_report": "bulletin.reports.render", "save_report": "bulletin.reports.render",
    # on air
    "OnAir": "bulletin.air.onair", "air_schedule": "bulletin.air.schedule", "quota_reminders": "bulletin.air.reminders",
}
_ALIASES = {"convert_document": "convert", "air_schedule": None, "quota_reminders": "load", "log_store": None,
            "log_exchange": None, "load_quota": "load", "render_report": "render", "save_report": "save",
            "judge_file": "judge"}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:  # pragma: no cover
    from bulletin.air import schedule as air_schedule
    from bulletin.air.onair import OnAir
    from bulletin.air.reminders import load as quota_reminders
    from bulletin.audio.inspect import inspect_file
    from bulletin.audio.inspect import judge as judge_file
    from bulletin.builder import BuildResult, build
    from bulletin.checker import CheckResult, check, spoken_text
    from bulletin.config import Station, load_station
    from bulletin.errors import (
        AssetError,
        AudioError,
        BulletinError,
        ConfigError,
        EngineError,
        FitError,
        LogError,
        ScriptError,
        UsageError,
    )
    from bulletin.log import exchange as log_exchange
    from bulletin.log import store as log_store
    from bulletin.periods import parse_period
    from bulletin.prepare import BuildOptions
    from bulletin.reports.quota import load as load_quota
    from bulletin.reports.render import render as render_report
    from bulletin.reports.render import save as save_report
    from bulletin.reports.report import load_report
    from bulletin.script import Script, load_script
    from bulletin.script.convert import convert as convert_document
    from bulletin.script.convert import to_markdown
    from bulletin.station import init_station
    from bulletin.text import Normalizer


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'bulletin' has no attribute {name!r}")
    module = importlib.import_module(_EXPORTS[name])
    if name in _ALIASES and _ALIASES[name] is None:
        value: Any = module
    else:
        value = getattr(module, _ALIASES.get(name) or name)
    globals()[name] = value
    return value
