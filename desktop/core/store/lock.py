"""One writer per archive, enforced with an OS file lock.

The lock is an advisory ``flock`` (POSIX) or ``msvcrt.locking`` (Windows)
on ``archive.lock``.  The operating system drops it when the process dies,
so a crash never leaves a stale lock: the next LuuTru simply takes it.  The
file also records who holds it, for the message the second user sees.
"""

from __future__ import annotations

import getpass
import json
import os
from pathlib import Path

LOCK_NAME = "archive.lock"


class LockHeld(Exception):
    def __init__(self, holder: dict):
        self.holder = holder
        who = f"{holder.get('user', '?')}@{holder.get('host', '?')} (pid {holder.get('pid', '?')})"
        super().__init__(f"kho đang được mở để sửa bởi {who} (archive is open for writing elsewhere)")


def _try_lock(fd: int) -> bool:
    try:
        if os.name == "nt":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


class ArchiveLock:
    def __init__(self, root: Path, name: str = LOCK_NAME):
        self.path = Path(root) / name
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        if not _try_lock(fd):
            holder = self.holder()
            os.close(fd)
            raise LockHeld(holder)
        import socket  # here: a search that takes no lock (quick_search.py) need not load it

        info = json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "user": current_user()}).encode()
        os.lseek(fd, 1, os.SEEK_SET)  # byte 0 is the locked byte on Windows
        os.ftruncate(fd, 1)
        os.write(fd, info)
        self._fd = fd

    def holder(self) -> dict:
        try:
            raw = self.path.read_bytes()[1:]
            return json.loads(raw.decode("utf-8")) if raw else {}
        except (OSError, ValueError):
            return {}

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the OS lock
            self._fd = None


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "?"
