"""Backups with SQLite's online backup API: consistent even while the bot is writing."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from bot.store.database import connect


class BackupError(Exception):
    pass


def backup(db_path: str | Path, target: str | Path) -> int:
    """Copy the live database to ``target``; return the number of victories in the copy."""
    target = Path(target)
    if target.exists():
        raise BackupError(f"{target} already exists; choose a new file name")
    # Owner-only, like the database: a backup holds members' names and IDs too.
    os.close(os.open(target, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600))
    source = connect(db_path)  # waits out a writer instead of failing at once
    destination = connect(target)
    try:
        with destination:
            source.backup(destination)
        # A backup is one self-contained file: no -wal or -shm beside it.
        destination.execute("PRAGMA journal_mode=DELETE")
        return destination.execute("SELECT count(*) FROM victories").fetchone()[0]
    finally:
        source.close()
        destination.close()


def check(path: str | Path) -> int:
    """Check that ``path`` is an intact Small Victories database; return its victory count."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} does not exist")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            if result != "ok":
                raise BackupError(f"{path} is damaged: {result}")
            names = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if not {"victories", "issues", "_sqlite_migrations"} <= names:
                raise BackupError(f"{path} is not a Small Victories database")
            return conn.execute("SELECT count(*) FROM victories").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as err:
        raise BackupError(f"{path} is not a readable SQLite database ({err})") from None


def restore(
    source: str | Path, db_path: str | Path, *, hold: Callable[[Path], None] | None = None
) -> Path | None:
    """Replace the database with ``source`` (the bot must be stopped). The current file is
    kept beside it first; return where, if there was one. ``hold`` locks the new file
    before it takes the database's name, so no bot can start on it half-way; the copy is
    on disk (fsync) before the rename, and the rename before we return."""
    check(source)
    db_path = Path(db_path)
    kept = None
    if db_path.exists() and db_path.stat().st_size:  # (the bot's lock creates it empty)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = db_path.with_name(f"{db_path.name}.before-restore-{stamp}")
        backup(db_path, kept)
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    tmp = db_path.with_name(db_path.name + ".restoring")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with open(source, "rb") as src, os.fdopen(fd, "wb") as out:
        shutil.copyfileobj(src, out)
        out.flush()
        os.fsync(out.fileno())
    if hold:
        hold(tmp)
    tmp.replace(db_path)
    directory = os.open(db_path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
    return kept
