"""Every earlier schema version upgrades to the current one without losing data."""

import pytest
import sqlite_utils
from sqlite_utils.migrations import Migrations as SqliteUtilsMigrations

from bot.store.database import connect, open_database
from bot.store.migrations import migrations
from bot.store.sqlite import Database

STEPS = [step.name for step in migrations.steps]


@pytest.mark.parametrize("stop_before", [*STEPS[1:], None])
def test_upgrade_from_each_earlier_version(tmp_path, stop_before):
    path = tmp_path / "old.db"
    old = Database(connect(path))
    migrations.apply(old, stop_before=stop_before) if stop_before else migrations.apply(old)
    if "victories" in old.table_names():
        scoped = "number" in old["victories"].columns_dict  # since 0002_communities
        old.execute(
            "INSERT INTO victories (text, credit, platform, user_id, display_name, norm_text,"
            " created_at, updated_at"
            + (", community_id, number) " if scoped else ") ")
            + "VALUES ('kept', 'name', 'console', 'u', 'U', 'kept', 'x', 'x'"
            + (", 1, 1)" if scoped else ")")
        )
        old.conn.commit()
    old.close()
    db = open_database(path)
    try:
        assert migrations.pending(db) == []
        assert [r["text"] for r in db.query("SELECT text FROM victories")] == ["kept"]
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        db.close()


def test_a_database_of_the_single_community_release_becomes_community_one(tmp_path):
    """Everything a pre-communities bot wrote is still there, in the default community,
    with the same item and issue numbers, and the calendar and blocklist kept."""
    path = tmp_path / "single.db"
    old = Database(connect(path))
    migrations.apply(old, stop_before="0004_communities")
    old.executescript(
        """
        INSERT INTO issues (number, status, created_at, published_at)
            VALUES (1, 'published', 'x', 'x'), (2, 'draft', 'x', NULL);
        INSERT INTO victories (id, text, credit, platform, user_id, display_name, status,
            issue_number, position, norm_text, created_at, updated_at)
            VALUES (1, 'ran', 'name', 'slack', 'U1', 'Ana', 'approved', 1, 1, 'ran', 'x', 'x'),
                   (2, 'waits', 'first', 'discord', 'D2', 'Ben', 'pending', NULL, NULL,
                    'waits', 'x', 'x');
        INSERT INTO deliveries (issue_number, platform, channel, state, updated_at)
            VALUES (1, 'slack', 'C1', 'sent', 'x');
        INSERT INTO cards (platform, channel, message_id, victory_id) VALUES ('slack', 'C', 'm', 2);
        INSERT INTO audit (at, platform, user_id, action, victory_id) VALUES ('x', 'slack', 'U', 'submit', 1);
        INSERT INTO blocked (platform, user_id, by, at) VALUES ('slack', 'U9', 'Eve', 'x');
        INSERT INTO state (key, value) VALUES ('schedule.last_slot', '2026-11-27T15:00:00+00:00');
        """
    )
    old.conn.commit()
    old.close()
    db = open_database(path)
    try:
        victories = {r["number"]: r for r in db.query("SELECT * FROM victories")}
        assert {n: (v["id"], v["community_id"], v["text"]) for n, v in victories.items()} == {
            1: (1, 1, "ran"),
            2: (2, 1, "waits"),
        }
        issues = [
            (r["community_id"], r["number"], r["status"])
            for r in db.query("SELECT * FROM issues ORDER BY number")
        ]
        assert issues == [(1, 1, "published"), (1, 2, "draft")]
        assert [r["community_id"] for r in db.query("SELECT * FROM deliveries")] == [1]
        assert [r["community_id"] for r in db.query("SELECT * FROM audit")] == [1]
        assert [(r["community_id"], r["user_id"]) for r in db.query("SELECT * FROM blocked")] == [
            (1, "U9")
        ]
        assert [(r["community_id"], r["key"]) for r in db.query("SELECT * FROM state")] == [
            (1, "schedule.last_slot")
        ]
        assert [r["slug"] for r in db.query("SELECT * FROM communities")] == ["default"]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        db.close()


def test_a_schema_recorded_by_sqlite_utils_runner_is_up_to_date(tmp_path):
    """Databases made before we ran the steps ourselves were migrated by sqlite-utils'
    runner: ours reads its record the same, so nothing runs twice."""
    path = tmp_path / "legacy.db"
    legacy = SqliteUtilsMigrations("victories")
    for step in migrations.steps:
        legacy(name=step.name, transactional=step.transactional)(
            lambda db, step=step: step.fn(Database(db.conn))
        )
    old = sqlite_utils.Database(connect(path))
    legacy.apply(old)
    old.execute(
        "INSERT INTO victories (community_id, number, text, credit, platform, user_id,"
        " display_name, norm_text, created_at, updated_at)"
        " VALUES (1, 1, 'kept', 'name', 'console', 'u', 'U', 'kept', 'x', 'x')"
    )
    old.close()
    db = open_database(path)
    try:
        assert migrations.pending(db) == []
        assert migrations.applied(db) == STEPS
        assert [r["text"] for r in db.query("SELECT text FROM victories")] == ["kept"]
    finally:
        db.close()
