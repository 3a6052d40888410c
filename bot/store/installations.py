"""Queries on app installations (one per workspace) and the install page's OAuth states.

``token`` is stored as given: the service encrypts it before it gets here.
"""

from __future__ import annotations

from bot.store.sqlite import Database

COLUMNS = (
    "platform",
    "place",
    "place_name",
    "app_id",
    "bot_id",
    "bot_user_id",
    "scopes",
    "installer",
    "token",
    "installed_at",
)


def put(db: Database, row: dict) -> None:
    """Save a workspace's installation, replacing an earlier one (a re-install)."""
    values = [row.get(column) for column in COLUMNS]
    marks = ", ".join("?" for _ in COLUMNS)
    db.execute(
        f"INSERT OR REPLACE INTO installations ({', '.join(COLUMNS)}) VALUES ({marks})", values
    )


def get(db: Database, *, platform: str, place: str) -> dict | None:
    rows = list(
        db.query("SELECT * FROM installations WHERE platform = ? AND place = ?", [platform, place])
    )
    return rows[0] if rows else None


def remove(db: Database, *, platform: str, place: str) -> bool:
    cursor = db.execute(
        "DELETE FROM installations WHERE platform = ? AND place = ?", [platform, place]
    )
    return cursor.rowcount > 0


def add_state(db: Database, *, state: str, expires_at: float) -> None:
    db.execute("INSERT INTO oauth_states (state, expires_at) VALUES (?, ?)", [state, expires_at])


def take_state(db: Database, *, state: str, now: float) -> bool:
    """Whether ``state`` was handed out and has not expired; either way it is gone after."""
    with db.atomic():
        db.execute("DELETE FROM oauth_states WHERE expires_at <= ?", [now])
        cursor = db.execute("DELETE FROM oauth_states WHERE state = ?", [state])
        return cursor.rowcount == 1
