"""The one-bot lock is on the database file, not on its name (issue 12, item 3)."""

import os

import pytest

from bot.store.database import Store
from bot.store.lock import AlreadyRunning, ProcessLock


def test_no_other_path_to_the_same_file_gets_the_lock(tmp_path, db_path):
    Store(db_path).close()
    (tmp_path / "symlink.db").symlink_to(db_path)
    os.link(db_path, tmp_path / "hardlink.db")
    running = ProcessLock(str(db_path))
    running.acquire()
    try:
        with pytest.raises(AlreadyRunning, match=f"pid {os.getpid()}"):
            ProcessLock(str(tmp_path / "symlink.db")).acquire()
        with pytest.raises(AlreadyRunning, match="already running"):
            ProcessLock(str(tmp_path / "hardlink.db")).acquire()
    finally:
        running.release()
    after = ProcessLock(str(tmp_path / "symlink.db"))
    after.acquire()  # free once the bot has stopped
    after.release()


def test_a_file_about_to_replace_the_database_is_held_too(tmp_path, db_path):
    restoring = ProcessLock(str(db_path))
    restoring.acquire()
    incoming = tmp_path / "incoming.db"
    Store(incoming).close()
    restoring.hold_too(incoming)
    incoming.replace(db_path)  # what restore does: the new file takes the name
    try:
        with pytest.raises(AlreadyRunning):
            ProcessLock(str(db_path)).acquire()
    finally:
        restoring.release()
