"""Waiting writers wait (issue 12, item 4).

A transaction that reads and then writes must take the write lock first (BEGIN IMMEDIATE):
with a plain BEGIN its read snapshot goes stale when another process commits meanwhile,
and SQLite then refuses the write at once, without waiting the busy timeout.
"""

import datetime as dt
import os
import sqlite3
import stat
import threading

from bot.chat import commands
from bot.clock import ManualClock
from bot.core import Core
from bot.model import Actor, Submission
from bot.store.database import Store
from bot.submissions import intake
from tests.conftest import MEMBER, make_config

CONFIG = make_config(intake={"cooldown": "0s"})
NOW = dt.datetime(2026, 11, 25, 17, tzinfo=dt.UTC)


def test_a_read_then_write_waits_for_another_writer_instead_of_failing(db_path):
    store = Store(db_path, busy_timeout=20)
    started = threading.Event()

    def trace(sql: str) -> None:  # the store's connection reports each statement it starts
        if sql.startswith(("BEGIN IMMEDIATE", "INSERT")):
            started.set()

    store.call(lambda db: db.conn.set_trace_callback(trace))
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO state (community_id, key, value) VALUES (1, 'other', 'writer')")
    result: list = []
    worker = threading.Thread(
        target=lambda: result.append(
            _submit(store, Actor("console", "ana", "Ana Lopez"), "The clinic stays open")
        )
    )
    worker.start()
    assert started.wait(20)  # the submission is under way (reading, or waiting to write)
    other.execute("COMMIT")  # the other process's write lands while the submission waits
    worker.join(30)
    other.close()
    store.close()
    assert len(result) == 1 and isinstance(result[0], intake.Receipt), result


def _submit(store: Store, actor: Actor, text: str):
    try:
        return store.call(
            intake.submit,
            community=1,
            config=CONFIG,
            actor=actor,
            submission=Submission(text=text),
            now=NOW,
        )
    except sqlite3.OperationalError as err:
        return err


async def test_a_member_whose_item_could_not_be_stored_is_told_to_try_again(db_path):
    store = Store(db_path, busy_timeout=0.05)
    core = Core(store=store, config=CONFIG, clock=ManualClock(NOW))
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        reply = await commands.submit(
            core, core.community, MEMBER, Submission(text="The park is saved")
        )
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert not reply.ok
    assert "could not be saved just now" in reply.plain() and "again" in reply.plain()
    reply = await commands.submit(
        core, core.community, MEMBER, Submission(text="The park is saved")
    )
    assert reply.ok and "#1" in reply.plain()
    await core.settle()
    store.close()


def test_the_database_is_created_readable_by_its_owner_only(db_path):
    Store(db_path).close()
    for path in (db_path, f"{db_path}-wal", f"{db_path}-shm"):
        if os.path.exists(path):
            assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, path
