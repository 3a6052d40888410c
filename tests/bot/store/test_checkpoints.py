"""WAL checkpoints run on the Checkpointer's own thread, never inside a store's commit
(issue 18, P6): the WAL stays bounded under writes that never pause, and the thread ends
with its store."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from bot.store import checkpoints
from bot.store.database import Store, open_database

BLOB = 128 * 1024  # bytes written per transaction: 32 pages of 4 KiB


def wal_size(db_path: Path) -> int:
    try:
        return os.path.getsize(f"{db_path}-wal")
    except FileNotFoundError:
        return 0


def write_blob(conn: sqlite3.Connection, n: int) -> None:
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(
        "INSERT OR REPLACE INTO state (community_id, key, value) VALUES (1, ?, ?)",
        [f"blob-{n % 20}", os.urandom(BLOB // 2).hex()],
    )
    conn.execute("COMMIT")


def test_a_commit_never_checkpoints(db_path):
    db = open_database(db_path)
    try:
        assert db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
        for n in range(60):  # ~1,900 pages: twice SQLite's default auto-checkpoint
            write_blob(db.conn, n)
        # SQLite's default would have checkpointed (and started the WAL over) at 1000 pages.
        assert wal_size(db_path) > 1500 * 4096
        assert db.execute("SELECT count(*) FROM state WHERE key LIKE 'blob-%'").fetchone()[0] == 20
    finally:
        db.close()


def test_the_wal_stays_bounded_under_writes_that_never_pause(db_path, monkeypatch):
    # A writer in a tight loop: a passive checkpoint alone keeps chasing its new frames and
    # the WAL never starts over; past the limit the store's own thread restarts it.
    monkeypatch.setattr(checkpoints, "INTERVAL", 0.001)
    monkeypatch.setattr(checkpoints, "LIMIT", 1024 * 1024)
    store = Store(db_path)
    sizes = []
    try:
        for n in range(240):  # 30 MiB through the WAL
            store.call(lambda db, n=n: write_blob(db.conn, n))
            sizes.append(wal_size(db_path))
        assert store.checkpoints is not None and store.checkpoints.restarts > 0
    finally:
        store.close()
    # The WAL file grows only until the next turn sees it past the limit and the store's
    # thread restarts it (the file keeps its size, then fills again from the start).
    assert max(sizes) < 10 * 1024 * 1024, max(sizes) // 1024
    check = sqlite3.connect(db_path)
    try:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        count = "SELECT count(*) FROM state WHERE key LIKE 'blob-%'"
        assert check.execute(count).fetchone()[0] == 20
    finally:
        check.close()


def test_the_checkpointer_stops_with_its_store_and_leaves_the_wal_empty(db_path):
    store = Store(db_path)
    assert store.checkpoints is not None and store.checkpoints.running
    assert store.call(lambda db: db.execute("PRAGMA wal_autocheckpoint").fetchone()[0]) == 0
    for n in range(40):
        store.call(lambda db, n=n: write_blob(db.conn, n))
    assert store.checkpoints.wait_turns(1, timeout=60)
    store.close()
    assert not store.checkpoints.running
    assert wal_size(db_path) == 0  # the last checkpoint emptied it (or it was removed)
    reopened = Store(db_path)
    try:
        assert (
            reopened.call(
                lambda db: db.execute(
                    "SELECT count(*) FROM state WHERE key LIKE 'blob-%'"
                ).fetchone()[0]
            )
            == 20
        )
    finally:
        reopened.close()


def test_a_second_store_on_the_same_file_can_leave_checkpoints_to_the_first(db_path):
    first = Store(db_path)
    second = Store(db_path, checkpoints=False)
    try:
        assert second.checkpoints is None
        assert second.call(lambda db: db.execute("PRAGMA wal_autocheckpoint").fetchone()[0]) == 0
    finally:
        second.close()
        first.close()
