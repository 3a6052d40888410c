"""The editor's desk on one item: copy-edit it before it is published.

A copy-edit goes through the same checks as a submission (``intake.validate``), keeps the
item's place in review (an editor's fix is not a new submission), and leaves an audit row
holding the fields before and after, so any change can be traced and undone by hand.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping

from bot.clock import iso
from bot.config import Config
from bot.model import Actor, Submission, Victory
from bot.review.moderation import open_item
from bot.store import audit, victories
from bot.store.sqlite import Database
from bot.submissions import duplicates
from bot.submissions.intake import validate

FIELDS = ("text", "link", "thanks_to", "credit")


def changeable(db: Database, *, community: int, number: int) -> Victory:
    """The item, if an editor may still change it: the same rule as deciding it."""
    return open_item(db, community=community, number=number)


def current(item: Victory) -> dict[str, str]:
    """The item's editable fields as a form shows them (empty for none)."""
    return {
        "text": item.text,
        "link": item.link or "",
        "thanks_to": item.thanks_to or "",
        "credit": item.credit.value,
    }


def copy_edit(
    db: Database,
    *,
    community: int,
    number: int,
    fields: Mapping[str, str],
    actor: Actor,
    config: Config,
    now: dt.datetime,
) -> tuple[Victory, bool]:
    """Apply an editor's copy-edit; (the item, whether anything changed). The caller has
    checked the actor is an editor. Fields left out keep their value; an empty link or
    thanks-to clears it."""
    with db.atomic():
        item = changeable(db, community=community, number=number)
        before = current(item)
        wanted = {**before, **{k: v for k, v in fields.items() if k in FIELDS}}
        checked = validate(
            Submission(
                text=wanted["text"],
                link=wanted["link"] or None,
                thanks_to=wanted["thanks_to"] or None,
                credit=wanted["credit"] or item.credit.value,
            ),
            config=config,
        )
        after = {k: checked[k] or "" for k in FIELDS}
        changed = {k for k in FIELDS if after[k] != before[k]}
        if not changed:
            return item, False
        victories.update(
            db,
            item.id,
            **checked,
            norm_text=duplicates.normal_text(checked["text"]),
            norm_link=duplicates.normal_link(checked["link"]),
            updated_at=iso(now),
        )
        detail = {
            "before": {k: before[k] for k in FIELDS if k in changed},
            "after": {k: after[k] for k in FIELDS if k in changed},
        }
        audit.log(
            db,
            community=community,
            at=iso(now),
            actor=actor,
            action="copy-edit",
            victory_id=item.id,
            detail=json.dumps(detail, ensure_ascii=False),
        )
        return victories.require(db, item.id), True
