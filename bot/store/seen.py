"""Signed requests already served, remembered across restarts (the Slack replay guard).

A request is refused by its signature's time check once its timestamp is more than five
minutes off, so a signature is kept until then and pruned after.
"""

from __future__ import annotations

from sqlite_utils import Database

from bot.store.database import Store

WINDOW = 5 * 60  # seconds: the platform's own timestamp check refuses anything older


def first_time(db: Database, *, signature: str, stamp: float, now: float) -> bool:
    """Record ``signature`` (of a request stamped ``stamp``); False if it was seen before."""
    with db.atomic():
        db.execute("DELETE FROM seen_requests WHERE stamp < ?", [now - WINDOW])
        cursor = db.execute(
            "INSERT OR IGNORE INTO seen_requests (signature, stamp) VALUES (?, ?)",
            [signature, stamp],
        )
        return cursor.rowcount == 1


def count(db: Database) -> int:
    return int(db.execute("SELECT count(*) FROM seen_requests").fetchone()[0])


class SeenRequests:
    """The seen signatures on their own connection and thread: the check runs before a
    request's ack, so it must not wait behind the bot's database work (Slack gives up
    after 3 s). The connection opens on the first check, so ``doctor`` opens none."""

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self._store: Store | None = None

    def _opened(self) -> Store:
        if self._store is None:
            self._store = Store(self.db_path)
        return self._store

    async def first_time(self, signature: str, *, stamp: float, now: float) -> bool:
        return await self._opened().run(first_time, signature=signature, stamp=stamp, now=now)

    async def count(self) -> int:
        return await self._opened().run(count)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
