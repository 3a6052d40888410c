"""Queries on deliveries: one row per issue x platform x channel, tracking each part."""

from __future__ import annotations

import json
from dataclasses import dataclass

from bot.model import DeliveryState
from bot.store.sqlite import Database


@dataclass
class Delivery:
    id: int
    issue_number: int
    platform: str
    channel: str
    state: DeliveryState
    parts_total: int | None
    parts_sent: int
    refs: list[str]
    attempts: int
    last_error: str | None
    started_at: str | None = None  # when the fan-out began (None: before migration 0003)


def _from_row(row: dict) -> Delivery:
    return Delivery(
        id=row["id"],
        issue_number=row["issue_number"],
        platform=row["platform"],
        channel=row["channel"],
        state=DeliveryState(row["state"]),
        parts_total=row["parts_total"],
        parts_sent=row["parts_sent"],
        refs=json.loads(row["refs"]),
        attempts=row["attempts"],
        last_error=row["last_error"],
        started_at=row.get("started_at"),
    )


def create(
    db: Database, *, community: int, issue_number: int, targets: list[tuple[str, str]], now: str
) -> None:
    for platform, channel in targets:
        db.execute(
            "INSERT OR IGNORE INTO deliveries (community_id, issue_number, platform, channel, "
            "updated_at, started_at) VALUES (?, ?, ?, ?, ?, ?)",
            [community, issue_number, platform, channel, now, now],
        )


def of_issue(db: Database, *, community: int, issue_number: int) -> list[Delivery]:
    return [
        _from_row(r)
        for r in db.query(
            "SELECT * FROM deliveries WHERE community_id = ? AND issue_number = ? ORDER BY id",
            [community, issue_number],
        )
    ]


def any_unfinished(db: Database, *, community: int) -> bool:
    """Whether any of the community's channels still waits for an issue (the retry job
    asks every 10 minutes)."""
    return (
        db.execute(
            "SELECT 1 FROM deliveries WHERE community_id = ? AND state != 'sent' LIMIT 1",
            [community],
        ).fetchone()
        is not None
    )


def get(db: Database, delivery_id: int) -> Delivery:
    return _from_row(next(db.query("SELECT * FROM deliveries WHERE id = ?", [delivery_id])))


def mark_sending(db: Database, parts_total: dict[int, int], *, now: str) -> None:
    """Recorded *before* any part is sent (delivery id -> its number of parts), so a crash
    leaves a trace to check on resume."""
    with db.atomic():
        db.conn.executemany(
            "UPDATE deliveries SET state = 'sending', parts_total = ?, attempts = attempts + 1, "
            "updated_at = ? WHERE id = ?",
            [(total, now, delivery_id) for delivery_id, total in parts_total.items()],
        )


def mark_parts_sent(db: Database, sent: list[tuple[int, str]], *, now: str) -> None:
    """Record confirmed parts, as (delivery id, message reference), in one transaction."""
    with db.atomic():
        for delivery_id, ref in sent:
            row = get(db, delivery_id)
            refs = [*row.refs, ref]
            done = row.parts_total is not None and len(refs) >= row.parts_total
            db.execute(
                "UPDATE deliveries SET parts_sent = ?, refs = ?, state = ?, last_error = NULL, "
                "updated_at = ? WHERE id = ?",
                [len(refs), json.dumps(refs), "sent" if done else "sending", now, delivery_id],
            )


def mark_failed(db: Database, delivery_id: int, *, error: str, now: str) -> None:
    db.execute(
        "UPDATE deliveries SET state = 'failed', last_error = ?, updated_at = ? WHERE id = ?",
        [error[:500], now, delivery_id],
    )
