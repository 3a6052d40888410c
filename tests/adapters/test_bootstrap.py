"""Building the bot: the database opens while the platforms' code loads, and a database
that cannot open stops start-up cleanly, with the one-bot lock given back."""

import sqlite3
import threading

import pytest

from adapters.bootstrap import open_bot
from adapters.environment import read_environment
from bot.config import parse_config
from bot.store import database
from bot.store.lock import ProcessLock

CONFIG = {"discord": {"review_channel": "1", "digest_channels": ["2"]}}


def environment(db_path):
    return read_environment({"VICTORIES_DB": str(db_path), "DISCORD_TOKEN": "d"})


def test_a_database_that_cannot_open_gives_the_lock_back_and_leaves_no_thread(
    tmp_path, monkeypatch
):
    db_path = tmp_path / "v.db"
    opened = []

    def cannot_open(path, **options):  # on the database thread, while adapters load
        opened.append(path)
        raise sqlite3.DatabaseError("file is not a database")

    monkeypatch.setattr(database, "open_database", cannot_open)
    before = {thread.name for thread in threading.enumerate()}
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        open_bot(parse_config(CONFIG, source="test"), environment(db_path))
    assert opened == [str(db_path)]  # it failed in the store, after the backup step
    lock = ProcessLock(str(db_path))
    lock.acquire()  # free: the failed start did not keep it
    lock.release()
    left = {thread.name for thread in threading.enumerate()} - before
    assert not [name for name in left if name.startswith("victories-")], left


def test_the_bot_is_built_with_its_database_open_and_migrated(tmp_path):
    bot = open_bot(parse_config(CONFIG, source="test"), environment(tmp_path / "v.db"))
    try:
        assert [surface.name for surface in bot.surfaces] == ["discord"]
        tables = bot.store.call(lambda db: db.table_names())
        assert "victories" in tables
        assert bot.store.checkpoints is not None and bot.store.checkpoints.running
    finally:
        bot.store.close()
        bot.lock.release()


def test_settings_refused_while_building_give_the_database_and_lock_back(tmp_path):
    db_path = tmp_path / "v.db"
    env = read_environment(
        {"VICTORIES_DB": str(db_path), "DISCORD_TOKEN": "d", "SMTP_URL": "smtp://127.0.0.1:1"}
    )
    before = set(threading.enumerate())
    with pytest.raises(ValueError, match="SMTP_URL needs EMAIL_FROM"):
        open_bot(parse_config(CONFIG, source="test"), env)
    lock = ProcessLock(str(db_path))
    lock.acquire()  # free again
    lock.release()
    left = [t.name for t in set(threading.enumerate()) - before if t.name.startswith("victories-")]
    assert not left
