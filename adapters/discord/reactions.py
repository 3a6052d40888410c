"""Reactions on review cards, from the raw gateway events.

Raw events fire for every message, cached or not, so a card posted before a restart can
still be decided. MESSAGE_REACTION_REMOVE carries no member, so the member is looked up
(cache, then REST) to report their roles; the core decides whether they count.
"""

from __future__ import annotations

import logging

import discord

from adapters.discord.identity import PLATFORM, actor_for
from bot.chat import commands
from bot.core import Core
from bot.review.emoji import EMOJI_NAMES

log = logging.getLogger("victories.discord")


def emoji_name(emoji: discord.PartialEmoji) -> str | None:
    """The configuration's name for an emoji (Discord sends the character; the settings name
    emoji the Slack way); custom emoji keep their own name."""
    if emoji.is_custom_emoji():
        return emoji.name
    return EMOJI_NAMES.get((emoji.name or "").replace("\ufe0f", ""))


async def _member(client: discord.Client, event: discord.RawReactionActionEvent):
    if event.member is not None:
        return event.member
    guild = client.get_guild(event.guild_id) if event.guild_id else None
    if guild is None:
        return None
    member = guild.get_member(event.user_id)
    if member is None:
        try:
            member = await guild.fetch_member(event.user_id)
        except discord.NotFound:
            return None
    return member


async def on_reaction(
    client: discord.Client,
    core: Core,
    event: discord.RawReactionActionEvent,
) -> None:
    """Relay a reaction on a card in the review channel to ``Core.react``."""
    name = emoji_name(event.emoji)
    if name is None or event.guild_id is None:
        return
    community = await core.communities.for_place("discord", str(event.guild_id))
    if str(event.channel_id) != community.config.discord.review_channel:
        return
    if client.user is not None and event.user_id == client.user.id:
        return
    member = await _member(client, event)
    if member is None:
        log.info("reaction ignored user=%s reason=not-a-member", event.user_id)
        return
    await commands.react(
        core,
        community,
        actor=actor_for(member, place=str(event.guild_id)),
        platform=PLATFORM,
        channel=str(event.channel_id),
        message_id=str(event.message_id),
        emoji=name,
        added=event.event_type == "REACTION_ADD",
    )
