"""The audit log of every decision, and the moderator-managed blocklist."""

from __future__ import annotations

from sqlite_utils import Database

from bot.model import Actor


def log(
    db: Database,
    *,
    actor: Actor,
    at: str,
    action: str,
    victory_id: int | None = None,
    issue_number: int | None = None,
    detail: str | None = None,
) -> None:
    db.execute(
        "INSERT INTO audit (at, platform, user_id, action, victory_id, issue_number, detail) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [at, actor.platform, actor.user_id, action, victory_id, issue_number, detail],
    )


def of_victory(db: Database, victory_id: int) -> list[dict]:
    return list(db.query("SELECT * FROM audit WHERE victory_id = ? ORDER BY id", [victory_id]))


def is_blocked(db: Database, *, platform: str, user_id: str) -> bool:
    return bool(
        list(
            db.query(
                "SELECT 1 FROM blocked WHERE platform = ? AND user_id = ?", [platform, user_id]
            )
        )
    )


def block(db: Database, *, platform: str, user_id: str, by: str, at: str) -> None:
    db.execute(
        "INSERT OR REPLACE INTO blocked (platform, user_id, by, at) VALUES (?, ?, ?, ?)",
        [platform, user_id, by, at],
    )


def unblock(db: Database, *, platform: str, user_id: str) -> bool:
    return (
        db.execute(
            "DELETE FROM blocked WHERE platform = ? AND user_id = ?", [platform, user_id]
        ).rowcount
        > 0
    )
