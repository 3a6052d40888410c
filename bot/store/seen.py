"""Signed requests already served, remembered across restarts (the Slack replay guard).

A request is refused by its signature's time check once its timestamp is more than five
minutes off, so a signature is kept until then and pruned after.
"""

from __future__ import annotations

from bot.background import Tasks
from bot.store.batching import Batcher
from bot.store.database import Store
from bot.store.sqlite import Database

WINDOW = 5 * 60  # seconds: the platform's own timestamp check refuses anything older


def first_times(db: Database, requests: list[tuple[str, float]], *, now: float) -> list[bool]:
    """Record each (signature, stamp); True for each seen for the first time. One
    transaction for all of them, which also prunes what is past the window."""
    with db.atomic():
        db.execute("DELETE FROM seen_requests WHERE stamp < ?", [now - WINDOW])
        return [
            db.execute(
                "INSERT OR IGNORE INTO seen_requests (signature, stamp) VALUES (?, ?)",
                [signature, stamp],
            ).rowcount
            == 1
            for signature, stamp in requests
        ]


def count(db: Database) -> int:
    return int(db.execute("SELECT count(*) FROM seen_requests").fetchone()[0])


class SeenRequests:
    """The seen signatures on their own connection and thread: the check runs before a
    request's ack, so it must not wait behind the bot's database work (Slack gives up
    after 3 s). The connection opens on the first check, so ``doctor`` opens none."""

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self._store: Store | None = None
        # Requests arriving together are recorded in one transaction (group commit), so
        # a burst of commands costs one disk sync before their acks, not one each.
        self._tasks = Tasks()
        self._batcher: Batcher[tuple[str, float, float], bool] = Batcher(
            self._record, tasks=self._tasks, what="recording signed requests"
        )

    async def _record(self, requests: list[tuple[str, float, float]]) -> list[bool]:
        now = max(now for _, _, now in requests)
        pairs = [(signature, stamp) for signature, stamp, _ in requests]
        return await self._opened().run(first_times, pairs, now=now)

    def _opened(self) -> Store:
        if self._store is None:
            self._store = Store(self.db_path)
        return self._store

    async def first_time(self, signature: str, *, stamp: float, now: float) -> bool:
        return await self._batcher.put((signature, stamp, now))

    async def count(self) -> int:
        return await self._opened().run(count)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
