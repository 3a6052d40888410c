"""Signed requests already served, remembered across restarts (the Slack replay guard).

A request is refused by its signature's time check once its timestamp is more than five
minutes off, so a signature is kept until then and pruned after.

The check is answered from memory: the last five minutes' signatures, read from the
database at the first check. A new signature is written behind the answer, with the
others of the same moment in one transaction, so no member's ack waits on a disk sync
for it (P1: waiting on that write cost about 8 ms of every ack's median under load).
Stopping writes what is left; a crash can forget only the signatures of its last moment
(``WRITE_AFTER``), which a replay would then have to hit within five minutes.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3

from bot.store.database import Store
from bot.store.sqlite import Database

log = logging.getLogger("victories.store")

WINDOW = 5 * 60  # seconds: the platform's own timestamp check refuses anything older
WRITE_AFTER = 0.2  # seconds: new signatures are written together this long after the first
PRUNE_EVERY = 30.0  # seconds between sweeps of the signatures held in memory


def remember(db: Database, requests: list[tuple[str, float]], *, now: float) -> None:
    """Record each (signature, stamp) in one transaction, pruning what is past the window."""
    with db.atomic():
        db.execute("DELETE FROM seen_requests WHERE stamp < ?", [now - WINDOW])
        db.conn.executemany(
            "INSERT OR IGNORE INTO seen_requests (signature, stamp) VALUES (?, ?)", requests
        )


def recent(db: Database, *, now: float) -> dict[str, float]:
    """The signatures still inside the window, with their stamps."""
    rows = db.execute(
        "SELECT signature, stamp FROM seen_requests WHERE stamp >= ?", [now - WINDOW]
    ).fetchall()
    return dict(rows)


def count(db: Database) -> int:
    return int(db.execute("SELECT count(*) FROM seen_requests").fetchone()[0])


class SeenRequests:
    """The seen signatures, in memory and on their own connection and thread (their
    writes never queue behind the bot's database work). The connection opens on the
    first check, so ``doctor`` opens none."""

    def __init__(self, db_path: str, *, write_after: float = WRITE_AFTER) -> None:
        self.db_path = db_path
        self._write_after = write_after
        self._store: Store | None = None
        self._known: dict[str, float] | None = None  # signature -> its stamp
        self._loading: asyncio.Future[dict[str, float]] | None = None
        self._unwritten: list[tuple[str, float]] = []
        self._writing: set[asyncio.Future[None]] = set()
        self._timer: asyncio.TimerHandle | None = None
        self._now = 0.0  # the latest check's clock, for pruning
        self._pruned = 0.0

    def _opened(self) -> Store:
        if self._store is None:
            # The bot's own store on this file already runs the checkpoints.
            self._store = Store(self.db_path, checkpoints=False)
        return self._store

    async def first_time(self, signature: str, *, stamp: float, now: float) -> bool:
        """True, and remembered, if ``signature`` was not seen inside the window."""
        known = self._known if self._known is not None else await self._load(now)
        self._now = max(self._now, now)
        if now - self._pruned >= PRUNE_EVERY:
            self._prune(known, now)
        if signature in known:
            return False
        known[signature] = stamp
        self._unwritten.append((signature, stamp))
        if self._timer is None:
            self._timer = asyncio.get_running_loop().call_later(self._write_after, self._write)
        return True

    async def _load(self, now: float) -> dict[str, float]:
        if self._loading is None:  # checks arriving meanwhile share the one read
            self._loading = asyncio.ensure_future(self._opened().run(recent, now=now))
        loading = self._loading
        try:
            loaded = await asyncio.shield(loading)
        except Exception:
            if self._loading is loading:  # the next check reads again (e.g. after "locked")
                self._loading = None
            raise
        if self._known is None:
            self._known, self._pruned = loaded, now
        return self._known

    def _prune(self, known: dict[str, float], now: float) -> None:
        for signature in [s for s, stamp in known.items() if stamp < now - WINDOW]:
            del known[signature]
        self._pruned = now

    def _write(self) -> None:
        """Start writing what is unwritten (at once, so ``close`` finds it queued)."""
        self._timer = None
        if not self._unwritten or self._store is None:
            return
        batch, self._unwritten = self._unwritten, []
        done = asyncio.wrap_future(self._store.submit(remember, batch, now=self._now))
        self._writing.add(done)
        done.add_done_callback(self._written)

    def _written(self, done: asyncio.Future[None]) -> None:
        self._writing.discard(done)
        if not done.cancelled() and done.exception() is not None:
            # Still refused in memory; only a restart inside the window would forget them.
            log.warning("signed requests not recorded error=%r", done.exception())

    async def flush(self) -> None:
        """Write every signature seen so far, and wait until it is written."""
        if self._timer is not None:
            self._timer.cancel()
        self._write()
        if self._writing:  # waited for, never cancelled with the caller: they still land
            await asyncio.wait(list(self._writing))

    async def count(self) -> int:
        await self.flush()
        return await self._opened().run(count)

    def close(self) -> None:
        """Write what is left, then close the connection (at shutdown)."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._store is not None:
            batch, self._unwritten = self._unwritten, []
            try:
                if batch:  # queued after any write under way: the thread keeps their order
                    self._store.call(remember, batch, now=self._now)
            except sqlite3.Error as err:
                log.warning("signed requests not recorded at shutdown error=%r", err)
            finally:
                self._store.close()
            self._store = None
        # Used again (a connection restarted): read the database afresh, on a new store.
        self._known = self._loading = None
