"""The editor's order of the next issue: ``/victories move <n> <position>``.

A move writes the whole order the editor now sees (``victories.placed``, 1, 2, 3 …) so
the preview and the published issue both show it; ``selection.arrange`` reads it back.
"""

from __future__ import annotations

import datetime as dt

from bot.clock import iso
from bot.config import Config
from bot.issues.selection import next_in_order
from bot.model import Actor, Refusal
from bot.store import audit, victories
from bot.store.sqlite import Database


def reorder(
    db: Database,
    *,
    community: int,
    config: Config,
    number: int,
    position: int,
    actor: Actor,
    now: dt.datetime,
) -> int:
    """Move item ``number`` to ``position`` of the next issue; its new position. The
    caller has checked the actor is an editor."""
    with db.atomic():
        entries, _ = next_in_order(db, community=community, max_items=config.issue.max_items)
        found = [
            entry
            for entry in entries
            if number in (entry.victory.number, *(v.number for v in entry.also))
        ]
        if not found:
            raise Refusal("move_not_ready", number=number)
        if not 1 <= position <= len(entries):
            raise Refusal("bad_position", position=position, count=len(entries))
        (moving,) = found
        old = entries.index(moving) + 1
        entries.remove(moving)
        entries.insert(position - 1, moving)
        for place, entry in enumerate(entries, start=1):
            victories.update(db, entry.victory.id, placed=place)
        audit.log(
            db,
            community=community,
            at=iso(now),
            actor=actor,
            action="move",
            victory_id=moving.victory.id,
            detail=f"{old} -> {position}",
        )
    return position
