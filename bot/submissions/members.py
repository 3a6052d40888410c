"""What members can do with their own items: list, edit and withdraw them."""

from __future__ import annotations

import datetime as dt

from bot.clock import iso
from bot.config import Config
from bot.messages import Term
from bot.model import Actor, Refusal, Status, Victory
from bot.sanitize import checked_text
from bot.store import audit, victories
from bot.store.sqlite import Database
from bot.submissions import duplicates
from bot.submissions.intake import stored_name


def state_label(victory: Victory) -> Term:
    """Where the item stands, said in the language of the line it is put in."""
    if victory.issue_number is not None:
        return Term("state_published", position=victory.position, issue=victory.issue_number)
    if victory.status == Status.APPROVED:
        return Term("state_featured" if victory.featured else "state_approved")
    if victory.status == Status.REJECTED and victory.reason:
        return Term("state_rejected_reason", reason=victory.reason)
    return Term(f"state_{victory.status.value}")


def mine(db: Database, *, community: int, actor: Actor) -> list[Victory]:
    return victories.of_user(
        db, community=community, platform=actor.platform, user_id=actor.user_id
    )


def _own_changeable(
    db: Database, *, community: int, number: int, actor: Actor, as_moderator: bool
) -> Victory:
    victory = victories.by_number(db, community=community, number=number)
    if victory is None:
        raise Refusal("unknown_item", number=number)
    if not as_moderator and (victory.platform, victory.user_id) != (actor.platform, actor.user_id):
        raise Refusal("not_yours", number=number)
    if victory.issue_number is not None:
        raise Refusal("already_published", number=number, issue=victory.issue_number)
    if victory.status not in (Status.PENDING, Status.APPROVED):
        raise Refusal("not_editable", number=number, status=Term(f"state_{victory.status.value}"))
    return victory


def edit(
    db: Database,
    *,
    community: int,
    number: int,
    text: str,
    actor: Actor,
    config: Config,
    now: dt.datetime,
    as_moderator: bool = False,
) -> Victory:
    """Replace the text; an approved item goes back to review."""
    cleaned = checked_text(
        text, max_length=config.intake.max_length, what=Term("what_victory"), multiline=True
    )
    with db.atomic():
        item = _own_changeable(
            db, community=community, number=number, actor=actor, as_moderator=as_moderator
        )
        victories.update(
            db,
            item.id,
            text=cleaned,
            norm_text=duplicates.normal_text(cleaned),
            status=Status.PENDING,
            decision=None,
            approved_seq=None,
            placed=None,
            featured=0,
            updated_at=iso(now),
        )
        audit.log(
            db, community=community, at=iso(now), actor=actor, action="edit", victory_id=item.id
        )
        return victories.require(db, item.id)


def withdraw(
    db: Database,
    *,
    community: int,
    number: int,
    actor: Actor,
    now: dt.datetime,
    as_moderator: bool = False,
) -> Victory:
    with db.atomic():
        item = _own_changeable(
            db, community=community, number=number, actor=actor, as_moderator=as_moderator
        )
        victories.update(db, item.id, status=Status.WITHDRAWN, updated_at=iso(now))
        audit.log(
            db,
            community=community,
            at=iso(now),
            actor=actor,
            action="withdraw",
            victory_id=item.id,
        )
        return victories.require(db, item.id)


def rename_many(db: Database, renames: list[tuple[int, Actor, str]]) -> list[Victory]:
    """Credit each ``(community, actor, was)``: the actor's items stored under the name
    ``was`` take their real name and locale (a member answered before they were looked
    up). One transaction for many members; the items changed."""
    ids: list[int] = []
    with db.atomic():
        for community, actor, was in renames:
            new = stored_name(actor.name, actor.user_id)
            old = stored_name(was, actor.user_id)
            locale = actor.locale[:35] or None
            ids += [
                row["id"]
                for row in db.query(
                    "UPDATE victories SET display_name = ?, locale = coalesce(?, locale)"
                    " WHERE community_id = ? AND platform = ? AND user_id = ?"
                    " AND display_name = ? AND (display_name != ?"
                    " OR coalesce(locale, '') != coalesce(?, locale, '')) RETURNING id",
                    [new, locale, community, actor.platform, actor.user_id, old, new, locale],
                )
            ]
        return [victories.require(db, victory_id) for victory_id in ids]


def withdraw_by_id(db: Database, *, victory_id: int, actor: Actor, now: dt.datetime) -> Victory:
    """``withdraw`` an item its submitter knows by id (see ``late_names``)."""
    item = victories.require(db, victory_id)
    return withdraw(db, community=item.community_id, number=item.number, actor=actor, now=now)
