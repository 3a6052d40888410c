"""The blocklist: editors stop a member from submitting. Each change is one transaction,
audited with who made it."""

from __future__ import annotations

import datetime as dt

from bot.clock import iso
from bot.model import Actor
from bot.store import audit
from bot.store.sqlite import Database


def block(
    db: Database, *, community: int, platform: str, user_id: str, actor: Actor, now: dt.datetime
) -> None:
    with db.atomic():
        audit.block(
            db, community=community, platform=platform, user_id=user_id, by=actor.name, at=iso(now)
        )
        audit.log(
            db,
            community=community,
            at=iso(now),
            actor=actor,
            action="block",
            detail=f"{platform}:{user_id}",
        )


def unblock(
    db: Database, *, community: int, platform: str, user_id: str, actor: Actor, now: dt.datetime
) -> bool:
    """False when the member was not blocked (nothing changes, nothing is logged)."""
    with db.atomic():
        if not audit.unblock(db, community=community, platform=platform, user_id=user_id):
            return False
        audit.log(
            db,
            community=community,
            at=iso(now),
            actor=actor,
            action="unblock",
            detail=f"{platform}:{user_id}",
        )
        return True
