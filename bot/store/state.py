"""Small named values the bot must remember across restarts (schedule overrides, etc.)."""

from __future__ import annotations

from sqlite_utils import Database


def get(db: Database, key: str) -> str | None:
    rows = list(db.query("SELECT value FROM state WHERE key = ?", [key]))
    return rows[0]["value"] if rows else None


def put(db: Database, key: str, value: str | None) -> None:
    if value is None:
        db.execute("DELETE FROM state WHERE key = ?", [key])
    else:
        db.execute("INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)", [key, value])
