"""What a new submission is compared with to spot a repeat: items with the same link or
text, and the community's latest ones."""

from __future__ import annotations

from bot.store.sqlite import Database
from bot.store.victories import OPEN


def find_duplicate(
    db: Database, *, community: int, norm_link: str | None, norm_text: str, since: str
) -> list[tuple[int, str]]:
    """Open or published items since ``since`` with the same link or normalised text,
    newest first, as (id, norm_text) pairs like ``recent_texts``. Two indexed lookups: an
    OR across columns would scan the table."""
    rows = []
    for column, value in (("norm_link", norm_link), ("norm_text", norm_text)):
        if value:
            rows += db.execute(
                f"SELECT id, norm_text FROM victories WHERE community_id = ? AND {column} = ? "
                "AND created_at >= ? AND status IN ('pending', 'approved') "
                "ORDER BY id DESC LIMIT 5",
                [community, value, since],
            ).fetchall()
    return sorted(set(rows), reverse=True)


def latest(db: Database, *, community: int, limit: int = 50) -> list[tuple]:
    """The community's latest ``limit`` submissions, newest first: (id, norm_text, status,
    created_at) each; ``recent_texts`` picks those a new item may repeat."""
    return db.execute(
        "SELECT id, norm_text, status, created_at FROM victories WHERE community_id = ? "
        "ORDER BY number DESC LIMIT ?",
        [community, limit],
    ).fetchall()


def recent_texts(rows: list[tuple], *, since: str) -> list[tuple[int, str]]:
    """Of ``latest`` rows, those still open or published since ``since``: (id, norm_text)."""
    return [(i, t) for i, t, status, created in rows if status in OPEN and created >= since]
