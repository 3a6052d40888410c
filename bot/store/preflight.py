"""Before anything opens VICTORIES_DB: is it a database we can write, with room to grow?

Without this, a database that cannot be written starts the bot fine and fails the first
member who submits ("Sorry, something went wrong").
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

LOW_DISK = 100 * 1024 * 1024  # below this, say so: a backup or a busy week may not fit


def database_problem(path: str) -> str | None:
    """What stops the bot from using the database at ``path``, as a sentence naming
    VICTORIES_DB and the fix; None when it can be opened and written."""
    where = f"VICTORIES_DB={path}"
    target = Path(path)
    if target.is_dir():
        return f"{where} is a folder; name a file inside it, such as {target / 'victories.db'}"
    if not target.parent.is_dir():
        return f"{where}: the folder {target.parent} does not exist; create it first"
    try:
        # A new database is created owner-only, as the bot would: it holds members' names.
        os.close(os.open(target, os.O_RDWR | os.O_CREAT, 0o600))
    except OSError as err:
        if not target.exists():
            return (
                f"{where} cannot be created ({err.strerror}); give the user running the "
                f"bot write access to {target.parent}"
            )
    try:
        conn = sqlite3.connect(f"file:{target}?mode=rwc", uri=True, timeout=5)
    except sqlite3.Error as err:
        return f"{where} cannot be opened ({err}); check the path and its permissions"
    try:
        conn.execute("PRAGMA schema_version").fetchone()
        # A read-only file still grants the write lock: only a write tells. Rolled back.
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("CREATE TABLE _victories_write_probe (x)")
        conn.execute("ROLLBACK")
    except sqlite3.DatabaseError as err:
        text = str(err)
        if "not a database" in text:
            return (
                f"{where} is not a SQLite database; point VICTORIES_DB at the bot's database "
                "(or a new file name), or restore a backup with `victories restore FILE`"
            )
        if "locked" in text or "busy" in text:
            return None  # another process is writing: it is writable
        return (
            f"{where} cannot be written ({text}); give the user running the bot write "
            f"access to the file and to {target.parent} (SQLite writes files beside it)"
        )
    finally:
        conn.close()
    return None


def free_disk(path: str) -> int:
    return shutil.disk_usage(Path(path).resolve().parent).free
