"""One running bot per database: an OS lock the kernel releases even on a crash.

The lock is taken on the database file itself (``flock`` on its inode), not on a name
derived from the path's text, so a symlink or any other path to the same file finds it
held. SQLite's own locks are POSIX record locks, which ``flock`` does not touch.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path


class AlreadyRunning(Exception):
    pass


def _holder(db_path: Path) -> str:
    try:
        pid = _pid_file(db_path).read_text().strip()
    except OSError:
        pid = ""
    return f"Another bot (pid {pid})" if pid else "Another bot"


def _pid_file(db_path: Path) -> Path:
    # Informational only (who holds it); beside the real file, whatever path was used.
    return Path(f"{os.path.realpath(db_path)}.lock")


class ProcessLock:
    def __init__(self, db_path: str) -> None:
        self.db_path = Path(db_path)
        self._fds: list[int] = []

    def acquire(self) -> None:
        # Created owner-only if new: the database holds members' names and IDs.
        fd = os.open(self.db_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise AlreadyRunning(
                f"{_holder(self.db_path)} is already running on this database. "
                "Only one may run at a time, so that no issue is ever posted twice."
            ) from None
        self._fds.append(fd)
        with contextlib.suppress(OSError):  # the pid is a courtesy; the lock is the file's
            _pid_file(self.db_path).write_text(str(os.getpid()))

    def hold_too(self, path: str | Path) -> None:
        """Also lock ``path``, a file about to replace the database (``restore``), so the
        new file is held from the moment it takes the database's name."""
        fd = os.open(path, os.O_RDWR)
        fcntl.flock(fd, fcntl.LOCK_EX)
        self._fds.append(fd)

    def release(self) -> None:
        while self._fds:
            fd = self._fds.pop()
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
