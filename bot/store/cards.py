"""Review cards: which platform message shows which victory."""

from __future__ import annotations

from bot.store.sqlite import Database


def add_many(db: Database, posted: list[tuple[str, str, str, int, int]]) -> None:
    """Record posted cards, as (platform, channel, message id, victory id, community), in
    one transaction: one disk sync for a burst of cards instead of one each. A card whose
    item is not of the community named with it is not recorded."""
    with db.atomic():
        db.conn.executemany(
            "INSERT OR REPLACE INTO cards (platform, channel, message_id, victory_id) "
            "SELECT ?, ?, ?, id FROM victories WHERE id = ? AND community_id = ?",
            posted,
        )


def victory_for(
    db: Database, *, community: int, platform: str, channel: str, message_id: str
) -> int | None:
    """The item a card shows, if the card is one of this community's."""
    rows = list(
        db.query(
            "SELECT c.victory_id FROM cards c JOIN victories v ON v.id = c.victory_id "
            "WHERE c.platform = ? AND c.channel = ? AND c.message_id = ? AND v.community_id = ?",
            [platform, channel, message_id, community],
        )
    )
    return rows[0]["victory_id"] if rows else None


def of_victory(db: Database, victory_id: int) -> list[dict]:
    return list(db.query("SELECT * FROM cards WHERE victory_id = ?", [victory_id]))


def missing(db: Database, *, community: int, platform: str) -> list[int]:
    """The community's open, unpublished items that have no card on ``platform`` yet."""
    return [
        r["id"]
        for r in db.query(
            "SELECT id FROM victories v WHERE community_id = ? AND status IN ('pending', 'approved') "
            "AND issue_number IS NULL AND NOT EXISTS "
            "(SELECT 1 FROM cards c WHERE c.victory_id = v.id AND c.platform = ?) ORDER BY id",
            [community, platform],
        )
    ]
