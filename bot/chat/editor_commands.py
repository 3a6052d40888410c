"""``/victories``: the editors' verbs (``issue``, ``latest`` and ``help`` are open to all)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from bot.chat import desk_commands, forms
from bot.chat.admin_commands import ADMIN_VERBS
from bot.chat.email_commands import subscribers
from bot.chat.replies import Reply, decided, refused, says
from bot.chat.usage import editors_help, with_usage
from bot.chat.words import MENTION, number
from bot.document import Document
from bot.issues import calendar, notices
from bot.issues.editorial import SLOT_NAMES, WRITABLE
from bot.issues.layout import issue_document
from bot.messages import Term, fill, say_doc
from bot.model import Actor, Community, Decision, Refusal
from bot.review.moderation import is_moderator
from bot.sanitize import optional_text

if TYPE_CHECKING:
    from bot.core import Core

Verb = Callable[["Core", Community, Actor, str], Awaitable[Reply]]
PUBLIC = {"issue", "latest", "help", ""}


async def victories(core: Core, community: Community, actor: Actor, text: str) -> Reply:
    verb, _, rest = text.strip().partition(" ")
    verb, rest = verb.lower(), rest.strip()
    if verb in ADMIN_VERBS:
        return await ADMIN_VERBS[verb](core, community, actor, rest)
    if verb not in PUBLIC and not is_moderator(actor, community.config):
        return says("not_moderator", ok=False)
    try:
        handler = EDITOR_VERBS.get(verb)
        if handler is None:
            help_ = editors_help(actor)
            return says("unknown_command", ok=False, command=verb[:40], help=help_)
        return await handler(core, community, actor, rest)
    except Refusal as refusal:
        return with_usage(verb, rest, refusal) or refused(refusal)


async def _help(core: Core, community: Community, actor: Actor, rest: str) -> Reply:
    return Reply(say_doc("help_victories"))


async def _preview(core: Core, community: Community, actor: Actor, rest: str) -> Reply:
    view = await core.issues.preview_next(community)
    return Reply(issue_document(view, config=community.config))


async def _issue(core: Core, community: Community, actor: Actor, rest: str) -> Reply:
    wanted = number(rest)
    view = await core.issues.published(community, wanted)
    if view is None:
        return says("unknown_issue", ok=False, number=wanted)
    return Reply(issue_document(view, config=community.config))


async def _latest(core: Core, community: Community, actor: Actor, rest: str) -> Reply:
    view = await core.issues.latest(community)
    if view is None:
        return says("no_issues", ok=False)
    return Reply(issue_document(view, config=community.config))


def _slot(slot: str) -> Verb:
    async def handler(core: Core, community: Community, actor: Actor, rest: str) -> Reply:
        if not rest and slot in WRITABLE:  # typed alone: the slot's multi-line form
            return await forms.slot_form(core, community, actor, slot)
        issue = await core.issues.set_slot(community, actor, slot, rest)
        return says("slot_saved", slot=SLOT_NAMES[slot], issue=issue.number)

    return handler


async def _clear(core: Core, community: Community, actor: Actor, rest: str) -> Reply:
    slot = rest.lower().strip()
    issue = await core.issues.clear_slot(community, actor, slot)
    return says("slot_cleared", slot=SLOT_NAMES[slot], issue=issue.number)


async def _reject(core: Core, community: Community, actor: Actor, rest: str) -> Reply:
    number_text, _, reason = rest.partition(" ")
    why = optional_text(reason, max_length=300, what=Term("what_reason"))
    outcome = await core.review.decide(
        community, actor, number(number_text), Decision.REJECT, reason=why
    )
    return decided(outcome)


def _deciding(decision: Decision) -> Verb:
    """Approve or feature one item or several ("approve 1 2", "approve 1, 2"): all or none."""

    async def handler(core: Core, community: Community, actor: Actor, rest: str) -> Reply:
        words = rest.replace(",", " ").split()
        if not words:
            raise Refusal("empty", what=Term("what_number"))
        numbers = list(dict.fromkeys(number(word) for word in words))
        outcomes = await core.review.decide_all(community, actor, numbers, decision)
        replies = [decided(outcome) for outcome in outcomes]
        return Reply(Document(tuple(block for r in replies for block in r.doc.blocks)))

    return handler


async def _publish(core: Core, community: Community, actor: Actor, rest: str) -> Reply:
    if rest.lower() not in ("now", "now!"):  # "now" confirms: it goes out at once
        return says("publish_needs_now", ok=False)
    result = await core.issues.publish(community, force=True)
    return Reply(notices.published(result), ok=result.ok)


async def _skip(core: Core, community: Community, actor: Actor, rest: str) -> Reply:
    plan = await core.issues.skip(community)
    when = calendar.local(community.config, plan.due)
    if plan.dropped_move:  # the move was for this run: skipping it drops the move, say so
        moved = calendar.local(community.config, plan.dropped_move)
        return says("skipped_next", ("skip_drops_move", {"moved": moved}), when=when)
    return says("skipped_next", when=when)


async def _unskip(core: Core, community: Community, actor: Actor, rest: str) -> Reply:
    plan = await core.issues.unskip(community)
    if plan is None:
        return says("nothing_skipped", ok=False)
    return says("unskipped", when=calendar.local(community.config, plan.due))


async def _schedule(core: Core, community: Community, actor: Actor, rest: str) -> Reply:
    config = community.config
    try:
        when = dt.datetime.fromisoformat(rest.strip().replace("T", " "))
    except ValueError:
        return says("schedule_bad", ok=False, zone=config.community.timezone)
    when = when.replace(tzinfo=config.community.zone)
    if when <= core.clock.now():
        return says("schedule_past", ok=False, when=calendar.local(config, when))
    plan = await core.issues.move(community, when.astimezone(dt.UTC))
    return says("scheduled", when=calendar.local(config, plan.due))


async def _status(core: Core, community: Community, actor: Actor, rest: str) -> Reply:
    upcoming = await core.issues.next_issue(community)
    config, when = community.config, upcoming.when
    if upcoming.after_skip:  # the one that really goes out is the regular run after it
        real = calendar.local(config, upcoming.after_skip)
        when = fill("status_after_skip", when=real, skipped=upcoming.when)
    elif upcoming.thin_minimum:
        when = fill("status_thin", when=when, minimum=upcoming.thin_minimum)
    if upcoming.overdue:
        when += fill("status_overdue")
    trouble: list[tuple[str, dict[str, object]]] = [
        (
            "status_trouble",
            {
                "job": fill(t.job),
                "error": t.error,
                "retry": calendar.local(config, t.retry_at),
            },
        )
        for t in upcoming.trouble
    ]
    return says(
        "status_line",
        *trouble,
        number=upcoming.issue,
        when=when,
        approved=upcoming.approved,
        pending=upcoming.pending,
        slots=", ".join(fill(slot) for slot in upcoming.filled_slots) or fill("nothing"),
    )


def _blocking(block: bool) -> Verb:
    async def handler(core: Core, community: Community, actor: Actor, rest: str) -> Reply:
        user = rest.strip()
        mention = MENTION.match(user)
        user = mention.group(1) if mention else user.lstrip("@")
        if not user:
            raise Refusal("empty", what=Term("what_user"))
        platform, _, user_id = user.rpartition(":")
        platform = platform or actor.platform
        if block:
            await core.review.block(community, actor, platform=platform, user_id=user_id)
            return says("blocked_user", user=user_id)
        if not await core.review.unblock(community, actor, platform=platform, user_id=user_id):
            return says("not_blocked", ok=False, user=user_id)
        return says("unblocked_user", user=user_id)

    return handler


EDITOR_VERBS: dict[str, Verb] = {
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
    "approve": _deciding(Decision.APPROVE),
    "reject": _reject,
    "feature": _deciding(Decision.FEATURE),
    "publish": _publish,
    "skip": _skip,
    "unskip": _unskip,
    "schedule": _schedule,
    "status": _status,
    "block": _blocking(True),
    "unblock": _blocking(False),
    "subscribers": subscribers,
    "queue": desk_commands.queue,
    "move": desk_commands.move,
    "edit": desk_commands.edit,
}
