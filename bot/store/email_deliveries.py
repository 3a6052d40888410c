"""Queries on email runs (one per community and issue) and their deliveries (one per
reader): the rows that make each reader get each issue once."""

from __future__ import annotations

from dataclasses import dataclass

from bot.model import EmailState
from bot.store import subscribers
from bot.store.sqlite import Database


@dataclass(frozen=True)
class EmailDelivery:
    id: int
    issue_number: int
    subscriber: int
    email: str | None
    state: EmailState
    attempts: int


def start_run(db: Database, *, community: int, issue_number: int, now: str) -> bool:
    """Freeze who gets the issue: every reader confirmed now, once. False if the run
    already exists (a second call, or a resume, adds nobody)."""
    with db.atomic():
        cursor = db.execute(
            "INSERT OR IGNORE INTO email_runs (community_id, issue_number, started_at) "
            "VALUES (?, ?, ?)",
            [community, issue_number, now],
        )
        if not cursor.rowcount:
            return False
        db.conn.executemany(
            "INSERT OR IGNORE INTO email_deliveries (community_id, issue_number, subscriber_id, "
            "updated_at) VALUES (?, ?, ?, ?)",
            [
                (community, issue_number, reader.id, now)
                for reader in subscribers.confirmed(db, community=community)
            ],
        )
        return True


def unfinished_runs(db: Database, *, community: int) -> list[int]:
    return [
        row["issue_number"]
        for row in db.query(
            "SELECT issue_number FROM email_runs WHERE community_id = ? AND finished_at IS NULL "
            "ORDER BY issue_number",
            [community],
        )
    ]


def has_run(db: Database, *, community: int, issue_number: int) -> bool:
    return bool(
        list(
            db.query(
                "SELECT 1 FROM email_runs WHERE community_id = ? AND issue_number = ?",
                [community, issue_number],
            )
        )
    )


def to_send(db: Database, *, community: int, issue_number: int) -> list[EmailDelivery]:
    """Deliveries not yet sent nor bounced, with the reader's address (None if the reader
    unsubscribed since: skipped)."""
    return [
        EmailDelivery(
            id=row["id"],
            issue_number=issue_number,
            subscriber=row["subscriber_id"],
            email=row["email"] if row["sub_state"] == "confirmed" else None,
            state=EmailState(row["state"]),
            attempts=row["attempts"],
        )
        for row in db.query(
            "SELECT d.id, d.subscriber_id, d.state, d.attempts, s.email, s.state AS sub_state "
            "FROM email_deliveries d JOIN subscribers s ON s.id = d.subscriber_id "
            "WHERE d.community_id = ? AND d.issue_number = ? AND d.state IN "
            "('pending', 'sending', 'failed') ORDER BY d.id",
            [community, issue_number],
        )
    ]


def mark(
    db: Database, delivery: int, *, state: EmailState, now: str, error: str | None = None
) -> None:
    db.execute(
        "UPDATE email_deliveries SET state = ?, last_error = ?, updated_at = ?, "
        "attempts = attempts + 1 WHERE id = ?",
        [state, error[:300] if error else None, now, delivery],
    )


def mark_sent(db: Database, delivery: int, *, subscriber: int, now: str) -> None:
    with db.atomic():
        mark(db, delivery, state=EmailState.SENT, now=now)
        subscribers.delivered(db, subscriber=subscriber)


def mark_bounced(
    db: Database,
    delivery: int,
    *,
    community: int,
    subscriber: int,
    error: str,
    now: str,
    limit: int,
) -> bool:
    """Record a permanent refusal; True when it suspended the reader."""
    with db.atomic():
        mark(db, delivery, state=EmailState.BOUNCED, now=now, error=error)
        suspended = subscribers.bounced(db, subscriber=subscriber, now=now, limit=limit)
        if suspended:
            db.execute(
                "UPDATE email_runs SET suspended = suspended + 1 WHERE community_id = ? AND "
                "issue_number = (SELECT issue_number FROM email_deliveries WHERE id = ?)",
                [community, delivery],
            )
        return suspended


def skip(db: Database, delivery: int, *, now: str) -> None:
    """The reader left before their copy went: nothing to send, nothing failed."""
    db.execute("DELETE FROM email_deliveries WHERE id = ?", [delivery])


def finish(db: Database, *, community: int, issue_number: int, now: str) -> dict[str, int]:
    """Close the run when nothing is left to try; the counts by state (and ``suspended``)."""
    with db.atomic():
        counts = {
            row["state"]: row["n"]
            for row in db.query(
                "SELECT state, COUNT(*) AS n FROM email_deliveries WHERE community_id = ? AND "
                "issue_number = ? GROUP BY state",
                [community, issue_number],
            )
        }
        run = next(
            db.query(
                "SELECT suspended FROM email_runs WHERE community_id = ? AND issue_number = ?",
                [community, issue_number],
            )
        )
        counts["suspended"] = run["suspended"]
        if not counts.get("pending") and not counts.get("sending"):
            db.execute(
                "UPDATE email_runs SET finished_at = ? WHERE community_id = ? AND issue_number = ?",
                [now, community, issue_number],
            )
        return counts
