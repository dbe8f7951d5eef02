"""What keeps the studio safe: the station password, sessions, CSRF tokens, Host and Origin checks, paths.

The password is stored as an scrypt hash with a random salt in the station
folder; it is never stored or logged in clear.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import os
import secrets
import time
from pathlib import Path

from bulletin.errors import ConfigError, UsageError

PASSWORD_FILE = ".studio-password"
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
MIN_PASSWORD = 8
MAX_FAILURES, LOCK_WINDOW = 5, 60.0  # wrong passwords allowed per minute


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """"scrypt$n$r$p$salt$hash" (hex)."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=32, **_SCRYPT)
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    try:
        kind, n, r, p, salt, digest = stored.strip().split("$")
        if kind != "scrypt":
            return False
        found = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                               dklen=len(bytes.fromhex(digest)))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(found.hex(), digest)


def password_path(root: Path) -> Path:
    return Path(root) / PASSWORD_FILE


def stored_password(root: Path) -> str | None:
    """The stored hash, or None when the station has no studio password."""
    path = password_path(root)
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8").strip()
    if not text.startswith("scrypt$"):
        raise ConfigError("tệp mật khẩu của trang làm việc bị hỏng; đặt lại bằng lệnh: bulletin password", path=path)
    return text


def set_password(root: Path, password: str) -> Path:
    """Store the hash of ``password`` (readable by the owner only), replacing any earlier one."""
    if len(password) < MIN_PASSWORD:
        raise UsageError(f"mật khẩu quá ngắn: cần ít nhất {MIN_PASSWORD} ký tự")
    path = password_path(root)
    tmp = path.with_name(path.name + ".part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(hash_password(password) + "\n")
    os.replace(tmp, path)
    return path


def remove_password(root: Path) -> bool:
    path = password_path(root)
    if path.is_file():
        path.unlink()
        return True
    return False


def is_loopback(host: str) -> bool:
    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
        return True
    except ValueError:
        return False


def split_host(value: str) -> tuple[str, int | None]:
    """"example:8080" -> ("example", 8080); "[::1]:80" -> ("::1", 80)."""
    value = value.strip().lower()
    if value.startswith("["):
        host, _, rest = value[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else ""
    elif value.count(":") == 1:
        host, _, port = value.partition(":")
    else:
        host, port = value, ""
    try:
        return host, int(port) if port else None
    except ValueError:
        return host, -1


class Guard:
    """Per-server secrets: sessions, CSRF tokens, the names the server answers to."""

    def __init__(self, *, host: str, port: int, password: str | None, allowed_hosts: tuple[str, ...] = ()):
        self.host = host
        self.port = port
        self.password = password  # the stored hash, or None
        self.allowed = {h.lower() for h in allowed_hosts} | {host.lower().strip("[]"), "localhost", "127.0.0.1", "::1"}
        self.secret = secrets.token_bytes(32)
        self.sessions: set[str] = set()  # logged-in session ids
        self.failures: list[float] = []  # times of recent wrong passwords

    # Host (DNS rebinding): a name the server was started with, or an IP address, on the server's port.
    def host_ok(self, header: str | None) -> bool:
        if not header:
            return False
        name, port = split_host(header)
        if port not in (None, self.port):
            return False
        return name in self.allowed or _is_ip(name)

    def origin_ok(self, origin: str | None, fetch_site: str | None, host_header: str | None) -> bool:
        """A state-changing request must come from this site (or from no browser page at all)."""
        if fetch_site and fetch_site.lower() not in ("same-origin", "none"):
            return False
        if origin is None:
            return True
        if origin == "null":
            return False
        _scheme, _, rest = origin.partition("://")
        return bool(host_header) and rest.lower() == host_header.strip().lower()

    def csrf_token(self, session: str) -> str:
        return hmac.new(self.secret, b"csrf:" + session.encode(), hashlib.sha256).hexdigest()

    def csrf_ok(self, session: str, token: str | None) -> bool:
        return bool(session and token) and hmac.compare_digest(self.csrf_token(session), token or "")

    @property
    def needs_login(self) -> bool:
        return self.password is not None

    def logged_in(self, session: str) -> bool:
        return not self.needs_login or session in self.sessions

    def wait_seconds(self, now: float | None = None) -> int:
        """Seconds before another password may be tried (after too many wrong ones in a minute)."""
        now = time.monotonic() if now is None else now
        self.failures = [t for t in self.failures if now - t < LOCK_WINDOW]
        if len(self.failures) < MAX_FAILURES:
            return 0
        return int(LOCK_WINDOW - (now - self.failures[-MAX_FAILURES])) + 1

    def login(self, password: str) -> str | None:
        """A new session id when ``password`` is right."""
        if self.password is None or not check_password(password, self.password):
            self.failures.append(time.monotonic())
            return None
        session = secrets.token_urlsafe(32)
        self.sessions.add(session)
        return session

    def logout(self, session: str) -> None:
        self.sessions.discard(session)


class OutsideStation(Exception):
    """A path that would leave the station folder."""


def inside(root: Path, relative: str) -> Path:
    """``relative`` resolved inside ``root``; :class:`OutsideStation` for anything else."""
    if not relative or "\x00" in relative or relative.startswith(("/", "\\")) or ":" in relative:
        raise OutsideStation(relative)
    base = Path(root).resolve()
    target = (base / relative).resolve()
    if target != base and base not in target.parents:
        raise OutsideStation(relative)
    return target


def relative_to_station(root: Path, path: Path) -> str:
    return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
