"""Running the player as a service: a systemd unit (Linux) and a Task Scheduler command (Windows).

Both start ``bulletin onair`` in the station folder when the computer starts and restart it if
it stops; the player itself makes restarts safe (see :mod:`bulletin.air.onair`).
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

UNIT_NAME = "bulletin-onair.service"
TASK_NAME = "BulletinOnAir"


def command_line(root: Path, player: str = "ffplay") -> list[str]:
    """How the service starts the player: this Python, this package, this station."""
    return [sys.executable, "-m", "bulletin", "--config", str(Path(root).resolve() / "bulletin.toml"), "onair",
            "--player", player]


def systemd_unit(root: Path, player: str = "ffplay") -> str:
    """A user unit: starts with the session of the user whose sound output it uses; restarts on failure."""
    root = Path(root).resolve()
    return f"""[Unit]
Description=Bản tin: phát theo lịch và ghi sổ phát sóng ({root.name})
After=sound.target network-online.target

[Service]
Type=simple
WorkingDirectory={root}
ExecStart={shlex.join(command_line(root, player))}
Restart=always
RestartSec=10
# Ctrl+C-like stop: the airing in progress is logged as incomplete before the player exits.
KillSignal=SIGTERM
TimeoutStopSec=20

[Install]
WantedBy=default.target
"""


def schtasks_command(root: Path, player: str = "ffplay") -> str:
    """The Windows command that registers the player to start at logon (with the user's sound output)."""
    inner = subprocess.list2cmdline(command_line(root, player))
    return f'schtasks /Create /TN {TASK_NAME} /SC ONLOGON /RL LIMITED /F /TR "{inner.replace(chr(34), chr(92) + chr(34))}"'
