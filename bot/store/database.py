"""The one SQLite database, and the one thread that touches it.

Threading model: every read and write runs on a single dedicated worker thread that owns
the connection. Async callers ``await store.run(fn, ...)``; synchronous callers (the CLI)
use ``store.call(fn, ...)``. ``fn`` receives the ``Database`` (bot/store/sqlite.py) and runs alone,
so a function is one consistent unit of work; functions that write wrap their writes in
``db.atomic()`` so a crash never leaves half an item, decision or delivery behind.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from bot.store import writers
from bot.store.checkpoints import Checkpointer
from bot.store.migrations import migrations
from bot.store.sqlite import Database

T = TypeVar("T")
P = ParamSpec("P")
A = TypeVar("A")
B = TypeVar("B")
BUSY_TIMEOUT = 30.0  # seconds a writer waits for another process's write to finish


def connect(path: str | Path, *, busy_timeout: float = BUSY_TIMEOUT) -> sqlite3.Connection:
    """A connection that waits ``busy_timeout`` seconds for other writers. The file is
    created readable by its owner only: it holds members' names and IDs."""
    path = str(path)
    if not os.path.exists(path):
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    conn = sqlite3.connect(
        path, isolation_level=None, check_same_thread=False, timeout=busy_timeout
    )
    conn.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
    return conn


def open_database(path: str | Path, *, busy_timeout: float = BUSY_TIMEOUT) -> Database:
    """Open (creating if needed) and migrate the database at ``path``."""
    conn = connect(path, busy_timeout=busy_timeout)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    # No checkpoint inside a commit: the store's Checkpointer does them on its own thread.
    conn.execute("PRAGMA wal_autocheckpoint=0")
    db = Database(conn)
    db.writer, db.busy_timeout = writers.lock_for(path), busy_timeout
    migrations.apply(db)
    return db


def restart_wal(db: Database) -> None:
    db.execute("PRAGMA wal_checkpoint(RESTART)")


class Store:
    """``checkpoints``: run a Checkpointer for this file (False for a second store on the
    same file in the same process, which the first one's checkpoints already cover).

    ``wait=False`` returns while the database opens (and migrates) on its own thread: the
    caller does other work meanwhile (start-up builds the surfaces) and calls
    ``opened()``, which raises what opening raised. Work queued before then runs after it.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        busy_timeout: float = BUSY_TIMEOUT,
        checkpoints: bool = True,
        wait: bool = True,
    ) -> None:
        self.path = str(path)
        self._busy_timeout = busy_timeout
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="victories-db")
        self._opening: Future[Database] = self._executor.submit(
            open_database, self.path, busy_timeout=busy_timeout
        )
        self._want_checkpoints = checkpoints
        self.checkpoints: Checkpointer | None = None
        if wait:
            self.opened()

    def opened(self) -> Store:
        """Wait until the database is open and migrated (raising why not); start the
        checkpoints once it is."""
        self._opening.result()
        if self._want_checkpoints and self.checkpoints is None:
            self.checkpoints = Checkpointer(
                self.path,
                connect=lambda p: connect(p, busy_timeout=self._busy_timeout),
                restart=lambda: self.call(restart_wal),
            )
        return self

    @property
    def db(self) -> Database:
        """The connection: for functions run on the database thread (and tests)."""
        return self._opening.result()

    async def run(
        self, fn: Callable[Concatenate[Database, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        return await asyncio.wrap_future(self.submit(fn, *args, **kwargs))

    def call(
        self, fn: Callable[Concatenate[Database, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        return self.submit(fn, *args, **kwargs).result()

    def submit(
        self, fn: Callable[Concatenate[Database, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> Future[T]:
        """Queue ``fn`` on the database thread now; its result comes later."""
        return self._executor.submit(lambda: fn(self.db, *args, **kwargs))

    async def in_steps(
        self, read: Callable[[Database, list[A]], list[B]], items: list[A], size: int
    ) -> list[B]:
        """``read`` over ``items``, ``size`` at a time: one short turn of the database
        thread each, so members' writes get theirs in between."""
        found: list[B] = []
        for start in range(0, len(items), size):
            found += await self.run(read, items[start : start + size])
        return found

    def close(self) -> None:
        try:
            if self._opening.exception() is None:
                self._executor.submit(self.db.close).result()
        finally:
            self._executor.shutdown(wait=True)
            if self.checkpoints is not None:  # after the last write: its final checkpoint
                self.checkpoints.stop()
