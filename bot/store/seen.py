"""Signed requests already served, remembered across restarts (the Slack replay guard).

A request is refused by its signature's time check once its timestamp is more than five
minutes off, so a signature is kept until then and pruned after.
"""

from __future__ import annotations

from sqlite_utils import Database

WINDOW = 5 * 60  # seconds: the platform's own timestamp check refuses anything older


def first_time(db: Database, *, signature: str, stamp: float, now: float) -> bool:
    """Record ``signature`` (of a request stamped ``stamp``); False if it was seen before."""
    with db.atomic():
        db.execute("DELETE FROM seen_requests WHERE stamp < ?", [now - WINDOW])
        cursor = db.execute(
            "INSERT OR IGNORE INTO seen_requests (signature, stamp) VALUES (?, ?)",
            [signature, stamp],
        )
        return cursor.rowcount == 1


def count(db: Database) -> int:
    return db.execute("SELECT count(*) FROM seen_requests").fetchone()[0]
