"""Before a new version upgrades the database schema, keep a copy of the old one.

An upgrade that goes wrong (or a version that has to be rolled back) then costs nothing:
stop the bot, `victories restore` the copy, run the old version.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from pathlib import Path

from bot.store.backup import backup
from bot.store.migration_runner import Migrations
from bot.store.migrations import migrations as schema
from bot.store.sqlite import Database

log = logging.getLogger("victories")


def backup_before_upgrade(
    db_path: str, *, steps: Migrations = schema, now: dt.datetime | None = None
) -> Path | None:
    """If the database holds data and schema steps are pending, copy it beside itself as
    ``<name>.before-upgrade-<UTC time>.db`` and return that path; else None."""
    path = Path(db_path)
    if not path.is_file() or path.stat().st_size == 0:
        return None
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        db = Database(conn)
        if not db.has_table("victories") or not steps.pending(db):
            return None
    finally:
        conn.close()
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.before-upgrade-{stamp}.db")
    count = backup(path, target)
    log.warning("schema upgrade ahead: backed up %s (%s victories) to %s", path, count, target)
    return target
