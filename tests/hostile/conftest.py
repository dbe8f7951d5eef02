"""Reports the worst peak memory of the hostile suite's bounded child processes."""

from __future__ import annotations

from harness import MEMORY_LIMIT, PEAKS


def pytest_terminal_summary(terminalreporter):
    if not PEAKS:
        return
    peak, command = max(PEAKS)
    terminalreporter.write_line(
        f"hostile suite: {len(PEAKS)} bounded runs; worst peak memory {peak / 1024:.0f} MiB "
        f"(limit {MEMORY_LIMIT / 1024**3:.0f} GiB of address space): bulletin {command[:120]}")
