"""The audit log of every decision, and the editor-managed blocklist, per community."""

from __future__ import annotations

from bot.model import Actor
from bot.store.sqlite import Database


def log(
    db: Database,
    *,
    community: int,
    actor: Actor,
    at: str,
    action: str,
    victory_id: int | None = None,
    issue_number: int | None = None,
    detail: str | None = None,
) -> None:
    db.execute(
        "INSERT INTO audit (community_id, at, platform, user_id, action, victory_id, "
        "issue_number, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [community, at, actor.platform, actor.user_id, action, victory_id, issue_number, detail],
    )


def of_victory(db: Database, victory_id: int) -> list[dict]:
    return list(db.query("SELECT * FROM audit WHERE victory_id = ? ORDER BY id", [victory_id]))


def of_community(db: Database, *, community: int, limit: int = 100) -> list[dict]:
    return list(
        db.query(
            "SELECT * FROM audit WHERE community_id = ? ORDER BY id DESC LIMIT ?",
            [community, limit],
        )
    )


def is_blocked(db: Database, *, community: int, platform: str, user_id: str) -> bool:
    return bool(
        list(
            db.query(
                "SELECT 1 FROM blocked WHERE community_id = ? AND platform = ? AND user_id = ?",
                [community, platform, user_id],
            )
        )
    )


def block(db: Database, *, community: int, platform: str, user_id: str, by: str, at: str) -> None:
    db.execute(
        "INSERT OR REPLACE INTO blocked (community_id, platform, user_id, by, at) "
        "VALUES (?, ?, ?, ?, ?)",
        [community, platform, user_id, by, at],
    )


def unblock(db: Database, *, community: int, platform: str, user_id: str) -> bool:
    cursor = db.execute(
        "DELETE FROM blocked WHERE community_id = ? AND platform = ? AND user_id = ?",
        [community, platform, user_id],
    )
    return cursor.rowcount > 0
