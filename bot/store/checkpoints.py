"""WAL checkpoints on their own connection and thread, never inside a member's commit.

SQLite's automatic checkpoint (every 1000 pages of WAL) runs in whichever connection
commits past the threshold: on our database thread, inside the commit of some member's
item. It copies those pages into the database file and syncs it (synchronous=FULL), and
every ack waiting on that thread waits too (5-45 ms measured under P6's load, far more
when other processes keep the disk busy). So the store's connections turn it off
(``PRAGMA wal_autocheckpoint=0``) and this thread checkpoints instead.

Every ``interval`` seconds it runs a PASSIVE checkpoint: it copies what it can without
taking any lock a writer needs, so writers never wait for it. But a passive checkpoint
only lets the WAL start over once it has caught up with every commit, and under a load
that never pauses it keeps chasing new frames: the WAL would grow without end (measured:
30 MB from 30 MB written, with a checkpoint every millisecond). So when the WAL holds
more than ``limit`` bytes, ``restart`` runs a RESTART checkpoint on the writer's own
thread, queued like any other unit of work (from another connection it would poll for
the write lock and starve behind a busy writer). The passive pass just before it copied
nearly everything, so the writer pauses only for what came in since: rare and short.
Closing runs one TRUNCATE checkpoint, leaving an empty WAL.

Durability is unchanged: each commit is synced to the WAL before it returns, and a
checkpoint interrupted by a crash is simply done again from the WAL on the next open.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger("victories.store")

INTERVAL = 0.5  # seconds between passive checkpoints
LIMIT = 32 * 1024 * 1024  # bytes of WAL past which the writer's thread starts it over
WAL_FRAME_HEADER = 24  # bytes before each page in the WAL file


class Checkpointer:
    """A thread checkpointing the database at ``path`` until ``stop()``. ``restart``:
    runs ``PRAGMA wal_checkpoint(RESTART)`` on the writer's thread (None: on our own
    connection, for a process whose writes pause)."""

    def __init__(
        self,
        path: str | Path,
        *,
        connect: Callable[[str], sqlite3.Connection],
        restart: Callable[[], object] | None = None,
        interval: float | None = None,
        limit: int | None = None,
    ) -> None:
        self.path = str(path)
        self.interval = INTERVAL if interval is None else interval
        self.limit = LIMIT if limit is None else limit
        self.restarts = 0  # times the WAL outgrew the limit
        self._restart = restart
        self.turns = 0  # checkpoints run so far (tests wait on it, not on time)
        self._connect = connect
        self._stopping = threading.Event()
        self._turned = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="victories-checkpoints", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        conn = self._connect(self.path)
        try:
            # The sync after copying pages into the database file is what makes reusing
            # the WAL safe: set here, not left to how SQLite was built.
            conn.execute("PRAGMA synchronous=FULL")
            page = conn.execute("PRAGMA page_size").fetchone()[0]
            while not self._stopping.wait(self.interval):
                self._turn(conn, page)
            # An empty WAL behind a clean stop, unless another writer is still at work.
            conn.execute("PRAGMA busy_timeout=1000")
            self._checkpoint(conn, "TRUNCATE")
        finally:
            conn.close()

    def _turn(self, conn: sqlite3.Connection, page: int) -> None:
        _, frames, _ = self._checkpoint(conn, "PASSIVE")
        if frames * (page + WAL_FRAME_HEADER) > self.limit:
            self.restarts += 1
            if self._restart is None:
                self._checkpoint(conn, "RESTART")
            else:
                try:
                    self._restart()
                except (sqlite3.Error, RuntimeError) as err:  # the store is closing
                    log.debug("checkpoint restart skipped: %s", err)
        with self._turned:
            self.turns += 1
            self._turned.notify_all()

    def _checkpoint(self, conn: sqlite3.Connection, mode: str) -> tuple[int, int, int]:
        try:
            busy, frames, copied = conn.execute(f"PRAGMA wal_checkpoint({mode})").fetchone()
        except sqlite3.Error as err:  # e.g. the disk is full: the next turn tries again
            log.warning("checkpoint failed mode=%s error=%s", mode, err)
            return 0, 0, 0
        return busy, frames, copied

    def wait_turns(self, count: int, timeout: float) -> bool:
        """Wait until ``count`` more checkpoints have run (False if ``timeout`` passed)."""
        with self._turned:
            target = self.turns + count
            return self._turned.wait_for(lambda: self.turns >= target, timeout)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def stop(self) -> None:
        """Stop the thread after its last checkpoint; return once it has ended."""
        self._stopping.set()
        self._thread.join()
