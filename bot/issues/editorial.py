"""Editors' slots on the next issue: note, song, gratitude, take-action steps, P.S. lines."""

from __future__ import annotations

import datetime as dt

from sqlite_utils import Database

from bot.clock import iso
from bot.messages import Term
from bot.model import Actor, Issue, Refusal
from bot.sanitize import checked_link, checked_text, split_link
from bot.store import audit, issues

MAX_SLOT = 1500
MAX_LINES = 10
# Each slot's name, said in the language of the sentence it is put in.
SLOT_NAMES = {
    "note": Term("slot_note"),
    "song": Term("slot_song"),
    "thanks": Term("slot_thanks"),
    "action": Term("slot_actions"),
    "actions": Term("slot_actions"),
    "ps": Term("slot_ps"),
}


def set_slot(
    db: Database, *, community: int, slot: str, value: str, actor: Actor, now: dt.datetime
) -> Issue:
    """Fill (or, for list slots, add to) one slot of the draft issue."""
    values: dict[str, object]
    with db.atomic():
        draft = issues.draft(db, community=community, now=iso(now))
        if slot == "song":
            title, url = split_link(value)
            values = {
                "song_title": checked_text(title, max_length=200, what=Term("what_song_title")),
                "song_link": checked_link(url),
            }
        elif slot in ("ps", "action"):
            line = checked_text(value, max_length=MAX_SLOT, what=SLOT_NAMES[slot])
            key = "ps" if slot == "ps" else "actions"
            current = list(getattr(draft, key))
            if len(current) >= MAX_LINES:
                raise Refusal(
                    "too_long", what=SLOT_NAMES[slot], length=len(current) + 1, limit=MAX_LINES
                )
            values = {key: [*current, line]}
        else:
            column = "gratitude" if slot == "thanks" else "note"
            values = {column: checked_text(value, max_length=MAX_SLOT, what=SLOT_NAMES[slot])}
        return _save(db, community, draft, values, actor=actor, now=now, action=f"slot-{slot}")


def clear_slot(db: Database, *, community: int, slot: str, actor: Actor, now: dt.datetime) -> Issue:
    columns: dict[str, dict[str, object]] = {
        "note": {"note": None},
        "song": {"song_title": None, "song_link": None},
        "thanks": {"gratitude": None},
        "ps": {"ps": []},
        "action": {"actions": []},
        "actions": {"actions": []},
    }
    if slot not in columns:
        raise Refusal("unknown_command", command=f"clear {slot}", help="/victories help")
    with db.atomic():
        draft = issues.draft(db, community=community, now=iso(now))
        return _save(
            db, community, draft, columns[slot], actor=actor, now=now, action=f"clear-{slot}"
        )


def _save(
    db: Database,
    community: int,
    draft: Issue,
    values: dict[str, object],
    *,
    actor: Actor,
    now: dt.datetime,
    action: str,
) -> Issue:
    """Write the draft's new slot values with their audit line (inside the caller's
    transaction) and return the draft as it now stands."""
    issues.update(db, community=community, number=draft.number, **values)
    audit.log(
        db, community=community, at=iso(now), actor=actor, action=action, issue_number=draft.number
    )
    return issues.require(db, community=community, number=draft.number)


def filled(issue: Issue) -> list[str]:
    names = [
        ("note", issue.note),
        ("song", issue.song_title or issue.song_link),
        ("thanks", issue.gratitude),
        ("action", issue.actions),
        ("ps", issue.ps),
    ]
    return [SLOT_NAMES[key] for key, value in names if value]


def empty(issue: Issue) -> list[str]:
    present = set(filled(issue))
    return [name for key, name in SLOT_NAMES.items() if key != "actions" and name not in present]
