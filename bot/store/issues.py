"""Queries on the issues table. The highest-numbered draft is "the next issue"."""

from __future__ import annotations

import json

from sqlite_utils import Database

from bot.model import Issue, IssueState


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


def get(db: Database, number: int) -> Issue | None:
    rows = list(db.query("SELECT * FROM issues WHERE number = ?", [number]))
    return _from_row(rows[0]) if rows else None


def latest_published(db: Database) -> Issue | None:
    rows = list(
        db.query("SELECT * FROM issues WHERE status = 'published' ORDER BY number DESC LIMIT 1")
    )
    return _from_row(rows[0]) if rows else None


def published(db: Database) -> list[Issue]:
    return [
        _from_row(r)
        for r in db.query("SELECT * FROM issues WHERE status = 'published' ORDER BY number")
    ]


def published_after(db: Database, *, after: int, limit: int) -> list[Issue]:
    """The next ``limit`` published issues numbered above ``after`` (the archive, a step at a time)."""
    return [
        _from_row(r)
        for r in db.query(
            "SELECT * FROM issues WHERE status = 'published' AND number > ? ORDER BY number LIMIT ?",
            [after, limit],
        )
    ]


def in_progress(db: Database) -> list[Issue]:
    return [
        _from_row(r)
        for r in db.query("SELECT * FROM issues WHERE status = 'publishing' ORDER BY number")
    ]


def require(db: Database, number: int) -> Issue:
    """An issue known to exist (just written in this transaction)."""
    issue = get(db, number)
    if issue is None:
        raise LookupError(f"issue {number} does not exist")
    return issue


def draft(db: Database, *, now: str) -> Issue:
    """The next issue's row, created on first use (editorial slots live here)."""
    rows = list(db.query("SELECT * FROM issues WHERE status = 'draft' ORDER BY number LIMIT 1"))
    if rows:
        return _from_row(rows[0])
    number = next(db.query("SELECT coalesce(max(number), 0) + 1 AS n FROM issues"))["n"]
    db.execute(
        "INSERT INTO issues (number, status, created_at) VALUES (?, 'draft', ?)", [number, now]
    )
    return require(db, number)


def update(db: Database, number: int, **values: object) -> None:
    for key in ("ps", "actions"):
        if key in values:
            values[key] = json.dumps(values[key], ensure_ascii=False)
    sets = ", ".join(f"{key} = ?" for key in values)
    db.execute(f"UPDATE issues SET {sets} WHERE number = ?", [*values.values(), number])


def insert_imported(db: Database, issue: Issue, *, now: str) -> None:
    db.execute(
        "INSERT INTO issues (number, status, date, note, song_title, song_link, gratitude, ps,"
        " actions, created_at, published_at, imported) VALUES (?, 'published', ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
        [
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
