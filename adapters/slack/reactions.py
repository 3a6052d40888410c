"""Reactions on review cards: a moderator's ✅ ❌ ⭐ (or their removal) is a decision.

The core looks the card up by channel + ts in its cards table, so cards posted before a
restart still work; reactions on any other message are ignored there.
"""

from __future__ import annotations

import logging

from slack_bolt.app.async_app import AsyncApp

from adapters.slack.replies import reply_privately
from adapters.slack.services import Services
from bot.chat import commands
from bot.review.moderation import is_moderator

log = logging.getLogger("victories.slack")


def register(app: AsyncApp, services: Services) -> None:
    async def on_reaction(event: dict, client, context, *, added: bool) -> None:
        item = event.get("item") or {}
        if item.get("type") != "message" or not event.get("user"):
            return
        community, actor = await services.who(client, context, event["user"])
        reply = await commands.react(
            services.core,
            community,
            actor=actor,
            platform="slack",
            channel=item["channel"],
            message_id=item["ts"],
            emoji=event["reaction"],
            added=added,
        )
        # A member's reaction on a card is just a reaction: answer only an editor whose
        # decision could not be applied (e.g. the item already ran).
        if reply is not None and not reply.ok and is_moderator(actor, community.config):
            await reply_privately(reply, web=client, user=actor.user_id, channel=item["channel"])

    @app.event("reaction_added")
    async def reaction_added(event: dict, client, context) -> None:
        await on_reaction(event, client, context, added=True)

    @app.event("reaction_removed")
    async def reaction_removed(event: dict, client, context) -> None:
        await on_reaction(event, client, context, added=False)
