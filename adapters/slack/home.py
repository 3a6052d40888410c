"""The App Home tab, published with ``views.publish`` whenever it is opened.

Everyone sees their own victories and where each stands, and how to share one. Editors
also see the next issue (date, items, slots filled; a Preview button) and the review
queue with each card's buttons. An admin also sees the setup guide and the settings.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.app.async_app import AsyncApp

from adapters.slack import buttons, render
from adapters.slack.client import API_ERRORS
from adapters.slack.live_home import Viewer
from adapters.slack.services import Services
from bot.document import Block, Document, lines_document, one_line
from bot.messages import fill, reply_language, say, say_doc, speaking
from bot.model import Actor, Community
from bot.review.moderation import is_moderator
from bot.submissions.members import state_label

log = logging.getLogger("victories.slack")

MAX_BLOCKS = 100  # per Home view (Block Kit limit)
QUEUE_SHOWN = 10  # items with their buttons; the rest are counted
MINE_SHOWN = 15
SNIPPET = 200  # characters of an item's text shown in a list


def register(app: AsyncApp, services: Services) -> None:
    @app.event("app_home_opened")
    async def app_home_opened(event: dict, client, context) -> None:
        if event.get("tab") != "home" or not event.get("user"):
            return
        community, actor = await services.who(client, context, event["user"])
        await publish(services, client, community, actor)


async def publish(services: Services, client, community: Community, actor: Actor) -> None:
    """Show ``actor`` their Home tab as it is now, in their Slack language (else the
    community's); live_home keeps it current."""
    with speaking(reply_language(actor.locale, community.language)):
        blocks = await _blocks(services, community, actor)
    try:
        await client.views_publish(
            user_id=actor.user_id, view={"type": "home", "blocks": blocks[:MAX_BLOCKS]}
        )
    except API_ERRORS as err:
        log.warning("views.publish failed user=%s error=%r", actor.user_id, err)


async def _blocks(services: Services, community: Community, actor: Actor) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    editor = is_moderator(actor, community.config)
    services.opened.saw(community, Viewer(actor.place, actor.user_id, editor))
    if editor:
        blocks += await _next_issue(services, community)
        blocks += await _queue(services, community, actor)
        blocks.append({"type": "divider"})
    blocks += await _mine(services, community, actor)
    blocks += _kit(lines_document(say("slack_home_share")))
    if services.core.communities.is_admin(actor, community):
        blocks.append({"type": "divider"})
        blocks += _kit(_setup(services, community))
    return blocks


def _kit(document: Document) -> list[dict[str, Any]]:
    return [kit for block in document.blocks for kit in render.block_kit(block)]


def _heading(key: str, **fields: Any) -> list[dict[str, Any]]:
    return _kit(Document((Block("heading", say(key, **fields)),)))


async def _mine(services: Services, community: Community, actor: Actor) -> list[dict[str, Any]]:
    items = await services.core.submissions.mine(community, actor)
    if not items:
        return _kit(lines_document(say("nothing_mine")))
    lines = [
        say("mine_line", number=v.number, state=state_label(v), text=one_line(v.text, SNIPPET))
        for v in items[:MINE_SHOWN]
    ]
    return _heading("mine_heading") + _kit(lines_document(*lines))


async def _queue(services: Services, community: Community, actor: Actor) -> list[dict[str, Any]]:
    items = await services.core.review.queue(community, actor)
    blocks = _heading("slack_home_queue_heading", count=len(items))
    if not items:
        return blocks + _kit(lines_document(say("queue_empty")))
    for victory in items[:QUEUE_SHOWN]:
        line = say(
            "queue_line",
            number=victory.number,
            state=state_label(victory),
            text=one_line(victory.text, SNIPPET),
        )
        blocks += _kit(lines_document(line))
        blocks.append(buttons.actions_block(victory.number))
    if len(items) > QUEUE_SHOWN:
        more = say("slack_home_queue_more", count=len(items) - QUEUE_SHOWN)
        blocks += _kit(lines_document(more))
    return blocks


async def _next_issue(services: Services, community: Community) -> list[dict[str, Any]]:
    upcoming = await services.core.issues.next_issue(community)
    lines = [
        say(
            "slack_home_next_line",
            issue=upcoming.issue,
            when=upcoming.when,
            approved=upcoming.approved,
            pending=upcoming.pending,
        ),
        say(
            "slack_home_next_slots",
            filled=", ".join(fill(slot) for slot in upcoming.filled_slots) or "–",
            empty=", ".join(fill(slot) for slot in upcoming.empty_slots) or "–",
        ),
    ]
    if upcoming.skipped:
        lines.append(say("slack_home_next_skipped"))
    blocks = _heading("slack_home_next_heading") + _kit(lines_document(*lines))
    return [*blocks, buttons.preview_block()]


def _setup(services: Services, community: Community) -> Document:
    core = services.core
    settings = [
        say("settings_line", setting=key, value=value)
        for key, value in core.communities.settings(community)
    ]
    guide = say_doc("setup_guide", community=community.slug)
    heading = lines_document(say("settings_heading", community=community.slug))
    return Document(guide.blocks + heading.blocks + lines_document(*settings).blocks)
