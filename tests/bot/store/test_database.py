import sqlite3

from bot.store.database import Store, open_database
from bot.store.migrations import migrations


def test_pragmas_and_schema(db_path):
    store = Store(db_path)
    try:
        pragmas = store.call(
            lambda db: {
                name: db.execute(f"PRAGMA {name}").fetchone()[0]
                for name in ("journal_mode", "foreign_keys", "synchronous")
            }
        )
        assert pragmas == {"journal_mode": "wal", "foreign_keys": 1, "synchronous": 2}
        tables = set(store.call(lambda db: db.table_names()))
        assert {
            "victories",
            "issues",
            "deliveries",
            "cards",
            "audit",
            "blocked",
            "state",
            "_sqlite_migrations",
        } <= tables
    finally:
        store.close()


def test_migrations_are_recorded_and_idempotent(db_path):
    open_database(db_path).close()
    db = open_database(db_path)
    assert migrations.applied(db) == [step.name for step in migrations.steps]
    assert migrations.pending(db) == []
    db.close()


def test_foreign_keys_are_enforced(db_path):
    db = open_database(db_path)
    try:
        db.execute("INSERT INTO cards VALUES ('slack', 'C1', '1.0', 999)")
    except sqlite3.IntegrityError:
        pass
    else:
        raise AssertionError("a card for a missing victory was accepted")
    finally:
        db.close()


async def test_async_callers_share_one_db_thread(db_path):
    import asyncio
    import threading

    store = Store(db_path)
    try:
        names = await asyncio.gather(
            *(store.run(lambda db: threading.current_thread().name) for _ in range(20))
        )
        assert len(set(names)) == 1 and names[0].startswith("victories-db")
        assert threading.current_thread().name != names[0]
    finally:
        store.close()


def test_opening_without_waiting_runs_queued_work_after_the_open(db_path):
    store = Store(db_path, wait=False)
    try:
        queued = store.submit(lambda db: db.execute("SELECT count(*) FROM victories").fetchone())
        assert store.opened() is store
        assert queued.result() == (0,)
        assert store.checkpoints is not None and store.checkpoints.running
    finally:
        store.close()
    assert not store.checkpoints.running


def test_a_failed_open_is_raised_by_opened_and_close_still_ends_the_thread(tmp_path):
    import pytest

    not_a_database = tmp_path / "v.db"
    not_a_database.write_bytes(b"this is not SQLite" * 100)
    store = Store(not_a_database, wait=False)
    with pytest.raises(sqlite3.DatabaseError):
        store.opened()
    store.close()
    assert store.checkpoints is None
    assert store._executor._shutdown
