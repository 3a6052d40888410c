"""Editors' verbs that take more than one step: several items at once, skipping and
un-skipping, the truthful status, and each verb's own usage line."""

from __future__ import annotations

import datetime as dt

from bot import editorial
from bot import schedule as calendar
from bot.clock import iso
from bot.command_words import number
from bot.document import Document
from bot.messages import fill
from bot.model import Actor, Decision, Refusal
from bot.moderation import check_open
from bot.newsroom import Newsroom
from bot.replies import Reply, says
from bot.sanitize import optional_text
from bot.store import issues
from bot.store import victories as victory_store

# What each verb expects after it; shown when it is used empty or wrongly.
USAGE = {
    "issue": "/victories issue <number>",
    "note": "/victories note <text>",
    "song": "/victories song <title> <link>",
    "thanks": "/victories thanks <text>",
    "action": "/victories action <step>",
    "ps": "/victories ps <text>",
    "clear": "/victories clear <note|song|thanks|actions|ps>",
    "approve": "/victories approve <number> [<number> ...]",
    "feature": "/victories feature <number> [<number> ...]",
    "reject": "/victories reject <number> <reason>",
    "publish": "/victories publish now",
    "schedule": "/victories schedule <YYYY-MM-DD HH:MM>",
    "block": "/victories block <user>",
    "unblock": "/victories unblock <user>",
}


def with_usage(verb: str, rest: str, refusal: Refusal) -> Reply | None:
    """The verb's own usage (not the member's /victory hint) for an empty or wrong use."""
    usage = USAGE.get(verb)
    if usage is None:
        return None
    if not rest or refusal.key == "empty":
        return says("usage", ok=False, usage=usage)
    return says(refusal.key, ("usage", {"usage": usage}), ok=False, **refusal.fields)


def deciding(decision: Decision):
    async def handler(room: Newsroom, actor: Actor, rest: str) -> Reply:
        if decision == Decision.REJECT:
            number_text, _, reason = rest.partition(" ")
            why = optional_text(reason, max_length=300, what="reason")
            return await room.decide(actor, number(number_text), decision, reason=why)
        words = rest.replace(",", " ").split()
        if not words:
            raise Refusal("empty", what="number")
        numbers = list(dict.fromkeys(number(word) for word in words))
        await room.store.run(check_open, numbers)  # all of them can be decided, or none is
        replies = [await room.decide(actor, n, decision) for n in numbers]
        blocks = tuple(block for reply in replies for block in reply.doc.blocks)
        return Reply(Document(blocks), ok=all(reply.ok for reply in replies))

    return handler


async def skip(room: Newsroom, actor: Actor, rest: str) -> Reply:
    before = await room.store.run(calendar.next_plan, config=room.config, now=room.clock.now())
    plan = await room.store.run(calendar.skip_next, config=room.config, now=room.clock.now())
    await room.rearm()
    when = calendar.local(room.config, plan.due)
    if before.moved:  # the move was for this issue: skipping it drops the move, say so
        moved = calendar.local(room.config, before.due)
        return says("skipped_next", ("skip_drops_move", {"moved": moved}), when=when)
    return says("skipped_next", when=when)


async def unskip(room: Newsroom, actor: Actor, rest: str) -> Reply:
    plan = await room.store.run(calendar.unskip, config=room.config, now=room.clock.now())
    if plan is None:
        return says("nothing_skipped", ok=False)
    await room.rearm()
    return says("unskipped", when=calendar.local(room.config, plan.due))


async def status(room: Newsroom, actor: Actor, rest: str) -> Reply:
    now = room.clock.now()
    plan = await room.store.run(calendar.next_plan, config=room.config, now=now)
    counts = await room.store.run(victory_store.count_by_status)
    draft = await room.store.run(issues.draft, now=iso(now))
    when = calendar.local(room.config, plan.due)
    rules = room.config.issue
    if plan.skipped:  # the next one that really goes out is the regular run after it
        after = next(calendar.regular_runs(room.config, after=plan.replaces))
        when = say_skipped(room, after, plan.due)
    elif rules.when_thin == "skip" and counts.get("approved", 0) < rules.min_items:
        when = fill("status_thin", when=when, minimum=rules.min_items)
    return says(
        "status_line",
        number=draft.number,
        when=when,
        approved=counts.get("approved", 0),
        pending=counts.get("pending", 0),
        slots=", ".join(editorial.filled(draft)) or "none",
    )


def say_skipped(room: Newsroom, real: dt.datetime, skipped: dt.datetime) -> str:
    return fill(
        "status_after_skip",
        when=calendar.local(room.config, real),
        skipped=calendar.local(room.config, skipped),
    )
