"""Queries on the victories table. Every query is scoped to one community: an item's
``number`` is what members see, unique within its community; ``id`` is internal."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from bot.model import Status, Victory
from bot.store.sqlite import Database

OPEN = (Status.PENDING.value, Status.APPROVED.value)


def next_number(db: Database, *, community: int) -> int:
    row = db.execute(
        "SELECT coalesce(max(number), 0) + 1 FROM victories WHERE community_id = ?", [community]
    ).fetchone()
    return int(row[0])


def insert(db: Database, row: dict, *, community: int, number: int | None = None) -> int:
    """Store a new item under ``number`` (default: the community's next); its id."""
    number = next_number(db, community=community) if number is None else number
    row = {**row, "community_id": community, "number": number}
    cursor = db.execute(
        f"INSERT INTO victories ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
        list(row.values()),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def get(db: Database, victory_id: int) -> Victory | None:
    """By internal id (from a card or a duplicate link); check its community before use."""
    rows = list(db.query("SELECT * FROM victories WHERE id = ?", [victory_id]))
    return Victory.from_row(rows[0]) if rows else None


def by_number(db: Database, *, community: int, number: int) -> Victory | None:
    rows = list(
        db.query(
            "SELECT * FROM victories WHERE community_id = ? AND number = ?", [community, number]
        )
    )
    return Victory.from_row(rows[0]) if rows else None


def require(db: Database, victory_id: int) -> Victory:
    """An item known to exist (just written in this transaction)."""
    victory = get(db, victory_id)
    if victory is None:
        raise LookupError(f"victory {victory_id} does not exist")
    return victory


def update(db: Database, victory_id: int, **values: object) -> None:
    sets = ", ".join(f"{key} = ?" for key in values)
    db.execute(f"UPDATE victories SET {sets} WHERE id = ?", [*values.values(), victory_id])


def user_activity(
    db: Database, *, community: int, platform: str, user_id: str, since: str
) -> tuple[int, str | None]:
    """How many items the user submitted since ``since``, and when the latest was."""
    row = next(
        db.query(
            "SELECT count(*) AS n, max(created_at) AS last FROM victories "
            "WHERE community_id = ? AND platform = ? AND user_id = ? AND created_at >= ?",
            [community, platform, user_id, since],
        )
    )
    return row["n"], row["last"]


def queue(db: Database, *, community: int) -> list[Victory]:
    """Items waiting for a decision or for an issue, in review order."""
    return [
        Victory.from_row(r)
        for r in db.query(
            "SELECT * FROM victories WHERE community_id = ? AND status IN ('pending', 'approved') "
            "AND issue_number IS NULL ORDER BY number",
            [community],
        )
    ]


READY = "status = 'approved' AND issue_number IS NULL"
READY_ORDER = "featured DESC, approved_seq, id"


def ready(
    db: Database, *, community: int, limit: int | None = None, offset: int = 0
) -> list[Victory]:
    """Approved, unpublished items: featured first, then in approval order."""
    # Named, because the planner would pick victories_queue and sort the whole backlog.
    sql = (
        "SELECT * FROM victories INDEXED BY victories_ready "
        f"WHERE community_id = ? AND {READY} ORDER BY {READY_ORDER}"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    return [Victory.from_row(r) for r in db.query(sql, [community])]


def count_ready(db: Database, *, community: int) -> int:
    return db.execute(
        f"SELECT count(*) FROM victories WHERE community_id = ? AND {READY}", [community]
    ).fetchone()[0]


def _chunks(ids: Collection[int], size: int = 500) -> Iterator[list[int]]:
    ordered = sorted(ids)
    for start in range(0, len(ordered), size):
        yield ordered[start : start + size]


def ready_repeating(db: Database, *, community: int, ids: Collection[int]) -> set[int]:
    """Approved, unpublished items of the community marked as duplicates of one of ``ids``."""
    found: set[int] = set()
    for chunk in _chunks(ids):
        marks = ", ".join("?" for _ in chunk)
        found |= {
            row[0]
            for row in db.execute(
                f"SELECT id FROM victories INDEXED BY victories_duplicate_of "
                f"WHERE community_id = ? AND duplicate_of IN ({marks}) AND {READY}",
                [community, *chunk],
            )
        }
    return found


def ready_by_ids(db: Database, *, community: int, ids: Collection[int]) -> list[Victory]:
    """These approved, unpublished items of the community, in the order ``ready`` gives them."""
    rows: list[dict] = []
    for chunk in _chunks(ids):
        marks = ", ".join("?" for _ in chunk)
        rows += db.query(
            f"SELECT * FROM victories WHERE community_id = ? AND id IN ({marks}) AND {READY}",
            [community, *chunk],
        )
    rows.sort(
        key=lambda r: (
            -r["featured"],
            r["approved_seq"] is not None,
            r["approved_seq"] or 0,
            r["id"],
        )
    )
    return [Victory.from_row(r) for r in rows]


def count_by_status(db: Database, *, community: int) -> dict[str, int]:
    """Open, unpublished items by status (pending, approved)."""
    return {
        r["status"]: r["n"]
        for r in db.query(
            "SELECT status, count(*) AS n FROM victories WHERE community_id = ? "
            "AND status IN ('pending', 'approved') AND issue_number IS NULL GROUP BY status",
            [community],
        )
    }


def in_issue(db: Database, *, community: int, number: int) -> list[Victory]:
    return [
        Victory.from_row(r)
        for r in db.query(
            "SELECT * FROM victories WHERE community_id = ? AND issue_number = ? "
            "ORDER BY position, id",
            [community, number],
        )
    ]


def entries_of_issues(
    db: Database, *, community: int, numbers: Collection[int]
) -> list[tuple[int, int, int]]:
    """(issue, position, its first item's id) of every entry in the community's issues
    ``numbers``, in page order: read from the index alone, not the table."""
    found: list[tuple[int, int, int]] = []
    for chunk in _chunks(numbers):
        marks = ", ".join("?" for _ in chunk)
        found += db.execute(
            "SELECT issue_number, position, min(id) FROM victories WHERE community_id = ? "
            f"AND issue_number IN ({marks}) GROUP BY issue_number, position "
            "ORDER BY issue_number, position",
            [community, *chunk],
        ).fetchall()
    return found


def texts(db: Database, *, community: int, ids: Collection[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for chunk in _chunks(ids):
        marks = ", ".join("?" for _ in chunk)
        found.update(
            db.execute(
                f"SELECT id, text FROM victories WHERE community_id = ? AND id IN ({marks})",
                [community, *chunk],
            )
        )
    return found


def of_user(
    db: Database, *, community: int, platform: str, user_id: str, limit: int = 20
) -> list[Victory]:
    return [
        Victory.from_row(r)
        for r in db.query(
            "SELECT * FROM victories WHERE community_id = ? AND platform = ? AND user_id = ? "
            "ORDER BY id DESC LIMIT ?",
            [community, platform, user_id, limit],
        )
    ]


def next_approval_seq(db: Database) -> int:
    return next(db.query("SELECT coalesce(max(approved_seq), 0) + 1 AS n FROM victories"))["n"]
