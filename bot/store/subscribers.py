"""Queries on email subscribers: one row per community and address (by its hash)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.model import SubscriberState
from bot.store.sqlite import Database


@dataclass(frozen=True)
class Subscriber:
    id: int
    community: int
    email: str | None  # None once unsubscribed: only the hash is kept
    email_hash: str
    state: SubscriberState
    bounces: int
    created_at: str


def _from_row(row: dict) -> Subscriber:
    return Subscriber(
        id=row["id"],
        community=row["community_id"],
        email=row["email"],
        email_hash=row["email_hash"],
        state=SubscriberState(row["state"]),
        bounces=row["bounces"],
        created_at=row["created_at"],
    )


def get(db: Database, *, community: int, subscriber: int) -> Subscriber | None:
    rows = list(
        db.query(
            "SELECT * FROM subscribers WHERE id = ? AND community_id = ?", [subscriber, community]
        )
    )
    return _from_row(rows[0]) if rows else None


def by_hash(db: Database, *, community: int, email_hash: str) -> Subscriber | None:
    rows = list(
        db.query(
            "SELECT * FROM subscribers WHERE community_id = ? AND email_hash = ?",
            [community, email_hash],
        )
    )
    return _from_row(rows[0]) if rows else None


def upsert(
    db: Database,
    *,
    community: int,
    email: str,
    email_hash: str,
    state: SubscriberState,
    now: str,
    revive_unsubscribed: bool,
) -> tuple[Subscriber, bool]:
    """The address's row, created in ``state`` when new. An existing pending row is
    refreshed (a new 7 days); an unsubscribed one comes back only when
    ``revive_unsubscribed`` (the reader asked again themselves). True when it changed."""
    with db.atomic():
        found = by_hash(db, community=community, email_hash=email_hash)
        if found is None:
            db.execute(
                "INSERT INTO subscribers (community_id, email, email_hash, state, created_at, "
                "confirmed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [community, email, email_hash, state, now, _confirmed(state, now), now],
            )
        elif found.state == SubscriberState.PENDING or (
            found.state == SubscriberState.UNSUBSCRIBED and revive_unsubscribed
        ):
            db.execute(
                "UPDATE subscribers SET email = ?, state = ?, created_at = ?, confirmed_at = ?, "
                "updated_at = ? WHERE id = ?",
                [email, state, now, _confirmed(state, now), now, found.id],
            )
        else:
            return found, False
        row = by_hash(db, community=community, email_hash=email_hash)
        assert row is not None
        return row, True


def _confirmed(state: SubscriberState, now: str) -> str | None:
    return now if state == SubscriberState.CONFIRMED else None


def set_state(db: Database, *, subscriber: int, state: SubscriberState, now: str) -> None:
    email_kept = "email" if state != SubscriberState.UNSUBSCRIBED else "NULL"
    confirmed = "confirmed_at" if state != SubscriberState.CONFIRMED else "?"
    args = [state, *([now] if state == SubscriberState.CONFIRMED else []), now, subscriber]
    db.execute(
        f"UPDATE subscribers SET state = ?, email = {email_kept}, confirmed_at = {confirmed}, "
        "updated_at = ? WHERE id = ?",
        args,
    )


def expire_pending(db: Database, *, community: int, before: str) -> int:
    """Forget unconfirmed sign-ups older than ``before``."""
    return db.execute(
        "DELETE FROM subscribers WHERE community_id = ? AND state = 'pending' AND created_at < ?",
        [community, before],
    ).rowcount


def confirmed(db: Database, *, community: int) -> list[Subscriber]:
    return [
        _from_row(r)
        for r in db.query(
            "SELECT * FROM subscribers WHERE community_id = ? AND state = 'confirmed' ORDER BY id",
            [community],
        )
    ]


def counts(db: Database, *, community: int) -> dict[str, int]:
    return {
        row["state"]: row["n"]
        for row in db.query(
            "SELECT state, COUNT(*) AS n FROM subscribers WHERE community_id = ? GROUP BY state",
            [community],
        )
    }


def bounced(db: Database, *, subscriber: int, now: str, limit: int) -> bool:
    """Count a hard bounce; the ``limit``-th in a row suspends the reader (True)."""
    db.execute(
        "UPDATE subscribers SET bounces = bounces + 1, updated_at = ? WHERE id = ?",
        [now, subscriber],
    )
    db.execute(
        "UPDATE subscribers SET state = 'suspended' WHERE id = ? AND bounces >= ? "
        "AND state = 'confirmed'",
        [subscriber, limit],
    )
    row = next(db.query("SELECT state FROM subscribers WHERE id = ?", [subscriber]))
    return row["state"] == SubscriberState.SUSPENDED


def delivered(db: Database, *, subscriber: int) -> None:
    db.execute("UPDATE subscribers SET bounces = 0 WHERE id = ? AND bounces > 0", [subscriber])
