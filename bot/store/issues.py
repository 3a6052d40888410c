"""Queries on the issues table. The highest-numbered draft is "the next issue"."""

from __future__ import annotations

import json

from bot.model import Issue, IssueState
from bot.store.sqlite import Database


def _from_row(row: dict) -> Issue:
    return Issue(
        number=row["number"],
        status=IssueState(row["status"]),
        date=row["date"],
        note=row["note"],
        song_title=row["song_title"],
        song_link=row["song_link"],
        gratitude=row["gratitude"],
        ps=json.loads(row["ps"]),
        actions=json.loads(row["actions"]),
        published_at=row["published_at"],
    )


def get(db: Database, *, community: int, number: int) -> Issue | None:
    rows = list(
        db.query("SELECT * FROM issues WHERE community_id = ? AND number = ?", [community, number])
    )
    return _from_row(rows[0]) if rows else None


def latest_published(db: Database, *, community: int) -> Issue | None:
    rows = list(
        db.query(
            "SELECT * FROM issues WHERE community_id = ? AND status = 'published' "
            "ORDER BY number DESC LIMIT 1",
            [community],
        )
    )
    return _from_row(rows[0]) if rows else None


def published(db: Database, *, community: int) -> list[Issue]:
    return [
        _from_row(r)
        for r in db.query(
            "SELECT * FROM issues WHERE community_id = ? AND status = 'published' ORDER BY number",
            [community],
        )
    ]


def published_after(db: Database, *, community: int, after: int, limit: int) -> list[Issue]:
    """The community's next ``limit`` published issues numbered above ``after`` (the
    archive, a step at a time)."""
    return [
        _from_row(r)
        for r in db.query(
            "SELECT * FROM issues WHERE community_id = ? AND status = 'published' AND number > ? "
            "ORDER BY number LIMIT ?",
            [community, after, limit],
        )
    ]


def in_progress(db: Database, *, community: int) -> list[Issue]:
    return [
        _from_row(r)
        for r in db.query(
            "SELECT * FROM issues WHERE community_id = ? AND status = 'publishing' ORDER BY number",
            [community],
        )
    ]


def require(db: Database, *, community: int, number: int) -> Issue:
    """An issue known to exist (just written in this transaction)."""
    issue = get(db, community=community, number=number)
    if issue is None:
        raise LookupError(f"issue {number} of community {community} does not exist")
    return issue


def _draft_row(db: Database, *, community: int) -> Issue | None:
    rows = list(
        db.query(
            "SELECT * FROM issues WHERE community_id = ? AND status = 'draft' "
            "ORDER BY number LIMIT 1",
            [community],
        )
    )
    return _from_row(rows[0]) if rows else None


def _next_number(db: Database, *, community: int) -> int:
    return next(
        db.query(
            "SELECT coalesce(max(number), 0) + 1 AS n FROM issues WHERE community_id = ?",
            [community],
        )
    )["n"]


def next_issue(db: Database, *, community: int) -> Issue:
    """The draft as ``draft`` would return it, without writing (``status`` must answer
    even while another process holds the write lock)."""
    found = _draft_row(db, community=community)
    if found is not None:
        return found
    return Issue(number=_next_number(db, community=community), status=IssueState.DRAFT)


def draft(db: Database, *, community: int, now: str) -> Issue:
    """The next issue's row, created on first use (editorial slots live here)."""
    found = _draft_row(db, community=community)
    if found is not None:
        return found
    number = _next_number(db, community=community)
    db.execute(
        "INSERT INTO issues (community_id, number, status, created_at) VALUES (?, ?, 'draft', ?)",
        [community, number, now],
    )
    return require(db, community=community, number=number)


def update(db: Database, *, community: int, number: int, **values: object) -> None:
    for key in ("ps", "actions"):
        if key in values:
            values[key] = json.dumps(values[key], ensure_ascii=False)
    sets = ", ".join(f"{key} = ?" for key in values)
    db.execute(
        f"UPDATE issues SET {sets} WHERE community_id = ? AND number = ?",
        [*values.values(), community, number],
    )


def insert_imported(db: Database, issue: Issue, *, community: int, now: str) -> None:
    db.execute(
        "INSERT INTO issues (community_id, number, status, date, note, song_title, song_link,"
        " gratitude, ps, actions, created_at, published_at, imported)"
        " VALUES (?, ?, 'published', ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
        [
            community,
            issue.number,
            issue.date,
            issue.note,
            issue.song_title,
            issue.song_link,
            issue.gratitude,
            json.dumps(issue.ps, ensure_ascii=False),
            json.dumps(issue.actions, ensure_ascii=False),
            now,
            issue.published_at or now,
        ],
    )


def newest_published(db: Database, *, community: int, limit: int) -> list[Issue]:
    """The community's ``limit`` newest published issues, newest first."""
    return [
        _from_row(r)
        for r in db.query(
            "SELECT * FROM issues WHERE community_id = ? AND status = 'published' "
            "ORDER BY number DESC LIMIT ?",
            [community, limit],
        )
    ]


def published_beside(db: Database, *, community: int, number: int, older: bool) -> Issue | None:
    """The published issue just before (``older``) or just after issue ``number``."""
    sign, order = ("<", "DESC") if older else (">", "")
    rows = list(
        db.query(
            f"SELECT * FROM issues WHERE community_id = ? AND status = 'published' "
            f"AND number {sign} ? ORDER BY number {order} LIMIT 1",
            [community, number],
        )
    )
    return _from_row(rows[0]) if rows else None


def published_in_year(db: Database, *, community: int, year: int | None) -> list[Issue]:
    """The community's published issues dated in ``year`` (None: those with no date), in
    number order."""
    where = "date >= ? AND date < ?" if year is not None else "date IS NULL"
    bounds = [f"{year:04d}", f"{year + 1:04d}"] if year is not None else []
    found = db.query(
        f"SELECT * FROM issues WHERE community_id = ? AND status = 'published' AND {where}",
        [community, *bounds],
    )
    return sorted((_from_row(r) for r in found), key=lambda issue: issue.number)


def published_years(db: Database, *, community: int) -> tuple[list[int], bool]:
    """The years the community's published issues are dated in, newest first, and whether
    some have no date. One index seek per year, not a pass over every issue."""
    seek = (
        "SELECT date FROM issues WHERE community_id = ? AND status = 'published' "
        "AND date >= ? ORDER BY date LIMIT 1"
    )
    years: list[int] = []
    after = "0"
    while row := db.execute(seek, [community, after]).fetchone():
        years.append(int(row[0][:4]))
        after = f"{years[-1] + 1:04d}"
    undated = db.execute(
        "SELECT 1 FROM issues WHERE community_id = ? AND status = 'published' "
        "AND date IS NULL LIMIT 1",
        [community],
    ).fetchone()
    return years[::-1], undated is not None
