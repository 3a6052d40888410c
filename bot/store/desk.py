"""Queries for the editor's desk: the review queue a page at a time, and the open items
matching what an editor is typing (autocomplete). Scoped to one community, like every
query on victories."""

from __future__ import annotations

from bot.model import Victory
from bot.store.sqlite import Database

OPEN_UNPUBLISHED = "status IN ('pending', 'approved') AND issue_number IS NULL"


def queue_page(
    db: Database, *, community: int, page: int, size: int
) -> tuple[list[Victory], int, int]:
    """One page of the review queue (oldest first): its items, the page shown (a page past
    the end shows the last one) and how many items the queue holds in all."""
    (total,) = db.execute(
        f"SELECT count(*) FROM victories WHERE community_id = ? AND {OPEN_UNPUBLISHED}",
        [community],
    ).fetchone()
    page = min(max(1, page), max(1, -(-total // size)))
    rows = db.query(
        f"SELECT * FROM victories WHERE community_id = ? AND {OPEN_UNPUBLISHED} "
        "ORDER BY number LIMIT ? OFFSET ?",
        [community, size, (page - 1) * size],
    )
    return [Victory.from_row(r) for r in rows], page, total


def matching_open(db: Database, *, community: int, typed: str, limit: int) -> list[Victory]:
    """Open items whose number starts with, or whose text contains, what was typed."""
    typed = typed.strip().lstrip("#")
    pattern = "%" + typed.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    rows = db.query(
        f"SELECT * FROM victories WHERE community_id = ? AND {OPEN_UNPUBLISHED} "
        "AND (CAST(number AS TEXT) LIKE ? ESCAPE '\\' OR text LIKE ? ESCAPE '\\') "
        "ORDER BY number DESC LIMIT ?",
        [community, pattern.lstrip("%"), pattern, limit],
    )
    return [Victory.from_row(r) for r in rows]
