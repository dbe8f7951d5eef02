"""Tamper evidence: checking the per-origin hash chains of the log (pure).

Each log file has an id; every entry first written in it names that id as its
*origin*, its position ``seq`` in that origin's chain, the id and hash of the
entry before it, and its own hash over all of that. The log also keeps, per
origin, the head of the chain (last seq, id, hash). A record changed, removed
or inserted by anything but bulletin breaks one of these links.

Limits: this is evidence against accidents and casual edits, not a signature.
Someone who rewrites the whole chain with bulletin's own hash function can
forge it; an exported copy kept elsewhere (or the head hash printed on a
report) is what proves an old state.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bulletin.log.record import Broadcast, entry_hash

CHANGED, REMOVED, INSERTED = "changed", "removed", "inserted"


@dataclass(frozen=True)
class Head:
    """The last entry of one origin's chain, as the log records it."""

    origin: str
    name: str
    seq: int
    id: str
    hash: str


@dataclass(frozen=True)
class Problem:
    kind: str  # changed | removed | inserted
    entry_id: str
    origin: str
    seq: int
    detail: str  # Vietnamese, for the operator


@dataclass(frozen=True)
class Verification:
    entries: int
    origins: int
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def check_chains(entries: Iterable[Broadcast], heads: Mapping[str, Head]) -> list[Problem]:
    """Every break in the chains of ``entries`` against the recorded ``heads``."""
    problems: list[Problem] = []
    by_origin: dict[str, list[Broadcast]] = {origin: [] for origin in heads}
    known_ids: set[str] = set()
    for entry in entries:
        known_ids.add(entry.id)
        if entry.origin in heads and entry.seq > 0:
            by_origin[entry.origin].append(entry)
        else:
            problems.append(Problem(INSERTED, entry.id, entry.origin, entry.seq,
                                    "không thuộc chuỗi nào của sổ: được chèn thẳng vào tệp, không qua bulletin"))
    for origin, chain in by_origin.items():
        problems += _check_one(sorted(chain, key=lambda e: e.seq), heads[origin])
    for chain in by_origin.values():
        for entry in chain:
            if entry.supersedes and entry.supersedes not in known_ids:
                problems.append(Problem(REMOVED, entry.supersedes, entry.origin, 0,
                                        f"bản ghi được bản ghi {entry.id} sửa/hủy không còn trong sổ"))
    return _unique(problems)


def _check_one(chain: list[Broadcast], head: Head) -> list[Problem]:
    problems: list[Problem] = []
    prev: Broadcast | None = None
    prev_intact = True
    for entry in chain:
        if entry.seq > head.seq:
            problems.append(Problem(INSERTED, entry.id, head.origin, entry.seq,
                                    f"nằm sau bản ghi cuối cùng mà sổ đã ghi nhận (số {head.seq})"))
            continue
        if prev is not None and entry.seq == prev.seq:
            problems.append(Problem(INSERTED, entry.id, head.origin, entry.seq,
                                    f"trùng số thứ tự {entry.seq} với bản ghi {prev.id}"))
            continue
        intact = entry_hash(entry) == entry.hash
        if not intact:
            problems.append(Problem(CHANGED, entry.id, head.origin, entry.seq,
                                    "nội dung khác với lúc ghi (mã băm không khớp)"))
        expected = prev.seq + 1 if prev else 1
        if entry.seq > expected:
            missing = f"số {expected}" if entry.seq == expected + 1 else f"các số {expected} đến {entry.seq - 1}"
            problems.append(Problem(REMOVED, entry.prev_id or "?", head.origin, entry.seq - 1,
                                    f"đã bị xóa khỏi sổ ({missing} trong chuỗi, ngay trước bản ghi {entry.id})"))
        elif prev is not None and entry.prev_hash != prev.hash and intact and prev_intact:
            problems.append(Problem(CHANGED, prev.id, head.origin, prev.seq,
                                    f"bản ghi này hoặc bản ghi sau nó ({entry.id}) đã bị sửa rồi tính lại mã băm"))
        elif prev is not None and entry.prev_id != prev.id and intact:
            problems.append(Problem(CHANGED, entry.id, head.origin, entry.seq,
                                    f"liên kết tới bản ghi trước ({prev.id}) không khớp"))
        prev, prev_intact = entry, intact
    last_seq = prev.seq if prev else 0
    if last_seq < head.seq:
        missing = f"số {head.seq}" if last_seq + 1 == head.seq else f"các số {last_seq + 1} đến {head.seq}"
        problems.append(Problem(REMOVED, head.id, head.origin, head.seq,
                                f"đã bị xóa khỏi sổ ({missing}, cuối chuỗi)"))
    elif prev is not None and prev.seq == head.seq and (prev.hash != head.hash or prev.id != head.id) and prev_intact:
        problems.append(Problem(CHANGED, prev.id, head.origin, prev.seq,
                                "khác với bản ghi cuối cùng mà sổ đã ghi nhận"))
    return problems


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[str, str]] = set()
    result = []
    for problem in problems:
        if (problem.kind, problem.entry_id) not in seen:
            seen.add((problem.kind, problem.entry_id))
            result.append(problem)
    return result


def describe(problem: Problem, origin_name: str = "") -> str:
    """One line for the operator: what happened to which record."""
    what = {CHANGED: "BỊ SỬA", REMOVED: "BỊ XÓA", INSERTED: "BỊ CHÈN"}[problem.kind]
    where = f" [nguồn {origin_name}]" if origin_name else ""
    return f"{what}: bản ghi {problem.entry_id}{where} – {problem.detail}"
