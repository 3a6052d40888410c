"""The chat commands, parsed once here and relayed by every adapter.

``/victory ...`` is for members; ``/victories ...`` holds the editors' verbs (``issue``,
``latest`` and ``help`` are open to everyone).
"""

from __future__ import annotations

import datetime as dt

from bot import editorial, members
from bot import schedule as calendar
from bot.clock import iso
from bot.command_words import MENTION
from bot.command_words import number as item_number
from bot.composition import published_view
from bot.document import lines_document
from bot.editor_commands import deciding, skip, status, unskip, with_usage
from bot.issue_document import issue_document
from bot.messages import say, say_doc
from bot.model import Actor, Decision, Refusal
from bot.newsroom import Newsroom
from bot.replies import Reply, refused, says
from bot.store import audit, issues
from bot.submission_line import parse_submission


async def victory(room: Newsroom, actor: Actor, text: str) -> Reply:
    verb, _, rest = text.strip().partition(" ")
    verb = verb.lower()
    try:
        if verb in ("", "help"):
            return Reply(say_doc("help_victory"))
        if verb == "mine":
            items = await room.store.run(members.mine, actor=actor)
            if not items:
                return says("nothing_mine")
            lines = [say("mine_heading")] + [
                say("mine_line", number=v.id, state=members.state_label(v), text=v.text[:120])
                for v in items
            ]
            return Reply(lines_document(*lines))
        if verb == "edit":
            number_text, _, new_text = rest.strip().partition(" ")
            item = await room.store.run(
                members.edit,
                number=item_number(number_text),
                text=new_text,
                actor=actor,
                config=room.config,
                now=room.clock.now(),
                as_moderator=room.is_moderator(actor),
            )
            await room.refresh(item.id)
            return says("edited", number=item.id)
        if verb == "withdraw":
            item = await room.store.run(
                members.withdraw,
                number=item_number(rest),
                actor=actor,
                now=room.clock.now(),
                as_moderator=room.is_moderator(actor),
            )
            await room.refresh(item.id)
            return says("withdrawn", number=item.id)
        return await room.submit(actor, parse_submission(text))
    except Refusal as refusal:
        return refused(refusal)


PUBLIC = {"issue", "latest", "help", ""}


async def victories(room: Newsroom, actor: Actor, text: str) -> Reply:
    verb, _, rest = text.strip().partition(" ")
    verb, rest = verb.lower(), rest.strip()
    if verb not in PUBLIC and not room.is_moderator(actor):
        return says("not_moderator", ok=False)
    try:
        handler = EDITOR_VERBS.get(verb)
        if handler is None:
            return says("unknown_command", ok=False, command=verb[:40], help="/victories help")
        return await handler(room, actor, rest)
    except Refusal as refusal:
        return with_usage(verb, rest, refusal) or refused(refusal)


async def _help(room: Newsroom, actor: Actor, rest: str) -> Reply:
    return Reply(say_doc("help_victories"))


async def _preview(room: Newsroom, actor: Actor, rest: str) -> Reply:
    date = await room.store.run(calendar.next_issue_date, config=room.config, now=room.clock.now())
    return Reply(await room.preview(date=date))


async def _issue(room: Newsroom, actor: Actor, rest: str) -> Reply:
    number = item_number(rest)
    view = await room.store.run(published_view, number)
    if view is None or view.issue.status != "published":
        return says("unknown_issue", ok=False, number=number)
    return Reply(issue_document(view, config=room.config))


async def _latest(room: Newsroom, actor: Actor, rest: str) -> Reply:
    latest = await room.store.run(issues.latest_published)
    if latest is None:
        return says("no_issues", ok=False)
    return await _issue(room, actor, str(latest.number))


def _slot(slot: str):
    async def handler(room: Newsroom, actor: Actor, rest: str) -> Reply:
        issue = await room.store.run(
            editorial.set_slot, slot=slot, value=rest, actor=actor, now=room.clock.now()
        )
        return says("slot_saved", slot=editorial.SLOT_NAMES[slot], issue=issue.number)

    return handler


async def _clear(room: Newsroom, actor: Actor, rest: str) -> Reply:
    slot = rest.lower().strip()
    issue = await room.store.run(editorial.clear_slot, slot=slot, actor=actor, now=room.clock.now())
    return says("slot_cleared", slot=editorial.SLOT_NAMES[slot], issue=issue.number)


async def _publish(room: Newsroom, actor: Actor, rest: str) -> Reply:
    if rest.lower() not in ("now", "now!"):
        return says(
            "unknown_command",
            ok=False,
            command=f"publish {rest}"[:40],
            help="/victories publish now",
        )
    return await room.publish(force=True)


async def _schedule(room: Newsroom, actor: Actor, rest: str) -> Reply:
    zone = room.config.community.zone
    try:
        when = dt.datetime.fromisoformat(rest.strip().replace("T", " ")).replace(tzinfo=zone)
    except ValueError:
        return says("schedule_bad", ok=False, zone=room.config.community.timezone)
    if when <= room.clock.now():
        return says("schedule_past", ok=False, when=calendar.local(room.config, when))
    plan = await room.store.run(
        calendar.move_next, config=room.config, now=room.clock.now(), when=when.astimezone(dt.UTC)
    )
    await room.rearm()
    return says("scheduled", when=calendar.local(room.config, plan.due))


def _blocking(block: bool):
    async def handler(room: Newsroom, actor: Actor, rest: str) -> Reply:
        user = rest.strip()
        mention = MENTION.match(user)
        user = mention.group(1) if mention else user.lstrip("@")
        if not user:
            raise Refusal("empty", what="user")
        platform, _, user_id = user.rpartition(":")
        platform = platform or actor.platform
        now = iso(room.clock.now())
        if block:
            await room.store.run(
                audit.block, platform=platform, user_id=user_id, by=actor.name, at=now
            )
            await room.store.run(
                audit.log, at=now, actor=actor, action="block", detail=f"{platform}:{user_id}"
            )
            return says("blocked_user", user=user_id)
        if not await room.store.run(audit.unblock, platform=platform, user_id=user_id):
            return says("not_blocked", ok=False, user=user_id)
        return says("unblocked_user", user=user_id)

    return handler


EDITOR_VERBS = {
    "": _help,
    "help": _help,
    "preview": _preview,
    "issue": _issue,
    "latest": _latest,
    "note": _slot("note"),
    "song": _slot("song"),
    "ps": _slot("ps"),
    "thanks": _slot("thanks"),
    "action": _slot("action"),
    "clear": _clear,
    "approve": deciding(Decision.APPROVE),
    "reject": deciding(Decision.REJECT),
    "feature": deciding(Decision.FEATURE),
    "publish": _publish,
    "skip": skip,
    "unskip": unskip,
    "schedule": _schedule,
    "status": status,
    "block": _blocking(True),
    "unblock": _blocking(False),
}


async def handle(room: Newsroom, actor: Actor, command: str, text: str) -> Reply:
    """Dispatch ``/victory`` or ``/victories`` with the rest of the line."""
    if command.lstrip("/") == "victory":
        return await victory(room, actor, text)
    if command.lstrip("/") == "victories":
        return await victories(room, actor, text)
    return says("unknown_command", ok=False, command=command[:40], help="/victory help")
