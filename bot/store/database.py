"""The one SQLite database, and the one thread that touches it.

Threading model: every read and write runs on a single dedicated worker thread that owns
the connection. Async callers ``await store.run(fn, ...)``; synchronous callers (the CLI)
use ``store.call(fn, ...)``. ``fn`` receives the sqlite-utils ``Database`` and runs alone,
so a function is one consistent unit of work; functions that write wrap their writes in
``db.atomic()`` so a crash never leaves half an item, decision or delivery behind.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from sqlite_utils import Database

from bot.store.migrations import migrations

T = TypeVar("T")
P = ParamSpec("P")


def open_database(path: str | Path) -> Database:
    """Open (creating if needed) and migrate the database at ``path``."""
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=30)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=30000")
    db = Database(conn, execute_plugins=False)
    migrations.apply(db)
    return db


class Store:
    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="victories-db")
        self.db: Database = self._executor.submit(open_database, self.path).result()

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
