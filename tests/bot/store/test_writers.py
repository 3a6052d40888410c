"""Writers on one database file in one process take turns on a lock of ours (issue 18,
P6), so the next one starts the moment the last one commits instead of sleeping in
SQLite's busy handler; other processes still meet SQLite's own lock."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest

from bot.store import writers
from bot.store.database import Store


def put(db, key: str) -> None:
    db.execute("INSERT INTO state (community_id, key, value) VALUES (1, ?, 'x')", [key])


def test_every_path_to_a_file_shares_one_lock(tmp_path, db_path):
    store = Store(db_path)
    try:
        link = tmp_path / "link.db"
        link.symlink_to(db_path)
        assert writers.lock_for(link) is writers.lock_for(db_path) is store.db.writer
        assert writers.lock_for(tmp_path / "other.db") is not store.db.writer
    finally:
        store.close()


def test_a_second_writer_begins_only_after_the_first_commits(db_path):
    first, second = Store(db_path), Store(db_path, checkpoints=False)
    events: list[str] = []
    holding, release, entering = threading.Event(), threading.Event(), threading.Event()

    def slow_write(db) -> None:
        with db.atomic():
            put(db, "first")
            holding.set()
            release.wait(30)
            events.append("first commits")

    def trace(sql: str) -> None:
        if sql.startswith("BEGIN IMMEDIATE"):
            events.append("second begins")

    def quick_write(db) -> None:
        db.conn.set_trace_callback(trace)
        entering.set()
        with db.atomic():
            put(db, "second")

    try:
        one = threading.Thread(target=lambda: first.call(slow_write))
        one.start()
        assert holding.wait(30)
        two = threading.Thread(target=lambda: second.call(quick_write))
        two.start()
        assert entering.wait(30)
        time.sleep(0.2)  # room for the second writer to reach the database, if it could
        assert first.db.writer is not None and first.db.writer.locked()
        release.set()
        one.join(30)
        two.join(30)
        assert events == ["first commits", "second begins"]
        keys = second.call(lambda db: [r[0] for r in db.execute("SELECT key FROM state")])
        assert {"first", "second"} <= set(keys)
    finally:
        release.set()
        second.close()
        first.close()


def test_a_writer_that_cannot_get_its_turn_fails_like_a_busy_database(db_path):
    first, second = Store(db_path), Store(db_path, busy_timeout=0.05, checkpoints=False)
    holding, release = threading.Event(), threading.Event()

    def slow_write(db) -> None:
        with db.atomic():
            put(db, "first")
            holding.set()
            release.wait(30)

    try:
        one = threading.Thread(target=lambda: first.call(slow_write))
        one.start()
        assert holding.wait(30)

        def write(db) -> None:
            with db.atomic():
                put(db, "second")

        with pytest.raises(sqlite3.OperationalError, match="database is locked"):
            second.call(write)
        release.set()
        one.join(30)
        second.call(write)  # its turn comes once the first has committed
    finally:
        release.set()
        second.close()
        first.close()
