"""Editors' slots on the next issue: note, song, gratitude, take-action steps, P.S. lines."""

from __future__ import annotations

import datetime as dt

from bot.clock import iso
from bot.messages import Term
from bot.model import Actor, Issue, Refusal
from bot.sanitize import checked_link, checked_text, clean_text, split_link
from bot.store import audit, issues
from bot.store.sqlite import Database

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
            line = _slot_text(value, slot)
            key = "ps" if slot == "ps" else "actions"
            current = list(getattr(draft, key))
            if len(current) >= MAX_LINES:
                raise Refusal(
                    "too_long", what=SLOT_NAMES[slot], length=len(current) + 1, limit=MAX_LINES
                )
            values = {key: [*current, line]}
        else:
            column = "gratitude" if slot == "thanks" else "note"
            values = {column: _slot_text(value, slot)}
        return _save(db, community, draft, values, actor=actor, now=now, action=f"slot-{slot}")


def _slot_text(value: str, slot: str) -> str:
    # Slots keep paragraphs and quotation lines, like items.
    return checked_text(value, max_length=MAX_SLOT, what=SLOT_NAMES[slot], multiline=True)


WRITABLE = {"note": "note", "thanks": "gratitude", "ps": "ps", "action": "actions"}


def write_slot(
    db: Database, *, community: int, slot: str, value: str, actor: Actor, now: dt.datetime
) -> Issue:
    """Replace a slot with what an editor wrote in its form; empty clears it. The note and
    gratitude keep paragraphs; for P.S. lines and take-action steps each paragraph (text
    between blank lines) is one entry."""
    if slot not in WRITABLE:
        raise Refusal("unknown_command", command=slot[:40], help="/victories help")
    text = clean_text(value or "", multiline=True)
    if not text:
        return clear_slot(db, community=community, slot=slot, actor=actor, now=now)
    values: dict[str, object]
    if slot in ("ps", "action"):
        entries = [_slot_text(entry, slot) for entry in text.split("\n\n")]
        if len(entries) > MAX_LINES:
            raise Refusal("too_long", what=SLOT_NAMES[slot], length=len(entries), limit=MAX_LINES)
        values = {WRITABLE[slot]: entries}
    else:
        values = {WRITABLE[slot]: _slot_text(text, slot)}
    with db.atomic():
        draft = issues.draft(db, community=community, now=iso(now))
        return _save(db, community, draft, values, actor=actor, now=now, action=f"slot-{slot}")


def slot_text(issue: Issue, slot: str) -> str:
    """A slot's current text as its form shows it (list entries one paragraph each)."""
    value = getattr(issue, WRITABLE[slot]) if slot in WRITABLE else None
    if isinstance(value, list):
        return "\n\n".join(value)
    return value or ""


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
