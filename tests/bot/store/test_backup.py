import sqlite3

import pytest

from bot.chat import commands
from bot.model import Submission
from bot.store import victories
from bot.store.backup import BackupError, backup, check, restore
from bot.store.database import Store
from tests.conftest import MEMBER


async def test_backup_while_running_and_restore_round_trip(tmp_path, config, clock, db_path):
    from bot.core import Core

    store = Store(db_path)
    core = Core(store=store, config=config, clock=clock)
    for n in range(3):
        await commands.submit(core, core.community, MEMBER, Submission(text=f"Victory {n}"))
    copy = tmp_path / "copy.db"
    assert backup(db_path, copy) == 3  # the store is open and in WAL mode meanwhile
    assert not (tmp_path / "copy.db-wal").exists()
    await commands.submit(core, core.community, MEMBER, Submission(text="After the backup"))
    store.close()
    kept = restore(copy, db_path)
    assert kept is not None and check(kept) == 4
    reopened = Store(db_path)
    try:
        assert [v.text for v in reopened.call(victories.queue, community=1)] == [
            "Victory 0",
            "Victory 1",
            "Victory 2",
        ]
        assert reopened.call(lambda db: db.execute("PRAGMA integrity_check").fetchone()[0]) == "ok"
    finally:
        reopened.close()


def test_refuses_to_overwrite_and_rejects_foreign_files(tmp_path, db_path):
    Store(db_path).close()
    target = tmp_path / "exists.db"
    target.write_text("")
    with pytest.raises(BackupError, match="already exists"):
        backup(db_path, target)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(BackupError, match="not a readable SQLite"):
        restore(junk, db_path)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(BackupError, match="not a Small Victories database"):
        check(other)
