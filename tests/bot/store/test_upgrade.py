"""A schema upgrade keeps a copy of the database as it was, before the first step runs."""

import datetime as dt
import sqlite3

from bot.store.database import open_database
from bot.store.migration_runner import Migrations
from bot.store.migrations import migrations as schema
from bot.store.upgrade import backup_before_upgrade

NOW = dt.datetime(2026, 11, 30, 3, 0, tzinfo=dt.UTC)


def next_version() -> Migrations:
    """Today's schema plus one more step, as a future release would ship it."""
    steps = Migrations("victories")
    steps.steps = list(schema.steps)  # the same steps, then:

    @steps(name="0099_future")
    def future(db):
        db.execute("ALTER TABLE victories ADD COLUMN future TEXT")

    return steps


def a_database_with_one_item(path) -> None:
    db = open_database(path)
    db.execute(
        "INSERT INTO victories (community_id, number, text, platform, user_id, display_name,"
        " status, credit, norm_text, created_at, updated_at) VALUES (1, 1, 'The bill passed',"
        " 'console', 'ana', 'Ana', 'pending', 'name', 'the bill passed', 'x', 'x')"
    )
    db.close()


def test_pending_steps_take_a_backup_first(tmp_path):
    path = tmp_path / "victories.db"
    a_database_with_one_item(path)
    steps = next_version()
    copy = backup_before_upgrade(str(path), steps=steps, now=NOW)
    assert copy == tmp_path / "victories.db.before-upgrade-20261130T030000Z.db"
    conn = sqlite3.connect(copy)
    assert conn.execute("SELECT text FROM victories").fetchall() == [("The bill passed",)]
    conn.close()


def test_nothing_is_copied_when_the_schema_is_current_or_the_database_new(tmp_path):
    path = tmp_path / "victories.db"
    assert backup_before_upgrade(str(path), now=NOW) is None  # no file yet
    a_database_with_one_item(path)
    assert backup_before_upgrade(str(path), now=NOW) is None  # nothing pending
    assert sorted(p.name for p in tmp_path.iterdir() if "before-upgrade" in p.name) == []
