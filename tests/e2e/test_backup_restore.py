"""`victories backup` and `victories restore` as real processes: every table comes back
exactly (a hash over every row of every table), files are owner-only, and a restore over
a running bot is refused whatever path names the database (issue 12, items 3 and 10)."""

import hashlib
import os
import sqlite3
import stat

from bot.store.lock import ProcessLock
from tests.e2e.test_console import DEMO, clean_env, victories


def table_hash(path) -> str:
    """One hash over every row of every table, in a fixed order."""
    digest = hashlib.sha256()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        assert {"victories", "issues", "deliveries", "cards", "audit", "state"} <= set(names)
        for name in names:
            digest.update(name.encode())
            for row in conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid'):
                digest.update(repr(row).encode())
    finally:
        conn.close()
    return digest.hexdigest()


def owner_only(path) -> bool:
    return stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_backup_then_restore_brings_back_every_table(tmp_path):
    db = tmp_path / "victories.db"
    ran = victories(tmp_path, "run", stdin=DEMO.format(switch=""))
    assert ran.returncode == 0, ran.stderr
    assert owner_only(db)
    before = table_hash(db)
    backup = tmp_path / "saved.db"
    result = victories(tmp_path, "backup", str(backup))
    assert result.returncode == 0, result.stderr
    assert owner_only(backup) and table_hash(backup) == before
    changed = victories(tmp_path, "run", stdin="/victory Added after the backup\n")
    assert changed.returncode == 0, changed.stderr
    assert table_hash(db) != before
    result = victories(tmp_path, "restore", str(backup))
    assert result.returncode == 0, result.stderr
    assert table_hash(db) == before and owner_only(db)
    kept = [p for p in tmp_path.iterdir() if ".before-restore-" in p.name]
    assert len(kept) == 1 and owner_only(kept[0])


def test_restore_through_another_path_refuses_while_the_bot_runs(tmp_path):
    db = tmp_path / "victories.db"
    assert victories(tmp_path, "run", stdin=DEMO.format(switch="")).returncode == 0
    assert victories(tmp_path, "backup", str(tmp_path / "saved.db")).returncode == 0
    link = tmp_path / "alias.db"
    link.symlink_to(db)
    before = table_hash(db)
    running = ProcessLock(str(db))  # the bot, holding its database
    running.acquire()
    try:
        env = clean_env(tmp_path) | {"VICTORIES_DB": str(link)}
        result = victories(tmp_path, "restore", str(tmp_path / "saved.db"), env=env)
        assert result.returncode == 3, result.stdout + result.stderr
        assert "already running" in result.stderr
        second = victories(tmp_path, "run", stdin="/victory x\n", env=env)
        assert second.returncode == 3 and "already running" in second.stderr
    finally:
        running.release()
    assert table_hash(db) == before


def test_restore_onto_a_new_machine_without_a_database(tmp_path):
    assert victories(tmp_path, "run", stdin=DEMO.format(switch="")).returncode == 0
    assert victories(tmp_path, "backup", str(tmp_path / "saved.db")).returncode == 0
    fresh = tmp_path / "new" / "victories.db"
    fresh.parent.mkdir()
    env = clean_env(tmp_path) | {"VICTORIES_DB": str(fresh)}
    result = victories(tmp_path, "restore", str(tmp_path / "saved.db"), env=env)
    assert result.returncode == 0, result.stderr
    assert table_hash(fresh) == table_hash(tmp_path / "saved.db") and owner_only(fresh)
    assert not [p for p in fresh.parent.iterdir() if ".before-restore-" in p.name]
