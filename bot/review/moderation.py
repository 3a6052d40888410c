"""Moderation: who may decide, and what approve / reject / feature / undo do to an item."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.clock import iso
from bot.config import Config
from bot.messages import Term
from bot.model import Actor, Decision, Refusal, Status, Victory
from bot.review.emoji import emoji_name
from bot.store import audit, victories
from bot.store.sqlite import Database


def is_moderator(actor: Actor, config: Config) -> bool:
    """The one place that decides who is a moderator. Adapters only report identity."""
    if actor.is_bot:
        return False
    if actor.platform == "console":
        return actor.user_id in config.console.moderators
    if actor.platform == "slack":
        return actor.user_id in config.slack.moderator_users or bool(
            actor.groups & set(config.slack.moderator_usergroups)
        )
    if actor.platform == "discord":
        roles = set(config.discord.moderator_roles)
        return bool(actor.groups & roles) if roles else actor.is_admin
    return False


def decision_for_emoji(emoji: str, config: Config) -> Decision | None:
    name = emoji_name(emoji).split("::", 1)[0]
    return {
        config.emoji.approve: Decision.APPROVE,
        config.emoji.reject: Decision.REJECT,
        config.emoji.feature: Decision.FEATURE,
    }.get(name)


@dataclass(frozen=True)
class Outcome:
    victory: Victory
    notice: str | None  # message key for the member, if they should hear about it


def open_item(db: Database, *, community: int, number: int) -> Victory:
    """The item, if it can still be decided or changed: not published, not withdrawn."""
    victory = victories.by_number(db, community=community, number=number)
    if victory is None:
        raise Refusal("unknown_item", number=number)
    if victory.issue_number is not None:
        raise Refusal("already_published", number=number, issue=victory.issue_number)
    if victory.status == Status.WITHDRAWN:
        raise Refusal("not_editable", number=number, status=Term(f"state_{victory.status.value}"))
    return victory


def check_open(db: Database, *, community: int, numbers: list[int]) -> None:
    """Refuse (naming the first) unless every item can still be decided."""
    for number in numbers:
        open_item(db, community=community, number=number)


def decide(
    db: Database,
    *,
    community: int,
    number: int,
    decision: Decision,
    actor: Actor,
    now: dt.datetime,
    reason: str | None = None,
) -> Outcome:
    """Apply a moderator's decision. The caller has checked ``is_moderator``."""
    with db.atomic():
        before = open_item(db, community=community, number=number)
        stamp = iso(now)
        values: dict[str, object] = {
            "decided_by": actor.name,
            "decided_at": stamp,
            "updated_at": stamp,
        }
        notice = None
        if decision == Decision.REJECT:
            values.update(
                status=Status.REJECTED, decision=Decision.REJECT, reason=reason, placed=None
            )
            notice = "notice_rejected" if before.status != Status.REJECTED or reason else None
        else:
            if before.status != Status.APPROVED:
                values.update(
                    status=Status.APPROVED,
                    decision=decision,
                    reason=None,
                    approved_seq=victories.next_approval_seq(db),
                )
                notice = "notice_approved"
            if decision == Decision.FEATURE:
                values["featured"] = 1
                notice = "notice_featured" if not before.featured else notice
        victories.update(db, before.id, **values)
        audit.log(
            db,
            community=community,
            at=stamp,
            actor=actor,
            action=decision.value,
            victory_id=before.id,
            detail=reason,
        )
        after = victories.require(db, before.id)
    return Outcome(after, notice=notice)


def undo(
    db: Database,
    *,
    community: int,
    number: int,
    decision: Decision,
    actor: Actor,
    now: dt.datetime,
) -> Outcome:
    """A moderator took their reaction back: undo that decision if it is still the one in force."""
    with db.atomic():
        before = open_item(db, community=community, number=number)
        current = before.decision
        stamp = iso(now)
        values: dict[str, object] = {}
        if decision == Decision.FEATURE:
            values["featured"] = 0
            if before.status == Status.APPROVED and current == Decision.FEATURE:
                values.update(status=Status.PENDING, decision=None, approved_seq=None, placed=None)
        elif (
            decision == Decision.APPROVE
            and before.status == Status.APPROVED
            and current == Decision.APPROVE
        ):
            if before.featured:
                values["decision"] = Decision.FEATURE  # the star still stands, so it stays approved
            else:
                values.update(status=Status.PENDING, decision=None, approved_seq=None, placed=None)
        elif decision == Decision.REJECT and before.status == Status.REJECTED:
            values.update(status=Status.PENDING, decision=None, reason=None)
        notice = None
        if values:
            values.update(decided_by=actor.name, decided_at=stamp, updated_at=stamp)
            audit.log(
                db,
                community=community,
                at=stamp,
                actor=actor,
                action=f"undo-{decision.value}",
                victory_id=before.id,
            )
            if values.get("status") == Status.PENDING and (
                standing := _still_standing(db, before.id)
            ):
                # Another editor's reaction is still on the card: its decision holds again.
                values.update(_standing_values(db, standing, before.id))
                notice = "notice_approved" if before.status == Status.REJECTED else None
            victories.update(db, before.id, **values)
        after = victories.require(db, before.id)
    return Outcome(after, notice=notice)


def _still_standing(db: Database, victory_id: int) -> Decision | None:
    """The latest decision on the item that its editor has not taken back."""
    latest: dict[tuple[str, str, str], tuple[int, bool]] = {}
    for row in audit.of_victory(db, victory_id):
        action = row["action"]
        undone = action.startswith("undo-")
        name = action.removeprefix("undo-")
        if name in {d.value for d in Decision}:
            latest[(row["platform"], row["user_id"], name)] = (row["id"], not undone)
    standing = [(order, name) for (_, _, name), (order, up) in latest.items() if up]
    return Decision(max(standing)[1]) if standing else None


def _standing_values(db: Database, decision: Decision, victory_id: int) -> dict[str, object]:
    if decision == Decision.REJECT:
        return {
            "status": Status.REJECTED,
            "decision": Decision.REJECT,
            "featured": 0,
            "approved_seq": None,
        }
    (row,) = db.query("SELECT approved_seq FROM victories WHERE id = ?", [victory_id])
    return {
        "status": Status.APPROVED,
        "decision": decision,
        "featured": int(decision == Decision.FEATURE),
        # Its place in the approval order, if it had one: falling back is not a new approval.
        "approved_seq": row["approved_seq"] or victories.next_approval_seq(db),
    }
