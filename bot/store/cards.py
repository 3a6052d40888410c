"""Review cards: which platform message shows which victory."""

from __future__ import annotations

from sqlite_utils import Database


def add_many(db: Database, posted: list[tuple[str, str, str, int]]) -> None:
    """Record posted cards, as (platform, channel, message id, victory id), in one
    transaction: one disk sync for a burst of cards instead of one each."""
    with db.atomic():
        db.conn.executemany(
            "INSERT OR REPLACE INTO cards (platform, channel, message_id, victory_id) "
            "VALUES (?, ?, ?, ?)",
            posted,
        )


def victory_for(db: Database, *, platform: str, channel: str, message_id: str) -> int | None:
    rows = list(
        db.query(
            "SELECT victory_id FROM cards WHERE platform = ? AND channel = ? AND message_id = ?",
            [platform, channel, message_id],
        )
    )
    return rows[0]["victory_id"] if rows else None


def of_victory(db: Database, victory_id: int) -> list[dict]:
    return list(db.query("SELECT * FROM cards WHERE victory_id = ?", [victory_id]))


def missing(db: Database, *, platform: str) -> list[int]:
    """Open, unpublished items that have no card on ``platform`` yet."""
    return [
        r["id"]
        for r in db.query(
            "SELECT id FROM victories v WHERE status IN ('pending', 'approved') "
            "AND issue_number IS NULL AND NOT EXISTS "
            "(SELECT 1 FROM cards c WHERE c.victory_id = v.id AND c.platform = ?) ORDER BY id",
            [platform],
        )
    ]
