"""One write transaction at a time per database file in this process, queued here.

The bot has two connections on its database in one process: the store's and the replay
guard's (``seen``), each on its own thread. SQLite lets one of them write at a time, and
the other waits in SQLite's busy handler, which polls by sleeping 1, 2, 5, 10, 15, 20,
25 ms and longer: under P6's load the guard's transaction, which every Slack ack waits
for, was measured waiting 35-114 ms behind store transactions of 20-60 ms. Waiting on a
lock of our own instead wakes the next writer the moment the last one commits.
SQLite's own lock still guards against other processes, as before.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

_locks: dict[str, threading.Lock] = {}
_guard = threading.Lock()


def lock_for(path: str | Path) -> threading.Lock:
    """The writers' lock of the file at ``path`` (the same for any path to it)."""
    key = os.path.realpath(path)
    with _guard:
        return _locks.setdefault(key, threading.Lock())


@contextlib.contextmanager
def turn(lock: threading.Lock | None, timeout: float) -> Iterator[None]:
    """Hold ``lock`` for one transaction, waiting at most ``timeout`` seconds for it, as
    SQLite's busy timeout would (the same error, so callers tell members the same)."""
    if lock is None:
        yield
        return
    if not lock.acquire(timeout=timeout):
        raise sqlite3.OperationalError("database is locked")
    try:
        yield
    finally:
        lock.release()
