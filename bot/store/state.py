"""Small named values a community's bot must remember across restarts (its calendar)."""

from __future__ import annotations

from bot.store.sqlite import Database


def get(db: Database, key: str, *, community: int) -> str | None:
    rows = list(
        db.query("SELECT value FROM state WHERE community_id = ? AND key = ?", [community, key])
    )
    return rows[0]["value"] if rows else None


def put(db: Database, key: str, value: str | None, *, community: int) -> None:
    if value is None:
        db.execute("DELETE FROM state WHERE community_id = ? AND key = ?", [community, key])
    else:
        db.execute(
            "INSERT OR REPLACE INTO state (community_id, key, value) VALUES (?, ?, ?)",
            [community, key, value],
        )
