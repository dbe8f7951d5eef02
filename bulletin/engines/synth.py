"""The synthesis stage: every chunk of a bulletin to an audio clip, cached, with fallback.

Engines are tried in a chain: ``auto`` is gTTS then espeak-ng (see
:func:`bulletin.engines.auto_order`); a named engine, or ``--no-fallback``, is
a chain of one. The first engine that cannot go on (network down, retries
used up) hands the remaining chunks to the next one; the operator is warned
once and the result records which engine spoke which item. Network engines are
only probed when a chunk actually needs them, so a fully cached rebuild makes
no request at all, and ``--engine espeak`` never touches the network.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bulletin.engines.cache import ClipCache
from bulletin.engines.choice import EngineChain, Speaker
from bulletin.errors import BulletinError, ChunkError, EngineError
from bulletin.plan.chunking import Utterance


@dataclass(frozen=True)
class SpeechItem:
    """What one chapter of the bulletin says (the opening, an item, the closing)."""

    title: str
    utterances: tuple[Utterance, ...]


@dataclass(frozen=True)
class SynthProgress:
    item: int  # 1-based
    items: int
    title: str
    done: int  # chunks
    total: int
    cached: int
    synthesized: int
    engine: str  # the engine that spoke the last chunk


Progress = Callable[[SynthProgress], None]


@dataclass
class SynthResult:
    clips: dict[str, Path] = field(default_factory=dict)  # chunk text -> clip file
    engines: dict[str, str] = field(default_factory=dict)  # chunk text -> engine that spoke it
    by_item: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # item title -> engines
    synthesized: int = 0
    cached: int = 0
    warnings: list[str] = field(default_factory=list)


def speech_items(sections) -> list[SpeechItem]:
    """The spoken chunks of each section of a :class:`~bulletin.plan.program.Program`."""
    from bulletin.plan.program import Say

    return [
        SpeechItem(s.title, tuple(u for p in s.parts if isinstance(p, Say) for u in p.utterances))
        for s in sections
    ]


def synthesize(
    items: Sequence[SpeechItem],
    chain: EngineChain,
    cache: ClipCache,
    progress: Progress | None = None,
) -> SynthResult:
    """A clip for every chunk, from the cache when possible, falling back along ``chain``."""
    result = SynthResult()
    speakers = chain.speakers
    current = 0  # index of the engine speaking new chunks
    checked: set[int] = set()
    total = sum(len(item.utterances) for item in items)
    done = 0

    gave_up: list[tuple[str, str]] = []  # (engine, reason) given up on since the last chunk was spoken
    gave_up_at = -1  # ``done`` when that happened

    def give_up(index: int, reason: str, title: str, error: BulletinError) -> None:
        """Move new chunks on to the next engine, or stop when there is none.

        Engines that fail one after another before any chunk is spoken (no network:
        edge, then gtts) make one warning, not one each.
        """
        nonlocal current, gave_up_at
        if index + 1 >= len(speakers):
            raise type(error)(f"{error.message} (khi đọc mục «{title or 'mở đầu'}»)") from error
        current = index + 1
        if gave_up_at == done and gave_up:
            result.warnings.pop()
        else:
            gave_up.clear()
        gave_up.append((speakers[index].name, reason))
        gave_up_at = done
        names = ", ".join(name for name, _ in gave_up)
        reasons = " ".join(f"{name}: {why}" if len(gave_up) > 1 else why for name, why in gave_up)
        result.warnings.append(
            f"không dùng được bộ đọc {names} từ mục «{title or 'mở đầu'}»: {reasons} "
            f"Các đoạn còn lại được đọc bằng {speakers[current].name}. Khi {names} dùng lại được, "
            f"hãy tạo lại bản tin: chỉ những đoạn này được đọc lại, phần còn lại lấy từ bộ nhớ đệm."
        )

    for number, item in enumerate(items, start=1):
        spoken_by: list[str] = []
        for utterance in item.utterances:
            text = utterance.text
            clip, name, was_cached = _cached(result, speakers[: current + 1], cache, text)
            index = current_at_start = current
            while clip is None:
                speaker = speakers[index]
                if index > current_at_start:  # moved on to a fallback: its clip may be cached already
                    found = cache.lookup(speaker.engine, speaker.voice, text)
                    if found is not None:
                        clip, name, was_cached = found, speaker.name, True
                        break
                if index not in checked and speaker.engine.NEEDS_NETWORK:
                    checked.add(index)
                    state = speaker.engine.available()
                    if not state.usable:
                        give_up(index, state.reason + ".", item.title,
                                EngineError(f"không dùng được bộ đọc {speaker.name}: {state.reason}"))
                        index = current
                        continue
                try:
                    clip, was_cached = cache.fetch(speaker.engine, speaker.voice, text)
                    name = speaker.name
                except ChunkError as exc:
                    # This chunk only: the next engine says it, the next chunk tries this engine again.
                    if index + 1 >= len(speakers):
                        raise type(exc)(f"{exc.message} (khi đọc mục «{item.title or 'mở đầu'}»)") from exc
                    result.warnings.append(f"{speaker.name}: {exc.message} Đoạn này được đọc bằng "
                                           f"{speakers[index + 1].name}.")
                    index += 1
                except EngineError as exc:
                    give_up(index, exc.message, item.title, exc)
                    index = current
            result.clips[text] = clip
            result.engines[text] = name
            if was_cached:
                result.cached += 1
            else:
                result.synthesized += 1
            if name not in spoken_by:
                spoken_by.append(name)
            done += 1
            if progress is not None:
                progress(SynthProgress(number, len(items), item.title, done, total,
                                       result.cached, result.synthesized, name))
        order = [s.name for s in speakers]
        result.by_item.append((item.title, tuple(sorted(spoken_by, key=order.index))))
    if result.synthesized:
        cache.prune(keep=set(result.clips.values()))  # [cache] max_mb; this build's clips stay
    return result


def engines_by_item_json(by_item: Sequence[tuple[str, tuple[str, ...]]], kept_titles: Sequence[str]) -> str:
    """The ENGINES_BY_ITEM tag: JSON list of {"title", "engines"} for the chapters kept after fitting."""
    kept = list(kept_titles)
    rows = []
    for title, engines in by_item:
        if engines and title in kept:
            kept.remove(title)
            rows.append({"title": title, "engines": list(engines)})
    return json.dumps(rows, ensure_ascii=False)


def _cached(result: SynthResult, speakers: Sequence[Speaker], cache: ClipCache, text: str):
    """(clip, engine, True) when ``text`` is already spoken in this build or cached; else (None, "", False)."""
    if text in result.clips:
        return result.clips[text], result.engines[text], True
    for speaker in speakers:
        found = cache.lookup(speaker.engine, speaker.voice, text)
        if found is not None:
            return found, speaker.name, True
    return None, "", False
