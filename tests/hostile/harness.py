"""Running the real CLI on hostile input, in a child process with bounded memory and time.

Every hostile case ends the same way for the operator: exit code 1 or 2, a Vietnamese
message (naming the file, and the line where there is one), no traceback, no output or
temporary file left behind, and the broadcast log byte-identical (or still verifying).
"""

from __future__ import annotations

import hashlib
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

MEMORY_LIMIT = 2 * 1024**3  # address space of the child, bytes
TIME_LIMIT = 60.0  # seconds of wall time per command

# Words that only appear when Python itself gives up: never acceptable output.
TRACEBACK_MARKS = ("Traceback (most recent call last)", "MemoryError", "RecursionError")
VIETNAMESE = set("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


@dataclass(frozen=True)
class Outcome:
    code: int
    output: str
    seconds_limit_hit: bool = False
    peak_kb: int = 0  # the child's peak resident memory (with the programs it ran), KiB


# Peak memory of every bounded run in this session: (peak KiB, command); the worst is reported.
PEAKS: list[tuple[int, str]] = []


def _limit_child() -> None:  # runs in the child before exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    os.setsid()


def run_bounded(*args: str | Path, cwd: Path, env: dict | None = None, stdin: bytes | None = None,
                timeout: float = TIME_LIMIT) -> Outcome:
    """``python -m bulletin ARGS`` under the memory and time limits; output is stdout+stderr.

    The child is reaped with ``wait4`` so its own peak memory (ru_maxrss, which includes the
    programs it started and waited for) is measured per run.
    """
    environment = {**os.environ, **(env or {}), "PYTHONIOENCODING": "utf-8"}
    command = [sys.executable, "-m", "bulletin", *map(str, args)]
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen(command, cwd=cwd, env=environment, stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                                   preexec_fn=_limit_child)
        if stdin is not None:
            process.stdin.write(stdin)
            process.stdin.close()
        deadline = time.monotonic() + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                os.killpg(process.pid, signal.SIGKILL)
                os.wait4(process.pid, 0)
                process.returncode = -9
                out.seek(0)
                return Outcome(-1, out.read().decode("utf-8", "replace"), True)
            time.sleep(0.02)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        output = out.read().decode("utf-8", "replace")
    PEAKS.append((usage.ru_maxrss, " ".join(map(str, args))))
    return Outcome(process.returncode, output, peak_kb=usage.ru_maxrss)


def snapshot(folder: Path) -> dict[str, str]:
    """Every regular file below ``folder`` with its SHA-256 (to prove nothing was left or changed)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            found[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def assert_refused(outcome: Outcome, *, names: str | None = None, line: int | None = None) -> None:
    """The command refused the input the way an operator can act on."""
    assert not outcome.seconds_limit_hit, f"still running after {TIME_LIMIT} s:\n{outcome.output[-2000:]}"
    assert outcome.code in (1, 2), f"exit {outcome.code}:\n{outcome.output[-3000:]}"
    for mark in TRACEBACK_MARKS:
        assert mark not in outcome.output, outcome.output[-3000:]
    assert VIETNAMESE & set(outcome.output.lower()), f"no Vietnamese message:\n{outcome.output[-2000:]}"
    if names is not None:
        assert names in outcome.output, f"message does not name {names!r}:\n{outcome.output[-2000:]}"
    if line is not None:
        assert f"dòng {line}" in outcome.output, f"message does not name line {line}:\n{outcome.output[-2000:]}"


def assert_nothing_left(before: dict[str, str], after: dict[str, str], *, allowed: tuple[str, ...] = ()) -> None:
    """No file appeared (output or temporary), none changed, none vanished."""
    new = {k for k in after if k not in before and not k.startswith(allowed)}
    changed = {k for k in before if k in after and before[k] != after[k] and not k.startswith(allowed)}
    gone = {k for k in before if k not in after and not k.startswith(allowed)}
    assert not new and not changed and not gone, f"new {sorted(new)}, changed {sorted(changed)}, gone {sorted(gone)}"
