"""Every earlier schema version upgrades to the current one without losing data."""

import pytest
from sqlite_utils import Database

from bot.store.database import open_database
from bot.store.migrations import migrations

STEPS = [m.name for m in migrations._migrations]


@pytest.mark.parametrize("stop_before", [*STEPS[1:], None])
def test_upgrade_from_each_earlier_version(tmp_path, stop_before):
    path = tmp_path / "old.db"
    old = Database(path)
    migrations.apply(old, stop_before=stop_before) if stop_before else migrations.apply(old)
    if "victories" in old.table_names():
        old.execute(
            "INSERT INTO victories (text, credit, platform, user_id, display_name, norm_text,"
            " created_at, updated_at) VALUES ('kept', 'name', 'console', 'u', 'U', 'kept', 'x', 'x')"
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
