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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from bot.store.migrations import migrations
from bot.store.sqlite import Database

T = TypeVar("T")
P = ParamSpec("P")
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
    db = Database(conn)
    migrations.apply(db)
    return db


class Store:
    def __init__(self, path: str | Path, *, busy_timeout: float = BUSY_TIMEOUT) -> None:
        self.path = str(path)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="victories-db")
        self.db: Database = self._executor.submit(
            open_database, self.path, busy_timeout=busy_timeout
        ).result()

    async def run(
        self, fn: Callable[Concatenate[Database, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, lambda: fn(self.db, *args, **kwargs))

    def call(
        self, fn: Callable[Concatenate[Database, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        return self._executor.submit(lambda: fn(self.db, *args, **kwargs)).result()

    def close(self) -> None:
        try:
            self._executor.submit(self.db.close).result()
        finally:
            self._executor.shutdown(wait=True)
